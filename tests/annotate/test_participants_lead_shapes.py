"""Participants inferred from lead shapes of real readouts that the inference used to misread:
a country of several words before the name ("Prime Minister of Papua New Guinea James
Marape"), a name with stacked particles ("Ursula von der Leyen"), the European Commission as
the EU's office, and a headline's unnamed leader without an article ("Xi meets Kiribati leader")."""

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


def inferred(text: str, title: str = "", known: list[Participant] | None = None) -> dict[str, str | None]:
    found = infer_participants(text, split_sentences(text), REGISTRY if known is None else known, title=title)
    return {p.name: p.country for p in found}


@pytest.mark.parametrize(
    ("country", "leader"),
    [
        ("Papua New Guinea", "Tomas Kaluna"),
        ("Solomon Islands", "Peter Hanalu"),
        ("the Solomon Islands", "Peter Hanalu"),
        ("Brazil", "Marta da Silva"),
    ],
)
def test_the_whole_country_is_read_before_the_name(country: str, leader: str) -> None:
    text = (
        f"On 3 May 2023, President Xi Jinping met in Beijing with Prime Minister of {country} {leader}, "
        "who is on an official visit to China. Xi said the two countries are good friends."
    )
    got = inferred(text, known=[])
    assert got.get(leader) == country.removeprefix("the ")
    assert set(got) == {"Xi Jinping", leader}


def test_a_name_with_stacked_particles_is_read_whole() -> None:
    text = "Prime Minister Arne Holm spoke with President Maria von der Wiesen. They discussed trade."
    assert set(inferred(text, known=[])) == {"Arne Holm", "Maria von der Wiesen"}


@pytest.mark.parametrize(
    "lead",
    [
        "Prime Minister Justin Trudeau spoke with President of the European Commission Ursula von der Leyen.",
        "Telephone conversation between Prime Minister Justin Trudeau and H.E. Ursula Von Der Leyen, "
        "President of the European Commission.",
    ],
)
def test_the_commission_president_is_the_eu_leader_not_a_person_named_commission(lead: str) -> None:
    text = lead + " The two leaders discussed vaccines on 27 January 2021."
    got = inferred(text)
    assert got == {"Justin Trudeau": "Canada", "Ursula von der Leyen": "European Union"}


def test_a_headline_leader_without_an_article_is_the_registry_leader_in_office() -> None:
    title = "China's Xi Jinping meets Kiribati leader after the switch"
    text = (
        "6 January 2020. Chinese President Xi Jinping praised Kiribati on Monday during his first "
        "meeting with the Pacific island nation's leader since the switch."
    )
    assert inferred(text, title=title) == {"Xi Jinping": "China", "Taneti Maamau": "Kiribati"}


def test_a_named_leader_after_the_verb_is_not_an_unnamed_role() -> None:
    # "meets Cambodian Prime Minister Hun Manet": the name follows, so the name is read, once.
    text = "On 14 September 2023, Xi Jinping met Cambodian Prime Minister Hun Manet in Beijing."
    assert inferred(text) == {"Xi Jinping": "China", "Hun Manet": "Cambodia"}
