"""Reading stated positions: lists with filters and keyset pages, single lookups, public views."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import func
from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.errors import not_found
from app.models import Position
from app.schemas import LeaderRef, PositionPublic, Provenance
from app.services.filters import PositionFilters, conditions
from app.services.pagination import PageResult, SortOrder, fetch_page

PositionSort = Literal["date", "-date"]

# Within one date, positions keep document order (ids are assigned in reading order).
SORTS: dict[str, SortOrder] = {
    "date": SortOrder("date", [(Position.date, False, dt.date.fromisoformat), (Position.id, False, int)]),
    "-date": SortOrder("-date", [(Position.date, True, dt.date.fromisoformat), (Position.id, False, int)]),
}


def _with_relations():  # type: ignore[no-untyped-def]
    return (selectinload(Position.speakers), selectinload(Position.topics))  # type: ignore[arg-type]


def count_positions(session: Session, filters: PositionFilters) -> int:
    """How many positions match `filters`."""
    return session.exec(select(func.count()).select_from(Position).where(*conditions(filters))).one()


def list_positions(session: Session, filters: PositionFilters, sort: PositionSort, limit: int,
                   cursor: str | None) -> PageResult:
    """One page of positions matching `filters`, in `sort` order, after `cursor`."""
    stmt = select(Position).where(*conditions(filters)).options(*_with_relations())
    return fetch_page(session, stmt, "positions", SORTS[sort], limit, cursor, key_of=lambda p: (p.date, p.id))


def get_position(session: Session, position_id: int) -> Position:
    """The position with this id, or a 404."""
    position = session.exec(select(Position).where(Position.id == position_id).options(*_with_relations())).first()
    if position is None:
        raise not_found("position", position_id, "List positions at /v1/positions.")
    return position


def to_public(p: Position) -> PositionPublic:
    """The public view of a position."""
    assert p.id is not None
    return PositionPublic(
        id=p.id, document_id=p.document_id, event_id=p.event_id, date=p.date, start=p.start, end=p.end, text=p.text,
        speakers=[LeaderRef(slug=s.slug, name=s.name) for s in sorted(p.speakers, key=lambda s: s.slug)],
        topics=sorted(t.slug for t in p.topics), act=p.act,
        provenance=Provenance(method=p.method, confidence=p.confidence, reviewed=p.reviewed),
        links={"self": f"/v1/positions/{p.id}", "document": f"/v1/documents/{p.document_id}",
               "event": f"/v1/events/{p.event_id}"},
    )
