"""Dependencies and helpers shared by the routers: settings, paging parameters, page responses."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request, Response, params
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from sqlmodel import Session

from app.api.formats import Format, Listing, alternative_media, output_format, respond
from app.api.session import SessionDep
from app.catalog import leaders as leader_registry
from app.core.config import Settings
from app.core.errors import INVALID_PARAMETERS, NOT_FOUND, ApiError, invalid_parameter
from app.core.pagination import PageResult
from app.core.routes import route_table
from app.positions import aggregates, query_plan, webannotation
from app.positions import service as position_service
from app.positions.filters import PositionFilters, validate, within
from app.schemas import ACTS, AppliedFilters, IsoDate, Page, PositionPublic, Timeline

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


# What people try first, mapped to the parameter that does it (offered only where that parameter exists).
_SYNONYMS = {
    "speaker": "leader",
    "speakers": "leader",
    "leaders": "leader",
    "participant": "leader",
    "participants": "leader",
    "person": "leader",
    "who": "leader",
    "topics": "topic",
    "tag": "topic",
    "tags": "topic",
    "subject": "topic",
    "countries": "country",
    "acts": "act",
    "documents": "document",
    "doc": "document",
    "events": "event",
    "search": "q",
    "query": "q",
    "text": "q",
    "keyword": "q",
    "keywords": "q",
    "name": "q",
    "from": "date_from",
    "since": "date_from",
    "start": "date_from",
    "after": "date_from",
    "until": "date_to",
    "to": "date_to",
    "end": "date_to",
    "before": "date_to",
    "date": "date_from",
    "page_size": "limit",
    "per_page": "limit",
    "size": "limit",
    "count": "limit",
    "max": "limit",
    "offset": "cursor",
    "page": "cursor",
    "after_id": "cursor",
    "order": "sort",
    "order_by": "sort",
    "sort_by": "sort",
    "facet": "facets",
    "type": "kind",
    "accept": "format",
    "fmt": "format",
}
# Per route object, keyed by id() and holding the route (APIRoute is unhashable): a route kept here is never
# collected, so its id() cannot be reused by another app's route (tests build many apps).
_QUERY_NAMES: dict[int, tuple[APIRoute, tuple[str, ...]]] = {}


def query_parameter_names(route: APIRoute) -> tuple[str, ...]:
    """The query parameters an operation declares (through its dependencies too), as clients spell them."""
    cached = _QUERY_NAMES.get(id(route))
    names = cached[1] if cached is not None and cached[0] is route else None
    if names is None:
        names = tuple(
            sorted({f.alias for f in get_flat_params(route.dependant) if isinstance(f.field_info, params.Query)})
        )
        _QUERY_NAMES[id(route)] = (route, names)
    return names


def closest_parameter(name: str, valid: tuple[str, ...]) -> str | None:
    """The valid parameter a client most likely meant by `name`, if any is close."""
    folded = name.strip().casefold().replace("-", "_")
    if folded in valid:
        return folded
    synonym = _SYNONYMS.get(folded)
    if synonym in valid:
        return synonym
    close = difflib.get_close_matches(folded, valid, n=1, cutoff=0.6)
    return close[0] if close else None


async def reject_unknown_parameters(request: Request) -> None:
    """A query parameter the operation does not know would otherwise be ignored, and the answer would look
    like one to the question asked: a 422 naming it and the parameter most likely meant."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    given = request.query_params.keys()
    valid = query_parameter_names(route)
    unknown = [name for name in dict.fromkeys(given) if name not in valid]
    if not unknown:
        return
    where = f"{request.method} {route.path}"
    accepted = ", ".join(valid) if valid else "none"
    errors = []
    for name in unknown:
        meant = closest_parameter(name, valid)
        hint = f"did you mean {meant!r}? " if meant else ""
        errors.append(
            {
                "name": name,
                "in": "query",
                "reason": f"not a parameter of {where}; {hint}parameters accepted here: {accepted}",
                **({"suggestion": meant} if meant else {}),
            }
        )
    first = errors[0]
    raise ApiError(
        422,
        f"Unknown query parameter {first['name']!r}: {first['reason']}. Nothing was filtered by it.",
        type=INVALID_PARAMETERS,
        title="Invalid parameters",
        errors=errors,
    )


