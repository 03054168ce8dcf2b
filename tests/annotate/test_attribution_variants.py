"""Variants of reporting shapes the annotator handles (issue #11, generalisation): each family is
one wording class, tested with natural variants a new outlet could print instead of the form the
rule was first written on."""

from __future__ import annotations

import pytest

from tests.annotate.helpers import TOKAYEV, XI, said

PAIR = (XI, TOKAYEV)
LEAD = "Chinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev on Monday. "
CONTENT = "the situation in Afghanistan should be resolved through dialogue."


@pytest.mark.parametrize(
    "source",
    [
        "In Tokayev's view,",
        "In the view of the Kazakh president,",
        "In Tokayev\u2019s opinion,",
        "In the opinion of President Tokayev,",
        "As Tokayev put it,",
        "In the words of Tokayev,",
        "As stated by Tokayev,",
        "As per Tokayev,",
        "As pointed out by the Kazakh leader,",
    ],
)
def test_a_source_phrase_before_the_clause_attributes_it(source: str) -> None:
    assert said(LEAD + f"{source} {CONTENT}", PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]


def test_in_his_opinion_is_the_leader_who_spoke_last() -> None:
    text = LEAD + f"Tokayev spoke about the region. In his opinion, {CONTENT}"
    assert said(text, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]


@pytest.mark.parametrize(
    "subject",
    [
        "The Kazakh President Kassym-Jomart Tokayev",
        "The Kazakh President Tokayev",
        "The Kazakhstani president Kassym-Jomart Tokayev",
        "The Kazakh President, Kassym-Jomart Tokayev,",
        "Kazakhstan's head of state",
        "The leader of Kazakhstan",
        "The head of the Kazakh state",
    ],
)
def test_a_leader_described_by_country_and_office_is_the_subject(subject: str) -> None:
    assert said(LEAD + f"{subject} said that {CONTENT}", PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]


@pytest.mark.parametrize("verb", ["had assured him", "assured him", "has reassured us"])
def test_an_assurance_reported_without_that_is_the_pledgers(verb: str) -> None:
    text = LEAD + f"Xi told reporters that Tokayev {verb} the border with China would stay open."
    assert said(text, PAIR, "border") == [("Kassym-Jomart Tokayev",)]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was pointed out that the two countries should expand trade.",
        "It has been agreed that the two countries will expand trade.",
        "It was mutually agreed that the two countries will expand trade.",
        "It was jointly decided to expand trade between the two countries.",
        "It was proposed to expand trade between the two countries.",
        "It was determined that the two countries should expand trade.",
        "A decision was made to expand trade between the two countries.",
        "Trade was identified as a priority of the partnership.",
    ],
)
def test_an_agentless_report_of_the_result_is_joint(sentence: str) -> None:
    assert said(LEAD + sentence, PAIR, "rade") == [("Kassym-Jomart Tokayev", "Xi Jinping")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Kazakhstan will continue to support a peaceful settlement in Afghanistan.", "Kassym-Jomart Tokayev"),
        ("Kazakhstan continues to support a peaceful settlement in Afghanistan.", "Kassym-Jomart Tokayev"),
        ("Kazakhstan will also firmly support a peaceful settlement in Afghanistan.", "Kassym-Jomart Tokayev"),
        ("Kazakhstan would continue to back a peaceful settlement in Afghanistan.", "Kassym-Jomart Tokayev"),
        ("China will continue to oppose any interference in Afghanistan.", "Xi Jinping"),
        ("Tokayev will continue to support a peaceful settlement in Afghanistan.", "Kassym-Jomart Tokayev"),
        ("The Kazakh leader would urge all parties to seek a settlement in Afghanistan.", "Kassym-Jomart Tokayev"),
    ],
)
def test_a_modal_or_continued_stance_of_a_leader_or_his_country(sentence: str, speaker: str) -> None:
    assert said(LEAD + sentence, PAIR, "Afghanistan") == [(speaker,)]


@pytest.mark.parametrize(
    "sentence",
    [
        "At the end of the call, the head of state will raise the national flag in Afghanistan.",
        "Tokayev will visit Afghanistan in May.",
    ],
)
def test_a_modal_programme_is_no_position(sentence: str) -> None:
    assert said(LEAD + sentence, PAIR, "Afghanistan") == []


def test_a_modal_headline_is_the_outlets() -> None:
    headline = "China will support Kazakhstan\u2019s efforts on Afghanistan \u2013 President Xi"
    text = "Subscribe\n\nDaily news\n\n" + headline + "\n\n" + LEAD
    assert said(text, PAIR, "on Afghanistan") == []


@pytest.mark.parametrize(
    "subject",
    ["Both", "Both also", "Both men", "The two men", "Both the leaders", "Both of them"],
)
def test_a_bare_both_or_the_two_men_is_both_leaders(subject: str) -> None:
    text = LEAD + f"{subject} agreed that {CONTENT}"
    assert said(text, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev", "Xi Jinping")]


def test_both_before_names_is_not_a_subject_of_its_own() -> None:
    # "Both China and Kazakhstan ...": the countries are the subject, "Both" only coordinates them.
    text = LEAD + f"Both China and Kazakhstan agreed that {CONTENT}"
    assert said(text, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev", "Xi Jinping")]


@pytest.mark.parametrize(
    "relay",
    [
        "The presidential office announced Monday after the phone talks that",
        "The presidential office said Monday that",
        "The Akorda said on Monday that",
        "The presidential office said late Monday that",
    ],
)
def test_an_office_relaying_the_leader_after_the_day_of_the_call(relay: str) -> None:
    text = LEAD + f"{relay} Tokayev stressed that {CONTENT}"
    assert said(text, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]


@pytest.mark.parametrize(
    "verdict",
    [
        "\u201cThe conversation was direct and straightforward,\u201d Tokayev said.",
        "\u201cOur talks were frank and constructive,\u201d Tokayev said.",
        "\u201cThe meeting was held in a friendly atmosphere,\u201d Tokayev said.",
    ],
)
def test_a_leader_describing_the_call_states_no_position(verdict: str) -> None:
    assert said(LEAD + verdict, PAIR, "Tokayev said") == []


def test_a_description_of_the_call_with_content_after_it_keeps_the_position() -> None:
    text = LEAD + "\u201cThe conversation was good, and we agreed that " + CONTENT[:-1] + ",\u201d Tokayev said."
    assert said(text, PAIR, "Tokayev said") == [("Kassym-Jomart Tokayev", "Xi Jinping")]


@pytest.mark.parametrize(
    "subject",
    [
        "His Excellency Tokayev",
        "His Excellency President Kassym-Jomart Tokayev",
        "President Kassym-Jomart K. Tokayev",
        "His Excellency President Kassym-Jomart K. Tokayev",
    ],
)
def test_an_honorific_or_a_middle_initial_in_the_subject_keeps_the_leader(subject: str) -> None:
    text = LEAD + f"{subject} stressed that {CONTENT}"
    assert said(text, PAIR, "Afghanistan") == [("Kassym-Jomart Tokayev",)]
