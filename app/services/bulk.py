"""Bulk ingest of pre-annotated readouts: thousands of documents per transaction, through Core inserts.

`app.services.ingest.ingest` stores one document per transaction through the ORM, which is right for
the API (one request, one readout) but costs ~1 ms of Python per row. Here a batch of documents is
resolved in memory (participants, events, ids, duplicates) and written with one executemany per
table, so a corpus loads at thousands of documents a second. Only pre-annotated documents come this
way: annotating is the slow part, and it stays with `ingest`.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, insert, select, text
from sqlmodel import Session

from app.annotate import Annotation
from app.errors import ApiError
from app.models import (Document, Event, EventParticipant, Leader, Position, PositionSpeaker, PositionTopic, Topic,
                        utcnow)
from app.schemas import DocumentIn
from app.services.annotation import LeaderIndex, new_leader
from app.annotate import Participant
from app.services.ingest import check_text, sha256_of
from app.services.readout_metadata import default_title, find_date, guess_kind, slugify

BATCH_SIZE = 2000


@dataclass
class BulkReport:
    """What a bulk load did: rows written, documents skipped as duplicates or refused (index: reason)."""

    documents: int = 0
    positions: int = 0
    duplicates: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass
class _Plan:
    """One batch's rows, ready to insert."""

    leaders: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    speakers: list[list[str]] = field(default_factory=list)  # per position, in the order of `positions`
    topics: list[list[str]] = field(default_factory=list)


