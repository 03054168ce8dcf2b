"""Write side for positions and topics: curators correct, add and delete. Every route needs an API key."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request, Response, status

from app.api.auth import KeyDep
from app.api.deps import base_url
from app.api.ingest import AUTH_RESPONSES
from app.api.session import SessionDep
from app.catalog import topics as topic_service
from app.curation import service as curation
from app.positions import service as position_service
from app.schemas import PositionIn, PositionPatch, PositionPublic, TopicIn, TopicPublic

router = APIRouter(tags=["curation"])
PositionId = Path(ge=1, le=2**63 - 1)


@router.post(
    "/v1/positions",
    status_code=status.HTTP_201_CREATED,
    summary="Add a position the annotator missed",
    responses={**AUTH_RESPONSES, 409: {"description": "Same span and speakers exist"}},
)
def add_position(
    data: PositionIn, request: Request, session: SessionDep, response: Response, _key: KeyDep
) -> PositionPublic:
    position = curation.add_position(session, data, actor=_key.name)
    assert position.id is not None  # stored: the database gave it its id
    response.headers["Location"] = f"/v1/positions/{position.id}"
    return position_service.to_public(
        position_service.get_position(session, position.id),
        base_url=base_url(request),
    )


@router.patch(
    "/v1/positions/{position_id}", summary="Curate a position's speakers, topics or act", responses=AUTH_RESPONSES
)
def patch_position(
    patch: PositionPatch, request: Request, session: SessionDep, _key: KeyDep, position_id: int = PositionId
) -> PositionPublic:
    """Given fields replace the stored ones; the position becomes `curated` and `reviewed`, and
    survives re-annotation."""
    position = curation.patch_position(
        session, position_service.get_position(session, position_id), patch, actor=_key.name
    )
    assert position.id is not None  # stored: the database gave it its id
    return position_service.to_public(
        position_service.get_position(session, position.id),
        base_url=base_url(request),
    )


@router.delete(
    "/v1/positions/{position_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a position",
    responses=AUTH_RESPONSES,
)
def delete_position(session: SessionDep, _key: KeyDep, position_id: int = PositionId) -> Response:
    curation.delete_position(session, position_service.get_position(session, position_id), actor=_key.name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/v1/topics",
    status_code=status.HTTP_201_CREATED,
    summary="Add a topic with its keywords",
    responses={**AUTH_RESPONSES, 409: {"description": "The slug exists"}},
)
def add_topic(data: TopicIn, session: SessionDep, response: Response, _key: KeyDep) -> TopicPublic:
    topic = curation.add_topic(session, data)
    response.headers["Location"] = f"/v1/topics/{topic.slug}"
    return topic_service.to_public(topic, 0)
