"""The per-request database session, as a FastAPI dependency (the database layer knows nothing of HTTP)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request, on the engine the app was created with.

    Async only so FastAPI does not hop to a worker thread to open and close it (two thread handoffs
    per request, more than a primary-key read costs); the session connects lazily, in the handler's thread.
    """
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
