"""/v1/positions: stated positions, filtered and paged."""
from __future__ import annotations

from fastapi import APIRouter, Path, Request, Response

from app.api.deps import FiltersDep, PagingDep, SortQuery, base_url, positions_page
from app.db import SessionDep
from app.schemas import Page, PositionPublic
from app.services import positions as service

router = APIRouter(prefix="/v1/positions", tags=["positions"])


@router.get("", summary="List stated positions")
def list_positions(request: Request, response: Response, session: SessionDep, filters: FiltersDep,
                   paging: PagingDep, sort: SortQuery = None) -> Page[PositionPublic]:
    """Positions matching every filter given (a repeated filter matches any of its values)."""
    return positions_page(request, response, session, filters, sort, paging)


@router.get("/{position_id}", summary="One stated position")
def get_position(request: Request, session: SessionDep,
                 position_id: int = Path(ge=1, le=2**63 - 1)) -> PositionPublic:
    return service.to_public(service.get_position(session, position_id), base_url=base_url(request))
