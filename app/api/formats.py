"""Response formats of list endpoints: JSON pages, CSV, NDJSON and (positions) JSON-LD Web Annotations.

The format comes from `format=` or else the `Accept` header. CSV has a fixed, documented column set
per resource (multi-valued fields joined by `;`, booleans `true`/`false`, nulls empty). With
`limit=all`, CSV and NDJSON stream every matching row, fetched in keyset batches on a session of
their own, so memory stays constant however large the export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import orjson
from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel
from sqlmodel import Session

from app.core.db import scan_reads
from app.core.errors import invalid_parameter
from app.core.pagination import PageResult
from app.positions import webannotation
from app.schemas import DocumentSummary, EventSummary, LeaderPublic, Page, PositionPublic, TopicPublic

Format = Literal["json", "csv", "ndjson", "jsonld"]
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8; header=present",
    "ndjson": "application/x-ndjson",
    "jsonld": webannotation.MEDIA_TYPE,
}
_ACCEPTED: dict[str, Format] = {
    "application/json": "json",
    "text/csv": "csv",
    "application/x-ndjson": "ndjson",
    "application/ld+json": "jsonld",
    "*/*": "json",
    "application/*": "json",
}
EXPORT_BATCH = 2000


def from_accept(accept: str) -> Format:
    """The best format the Accept header asks for (JSON when it names none we serve)."""
    best: tuple[float, int, Format] = (0.0, 0, "json")
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        fmt = _ACCEPTED.get(media.lower())
        # Highest quality wins; among equals, the first listed.
        if fmt and quality > 0 and (quality, -i) > (best[0], best[1]):
            best = (quality, -i, fmt)
    return best[2]


async def output_format(
    request: Request,
    format: Annotated[
        Format | None,
        Query(
            description=(
                "json (default), csv, ndjson or jsonld (positions only: W3C Web Annotations). "
                "Overrides the Accept header."
            )
        ),
    ] = None,
) -> Format:
    return format or from_accept(request.headers.get("accept", ""))


# --- CSV columns ------------------------------------------------------------------------------

Getter = Callable[[dict[str, Any]], Any]


def _get(*path: str) -> Getter:
    def get(item: dict[str, Any]) -> Any:
        value: Any = item
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return get


def _slugs(key: str, field: str = "slug") -> Getter:
    return lambda item: ";".join(ref[field] for ref in item[key])


def _joined(key: str) -> Getter:
    return lambda item: ";".join(item[key])


def _plain(*names: str) -> list[tuple[str, Getter]]:
    return [(name, _get(name)) for name in names]


CSV_COLUMNS: dict[type[BaseModel], list[tuple[str, Getter]]] = {
    PositionPublic: [
        *_plain("id", "document_id", "event_id", "date", "start", "end"),
        ("speakers", _slugs("speakers")),
        ("speaker_names", _slugs("speakers", "name")),
        ("topics", _joined("topics")),
        ("act", _get("act")),
        ("method", _get("provenance", "method")),
        ("confidence", _get("provenance", "confidence")),
        ("reviewed", _get("provenance", "reviewed")),
        *_plain("text", "rank", "highlight", "cite"),
        ("permalink", _get("links", "permalink")),
    ],
    DocumentSummary: _plain(
        "id",
        "event_id",
        "date",
        "title",
        "source",
        "url",
        "language",
        "sha256",
        "created_at",
        "position_count",
        "rank",
        "highlight",
    ),
    EventSummary: [
        *_plain("id", "kind", "date", "title"),
        ("participants", _slugs("participants")),
        ("participant_names", _slugs("participants", "name")),
    ],
    LeaderPublic: [
        *_plain("slug", "name", "office", "country", "gender"),
        ("aliases", _joined("aliases")),
        ("position_count", _get("position_count")),
    ],
    TopicPublic: [
        *_plain("slug", "name", "description", "headline"),
        ("keywords", _joined("keywords")),
        ("position_count", _get("position_count")),
    ],
}


# The JSON page of each listed model, written out so the type checker sees each `Page[X]` (a model held in a
# variable cannot parametrise a generic it checks); pydantic caches `Page[X]`, so these are the very classes
# the routers declare as `response_model`. A new list model needs an entry here and in CSV_COLUMNS.
PAGE_MODELS: dict[type[BaseModel], type[Page[Any]]] = {
    PositionPublic: Page[PositionPublic],
    DocumentSummary: Page[DocumentSummary],
    EventSummary: Page[EventSummary],
    LeaderPublic: Page[LeaderPublic],
    TopicPublic: Page[TopicPublic],
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def csv_header(model: type[BaseModel]) -> str:
    return _csv_line([name for name, _ in CSV_COLUMNS[model]])


def _dumped(item: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return item.model_dump(mode="json") if isinstance(item, BaseModel) else item


def csv_rows(model: type[BaseModel], items: list[BaseModel] | list[dict[str, Any]]) -> str:
    """Items (models, or the JSON-ready dicts they serialise to) as CSV lines."""
    columns = CSV_COLUMNS[model]
    return "".join(_csv_line([_cell(get(_dumped(item))) for _, get in columns]) for item in items)


def ndjson_rows(items: list[BaseModel] | list[dict[str, Any]]) -> str:
    # orjson writes what json.dumps(ensure_ascii=False, compact separators) does, at a fraction of its cost.
    return "".join(orjson.dumps(_dumped(i)).decode() + "\n" for i in items)


def alternative_media(model: type[BaseModel], jsonld: bool = False) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` declaring the CSV/NDJSON (and JSON-LD) bodies next to the JSON page."""
    content: dict[str, Any] = {
        "text/csv": {"schema": {"type": "string"}, "example": csv_header(model)},
        "application/x-ndjson": {"schema": {"type": "string", "description": f"One {model.__name__} per line."}},
    }
    if jsonld:
        content["application/ld+json"] = {
            "schema": {
                "type": "object",
                "description": ("A W3C AnnotationPage (http://www.w3.org/ns/anno.jsonld) whose items are Annotations."),
            }
        }
    return {200: {"content": content}}


