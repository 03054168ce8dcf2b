"""Counts over the positions matching a set of filters: facets, and timelines per period and speaker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from typing import Any, Literal, cast

from sqlalchemy import column, func, table
from sqlmodel import Session, col, select

from app.core.errors import invalid_parameter
from app.models import Leader, Position, PositionSpeaker, PositionTopic
from app.positions import key_ranges
from app.positions.filters import PositionFilters, conditions
from app.positions.query_plan import ListPlan, MaintainedFacet
from app.schemas import FacetCount, LeaderRef, TimelineBucket

FACETS: tuple[str, ...] = ("topic", "leader", "act", "country", "date")
FacetKind = Literal["exact", "estimate"]
EXACT_CAP = 5000  # matching positions counted one by one; a larger set is sampled
SAMPLE = 2000  # positions a sampled facet reads, whatever the size of the set
Interval = Literal["month", "year"]


def parse_facets(raw: Iterable[str]) -> tuple[str, ...]:
    """`facets=topic,leader` (or repeated) as a tuple of known facet names; a 422 naming `facets` otherwise."""
    names = [n.strip() for value in raw for n in value.split(",") if n.strip()]
    bad = [n for n in names if n not in FACETS]
    if bad:
        raise invalid_parameter(
            "facets", f"unknown facet {', '.join(map(repr, bad))}; valid: {', '.join(FACETS)}", value=bad[0]
        )
    return tuple(dict.fromkeys(names))


def _counts(session: Session, stmt: Any, scale: float = 1.0) -> list[FacetCount]:
    if scale == 1.0:
        return [FacetCount(value=str(value), count=count) for value, count in session.exec(stmt).all()]
    scaled = [(str(value), round(count * scale)) for value, count in session.exec(stmt).all()]
    return [FacetCount(value=v, count=c) for v, c in sorted(scaled, key=lambda vc: (-vc[1], vc[0]))]


def _statements(ids: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """Per facet, (value, count) over the positions whose ids `ids` selects."""
    count = func.count()
    out: dict[str, Any] = {}
    for name in names:
        if name == "topic":
            out[name] = (
                select(PositionTopic.topic_slug, count)
                .where(col(PositionTopic.position_id).in_(ids))
                .group_by(PositionTopic.topic_slug)
                .order_by(count.desc(), PositionTopic.topic_slug)
            )
        elif name == "leader":
            out[name] = (
                select(PositionSpeaker.leader_slug, count)
                .where(col(PositionSpeaker.position_id).in_(ids))
                .group_by(PositionSpeaker.leader_slug)
                .order_by(count.desc(), PositionSpeaker.leader_slug)
            )
        elif name == "country":
            # A joint position of two leaders of one country counts once for it.
            distinct = func.count(col(PositionSpeaker.position_id).distinct())
            out[name] = (
                select(Leader.country, distinct)
                .join(Leader, col(Leader.slug) == PositionSpeaker.leader_slug)
                .where(col(PositionSpeaker.position_id).in_(ids), col(Leader.country).is_not(None))
                .group_by(Leader.country)
                .order_by(distinct.desc(), col(Leader.country))
            )
        elif name == "act":
            out[name] = (
                select(Position.act, count)
                .where(col(Position.id).in_(ids), col(Position.act).is_not(None))
                .group_by(Position.act)
                .order_by(count.desc(), col(Position.act))
            )
        else:
            out[name] = (
                select(col(Position.date), count)
                .where(col(Position.id).in_(ids))
                .group_by(col(Position.date))
                .order_by(col(Position.date))
            )
    return out


def facets(session: Session, filters: PositionFilters, names: tuple[str, ...]) -> dict[str, list[FacetCount]]:
    """For each facet, the matching positions per value (exact): most first (dates: oldest first)."""
    ids = select(Position.id).where(*conditions(filters))
    return {name: _counts(session, stmt) for name, stmt in _statements(ids, names).items()}


def _maintained(session: Session, facet: MaintainedFacet) -> list[FacetCount]:
    """A facet's counts from the maintained pair counts (leaders of one topic, topics of one leader)."""
    _count = table("position_count", column("topic_slug"), column("leader_slug"), column("n"))
    stmt = (
        select(_count.c[facet.free], _count.c.n)
        .where(_count.c[facet.fixed] == facet.value, _count.c[facet.free] != "", _count.c.n > 0)
        .order_by(_count.c.n.desc(), _count.c[facet.free])
    )
    return _counts(session, stmt)


