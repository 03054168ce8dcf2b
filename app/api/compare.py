"""/v1/compare: several leaders side by side."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.api.deps import FiltersDep, base_url
from app.api.session import SessionDep
from app.positions import compare as service
from app.schemas import Comparison

router = APIRouter(prefix="/v1/compare", tags=["research"])


@router.get("", summary="Compare what two or more leaders say")
def compare_leaders(
    request: Request,
    session: SessionDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Positions listed per leader.")] = 50,
) -> Comparison:
    """Give `leader` twice or more, and usually a `topic`: each leader's matching positions side by side,
    the topics and acts each uses, the topics they share, and the positions they stated jointly.
    Every other position filter (date range, event, act, q…) narrows all sides alike."""
    return service.compare_leaders(session, filters, limit, base_url(request))
