"""Participants in real readouts whose leaders the registry may lack (issue #11): the leader is
found by the text's own wording of his office, country and name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant, annotate, load_topic_specs

REPO = Path(__file__).resolve().parents[2]
TOPICS = load_topic_specs(REPO / "data" / "topics.yaml")
PARTS = [
    Participant("Sooronbai Jeenbekov", "President", "Kyrgyzstan"),
    Participant("Xi Jinping", "President", "China"),
]
NEPAL = [
    Participant("Sher Bahadur Deuba", "Prime Minister", "Nepal"),
    Participant("Narendra Modi", "Prime Minister", "India"),
]
COLOMBIA = [
    Participant("Ivan Duque", "President", "Colombia"),
    Participant("Joe Biden", "President", "United States"),
]


def speakers(text: str, parts: list[Participant]) -> list[tuple[str, ...]]:
    return [p.speakers for p in annotate(text, topics=TOPICS, participants=parts).positions]


# -- "the <Title> of <Country> <Name>" closing a quotation is one mention of that leader ---------


@pytest.mark.parametrize(
    ("text", "parts", "who"),
    [
        (
            "\u00abTaiwan is an integral part of China's territory,\u00bb the President of Kyrgyzstan Sooronbai "
            "Jeenbekov stated at a meeting with the PRC President Xi Jinping.",
            PARTS,
            "Sooronbai Jeenbekov",
        ),
        (
            '"Our countries will expand trade and connectivity," the Prime Minister of Nepal Sher Bahadur Deuba '
            "said after the talks.",
            NEPAL,
            "Sher Bahadur Deuba",
        ),
        (
            '"We support the peace process," the president of Colombia Ivan Duque stated during the call.',
            COLOMBIA,
            "Ivan Duque",
        ),
    ],
)
def test_titled_name_of_a_country_closing_a_quotation_is_the_speaker(
    text: str, parts: list[Participant], who: str
) -> None:
    assert speakers(text, parts) == [(who,)]


def test_office_first_apposition_leaves_the_relative_clause_to_the_other_leader() -> None:
    # "The president of Colombia, Ivan Duque," is one mention, so ", who announced" is Biden's
    text = (
        "The president of Colombia, Ivan Duque, spoke by telephone with his American counterpart Joe Biden "
        "on Monday, who announced a donation of two million vaccines to Colombia."
    )
    assert ("Joe Biden",) in speakers(text, COLOMBIA)


def test_the_office_alone_still_denotes_its_holder() -> None:
    assert speakers('"Taiwan is part of China," the President of Kyrgyzstan said.', PARTS) == [("Sooronbai Jeenbekov",)]


def test_a_spokesman_of_the_titled_leader_is_not_the_leader() -> None:
    text = '"Taiwan is part of China," the spokesman of the President of Kyrgyzstan Sooronbai Jeenbekov said.'
    assert speakers(text, PARTS) == []
