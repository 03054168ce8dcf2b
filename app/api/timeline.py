"""/v1/timeline: positions per period and speaker over every position, or under any position filter."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import FiltersDep, IntervalQuery, timeline_response
from app.api.session import SessionDep
from app.schemas import Timeline

router = APIRouter(tags=["research"])


@router.get("/v1/timeline", summary="Positions per period and speaker, over every position or any filter")
def timeline(session: SessionDep, filters: FiltersDep, interval: IntervalQuery = "month") -> Timeline:
    """For each period and speaker: how many positions, the first and last dates, and their ids, over all
    positions or those matching the filters (echoed in `filters`). A joint position counts for each of its
    speakers, so the counts of one period can add up to more than the positions in it. The same per topic
    or leader: /v1/topics/{slug}/timeline, /v1/leaders/{slug}/timeline."""
    return timeline_response(session, filters, interval)
