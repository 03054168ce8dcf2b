"""A new document's positions, their speaker and topic links and their `created` history, written set-wise.

The API stores one readout per request, which may hold thousands of positions; as ORM objects each
cost object construction, unit-of-work bookkeeping and a history object of its own, all while the
database's write lock was held (docs/performance.md, "Readout size", has the figures). Here the rows
are plain values made before anything is written, and each table gets one executemany: positions,
position_speaker, position_topic, the derived rows, history.

What the schema's per-row insert triggers derive (position_key and position_count, SQLite's
full-text index, the data version; migrations 0100-0300) would cost more than the inserts
themselves, one trigger run per link row. So the writes here flip migration 0200's bulk-load switch
for their own statements (a row in `bulk_load` on SQLite, a transaction-local setting on PostgreSQL;
no other connection ever sees it) and write the same derived rows themselves, computed from the
rows in hand: the key and count rows with one executemany each, the full-text rows with one
INSERT … SELECT. The caller bumps the data version once for the whole write.

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

from sqlalchemy import Connection, Table, insert, text
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


# The link and key rows go to the driver's executemany as plain tuples: SQLAlchemy's per-row parameter
# handling would cost more than these inserts (tens of thousands of rows for a 1 MB readout).
_INSERTS = {
    "speaker": "INSERT INTO position_speaker (position_id, leader_slug) VALUES (?, ?)",
    "topic": "INSERT INTO position_topic (position_id, topic_slug) VALUES (?, ?)",
    "key": "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) VALUES (?, ?, ?, ?)",
    "history": "INSERT INTO history (resource, resource_id, action, at, version, actor, annotator) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
}
# sqlite3 takes qmark parameters, psycopg format ones; the statements hold no other "?".
_DRIVER_INSERTS = {
    "sqlite": _INSERTS,
    "postgresql": {name: sql.replace("?", "%s") for name, sql in _INSERTS.items()},
}
_COUNT = text(
    "INSERT INTO position_count (topic_slug, leader_slug, n) VALUES (:topic, :leader, :n) "
    "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + excluded.n"
)
_SEARCH = text("INSERT INTO search_position (rowid, text) SELECT id, text FROM position WHERE document_id = :document")


def _driver_executemany(conn: Connection, table: str, rows: Sequence[tuple[object, ...]]) -> None:
    if rows:
        conn.exec_driver_sql(_DRIVER_INSERTS[conn.dialect.name][table], rows)


def _bulk_switch(conn: Connection, on: bool) -> None:
    """Migration 0200's switch: while on, the insert triggers on positions and their links stand down."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO bulk_load (id) VALUES (1)" if on else "DELETE FROM bulk_load"))
    else:
        conn.execute(text("SELECT set_config('summit.bulk_load', :value, true)"), {"value": "on" if on else "off"})


def _derive(conn: Connection, document_id: str, date: dt.date, ids: list[int], rows: Sequence[PositionRow]) -> None:
    """What the stood-down triggers would have written: a key row per (topic, ''), ('', speaker) and
    (topic, speaker) of each position, the counts of those keys and of all positions, SQLite's search rows."""
    # The date as the position's own column stores it: ISO text on SQLite (sqlite3's own adapter, where
    # SQLAlchemy leaves the conversion to it), a date on PostgreSQL.
    process = _table("position").c.date.type.bind_processor(conn.dialect)
    day: object = process(date) if process else date.isoformat() if conn.dialect.name == "sqlite" else date
    keys: list[tuple[str, str, object, int]] = []
    counts: dict[tuple[str, str], int] = {("", ""): len(ids)}
    for pid, row in zip(ids, rows, strict=True):
        pairs = [(t, "") for t in row.topics] + [("", s) for s in row.speakers]
        pairs += [(t, s) for t in row.topics for s in row.speakers]
        for topic, leader in pairs:
            keys.append((topic, leader, day, pid))
            counts[topic, leader] = counts.get((topic, leader), 0) + 1
    _driver_executemany(conn, "key", keys)
    conn.execute(_COUNT, [{"topic": t, "leader": le, "n": n} for (t, le), n in sorted(counts.items())])
    if conn.dialect.name == "sqlite":  # PostgreSQL's search indexes are expression indexes: nothing to write
        conn.execute(_SEARCH, {"document": document_id})


def insert_positions(
    conn: Connection, document_id: str, event_id: str, date: dt.date, rows: Sequence[PositionRow]
) -> list[int]:
    """Insert `rows` (the positions of a document new in this transaction) with their speaker and topic links
    and the rows derived from them; their ids, in row order. The caller bumps the data version."""
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
    _bulk_switch(conn, True)
    returned = [tuple(row) for row in conn.execute(stmt, values)]
    if not ordered:
        returned.sort()
    if [(start, end) for _, start, end in returned] != [(r.start, r.end) for r in rows]:
        raise RuntimeError(f"position ids of document {document_id!r} do not match its rows in order")
    ids = [int(pid) for pid, _, _ in returned]
    _driver_executemany(conn, "speaker", [(pid, s) for pid, r in zip(ids, rows, strict=True) for s in r.speakers])
    _driver_executemany(conn, "topic", [(pid, t) for pid, r in zip(ids, rows, strict=True) for t in r.topics])
    _derive(conn, document_id, date, ids, rows)
    _bulk_switch(conn, False)
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
    # The time as the history table's column stores it (SQLAlchemy's text format on SQLite).
    process = _table("history").c.at.type.bind_processor(conn.dialect)
    now = utcnow()
    at = process(now) if process else now
    rows = [("document", document_id, "created", at, version, actor, annotator)]
    rows += [("position", str(pid), "created", at, version, actor, annotator) for pid in position_ids]
    _driver_executemany(conn, "history", rows)
