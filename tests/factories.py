"""Rows for tests that need more than the seed: events with several readouts, several dates, many positions.

Positions copy their event's date and id, as the write paths do. Sentences are built from the
document text so offsets stay exact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlmodel import Session

from app.models import Document, Event, Leader, Position, Topic

XI, PUTIN = "xi-jinping", "vladimir-putin"


def add_event(
    session: Session, event_id: str, date: dt.date, participants: Sequence[str] = (XI, PUTIN), kind: str = "phone call"
) -> Event:
    event = Event(
        id=event_id,
        kind=kind,
        date=date,
        title=f"Test {kind} {date.isoformat()}",
        participants=[session.get_one(Leader, s) for s in participants],
    )
    session.add(event)
    session.flush()
    return event


def add_document(
    session: Session,
    event: Event,
    document_id: str,
    sentences: Sequence[tuple[str, Sequence[str], Sequence[str], str | None]],
    source: str | None = "Test wire",
) -> Document:
    """A document made of `sentences` (text, speakers, topics, act), each one a position."""
    text = "\n\n".join(s for s, *_ in sentences)
    document = Document(
        id=document_id,
        event_id=event.id,
        title=f"Readout {document_id}",
        source=source,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    session.add(document)
    session.flush()
    start = 0
    for sentence, speakers, topics, act in sentences:
        session.add(
            Position(
                document_id=document_id,
                event_id=event.id,
                date=event.date,
                start=start,
                end=start + len(sentence),
                text=sentence,
                act=act,
                method="curated",
                reviewed=True,
                speakers=[session.get_one(Leader, s) for s in speakers],
                topics=[session.get_one(Topic, t) for t in topics],
            )
        )
        start += len(sentence) + 2
    session.flush()
    return document


def add_many(session: Session, count: int, date: dt.date = dt.date(2022, 1, 10), prefix: str = "bulk") -> Document:
    """One event and one document with `count` positions (Xi, on vaccines)."""
    event = add_event(session, f"{prefix}-event", date)
    sentences = [
        (f"Xi said sentence number {i} is about vaccines.", [XI], ["vaccines"], "assert") for i in range(count)
    ]
    return add_document(session, event, f"{prefix}-document", sentences)
