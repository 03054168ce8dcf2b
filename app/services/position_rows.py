"""Positions for reading, loaded with three Core queries instead of ORM objects.

A page of 50 ORM positions with their speakers, topics, document and event costs ~10 ms of
SQLAlchemy bookkeeping (identity map, collections, five queries); these plain views carry the
same attributes `to_public`, `cite` and the Web Annotation builder read, for a fraction of that.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlmodel import Session

from app.models import Document, Event, Leader, Position, PositionSpeaker, PositionTopic


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


_p, _d, _e = Position.__table__.c, Document.__table__.c, Event.__table__.c  # type: ignore[attr-defined]
_IDS = bindparam("ids", expanding=True)
_ROWS = (select(_p.id, _p.document_id, _p.event_id, _p.date, _p.start, _p.end, _p.text, _p.act, _p.method,
                _p.confidence, _p.reviewed, _p.created_at, _d.title, _d.source, _d.url, _d.created_at, _e.title, _e.kind)
         .join_from(Position.__table__, Document.__table__, _d.id == _p.document_id)  # type: ignore[attr-defined]
         .join(Event.__table__, _e.id == _d.event_id)  # type: ignore[attr-defined]
         .where(_p.id.in_(_IDS)))
_SPEAKERS = (select(PositionSpeaker.__table__.c.position_id, Leader.__table__.c.slug, Leader.__table__.c.name)  # type: ignore[attr-defined]
             .join(Leader.__table__, Leader.__table__.c.slug == PositionSpeaker.__table__.c.leader_slug)  # type: ignore[attr-defined]
             .where(PositionSpeaker.__table__.c.position_id.in_(_IDS)))  # type: ignore[attr-defined]
_TOPICS = (select(PositionTopic.__table__.c.position_id, PositionTopic.__table__.c.topic_slug)  # type: ignore[attr-defined]
           .where(PositionTopic.__table__.c.position_id.in_(_IDS)))  # type: ignore[attr-defined]


def load(session: Session, ids: list[int]) -> list[PositionView]:
    """The positions with these ids, in the order of `ids` (missing ids are left out)."""
    if not ids:
        return []
    conn = session.connection()
    params = {"ids": list(dict.fromkeys(ids))}
    found: dict[int, PositionView] = {}
    for (pid, document_id, event_id, date, start, end, text, act, method, confidence, reviewed, created_at,
         title, source, url, doc_created, event_title, kind) in conn.execute(_ROWS, params):
        found[pid] = PositionView(pid, document_id, event_id, date, start, end, text, act, method, confidence,
                                  bool(reviewed), created_at,
                                  DocumentView(title, source, url, doc_created, EventView(event_title, kind)))
    for pid, slug, name in conn.execute(_SPEAKERS, params):
        found[pid].speakers.append(LeaderView(slug, name))
    for pid, slug in conn.execute(_TOPICS, params):
        found[pid].topics.append(TopicView(slug))
    return [found[i] for i in ids if i in found]
