"""/v1/topics: the topic vocabulary and the positions on each topic."""

from __future__ import annotations

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
    timeline_response,
)
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import topics as service
from app.models import Topic
from app.positions.filters import within
from app.schemas import Page, PositionPage, Timeline, TopicDetail, TopicPublic

router = APIRouter(prefix="/v1/topics", tags=["topics"])


def topic_slug(written: str) -> str:
    """A topic slug as people write it (any case, spaces for hyphens); unchanged when it is one already."""
    return "-".join(written.casefold().replace("_", " ").split()) or written


@router.get("", summary="List topics", response_model=Page[TopicPublic], responses=alternative_media(TopicPublic))
def list_topics(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    headline: Annotated[bool | None, Query(description="Only headline topics (true) or only others (false).")] = None,
) -> Response:
    def present(s: Session, rows: list[Topic]) -> list[TopicPublic]:
        counts = service.position_counts(s, [t.slug for t in rows])
        return [service.to_public(t, counts.get(t.slug, 0)) for t in rows]

    return respond(
        request,
        session,
        Listing(
            model=TopicPublic,
            present=present,
            count=lambda s: service.count_topics(s, headline),
            fetch=lambda s, limit, cursor: service.list_topics(s, limit, cursor, headline),
        ),
        paging.format,
        paging.limit,
        paging.cursor,
    )


TopicPath = Annotated[str, Path(description="The topic's slug, in any case (`taiwan`, `Taiwan`).")]


@router.get("/{slug}", summary="One topic, with position counts per leader")
def get_topic(session: SessionDep, slug: TopicPath) -> TopicDetail:
    """The topic, with `leaders`: positions on it per speaker. A joint position counts for each of its speakers,
    so the per-leader counts can add up to more than `position_count`."""
    return service.detail(session, service.get_topic(session, topic_slug(slug)))


@router.get(
    "/{slug}/positions",
    summary="Stated positions on a topic",
    response_model=PositionPage,
    responses=POSITION_LIST_RESPONSES,
)
def topic_positions(
    request: Request,
    response: Response,
    session: SessionDep,
    slug: TopicPath,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = (),
) -> Response:
    """Positions addressing this topic, narrowed by any other filter."""
    topic = service.get_topic(session, topic_slug(slug))
    return positions_page(request, response, session, within(filters, topic=topic.slug), sort, paging, facets)


@router.get("/{slug}/timeline", summary="Positions on a topic per period and speaker")
def topic_timeline(
    session: SessionDep, slug: TopicPath, filters: FiltersDep, interval: IntervalQuery = "month"
) -> Timeline:
    """For each period and speaker: how many positions, the first and last dates, and their ids.
    `leader=` narrows to those speakers; every other position filter applies too; `filters` echoes them.
    A joint position counts for each of its speakers."""
    topic = service.get_topic(session, topic_slug(slug))
    return timeline_response(session, filters, interval, topic=topic.slug)
