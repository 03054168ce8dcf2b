"""What happened to positions and documents, and the dataset's versions: /v1/…/history, /v1/datasets/versions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.api.session import SessionDep
from app.curation import history
from app.dataset import versions
from app.schemas import DatasetVersionPublic, DatasetVersions, History

router = APIRouter(tags=["history"])


@router.get("/v1/positions/{position_id}/history", summary="Every change to one position, deleted ones included")
def position_history(session: SessionDep, position_id: int = Path(ge=1, le=2**63 - 1)) -> History:
    """Created (by which key or command, with which annotator version), annotated again, reviewed,
    edited (which fields, old and new values, by which key), deleted (when, and what replaced it)."""
    return history.describe(session, "position", position_id)


@router.get("/v1/documents/{document_id}/history", summary="Every change to one document, deleted ones included")
def document_history(session: SessionDep, document_id: str) -> History:
    return history.describe(session, "document", document_id)


@router.get("/v1/datasets/versions", summary="Dataset versions: one per write, with its time and size")
def dataset_versions(
    request: Request,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Versions per page, newest first.")] = 50,
    before: Annotated[int | None, Query(ge=1, description="Only versions below this one (the next page).")] = None,
) -> DatasetVersions:
    """The `X-Dataset-Version` header of every response names one of these: "as of version N"."""
    rows = versions.listing(session, limit, before)
    more = len(rows) == limit and rows[-1].version > 1
    return DatasetVersions(
        current=versions.current(session),
        items=[DatasetVersionPublic.model_validate(r, from_attributes=True) for r in rows],
        next=str(request.url.include_query_params(before=rows[-1].version)) if more and rows else None,
    )
