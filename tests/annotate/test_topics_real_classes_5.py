"""Topic classes of real readouts, round 5 (issue #11): invented sentences, each a different
wording of a class seen in dev readouts of several outlets, with counter-examples that must
not fire. One class per test."""

from __future__ import annotations

import pytest

from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import BIDEN, KISHIDA, PUTIN, TOPICS, XI, run

MATCHER = TopicMatcher(TOPICS)
MUL = "multilateralism"


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The missile launches threaten peace and security in East Asia and the international community.",
        "Our goal is to pursue the freedom, peace and prosperity of the international community.",
        "Stability in the Strait is indispensable to the security and prosperity of the international community.",
        "All countries, big or small, are equal members of the international community.",
    ],
)
def test_the_international_community_as_the_world_at_stake_is_no_forum(sentence: str) -> None:
    assert MUL not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The international community must step up its engagement with Afghanistan.",
        "He called on the international community to provide humanitarian assistance to Gaza.",
        "China is ready to work with the international community for peace and stability.",
        "Peace requires the international community to assume its responsibilities.",
    ],
)
def test_the_international_community_that_acts_is_still_multilateralism(sentence: str) -> None:
    assert MUL in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Taiwan is an inalienable part of China's territory.",
        "Both Taiwan and Tibet are inalienable parts of China's territory, the Prime Minister said.",
        "The government in Beijing is the sole legal government representing the whole of China.",
        "He said Taiwan is an inseparable part of China.",
    ],
)
def test_the_one_china_formula_is_sovereignty(sentence: str) -> None:
    assert "sovereignty" in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The leaders called for respect of the inalienable rights of the Palestinian people.",
        "The legal government took office last year.",
    ],
)
def test_rights_or_a_government_alone_are_not_sovereignty(sentence: str) -> None:
    assert "sovereignty" not in topics_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("He thanked Japan for its help in rebuilding Irpin and Chernihiv.", "ukraine"),
        ("The leaders condemned the strike on Kramatorsk railway station.", "ukraine"),
        ("Raisi said the Zionist regime's crimes must be stopped.", "middle-east"),
        ("They called for a ceasefire in Khan Younis and the opening of Kerem Shalom.", "middle-east"),
        ("Both sides condemned the attacks by Hizbullah and Ansar Allah.", "middle-east"),
        ("He said trade through Torkham should resume soon.", "afghanistan"),
        ("The leaders discussed the TAPI gas pipeline and the CASA-1000 power line.", "afghanistan"),
        ("They condemned the statements of Kim Yo Jong.", "korean-peninsula"),
        ("He raised concern over drills near Kinmen.", "taiwan"),
        ("The Prime Minister raised the case of Jimmy Lai.", "hong-kong"),
        ("They rejected the nine-dash line and upheld the 2016 arbitral award.", "south-china-sea"),
        ("They agreed to fight the three evil forces.", "terrorism"),
        ("They agreed to stop the smuggling of Captagon across the border.", "drug-trafficking"),
        ("Cuba offered its Soberana and Abdala to the region.", "vaccines"),
        ("Both leaders praised the work of the International Monetary Fund.", "multilateralism"),
        ("They agreed to coordinate ahead of the Summit of the Americas.", "multilateralism"),
        ("He invited the Chancellor to COP-28 in Dubai.", "climate"),
        ("Putin said gas supplies through Power of Siberia will grow.", "trade"),
    ],
)
def test_a_topic_named_by_an_entity_of_its_family(sentence: str, slug: str) -> None:
    assert slug in topics_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Johnson and Biden agreed to meet again.", "vaccines"),
        ("King Abdullah thanked the President for his support.", "afghanistan"),
        ("The Americas and Europe share democratic values.", "multilateralism"),
        ("He said the three countries will meet again.", "terrorism"),
    ],
)
def test_a_word_near_an_entity_names_no_other_topic(sentence: str, slug: str) -> None:
    assert slug not in topics_of(sentence)


def position_topics(text: str, needle: str, participants=(PUTIN, XI)) -> set[str]:
    ann = run(text, participants=participants)
    return {t for p in ann.positions if needle in text[p.start : p.end] for t in p.topics}


@pytest.mark.parametrize(
    "opening",
    [
        "As to the Iran nuclear talks",
        "Referring to the developments in Syria",
        "When it comes to the situation in Gaza",
        "Discussing the Middle East",
        "Touching upon the Iran question",
    ],
)
def test_a_frame_in_other_words_carries_its_topic_through_the_paragraph(opening: str) -> None:
    text = f"Putin and Xi spoke. {opening}, Putin said he was worried. He added that all parties must show restraint."
    assert "middle-east" in position_topics(text, "show restraint")


def test_a_frame_does_not_carry_into_the_next_paragraph() -> None:
    text = (
        "Putin and Xi spoke. As to the Iran nuclear talks, Putin said he was worried.\n\n"
        "He added that all parties must show restraint."
    )
    assert "middle-east" not in position_topics(text, "show restraint")


