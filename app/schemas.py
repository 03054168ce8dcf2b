"""API shapes: what clients receive. Tables live in `app/models.py`; these are their public views."""
from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Act = Literal["assert", "commit", "call", "support", "oppose", "agree"]
ACTS: tuple[str, ...] = ("assert", "commit", "call", "support", "oppose", "agree")


class Page(BaseModel, Generic[T]):
    """One page of a list. `next` is the URL of the following page, or null on the last one."""

    items: list[T]
    total: int = Field(description="Number of items matching the filters, across all pages.")
    limit: int
    next: str | None


class LeaderRef(BaseModel):
    slug: str
    name: str


class LeaderPublic(LeaderRef):
    office: str | None
    country: str | None
    gender: str | None
    aliases: list[str]
    position_count: int
    links: dict[str, str]


class TopicPublic(BaseModel):
    slug: str
    name: str
    description: str
    headline: bool
    keywords: list[str]
    position_count: int
    links: dict[str, str]


class LeaderCount(LeaderRef):
    count: int


class TopicDetail(TopicPublic):
    leaders: list[LeaderCount] = Field(description="Positions on this topic per speaker, most first.")


class EventSummary(BaseModel):
    id: str
    kind: str
    date: dt.date
    title: str
    participants: list[LeaderRef]
    links: dict[str, str]


class DocumentSummary(BaseModel):
    id: str
    event_id: str
    date: dt.date
    title: str
    source: str | None
    url: str | None
    language: str
    sha256: str
    created_at: dt.datetime
    position_count: int
    links: dict[str, str]


class EventDetail(EventSummary):
    documents: list[DocumentSummary]


class DocumentDetail(DocumentSummary):
    text: str = Field(description="The document exactly as received; position offsets index it in code points.")
    event: EventSummary
    participants: list[LeaderRef]


class Provenance(BaseModel):
    method: str = Field(description="'curated' for hand annotation, or the annotator and its version.")
    confidence: float = Field(ge=0, le=1)
    reviewed: bool


class PositionPublic(BaseModel):
    """A stated position: `text` equals the document text sliced at [start, end) in code points."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 12, "document_id": "xi-putin-2021-08-25", "event_id": "xi-putin-phone-call-2021-08-25",
        "date": "2021-08-25", "start": 3023, "end": 3289,
        "text": "Putin said his country pursues the one-China policy, …",
        "speakers": [{"slug": "vladimir-putin", "name": "Vladimir Putin"}],
        "topics": ["taiwan", "hong-kong", "xinjiang", "south-china-sea"], "act": "support",
        "provenance": {"method": "curated", "confidence": 1.0, "reviewed": True},
        "links": {"self": "/v1/positions/12", "document": "/v1/documents/xi-putin-2021-08-25"},
    }]})

    id: int
    document_id: str
    event_id: str
    date: dt.date
    start: int
    end: int
    text: str
    speakers: list[LeaderRef]
    topics: list[str]
    act: str | None
    provenance: Provenance
    links: dict[str, str]


class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]
    schema_revision: str | None
    documents: int
    positions: int
