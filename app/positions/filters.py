"""Filters on position lists: parsed once, checked against the database, turned into SQL conditions.

A repeated parameter means any of its values; different parameters must all hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from app.core.errors import INVALID_PARAMETERS, ApiError
from app.models import Document, Event, Leader, Position, PositionSpeaker, PositionTopic, Topic
from app.positions import fulltext as search
from app.schemas import ACTS


@dataclass(frozen=True)
class PositionFilters:
    topic: tuple[str, ...] = ()
    leader: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    act: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None  # full-text query, normalized by app.positions.fulltext
    min_confidence: float | None = None  # the annotator's provenance.confidence, at least this (0..1)
    extra: tuple[ColumnElement[bool], ...] = field(default=())
    match: ColumnElement[bool] | None = None  # the condition for `q`, set by validate()


def _unknown(param: str, bad: list[str], valid: list[str], what: str) -> ApiError:
    shown = ", ".join(valid[:100]) + (" …" if len(valid) > 100 else "")
    reason = f"unknown {what} {', '.join(repr(b) for b in bad)}; valid values: {shown}"
    return ApiError(
        422,
        f"Invalid value for parameter {param!r}: {reason}",
        type=INVALID_PARAMETERS,
        title="Invalid parameters",
        errors=[{"name": param, "in": "query", "reason": reason, "value": bad[0]}],
    )


# Topic and leader slugs seen to exist, per database: the API never deletes topics or leaders, so a slug
# once found stays valid, and the common request skips one query per filter. Misses always ask the database.
_SEEN: dict[tuple[str, str], set[str]] = {}
_NEVER_DELETED = ("topic.slug", "leader.slug")


def check_known(session: Session, param: str, values: tuple[str, ...], column: Any, what: str) -> None:
    """A 422 listing the valid values if any of `values` is not in `column`."""
    if not values:
        return
    name = f"{column.table.name}.{column.name}"
    seen = _SEEN.setdefault((str(session.get_bind().engine.url), name), set()) if name in _NEVER_DELETED else None
    if seen is not None and seen.issuperset(values):
        return
    known = set(session.exec(select(column).where(column.in_(values))).all())
    if seen is not None:
        seen.update(known)
    bad = [v for v in values if v not in known]
    if bad:
        valid = sorted(session.exec(select(column).distinct()).all())
        raise _unknown(param, bad, valid, what)


def resolve_countries(session: Session, values: tuple[str, ...]) -> tuple[str, ...]:
    """Countries as stored, matched case-insensitively; a 422 listing the known ones otherwise."""
    if not values:
        return ()
    rows = session.exec(select(Leader.country).where(col(Leader.country).is_not(None)).distinct()).all()
    countries = {c.casefold(): c for c in rows if c is not None}
    bad = [c for c in values if c.casefold() not in countries]
    if bad:
        raise _unknown("country", bad, sorted(countries.values()), "country")
    return tuple(countries[c.casefold()] for c in values)


def validate(session: Session, f: PositionFilters) -> PositionFilters:
    """Check every slug and value against what exists; a 422 listing the valid values otherwise."""
    bad_acts = [a for a in f.act if a not in ACTS]
    if bad_acts:
        raise _unknown("act", bad_acts, list(ACTS), "act")
    check_known(session, "topic", f.topic, Topic.slug, "topic")
    check_known(session, "leader", f.leader, Leader.slug, "leader")
    check_known(session, "document", f.document, Document.id, "document")
    check_known(session, "event", f.event, Event.id, "event")
    if f.country:
        f = replace(f, country=resolve_countries(session, f.country))
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ApiError(
            422,
            "Invalid parameters: date_from is after date_to; swap them or drop one.",
            type=INVALID_PARAMETERS,
            title="Invalid parameters",
            errors=[{"name": "date_from", "in": "query", "reason": "after date_to", "value": f.date_from.isoformat()}],
        )
    if f.min_confidence is not None:
        # As an extra condition, so that every plan (conditions() and per-row checks) applies it.
        f = replace(f, extra=(*f.extra, col(Position.confidence) >= f.min_confidence))
    if f.q is not None:
        q = search.prepare(session, f.q)
        f = replace(f, q=q, match=search.backend(session).position_ids(q))
    return f


def conditions(f: PositionFilters) -> list[ColumnElement[bool]]:
    """SQL conditions on `Position` for the filters (all must hold)."""
    where: list[ColumnElement[bool]] = list(f.extra)
    if f.match is not None:
        where.append(f.match)
    if f.topic:
        tagged = select(PositionTopic.position_id).where(col(PositionTopic.topic_slug).in_(f.topic))
        where.append(col(Position.id).in_(tagged))
    if f.leader:
        spoken = select(PositionSpeaker.position_id).where(col(PositionSpeaker.leader_slug).in_(f.leader))
        where.append(col(Position.id).in_(spoken))
    if f.country:
        speakers_from = (
            select(PositionSpeaker.position_id)
            .join(Leader, col(Leader.slug) == PositionSpeaker.leader_slug)
            .where(col(Leader.country).in_(f.country))
        )
        where.append(col(Position.id).in_(speakers_from))
    if f.act:
        where.append(col(Position.act).in_(f.act))
    if f.document:
        where.append(col(Position.document_id).in_(f.document))
    if f.event:
        where.append(col(Position.event_id).in_(f.event))
    if f.date_from:
        where.append(col(Position.date) >= f.date_from)
    if f.date_to:
        where.append(col(Position.date) <= f.date_to)
    return where


def within(
    f: PositionFilters, *, leader: str | None = None, topic: str | None = None, document: str | None = None
) -> PositionFilters:
    """`f` restricted to one leader, topic or document (from a path), on top of its own filters."""
    extra = list(f.extra)
    # When the query's own filter is empty or already allows the path's value, the path value becomes
    # the filter (same matches), so the list can use the topic/leader ranges of key_ranges.
    if leader is not None:
        if not f.leader or leader in f.leader:
            f = replace(f, leader=(leader,))
        else:
            spoken = select(PositionSpeaker.position_id).where(col(PositionSpeaker.leader_slug) == leader)
            extra.append(col(Position.id).in_(spoken))
    if topic is not None:
        if not f.topic or topic in f.topic:
            f = replace(f, topic=(topic,))
        else:
            tagged = select(PositionTopic.position_id).where(col(PositionTopic.topic_slug) == topic)
            extra.append(col(Position.id).in_(tagged))
    if document is not None:
        if not f.document or document in f.document:
            f = replace(f, document=(document,))
        else:
            extra.append(col(Position.document_id) == document)
    return replace(f, extra=tuple(extra))
