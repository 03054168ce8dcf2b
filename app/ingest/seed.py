"""Writing the seed data: one transaction, idempotent (loading twice changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.ingest.seed_files import AnnotatedDocument, PositionRow, SeedData, SeedError, read_seed
from app.models import Document, Event, Leader, Position, Topic

CURATED = "curated"


@dataclass
class SeedReport:
    topics: int = 0
    leaders: int = 0
    documents_added: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    positions_written: int = 0

    def summary(self) -> str:
        return (
            f"topics {self.topics}, leaders {self.leaders}; documents added {self.documents_added}, "
            f"updated {self.documents_updated}, unchanged {self.documents_unchanged}; "
            f"positions written {self.positions_written}"
        )


def _upsert_vocabulary(session: Session, data: SeedData) -> None:
    for t in data.topics:
        topic = session.get(Topic, t.slug) or Topic(slug=t.slug, name=t.name)
        topic.name, topic.description, topic.headline, topic.keywords = (
            t.name,
            t.description,
            t.headline,
            list(t.keywords),
        )
        session.add(topic)
    for le in data.leaders:
        leader = session.get(Leader, le.slug) or Leader(slug=le.slug, name=le.name)
        leader.name, leader.office, leader.country, leader.gender = le.name, le.office, le.country, le.gender
        leader.aliases = list(le.aliases)
        session.add(leader)
    session.flush()


def _stored_rows(document: Document) -> set[tuple[int, int, tuple[str, ...], tuple[str, ...], str | None]]:
    return {
        (p.start, p.end, tuple(sorted(s.slug for s in p.speakers)), tuple(sorted(t.slug for t in p.topics)), p.act)
        for p in document.positions
        if p.method == CURATED
    }


def _row_key(r: PositionRow) -> tuple[int, int, tuple[str, ...], tuple[str, ...], str | None]:
    return (r.start, r.end, r.speakers, r.topics, r.act)


def _write_document(session: Session, doc: AnnotatedDocument, report: SeedReport) -> None:
    event = session.get(Event, doc.event_id) or Event(
        id=doc.event_id, kind=doc.event_kind, date=doc.event_date, title=doc.event_title
    )
    event.kind, event.date, event.title = doc.event_kind, doc.event_date, doc.event_title
    event.participants = [session.get_one(Leader, slug) for slug in doc.participants]
    session.add(event)

    stored = session.exec(
        select(Document)
        .where(Document.id == doc.id)
        .options(
            selectinload(Document.positions).selectinload(Position.speakers),  # type: ignore[arg-type]
            selectinload(Document.positions).selectinload(Position.topics),  # type: ignore[arg-type]
        )
    ).first()
    same_text = session.exec(select(Document.id).where(Document.sha256 == doc.sha256)).first()
    if same_text is not None and same_text != doc.id:
        raise SeedError(f"document {doc.id!r}: its text is already stored as document {same_text!r}")
    if stored is not None and stored.sha256 != doc.sha256:
        raise SeedError(
            f"document {doc.id!r}: stored with a different text (sha256 {stored.sha256[:12]}…); "
            "positions index the stored text, so delete the document before seeding a new text"
        )
    if stored is not None:
        for p in stored.positions:  # the date is copied onto positions; keep the copy true
            if p.date != doc.event_date:
                p.date = doc.event_date
    if stored is None:
        stored = Document(
            id=doc.id,
            event_id=doc.event_id,
            title=doc.title,
            source=doc.source,
            url=doc.url,
            language=doc.language,
            text=doc.text,
            sha256=doc.sha256,
        )
        report.documents_added += 1
    elif _stored_rows(stored) == {_row_key(r) for r in doc.positions} and (
        stored.title,
        stored.source,
        stored.url,
        stored.language,
        stored.event_id,
    ) == (doc.title, doc.source, doc.url, doc.language, doc.event_id):
        report.documents_unchanged += 1
        return
    else:
        report.documents_updated += 1
        for p in [p for p in stored.positions if p.method == CURATED]:
            stored.positions.remove(p)
    stored.title, stored.source, stored.url, stored.language, stored.event_id = (
        doc.title,
        doc.source,
        doc.url,
        doc.language,
        doc.event_id,
    )
    session.add(stored)
    session.flush()
    for r in doc.positions:
        stored.positions.append(
            Position(
                document_id=doc.id,
                event_id=doc.event_id,
                date=doc.event_date,
                start=r.start,
                end=r.end,
                text=doc.text[r.start : r.end],
                act=r.act,
                method=CURATED,
                confidence=1.0,
                reviewed=True,
                speakers=[session.get_one(Leader, s) for s in r.speakers],
                topics=[session.get_one(Topic, t) for t in r.topics],
            )
        )
        report.positions_written += 1
    session.flush()


def seed(session: Session, data_dir: Path) -> SeedReport:
    """Validate everything under `data_dir`, then write it in one transaction."""
    data = read_seed(data_dir)
    report = SeedReport(topics=len(data.topics), leaders=len(data.leaders))
    try:
        _upsert_vocabulary(session, data)
        for doc in data.documents:
            _write_document(session, doc, report)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return report
