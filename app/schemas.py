"""API shapes: what clients receive. Tables live in `app/models.py`; these are their public views."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, field_validator

T = TypeVar("T")


def _iso_date(value: object) -> object:
    # Pydantic would also read "0" or "1700000000" as Unix timestamps; a date here is YYYY-MM-DD only.
    if isinstance(value, str) and not (len(value) == 10 and value[4] == "-" and value[7] == "-"):
        raise ValueError("must be a date as YYYY-MM-DD")
    if isinstance(value, (int, float)):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

Act = Literal["assert", "commit", "call", "support", "oppose", "agree"]
ACTS: tuple[str, ...] = ("assert", "commit", "call", "support", "oppose", "agree")
EVENT_KINDS = ("phone call", "video call", "meeting", "joint statement")
EventKind = Literal["phone call", "video call", "meeting", "joint statement"]
# Provenance methods: hand annotation, or the annotator with its version ("annotator/0.2").
METHOD_PATTERN = r"^(curated|annotator/[0-9]+(\.[0-9]+)*)$"


class Page(BaseModel, Generic[T]):
    """One page of a list. `next` is the URL of the following page, or null on the last one."""

    items: list[T]
    total: int = Field(description="Number of items matching the filters, across all pages (see `total_kind`).")
    total_kind: Literal["exact", "estimate", "lower_bound"] = Field(
        default="exact",
        description=(
            "`exact`: `total` is the number of matches. On large position lists whose count would cost more than "
            "the page: `estimate` (scaled from the share of matches in the newest rows of a maintained count) or "
            "`lower_bound` (at least `total` match)."
        ),
    )
    limit: int
    next: str | None


class ListLinks(BaseModel):
    """Where a leader or topic lives, and its positions."""

    self: str = Field(description="This resource (a path).")
    positions: str = Field(description="Its positions (a path).")


class DocumentLinks(ListLinks):
    event: str = Field(description="The event the readout reports (a path).")


class PositionLinks(BaseModel):
    self: str = Field(description="This position (a path).")
    permalink: str = Field(description="This position as an absolute URL (host from PUBLIC_URL, else the request's).")
    document: str = Field(description="The readout it comes from (a path).")
    event: str = Field(description="The event that readout reports (a path).")


class LeaderRef(BaseModel):
    slug: str
    name: str


class LeaderPublic(LeaderRef):
    office: str | None
    country: str | None
    gender: str | None
    aliases: list[str]
    position_count: int
    links: ListLinks


class TopicPublic(BaseModel):
    slug: str
    name: str
    description: str
    headline: bool
    keywords: list[str]
    position_count: int
    links: ListLinks


class LeaderCount(LeaderRef):
    count: int


class TopicDetail(TopicPublic):
    leaders: list[LeaderCount] = Field(description="Positions on this topic per speaker, most first.")


class EventSummary(BaseModel):
    id: str
    kind: EventKind
    date: dt.date
    title: str
    participants: list[LeaderRef]
    links: ListLinks


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
    rank: float | None = Field(description="Search relevance (BM25, higher is better); null without q.")
    highlight: str | None = Field(
        description="A snippet of the title or text with the words matching q in <mark>…</mark>; null without q.",
    )
    links: DocumentLinks


class EventDetail(EventSummary):
    documents: list[DocumentSummary]


class DocumentDetail(DocumentSummary):
    text: str = Field(description="The document exactly as received; position offsets index it in code points.")
    event: EventSummary
    participants: list[LeaderRef]


class Provenance(BaseModel):
    method: str = Field(
        description="`curated` for hand annotation, or `annotator/` and the annotator's version (`annotator/0.2`).",
        json_schema_extra={"pattern": METHOD_PATTERN, "examples": ["curated", "annotator/0.2"]},
    )
    confidence: float = Field(ge=0, le=1)
    reviewed: bool


class PositionSpan(BaseModel):
    """What the annotator or a curator says of one sentence: span, speakers, topics, act, provenance."""

    start: int
    end: int
    text: str
    speakers: list[LeaderRef]
    topics: list[str]
    act: Act | None
    provenance: Provenance


class PositionKey(BaseModel):
    """Where a stored position lives."""

    id: int
    document_id: str
    event_id: str
    date: dt.date


class PositionPublic(PositionSpan, PositionKey):
    """A stated position: `text` equals the document text sliced at [start, end) in code points."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 12,
                    "document_id": "xi-putin-2021-08-25",
                    "event_id": "xi-putin-phone-call-2021-08-25",
                    "date": "2021-08-25",
                    "start": 3023,
                    "end": 3289,
                    "text": "Putin said his country pursues the one-China policy, …",
                    "speakers": [{"slug": "vladimir-putin", "name": "Vladimir Putin"}],
                    "topics": ["taiwan", "hong-kong", "xinjiang", "south-china-sea"],
                    "act": "support",
                    "provenance": {"method": "curated", "confidence": 1.0, "reviewed": True},
                    "cite": (
                        "Vladimir Putin, Phone call between Xi Jinping and Vladimir Putin (phone call, 2021-08-25): "
                        "“Putin said …” In: China, Russia to … https://summit.example.org/v1/positions/12"
                    ),
                    "rank": None,
                    "highlight": None,
                    "links": {
                        "self": "/v1/positions/12",
                        "permalink": "https://summit.example.org/v1/positions/12",
                        "document": "/v1/documents/xi-putin-2021-08-25",
                        "event": "/v1/events/xi-putin-phone-call-2021-08-25",
                    },
                }
            ]
        }
    )

    cite: str = Field(description="A citation: speakers, event, date, the sentence, the source and the permalink.")
    rank: float | None = Field(
        description=(
            "Search relevance (BM25, higher is better); null without q. When a search matches more than 2,000 "
            "positions, sort=relevance ranks the newest 2,000 matches and lists the older ones after them, newest "
            "first, with rank null."
        ),
    )
    highlight: str | None = Field(description="`text` with the words matching q in <mark>…</mark>; null without q.")
    links: PositionLinks


