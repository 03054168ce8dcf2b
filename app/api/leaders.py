"""/v1/leaders: the leader registry and each leader's positions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import Session

from app.api.deps import (
    POSITION_LIST_RESPONSES,
    FacetsQuery,
    FiltersDep,
    IntervalQuery,
    PagingDep,
    SortQuery,
    positions_page,
    split_values,
    timeline_response,
)
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import leaders as service
from app.models import Leader
from app.positions.filters import resolve_countries, within
from app.schemas import LeaderPublic, Page, PositionPage, Timeline

router = APIRouter(prefix="/v1/leaders", tags=["leaders"])


@router.get("", summary="List leaders", response_model=Page[LeaderPublic], responses=alternative_media(LeaderPublic))
def list_leaders(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    country: Annotated[
        Sequence[str], Query(description="Country (case-insensitive); repeat, or separate with commas, for several.")
    ] = (),
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description=(
                "Search slugs, names and aliases: every leader whose name or an alias contains this, in any case, "
                "script or accents (`putin`, `Путин`, `erdogan`)."
            ),
        ),
    ] = None,
) -> Response:
    """The registry, by slug. `position_count` counts every position the leader stated, alone or jointly:
    a joint position counts once for each of its speakers, so the counts of two leaders can add up to more
    than the positions they stated."""
    countries = resolve_countries(session, split_values(country, "country"))
    slugs = service.search(session, q) if q is not None else None

    def present(s: Session, rows: list[Leader]) -> list[LeaderPublic]:
        counts = service.position_counts(s, [le.slug for le in rows])
        return [service.to_public(le, counts.get(le.slug, 0)) for le in rows]

    return respond(
        request,
        session,
        Listing(
            model=LeaderPublic,
            present=present,
            count=lambda s: service.count_leaders(s, countries, slugs),
            fetch=lambda s, limit, cursor: service.list_leaders(s, limit, cursor, countries, slugs),
        ),
        paging.format,
        paging.limit,
        paging.cursor,
    )


SlugPath = Annotated[
    str, Path(description="The leader's slug, or a name, alias or surname that names one leader (`putin`).")
]


@router.get("/{slug}", summary="One leader")
def get_leader(session: SessionDep, slug: SlugPath) -> LeaderPublic:
    """The leader, with `position_count`: positions stated alone or jointly (a joint one counts for each speaker)."""
    leader = service.get_leader(session, slug)
    return service.to_public(leader, service.position_counts(session, [leader.slug]).get(leader.slug, 0))


@router.get(
    "/{slug}/positions",
    summary="A leader's stated positions",
    response_model=PositionPage,
    responses=POSITION_LIST_RESPONSES,
)
def leader_positions(
    request: Request,
    response: Response,
    session: SessionDep,
    slug: SlugPath,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = (),
) -> Response:
    """Positions this leader stated, alone or jointly, narrowed by any other filter."""
    leader = service.get_leader(session, slug)
    return positions_page(request, response, session, within(filters, leader=leader.slug), sort, paging, facets)


@router.get("/{slug}/timeline", summary="A leader's positions per period")
def leader_timeline(
    session: SessionDep, slug: SlugPath, filters: FiltersDep, interval: IntervalQuery = "month"
) -> Timeline:
    """For each period: how many positions this leader stated (alone or jointly), the first and last
    dates, and their ids. `topic=` and every other position filter narrow it; `filters` echoes them."""
    leader = service.get_leader(session, slug)
    return timeline_response(session, filters, interval, leader=leader.slug)
