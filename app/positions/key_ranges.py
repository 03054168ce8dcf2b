"""Index ranges over `position_key`: pages, totals and samples of position lists at millions of positions.

Topic and leader filters (and country, as the set of its leaders) are answered from
`position_key` (migration 0200): one index range per (topic, leader) value pair, already in
(date, id) order, so a page reads `limit` rows whatever the corpus size. Other filters are
checked on the rows the ranges yield. With several values, each pair's range gives its first
page and the pages are merged, so "any of" costs one short range scan per pair.

Totals come from `position_count` when it holds the exact answer (no filter, one topic, one
leader, or one pair). Otherwise at most `SCAN_CAP` rows are examined: a smaller match set is
counted exactly (date bounds alone are counted exactly by stepping through, or around, the
range while that stays under `RANGE_CAP`), a larger one is estimated from the share of matches
in the newest `ESTIMATE_SAMPLE` rows (`estimate`), or, without a maintained range to scale by,
reported as a lower bound. The page always says which (`total_kind`).

Which ranges drive a list is decided once per request by `app.positions.query_plan`, which hands its
`KeyPlan` to every function here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    tuple_,
    union,
    union_all,
)
from sqlmodel import Session, col

from app.core.db import dialect_sql, driver_rows, run
from app.core.pagination import SortOrder, decode_cursor, encode_cursor
from app.models import Leader, Position, PositionSpeaker, PositionTopic
from app.positions.filters import PositionFilters, conditions

TotalKind = Literal["exact", "estimate", "lower_bound"]
TOTAL_KINDS: dict[str, str] = {
    "exact": "`total` is the exact number of matches.",
    "estimate": "`total` is estimated from the share of matches among the first rows of a maintained count.",
    "lower_bound": "at least `total` items match; counting further would cost more than the page.",
}
SCAN_CAP = 2000  # rows a total may examine; beyond it the total is estimated or a lower bound
ESTIMATE_SAMPLE = 1000  # rows an estimated total checks, whatever the size of the list
MAX_PAIRS = 24  # (topic, leader) ranges merged for one page; more falls back to the general plan

_key = table("position_key", column("topic_slug"), column("leader_slug"), column("date"), column("position_id"))
_count = table("position_count", column("topic_slug"), column("leader_slug"), column("n"))


@dataclass(frozen=True)
class Total:
    value: int
    kind: TotalKind = "exact"


@dataclass(frozen=True)
class KeyPlan:
    """Which `position_key` ranges drive the list, and what still has to be checked on each row."""

    pairs: tuple[tuple[str, str], ...]
    residual: tuple[ColumnElement[bool], ...]
    date_from: dt.date | None
    date_to: dt.date | None


def _leaders_of(session: Session, countries: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(run(session, select(col(Leader.slug)).where(col(Leader.country).in_(countries))).scalars())


def key_plan(session: Session, f: PositionFilters) -> KeyPlan | None:
    """The ranges for `f`, or None when no topic/leader/country filter can drive it (or a search does)."""
    if f.q or f.match is not None or f.document or f.event:
        return None  # a search, a document or an event is already small and indexed
    topics: tuple[str, ...] = f.topic or ("",)
    leaders: tuple[str, ...] = f.leader or ("",)
    by_country = not f.leader and bool(f.country)
    if by_country:
        leaders = _leaders_of(session, f.country) or ("\x00none",)  # no leader of that country: no match
    if len(topics) * len(leaders) > MAX_PAIRS:
        # Too many pairs: drive by one dimension alone and check the other on each row.
        if len(topics) <= MAX_PAIRS and topics != ("",):
            leaders, by_country, f_leader = ("",), False, True
        elif len(leaders) <= MAX_PAIRS and leaders != ("",):
            topics, f_leader = ("",), False
        else:
            return None
    else:
        f_leader = False
    if topics == ("",) and leaders == ("",):
        return None
    # Conditions the ranges already guarantee are dropped; everything else is checked per row.
    rest = replace(
        f,
        date_from=None,
        date_to=None,
        topic=f.topic if topics == ("",) else (),
        leader=f.leader if (leaders == ("",) or f_leader) else (),
        country=f.country if not by_country else (),
    )
    return KeyPlan(
        pairs=tuple((t, le) for t in topics for le in leaders),
        residual=row_checks(rest),
        date_from=f.date_from,
        date_to=f.date_to,
    )


def row_checks(f: PositionFilters) -> tuple[ColumnElement[bool], ...]:
    """`f` (but `q`) as conditions on one position row, for plans that visit few rows. Correlated EXISTS
    probes the link tables' primary keys per row; filters.conditions' IN (SELECT …) would first
    materialise every position of a topic or leader."""
    checks: list[ColumnElement[bool]] = list(f.extra)
    if f.topic:
        checks.append(
            exists().where(col(PositionTopic.position_id) == Position.id, col(PositionTopic.topic_slug).in_(f.topic))
        )
    if f.leader:
        checks.append(
            exists().where(
                col(PositionSpeaker.position_id) == Position.id, col(PositionSpeaker.leader_slug).in_(f.leader)
            )
        )
    if f.country:
        checks.append(
            exists().where(
                col(PositionSpeaker.position_id) == Position.id,
                col(Leader.slug) == PositionSpeaker.leader_slug,
                col(Leader.country).in_(f.country),
            )
        )
    if f.act:
        checks.append(col(Position.act).in_(f.act))
    if f.document:
        checks.append(col(Position.document_id).in_(f.document))
    if f.event:
        checks.append(col(Position.event_id).in_(f.event))
    if f.date_from:
        checks.append(col(Position.date) >= f.date_from)
    if f.date_to:
        checks.append(col(Position.date) <= f.date_to)
    return tuple(checks)


def _range(plan: KeyPlan, pair: tuple[str, str]) -> Any:
    """SELECT date, position_id of one pair's range, with the date bounds and the per-row checks."""
    # Labelled: an ORDER BY over a UNION of ranges names its columns.
    stmt = select(_key.c.date.label("date"), _key.c.position_id.label("position_id")).where(
        _key.c.topic_slug == pair[0], _key.c.leader_slug == pair[1]
    )
    if plan.date_from:
        stmt = stmt.where(_key.c.date >= plan.date_from)
    if plan.date_to:
        stmt = stmt.where(_key.c.date <= plan.date_to)
    if plan.residual:
        stmt = stmt.join(Position, col(Position.id) == _key.c.position_id).where(*plan.residual)
    return stmt


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _after(order: SortOrder, values: list[Any]) -> ColumnElement[bool]:
    date, pid = values
    descending = order.keys[0][1]
    step = _key.c.date < date if descending else _key.c.date > date
    # The bound alone on date lets the range scan start at the cursor (an OR alone would scan from the top).
    bound = _key.c.date <= date if descending else _key.c.date >= date
    return and_(bound, or_(step, and_(_key.c.date == date, _key.c.position_id > pid)))


