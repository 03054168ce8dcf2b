"""Counts over the positions matching a set of filters: facets, and timelines per period and speaker."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from typing import Any, Literal

from sqlalchemy import func
from sqlmodel import Session, select

from app.errors import invalid_parameter
from app.models import Leader, Position, PositionSpeaker, PositionTopic
from app.schemas import FacetCount, LeaderRef, TimelineBucket
from app.services.filters import PositionFilters, conditions

FACETS: tuple[str, ...] = ("topic", "leader", "act", "country", "date")
Interval = Literal["month", "year"]


def parse_facets(raw: Iterable[str]) -> tuple[str, ...]:
    """`facets=topic,leader` (or repeated) as a tuple of known facet names; a 422 naming `facets` otherwise."""
    names = [n.strip() for value in raw for n in value.split(",") if n.strip()]
    bad = [n for n in names if n not in FACETS]
    if bad:
        raise invalid_parameter("facets", f"unknown facet {', '.join(map(repr, bad))}; valid: {', '.join(FACETS)}",
                                value=bad[0])
    return tuple(dict.fromkeys(names))


def _counts(session: Session, stmt: Any) -> list[FacetCount]:
    return [FacetCount(value=str(value), count=count) for value, count in session.exec(stmt).all()]


def facets(session: Session, filters: PositionFilters, names: tuple[str, ...]) -> dict[str, list[FacetCount]]:
    """For each facet, the matching positions per value: most first (dates: oldest first)."""
    where = conditions(filters)
    # Link-table facets join on the ids of the matching positions: one indexed subquery per facet.
    ids = select(Position.id).where(*where)
    count = func.count()
    result: dict[str, list[FacetCount]] = {}
    for name in names:
        if name == "topic":
            stmt = (select(PositionTopic.topic_slug, count).where(PositionTopic.position_id.in_(ids))
                    .group_by(PositionTopic.topic_slug).order_by(count.desc(), PositionTopic.topic_slug))
        elif name == "leader":
            stmt = (select(PositionSpeaker.leader_slug, count).where(PositionSpeaker.position_id.in_(ids))
                    .group_by(PositionSpeaker.leader_slug).order_by(count.desc(), PositionSpeaker.leader_slug))
        elif name == "country":
            # A joint position of two leaders of one country counts once for it.
            distinct = func.count(PositionSpeaker.position_id.distinct())
            stmt = (select(Leader.country, distinct).join(Leader, Leader.slug == PositionSpeaker.leader_slug)
                    .where(PositionSpeaker.position_id.in_(ids), Leader.country.is_not(None))
                    .group_by(Leader.country).order_by(distinct.desc(), Leader.country))
        elif name == "act":
            stmt = (select(Position.act, count).where(*where, Position.act.is_not(None))
                    .group_by(Position.act).order_by(count.desc(), Position.act))
        else:
            stmt = select(Position.date, count).where(*where).group_by(Position.date).order_by(Position.date)
        result[name] = _counts(session, stmt)
    return result


def _period(date: dt.date, interval: Interval) -> str:
    return date.strftime("%Y-%m" if interval == "month" else "%Y")


def timeline(session: Session, filters: PositionFilters, interval: Interval,
             speakers: tuple[str, ...] = ()) -> list[TimelineBucket]:
    """Matching positions per period and speaker (only `speakers` when given), oldest period first."""
    stmt = (select(Position.date, Position.id, Leader.slug, Leader.name)
            .join(PositionSpeaker, PositionSpeaker.position_id == Position.id)
            .join(Leader, Leader.slug == PositionSpeaker.leader_slug)
            .where(*conditions(filters)))
    if speakers:
        stmt = stmt.where(PositionSpeaker.leader_slug.in_(speakers))
    rows = session.exec(stmt.order_by(Position.date, Position.id)).all()
    buckets: list[TimelineBucket] = []
    # Rows arrive by date, so each period is one run; within it, split per speaker.
    for period, in_period in groupby(rows, key=lambda r: _period(r[0], interval)):
        per_speaker: dict[tuple[str, str], list[tuple[dt.date, int]]] = {}
        for date, pid, slug, name in in_period:
            per_speaker.setdefault((slug, name), []).append((date, pid))
        for (slug, name), items in sorted(per_speaker.items()):
            buckets.append(TimelineBucket(period=period, speaker=LeaderRef(slug=slug, name=name), count=len(items),
                                          first=items[0][0], last=items[-1][0], position_ids=[i for _, i in items]))
    return buckets
