"""Write side for documents: ingest (annotate and store), dry-run annotation, re-annotation, deletion.

Every route here needs an API key; reads stay public.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status

from app.api.auth import KeyDep
from app.api.deps import base_url
from app.api.session import SessionDep
from app.catalog import events
from app.curation import service as curation
from app.ingest import service as ingest
from app.positions import service as position_service
from app.schemas import (
    WRITE_POSITIONS_INLINE,
    AnnotationPublic,
    DocumentIn,
    DocumentWithPositions,
    FoundPositionPublic,
    LeaderRef,
    Provenance,
)

router = APIRouter(tags=["ingest"])

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {401: {"description": "Missing, unknown or revoked API key"}}


def _with_positions(request: Request, session: SessionDep, document_id: str) -> DocumentWithPositions:
    """The document and its first positions: a long readout links the rest instead of answering megabytes."""
    document = events.get_document(session, document_id)
    rows = events.document_positions(session, document_id, limit=WRITE_POSITIONS_INLINE + 1)
    detail = events.document_detail(session, document)
    shown = rows[:WRITE_POSITIONS_INLINE]
    return DocumentWithPositions(
        **detail.model_dump(),
        positions=[position_service.to_public(p, base_url=base_url(request)) for p in shown],
        positions_complete=len(rows) <= WRITE_POSITIONS_INLINE,
    )


@router.post(
    "/v1/documents",
    status_code=status.HTTP_201_CREATED,
    summary="Annotate and store a readout",
    responses={**AUTH_RESPONSES, 409: {"description": "The same text is stored already"}},
)
def create_document(
    payload: DocumentIn, request: Request, session: SessionDep, response: Response, _key: KeyDep
) -> DocumentWithPositions:
    """Split the readout into sentences, attribute and tag them, and store the document with its
    positions in one transaction. The same text again (by SHA-256) is a 409 linking to the stored one."""
    document = ingest.ingest(session, payload, actor=_key.name)
    response.headers["Location"] = f"/v1/documents/{document.id}"
    return _with_positions(request, session, document.id)


@router.post("/v1/annotate", summary="Annotate a readout without storing anything (dry run)", responses=AUTH_RESPONSES)
def annotate_only(payload: DocumentIn, session: SessionDep, _key: KeyDep) -> AnnotationPublic:
    run, _event, _date = ingest.plan(session, payload)
    refs = {name: LeaderRef(slug=le.slug, name=le.name) for name, le in run.by_name.items()}
    return AnnotationPublic(
        participants=[LeaderRef(slug=le.slug, name=le.name) for le in run.participants],
        positions=[
            FoundPositionPublic(
                start=p.start,
                end=p.end,
                text=payload.text[p.start : p.end],
                speakers=[refs[s] for s in p.speakers if s in refs],
                topics=list(p.topics),
                act=p.act,
                provenance=Provenance(method=run.method, confidence=round(p.confidence, 4), reviewed=False),
            )
            for p in run.annotation.positions
        ],
    )


@router.post(
    "/v1/documents/{document_id}/annotate",
    summary="Re-run the annotator, keeping reviewed positions",
    responses=AUTH_RESPONSES,
)
def reannotate_document(document_id: str, request: Request, session: SessionDep, _key: KeyDep) -> DocumentWithPositions:
    ingest.reannotate(session, events.get_document(session, document_id), actor=_key.name)
    return _with_positions(request, session, document_id)


@router.delete(
    "/v1/documents/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a document and its positions",
    responses=AUTH_RESPONSES,
)
def delete_document(document_id: str, session: SessionDep, _key: KeyDep) -> Response:
    curation.delete_document(session, events.get_document(session, document_id), actor=_key.name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
