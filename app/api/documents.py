"""/v1/documents: readouts, their exact text, and the positions found in them."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import FiltersDep, PagingDep, positions_page, page_response
from app.db import SessionDep
from app.schemas import DocumentDetail, DocumentSummary, Page, PositionPublic
from app.services import events as service
from app.services.filters import within

router = APIRouter(prefix="/v1/documents", tags=["documents"])


@router.get("", summary="List documents")
def list_documents(request: Request, response: Response, session: SessionDep, paging: PagingDep,
                   event: Annotated[list[str], Query(description="Event id; repeatable.")] = [],  # noqa: B006
                   ) -> Page[DocumentSummary]:
    result = service.list_documents(session, paging.limit, paging.cursor, tuple(event))
    counts = service.position_counts(session, [d.id for d in result.rows])
    return page_response(request, response, result, service.count_documents(session, tuple(event)), paging.limit,
                         lambda d: service.document_summary(d, counts.get(d.id, 0)))


@router.get("/{document_id}", summary="One document, with its text, event and participants")
def get_document(session: SessionDep, document_id: str) -> DocumentDetail:
    return service.document_detail(session, service.get_document(session, document_id))


@router.get("/{document_id}/positions", summary="The positions of one document, in reading order")
def document_positions(request: Request, response: Response, session: SessionDep, document_id: str,
                       filters: FiltersDep, paging: PagingDep) -> Page[PositionPublic]:
    service.get_document(session, document_id)
    # One document has one date, so date order is reading order.
    return positions_page(request, response, session, within(filters, document=document_id), "date", paging)
