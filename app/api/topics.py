"""/v1/topics: the topic vocabulary and the positions on each topic."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import FiltersDep, PagingDep, SortQuery, page_response, positions_page
from app.db import SessionDep
from app.schemas import Page, PositionPublic, TopicDetail, TopicPublic
from app.services import topics as service
from app.services.filters import within

router = APIRouter(prefix="/v1/topics", tags=["topics"])


@router.get("", summary="List topics")
def list_topics(request: Request, response: Response, session: SessionDep, paging: PagingDep,
                headline: Annotated[bool | None, Query(description="Only headline topics (true) or only others (false).")] = None,
                ) -> Page[TopicPublic]:
    result = service.list_topics(session, paging.limit, paging.cursor, headline)
    counts = service.position_counts(session, [t.slug for t in result.rows])
    return page_response(request, response, result, service.count_topics(session, headline), paging.limit,
                         lambda t: service.to_public(t, counts.get(t.slug, 0)))


@router.get("/{slug}", summary="One topic, with position counts per leader")
def get_topic(session: SessionDep, slug: str) -> TopicDetail:
    return service.detail(session, service.get_topic(session, slug))


@router.get("/{slug}/positions", summary="Stated positions on a topic")
def topic_positions(request: Request, response: Response, session: SessionDep, slug: str, filters: FiltersDep,
                    paging: PagingDep, sort: SortQuery = None) -> Page[PositionPublic]:
    """Positions addressing this topic, narrowed by any other filter."""
    service.get_topic(session, slug)
    return positions_page(request, response, session, within(filters, topic=slug), sort, paging)
