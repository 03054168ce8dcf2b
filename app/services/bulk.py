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

from sqlalchemy import Connection, insert, text
from sqlmodel import Session, select

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
        self._name_cache: dict[str, dict[str, str]] = {}
        self.doc_ids: set[str] = set()  # documents written by this load
        self._surnames: dict[str, str] = {}

    # --- resolving ----------------------------------------------------------------------------------

    def _names(self, leader: Leader) -> dict[str, str]:
        """Every casefolded name a position may give this leader as speaker, mapped to its slug."""
        names = self._name_cache.get(leader.slug)
        if names is None:
            names = {key.casefold(): leader.slug for key in (leader.slug, leader.name, *leader.aliases)}
            self._name_cache[leader.slug] = names
        return names

    def _stored_doc(self, doc_id: str) -> bool:
        return self.session.exec(select(Document.id).where(Document.id == doc_id)).first() is not None

    def _surname(self, leader: Leader) -> str:
        cached = self._surnames.get(leader.slug)
        if cached is None:
            cached = self._surnames[leader.slug] = slugify(leader.name.split()[-1])
        return cached

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
            surnames = "-".join(self._surname(le) for le in sorted(leaders, key=lambda le: le.slug))
            bases[i] = (f"{surnames}-{slugify(kind)}-{date.isoformat()}", kind, date, surnames, leaders)
        self._load_events({b[0] for b in bases.values()})
        doc_bases = {p.id or self._doc_base(bases[i], p) for i, p, _ in prepared if i in bases}
        taken_docs = set(self.session.exec(select(Document.id).where(Document.id.in_(doc_bases))).all())  # type: ignore[attr-defined]
        now = utcnow()
        for i, payload, given in prepared:
            if i not in bases:
                continue
            base, kind, date, _surnames, leaders = bases[i]
            by_name: dict[str, str] = {}
            for le in leaders:
                by_name.update(self._names(le))
            spans = _check_spans(payload.text, given, by_name)
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
            while unique in taken_docs or unique in self.doc_ids or (n > 2 and self._stored_doc(unique)):
                unique, n = f"{doc_id}-{n}", n + 1
            self.doc_ids.add(unique)
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

    def _doc_base(self, base: tuple[str, str, dt.date, str, list[Leader]], payload: DocumentIn) -> str:
        _, _, date, _, leaders = base
        doc = f"{'-'.join(self._surname(le) for le in leaders) or 'readout'}-{date.isoformat()}"
        return doc + ("-" + slugify(payload.source, 30) if payload.source else "")

    # --- writing ------------------------------------------------------------------------------------

    def write(self, plan: _Plan) -> int:
        """Insert one batch in one transaction; returns the number of positions written."""
        conn = self.session.connection()
        sqlite = conn.dialect.name == "sqlite"
        # Per-row key, count and version triggers (and SQLite's FTS ones) stand down for this transaction
        # (migration 0200); _derive() below fills the same tables set-wise before the commit.
        conn.execute(text("INSERT INTO bulk_load (id) VALUES (1)" if sqlite
                          else "SELECT set_config('summit.bulk_load', 'on', true)"))
        for table, rows in ((Leader, plan.leaders), (Event, plan.events), (EventParticipant, plan.participants),
                            (Document, plan.documents)):
            _insert(conn, table.__table__, rows)  # type: ignore[attr-defined]
        ids: list[int] = []
        if plan.positions:
            ids = _allocate_ids(conn, len(plan.positions))
            for pid, row in zip(ids, plan.positions):
                row["id"] = pid
            _insert(conn, Position.__table__, plan.positions)  # type: ignore[attr-defined]
            speakers = [{"position_id": pid, "leader_slug": s} for pid, ss in zip(ids, plan.speakers) for s in ss]
            topics = [{"position_id": pid, "topic_slug": t} for pid, ts in zip(ids, plan.topics) for t in ts]
            _insert(conn, PositionSpeaker.__table__, speakers)  # type: ignore[attr-defined]
            _insert(conn, PositionTopic.__table__, topics)  # type: ignore[attr-defined]
        _derive(conn, plan, ids)
        conn.execute(text("DELETE FROM bulk_load" if sqlite else "SELECT set_config('summit.bulk_load', 'off', true)"))
        self.session.commit()
        return len(plan.positions)


