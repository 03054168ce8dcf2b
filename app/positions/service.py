"""Reading stated positions: lists with filters and keyset pages, single lookups, public views."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import defer, selectinload
from sqlalchemy.sql.base import ExecutableOption
from sqlmodel import Session, col, select

from app.core.pagination import PageResult, fetch_page
from app.core.reads import RequestReads
from app.curation import history
from app.models import Document, Leader, Position, related
from app.positions import fulltext as search
from app.positions import key_ranges, search_pages
from app.positions import row_loader as position_rows
from app.positions.filters import PositionFilters, conditions
from app.positions.key_ranges import Total
from app.positions.query_plan import SORTS, ListPlan
from app.positions.row_loader import LeaderView, PositionHit, PositionView
from app.schemas import PositionPublic


def _with_relations() -> tuple[ExecutableOption, ...]:
    # The document (without its text) and event make the citation; one query each per page.
    document = selectinload(related(Position.document)).options(
        defer(related(Document.text)), selectinload(related(Document.event))
    )
    return (selectinload(related(Position.speakers)), selectinload(related(Position.topics)), document)


def count_positions(session: Session, filters: PositionFilters) -> int:
    """How many positions match `filters`."""
    return session.exec(select(func.count()).select_from(Position).where(*conditions(filters))).one()


def total_positions(session: Session, plan: ListPlan) -> Total:
    """The `total` of a position list: exact when cheap, else flagged as an estimate or a lower bound."""
    return plan.total(session)


def list_positions(session: Session, plan: ListPlan, limit: int, cursor: str | None) -> PageResult:
    """One page of `PositionHit`s of the planned list, in its order, after `cursor`."""
    if plan.reader == "search":
        order = search_pages.RELEVANCE if plan.sort == "relevance" else SORTS[plan.sort]
        return search_pages.search_page(session, plan.filters, order, limit, cursor)
    order = SORTS[plan.sort]
    if plan.ranges is not None:  # topic/leader/country ranges: a page costs the same at any corpus size
        ids, next_cursor = key_ranges.page_ids(session, plan.ranges, order, limit, cursor)
        return PageResult(rows=[PositionHit(p) for p in positions_by_ids(session, ids)], next_cursor=next_cursor)
    stmt = select(col(Position.id), col(Position.date)).where(*conditions(plan.filters))
    page = fetch_page(session, stmt, "positions", order, limit, cursor, key_of=lambda r: (r[1], r[0]))
    views = positions_by_ids(session, [r[0] for r in page.rows])
    return PageResult(rows=[PositionHit(p) for p in views], next_cursor=page.next_cursor)


def positions_by_ids(session: Session, ids: list[int]) -> list[PositionView]:
    """The positions with these ids, as read-only views, in the order of `ids`."""
    return position_rows.load(session, ids)


def read_position(session: Session, position_id: int) -> PositionView:
    """The position with this id as a read-only view (no ORM object), or a 404."""
    found = position_rows.load(session, [position_id])
    if not found:
        raise history.missing(session, "position", position_id, "List positions at /v1/positions.")
    return found[0]


def read_position_and_version(reads: RequestReads, position_id: int) -> tuple[int | None, PositionView] | None:
    """The data version and the position with this id, read in one statement outside any session (the fast
    path of GET /v1/positions/{id}), or None if there is no such position (`read_position` says why)."""
    row = reads.one(position_rows.BY_ID_SQL, {"id": position_id})
    return None if row is None else (row[0], position_rows.view(row[1:]))


def get_position(session: Session, position_id: int) -> Position:
    """The position with this id, or a 404."""
    position = session.exec(select(Position).where(Position.id == position_id).options(*_with_relations())).first()
    if position is None:
        raise history.missing(session, "position", position_id, "List positions at /v1/positions.")
    return position


def cite(p: Position | PositionView, names: list[str], permalink: str) -> str:
    """A citation a researcher can paste: who, in which communication, when, the sentence, the source."""
    who = " and ".join(names) or "Unattributed"
    document = p.document
    event = document.event
    source = ", ".join(part for part in (document.source, document.url) if part)
    return (
        f"{who}, {event.title} ({event.kind}, {p.date.isoformat()}): \u201c{p.text}\u201d "
        f"In: {document.title}{f' ({source})' if source else ''}. {permalink}"
    )


def public_dict(
    p: Position | PositionView, *, rank: float | None = None, highlight: str | None = None, base_url: str = ""
) -> dict[str, Any]:
    """The public view of a position as JSON-ready data, field for field what `PositionPublic` serialises to.

    Pages and exports are built from these: 50 nested pydantic models per page cost more than the page's
    queries. `base_url` (scheme and host) makes the permalink absolute."""
    assert p.id is not None
    speakers: list[Leader | LeaderView] = sorted(p.speakers, key=lambda s: s.slug)
    permalink = f"{base_url.rstrip('/')}/v1/positions/{p.id}"
    return {
        "id": p.id,
        "document_id": p.document_id,
        "event_id": p.event_id,
        "date": p.date.isoformat(),
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "speakers": [{"slug": s.slug, "name": s.name} for s in speakers],
        "topics": sorted(t.slug for t in p.topics),
        "act": p.act,
        "provenance": {"method": p.method, "confidence": float(p.confidence), "reviewed": bool(p.reviewed)},
        "cite": cite(p, [s.name for s in speakers], permalink),
        "rank": search.relevance(rank),
        "highlight": highlight,
        "links": {
            "self": f"/v1/positions/{p.id}",
            "permalink": permalink,
            "document": f"/v1/documents/{p.document_id}",
            "event": f"/v1/events/{p.event_id}",
        },
    }


def to_public(
    p: Position | PositionView, *, rank: float | None = None, highlight: str | None = None, base_url: str = ""
) -> PositionPublic:
    """The public view of a position as a model (one item: validation costs little here)."""
    return PositionPublic.model_validate(public_dict(p, rank=rank, highlight=highlight, base_url=base_url))


def hit_to_public(hit: PositionHit, base_url: str = "") -> PositionPublic:
    return to_public(hit.position, rank=hit.rank, highlight=hit.highlight, base_url=base_url)


def hit_to_dict(hit: PositionHit, base_url: str = "") -> dict[str, Any]:
    return public_dict(hit.position, rank=hit.rank, highlight=hit.highlight, base_url=base_url)
