"""Dependencies and helpers shared by the routers: settings, paging parameters, page responses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request, Response
from sqlmodel import Session

from app.api.formats import Format, Listing, alternative_media, output_format, respond
from app.api.session import SessionDep
from app.core.config import Settings
from app.core.errors import NOT_FOUND, ApiError, invalid_parameter
from app.core.pagination import PageResult
from app.core.routes import route_table
from app.positions import aggregates, query_plan, webannotation
from app.positions import service as position_service
from app.positions.filters import PositionFilters, validate
from app.schemas import IsoDate, Page, PositionPublic

T = TypeVar("T")


async def reject_repeated_scalars(request: Request) -> None:
    """A parameter that takes one value, given twice, is ambiguous: say so instead of picking one."""
    names = [k for k, _ in request.query_params.multi_items()]
    repeated = {n for n in names if names.count(n) > 1}
    if not repeated:
        return
    single_valued = route_table(request.app).single_valued_query_parameters(request.method, request.url.path)
    for name in sorted(repeated & single_valued):
        raise invalid_parameter(name, f"given {names.count(name)} times but takes one value")


async def reject_nul_characters(request: Request) -> None:
    """NUL is in no id, slug or filter value, and PostgreSQL refuses it in text: answer before any query."""
    if "\x00" in request.url.path:
        raise ApiError(
            404,
            f"Nothing at {request.url.path!r}: ids and slugs never contain NUL characters.",
            type=NOT_FOUND,
            title="Resource not found",
        )
    for name, value in request.query_params.multi_items():
        if "\x00" in value:
            raise invalid_parameter(name, "contains NUL characters", value=value.replace("\x00", "\\0"))


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


@dataclass(frozen=True)
class Paging:
    limit: int | None  # None: every row (limit=all, streamed as CSV or NDJSON)
    cursor: str | None
    format: Format = "json"


async def paging(
    settings: SettingsDep,
    format: Annotated[Format, Depends(output_format)],
    limit: Annotated[
        str | None,
        Query(
            pattern=r"^(?:[1-9][0-9]{0,8}|all)$",
            description=(
                "Items per page (default 50, at most 500), or `all` with format=csv|ndjson to stream every match."
            ),
        ),
    ] = None,
    cursor: Annotated[
        str | None, Query(max_length=512, description="Opaque cursor from a previous page's `next` URL.")
    ] = None,
) -> Paging:
    """Page size, position and format, with the configured default and maximum."""
    if limit == "all":
        if format not in ("csv", "ndjson"):
            raise invalid_parameter(
                "limit",
                "limit=all streams format=csv or format=ndjson only; page through JSON with the 'next' URL",
                value=limit,
            )
        return Paging(limit=None, cursor=cursor or None, format=format)
    size = settings.default_limit if limit is None else int(limit)
    if size > settings.max_limit:
        raise invalid_parameter(
            "limit",
            f"at most {settings.max_limit}; follow the 'next' URL for more, or use limit=all with format=csv|ndjson",
            value=size,
        )
    return Paging(limit=size, cursor=cursor or None, format=format)


PagingDep = Annotated[Paging, Depends(paging)]


def page_response(
    request: Request, response: Response, result: PageResult, total: int, limit: int, present: Callable[[Any], T]
) -> Page[T]:
    """A page body, with the next page's URL also in a `Link: <…>; rel="next"` header."""
    next_url = None
    if result.next_cursor:
        next_url = str(request.url.include_query_params(cursor=result.next_cursor))
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return Page[T](items=[present(row) for row in result.rows], total=total, limit=limit, next=next_url)


