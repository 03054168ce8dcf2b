"""The pages: thin routes that call the services /v1 calls and render the answer as HTML.

Each page's query parameters are the /v1 list's own (same names, same validation through the same
dependencies), so a page's list and its "as JSON" link are one query. Empty form fields are dropped
by a redirect, so the address bar always shows a URL that maps one to one onto /v1. Errors are HTML
pages with the status, the reason and the parameter at fault.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from app.api.deps import FacetsQuery, FiltersDep, Paging, PagingDep, SettingsDep, SortQuery, base_url
from app.api.session import SessionDep
from app.catalog import events as event_service
from app.catalog import leaders as leader_service
from app.catalog import topics as topic_service
from app.core.config import Settings
from app.core.errors import ApiError, invalid_parameter
from app.positions import aggregates, compare
from app.positions import service as position_service
from app.positions.filters import PositionFilters, within
from app.positions.query_plan import plan_list
from app.positions.row_loader import PositionHit, PositionView
from app.schemas import ACTS
from app.web import assets, views

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
TEMPLATES.env.globals.update(
    asset_url=assets.asset_url,
    UPLOT_JS=assets.UPLOT_JS,
    UPLOT_CSS=assets.UPLOT_CSS,
    FAVICON=assets.FAVICON,
    speaker_names=views.speaker_names,
    speaker_slugs=views.speaker_slugs,
    marked=views.marked,
)
TEMPLATES.env.trim_blocks = True
TEMPLATES.env.lstrip_blocks = True

# Scripts and styles come from this origin only; no inline script or style attribute anywhere.
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADLINE_TOPICS = 10  # shown on the home page
LATEST_READOUTS = 8
LATEST_SCAN = 64  # newest positions read to find the latest readouts (readouts hold ~8 positions)
SPEAKERS_SHOWN = 12  # leader checkboxes on a topic page, and speakers listed per headline topic
LEADER_TOPICS = 8  # topics shown on a leader page, each with its newest positions
PER_TOPIC = 5
CHART_SERIES = 6
FACETS = ("topic", "leader", "act")
SEARCH_FACETS_UNASKED = 500  # matches whose facets a search page counts without being asked (cheap at 1M)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status)
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response


def error_page(request: Request, error: ApiError) -> HTMLResponse:
    return render(request, "error.html", status=error.status, error=error)


class PageRoute(APIRoute):
    """A page: empty query fields are dropped by a redirect, and errors become HTML error pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            items = request.query_params.multi_items()
            if any(value == "" for _, value in items):
                query = views.query_string((k, v) for k, v in items if v != "")
                return RedirectResponse(f"{request.url.path}?{query}" if query else request.url.path, status_code=303)
            try:
                return await handler(request)
            except ApiError as exc:
                return error_page(request, exc)
            except RequestValidationError as exc:
                errors = [
                    {"name": str(e["loc"][-1]), "in": str(e["loc"][0]), "reason": e.get("msg", "invalid")}
                    for e in exc.errors()
                ]
                names = ", ".join(sorted({e["name"] for e in errors}))
                error = ApiError(422, f"Invalid parameters: {names}.", title="Invalid parameters", errors=errors)
                return error_page(request, error)

        return page


router = APIRouter(route_class=PageRoute, include_in_schema=False, default_response_class=HTMLResponse)


def _latest_documents(session: Session) -> list[dict[str, Any]]:
    """The readouts of the newest positions (the /v1/positions default list), newest first: what the
    positions' rows say of their readout, and each readout's position count."""
    page = position_service.list_positions(session, plan_list(session, PositionFilters(), "-date"), LATEST_SCAN, None)
    first: dict[str, PositionView] = {}
    for hit in page.rows:
        first.setdefault(hit.position.document_id, hit.position)
    latest = list(first.values())[:LATEST_READOUTS]
    counts = event_service.position_counts(session, [p.document_id for p in latest])
    return [
        {
            "id": p.document_id,
            "title": p.document.title,
            "source": p.document.source,
            "date": p.date.isoformat(),
            "event_id": p.event_id,
            "event_kind": p.document.event.kind,
            "position_count": counts.get(p.document_id, 0),
        }
        for p in latest
    ]


@router.get("/")
def home(request: Request, session: SessionDep) -> HTMLResponse:
    headline = topic_service.list_topics(session, HEADLINE_TOPICS, None, headline=True).rows
    topics = [topic_service.detail(session, t) for t in headline]
    return render(request, "home.html", topics=topics, documents=_latest_documents(session), shown=SPEAKERS_SHOWN)


def _hits(request: Request, hits: list[PositionHit]) -> list[dict[str, Any]]:
    base = base_url(request)
    return [position_service.hit_to_dict(h, base) for h in hits]


