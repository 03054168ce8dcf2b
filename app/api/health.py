"""/health: is the database reachable and migrated?"""

from __future__ import annotations

from fastapi import APIRouter

from app.api.session import SessionDep
from app.dataset import health as service
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", summary="Health check: the database answers and is migrated")
def health(session: SessionDep) -> Health:
    return service.check(session)
