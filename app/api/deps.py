"""Dependencies and helpers shared by the routers: settings, paging parameters, page responses."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Callable, TypeVar

from fastapi import Depends, Query, Request, Response

from app.config import Settings
from app.errors import invalid_parameter
from app.schemas import Page, PositionPublic
from app.services import positions as position_service
from app.services.filters import PositionFilters, validate
from app.services.pagination import PageResult
from app.db import SessionDep

T = TypeVar("T")


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


@dataclass(frozen=True)
class Paging:
    limit: int
    cursor: str | None


def paging(
    settings: SettingsDep,
    limit: Annotated[int | None, Query(ge=1, description="Items per page (default 50, at most 500).")] = None,
    cursor: Annotated[str | None, Query(max_length=512, description="Opaque cursor from a previous page's `next` URL.")] = None,
) -> Paging:
    """Page size and position, with the configured default and maximum."""
    if limit is None:
        limit = settings.default_limit
    if limit > settings.max_limit:
        raise invalid_parameter("limit", f"at most {settings.max_limit}; follow the 'next' URL for more", value=limit)
    return Paging(limit=limit, cursor=cursor or None)


PagingDep = Annotated[Paging, Depends(paging)]


def page_response(request: Request, response: Response, result: PageResult, total: int, limit: int,
                  present: Callable[[Any], T]) -> Page[T]:
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
    date_from: Annotated[dt.date | None, Query(description="Earliest event date, YYYY-MM-DD (inclusive).")] = None,
    date_to: Annotated[dt.date | None, Query(description="Latest event date, YYYY-MM-DD (inclusive).")] = None,
    q: Annotated[str | None, Query(max_length=500, description=(
        'Full-text search in the sentence: words (all must match), "quoted phrases", OR, NOT, (…), prefix*. '
        "Adds `rank` and `highlight` to each position and makes sort=relevance the default."))] = None,
) -> PositionFilters:
    """The position filters of the query string, checked against the database."""
    return validate(session, PositionFilters(
        topic=tuple(dict.fromkeys(topic)), leader=tuple(dict.fromkeys(leader)), country=tuple(dict.fromkeys(country)),
        act=tuple(dict.fromkeys(act)), document=tuple(dict.fromkeys(document)), event=tuple(dict.fromkeys(event)),
        date_from=date_from, date_to=date_to, q=q))


FiltersDep = Annotated[PositionFilters, Depends(position_filters)]

SortQuery = Annotated[position_service.PositionSort | None, Query(description=(
    "`-date` newest first (default), `date` oldest first, `relevance` best search match first (default with q)."))]


def base_url(request: Request) -> str:
    """Scheme and host for absolute links: the configured public URL, else the request's own."""
    configured = request.app.state.settings.public_url
    return (configured or str(request.base_url)).rstrip("/")


def positions_page(request: Request, response: Response, session: SessionDep, filters: PositionFilters,
                   sort: position_service.PositionSort | None, paging: Paging) -> Page[PositionPublic]:
    """The shared body of every position list endpoint."""
    sort = position_service.default_sort(filters, sort)
    result = position_service.list_positions(session, filters, sort, paging.limit, paging.cursor)
    total = position_service.count_positions(session, filters)
    base = base_url(request)
    return page_response(request, response, result, total, paging.limit,
                         lambda hit: position_service.hit_to_public(hit, base))
