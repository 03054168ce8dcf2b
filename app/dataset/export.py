"""The whole dataset as records (one NDJSON line each) and back: `dump` and `load` round-trip losslessly.

Records carry a `type` (leader, topic, event, document, position) and appear in dependency order,
so a file can be loaded in one pass. Ids, offsets, speakers, topics, provenance and timestamps are
kept as they are; `load` validates every record and writes everything in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.models import Document, Event, Leader, Position, Topic, related
from app.schemas import ACTS

FORMAT_VERSION = 1
BATCH = 500
TYPES = ("leader", "topic", "event", "document", "position")


class ExportError(ValueError):
    """A record that cannot be loaded; names the record (1-based line) and the problem."""


@dataclass
class LoadSummary:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))

    def summary(self) -> str:
        return "; ".join(f"{t}s added {self.added[t]}, unchanged {self.unchanged[t]}" for t in TYPES)

    __str__ = summary


def _iso(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def _leader(le: Leader) -> dict[str, Any]:
    return {
        "type": "leader",
        "slug": le.slug,
        "name": le.name,
        "office": le.office,
        "country": le.country,
        "gender": le.gender,
        "aliases": list(le.aliases),
    }


def _topic(t: Topic) -> dict[str, Any]:
    return {
        "type": "topic",
        "slug": t.slug,
        "name": t.name,
        "description": t.description,
        "headline": t.headline,
        "keywords": list(t.keywords),
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "type": "event",
        "id": e.id,
        "kind": e.kind,
        "date": _iso(e.date),
        "title": e.title,
        "participants": sorted(p.slug for p in e.participants),
    }


def _document(d: Document) -> dict[str, Any]:
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


def _position(p: Position) -> dict[str, Any]:
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


def dump(session: Session) -> Iterator[dict[str, Any]]:
    """Every row, as records in dependency order (leaders, topics, events, documents, positions)."""
    yield from (_leader(x) for x in _batches(session, Leader, Leader.slug))
    yield from (_topic(x) for x in _batches(session, Topic, Topic.slug))
    yield from (_event(x) for x in _batches(session, Event, Event.id, (selectinload(related(Event.participants)),)))
    yield from (_document(x) for x in _batches(session, Document, Document.id))
    relations = (selectinload(related(Position.speakers)), selectinload(related(Position.topics)))
    yield from (_position(x) for x in _batches(session, Position, Position.id, relations))


# --- load -----------------------------------------------------------------------------------------

_REQUIRED: dict[str, dict[str, type | tuple[type, ...]]] = {
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
}


def _check_shape(where: str, record: Any) -> str:
    if not isinstance(record, dict):
        raise ExportError(f"{where}: expected a JSON object")
    kind = record.get("type")
    if kind not in _REQUIRED:
        raise ExportError(f"{where}: 'type' must be one of {', '.join(TYPES)}, got {kind!r}")
    for key, types in _REQUIRED[kind].items():
        value = record.get(key)
        if not isinstance(value, types) or (types is int and isinstance(value, bool)):
            raise ExportError(f"{where}: {kind} field {key!r} is missing or not a {getattr(types, '__name__', types)}")
    return str(kind)


def _date(where: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ExportError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _datetime(where: str, value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ExportError(f"{where}: {value!r} is not an ISO 8601 timestamp") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _optional(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    """`record` with its optional fields present (null when absent), for comparison with a stored row."""
    return {**dict.fromkeys(keys), **record}


def _same(where: str, stored: dict[str, Any], record: dict[str, Any], kind: str, ident: Any) -> bool:
    """True when an existing row equals the record (then it is skipped); an error when it differs."""
    if stored == record:
        return True
    diff = sorted(k for k in record if stored.get(k) != record.get(k))
    raise ExportError(f"{where}: {kind} {ident!r} already exists with other values ({', '.join(diff)})")


def _load_one(session: Session, where: str, r: dict[str, Any], summary: LoadSummary) -> None:
    kind = _check_shape(where, r)
    if kind == "leader":
        existing = session.get(Leader, r["slug"])
        if existing is None:
            session.add(
                Leader(
                    slug=r["slug"],
                    name=r["name"],
                    office=r.get("office"),
                    country=r.get("country"),
                    gender=r.get("gender"),
                    aliases=list(r["aliases"]),
                )
            )
        elif _same(where, _leader(existing), _optional(r, "office", "country", "gender"), kind, r["slug"]):
            summary.unchanged[kind] += 1
            return
    elif kind == "topic":
        existing_topic = session.get(Topic, r["slug"])
        if existing_topic is None:
            session.add(
                Topic(
                    slug=r["slug"],
                    name=r["name"],
                    description=r["description"],
                    headline=r["headline"],
                    keywords=list(r["keywords"]),
                )
            )
        elif _same(where, _topic(existing_topic), r, kind, r["slug"]):
            summary.unchanged[kind] += 1
            return
    elif kind == "event":
        leaders = [_get(session, where, Leader, slug, "participant") for slug in r["participants"]]
        existing_event = session.get(Event, r["id"])
        if existing_event is None:
            session.add(
                Event(id=r["id"], kind=r["kind"], date=_date(where, r["date"]), title=r["title"], participants=leaders)
            )
        elif _same(where, _event(existing_event), {**r, "participants": sorted(r["participants"])}, kind, r["id"]):
            summary.unchanged[kind] += 1
            return
    elif kind == "document":
        _get(session, where, Event, r["event_id"], "event")
        if hashlib.sha256(r["text"].encode("utf-8")).hexdigest() != r["sha256"]:
            raise ExportError(f"{where}: document {r['id']!r}: sha256 does not match its text")
        existing_doc = session.get(Document, r["id"])
        record = {**_optional(r, "source", "url"), "created_at": _iso(_datetime(where, r["created_at"]))}
        if existing_doc is None:
            session.add(
                Document(
                    id=r["id"],
                    event_id=r["event_id"],
                    title=r["title"],
                    source=r.get("source"),
                    url=r.get("url"),
                    language=r["language"],
                    text=r["text"],
                    sha256=r["sha256"],
                    created_at=_datetime(where, r["created_at"]),
                )
            )
        elif _same(where, _document(existing_doc), record, kind, r["id"]):
            summary.unchanged[kind] += 1
            return
    else:
        _load_position(session, where, r, summary)
        return
    session.flush()
    summary.added[kind] += 1


def _get(session: Session, where: str, model: Any, key: str, what: str) -> Any:
    row = session.get(model, key)
    if row is None:
        raise ExportError(f"{where}: unknown {what} {key!r} (records must come after the ones they refer to)")
    return row


def _load_position(session: Session, where: str, r: dict[str, Any], summary: LoadSummary) -> None:
    document = _get(session, where, Document, r["document_id"], "document")
    if r["event_id"] != document.event_id:
        raise ExportError(f"{where}: position {r['id']}: event_id {r['event_id']!r} is not its document's event")
    if not 0 <= r["start"] < r["end"] <= len(document.text) or document.text[r["start"] : r["end"]] != r["text"]:
        raise ExportError(f"{where}: position {r['id']}: text is not the document text at [{r['start']}, {r['end']})")
    if r.get("act") is not None and r["act"] not in ACTS:
        raise ExportError(f"{where}: position {r['id']}: act {r['act']!r} must be one of {', '.join(ACTS)}")
    if not 0 <= r["confidence"] <= 1:
        raise ExportError(f"{where}: position {r['id']}: confidence must be within [0, 1]")
    date = _date(where, r["date"])
    if date != session.get_one(Event, r["event_id"]).date:
        raise ExportError(f"{where}: position {r['id']}: date {r['date']} is not its event's date")
    speakers = [_get(session, where, Leader, s, "speaker") for s in r["speakers"]]
    topics = [_get(session, where, Topic, t, "topic") for t in r["topics"]]
    record = {
        **r,
        "speakers": sorted(r["speakers"]),
        "topics": sorted(r["topics"]),
        "act": r.get("act"),
        "created_at": _iso(_datetime(where, r["created_at"])),
    }
    existing = session.exec(
        select(Position)
        .where(Position.id == r["id"])
        .options(selectinload(related(Position.speakers)), selectinload(related(Position.topics)))
    ).first()
    if existing is not None:
        _same(where, _position(existing), record, "position", r["id"])
        summary.unchanged["position"] += 1
        return
    session.add(
        Position(
            id=r["id"],
            document_id=r["document_id"],
            event_id=r["event_id"],
            date=date,
            start=r["start"],
            end=r["end"],
            text=r["text"],
            act=r.get("act"),
            method=r["method"],
            confidence=float(r["confidence"]),
            reviewed=r["reviewed"],
            created_at=_datetime(where, r["created_at"]),
            speakers=speakers,
            topics=topics,
        )
    )
    summary.added["position"] += 1
    if summary.added["position"] % BATCH == 0:
        session.flush()
        session.expunge_all()  # constant memory on large files; rows stay in the transaction


def load(session: Session, records: Iterable[dict[str, Any]]) -> LoadSummary:
    """Validate and write `records` (as `dump` makes them) in one transaction: all or nothing.

    A record equal to a stored row is skipped; one that differs is an error. Raises ExportError
    naming the record's 1-based position in `records`.
    """
    summary = LoadSummary()
    try:
        for number, record in enumerate(records, start=1):
            _load_one(session, f"record {number}", record, summary)
        session.flush()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary
