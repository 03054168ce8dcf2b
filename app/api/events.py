"""/v1/events: communications (calls, meetings, joint statements) and their readouts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import PagingDep, base_url
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import events as service
from app.models import Leader
from app.positions import compare as compare_service
from app.positions.filters import check_known
from app.schemas import EventComparison, EventDetail, EventKind, EventSummary, Page

router = APIRouter(prefix="/v1/events", tags=["events"])


@router.get("", summary="List events, oldest first", responses=alternative_media(EventSummary))
def list_events(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    leader: Annotated[list[str], Query(description="Participant's leader slug; repeatable.")] = [],  # noqa: B006
    kind: Annotated[list[EventKind], Query(description="Event kind; repeatable.")] = [],  # noqa: B006
) -> Page[EventSummary]:
    check_known(session, "leader", tuple(leader), Leader.slug, "leader")
    return respond(
        request,
        session,
        Listing(
            model=EventSummary,
            present=lambda _s, rows: [service.event_summary(e) for e in rows],
            count=lambda s: service.count_events(s, tuple(leader), tuple(kind)),
            fetch=lambda s, limit, cursor: service.list_events(s, limit, cursor, tuple(leader), tuple(kind)),
        ),
        paging.format,
        paging.limit,
        paging.cursor,
    )


@router.get("/{event_id}", summary="One event, with its documents and participants")
def get_event(session: SessionDep, event_id: str) -> EventDetail:
    return service.event_detail(session, service.get_event(session, event_id))


@router.get("/{event_id}/compare", summary="The readouts of one event side by side, per topic", tags=["research"])
def compare_readouts(request: Request, session: SessionDep, event_id: str) -> EventComparison:
    """For each topic any readout mentions: which readouts report it, with which positions, and which leave it
    out (`missing_from`) — what one side reported and the other did not."""
    return compare_service.compare_readouts(session, service.get_event(session, event_id), base_url(request))