class BulkLoader:
    """Keeps the registry, vocabulary and known ids in memory across batches of one load."""

    def __init__(self, session: Session, method: str = "curated") -> None:
        self.session = session
        self.method = method
        self.index = LeaderIndex.load(session)
        self.taken = {le.slug for le in self.index.leaders}
        self.vocabulary = set(session.exec(select(Topic.slug)).all())
        self.events: dict[str, frozenset[str]] = {}  # event id -> participant slugs, for events seen so far

    # --- resolving ----------------------------------------------------------------------------------

    def _leader(self, name: str, plan: _Plan) -> Leader:
        leader = self.index.find(name)
        if leader is None:
            leader = new_leader(Participant(name=name.strip()), self.taken)
            self.index = LeaderIndex([*self.index.leaders, leader])
            plan.leaders.append({"slug": leader.slug, "name": leader.name, "office": leader.office,
                                 "country": leader.country, "gender": leader.gender, "aliases": leader.aliases})
        return leader

    def _load_events(self, ids: set[str]) -> None:
        unknown = [i for i in ids if i not in self.events]
        if not unknown:
            return
        rows = self.session.exec(select(EventParticipant.event_id, EventParticipant.leader_slug)  # type: ignore[call-overload]
                                 .where(EventParticipant.event_id.in_(unknown))).all()
        found: dict[str, set[str]] = {}
        for event_id, slug in rows:
            found.setdefault(event_id, set()).add(slug)
        for event_id in self.session.exec(select(Event.id).where(Event.id.in_(unknown))).all():  # type: ignore[attr-defined]
            self.events[event_id] = frozenset(found.get(event_id, ()))

    def _event(self, base: str, slugs: frozenset[str], kind: str, date: dt.date, names: list[str],
               plan: _Plan) -> str:
        """The event of these participants, kind and date (the same ids `ingest` makes), created when new."""
        event_id, n = base, 2
        while event_id in self.events and self.events[event_id] != slugs:
            event_id, n = f"{base}-{n}", n + 1
            self._load_events({event_id})
        if event_id not in self.events:
            self.events[event_id] = slugs
            title = f"{kind.capitalize()}: {' and '.join(names)}" if names else kind.capitalize()
            plan.events.append({"id": event_id, "kind": kind, "date": date, "title": title})
            plan.participants.extend({"event_id": event_id, "leader_slug": s} for s in sorted(slugs))
        return event_id

    def _plan(self, batch: list[tuple[int, DocumentIn, Annotation]], report: BulkReport) -> _Plan:
        plan = _Plan()
        hashes = {i: sha256_of(p.text) for i, p, _ in batch if _encodable(p.text)}
        stored = set(self.session.exec(select(Document.sha256).where(Document.sha256.in_(set(hashes.values())))).all())  # type: ignore[attr-defined]
        # Event and document ids are derived; fetch the ones this batch may collide with in two queries.
        prepared = []
        for i, payload, given in batch:
            try:
                check_text(payload.text)
            except ApiError as exc:
                report.errors.append((i, exc.detail))
                continue
            if hashes[i] in stored:
                report.duplicates += 1
                continue
            stored.add(hashes[i])
            prepared.append((i, payload, given))
        bases: dict[int, tuple[str, str, dt.date, str, list[Leader]]] = {}
        for i, payload, given in prepared:
            names = payload.participants or [p.name for p in given.participants]
            if not names:
                report.errors.append((i, "participants: required with pre-annotated positions"))
                continue
            date = payload.date or find_date(payload.title or "", payload.text)
            if date is None:
                report.errors.append((i, "date: required, the text names no full date"))
                continue
            kind = payload.kind or guess_kind(payload.text)
            leaders = list({le.slug: le for le in (self._leader(n, plan) for n in names)}.values())
            surnames = "-".join(slugify(le.name.split()[-1]) for le in sorted(leaders, key=lambda le: le.slug))
            bases[i] = (f"{surnames}-{slugify(kind)}-{date.isoformat()}", kind, date, surnames, leaders)
        self._load_events({b[0] for b in bases.values()})
        doc_bases = {p.id or self._doc_base(bases[i], p) for i, p, _ in prepared if i in bases}
        taken_docs = set(self.session.exec(select(Document.id).where(Document.id.in_(doc_bases))).all())  # type: ignore[attr-defined]
        now = utcnow()
        for i, payload, given in prepared:
            if i not in bases:
                continue
            base, kind, date, _surnames, leaders = bases[i]
            spans = _check_spans(payload.text, given, leaders)
            if isinstance(spans, str):
                report.errors.append((i, spans))
                continue
            event_id = self._event(base, frozenset(le.slug for le in leaders), kind, date,
                                   [le.name for le in leaders], plan)
            doc_id = payload.id or self._doc_base(bases[i], payload)
            if payload.id and doc_id in taken_docs:
                report.errors.append((i, f"id: a document with id {doc_id!r} exists already"))
                continue
            unique, n = doc_id, 2
            while unique in taken_docs:
                unique, n = f"{doc_id}-{n}", n + 1
            taken_docs.add(unique)
            plan.documents.append({"id": unique, "event_id": event_id, "title": payload.title or default_title(payload.text),
                                   "source": payload.source, "url": payload.url, "language": payload.language,
                                   "text": payload.text, "sha256": hashes[i], "created_at": now})
            for found, speakers in spans:
                plan.positions.append({"document_id": unique, "event_id": event_id, "date": date,
                                       "start": found.start, "end": found.end, "text": payload.text[found.start:found.end],
                                       "act": found.act, "method": self.method,
                                       "confidence": 1.0 if self.method == "curated" else round(found.confidence, 4),
                                       "reviewed": self.method == "curated", "created_at": now})
                plan.speakers.append(speakers)
                plan.topics.append([t for t in dict.fromkeys(found.topics) if t in self.vocabulary])
        return plan

    @staticmethod
    def _doc_base(base: tuple[str, str, dt.date, str, list[Leader]], payload: DocumentIn) -> str:
        _, _, date, _, leaders = base
        doc = f"{'-'.join(slugify(le.name.split()[-1]) for le in leaders) or 'readout'}-{date.isoformat()}"
        return doc + ("-" + slugify(payload.source, 30) if payload.source else "")

    # --- writing ------------------------------------------------------------------------------------

    def write(self, plan: _Plan) -> int:
        """Insert one batch in one transaction; returns the number of positions written."""
        conn = self.session.connection()
        for table, rows in ((Leader, plan.leaders), (Event, plan.events), (EventParticipant, plan.participants),
                            (Document, plan.documents)):
            if rows:
                conn.execute(insert(table.__table__), rows)  # type: ignore[attr-defined]
        if plan.positions:
            ids = _allocate_ids(conn, len(plan.positions))
            for pid, row in zip(ids, plan.positions):
                row["id"] = pid
            conn.execute(insert(Position.__table__), plan.positions)  # type: ignore[attr-defined]
            speakers = [{"position_id": pid, "leader_slug": s} for pid, ss in zip(ids, plan.speakers) for s in ss]
            topics = [{"position_id": pid, "topic_slug": t} for pid, ts in zip(ids, plan.topics) for t in ts]
            if speakers:
                conn.execute(insert(PositionSpeaker.__table__), speakers)  # type: ignore[attr-defined]
            if topics:
                conn.execute(insert(PositionTopic.__table__), topics)  # type: ignore[attr-defined]
        self.session.commit()
        return len(plan.positions)


