"""/v1/leaders: the leader registry and each leader's positions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from app.api.deps import POSITION_LIST_RESPONSES, FacetsQuery, FiltersDep, PagingDep, SortQuery, positions_page
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import leaders as service
from app.models import Leader
from app.positions import aggregates
from app.positions.filters import resolve_countries, within
from app.schemas import LeaderPublic, Page, PositionPage, Timeline

router = APIRouter(prefix="/v1/leaders", tags=["leaders"])


@router.get("", summary="List leaders", responses=alternative_media(LeaderPublic))
def list_leaders(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    country: Annotated[list[str], Query(description="Country (case-insensitive); repeatable.")] = [],  # noqa: B006
) -> Page[LeaderPublic]:
    countries = resolve_countries(session, tuple(country))

    def present(s: Session, rows: list[Leader]) -> list[LeaderPublic]:
        counts = service.position_counts(s, [le.slug for le in rows])
        return [service.to_public(le, counts.get(le.slug, 0)) for le in rows]

    return respond(
        request,
        session,
        Listing(
            model=LeaderPublic,
            present=present,
            count=lambda s: service.count_leaders(s, countries),
            fetch=lambda s, limit, cursor: service.list_leaders(s, limit, cursor, countries),
        ),
        paging.format,
        paging.limit,
        paging.cursor,
    )


@router.get("/{slug}", summary="One leader")
def get_leader(session: SessionDep, slug: str) -> LeaderPublic:
    leader = service.get_leader(session, slug)
    return service.to_public(leader, service.position_counts(session, [slug]).get(slug, 0))


@router.get("/{slug}/positions", summary="A leader's stated positions", responses=POSITION_LIST_RESPONSES)
def leader_positions(
    request: Request,
    response: Response,
    session: SessionDep,
    slug: str,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = [],
) -> PositionPage:  # noqa: B006
    """Positions this leader stated, alone or jointly, narrowed by any other filter."""
    service.get_leader(session, slug)
    return positions_page(request, response, session, within(filters, leader=slug), sort, paging, facets)


@router.get("/{slug}/timeline", summary="A leader's positions per period")
def leader_timeline(
    session: SessionDep,
    slug: str,
    filters: FiltersDep,
    interval: Annotated[aggregates.Interval, Query(description="Bucket size.")] = "month",
) -> Timeline:
    """For each period: how many positions this leader stated (alone or jointly), the first and last
    dates, and their ids. `topic=` and every other position filter narrow it."""
    service.get_leader(session, slug)
    buckets = aggregates.timeline(session, within(filters, leader=slug), interval, (slug,))
    return Timeline(interval=interval, topic=None, leader=slug, buckets=buckets)
