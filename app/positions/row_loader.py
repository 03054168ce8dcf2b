"""Positions for reading, loaded with three plain queries instead of ORM objects.

A page of 50 ORM positions with their speakers, topics, document and event costs more in
SQLAlchemy bookkeeping (identity map, collections, five queries) than in its reads; these plain
views carry the same attributes `to_public`, `cite` and the Web Annotation builder read, for a fraction of that.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlmodel import Session

from app.core.db import driver_rows


@dataclass(frozen=True, slots=True)
class LeaderView:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class TopicView:
    slug: str


@dataclass(frozen=True, slots=True)
class EventView:
    title: str
    kind: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    title: str
    source: str | None
    url: str | None
    created_raw: Any  # as the driver gave it: parsed on use (only Web Annotations show it)
    event: EventView

    @property
    def created_at(self) -> dt.datetime:
        return _utc(self.created_raw)


@dataclass(slots=True)
class PositionView:
    """A stored position as read-only data: the attributes of `app.models.Position` that views use."""

    id: int
    document_id: str
    event_id: str
    date: dt.date
    start: int
    end: int
    text: str
    act: str | None
    method: str
    confidence: float
    reviewed: bool
    created_raw: Any
    document: DocumentView
    speakers: list[LeaderView] = field(default_factory=list)
    topics: list[TopicView] = field(default_factory=list)

    @property
    def created_at(self) -> dt.datetime:
        return _utc(self.created_raw)


@dataclass(frozen=True, slots=True)
class PositionHit:
    """A listed position, with its search rank (BM25, lower is better) and highlight when `q` was given."""

    position: PositionView
    rank: float | None = None
    highlight: str | None = None


# Plain SQL on the driver's own cursor, one statement with one id list parameter (speakers and topics
# aggregated per row) (a JSON array on
# SQLite, an array on PostgreSQL): SQLAlchemy's statement and result machinery costs more per call
# than these primary-key reads themselves, and a page is read with one.
_COLUMNS = (
    'p.id, p.document_id, p.event_id, p.date, p.start, p."end", p.text, p.act, p.method, p.confidence, '
    "p.reviewed, p.created_at, d.title, d.source, d.url, d.created_at, e.title, e.kind, "
)
_FROM = "FROM position p JOIN document d ON d.id = p.document_id JOIN event e ON e.id = d.event_id "
_AGGREGATES = {
    "sqlite": "(SELECT json_group_array(json_array(l.slug, l.name)) FROM position_speaker s "
    "JOIN leader l ON l.slug = s.leader_slug WHERE s.position_id = p.id), "
    "(SELECT group_concat(t.topic_slug, char(31)) FROM position_topic t WHERE t.position_id = p.id) ",
    "postgresql": "(SELECT coalesce(json_agg(json_build_array(l.slug, l.name)), '[]') FROM position_speaker s "
    "JOIN leader l ON l.slug = s.leader_slug WHERE s.position_id = p.id), "
    "(SELECT string_agg(t.topic_slug, chr(31)) FROM position_topic t WHERE t.position_id = p.id) ",
}
_SQL = {
    "sqlite": "SELECT "
    + _COLUMNS
    + _AGGREGATES["sqlite"]
    + _FROM
    + "WHERE p.id IN (SELECT value FROM json_each(:ids))",
    "postgresql": "SELECT " + _COLUMNS + _AGGREGATES["postgresql"] + _FROM + "WHERE p.id = ANY(%(ids)s)",
}
# One position and, in the same statement (one snapshot), the data version its ETag is made from:
# GET /v1/positions/{id}'s fast path (app.api.hot_paths). Rows: the version, then what `view` reads.
_VERSION = "(SELECT version FROM data_version WHERE id = 1), "
BY_ID_SQL = {
    "sqlite": "SELECT " + _VERSION + _COLUMNS + _AGGREGATES["sqlite"] + _FROM + "WHERE p.id = :id",
    "postgresql": "SELECT " + _VERSION + _COLUMNS + _AGGREGATES["postgresql"] + _FROM + "WHERE p.id = %(id)s",
}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _utc(value: Any) -> dt.datetime:
    # Stored in UTC (sqlmodel's UTCDateTime); SQLite hands back naive text.
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _split(value: str | None) -> list[str]:
    # Topic slugs are [a-z0-9-] (TopicIn's pattern), so the unit separator cannot occur in one.
    return value.split("\x1f") if value else []


def _pairs(value: Any) -> list[Any]:
    return value if isinstance(value, list) else orjson.loads(value)  # names may hold any character: JSON


def view(row: Any) -> PositionView:
    """One row of `_SQL` (or of `BY_ID_SQL` without its first column) as a position view."""
    (
        pid,
        document_id,
        event_id,
        date,
        start,
        end,
        text_,
        act,
        method,
        confidence,
        reviewed,
        created_at,
        title,
        source,
        url,
        doc_created,
        event_title,
        kind,
        speakers,
        topics,
    ) = row
    return PositionView(
        pid,
        document_id,
        event_id,
        _date(date),
        start,
        end,
        text_,
        act,
        method,
        float(confidence),
        bool(reviewed),
        created_at,
        DocumentView(title, source, url, doc_created, EventView(event_title, kind)),
        [LeaderView(slug, name) for slug, name in _pairs(speakers)],
        [TopicView(slug) for slug in _split(topics)],
    )


def load(session: Session, ids: list[int]) -> list[PositionView]:
    """The positions with these ids, in the order of `ids` (missing ids are left out)."""
    if not ids:
        return []
    unique = list(dict.fromkeys(ids))
    sqlite = session.get_bind().dialect.name == "sqlite"
    rows = driver_rows(session, _SQL, {"ids": json.dumps(unique) if sqlite else unique})
    found: dict[int, PositionView] = {}
    for row in rows:
        position = view(row)
        found[position.id] = position
    return [found[i] for i in ids if i in found]
