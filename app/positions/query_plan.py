"""One plan per position-list request: every decision about how to read the list is made here, once.

A list request is planned when its filters have been validated: the sort order, how the page is
read (a full-text search, `position_key` index ranges, or a scan of the filtered positions), how its
total is counted, and which facets the maintained pair counts answer. The page, the total and the
facets then take that one `ListPlan`; none of them looks at the filters again to decide a strategy,
and the total, which facets also need, is computed at most once per request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session

from app.core.errors import invalid_parameter
from app.core.pagination import SortOrder
from app.models import Position
from app.positions import key_ranges, search_pages
from app.positions.filters import PositionFilters
from app.positions.key_ranges import KeyPlan, Total

PositionSort = Literal["date", "-date", "relevance"]
Reader = Literal["search", "ranges", "scan"]

# Within one date, positions keep document order (ids are assigned in reading order).
SORTS: dict[str, SortOrder] = {
    "date": SortOrder("date", [(Position.date, False, dt.date.fromisoformat), (Position.id, False, int)]),
    "-date": SortOrder("-date", [(Position.date, True, dt.date.fromisoformat), (Position.id, False, int)]),
}


@dataclass(frozen=True)
class MaintainedFacet:
    """A facet read from `position_count`: the counts of `free` values where `fixed` equals `value`."""

    fixed: str
    free: str
    value: str


@dataclass
class ListPlan:
    """How one position list is read, counted and faceted."""

    filters: PositionFilters
    sort: PositionSort
    reader: Reader
    ranges: KeyPlan | None  # the index ranges that drive the page and the total (reader "ranges")
    maintained: dict[str, MaintainedFacet]  # facet name -> its maintained counts, where they answer exactly
    _total: Total | None = field(default=None, repr=False)

    def total(self, session: Session) -> Total:
        """The list's total (computed on first use, then reused by the facets of the same request)."""
        if self._total is None:
            if self.reader == "search":
                self._total = search_pages.total(session, self.filters)
            else:
                self._total = key_ranges.total(session, self.filters, self.ranges)
        return self._total


def default_sort(filters: PositionFilters, sort: PositionSort | None) -> PositionSort:
    """`sort` as asked, else relevance for a search and newest first otherwise; relevance needs `q`."""
    if sort is None:
        return "relevance" if filters.q else "-date"
    if sort == "relevance" and not filters.q:
        raise invalid_parameter(
            "sort", "relevance orders search results: give q too, or sort by date or -date", value=sort
        )
    return sort


def _maintained_facets(f: PositionFilters) -> dict[str, MaintainedFacet]:
    """Leaders of one topic's positions, and topics of one leader's, are kept counted in `position_count`."""
    found: dict[str, MaintainedFacet] = {}
    if f == PositionFilters(topic=f.topic) and len(f.topic) <= 1:
        found["leader"] = MaintainedFacet("topic_slug", "leader_slug", f.topic[0] if f.topic else "")
    if f == PositionFilters(leader=f.leader) and len(f.leader) <= 1:
        found["topic"] = MaintainedFacet("leader_slug", "topic_slug", f.leader[0] if f.leader else "")
    return found


def plan_list(session: Session, filters: PositionFilters, sort: PositionSort | None = None) -> ListPlan:
    """The plan for listing the positions that match (validated) `filters` in `sort` order."""
    chosen = default_sort(filters, sort)
    ranges = None if filters.q else key_ranges.key_plan(session, filters)
    reader: Reader = "search" if filters.q else "ranges" if ranges is not None else "scan"
    return ListPlan(filters, chosen, reader, ranges, _maintained_facets(filters))
