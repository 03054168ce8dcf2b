"""Participants in real readouts whose leaders the registry may lack (issue #11): the leader is
found by the text's own wording of his office, country and name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant, annotate, load_topic_specs
from app.annotate.leaders import infer_participants
from app.annotate.sentences import split_sentences

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


# -- leaders the registry lacks, named without a title as the sentence's subject ---------------


def unknown(text: str, title: str = "") -> list[str]:
    """The names inferred with no registry at all: leaders of new copy the registry lacks."""
    return sorted(p.name for p in infer_participants(text, split_sentences(text), (), title=title))


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Ana Rodrigues has told Brazilian President Carlos Mendes that the border must stay open.",
            ["Ana Rodrigues", "Carlos Mendes"],
        ),
        (
            "Tomas Varga and Petra Holm have spoken on the phone after the floods in the north.",
            ["Petra Holm", "Tomas Varga"],
        ),
        (
            "Tomas Varga maintained a telephone dialogue with his Swedish counterpart Petra Holm on Monday.",
            ["Petra Holm", "Tomas Varga"],
        ),
        (
            "Liu Wen and Chilean President Mateo Rojas agreed on a new era of relations.",
            ["Liu Wen", "Mateo Rojas"],
        ),
    ],
)
def test_untitled_subject_name_of_the_communication_is_a_participant(text: str, who: list[str]) -> None:
    assert unknown(text) == who


@pytest.mark.parametrize(
    "text",
    [
        "Nabil Abu Rudeina told AFP the conversation between the leaders was important.",
        "Nabil Abu Rudeina told reporters the conversation between the leaders was important.",
        "Tomas Varga agreed to attend the summit in Lisbon next month.",
    ],
)
def test_a_spokesman_telling_the_press_or_one_name_agreeing_is_no_participant(text: str) -> None:
    assert unknown(text) == []


# -- one leader spelled two ways in one readout is one participant ------------------------------


@pytest.mark.parametrize(
    ("title", "text", "who"),
    [
        (
            "President Joe Mbeki holds phone call",
            "President Joseph Mbeki spoke with President Jean Dupont of France on Monday.",
            ["Jean Dupont", "Joseph Mbeki"],
        ),
        (
            "PM call with President Kovalenkoo: 2 March 2022",
            "The Prime Minister Anna Berg spoke to Ukrainian President Oleksandr Kovalenko again this morning.",
            ["Anna Berg", "Oleksandr Kovalenko"],
        ),
    ],
)
def test_two_spellings_of_one_leader_are_one_participant(title: str, text: str, who: list[str]) -> None:
    assert unknown(text, title) == who


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Hun Sen met with Prime Minister Hun Manet in Phnom Penh on Monday.",
        "President Jill Mbeki held talks with President Joe Mbeki in Pretoria on Monday.",
        "President Mohammed bin Salman spoke with President Mohammed bin Zayed on Monday.",
    ],
)
def test_two_leaders_of_one_family_stay_two(text: str) -> None:
    assert len(unknown(text)) == 2
    assert len(unknown(text, text)) == 2


# -- "his counterpart" / "his colleague" without the country -----------------------------------


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "President Ana Lima said she hopes to share vaccines as soon as her colleague Marta Sousa "
            "reaches her goal.",
            ["Ana Lima", "Marta Sousa"],
        ),
        (
            "President Tomas Varga in a phone call informed his Swedish colleague Petra Holm about the strikes.",
            ["Petra Holm", "Tomas Varga"],
        ),
        (
            "President Tomas Varga paid a state visit to Sweden at the invitation of his counterpart Petra Holm.",
            ["Petra Holm", "Tomas Varga"],
        ),
    ],
)
def test_counterpart_or_colleague_named_after_his_is_a_participant(text: str, who: list[str]) -> None:
    assert unknown(text) == who


@pytest.mark.parametrize(
    "text",
    [
        "President Ana Lima held talks with Foreign Minister Rui Costa, a colleague of hers, on Monday.",
        # without "his"/"her" and without a country, "counterpart" names no leader
        "President Ana Lima held talks with counterpart Rui Costa on Monday.",
    ],
)
def test_a_colleague_without_his_or_a_country_is_no_participant(text: str) -> None:
    assert unknown(text) == ["Ana Lima"]