async def reject_nul_characters(request: Request) -> None:
    """NUL is in no id, slug or filter value, and PostgreSQL refuses it in text: answer before any query."""
    if "\x00" in request.scope["path"]:  # URL(scope).path is that path with ?, # and \\ escaped
        raise ApiError(
            404,
            f"Nothing at {request.url.path!r}: ids and slugs never contain NUL characters.",
            type=NOT_FOUND,
            title="Resource not found",
        )
    query: bytes = request.scope.get("query_string", b"")
    if b"%00" not in query and b"\x00" not in query:
        return  # no value decodes to a NUL
    for name, value in request.query_params.multi_items():
        if "\x00" in value:
            raise invalid_parameter(name, "contains NUL characters", value=value.replace("\x00", "\\0"))


async def check_request(request: Request) -> None:
    """The checks every request passes before its endpoint, in this order: no NUL characters, no unknown
    query parameter, no single-valued parameter given twice. One dependency rather than three: FastAPI
    solves each dependency of each request at a cost of its own."""
    await reject_nul_characters(request)
    if request.scope.get("query_string"):  # else there is nothing the other two could find
        await reject_unknown_parameters(request)
        await reject_repeated_scalars(request)


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


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
            max_length=12,
            # Read as text (for `all` and the error messages above), documented as what clients send.
            json_schema_extra={"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["all"]}]},
            description=(
                "Items per page: a whole number from 1 to 500 (default 50 for JSON), or `all`. CSV and NDJSON "
                "lists without `limit` stream every match (like `limit=all`); with a number they are one page, "
                "the next in the `Link` header."
            ),
        ),
    ] = None,
    cursor: Annotated[
        str | None, Query(max_length=512, description="Opaque cursor from a previous page's `next` URL.")
    ] = None,
) -> Paging:
    """Page size, position and format, with the configured default and maximum. A CSV or NDJSON list without
    `limit` is every match: a file that silently stopped at the default page size would look complete."""
    rule = (
        f"a whole number from 1 to {settings.max_limit} (default {settings.default_limit}), or 'all' with "
        "format=csv|ndjson to stream every match"
    )
    if limit is None:
        if format in ("csv", "ndjson"):
            return Paging(limit=None, cursor=cursor or None, format=format)
        return Paging(limit=settings.default_limit, cursor=cursor or None, format=format)
    if limit.strip().casefold() == "all":
        if format not in ("csv", "ndjson"):
            raise invalid_parameter(
                "limit",
                "limit=all streams format=csv or format=ndjson only; page through JSON with the 'next' URL",
                value=limit,
            )
        return Paging(limit=None, cursor=cursor or None, format=format)
    if not limit.strip().isascii() or not limit.strip().isdigit():
        raise invalid_parameter("limit", f"must be {rule}; got {limit!r}", value=limit)
    size = int(limit)
    if size < 1:
        raise invalid_parameter(
            "limit",
            f"{size} is too small: must be {rule}; to count matches only, read 'total' with limit=1",
            value=size,
        )
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


def split_values(values: Sequence[str], name: str) -> tuple[str, ...]:
    """A repeatable parameter's values, each also split at commas (`topic=a,b` = `topic=a&topic=b`),
    stripped, without repeats. No slug, id, act or country name contains a comma. An empty value
    (`topic=`, `topic=a,,b`) is a 422: it would otherwise filter by nothing without saying so."""
    parts = [part.strip() for value in values for part in value.split(",")]
    if any(not part for part in parts):
        raise invalid_parameter(
            name,
            "an empty value; give one (repeat the parameter or separate values with commas) or leave it out",
            value="",
        )
    return tuple(dict.fromkeys(parts))


def topic_slugs(values: Sequence[str], name: str = "topic") -> tuple[str, ...]:
    """Topic slugs as written by people: any case, spaces or underscores for hyphens ("South China Sea")."""
    written = split_values(values, name)
    return tuple(dict.fromkeys("-".join(v.casefold().replace("_", " ").split()) for v in written))


