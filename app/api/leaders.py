"""/v1/leaders: the leader registry and each leader's positions."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import FiltersDep, PagingDep, SortQuery, page_response, positions_page
from app.db import SessionDep
from app.schemas import LeaderPublic, Page, PositionPublic
from app.services import leaders as service
from app.services.filters import within

router = APIRouter(prefix="/v1/leaders", tags=["leaders"])


@router.get("", summary="List leaders")
def list_leaders(request: Request, response: Response, session: SessionDep, paging: PagingDep,
                 country: Annotated[list[str], Query(description="Country (case-insensitive); repeatable.")] = [],  # noqa: B006
                 ) -> Page[LeaderPublic]:
    result = service.list_leaders(session, paging.limit, paging.cursor, tuple(country))
    counts = service.position_counts(session, [le.slug for le in result.rows])
    return page_response(request, response, result, service.count_leaders(session, tuple(country)), paging.limit,
                         lambda le: service.to_public(le, counts.get(le.slug, 0)))


@router.get("/{slug}", summary="One leader")
def get_leader(session: SessionDep, slug: str) -> LeaderPublic:
    leader = service.get_leader(session, slug)
    return service.to_public(leader, service.position_counts(session, [slug]).get(slug, 0))


@router.get("/{slug}/positions", summary="A leader's stated positions")
def leader_positions(request: Request, response: Response, session: SessionDep, slug: str, filters: FiltersDep,
                     paging: PagingDep, sort: SortQuery = None) -> Page[PositionPublic]:
    """Positions this leader stated, alone or jointly, narrowed by any other filter."""
    service.get_leader(session, slug)
    return positions_page(request, response, session, within(filters, leader=slug), sort, paging)