# The commonest lists (one topic, one leader, or one pair; no other filter) in plain SQL on the driver's
# cursor: SQLAlchemy's statement building and result handling cost more than these index reads.
_ONE_RANGE = {
    (descending, after): dialect_sql(
        "SELECT date, position_id FROM position_key WHERE topic_slug = :t AND leader_slug = :l "
        + (
            (
                "AND date <= :d AND (date < :d OR (date = :d AND position_id > :id)) "
                if descending
                else "AND date >= :d AND (date > :d OR (date = :d AND position_id > :id)) "
            )
            if after
            else ""
        )
        + f"ORDER BY date {'DESC' if descending else 'ASC'}, position_id LIMIT :n"
    )
    for descending in (True, False)
    for after in (True, False)
}
_ONE_COUNT = dialect_sql("SELECT n FROM position_count WHERE topic_slug = :t AND leader_slug = :l")


def _single(plan: KeyPlan) -> bool:
    return len(plan.pairs) == 1 and not plan.residual and not plan.date_from and not plan.date_to


def page_ids(
    session: Session, plan: KeyPlan, order: SortOrder, limit: int, cursor: str | None
) -> tuple[list[int], str | None]:
    """Ids of one page of the ranges in `order` ((date, id) keys), and the next cursor."""
    descending = order.keys[0][1]
    if _single(plan):
        ((t, le),) = plan.pairs
        params: dict[str, Any] = {"t": t, "l": le, "n": limit + 1}
        if cursor:
            date, pid = decode_cursor(cursor, "positions", order)
            params.update(d=date.isoformat() if session.get_bind().dialect.name == "sqlite" else date, id=pid)
        found = driver_rows(session, _ONE_RANGE[descending, bool(cursor)], params)
        next_cursor = None
        if len(found) > limit:
            found = found[:limit]
            next_cursor = encode_cursor("positions", order.name, (_as_date(found[-1][0]), found[-1][1]))
        return [pid for _, pid in found], next_cursor
    after = _after(order, decode_cursor(cursor, "positions", order)) if cursor else None
    arms = []
    for pair in plan.pairs:
        stmt = _range(plan, pair)
        arms.append(stmt.where(after) if after is not None else stmt)
    per_arm = session.get_bind().dialect.name == "postgresql"

    def merged(want: int) -> Any:
        """The first `want` rows of all ranges in order. One ordered UNION ALL: SQLite merges the ranges
        lazily (MERGE) and stops at the page; PostgreSQL's planner would join every range's rows before
        sorting, so there each range is first cut to `want` rows."""
        if len(arms) == 1:
            return (
                arms[0]
                .order_by(_key.c.date.desc() if descending else _key.c.date.asc(), _key.c.position_id.asc())
                .limit(want)
            )
        date_col: ColumnElement[Any] = literal_column("date")
        id_col: ColumnElement[Any] = literal_column("position_id")
        keys = (date_col.desc() if descending else date_col.asc(), id_col.asc())
        parts = [arm.order_by(*keys).limit(want).subquery().select() if per_arm else arm for arm in arms]
        return union_all(*parts).order_by(*keys).limit(want)

    # A position in two ranges arrives twice; when that leaves the page short, read further.
    want = limit + 1
    while True:
        rows = run(session, merged(want)).all()
        unique: dict[int, dt.date] = {}
        for date, pid in rows:
            unique.setdefault(pid, _as_date(date))
        if len(unique) > limit or len(rows) < want:
            break
        want *= 2
    page = list(unique.items())[: limit + 1]
    next_cursor = None
    if len(page) > limit:
        page = page[:limit]
        next_cursor = encode_cursor("positions", order.name, (page[-1][1], page[-1][0]))
    return [pid for pid, _ in page], next_cursor


