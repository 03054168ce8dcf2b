"""The per-document write path given positions annotated elsewhere (gold files, the API's curated input)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session

from app.annotate import Annotation, FoundPosition, Participant
from app.core.config import Settings
from app.core.db import make_engine
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


def test_writers_racing_for_the_same_new_ids_all_store_their_readouts(settings: Settings) -> None:
    """Readouts of the same leaders on the same day, stored at the same moment, compete for one new
    document id and one new event: every writer gets its readout stored under an id of its own (the
    losers of each round plan again), none gets an error."""
    writers = 6
    engine = make_engine(settings)
    start = threading.Barrier(writers)

    def write(k: int) -> str:
        text = f"Xi Jinping and Vladimir Putin spoke by phone.\n\nXi said China and Russia agree on point {k}.\n"
        with Session(engine) as session:
            start.wait()
            document = ingest(
                session,
                DocumentIn(
                    text=text, date="2024-02-29", kind="phone call", participants=["Xi Jinping", "Vladimir Putin"]
                ),
            )
            return document.id

    try:
        with ThreadPoolExecutor(writers) as pool:
            ids = list(pool.map(write, range(writers)))
    finally:
        engine.dispose()
    assert len(set(ids)) == writers, ids