def _next_page(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return f"{request.url.path}?{views.query_string(request.query_params.multi_items(), cursor=cursor)}"


def _page_limit(paging: Paging) -> int:
    if paging.limit is None:
        raise invalid_parameter("limit", "pages show at most 500 positions; limit=all is for CSV and NDJSON exports")
    return int(paging.limit)


@router.get("/topics/{slug}")
def topic_page(
    request: Request,
    session: SessionDep,
    slug: str,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
) -> HTMLResponse:
    topic = topic_service.detail(session, topic_service.get_topic(session, slug))
    plan = plan_list(session, within(filters, topic=slug), sort)
    page = position_service.list_positions(session, plan, _page_limit(paging), paging.cursor)
    items = _hits(request, page.rows)
    total = position_service.total_positions(session, plan)
    params = request.query_params.multi_items()
    speakers = [(le.slug, le.name) for le in topic.leaders[:SPEAKERS_SHOWN]]
    shown = {s for s, _ in speakers}
    speakers += [(s, s) for s in filters.leader if s not in shown]
    chart_params = [(k, v) for k, v in params if k not in ("cursor", "limit", "sort")]
    return render(
        request,
        "topic.html",
        topic=topic,
        filters=filters,
        items=items,
        total=total,
        columns=views.columns_by_speaker(items, [le.slug for le in topic.leaders]),
        speakers=speakers,
        acts=ACTS,
        json_url=views.api_url(f"/v1/topics/{slug}/positions", params),
        csv_url=views.api_url(f"/v1/topics/{slug}/positions", params, format="csv"),
        timeline_url=views.api_url(f"/v1/topics/{slug}/timeline", chart_params),
        next_url=_next_page(request, page.next_cursor),
        known={"leader", "country", "act", "date_from", "date_to", "q"},
        params=params,
        series_max=CHART_SERIES,
    )


@router.get("/leaders/{slug}")
def leader_page(request: Request, session: SessionDep, slug: str) -> HTMLResponse:
    leader = leader_service.get_leader(session, slug)
    count = leader_service.position_counts(session, [slug]).get(slug, 0)
    own = within(PositionFilters(), leader=slug)
    counts, _ = aggregates.facet_counts(session, plan_list(session, own), ("topic",))
    groups = []
    for facet in counts["topic"][:LEADER_TOPICS]:
        topic = topic_service.get_topic(session, facet.value)
        plan = plan_list(session, within(own, topic=facet.value), "-date")
        page = position_service.list_positions(session, plan, PER_TOPIC, None)
        groups.append((topic, facet.count, _hits(request, page.rows)))
    series = [
        {"label": topic.name, "url": f"/v1/leaders/{slug}/timeline?topic={topic.slug}"}
        for topic, _, _ in groups[:CHART_SERIES]
    ]
    return render(
        request,
        "leader.html",
        leader=leader_service.to_public(leader, count),
        groups=groups,
        series=series,
        topic_count=len(counts["topic"]),
        per_topic=PER_TOPIC,
    )


def _document_positions(
    request: Request, session: Session, settings: Settings, document_id: str
) -> list[dict[str, Any]]:
    """Every position of a document in reading order: the /v1/documents/{id}/positions pages, followed."""
    plan = plan_list(session, within(PositionFilters(), document=document_id), "date")
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = position_service.list_positions(session, plan, settings.max_limit, cursor)
        items += _hits(request, page.rows)
        cursor = page.next_cursor
        if cursor is None:
            return items


@router.get("/documents/{document_id}")
def document_page(request: Request, session: SessionDep, settings: SettingsDep, document_id: str) -> HTMLResponse:
    document = event_service.document_detail(session, event_service.get_document(session, document_id))
    items = _document_positions(request, session, settings, document_id)
    colours = views.palette([p.slug for p in document.participants] + [s["slug"] for i in items for s in i["speakers"]])
    names = {p.slug: p.name for p in document.participants}
    names.update({s["slug"]: s["name"] for i in items for s in i["speakers"]})
    return render(
        request,
        "document.html",
        document=document,
        items=items,
        runs=views.text_runs(document.text, items),
        colours=colours,
        legend=[(slug, names[slug], colour) for slug, colour in colours.items()],
    )


@router.get("/positions/{position_id}")
def position_page(
    request: Request, session: SessionDep, position_id: Annotated[int, PathParam(ge=1, le=2**63 - 1)]
) -> HTMLResponse:
    view = position_service.read_position(session, position_id)
    position = position_service.public_dict(view, base_url=base_url(request))
    text = event_service.get_document(session, view.document_id).text
    before, sentence, after = views.paragraph_around(text, view.start, view.end)
    return render(
        request,
        "position.html",
        p=position,
        document_title=view.document.title,
        event_title=view.document.event.title,
        event_kind=view.document.event.kind,
        before=before,
        sentence=sentence,
        after=after,
    )


@router.get("/search")
def search_page(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = (),
) -> HTMLResponse:
    """Search results. Facets are the /v1 `facets=` counts: asked for, or shown unasked when the matches are
    few enough to count in a few milliseconds; otherwise the page offers them as a link."""
    params = request.query_params.multi_items()
    if filters.q is None:
        return render(request, "search.html", q=None, items=[], params=params)
    plan = plan_list(session, filters, sort)
    page = position_service.list_positions(session, plan, _page_limit(paging), paging.cursor)
    total = position_service.total_positions(session, plan)
    names = aggregates.parse_facets(facets)
    if not names and total.kind == "exact" and total.value <= SEARCH_FACETS_UNASKED:
        names = FACETS
    counts = aggregates.facet_counts(session, plan, names)[0] if names else {}
    return render(
        request,
        "search.html",
        q=request.query_params.get("q"),
        filters=filters,
        items=_hits(request, page.rows),
        total=total,
        facets=counts,
        params=params,
        json_url=views.api_url("/v1/positions", params),
        next_url=_next_page(request, page.next_cursor),
        facet_url=lambda name, value: "/search?" + views.query_string([*params, (name, value)], cursor=None),
        count_url="/search?" + views.query_string(params, cursor=None, facets=",".join(FACETS)),
    )


@router.get("/events/{event_id}")
def event_page(request: Request, session: SessionDep, event_id: str) -> HTMLResponse:
    event = event_service.get_event(session, event_id)
    comparison = compare.compare_readouts(session, event, base_url(request)).model_dump(mode="json")
    detail = event_service.event_detail(session, event)
    return render(
        request,
        "event.html",
        event=detail,
        comparison=comparison,
        json_url=f"/v1/events/{event_id}/compare",
    )
