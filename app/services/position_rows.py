"""Positions for reading, loaded with three plain queries instead of ORM objects.

A page of 50 ORM positions with their speakers, topics, document and event costs ~10 ms of
SQLAlchemy bookkeeping (identity map, collections, five queries); these plain views carry the
same attributes `to_public`, `cite` and the Web Annotation builder read, for a fraction of that.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session



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
    created_at: dt.datetime
    event: EventView


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
    created_at: dt.datetime
    document: DocumentView
    speakers: list[LeaderView] = field(default_factory=list)
    topics: list[TopicView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PositionHit:
    """A listed position, with its search rank (BM25, lower is better) and highlight when `q` was given."""

    position: "PositionView"
    rank: float | None = None
    highlight: str | None = None


# Plain SQL, one id list parameter (a JSON array on SQLite, an array on PostgreSQL): no per-call
# statement compilation and no result type processing, which cost more than the reads themselves.
_ROWS = ("SELECT p.id, p.document_id, p.event_id, p.date, p.start, p.\"end\", p.text, p.act, p.method, p.confidence, "
         "p.reviewed, p.created_at, d.title, d.source, d.url, d.created_at, e.title, e.kind "
         "FROM position p JOIN document d ON d.id = p.document_id JOIN event e ON e.id = d.event_id WHERE p.id ")
_SPEAKERS = ("SELECT s.position_id, l.slug, l.name FROM position_speaker s JOIN leader l ON l.slug = s.leader_slug "
             "WHERE s.position_id ")
_TOPICS = "SELECT t.position_id, t.topic_slug FROM position_topic t WHERE t.position_id "
_IN_IDS = {"sqlite": "IN (SELECT value FROM json_each(:ids))", "postgresql": "= ANY(:ids)"}
_STATEMENTS = {dialect: tuple(text(head + where) for head in (_ROWS, _SPEAKERS, _TOPICS))  # sql-identifiers-only
               for dialect, where in _IN_IDS.items()}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _utc(value: Any) -> dt.datetime:
    # Stored in UTC (sqlmodel's UTCDateTime); SQLite hands back naive text.
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def load(session: Session, ids: list[int]) -> list[PositionView]:
    """The positions with these ids, in the order of `ids` (missing ids are left out)."""
    if not ids:
        return []
    conn = session.connection()
    dialect = conn.dialect.name
    rows_sql, speakers_sql, topics_sql = _STATEMENTS[dialect]
    unique = list(dict.fromkeys(ids))
    params = {"ids": json.dumps(unique) if dialect == "sqlite" else unique}
    found: dict[int, PositionView] = {}
    for (pid, document_id, event_id, date, start, end, text_, act, method, confidence, reviewed, created_at,
         title, source, url, doc_created, event_title, kind) in conn.execute(rows_sql, params).fetchall():
        found[pid] = PositionView(pid, document_id, event_id, _date(date), start, end, text_, act, method,
                                  float(confidence), bool(reviewed), _utc(created_at),
                                  DocumentView(title, source, url, _utc(doc_created), EventView(event_title, kind)))
    for pid, slug, name in conn.execute(speakers_sql, params).fetchall():
        found[pid].speakers.append(LeaderView(slug, name))
    for pid, slug in conn.execute(topics_sql, params).fetchall():
        found[pid].topics.append(TopicView(slug))
    return [found[i] for i in ids if i in found]
