"""Pages of a full-text search over positions, at a cost bounded by the page rather than the matches.

Two steps: the page's ids come from the index alone (with the other filters checked per row), then
the positions, their scores and highlights are read for those ids only: computing a highlight for
every match before sorting cost seconds for a common word at 1M positions.

Relevance needs every match scored, which for a common word grows with the corpus. So relevance
ranks the newest `RANK_WINDOW` matches, which both indexes find cheaply (FTS5 reads its doclist in
id order; PostgreSQL's GIN index gives the ids), and the older ones follow newest first, unranked
(`rank` null): every match is still listed exactly once. The cursor keeps the window's bound, so
paging is stable while new readouts arrive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from app.core.pagination import PageResult, SortOrder, decode_cursor, encode_cursor
from app.models import Position
from app.positions import fulltext as search
from app.positions import row_loader as position_rows
from app.positions.filters import PositionFilters
from app.positions.key_ranges import SCAN_CAP, Total, row_checks
from app.positions.row_loader import PositionHit

RANK_WINDOW = 2000

# Cursor of a relevance page: (tier, window floor, rank, id); tier 0 is ranked, tier 1 follows by id.
RELEVANCE = SortOrder("relevance", [(None, False, int), (None, False, int), (None, False, float), (None, False, int)])


def _matches(filters: PositionFilters, hits: search.Hits, *columns: Any) -> Any:
    checks = row_checks(replace(filters, q=None, match=None))
    if hits.standalone and not checks and all(c is not Position.date for c in columns):
        return select(*columns).select_from(hits.join).where(hits.match)
    return select(*columns).select_from(Position).join(hits.join, hits.onclause).where(hits.match, *checks)


def _ranked(
    session: Session, filters: PositionFilters, limit: int, cursor: str | None
) -> tuple[list[tuple[int, float | None]], str | None]:
    """(id, rank) pairs of one relevance page (rank None beyond the window), and the next cursor."""
    assert filters.q is not None
    backend = search.backend(session)
    hits = backend.position_hits(filters.q)
    assert hits.key is not None
    if cursor:
        tier, floor, last_rank, last_id = decode_cursor(cursor, "positions", RELEVANCE)
        floor = floor or None
    else:
        tier, floor, last_rank, last_id = 0, backend.rank_floor(session, filters.q, RANK_WINDOW), None, None
    out: list[tuple[int, float | None]] = []
    rows: list[Any] = []
    if tier == 0:
        rank = hits.rank.label("rank")
        stmt = _matches(filters, hits, hits.key, rank)
        if floor is not None:
            stmt = stmt.where(hits.key >= floor)
        if last_id is not None:
            stmt = stmt.where((rank > last_rank) | ((rank == last_rank) & (hits.key > last_id)))
        rows = session.exec(stmt.order_by(rank, hits.key).limit(limit + 1)).all()
        out = list(rows)
        if len(out) > limit:
            pid, r = rows[limit - 1]
            return out[:limit], encode_cursor("positions", "relevance", (0, floor or 0, r, pid))
        if floor is None:
            return out, None
        last_id = None
    # Tier 1: the matches older than the window, newest first.
    need = limit - len(out)
    stmt = _matches(filters, hits, hits.key).where(hits.key < (last_id if last_id is not None else floor))
    older = list(session.exec(stmt.order_by(hits.key.desc()).limit(need + 1)).all())
    out += [(pid, None) for pid in older[:need]]
    next_cursor = None
    if len(older) > need:  # with need 0, the next page starts at the window's floor
        next_cursor = encode_cursor("positions", "relevance", (1, floor, 0.0, older[need - 1] if need else floor))
    return out, next_cursor


def search_page(
    session: Session, filters: PositionFilters, order: SortOrder, limit: int, cursor: str | None
) -> PageResult:
    """One page of `PositionHit`s for `filters` (with `q`): by relevance, or by `order` ((date, id) keys)."""
    assert filters.q is not None
    backend = search.backend(session)
    if order.name == "relevance":
        pairs, next_cursor = _ranked(session, filters, limit, cursor)
    else:
        hits = backend.position_hits(filters.q)
        stmt = _matches(filters, hits, Position.id, Position.date, hits.rank)
        if cursor:
            stmt = stmt.where(order.after(decode_cursor(cursor, "positions", order)))
        rows = session.exec(stmt.order_by(*order.order_by()).limit(limit + 1)).all()
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            date = rows[-1][1]
            next_cursor = encode_cursor(
                "positions",
                order.name,
                (date if isinstance(date, dt.date) else dt.date.fromisoformat(date), rows[-1][0]),
            )
        pairs = [(pid, rank) for pid, _, rank in rows]
    ids = [pid for pid, _ in pairs]
    highlights = backend.highlights(session, filters.q, ids)
    views = {v.id: v for v in position_rows.load(session, ids)}
    return PageResult(
        rows=[PositionHit(views[pid], rank, highlights.get(pid)) for pid, rank in pairs], next_cursor=next_cursor
    )


def total(session: Session, filters: PositionFilters) -> Total:
    """How many positions match a search: exact up to `SCAN_CAP`, a lower bound beyond."""
    assert filters.q is not None
    hits = search.backend(session).position_hits(filters.q)
    assert hits.key is not None
    capped = _matches(filters, hits, hits.key).limit(SCAN_CAP + 1).subquery()
    n = session.exec(select(func.count()).select_from(capped)).one()
    return Total(n) if n <= SCAN_CAP else Total(SCAN_CAP, "lower_bound")