class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]
    schema_revision: str | None
    documents: int
    positions: int


# --- Research queries: facets, timelines, comparisons ------------------------------------------


class FacetCount(BaseModel):
    value: str
    count: int


class PositionPage(Page[PositionPublic]):
    """A page of positions; `facets` holds counts per value over all matches when `facets=` was asked."""

    facets: dict[str, list[FacetCount]] | None = Field(
        default=None,
        examples=[{"topic": [{"value": "bilateral-relations", "count": 11}, {"value": "afghanistan", "count": 6}]}],
    )
    facets_kind: dict[str, Literal["exact", "estimate"]] | None = Field(
        default=None,
        description=(
            "Per facet: `exact` counts, or an `estimate` scaled from a systematic sample of about 2,000 of the "
            "matches, for lists of more than 5,000 positions whose counts are not maintained."
        ),
        examples=[{"topic": "exact"}],
    )


class TimelineBucket(BaseModel):
    period: str = Field(description="YYYY-MM (interval=month) or YYYY (interval=year).")
    speaker: LeaderRef
    count: int
    first: dt.date
    last: dt.date
    position_ids: list[int]


class AppliedFilters(BaseModel):
    """The position filters an aggregate was computed under, as resolved (slugs, stored country spellings)."""

    topic: list[str] = Field(default_factory=list)
    leader: list[str] = Field(default_factory=list)
    country: list[str] = Field(default_factory=list)
    act: list[str] = Field(default_factory=list)
    document: list[str] = Field(default_factory=list)
    event: list[str] = Field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    min_confidence: float | None = None


class Timeline(BaseModel):
    interval: Literal["month", "year"]
    topic: str | None = Field(
        description="The topic of the path or of the one `topic` filter; null for several or none."
    )
    leader: str | None = Field(
        description="The leader of the path or of the one `leader` filter; null for several or none."
    )
    filters: AppliedFilters = Field(
        default_factory=AppliedFilters, description="Every filter applied, the path's included."
    )
    buckets: list[TimelineBucket] = Field(
        description=(
            "Oldest period first; within it, by speaker. A joint position counts in the bucket of each of its "
            "speakers, so the counts of one period can add up to more than the positions in it."
        )
    )


class ComparedLeader(BaseModel):
    leader: LeaderRef
    count: int = Field(description="Matching positions of this leader (alone or jointly).")
    positions: list[PositionPublic] = Field(description="The first `limit` of them, oldest first.")
    topics: list[FacetCount] = Field(description="Topics of those positions, most first.")
    acts: list[FacetCount]


class Comparison(BaseModel):
    topics: list[str] = Field(description="The topics compared on (empty: all).")
    leaders: list[ComparedLeader]
    shared_topics: list[str] = Field(description="Topics every compared leader has a matching position on.")
    joint: list[PositionPublic] = Field(description="Positions stated jointly by at least two compared leaders.")


class DocumentRef(BaseModel):
    id: str
    title: str
    source: str | None


class ReadoutCoverage(BaseModel):
    document_id: str
    positions: list[PositionPublic]


class TopicCoverage(BaseModel):
    topic: str
    name: str
    documents: list[ReadoutCoverage] = Field(description="The readouts that report a position on this topic.")
    missing_from: list[str] = Field(description="Ids of the readouts that leave the topic out.")


class EventComparison(BaseModel):
    event: EventSummary
    documents: list[DocumentRef]
    topics: list[TopicCoverage] = Field(description="Every topic any readout mentions: covered by all first.")
    untagged: list[ReadoutCoverage] = Field(description="Positions with no topic, per readout.")


# --- Write side ---------------------------------------------------------------------------


def _storable(value: object) -> object:
    """Strings must be storable as UTF-8 text: no lone surrogates (JSON allows "\\ud800"), no NUL."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            if "\x00" in item:
                raise ValueError("contains a NUL character")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("contains unpaired surrogate code points; send valid Unicode") from None
    return value


def optional_in_schema(schema: dict[str, Any]) -> None:
    """An optional body field's schema without its `default`: generators such as openapi-typescript make a
    field with a default required (as responses always carry it); the description says the default."""
    schema.pop("default", None)


class InputModel(BaseModel):
    """A request body: unknown fields are refused and every string must be storable."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _check_strings(cls, value: object) -> object:
        return _storable(value)


