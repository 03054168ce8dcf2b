"""Participants inferred from a readout's title and lead (issue #11, the participants-inferred
class): shapes every outlet uses, checked on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant
from app.annotate.leaders import infer_participants
from app.annotate.sentences import split_sentences
from app.ingest.seed_files import read_leaders

REPO = Path(__file__).resolve().parents[2]
REGISTRY = [
    Participant(le.name, le.office, le.country, le.gender, le.aliases)
    for le in read_leaders(REPO / "data" / "leaders.yaml")
]


def names(text: str, title: str = "", known: bool = True) -> list[str]:
    return [p.name for p in infer_participants(text, split_sentences(text), REGISTRY if known else (), title=title)]


@pytest.mark.parametrize(
    "title",
    [
        "President Tokayev Holds Talks with Emir of Qatar, Explores Energy Projects",
        "President Tokayev Meets Emir of Qatar, Reviews Investment Ties",
        "President Tokayev Receives Emir of Qatar, Addresses Transit Routes",
    ],
)
def test_a_title_case_headline_verb_after_an_office_is_no_leader(title: str) -> None:
    text = (
        "Kazakh President Kassym-Jomart Tokayev and Emir of Qatar Sheikh Tamim bin Hamad Al Thani "
        "talked about new rail links at a meeting in Astana on 3 March 2024."
    )
    got = names(text, title=title)
    assert got == ["Kassym-Jomart Tokayev", "Tamim bin Hamad Al Thani"], got


@pytest.mark.parametrize(
    "text",
    [
        "A telephone conversation took place on Monday between Alvaro Mendes and Tomas Kovar, at Slovakia's request.",
        "Talks between Alvaro Mendes and Tomas Kovar were held in Lisbon on Monday.",
    ],
)
def test_the_two_untitled_names_a_communication_is_between_are_its_participants(text: str) -> None:
    # leaders the registry lacks (new outlets' copy): the wording alone names them
    got = names(text + " The presidents discussed the grain corridor.", known=False)
    assert got == ["Alvaro Mendes", "Tomas Kovar"], got


def test_countries_a_communication_is_between_are_no_leaders() -> None:
    text = "A call between Costa Rica and Papua New Guinea took place on Monday. The leaders discussed fisheries."
    assert names(text, known=False) == []


@pytest.mark.parametrize(
    "second",
    [
        "Kallas met Biden together with the Latvian president, Egils Levits, and the Lithuanian president, "
        "Gitanas Nauseda, in a side room.",
        "Kallas, joined by President Egils Levits of Latvia and President Gitanas Nauseda of Lithuania, met Biden.",
    ],
)
def test_leaders_joining_the_meeting_the_lead_reports_are_participants(second: str) -> None:
    text = (
        "Estonian Prime Minister Kaja Kallas met US President Joe Biden in Brussels on 14 June 2021. "
        + second
        + " The four leaders pledged to deepen defence ties."
    )
    assert names(text) == ["Kaja Kallas", "Joe Biden", "Egils Levits", "Gitanas Nausėda"]


def test_a_leader_named_after_a_joining_cue_with_no_participant_before_it_is_no_party() -> None:
    text = (
        "Estonian Prime Minister Kaja Kallas met US President Joe Biden in Brussels on 14 June 2021. "
        "Earlier, a delegation met officials together with President Egils Levits of Latvia."
    )
    assert names(text) == ["Kaja Kallas", "Joe Biden"]


def test_a_subject_pairing_the_participant_found_with_a_titled_leader_names_the_other_side() -> None:
    text = (
        "Portugal's President Alvaro Mendes underlined that the transition must be orderly. "
        "President Alvaro Mendes and Prime Minister Tomas Kovar voiced hopes for calm at the border."
    )
    assert names(text, known=False) == ["Alvaro Mendes", "Tomas Kovar"]


def test_a_titled_leader_paired_with_someone_else_is_no_party() -> None:
    text = (
        "Portugal's President Alvaro Mendes underlined that the transition must be orderly. "
        "Mayor Rui Costa and Prime Minister Tomas Kovar opened a bridge in Porto last year."
    )
    assert names(text, known=False) == ["Alvaro Mendes"]


@pytest.mark.parametrize(
    "text",
    [
        "President Alvaro Mendes spoke Saturday with Tomas Kovar for the first time since the election.",
        "Portuguese leader Alvaro Mendes has told Tomas Kovar that the border will stay open.",
    ],
)
def test_the_untitled_full_name_a_participant_talked_with_or_told_is_the_other_side(text: str) -> None:
    assert names(text, known=False) == ["Alvaro Mendes", "Tomas Kovar"]


def test_an_outlet_a_leader_spoke_with_is_no_participant() -> None:
    text = "President Alvaro Mendes spoke with Xinhua News Agency on Monday about the border."
    assert names(text, known=False) == ["Alvaro Mendes"]