# --- list responses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """How to read one list: a page of rows, their public views, their count, and (positions) annotations."""

    model: type[BaseModel]
    fetch: Callable[[Session, int, str | None], PageResult]
    present: Callable[[Session, list[Any]], list[Any]]
    count: Callable[[Session], Any]  # an int, or a key_ranges.Total (value and kind)
    annotate: Callable[[Session, list[Any]], list[dict[str, Any]]] | None = None


def _total(count: Any) -> tuple[int, str]:
    """A count as (total, total_kind): position lists may answer an estimate or a lower bound."""
    return (count.value, count.kind) if hasattr(count, "kind") else (count, "exact")


def _next_url(request: Request, cursor: str | None) -> str | None:
    return str(request.url.include_query_params(cursor=cursor)) if cursor else None


def _stream(
    request: Request, listing: Listing, fmt: Format, first: PageResult, first_items: list[Any]
) -> Iterator[str]:
    if fmt == "csv":
        yield csv_header(listing.model)
    render = (lambda items: csv_rows(listing.model, items)) if fmt == "csv" else ndjson_rows
    yield render(first_items)
    cursor = first.next_cursor
    if cursor is None:
        return
    # The request's session closes when the handler returns: the rest streams on a session of its own.
    with Session(request.app.state.engine) as session, scan_reads(session):
        while cursor is not None:
            page = listing.fetch(session, EXPORT_BATCH, cursor)
            yield render(listing.present(session, page.rows))
            session.expunge_all()  # constant memory: forget each batch once written
            cursor = page.next_cursor


def respond(
    request: Request,
    session: Session,
    listing: Listing,
    fmt: Format,
    limit: int | None,
    cursor: str | None,
    extra: Callable[[Session], dict[str, Any]] | None = None,
) -> Response:
    """The list in `fmt`: a JSON `Page` (plus the `extra` fields), or a CSV/NDJSON/JSON-LD body;
    `limit=None` means all rows."""
    if fmt == "jsonld" and listing.annotate is None:
        raise invalid_parameter(
            "format", "jsonld (Web Annotations) is served for position lists only; use json, csv or ndjson", value=fmt
        )
    if limit is None:
        if fmt not in ("csv", "ndjson"):
            raise invalid_parameter(
                "limit",
                "limit=all streams format=csv or format=ndjson only; page through JSON with the 'next' URL",
                value="all",
            )
        with scan_reads(session):
            first = listing.fetch(session, EXPORT_BATCH, cursor)
            first_items = listing.present(session, first.rows)
        body = _stream(request, listing, fmt, first, first_items)
        return StreamingResponse(body, media_type=MEDIA_TYPES[fmt])
    result = listing.fetch(session, limit, cursor)
    next_url = _next_url(request, result.next_cursor)
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if fmt == "jsonld":
        assert listing.annotate is not None
        body_json = webannotation.page(
            listing.annotate(session, result.rows), str(request.url), next_url, _total(listing.count(session))[0]
        )
        return JSONResponse(body_json, media_type=MEDIA_TYPES["jsonld"], headers=headers)
    items = listing.present(session, result.rows)
    total, total_kind = _total(listing.count(session))
    if fmt == "json":
        if items and isinstance(items[0], dict):  # JSON-ready already (positions): one orjson.dumps
            payload = {"items": items, "total": total, "total_kind": total_kind, "limit": limit, "next": next_url}
            if extra is not None:
                payload.update(extra(session))
            return Response(orjson.dumps(payload), media_type="application/json", headers=headers)
        page = PAGE_MODELS[listing.model](
            items=items,
            total=total,
            total_kind=total_kind,
            limit=limit,
            next=next_url,
        )
        if extra is None:  # serialised by pydantic-core in one pass, cheaper than dump + json.dumps
            return Response(page.model_dump_json(), media_type="application/json", headers=headers)
        return JSONResponse({**page.model_dump(mode="json"), **extra(session)}, headers=headers)
    headers["X-Total-Count"] = str(total)
    headers["X-Total-Kind"] = total_kind
    text = csv_header(listing.model) + csv_rows(listing.model, items) if fmt == "csv" else ndjson_rows(items)
    return StreamingResponse(iter([text]), media_type=MEDIA_TYPES[fmt], headers=headers)
