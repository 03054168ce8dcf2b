"""Bilateral relations against multilateralism (issue #11): who the cooperation is with.
The guidelines' bilateral-relations is the participants' relationship or their cooperation;
cooperation with third countries at large, humanity or the international community is
multilateralism, and each side's own affairs ("in both countries") are neither. Invented
one-sentence fixtures, one class per test."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import MACRON, MODI, PUTIN, TOPICS, XI, ZELENSKY, run

MATCHER = TopicMatcher(TOPICS)
BIL, MUL = "bilateral-relations", "multilateralism"


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


def position_topics(text: str, needle: str, participants=(PUTIN, XI)) -> set[str]:
    ann = run(text, participants=participants)
    return {t for p in ann.positions if needle in text[p.start : p.end] for t in p.topics}


@pytest.mark.parametrize(
    "sentence",
    [
        "China is willing to work with other countries to build a global community of health.",
        "He stressed the need for coordination and cooperation among all the countries to fight the pandemic.",
        "Only with solidarity and collaboration can mankind get through difficulties.",
        "Both underscored the significance of international collaboration in addressing global challenges.",
    ],
)
def test_cooperation_with_countries_at_large_is_multilateral_not_bilateral(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


@pytest.mark.parametrize(
    "sentence",
    [
        "They stressed the importance of a coordinated response to the crisis.",
        "Recognition should happen on a coordinated, rather than unilateral, basis.",
        "He underscored the importance of coordinated approaches in addressing the situation.",
        "The leaders discussed vaccination efforts in both countries.",
        "They backed the measures taken in the two countries to counter the epidemic.",
        "The international community had to come together on Afghanistan.",
    ],
)
def test_a_manner_or_each_sides_own_affairs_is_not_the_relationship(sentence: str) -> None:
    assert BIL not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries will coordinate closely on vaccines.",
        "They agreed to work together with each other on climate.",
        "They stressed the need to deepen cooperation in both countries' interest.",
        "Cooperation between the two countries will grow.",
    ],
)
def test_the_pairs_own_cooperation_stays_bilateral(sentence: str) -> None:
    assert BIL in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "It was essential for the world community to stay engaged.",
        "The states are committed to strengthening regional and international security and cooperation.",
        "China supports Cambodia in playing an important role on the international stage.",
        "He confirmed his participation in the Peace Summit.",
    ],
)
def test_the_wider_international_community_by_other_names_is_multilateral(sentence: str) -> None:
    assert MUL in topics_of(sentence)


def test_the_summit_of_a_forum_readout_is_multilateral() -> None:
    text = (
        "Putin and Xi discussed the SCO summit. Putin said the upcoming summit would strengthen trust. "
        "Xi said member states must act."
    )
    assert MUL in position_topics(text, "upcoming summit", participants=(PUTIN, XI))
    assert MUL in position_topics(text, "member states", participants=(PUTIN, XI))
    other = "Putin and Xi spoke on trade. Putin said the upcoming summit would strengthen trust."
    assert MUL not in position_topics(other, "upcoming summit", participants=(PUTIN, XI))


def test_the_worlds_peace_is_not_regional_security() -> None:
    assert "regional-security" not in topics_of("They stressed the foundations of global peace and stability.")
    assert "regional-security" in topics_of("They stressed peace and stability in the region.")


def test_what_one_side_sends_the_other_is_their_relationship() -> None:
    hun_sen = Participant("Hun Sen", "Prime Minister", "Cambodia", "male")
    text = "Xi and Hun Sen spoke. Xi pledged another 20 million vaccine doses to Cambodia."
    got = position_topics(text, "doses to Cambodia", participants=(XI, hun_sen))
    assert {"vaccines", BIL} <= got
    own = "Xi and Hun Sen spoke. Xi said China will produce another 20 million vaccine doses."
    assert BIL not in position_topics(own, "produce", participants=(XI, hun_sen))


@pytest.mark.parametrize(
    "sentence",
    [
        "It is intended to make the most of the potential of the Shanghai Cooperation Organization.",
        "He called for unity within the Organization of Islamic Cooperation.",
        "He welcomed the UK's interest in joining the Agreement for Trans-Pacific Partnership.",
        "They discussed the Collective Security Treaty Organization summit.",
    ],
)
def test_a_word_of_an_institutions_name_is_the_institution(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


@pytest.mark.parametrize(
    "sentence",
    [
        "Cooperation between regional countries turns many threats into opportunities.",
        "The coordination modalities agreed between SAARC countries were being implemented.",
    ],
)
def test_cooperation_among_a_group_of_countries_is_multilateral(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


def test_a_relationship_with_other_developing_countries_is_not_multilateral() -> None:
    got = topics_of("Their cooperation sets an example for relations between developing countries.")
    assert MUL not in got


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("Trade exceeded the level before the coronavirus pandemic.", "covid-19"),
        ("They see the partnership's potential in the post-COVID context.", "covid-19"),
        ("They exchanged views on addressing economic security challenges.", "regional-security"),
        ("The ties between Guatemala and Taiwan are unbreakable.", "taiwan"),
        ("Guatemala is a strong diplomatic ally of Taiwan.", "taiwan"),
    ],
)
def test_a_time_frame_another_security_or_a_side_of_a_relationship_is_no_topic(sentence: str, topic: str) -> None:
    assert topic not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("The pandemic hit the economy hard.", "covid-19"),
        ("They discussed security challenges in the region.", "regional-security"),
        ("Guatemala supports Taiwan's participation in the UN.", "taiwan"),
    ],
)
def test_the_topic_itself_still_counts(sentence: str, topic: str) -> None:
    assert topic in topics_of(sentence)


def test_the_addressee_of_a_relationship_verb_is_the_other_side() -> None:
    text = "Putin and Xi spoke. Xi assured Putin of continued support in the fight against the pandemic."
    assert BIL in position_topics(text, "assured Putin")
    told = "Putin and Xi spoke. Xi told Putin that the pandemic must be fought."
    assert BIL not in position_topics(told, "told Putin")
    forum = "Putin and Xi spoke. Xi invited Putin to the BRICS summit in Kazan."
    assert BIL not in position_topics(forum, "invited Putin")


def test_a_war_readouts_peace_summit_and_russia_are_the_war() -> None:
    text = (
        "Zelensky and Trudeau discussed the war in Ukraine. Zelensky said Canada's attendance at the Peace Summit "
        "was critical. Zelensky said Russians should be ready to engage in real diplomacy."
    )
    trudeau = Participant("Justin Trudeau", "Prime Minister", "Canada", "male")
    assert "ukraine" in position_topics(text, "Peace Summit", participants=(ZELENSKY, trudeau))
    assert "ukraine" in position_topics(text, "Russians should", participants=(ZELENSKY, trudeau))
    other = "Macron and Modi discussed trade. Macron said Russians should be ready to buy more grain."
    assert "ukraine" not in position_topics(other, "Russians should", participants=(MACRON, MODI))


@pytest.mark.parametrize(
    "sentence",
    [
        "ASEAN and China support peacekeeping, stability, development and prosperity in the region.",
        "He stressed that a peaceful and stable Afghanistan was critically important for Pakistan and the region.",
        "Escalation would only deepen insecurity in the Middle East.",
        "They made a case for a stable Taiwan Strait.",
        "They declared the importance of cross-strait peace.",
        "He conveyed serious concerns over the Chinese military's growing activity.",
    ],
)
def test_the_regions_security_in_other_words(sentence: str) -> None:
    assert "regional-security" in topics_of(sentence)


def test_aid_sent_to_the_region_is_not_its_security() -> None:
    assert "regional-security" not in topics_of("They agreed to increase humanitarian aid to the region.")


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("The leaders condemned the attacks on commercial ships transiting the area.", "trade"),
        ("They cooperate in the commercialization of vaccines.", "trade"),
        ("Europe has important duties to resolve the issue of migration.", "trade"),
        ("Turkey expects NATO ally Italy to respond appropriately.", MUL),
        ("They met on the sidelines of the Shanghai Cooperation Organisation (SCO) Council of Heads of State.", MUL),
    ],
)
def test_a_kind_an_obligation_or_an_occasion_is_no_topic(sentence: str, topic: str) -> None:
    assert topic not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("He opposed punitive duties on steel.", "trade"),
        ("They will expand commercial ties.", "trade"),
        ("They will work together alongside other NATO allies.", MUL),
    ],
)
def test_trade_and_the_alliance_themselves_still_count(sentence: str, topic: str) -> None:
    assert topic in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "They praised the role of FOCAC in advancing cooperation between China and Africa.",
        "He welcomed the continued strengthening of ASEAN-China cooperation.",
        "It will further strengthen the relationship between the United States and the region.",
    ],
)
def test_a_relationship_with_a_region_or_bloc_is_multilateral(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin welcomed more Chinese investments in the special economic zones.",
        "Putin said that leading Russian companies were ready to build the new plant.",
    ],
)
def test_a_participants_investments_or_companies_are_the_pairs_economic_ties(sentence: str) -> None:
    assert BIL in position_topics(f"Putin and Xi spoke on Monday. {sentence}", "Putin ")


def test_the_speakers_own_workers_and_companies_are_no_relationship() -> None:
    text = "Putin and Xi spoke on Monday. Putin said Russian workers and companies must compete on equal terms."
    assert BIL not in position_topics(text, "compete")


@pytest.mark.parametrize(
    "sentence",
    [
        "The leaders acknowledged our nations' long shared history.",
        "Trust has let their economies grow closely intertwined.",
        "He spoke of the bond of brotherhood that unites them.",
        "They praised the long-standing connections between our peoples.",
    ],
)
def test_the_pair_named_together_or_what_binds_them_is_their_relationship(sentence: str) -> None:
    assert BIL in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "They welcomed the admiration for the late Queen by people in both their countries.",
        "He discussed the issuance of green bonds for climate finance.",
        "He condemned the Muslim Brotherhood.",
    ],
)
def test_each_sides_own_people_or_a_financial_bond_is_no_relationship(sentence: str) -> None:
    assert BIL not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He will keep close coordination with his European partners and allies.",
        "The mission is delivered with other partners.",
    ],
)
def test_the_speakers_partners_at_large_are_multilateral_not_bilateral(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


def test_a_participants_relationship_with_a_bloc_survives_the_blanking_of_its_name() -> None:
    text = "Putin and Xi spoke on Monday. Xi praised the growing cooperation between China and Africa."
    got = position_topics(text, "Africa")
    assert MUL in got and BIL not in got
    text = "Putin and Xi spoke. Xi praised cooperation between China and Central and Eastern European countries."
    assert MUL in position_topics(text, "European")


@pytest.mark.parametrize(
    "sentence",
    [
        "Trilateral cooperation between South Korea, the U.S. and Japan is crucial.",
        "They agreed to deepen three-way cooperation with Washington.",
        "He praised the close coordination between the EU, the UK and the US.",
        "She welcomed the partnership among India, Japan and Australia.",
    ],
)
def test_cooperation_of_three_or_more_is_multilateralism_not_the_pair(sentence: str) -> None:
    got = topics_of(sentence)
    assert MUL in got and BIL not in got


def test_the_pair_beside_a_trilateral_format_keeps_its_relationship() -> None:
    assert {BIL, MUL} <= topics_of("They agreed to strengthen bilateral ties and trilateral cooperation.")
    assert BIL in topics_of("Cooperation between South Korea and Japan is important.")