@pytest.mark.parametrize(
    "sentence",
    [
        "Cuba supports the global development and security initiatives.",
        "He said the Global Governance Initiative is of great significance.",
        "Both sides will implement the three global initiatives.",
        "Pakistan supports the Global Development, Security and Civilization Initiatives.",
    ],
)
def test_chinas_global_initiatives_in_any_wording_are_multilateralism(sentence: str) -> None:
    assert MUL in topics_of(sentence)


def test_a_global_development_without_an_initiative_is_not_a_forum() -> None:
    assert MUL not in topics_of("China's development brings opportunities for development across the world.")


@pytest.mark.parametrize(
    ("second", "needle"),
    [
        ("He said the two countries would stand firm in the face of those threats.", "those threats"),
        ("He added that only together can the region meet these challenges.", "these challenges"),
        ("He said they would keep in contact on all the mentioned issues.", "mentioned issues"),
        ("In that spirit, he said Moscow would send its experts.", "In that spirit"),
    ],
)
def test_a_position_referring_back_keeps_the_topic_of_the_one_before(second: str, needle: str) -> None:
    text = f"Putin and Xi spoke. Putin said Iran's nuclear programme must stay peaceful. {second}"
    assert "middle-east" in position_topics(text, needle)


def test_the_other_speakers_challenges_do_not_take_the_topic_before() -> None:
    text = (
        "Putin and Xi spoke. Putin said Iran's nuclear programme must stay peaceful. "
        "Xi said these challenges need a global answer."
    )
    assert "middle-east" not in position_topics(text, "global answer")


@pytest.mark.parametrize(
    "second",
    [
        "Putin said both sides would support peace and stability in the region.",
        "Xi said the security of the region was their shared concern.",
    ],
)
def test_the_regions_own_peace_is_no_cue_of_the_afghan_subject(second: str) -> None:
    text = f"Putin and Xi discussed Afghanistan. {second}"
    got = position_topics(text, second[:20])
    assert "afghanistan" not in got and "regional-security" in got


def test_the_region_still_names_the_afghan_subject_elsewhere() -> None:
    text = "Putin and Xi discussed Afghanistan. Xi said the region must not become a haven for anyone."
    assert "afghanistan" in position_topics(text, "haven for anyone")


@pytest.mark.parametrize(
    "second",
    [
        "They opposed attempts to change the status quo in the East China Sea.",
        "They opposed actions that would change the regional status quo near the East China Sea.",
        "They opposed changes to the status quo by force in the East and South China Seas.",
    ],
)
def test_the_status_quo_of_a_sea_or_the_region_is_no_taiwan_cue(second: str) -> None:
    text = f"Kishida and Biden discussed Taiwan. {second}"
    assert "taiwan" not in position_topics(text, second[:25], participants=(KISHIDA, BIDEN))


def test_the_status_quo_alone_in_a_taiwan_readout_is_still_taiwan() -> None:
    text = "Kishida and Biden discussed Taiwan. They opposed any attempt to change the status quo."
    assert "taiwan" in position_topics(text, "any attempt", participants=(KISHIDA, BIDEN))


@pytest.mark.parametrize(
    ("subject", "second", "slug"),
    [
        ("Ukraine", "Xi stressed the need for a peaceful solution.", "ukraine"),
        ("Ukraine", "Xi backed a negotiated political settlement.", "ukraine"),
        ("Afghanistan", "Xi backed a diplomatic settlement.", "afghanistan"),
        ("Gaza", "Xi said only an inclusive political solution would last.", "middle-east"),
    ],
)
def test_a_settlement_of_the_subject_conflict_in_any_words(subject: str, second: str, slug: str) -> None:
    text = f"Putin and Xi discussed {subject}. {second}"
    assert slug in position_topics(text, second[:20])


@pytest.mark.parametrize(
    "second",
    [
        "They stressed the importance of peace and stability across the Taiwan Strait.",
        "They declared the importance of cross-strait peace.",
        "They encouraged the peaceful resolution of cross-Strait issues.",
        "They called for lasting peace on the Korean Peninsula.",
    ],
)
def test_another_named_conflicts_peace_is_no_cue_of_the_subject(second: str) -> None:
    text = f"Kishida and Biden discussed Ukraine. {second}"
    assert "ukraine" not in position_topics(text, second[:20], participants=(KISHIDA, BIDEN))


def test_peace_alone_is_still_a_cue_of_the_subject() -> None:
    text = "Kishida and Biden discussed Ukraine. They called for a just and lasting peace."
    assert "ukraine" in position_topics(text, "just and lasting", participants=(KISHIDA, BIDEN))


@pytest.mark.parametrize(
    "sentence",
    [
        "The visit reaffirmed our close economic relationship.",
        "Transit routes can help develop economic relationships between Iran and Central Asia.",
        "They stressed that commercial relationships must be balanced and mutually beneficial.",
    ],
)
def test_the_economic_relationship_is_trade(sentence: str) -> None:
    assert "trade" in topics_of(sentence)


def test_a_relationship_alone_is_no_trade() -> None:
    assert "trade" not in topics_of("The leaders praised the close relationship between the two peoples.")
