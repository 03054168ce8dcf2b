"""Writing the seed data: one transaction, idempotent (loading twice changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from app.curation import history
from app.dataset import versions
from app.ingest.seed_files import AnnotatedDocument, PositionRow, SeedData, SeedError, read_seed
from app.ingest.span_matching import overlapping, pair_by_span
from app.models import Document, Event, Leader, Position, Topic, related

CURATED = "curated"


SEED = "seed"


@dataclass
class SeedReport:
    topics: int = 0
    leaders: int = 0
    documents_added: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    positions_written: int = 0  # added or updated
    positions_unchanged: int = 0
    positions_removed: int = 0
    kept: list[str] = field(default_factory=list)  # curation that disagrees with the files, kept

    def summary(self) -> str:
        out = (
            f"topics {self.topics}, leaders {self.leaders}; documents added {self.documents_added}, "
            f"updated {self.documents_updated}, unchanged {self.documents_unchanged}; "
            f"positions written {self.positions_written}, unchanged {self.positions_unchanged}, "
            f"removed {self.positions_removed}"
        )
        if self.kept:
            out += f"; kept {len(self.kept)} curated change(s) the seed files disagree with (--force overwrites):"
            out += "".join(f"\n  {line}" for line in self.kept)
        return out


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


def _row_state(r: PositionRow) -> dict[str, Any]:
    return {
        "speakers": sorted(r.speakers),
        "topics": sorted(r.topics),
        "act": r.act,
        "method": CURATED,
        "confidence": 1.0,
        "reviewed": True,
    }


def _span(x: Position | PositionRow) -> tuple[int, int]:
    return (x.start, x.end)


def _speakers(x: Position | PositionRow) -> frozenset[str]:
    return frozenset(x.speakers) if isinstance(x, PositionRow) else frozenset(s.slug for s in x.speakers)


def _described(state: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in state.items() if k in ("speakers", "topics", "act"))


class _Writer:
    """Writes one seed document's rows, in place wherever a stored position has the file row's span."""

    def __init__(self, session: Session, report: SeedReport, force: bool) -> None:
        self.session, self.report, self.force = session, report, force
        self.actor = "seed --force" if force else SEED

    def _seed_owned(self, positions: list[Position]) -> set[int]:
        """Positions whose current state the seed wrote itself (or the annotator, unreviewed): the seed may
        change them. A reviewed position last changed by anyone else (or with no history) is curation."""
        actors = history.last_actor(self.session, "position", [p.id for p in positions if p.id is not None])
        return {
            p.id
            for p in positions
            if p.id is not None and (not p.reviewed or actors.get(p.id, "") in (SEED, "seed --force"))
        }

    def _position(self, doc: AnnotatedDocument, r: PositionRow) -> Position:
        return Position(
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
            speakers=[self.session.get_one(Leader, s) for s in r.speakers],
            topics=[self.session.get_one(Topic, t) for t in r.topics],
        )

    def positions(self, doc: AnnotatedDocument, stored: Document) -> bool:
        """Bring the stored positions in line with the file's; True if anything was written."""
        session, report = self.session, self.report
        existing = list(stored.positions)
        pairing = pair_by_span(existing, list(doc.positions), _span, _speakers)
        owned = self._seed_owned(existing)
        wrote = False
        for old, row in pairing.pairs:
            assert old.id is not None
            before, wanted = history.position_state(old), _row_state(row)
            if before == wanted:
                report.positions_unchanged += 1
                continue
            if old.id not in owned and not self.force:
                report.kept.append(
                    f"position {old.id} ({doc.id} [{old.start}, {old.end})): kept {_described(before)}; "
                    f"the seed files say {_described(wanted)}"
                )
                continue
            old.speakers = [session.get_one(Leader, s) for s in row.speakers]
            old.topics = [session.get_one(Topic, t) for t in row.topics]
            old.act, old.method, old.confidence, old.reviewed = row.act, CURATED, 1.0, True
            session.add(old)
            history.record(
                session, "position", old.id, "edited", actor=self.actor, changes=history.diff(before, wanted)
            )
            report.positions_written += 1
            wrote = True
        added = [self._position(doc, row) for row in pairing.found_only]
        for position in added:
            stored.positions.append(position)
        session.flush()
        for position in added:
            assert position.id is not None
            history.record(session, "position", position.id, "created", actor=self.actor)
            report.positions_written += 1
            wrote = True
        gone = [p for p in pairing.stored_only if p.method == CURATED]  # the annotator's own are left alone
        spans = [(p.start, p.end, p.id or 0) for p in stored.positions if p not in gone]
        for old in gone:
            assert old.id is not None
            if old.id not in owned and not self.force:
                report.kept.append(
                    f"position {old.id} ({doc.id} [{old.start}, {old.end})): kept; the seed files no longer have it"
                )
                continue
            history.bury(
                session,
                "position",
                old.id,
                actor=self.actor,
                replaced_by=overlapping(old.start, old.end, spans),
                reason="removed from the seed files",
            )
            stored.positions.remove(old)
            report.positions_removed += 1
            wrote = True
        session.flush()
        return wrote

    def document(self, doc: AnnotatedDocument) -> None:
        session, report = self.session, self.report
        stored = session.exec(
            select(Document)
            .where(Document.id == doc.id)
            .options(
                selectinload(related(Document.positions)).selectinload(related(Position.speakers)),
                selectinload(related(Document.positions)).selectinload(related(Position.topics)),
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
        if stored is None:
            stone = history.tombstone(session, "document", doc.id)
            if stone is not None and not self.force:
                report.kept.append(f"document {doc.id}: deleted at {stone.deleted_at:%Y-%m-%d %H:%M}; not re-added")
                return
            if stone is not None:
                session.delete(stone)
        event = session.get(Event, doc.event_id) or Event(
            id=doc.event_id, kind=doc.event_kind, date=doc.event_date, title=doc.event_title
        )
        event.kind, event.date, event.title = doc.event_kind, doc.event_date, doc.event_title
        event.participants = [session.get_one(Leader, slug) for slug in doc.participants]
        session.add(event)
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
            session.add(stored)
            session.flush()
            history.record(session, "document", doc.id, "created", actor=self.actor)
            self.positions(doc, stored)
            report.documents_added += 1
            return
        for p in stored.positions:  # the date is copied onto positions; keep the copy true
            if p.date != doc.event_date:
                p.date = doc.event_date
        metadata = (doc.title, doc.source, doc.url, doc.language, doc.event_id)
        changed = (stored.title, stored.source, stored.url, stored.language, stored.event_id) != metadata
        stored.title, stored.source, stored.url, stored.language, stored.event_id = metadata
        session.add(stored)
        wrote = self.positions(doc, stored)
        if changed:
            history.record(session, "document", doc.id, "edited", actor=self.actor)
        if changed or wrote:
            report.documents_updated += 1
        else:
            report.documents_unchanged += 1


def seed(session: Session, data_dir: Path, *, force: bool = False) -> SeedReport:
    """Validate everything under `data_dir`, then write it in one transaction.

    Positions are updated in place (their ids survive) wherever the files keep their span. A curated
    change made after the seed wrote a position (a PATCH, a deletion) wins over the files: it is kept
    and listed in the report's `kept`. `force=True` makes the files win."""
    data = read_seed(data_dir)
    report = SeedReport(topics=len(data.topics), leaders=len(data.leaders))
    writer = _Writer(session, report, force)
    try:
        _upsert_vocabulary(session, data)
        for doc in data.documents:
            writer.document(doc)
        versions.commit(session, "seed" + (" --force" if force else ""))
    except BaseException:
        session.rollback()
        versions.discard(session)
        raise
    return report
