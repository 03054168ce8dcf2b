"""/v1/positions: stated positions, filtered and paged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from app.api.deps import (
    POSITION_LIST_RESPONSES,
    FacetsQuery,
    FiltersDep,
    PagingDep,
    SortQuery,
    base_url,
    positions_page,
)
from app.api.formats import Format, output_format
from app.api.session import SessionDep
from app.core.errors import invalid_parameter
from app.positions import service, webannotation
from app.schemas import PositionPage, PositionPublic

router = APIRouter(prefix="/v1/positions", tags=["positions"])


@router.get("", summary="List stated positions", response_model=PositionPage, responses=POSITION_LIST_RESPONSES)
def list_positions(
    request: Request,
    response: Response,
    session: SessionDep,
    filters: FiltersDep,
    paging: PagingDep,
    sort: SortQuery = None,
    facets: FacetsQuery = (),
) -> Response:
    """Positions matching every filter given (a repeated filter matches any of its values)."""
    return positions_page(request, response, session, filters, sort, paging, facets)


@router.get(
    "/{position_id}",
    summary="One stated position",
    response_model=PositionPublic,
    responses={
        200: {
            "content": {"application/ld+json": {"schema": {"type": "object", "description": "A W3C Web Annotation."}}}
        }
    },
)
async def get_position(
    request: Request,
    session: SessionDep,
    fmt: Annotated[Format, Depends(output_format)],
    position_id: int = Path(ge=1, le=2**63 - 1),
) -> PositionPublic | Response:
    """The position as JSON, or with format=jsonld (or Accept: application/ld+json) as a Web Annotation."""
    # async: a primary-key read costs less than the worker-thread handoff a sync handler pays.
    position = service.read_position(session, position_id)
    if fmt == "jsonld":
        (body,) = webannotation.annotate_positions(session, [position], base_url(request))
        return JSONResponse(
            {"@context": webannotation.CONTEXT, **body},
            media_type=webannotation.MEDIA_TYPE,
        )
    if fmt in ("csv", "ndjson"):
        raise invalid_parameter(
            "format", "one position is served as json or jsonld; csv and ndjson are for lists", value=fmt
        )
    return service.to_public(position, base_url=base_url(request))
