"""The health check: the database answers, is migrated, and holds this many documents and positions."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from app.core.errors import UNAVAILABLE, ApiError
from app.core.migrate import current_revision
from app.models import Document
from app.positions.key_ranges import maintained_counts
from app.schemas import Health


def check(session: Session) -> Health:
    """The database's state, or a 503 saying what to run when it does not answer or is not migrated."""
    try:
        revision = current_revision(session.get_bind().engine)
        documents = session.exec(select(func.count()).select_from(Document)).one()
        positions = maintained_counts(session, (("", ""),)).get(("", ""), 0)  # count(*) grows with the corpus
    except SQLAlchemyError:
        raise ApiError(
            503, "The database does not answer or is not migrated; run `summit db upgrade`.", type=UNAVAILABLE
        ) from None
    return Health(status="ok", database="ok", schema_revision=revision, documents=documents, positions=positions)
