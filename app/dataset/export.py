"""The whole dataset as records (one NDJSON line each): `dump` here, `app.dataset.restore.load` back.

Records carry a `type` and appear in dependency order, so a file loads in one pass: a `dataset`
record first (format, data version, position id high-water mark), then leader, topic, event,
document, position, tombstone, history and version records (and, for `summit db copy` only,
api_key records with key hashes). Ids, offsets, speakers, topics, provenance, curation, history and
timestamps are kept as they are; timestamps are written in UTC with their offset on every engine, so
the same data exports to the same bytes from SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import product
from operator import itemgetter
from typing import Any

from sqlalchemy import and_, or_, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from app.models import (
    ApiKey,
    DatasetVersion,
    Document,
    Event,
    History,
    Leader,
    Position,
    Tombstone,
    Topic,
    related,
)

FORMAT_VERSION = 2
BATCH = 500
TYPES = ("leader", "topic", "event", "document", "position")  # the public data
RECORD_TYPES = ("dataset", *TYPES, "tombstone", "history", "version", "api_key")


class ExportError(ValueError):
    """A record that cannot be loaded; names the record (1-based line) and the problem."""


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # stored in UTC; SQLite hands it back naive
    return value.isoformat()


def _iso_or_none(value: dt.datetime | None) -> str | None:
    return None if value is None else _iso(value)


def leader_record(le: Leader) -> dict[str, Any]:
    return {
        "type": "leader",
        "slug": le.slug,
        "name": le.name,
        "office": le.office,
        "country": le.country,
        "gender": le.gender,
        "aliases": list(le.aliases),
    }


def topic_record(t: Topic) -> dict[str, Any]:
    return {
        "type": "topic",
        "slug": t.slug,
        "name": t.name,
        "description": t.description,
        "headline": t.headline,
        "keywords": list(t.keywords),
    }


def event_record(e: Event) -> dict[str, Any]:
    return {
        "type": "event",
        "id": e.id,
        "kind": e.kind,
        "date": _iso(e.date),
        "title": e.title,
        "participants": sorted(p.slug for p in e.participants),
    }


def document_record(d: Document) -> dict[str, Any]:
    return {
        "type": "document",
        "id": d.id,
        "event_id": d.event_id,
        "title": d.title,
        "source": d.source,
        "url": d.url,
        "language": d.language,
        "sha256": d.sha256,
        "created_at": _iso(d.created_at),
        "text": d.text,
    }


def position_record(p: Position) -> dict[str, Any]:
    return {
        "type": "position",
        "id": p.id,
        "document_id": p.document_id,
        "event_id": p.event_id,
        "date": _iso(p.date),
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "speakers": sorted(s.slug for s in p.speakers),
        "topics": sorted(t.slug for t in p.topics),
        "act": p.act,
        "method": p.method,
        "confidence": p.confidence,
        "reviewed": p.reviewed,
        "created_at": _iso(p.created_at),
    }


def _batches(session: Session, model: Any, key: Any, options: tuple[Any, ...] = ()) -> Iterator[Any]:
    # Keyset batches on the primary key: constant memory whatever the size of the table.
    last = None
    while True:
        stmt = select(model).options(*options).order_by(key).limit(BATCH)
        if last is not None:
            stmt = stmt.where(key > last)
        rows = session.exec(stmt).all()
        yield from rows
        if len(rows) < BATCH:
            return
        last = getattr(rows[-1], key.key)
        session.expunge_all()


def _rows(session: Session, model: Any, key: str, size: int = 5000) -> Iterator[Any]:
    """Keyset batches of plain rows (no ORM objects: history runs to one row per position and more)."""
    table = sa_inspect(model).local_table
    column = table.c[key]
    conn = session.connection()
    last = None
    while True:
        stmt = select(table).order_by(column).limit(size)
        if last is not None:
            stmt = stmt.where(column > last)
        rows = conn.execute(stmt).all()
        yield from rows
        if len(rows) < size:
            return
        last = getattr(rows[-1], key)


def _tombstone(t: Tombstone) -> dict[str, Any]:
    return {
        "type": "tombstone",
        "resource": t.resource,
        "resource_id": t.resource_id,
        "deleted_at": _iso(t.deleted_at),
        "version": t.version,
        "replaced_by": t.replaced_by,
        "reason": t.reason,
    }


def _history(h: Any) -> dict[str, Any]:
    return {
        "type": "history",
        "resource": h.resource,
        "resource_id": h.resource_id,
        "action": h.action,
        "at": _iso(h.at),
        "version": h.version,
        "actor": h.actor,
        "annotator": h.annotator,
        "changes": h.changes,
    }


def _version(v: Any) -> dict[str, Any]:
    return {
        "type": "version",
        "version": v.version,
        "at": _iso(v.at),
        "documents": v.documents,
        "positions": v.positions,
        "change": v.change,
    }


def _api_key(k: ApiKey) -> dict[str, Any]:
    return {
        "type": "api_key",
        "name": k.name,
        "prefix": k.prefix,
        "key_hash": k.key_hash,
        "created_at": _iso(k.created_at),
        "last_used_at": _iso_or_none(k.last_used_at),
        "revoked_at": _iso_or_none(k.revoked_at),
    }


def _dataset(session: Session) -> dict[str, Any]:
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        sequence = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'position'")).scalar()
    else:
        name = conn.execute(text("SELECT pg_get_serial_sequence('position', 'id')")).scalar_one()
        last, called = conn.exec_driver_sql(f"SELECT last_value, is_called FROM {name}").one()  # sql-identifiers-only
        sequence = last if called else 0
    high = max(int(sequence or 0), int(conn.execute(text("SELECT coalesce(max(id), 0) FROM position")).scalar_one()))
    version = conn.execute(text("SELECT version FROM data_version WHERE id = 1")).scalar()
    return {"type": "dataset", "format": FORMAT_VERSION, "version": version, "position_sequence": high}


def _tombstones(session: Session) -> Iterator[Tombstone]:
    # Few rows, but still in keyset batches (resource, resource_id).
    last: tuple[str, str] | None = None
    while True:
        stmt = select(Tombstone).order_by(col(Tombstone.resource), col(Tombstone.resource_id)).limit(BATCH)
        if last is not None:
            stmt = stmt.where(
                or_(
                    col(Tombstone.resource) > last[0],
                    and_(col(Tombstone.resource) == last[0], col(Tombstone.resource_id) > last[1]),
                )
            )
        rows = session.exec(stmt).all()
        yield from rows
        if len(rows) < BATCH:
            return
        last = (rows[-1].resource, rows[-1].resource_id)
        session.expunge_all()


def dump(session: Session, *, keys: bool = False) -> Iterator[dict[str, Any]]:
    """Every row, as records in dependency order. `keys=True` adds the API keys (their hashes): for
    `summit db copy`, never for the public export."""
    yield _dataset(session)
    yield from (leader_record(x) for x in _batches(session, Leader, Leader.slug))
    yield from (topic_record(x) for x in _batches(session, Topic, Topic.slug))
    yield from (
        event_record(x) for x in _batches(session, Event, Event.id, (selectinload(related(Event.participants)),))
    )
    yield from (document_record(x) for x in _batches(session, Document, Document.id))
    relations = (selectinload(related(Position.speakers)), selectinload(related(Position.topics)))
    yield from (position_record(x) for x in _batches(session, Position, Position.id, relations))
    yield from (_tombstone(x) for x in _tombstones(session))
    yield from (_history(x) for x in _rows(session, History, "id"))
    yield from (_version(x) for x in _rows(session, DatasetVersion, "version"))
    if keys:
        yield from (_api_key(x) for x in _batches(session, ApiKey, ApiKey.id))


# --- reading records back (app.dataset.restore) ---------------------------------------------------------


_REQUIRED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "dataset": {"format": int},
    "leader": {"slug": str, "name": str, "aliases": list},
    "topic": {"slug": str, "name": str, "description": str, "headline": bool, "keywords": list},
    "event": {"id": str, "kind": str, "date": str, "title": str, "participants": list},
    "document": {
        "id": str,
        "event_id": str,
        "title": str,
        "language": str,
        "sha256": str,
        "created_at": str,
        "text": str,
    },
    "position": {
        "id": int,
        "document_id": str,
        "event_id": str,
        "date": str,
        "start": int,
        "end": int,
        "text": str,
        "speakers": list,
        "topics": list,
        "method": str,
        "confidence": (int, float),
        "reviewed": bool,
        "created_at": str,
    },
    "tombstone": {"resource": str, "resource_id": str, "deleted_at": str, "version": int},
    "history": {"resource": str, "resource_id": str, "action": str, "at": str, "version": int},
    "version": {"version": int, "at": str, "documents": int, "positions": int, "change": str},
    "api_key": {"name": str, "prefix": str, "key_hash": str, "created_at": str},
}


def _exact(types: type | tuple[type, ...]) -> frozenset[type]:
    """The exact JSON-decoded types a field may have (bool is no int here)."""
    return frozenset(types if isinstance(types, tuple) else (types,))


_SHAPES = {
    kind: tuple((key, _exact(types), types) for key, types in fields.items()) for kind, fields in _REQUIRED.items()
}


# Per record type: a getter of the required fields' values, and every tuple of their JSON types that is
# allowed (a record's types are checked with one tuple look-up; the message is worked out only for a bad
# record). itemgetter takes all the values in one call (with "type", so that it always returns a tuple) and
# raises KeyError for a missing one.
_SIGNATURES = {
    kind: (
        itemgetter(*(key for key, _, _ in shape), "type"),
        frozenset(product(*(allowed for _, allowed, _ in shape), (str,))),
    )
    for kind, shape in _SHAPES.items()
}


def check_shape(where: str, record: Any) -> str:
    """The record's type, once its required fields are there with the right JSON types."""
    if type(record) is not dict:
        raise ExportError(f"{where}: expected a JSON object")
    kind = record.get("type")
    signature = _SIGNATURES.get(kind) if isinstance(kind, str) else None
    if signature is None:
        raise ExportError(f"{where}: 'type' must be one of {', '.join(RECORD_TYPES)}, got {kind!r}")
    values, allowed = signature
    try:
        valid = tuple(map(type, values(record))) in allowed
    except KeyError:
        valid = False
    if not valid:
        get = record.get
        for key, exact, types in _SHAPES[str(kind)]:
            if type(get(key)) not in exact:
                raise ExportError(
                    f"{where}: {kind} field {key!r} is missing or not a {getattr(types, '__name__', types)}"
                )
    return str(kind)


def same(where: str, stored: dict[str, Any], record: dict[str, Any], kind: str, ident: Any) -> bool:
    """True when an existing row equals the record (then it is skipped); an error when it differs."""
    if stored == record:
        return True
    diff = sorted(k for k in record if stored.get(k) != record.get(k))
    raise ExportError(f"{where}: {kind} {ident!r} already exists with other values ({', '.join(diff)})")