def facet_counts(
    session: Session, plan: ListPlan, names: tuple[str, ...]
) -> tuple[dict[str, list[FacetCount]], dict[str, FacetKind]]:
    """Facets of a position list, and per facet whether its counts are `exact` or an `estimate`.

    Counts come from the maintained pair counts where they answer (leaders of a topic, topics of a
    leader), else from the matching positions: all of them up to `EXACT_CAP`; beyond it a systematic
    sample of about `SAMPLE` (every k-th id), scaled to the list's total — its cost then no longer
    grows with the corpus. Sets whose size is not known cheaply are counted exactly."""
    result: dict[str, list[FacetCount]] = {}
    kinds: dict[str, FacetKind] = {}
    rest = []
    filters = plan.filters
    for name in names:
        if name in plan.maintained:
            result[name], kinds[name] = _maintained(session, plan.maintained[name]), "exact"
        else:
            rest.append(name)
    if not rest:
        return result, kinds
    size = plan.total(session) if plan.reader != "search" else None
    kind: FacetKind
    if size is None or size.kind == "lower_bound" or size.value <= EXACT_CAP:
        counts, kind, scale = facets(session, filters, tuple(rest)), "exact", 1.0
    else:
        every = max(2, size.value // SAMPLE)
        # Read once; each facet then probes the ~SAMPLE ids instead of re-running the sample.
        ids = list(session.connection().execute(key_ranges.sample_ids(filters, plan.ranges, every)).scalars())
        scale = size.value / max(1, len(ids))
        counts = {name: _counts(session, stmt, scale) for name, stmt in _statements(ids, tuple(rest)).items()}
        kind = "estimate"
    for name in rest:
        result[name], kinds[name] = counts[name], kind
    return {name: result[name] for name in names}, kinds


def _period(date: dt.date, interval: Interval) -> str:
    return date.strftime("%Y-%m" if interval == "month" else "%Y")


def timeline(
    session: Session, filters: PositionFilters, interval: Interval, speakers: tuple[str, ...] = ()
) -> list[TimelineBucket]:
    """Matching positions per period and speaker (only `speakers` when given), oldest period first."""
    stmt = (
        select(col(Position.date), col(Position.id), col(Leader.slug), col(Leader.name))
        .join(PositionSpeaker, col(PositionSpeaker.position_id) == Position.id)
        .join(Leader, col(Leader.slug) == PositionSpeaker.leader_slug)
        .where(*conditions(filters))
    )
    if speakers:
        stmt = stmt.where(col(PositionSpeaker.leader_slug).in_(speakers))
    rows = session.exec(stmt.order_by(col(Position.date), col(Position.id))).all()
    buckets: list[TimelineBucket] = []
    # Rows arrive by date, so each period is one run; within it, split per speaker.
    for period, in_period in groupby(rows, key=lambda r: _period(r[0], interval)):
        per_speaker: dict[tuple[str, str], list[tuple[dt.date, int]]] = {}
        for date, pid, slug, name in in_period:
            per_speaker.setdefault((slug, name), []).append((date, cast(int, pid)))  # a primary key: never None
        for (slug, name), items in sorted(per_speaker.items()):
            buckets.append(
                TimelineBucket(
                    period=period,
                    speaker=LeaderRef(slug=slug, name=name),
                    count=len(items),
                    first=items[0][0],
                    last=items[-1][0],
                    position_ids=[i for _, i in items],
                )
            )
    return buckets
