"""More variants of reporting shapes (issue #11, generalisation), second round: each family is one
wording class, tested with natural variants a new outlet could print."""

from __future__ import annotations

import pytest

from app.annotate import split_sentences
from tests.annotate.helpers import MELONI, MODI, TOKAYEV, XI, said

PAIR = (XI, TOKAYEV)
LEAD = "Chinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev on Monday. "
INDIA_LEAD = (
    "Indian Prime Minister Narendra Modi held a phone call with Italian Prime Minister Giorgia Meloni on Monday. "
)


@pytest.mark.parametrize(
    "sentence",
    [
        "India calls for a peaceful resolution of the situation in Afghanistan.",
        "India strongly calls for a peaceful resolution of the situation in Afghanistan.",
        "India called for a peaceful resolution of the situation in Afghanistan.",
        "India urges a peaceful resolution of the situation in Afghanistan.",
        "New Delhi calls for a peaceful resolution of the situation in Afghanistan.",
        "India believes in a peaceful resolution of the situation in Afghanistan.",
        "India firmly believes in a peaceful resolution of the situation in Afghanistan.",
        "India values its partnership with Italy on Afghanistan.",
        "India highly values its partnership with Italy on Afghanistan.",
        "India stands for a peaceful resolution of the situation in Afghanistan.",
        "India stood for a peaceful resolution of the situation in Afghanistan.",
    ],
)
def test_a_participants_country_calling_for_or_standing_for_is_its_leader(sentence: str) -> None:
    assert said(INDIA_LEAD + sentence, (MODI, MELONI), "Afghanistan") == [("Narendra Modi",)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kazakhstan stands for a peaceful resolution of the situation in Afghanistan.",
        "Kazakhstan consistently stands for a peaceful resolution of the situation in Afghanistan.",
        "Astana calls for a peaceful resolution of the situation in Afghanistan.",
        "Kazakhstan values its cooperation with China on Afghanistan.",
    ],
)
def test_a_country_stance_verb_kazakhstan(sentence: str) -> None:
    assert said(LEAD + sentence, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]


def test_a_compass_initial_before_a_country_name_does_not_end_the_headline() -> None:
    text = (
        "Moon says S. Korea will push for vaccine supplies to North Korea\n\n"
        "South Korean President Moon Jae-in met Austrian President Alexander Van der Bellen."
    )
    assert [text[a:b] for a, b in split_sentences(text)][0] == (
        "Moon says S. Korea will push for vaccine supplies to North Korea"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Tokayev's view was that the situation in Afghanistan should be resolved through dialogue.",
        "Tokayev\u2019s view was that the situation in Afghanistan should be resolved through dialogue.",
        "President Tokayev's view is that the situation in Afghanistan should be resolved through dialogue.",
        "The Kazakh president's position was that the situation in Afghanistan should be resolved through dialogue.",
        "Mr Tokayev's opinion was that the situation in Afghanistan should be resolved through dialogue.",
        "Tokayev's firm belief is that the situation in Afghanistan should be resolved through dialogue.",
        "The Kazakh leader's stance remains that the situation in Afghanistan should be resolved through dialogue.",
    ],
)
def test_a_possessive_view_is_its_owners_position(sentence: str) -> None:
    assert said(LEAD + sentence, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tokayev's proposal to settle Afghanistan through dialogue was supported by Xi.",
        "The Kazakh president's initiative to settle Afghanistan through dialogue was welcomed by Xi.",
        "Mr Tokayev's idea of settling Afghanistan through dialogue was fully backed by the Chinese leader.",
        "Tokayev's proposal to settle Afghanistan through dialogue was endorsed by President Xi Jinping.",
        "Tokayev's plan to settle Afghanistan through dialogue was supported by the Chinese side during the talks.",
        "The proposal to settle Afghanistan through dialogue was supported by Xi.",
    ],
)
def test_a_passive_with_a_participant_as_agent_is_the_agents_stance(sentence: str) -> None:
    assert said(LEAD + sentence, PAIR, "Afghanistan") == [("Xi Jinping",)]
