"""Reading events (one communication) and documents (one readout of an event)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import defer, selectinload
from sqlmodel import Session, col, select

from app.core.errors import invalid_parameter
from app.core.pagination import PageResult, SortOrder, fetch_page
from app.curation import history
from app.models import Document, Event, EventParticipant, Position, related
from app.positions import fulltext as search
from app.schemas import DocumentDetail, DocumentSummary, EventDetail, EventSummary, LeaderRef

EVENTS_BY_DATE = SortOrder("date", [(Event.date, False, dt.date.fromisoformat), (Event.id, False, str)])
DOCUMENTS_BY_ID = SortOrder("id", [(Document.id, False, str)])


def _event_conditions(leader: tuple[str, ...], kind: tuple[str, ...]) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if leader:
        participant_of = select(EventParticipant.event_id).where(col(EventParticipant.leader_slug).in_(leader))
        where.append(col(Event.id).in_(participant_of))
    if kind:
        where.append(col(Event.kind).in_(kind))
    return where


def count_events(session: Session, leader: tuple[str, ...] = (), kind: tuple[str, ...] = ()) -> int:
    return session.exec(select(func.count()).select_from(Event).where(*_event_conditions(leader, kind))).one()


def list_events(
    session: Session, limit: int, cursor: str | None, leader: tuple[str, ...] = (), kind: tuple[str, ...] = ()
) -> PageResult:
    stmt = select(Event).where(*_event_conditions(leader, kind)).options(selectinload(related(Event.participants)))
    return fetch_page(session, stmt, "events", EVENTS_BY_DATE, limit, cursor, key_of=lambda e: (e.date, e.id))


def get_event(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise history.missing(session, "event", event_id, "List events at /v1/events.")
    return event


DocumentSort = Literal["id", "relevance"]


@dataclass(frozen=True)
class DocumentHit:
    """A listed document, with its search rank (BM25, lower is better) and snippet when `q` was given."""

    document: Document
    rank: float | None = None
    highlight: str | None = None


def _document_conditions(session: Session, event: tuple[str, ...], q: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if event:
        where.append(col(Document.event_id).in_(event))
    if q:
        where.append(search.backend(session).document_ids(q))
    return where


def count_documents(session: Session, event: tuple[str, ...] = (), q: str | None = None) -> int:
    """How many documents match; `q` must already be prepared by `search.prepare`."""
    return session.exec(
        select(func.count()).select_from(Document).where(*_document_conditions(session, event, q))
    ).one()


def list_documents(
    session: Session,
    limit: int,
    cursor: str | None,
    event: tuple[str, ...] = (),
    q: str | None = None,
    sort: DocumentSort | None = None,
) -> PageResult:
    """One page of `DocumentHit`s; a search defaults to relevance order."""
    sort = sort or ("relevance" if q else "id")
    if sort == "relevance" and not q:
        raise invalid_parameter("sort", "relevance orders search results: give q too, or sort by id", value=sort)
    # The text is loaded only for the document detail: lists stay small.
    options = (selectinload(related(Document.event)), defer(related(Document.text)))
    if not q:
        listed = select(Document).where(*_document_conditions(session, event, None)).options(*options)
        page = fetch_page(session, listed, "documents", DOCUMENTS_BY_ID, limit, cursor, key_of=lambda d: (d.id,))
        return PageResult(rows=[DocumentHit(d) for d in page.rows], next_cursor=page.next_cursor)
    hits = search.backend(session).document_hits(q)
    stmt = (
        select(Document, hits.rank.label("rank"), hits.highlight.label("highlight"))
        .join(hits.join, hits.onclause)
        .where(hits.match, *_document_conditions(session, event, None))
        .options(*options)
    )
    order = (
        SortOrder("relevance", [(hits.rank, False, float), (Document.id, False, str)])
        if sort == "relevance"
        else DOCUMENTS_BY_ID
    )
    key_of = (lambda r: (r[1], r[0].id)) if sort == "relevance" else (lambda r: (r[0].id,))
    page = fetch_page(session, stmt, "documents", order, limit, cursor, key_of=key_of)
    return PageResult(rows=[DocumentHit(*row) for row in page.rows], next_cursor=page.next_cursor)


def get_document(session: Session, document_id: str) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise history.missing(session, "document", document_id, "List documents at /v1/documents.")
    return document


def document_positions(session: Session, document_id: str, limit: int | None = None) -> list[Position]:
    """The positions of one document in reading order (the first `limit` of them), speakers and topics loaded."""
    stmt = (
        select(Position)
        .where(Position.document_id == document_id)
        .options(selectinload(related(Position.speakers)), selectinload(related(Position.topics)))
        .order_by(col(Position.start), col(Position.id))
    )
    return list(session.exec(stmt.limit(limit) if limit is not None else stmt).all())


def position_counts(session: Session, document_ids: list[str]) -> dict[str, int]:
    rows = session.exec(
        select(Position.document_id, func.count())
        .where(col(Position.document_id).in_(document_ids))
        .group_by(Position.document_id)
    ).all()
    return dict(rows)


def event_summary(event: Event) -> EventSummary:
    return EventSummary(
        id=event.id,
        kind=event.kind,
        date=event.date,
        title=event.title,
        participants=[LeaderRef(slug=p.slug, name=p.name) for p in sorted(event.participants, key=lambda p: p.slug)],
        links={"self": f"/v1/events/{event.id}", "positions": f"/v1/positions?event={event.id}"},
    )


def document_summary(
    document: Document, count: int, rank: float | None = None, highlight: str | None = None
) -> DocumentSummary:
    return DocumentSummary(
        rank=search.relevance(rank),
        highlight=highlight,
        id=document.id,
        event_id=document.event_id,
        date=document.event.date,
        title=document.title,
        source=document.source,
        url=document.url,
        language=document.language,
        sha256=document.sha256,
        created_at=document.created_at,
        position_count=count,
        links={
            "self": f"/v1/documents/{document.id}",
            "positions": f"/v1/documents/{document.id}/positions",
            "event": f"/v1/events/{document.event_id}",
        },
    )


def event_detail(session: Session, event: Event) -> EventDetail:
    counts = position_counts(session, [d.id for d in event.documents])
    docs = [document_summary(d, counts.get(d.id, 0)) for d in sorted(event.documents, key=lambda d: d.id)]
    return EventDetail(**event_summary(event).model_dump(), documents=docs)


def document_detail(session: Session, document: Document) -> DocumentDetail:
    summary = document_summary(document, position_counts(session, [document.id]).get(document.id, 0))
    event = event_summary(document.event)
    return DocumentDetail(**summary.model_dump(), text=document.text, event=event, participants=event.participants)