# What the stood-down triggers would have written, for one batch's positions ({ids}: the batch's ids).
# SQLite holds the write lock, so the batch's ids are one range; PostgreSQL's sequence may interleave
# other writers' ids, so there the batch names its ids.
_SQLITE_FTS = "INSERT INTO search_position (rowid, text) SELECT id, text FROM position WHERE id {ids}"
_DERIVED = [
    "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) "
    "SELECT t.topic_slug, '', p.date, p.id FROM position_topic t JOIN position p ON p.id = t.position_id "
    "WHERE t.position_id {ids} "
    "UNION ALL SELECT '', s.leader_slug, p.date, p.id FROM position_speaker s JOIN position p ON p.id = s.position_id "
    "WHERE s.position_id {ids} "
    "UNION ALL SELECT t.topic_slug, s.leader_slug, p.date, p.id FROM position_topic t "
    "JOIN position_speaker s ON s.position_id = t.position_id JOIN position p ON p.id = t.position_id "
    "WHERE t.position_id {ids}",
    "INSERT INTO position_count (topic_slug, leader_slug, n) SELECT topic_slug, leader_slug, count(*) "
    "FROM position_key WHERE position_id {ids} GROUP BY topic_slug, leader_slug "
    "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + excluded.n",
    "UPDATE position_count SET n = n + :n WHERE topic_slug = '' AND leader_slug = ''",
]
_IDS = {"sqlite": "BETWEEN :lo AND :hi", "postgresql": "= ANY(:ids)"}
_STATEMENTS = {dialect: [text(sql.replace("{ids}", ids))  # sql-identifiers-only
                         for sql in ([_SQLITE_FTS] if dialect == "sqlite" else []) + _DERIVED]
               for dialect, ids in _IDS.items()}


def _derive(conn: Connection, plan: _Plan, ids: list[int]) -> None:
    sqlite = conn.dialect.name == "sqlite"
    if plan.documents and sqlite:  # PostgreSQL's search indexes are expression indexes: nothing to write
        conn.execute(text("INSERT INTO search_document (document_id, title, text) VALUES (:id, :title, :text)"),
                     [{"id": d["id"], "title": d["title"], "text": d["text"]} for d in plan.documents])
    if ids:
        params = {"lo": ids[0], "hi": ids[-1]} if sqlite else {"ids": ids}
        for statement in _STATEMENTS[conn.dialect.name]:
            conn.execute(statement, {**params, "n": len(ids)})
    conn.execute(text("UPDATE data_version SET version = version + 1 WHERE id = 1"))


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """executemany straight to the driver: SQLAlchemy's per-row parameter handling would cost more than
    the insert itself. Values go through each column type's own bind processor, so they are stored
    exactly as the ORM stores them."""
    if not rows:
        return
    columns = list(rows[0])
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=columns)
    process = compiled._bind_processors  # the column types' converters (dates, datetimes, JSON)
    converters = [(c, _memo(process[c]) if c in process else None) for c in (compiled.positiontup or columns)]
    if compiled.positional:
        params: list[Any] = [tuple(f(r[c]) if f else r[c] for c, f in converters) for r in rows]
    else:
        params = [{c: f(r[c]) if f else r[c] for c, f in converters} for r in rows]
    conn.exec_driver_sql(compiled.string, params)


def _memo(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert` remembering its results: a batch repeats the same dates and timestamps thousands of times."""
    seen: dict[Any, Any] = {}

    def memo(value: Any) -> Any:
        if isinstance(value, (list, dict)):
            return convert(value)
        try:
            return seen[value]
        except KeyError:
            seen[value] = out = convert(value)
            return out
    return memo


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


def _check_spans(text: str, given: Annotation, by_name: dict[str, str]) -> list[tuple[Any, list[str]]] | str:
    """Each position with its speakers' slugs (`by_name`: casefolded name -> slug), or why the document is refused."""
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
    if session.get_bind().dialect.name == "sqlite":
        # Index inserts land all over the key B-trees; a larger page cache keeps them off the disk.
        session.connection().exec_driver_sql("PRAGMA cache_size = -262144")
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
