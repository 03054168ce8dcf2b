"""/v1/events: communications (calls, meetings, joint statements) and their readouts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, get_args

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import PagingDep, base_url, split_values
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import events as service
from app.catalog import leaders as leader_registry
from app.core.errors import invalid_parameter
from app.positions import compare as compare_service
from app.schemas import EventComparison, EventDetail, EventKind, EventSummary, Page

router = APIRouter(prefix="/v1/events", tags=["events"])
KINDS: tuple[str, ...] = get_args(EventKind)


def event_kinds(values: Sequence[str]) -> tuple[str, ...]:
    """Event kinds as written (any case, commas or repeats); a 422 listing the kinds for any other."""
    kinds = tuple(
        dict.fromkeys(
            " ".join(k.casefold().replace("-", " ").replace("_", " ").split()) for k in split_values(values, "kind")
        )
    )
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise invalid_parameter("kind", f"unknown kind {bad[0]!r}; one of: {', '.join(KINDS)}", value=bad[0])
    return kinds


@router.get(
    "",
    summary="List events, oldest first",
    response_model=Page[EventSummary],
    responses=alternative_media(EventSummary),
)
def list_events(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    leader: Annotated[
        Sequence[str],
        Query(
            description=(
                "Participant: a leader's slug, name, alias or surname; repeat, or separate with commas, for any of "
                "several."
            )
        ),
    ] = (),
    kind: Annotated[
        Sequence[str],
        Query(
            description=(
                "Event kind: phone call, video call, meeting or joint statement; repeat, or separate with commas, "
                "for any of several."
            )
        ),
    ] = (),
) -> Response:
    leaders = leader_registry.resolve_slugs(session, "leader", split_values(leader, "leader"))
    kinds = event_kinds(kind)
    return respond(
        request,
        session,
        Listing(
            model=EventSummary,
            present=lambda _s, rows: [service.event_summary(e) for e in rows],
            count=lambda s: service.count_events(s, leaders, kinds),
            fetch=lambda s, limit, cursor: service.list_events(s, limit, cursor, leaders, kinds),
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
