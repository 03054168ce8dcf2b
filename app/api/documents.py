"""/v1/documents: readouts, their exact text, and the positions found in them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from app.api.deps import (
    POSITION_LIST_RESPONSES,
    FacetsQuery,
    FiltersDep,
    PagingDep,
    SortQuery,
    positions_page,
    split_values,
)
from app.api.formats import Listing, alternative_media, respond
from app.api.session import SessionDep
from app.catalog import events as service
from app.models import Event
from app.positions import fulltext as search
from app.positions.filters import check_known, within
from app.schemas import DocumentDetail, DocumentSummary, Page, PositionPage

router = APIRouter(prefix="/v1/documents", tags=["documents"])


@router.get(
    "",
    summary="List documents",
    response_model=Page[DocumentSummary],
    responses=alternative_media(DocumentSummary),
)
def list_documents(
    request: Request,
    response: Response,
    session: SessionDep,
    paging: PagingDep,
    event: Annotated[
        Sequence[str], Query(description="Event id; repeat, or separate with commas, for any of several.")
    ] = (),
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description=('Full-text search in title and text: words, "quoted phrases", OR, NOT, (…), prefix*.'),
        ),
    ] = None,
    sort: Annotated[
        service.DocumentSort | None, Query(description=("`id` (default) or `relevance` (default with q)."))
    ] = None,
) -> Response:
    events = split_values(event, "event")
    check_known(session, "event", events, Event.id, "event")
    q = search.prepare(session, q) if q is not None else None

    def present(s: Session, hits: list[service.DocumentHit]) -> list[DocumentSummary]:
        counts = service.position_counts(s, [h.document.id for h in hits])
        return [service.document_summary(h.document, counts.get(h.document.id, 0), h.rank, h.highlight) for h in hits]

    return respond(
        request,
        session,
        Listing(
            model=DocumentSummary,
            present=present,
            count=lambda s: service.count_documents(s, events, q),
            fetch=lambda s, limit, cursor: service.list_documents(s, limit, cursor, events, q, sort),
        ),
        paging.format,
        paging.limit,
        paging.cursor,
    )


@router.get("/{document_id}", summary="One document, with its text, event and participants")
def get_document(session: SessionDep, document_id: str) -> DocumentDetail:
    return service.document_detail(session, service.get_document(session, document_id))


@router.get(
    "/{document_id}/positions",
    summary="The positions of one document, in reading order",
    response_model=PositionPage,
    responses=POSITION_LIST_RESPONSES,
)
def document_positions(
    request: Request,
    response: Response,
    session: SessionDep,
    document_id: str,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = (),
) -> Response:
    service.get_document(session, document_id)
    # One document has one date, so date order is reading order: the default unless searching.
    sort = sort or ("relevance" if filters.q else "date")
    return positions_page(request, response, session, within(filters, document=document_id), sort, paging, facets)
