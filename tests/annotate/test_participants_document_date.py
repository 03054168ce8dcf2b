"""The document's own date (gold files' and the API's metadata) dates a readout whose text prints none,
so that an unnamed office resolves to whoever held it that day."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant, annotate, load_topic_specs
from app.annotate.batch import annotate_doc
from app.annotate.models import TopicSpec
from app.ingest.seed_files import read_leaders

REPO = Path(__file__).resolve().parents[2]


def real_inputs() -> tuple[list[TopicSpec], list[Participant]]:
    """The vocabulary and registry `summit evaluate` gives the annotator."""
    registry = [
        Participant(le.name, le.office, le.country, le.gender, le.aliases)
        for le in read_leaders(REPO / "data" / "leaders.yaml")
    ]
    return load_topic_specs(REPO / "data" / "topics.yaml"), registry


TEXT = (
    "The Prime Minister spoke to President Biden this afternoon.\n"
    "The Prime Minister said the United Kingdom stands with Ukraine. They agreed to keep in close contact."
)


@pytest.mark.parametrize(
    ("date", "prime_minister"),
    [("2021-06-01", "Boris Johnson"), ("2023-06-01", "Rishi Sunak"), ("2025-03-01", "Keir Starmer")],
)
def test_an_undated_text_takes_the_documents_date(date: str, prime_minister: str) -> None:
    topics, known = real_inputs()
    ann = annotate(TEXT, topics=topics, known_leaders=known, date=date)
    assert prime_minister in {p.name for p in ann.participants}
    assert any(pos.speakers == (prime_minister,) for pos in ann.positions)


def test_the_date_the_text_prints_comes_first() -> None:
    topics, known = real_inputs()
    dated = "LONDON, 14 March 2022\n" + TEXT
    ann = annotate(dated, topics=topics, known_leaders=known, date="2024-09-01")
    assert "Boris Johnson" in {p.name for p in ann.participants}


@pytest.mark.parametrize("date", [None, "", "June 2021", "2021-6-1", "not a date"])
def test_no_usable_date_leaves_the_office_unresolved(date: str | None) -> None:
    topics, known = real_inputs()
    ann = annotate(TEXT, topics=topics, known_leaders=known, date=date)
    assert {p.name for p in ann.participants} == {"Joe Biden"}


def test_a_gold_files_date_reaches_the_annotator() -> None:
    topics, known = real_inputs()
    doc = {"id": "x", "title": "PM call with President Biden", "date": "2023-06-01", "text": TEXT}
    out = annotate_doc(doc, topics=topics, ignore_participants=True, known_leaders=known)
    assert "Rishi Sunak" in {p["name"] for p in out["participants"]}
