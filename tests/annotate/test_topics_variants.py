"""Topic variants (issue #11): the natural variants of the topic shapes the annotator already handles, one
parametrised test per wording family (other frame verbs, circumstance phrases, entity spellings, ...).
Invented mini-readouts: a lead naming both participants, then the sentences under test."""

from __future__ import annotations

import pytest

from tests.annotate.helpers import PUTIN, XI, run

LEAD = "Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on Wednesday."


def last_topics(*sentences: str) -> set[str]:
    """Topics of the positions in the last of the sentences, after the lead."""
    text = " ".join((LEAD, *sentences))
    start = text.rindex(sentences[-1])
    found = [p for p in run(text, participants=(XI, PUTIN)).positions if p.start >= start]
    assert found, f"no position in {sentences[-1]!r}"
    return {t for p in found for t in p.topics}


@pytest.mark.parametrize(
    "frame",
    [
        "Commenting on the situation in Afghanistan",
        "Addressing the Afghan issue",
        "In respect of Afghanistan",
        "Talking about Afghanistan",
        "As far as Afghanistan is concerned",
        "Speaking on Afghanistan",
        "Asked about Afghanistan",
        "Dwelling on Afghanistan",
        "Focusing on Afghanistan",
        "In regard to Afghanistan",
        "Moving on to Afghanistan",
    ],
)
def test_a_frame_in_other_words_carries_its_topic_through_the_paragraph(frame: str) -> None:
    # like "Regarding X," / "On X,": the frame sets the topic of what follows in its paragraph
    got = last_topics(
        f"{frame}, Putin said the risks remained high.", "Xi said dialogue among all parties was the only way forward."
    )
    assert "afghanistan" in got


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said that in the midst of the pandemic, trade between the two countries grew by 20 percent.",
        "Putin said that even in the pandemic year, trade between the two countries grew by 20 percent.",
        "Putin said that even under the pandemic, trade between the two countries grew by 20 percent.",
        "Putin said that although the pandemic hit both countries, trade between the two countries grew by 20 percent.",
        "Putin said that even though the pandemic hit both countries, trade between them grew by 20 percent.",
        "Putin said trade between the two countries grew by 20 percent even in the hard conditions of the pandemic.",
        "Putin said trade between the two countries grew by 20 percent under the harsh conditions of the pandemic.",
    ],
)
def test_circumstance_in_other_words_is_no_topic(sentence: str) -> None:
    # guidelines: "despite the pandemic, trade grew" is trade, not covid-19
    got = last_topics(sentence)
    assert "trade" in got and "covid-19" not in got


def test_what_is_faced_is_still_a_topic() -> None:
    # "in the face of" names what is dealt with, no circumstance
    got = last_topics("Xi said that in the face of the pandemic, both governments had put people's lives first.")
    assert "covid-19" in got


KOREA_LEAD = "The two leaders exchanged views on North Korea."


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi said the situation on the peninsula was at a crossroads.",
        "Putin said the peninsula issue should be solved through dialogue.",
        "Xi said tensions on the peninsula must be eased.",
        "Putin said the Peninsula question required patience.",
        "Xi said China was committed to peace and stability on the peninsula.",
        "Putin said the nuclear issue should be solved politically.",
        "Xi said a lasting peace mechanism on the peninsula should be built.",
        "Putin said the two Koreas should resume dialogue.",
    ],
)
def test_the_peninsula_named_without_korea_in_a_readout_about_it(sentence: str) -> None:
    assert "korean-peninsula" in last_topics(KOREA_LEAD, sentence)


def test_the_peninsula_in_a_readout_about_something_else_is_no_korea() -> None:
    got = last_topics("The two leaders exchanged views on the Ukraine crisis.", "Putin said the peninsula was Russian.")
    assert "korean-peninsula" not in got


@pytest.mark.parametrize(
    "sentence",
    ["Putin said the Taleban must keep their promises.", "Putin said the Talibans must keep their promises."],
)
def test_the_taliban_in_other_spellings(sentence: str) -> None:
    assert "afghanistan" in last_topics(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said Russia would increase its cooperation with African countries.",
        "Xi said China had strengthened its partnership with the countries of the Global South.",
        "Xi said China would deepen cooperation with Latin American countries.",
        "Putin said Russia was developing ties with Arab states.",
        "Xi said China valued its relations with Central Asian countries.",
        "Putin said Russia would expand cooperation with Asian nations.",
        "Xi said China would strengthen cooperation with developing countries.",
        "Putin said Russia was interested in cooperating with the countries of the region.",
        "Xi said China was ready to work with Pacific island countries.",
        "Putin said Russia would deepen relations with European states.",
    ],
)
def test_one_sides_cooperation_with_a_group_of_countries_is_not_the_pair(sentence: str) -> None:
    # guidelines: bilateral-relations is the participants' relationship, not one side's own policy
    assert "bilateral-relations" not in last_topics(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi said China was ready to deepen cooperation with Russia.",
        "Xi said China valued its relations with Russia and with Central Asian countries.",
        "Putin said the two countries should cooperate with African countries and with each other.",
    ],
)
def test_cooperation_with_the_other_side_stays_the_pair(sentence: str) -> None:
    assert "bilateral-relations" in last_topics(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said the two countries respected each other's independence.",
        "Xi said the unity and integrity of the country must be preserved.",
        "Putin said each nation had the right to determine its own future.",
        "Xi said China respected the development paths independently chosen by the people of each country.",
    ],
)
def test_sovereignty_in_other_words(sentence: str) -> None:
    # guidelines: national sovereignty, independence, territorial integrity, a country's own development path
    assert "sovereignty" in last_topics(sentence)


def test_an_integrity_of_character_is_no_sovereignty() -> None:
    assert "sovereignty" not in last_topics("Putin praised the integrity of the negotiators.")


@pytest.mark.parametrize(
    ("subject", "topic"),
    [
        ("The two leaders discussed the situation in Afghanistan after the Taliban took power.", "afghanistan"),
        ("The two leaders discussed the war in Ukraine.", "ukraine"),
        ("The two leaders discussed the war in Gaza.", "middle-east"),
    ],
)
@pytest.mark.parametrize(
    "sentence",
    [
        "Both sides stressed the importance of ensuring the safety of civilians.",
        "Both sides called for resolving the pressing humanitarian issues.",
        "Xi said the protection of civilian lives must come first.",
    ],
)
def test_the_human_cost_in_a_readout_about_a_conflict_is_that_conflict(subject: str, topic: str, sentence: str) -> None:
    assert topic in last_topics(subject, sentence)


def test_the_human_cost_in_a_readout_about_something_else_is_no_conflict() -> None:
    got = last_topics("The two leaders discussed trade and investment.", "Xi called for protecting civilians.")
    assert not got & {"afghanistan", "ukraine", "middle-east"}
