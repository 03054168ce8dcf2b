"""/health: is the database reachable and migrated?"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from app.core.db import SessionDep
from app.core.errors import UNAVAILABLE, ApiError
from app.core.migrate import current_revision
from app.models import Document
from app.positions.key_ranges import maintained_counts
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", summary="Health check: the database answers and is migrated")
def health(session: SessionDep) -> Health:
    try:
        revision = current_revision(session.get_bind())  # type: ignore[arg-type]
        documents = session.exec(select(func.count()).select_from(Document)).one()
        positions = maintained_counts(session, (("", ""),)).get(("", ""), 0)  # count(*) grows with the corpus
    except SQLAlchemyError:
        raise ApiError(
            503, "The database does not answer or is not migrated; run `summit db upgrade`.", type=UNAVAILABLE
        ) from None
    return Health(status="ok", database="ok", schema_revision=revision, documents=documents, positions=positions)