def sample_ids(f: PositionFilters, plan: KeyPlan | None, every: int) -> Any:
    """SELECT of the ids matching `f` that are multiples of `every`: a systematic sample, read from the
    key ranges `plan` (a range scan, and row checks on the sample only) when there are any."""
    if plan is None:
        return select(col(Position.id)).where(*conditions(f), col(Position.id) % every == 0)
    parts = []
    for pair in plan.pairs:
        stmt = _range(replace(plan, residual=()), pair).where(_key.c.position_id % every == 0)
        if plan.residual:
            stmt = stmt.join(Position, col(Position.id) == _key.c.position_id).where(*plan.residual)
        parts.append(select(stmt.subquery().c.position_id))
    return parts[0] if len(parts) == 1 else union(*parts)


def maintained_counts(session: Session, pairs: tuple[tuple[str, str], ...]) -> dict[tuple[str, str], int]:
    """The maintained number of positions per (topic, leader) key ('' = any), for the keys asked."""
    stmt = select(_count.c.topic_slug, _count.c.leader_slug, _count.c.n).where(
        tuple_(_count.c.topic_slug, _count.c.leader_slug).in_(pairs)
    )
    return {(t, le): n for t, le, n in run(session, stmt).all()}


def total(session: Session, f: PositionFilters, plan: KeyPlan | None) -> Total:
    """How many positions match `f` (driven by the ranges `plan`, if any): exact when it is cheap to know,
    else an estimate or a lower bound."""
    if f == PositionFilters():
        return Total(maintained_counts(session, (("", ""),)).get(("", ""), 0))
    if plan is not None and _single(plan):
        ((t, le),) = plan.pairs
        found = driver_rows(session, _ONE_COUNT, {"t": t, "l": le})
        return Total(found[0][0] if found else 0)
    where = conditions(f)
    if plan is None:
        capped = select(literal(1)).select_from(Position).where(*where).limit(SCAN_CAP + 1).subquery()
        n = run(session, select(func.count()).select_from(capped)).scalar_one()
        return Total(n) if n <= SCAN_CAP else Total(SCAN_CAP, "lower_bound")
    sizes = maintained_counts(session, plan.pairs)
    driving = sum(sizes.values())
    if len(plan.pairs) == 1 and not plan.residual and not plan.date_from and not plan.date_to:
        return Total(driving)
    if driving <= SCAN_CAP:
        parts = [select(_range(plan, pair).subquery().c.position_id) for pair in plan.pairs]
        ids = parts[0] if len(parts) == 1 else union(*parts)  # UNION: a position in two ranges counts once
        return Total(run(session, select(func.count()).select_from(ids.subquery())).scalar_one())
    # Estimate: per pair, its rows within the date bounds (counted, see _in_dates) times the share of the
    # residual checks' matches among its newest ESTIMATE_SAMPLE/len(pairs) rows within those bounds.
    share = max(1, ESTIMATE_SAMPLE // len(plan.pairs))
    estimate, exact = 0.0, len(plan.pairs) == 1
    in_dates: dict[tuple[str, str], int] = {}
    for pair in plan.pairs:
        if sizes.get(pair, 0):
            in_dates[pair], counted = _in_dates(session, plan, pair, sizes[pair])
            exact = exact and counted
    if not plan.residual:
        return Total(sum(in_dates.values()), "exact" if exact else "estimate")
    # Every pair's share in one statement: (pair index, rows seen, rows matching the residual checks).
    heads = []
    for i, pair in enumerate(in_dates):
        head = (
            _range(replace(plan, residual=()), pair)
            .order_by(_key.c.date.desc(), _key.c.position_id)
            .limit(share)
            .subquery()
        )
        heads.append(
            select(
                literal(i).label("i"), func.count().label("seen"), func.count(col(Position.id)).label("hit")
            ).select_from(head.outerjoin(Position, and_(col(Position.id) == head.c.position_id, *plan.residual)))
        )
    if not heads:
        return Total(0, "estimate")
    pairs = list(in_dates)
    for i, seen, hit in run(session, heads[0] if len(heads) == 1 else union_all(*heads)).all():
        estimate += in_dates[pairs[i]] * hit / seen if seen else 0
    return Total(round(estimate), "estimate")


RANGE_CAP = 10_000  # key rows a date-bounded count may step through (a covering index: cheap per row)


def _capped_count(session: Session, stmt: Any) -> int:
    n: int = run(session, select(func.count()).select_from(stmt.limit(RANGE_CAP + 1).subquery())).scalar_one()
    return n


def _in_dates(session: Session, plan: KeyPlan, pair: tuple[str, str], size: int) -> tuple[int, bool]:
    """How many of a pair's `size` rows fall within the plan's dates, and whether that is exact: the rows
    inside are counted, or those outside (size minus them), whichever stays under RANGE_CAP."""
    if not plan.date_from and not plan.date_to:
        return size, True
    key = select(_key.c.position_id).where(_key.c.topic_slug == pair[0], _key.c.leader_slug == pair[1])
    inside = _capped_count(session, _range(replace(plan, residual=()), pair))
    if inside <= RANGE_CAP:
        return inside, True
    below = _capped_count(session, key.where(_key.c.date < plan.date_from)) if plan.date_from else 0
    above = _capped_count(session, key.where(_key.c.date > plan.date_to)) if plan.date_to else 0
    if below <= RANGE_CAP and above <= RANGE_CAP:
        return size - below - above, True
    return max(RANGE_CAP, size - below - above), False