def _allocate_ids(conn: Connection, n: int) -> list[int]:
    """`n` fresh position ids, in reading order (ids order positions within a date).

    Explicit ids let one executemany write the positions and their link rows; RETURNING would
    cost a statement per row on SQLite. On SQLite the batch already holds the write lock (documents
    went first), so max(id) cannot move under us; PostgreSQL draws from the column's sequence.
    """
    if conn.dialect.name == "postgresql":
        stmt = text("SELECT nextval(pg_get_serial_sequence('position', 'id')) FROM generate_series(1, :n)")
        return sorted(conn.execute(stmt, {"n": n}).scalars())
    first = conn.execute(text("SELECT coalesce(max(id), 0) + 1 FROM position")).scalar_one()
    return list(range(first, first + n))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _check_spans(text: str, given: Annotation, leaders: list[Leader]) -> list[tuple[Any, list[str]]] | str:
    """Each position with its speakers' slugs, or the reason the document is refused."""
    by_name = {key.casefold(): le.slug for le in leaders for key in (le.slug, le.name, *le.aliases)}
    out = []
    for k, found in enumerate(given.positions):
        if not 0 <= found.start < found.end <= len(text):
            return f"positions[{k}]: span [{found.start}, {found.end}) is not inside the text"
        span = text[found.start:found.end]
        if span != span.strip():
            return f"positions[{k}]: span has leading or trailing whitespace"
        slugs = []
        for name in found.speakers:
            slug = by_name.get(name.casefold())
            if slug is None:
                return f"positions[{k}]: speaker {name!r} is not one of the participants"
            if slug not in slugs:
                slugs.append(slug)
        if slugs:
            out.append((found, slugs))
    return out


def _batches(items: Iterable[tuple[DocumentIn, Annotation]], size: int) -> Iterator[list[tuple[int, DocumentIn, Annotation]]]:
    numbered = ((i, p, a) for i, (p, a) in enumerate(items))
    while batch := list(islice(numbered, size)):
        yield batch


def bulk_ingest(session: Session, items: Iterable[tuple[DocumentIn, Annotation]], method: str = "curated",
                batch_size: int = BATCH_SIZE, progress: Callable[[BulkReport], None] | None = None) -> BulkReport:
    """Store pre-annotated documents `batch_size` per transaction; duplicates (same text) are skipped and
    invalid documents reported by their index, never half-written."""
    loader = BulkLoader(session, method)
    report = BulkReport()
    for batch in _batches(items, batch_size):
        # Only resolving and writing count towards the rate, not producing the input.
        started = time.perf_counter()
        plan = loader._plan(batch, report)
        report.positions += loader.write(plan)
        report.documents += len(plan.documents)
        report.seconds += time.perf_counter() - started
        if progress:
            progress(report)
    return report