def position_filters(
    session: SessionDep,
    topic: Annotated[
        Sequence[str], Query(description="Topic slug (any case); repeat, or separate with commas, for any of several.")
    ] = (),
    leader: Annotated[
        Sequence[str],
        Query(
            description=(
                "Speaker: a leader's slug, name, alias or surname (`vladimir-putin`, `Putin`, `Vladimir Putin`); "
                "repeat, or separate with commas, for any of several. A joint position counts for each speaker."
            )
        ),
    ] = (),
    country: Annotated[Sequence[str], Query(description="Speaker's country (case-insensitive); repeatable.")] = (),
    act: Annotated[
        Sequence[str],
        Query(
            description="assert, commit, call, support, oppose or agree; repeatable.",
            # Read as text (comma-separated values are split later), documented as the enum clients send.
            json_schema_extra={"items": {"type": "string", "enum": list(ACTS)}},
        ),
    ] = (),
    document: Annotated[Sequence[str], Query(description="Document id; repeatable.")] = (),
    event: Annotated[Sequence[str], Query(description="Event id; repeatable.")] = (),
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
                "Adds `rank` and `highlight` to each position and makes sort=relevance the default "
                "(on a very common word, relevance ranks the newest 2,000 matches; see `rank`)."
            ),
        ),
    ] = None,
) -> PositionFilters:
    """The position filters of the query string, checked against the database. Every repeatable filter also
    takes comma-separated values; topic slugs and acts are case-folded; a leader may be named by slug,
    name, alias or surname."""
    return validate(
        session,
        PositionFilters(
            topic=topic_slugs(topic),
            leader=leader_registry.resolve_slugs(session, "leader", split_values(leader, "leader")),
            country=split_values(country, "country"),
            act=tuple(dict.fromkeys(a.casefold() for a in split_values(act, "act"))),
            document=split_values(document, "document"),
            event=split_values(event, "event"),
            date_from=date_from,
            date_to=date_to,
            q=q,
            min_confidence=min_confidence,
        ),
    )


FiltersDep = Annotated[PositionFilters, Depends(position_filters)]

IntervalQuery = Annotated[aggregates.Interval, Query(description="Bucket size: month or year.")]


def timeline_response(
    session: Session,
    filters: PositionFilters,
    interval: aggregates.Interval,
    *,
    topic: str | None = None,
    leader: str | None = None,
) -> Timeline:
    """A timeline under `filters`, narrowed to the path's topic or leader, echoing every filter applied."""
    narrowed = within(filters, topic=topic, leader=leader)
    speakers = (leader,) if leader else filters.leader
    topics = list(dict.fromkeys(([topic] if topic else []) + list(filters.topic if not topic else ())))
    leaders = list(dict.fromkeys(([leader] if leader else []) + list(filters.leader if not leader else ())))
    applied = AppliedFilters(
        topic=topics,
        leader=leaders,
        country=list(filters.country),
        act=list(filters.act),
        document=list(filters.document),
        event=list(filters.event),
        date_from=filters.date_from,
        date_to=filters.date_to,
        q=filters.q,
        min_confidence=filters.min_confidence,
    )
    return Timeline(
        interval=interval,
        topic=topics[0] if len(topics) == 1 else None,
        leader=leaders[0] if len(leaders) == 1 else None,
        filters=applied,
        buckets=aggregates.timeline(session, narrowed, interval, speakers),
    )


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
        annotate=lambda s, hits: webannotation.annotate_positions(s, [h.position for h in hits], base),
    )


FacetsQuery = Annotated[
    Sequence[str],
    Query(
        description=(
            "Counts per value over all matching positions, added to the page as `facets`: any of topic, leader, act, "
            "country, date (comma-separated or repeated). `facets_kind` says per facet whether the counts are exact "
            "or, on lists of more than 5,000 positions, estimated from a sample. In the leader facet a joint position "
            "counts for each of its speakers."
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
    facets: Sequence[str] = (),
) -> Response:
    """The shared body of every position list endpoint: a page (or export) in the requested format."""
    plan = query_plan.plan_list(session, filters, sort)
    names = aggregates.parse_facets(list(facets))

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
