"""/v1/export: the whole dataset as NDJSON, reloadable with `summit ingest FILE.ndjson`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.dataset import export as service

router = APIRouter(tags=["research"])


def _lines(request: Request) -> Iterator[str]:
    # A session of its own: the body streams after the handler (and its session) have returned.
    with Session(request.app.state.engine) as session:
        for record in service.dump(session):
            yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


@router.get(
    "/v1/export",
    summary="The whole dataset as NDJSON",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                "application/x-ndjson": {
                    "schema": {
                        "type": "string",
                        "description": (
                            'One record per line, each with a "type": '
                            "leader, topic, event, document, position (in that order)."
                        ),
                    }
                }
            }
        }
    },
)
def export(request: Request) -> StreamingResponse:
    """Every leader, topic, event, document (with its text) and position, one JSON record per line,
    streamed in constant memory. `summit ingest` loads it into another database with nothing lost."""
    return StreamingResponse(
        _lines(request),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="summit-export.ndjson"'},
    )
