"""/v1/topics: the topic vocabulary and the positions on each topic."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from app.api.deps import POSITION_LIST_RESPONSES, FacetsQuery, FiltersDep, PagingDep, SortQuery, positions_page
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import topics as service
from app.models import Topic
from app.positions import aggregates
from app.positions.filters import within
from app.schemas import Page, PositionPage, Timeline, TopicDetail, TopicPublic

router = APIRouter(prefix="/v1/topics", tags=["topics"])


@router.get("", summary="List topics", responses=alternative_media(TopicPublic))
def list_topics(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    headline: Annotated[bool | None, Query(description="Only headline topics (true) or only others (false).")] = None,
) -> Page[TopicPublic]:
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


@router.get("/{slug}", summary="One topic, with position counts per leader")
def get_topic(session: SessionDep, slug: str) -> TopicDetail:
    return service.detail(session, service.get_topic(session, slug))


@router.get("/{slug}/positions", summary="Stated positions on a topic", responses=POSITION_LIST_RESPONSES)
def topic_positions(
    request: Request,
    response: Response,
    session: SessionDep,
    slug: str,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = [],
) -> PositionPage:  # noqa: B006
    """Positions addressing this topic, narrowed by any other filter."""
    service.get_topic(session, slug)
    return positions_page(request, response, session, within(filters, topic=slug), sort, paging, facets)


@router.get("/{slug}/timeline", summary="Positions on a topic per period and speaker")
def topic_timeline(
    session: SessionDep,
    slug: str,
    filters: FiltersDep,
    interval: Annotated[aggregates.Interval, Query(description="Bucket size.")] = "month",
) -> Timeline:
    """For each period and speaker: how many positions, the first and last dates, and their ids.
    `leader=` narrows to those speakers; every other position filter applies too."""
    service.get_topic(session, slug)
    buckets = aggregates.timeline(session, within(filters, topic=slug), interval, filters.leader)
    return Timeline(interval=interval, topic=slug, leader=None, buckets=buckets)