class DocumentIn(InputModel):
    """A readout to annotate (and, on POST /v1/documents, to store)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Xi said China supports the Afghan people. Putin said Russia agrees.",
                    "title": "Xi, Putin talk by phone",
                    "date": "2021-08-25",
                    "kind": "phone call",
                    "participants": ["xi-jinping", "Vladimir Putin"],
                }
            ]
        },
    )

    text: str = Field(min_length=1, description="The readout exactly as published; offsets will index it.")
    id: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=200,
        description="Document id (slug); made from participants and date when absent.",
    )
    title: str | None = Field(default=None, max_length=500)
    date: IsoDate | None = Field(
        default=None, description="Date of the communication; required unless `event` is given."
    )
    kind: EventKind | None = Field(default=None, description="Default: the event's kind, else `phone call`.")
    source: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    language: str = Field(
        default="en",
        min_length=2,
        max_length=20,
        description="Language tag of the text; default `en`.",
        json_schema_extra=optional_in_schema,
    )
    event: str | None = Field(default=None, max_length=200, description="Id of an existing event this readout reports.")
    participants: list[str] | None = Field(
        default=None, max_length=50, description="Leader names or slugs; inferred from the text when absent."
    )


class FoundPositionPublic(PositionSpan):
    """A position the annotator found (dry run: nothing stored)."""


class AnnotationPublic(BaseModel):
    participants: list[LeaderRef]
    positions: list[FoundPositionPublic]


# A write answers with at most this many positions inline: a readout of 19,000 sentences would otherwise
# answer with 20 MB; `links.positions` pages through all of them.
WRITE_POSITIONS_INLINE = 100


class DocumentWithPositions(DocumentDetail):
    positions: list[PositionPublic] = Field(
        description=(
            f"The positions found, in reading order: all of them, or for a readout with more than "
            f"{WRITE_POSITIONS_INLINE} the first {WRITE_POSITIONS_INLINE} (`positions_complete` is false; "
            "`links.positions` lists them all, `position_count` counts them)."
        )
    )
    positions_complete: bool = Field(
        default=True, description="False when `positions` holds only the first of `position_count` positions."
    )


class PositionPatch(InputModel):
    """A curator's correction; given fields replace the stored ones and mark the position reviewed."""

    speakers: list[str] | None = Field(default=None, min_length=1, max_length=50, description="Leader slugs.")
    topics: list[str] | None = Field(default=None, max_length=50, description="Topic slugs.")
    act: Act | None = None


class PositionIn(InputModel):
    """A position the annotator missed, added by a curator."""

    document_id: str = Field(max_length=200)
    # Strict types: bodies must carry the documented JSON types (no "12" for 12, no 0 for false).
    start: StrictInt = Field(ge=0)
    end: StrictInt = Field(ge=1)
    speakers: list[str] = Field(min_length=1, max_length=50, description="Leader slugs.")
    topics: list[str] = Field(default_factory=list, max_length=50)
    act: Act | None = None


class TopicIn(InputModel):
    """A new topic; its keywords take effect for the annotator at once."""

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(
        default="", max_length=2000, description="Default: empty.", json_schema_extra=optional_in_schema
    )
    headline: StrictBool = Field(
        default=False, description="A headline topic (default false).", json_schema_extra=optional_in_schema
    )
    keywords: list[str] = Field(default_factory=list, max_length=200)


class HistoryEntry(BaseModel):
    """One change to a position or document."""

    action: Literal["created", "annotated", "reviewed", "edited", "deleted"]
    at: dt.datetime
    version: int = Field(description="The dataset version this change made (see /v1/datasets/versions).")
    actor: str | None = Field(description="The API key's name, or `seed` / `cli` for the command line.")
    annotator: str | None = Field(description="The annotator version that ran, if one did.")
    changes: dict[str, Any] | None = Field(description="Changed fields as {field: [old, new]}, where recorded.")


class Deletion(BaseModel):
    deleted_at: dt.datetime
    version: int
    replaced_by: str | None = Field(description="Link to what replaced it, if anything did.")
    reason: str | None


class History(BaseModel):
    """Everything that happened to one position or document, oldest first."""

    resource: Literal["position", "document"]
    id: str
    state: Literal["live", "deleted"]
    deleted: Deletion | None
    items: list[HistoryEntry]
    links: dict[str, str | None]


class DatasetVersionPublic(BaseModel):
    version: int = Field(description="The data version after the write (the `X-Dataset-Version` header).")
    at: dt.datetime
    documents: int
    positions: int
    change: str


class DatasetVersions(BaseModel):
    current: int = Field(description="The data version now.")
    items: list[DatasetVersionPublic]
    next: str | None
