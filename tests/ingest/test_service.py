"""The per-document write path given positions annotated elsewhere (gold files, the API's curated input)."""

from __future__ import annotations

from sqlmodel import Session

from app.annotate import Annotation, FoundPosition, Participant
from app.ingest.service import ingest
from app.schemas import DocumentIn


def test_a_leader_named_twice_or_a_topic_given_twice_is_stored_once(session: Session) -> None:
    text = "Xi Jinping and Vladimir Putin spoke by phone.\n\nXi said China and Russia oppose interference.\n"
    start = text.index("Xi said")
    given = Annotation(
        participants=(Participant("Xi Jinping"), Participant("Vladimir Putin")),
        positions=(
            FoundPosition(
                start,
                len(text) - 1,
                ("Xi Jinping", "Xi Jinping"),
                ("external-interference", "external-interference"),
                "oppose",
                1.0,
            ),
        ),
    )
    document = ingest(
        session,
        DocumentIn(text=text, date="2023-03-01", kind="phone call", participants=["Xi Jinping", "Vladimir Putin"]),
        given=given,
    )
    (position,) = document.positions
    assert [s.slug for s in position.speakers] == ["xi-jinping"]
    assert [t.slug for t in position.topics] == ["external-interference"]
