"""A new document's positions, their speaker and topic links and their `created` history, written set-wise.

The API stores one readout per request, which may hold thousands of positions; writing them as ORM
objects cost ~2.5 ms a position (object construction, unit-of-work bookkeeping, a history object each)
while holding the database's write lock. Here the rows are plain tuples made before anything is
written, and each table gets one executemany: positions, position_speaker, position_topic, history.

The schema's triggers stay on and derive what they always derive (position_key, position_count, the
SQLite full-text index, the data version), so the rows are those the ORM path wrote.

Ids come from the database as each row is inserted (SQLite AUTOINCREMENT, a PostgreSQL identity): they
are never computed here, so a concurrent writer cannot collide with them. On PostgreSQL RETURNING gives
them in the order of the rows (SQLAlchemy's sorted insert-many-values). SQLite cannot say which row a
batched RETURNING row belongs to, but it holds one writer at a time and AUTOINCREMENT gives each
inserted row an id above every id before it, so the returned ids sorted are the rows' ids in order;
the spans returned with them are checked against the rows, so a mismatch fails instead of mislinking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Table, insert
from sqlmodel import SQLModel

from app.models import utcnow


@dataclass(frozen=True)
class PositionRow:
    """One position as it will be stored, with its speakers' and topics' slugs in their stored order."""

    start: int
    end: int
    text: str
    act: str | None
    method: str
    confidence: float
    reviewed: bool
    speakers: tuple[str, ...]
    topics: tuple[str, ...]


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def insert_positions(
    conn: Connection, document_id: str, event_id: str, date: dt.date, rows: Sequence[PositionRow]
) -> list[int]:
    """Insert `rows` (positions of one document) with their speaker and topic links; their ids, in row order."""
    if not rows:
        return []
    position = _table("position")
    now = utcnow()
    values = [
        {
            "document_id": document_id,
            "event_id": event_id,
            "date": date,
            "start": r.start,
            "end": r.end,
            "text": r.text,
            "act": r.act,
            "method": r.method,
            "confidence": r.confidence,
            "reviewed": r.reviewed,
            "created_at": now,
        }
        for r in rows
    ]
    ordered = conn.dialect.name != "sqlite"
    stmt = insert(position).returning(position.c.id, position.c.start, position.c.end, sort_by_parameter_order=ordered)
    returned = [tuple(row) for row in conn.execute(stmt, values)]
    if not ordered:
        returned.sort()
    if [(start, end) for _, start, end in returned] != [(r.start, r.end) for r in rows]:
        raise RuntimeError(f"position ids of document {document_id!r} do not match its rows in order")
    ids = [int(pid) for pid, _, _ in returned]
    speakers = [{"position_id": pid, "leader_slug": s} for pid, r in zip(ids, rows, strict=True) for s in r.speakers]
    topics = [{"position_id": pid, "topic_slug": t} for pid, r in zip(ids, rows, strict=True) for t in r.topics]
    if speakers:
        conn.execute(insert(_table("position_speaker")), speakers)
    if topics:
        conn.execute(insert(_table("position_topic")), topics)
    return ids


def record_created(
    conn: Connection,
    version: int,
    document_id: str,
    position_ids: Sequence[int],
    *,
    actor: str | None,
    annotator: str | None,
) -> None:
    """The `created` history rows of a new document and its positions (document first), stamped with `version`."""
    now = utcnow()
    common = {"action": "created", "at": now, "version": version, "actor": actor, "annotator": annotator}
    rows = [{"resource": "document", "resource_id": document_id, **common}]
    rows += [{"resource": "position", "resource_id": str(pid), **common} for pid in position_ids]
    conn.execute(insert(_table("history")), rows)