def position_filters(
    session: SessionDep,
    topic: Annotated[list[str], Query(description="Topic slug; repeat for any of several.")] = [],  # noqa: B006
    leader: Annotated[list[str], Query(description="Speaker's leader slug; repeat for any of several.")] = [],  # noqa: B006
    country: Annotated[list[str], Query(description="Speaker's country (case-insensitive); repeatable.")] = [],  # noqa: B006
    act: Annotated[list[str], Query(description="assert, commit, call, support, oppose or agree; repeatable.")] = [],  # noqa: B006
    document: Annotated[list[str], Query(description="Document id; repeatable.")] = [],  # noqa: B006
    event: Annotated[list[str], Query(description="Event id; repeatable.")] = [],  # noqa: B006
    date_from: Annotated[IsoDate | None, Query(description="Earliest event date, YYYY-MM-DD (inclusive).")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Latest event date, YYYY-MM-DD (inclusive).")] = None,
    min_confidence: Annotated[
        float | None,
        Query(
            ge=0,
            le=1,
            description=(
                "Only positions whose annotator confidence (`provenance.confidence`) is at least this, 0 to 1: "
                "trades recall for precision (see docs/annotation.md for how the bands are calibrated)."
            ),
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description=(
                'Full-text search in the sentence: words (all must match), "quoted phrases", OR, NOT, (…), prefix*. '
                "Adds `rank` and `highlight` to each position and makes sort=relevance the default (on a very common word, "
                "relevance ranks the newest 2,000 matches; see `rank`)."
            ),
        ),
    ] = None,
) -> PositionFilters:
    """The position filters of the query string, checked against the database."""
    return validate(
        session,
        PositionFilters(
            topic=tuple(dict.fromkeys(topic)),
            leader=tuple(dict.fromkeys(leader)),
            country=tuple(dict.fromkeys(country)),
            act=tuple(dict.fromkeys(act)),
            document=tuple(dict.fromkeys(document)),
            event=tuple(dict.fromkeys(event)),
            date_from=date_from,
            date_to=date_to,
            q=q,
            min_confidence=min_confidence,
        ),
    )


FiltersDep = Annotated[PositionFilters, Depends(position_filters)]

SortQuery = Annotated[
    query_plan.PositionSort | None,
    Query(
        description=(
            "`-date` newest first (default), `date` oldest first, `relevance` best search match first (default with q)."
        )
    ),
]


def base_url(request: Request) -> str:
    """Scheme and host for absolute links: the configured public URL, else the request's own."""
    configured = request.app.state.settings.public_url
    return (configured or str(request.base_url)).rstrip("/")


def positions_listing(request: Request, plan: query_plan.ListPlan) -> Listing:
    """How to read a planned position list in any format."""
    base = base_url(request)
    return Listing(
        model=PositionPublic,
        fetch=lambda s, limit, cursor: position_service.list_positions(s, plan, limit, cursor),
        present=lambda _s, hits: [position_service.hit_to_dict(h, base) for h in hits],
        count=lambda s: position_service.total_positions(s, plan),
        annotate=lambda s, hits: webannotation.annotations(s, [h.position for h in hits], base),
    )


FacetsQuery = Annotated[
    list[str],
    Query(
        description=(
            "Counts per value over all matching positions, added to the page as `facets`: any of topic, leader, act, "
            "country, date (comma-separated or repeated). `facets_kind` says per facet whether the counts are exact or, "
            "on lists of more than 5,000 positions, estimated from a sample."
        )
    ),
]


def positions_page(
    request: Request,
    response: Response,
    session: SessionDep,
    filters: PositionFilters,
    sort: query_plan.PositionSort | None,
    paging: Paging,
    facets: list[str] = (),
) -> Any:  # type: ignore[assignment]
    """The shared body of every position list endpoint: a page (or export) in the requested format."""
    plan = query_plan.plan_list(session, filters, sort)
    names = aggregates.parse_facets(facets)

    def extra(s: Session) -> dict[str, Any]:
        counts, kinds = aggregates.facet_counts(s, plan, names)
        return {
            "facets": {name: [c.model_dump() for c in values] for name, values in counts.items()},
            "facets_kind": kinds,
        }

    return respond(
        request,
        session,
        positions_listing(request, plan),
        paging.format,
        paging.limit,
        paging.cursor,
        extra if names else None,
    )


POSITION_LIST_RESPONSES = alternative_media(PositionPublic, jsonld=True)
