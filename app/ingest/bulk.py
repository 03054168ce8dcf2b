"""Bulk ingest of pre-annotated readouts: thousands of documents per transaction, through driver-level inserts.

`app.ingest.service.ingest` stores one document per transaction through the ORM, which is right for
the API (one request, one readout) but costs far more Python per row. Here documents are resolved in
memory (participants, events, ids, duplicates) a chunk at a time and written with one statement per
table and chunk: executemany of ready tuples on SQLite, COPY on PostgreSQL. The rows equal what
`ingest` writes for the same input (ids, events, titles, speakers, topics, provenance); only
`created_at` and the data version's step count differ. Annotating is the slow part and stays outside.

Every document is checked before anything of its chunk is written, so a bad record is reported by
its index and skipped; the others of its transaction go in. A database error rolls the whole
transaction back and is raised: what earlier transactions committed stays, nothing is half-written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import Connection, Table, create_engine, event, insert, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, col, select

from app.dataset import versions
from app.ingest import ids
from app.ingest.readout_metadata import default_title, find_date, guess_kind
from app.models import (
    Document,
    Event,
    EventParticipant,
    History,
    Leader,
    Position,
    PositionSpeaker,
    PositionTopic,
    Topic,
    utcnow,
)
from app.schemas import DocumentIn

if TYPE_CHECKING:
    # Imported where used: the annotator and the web layer (errors, history) take ~0.7 s to import, and the
    # export reload (app.dataset.restore), which needs only this module's writing half, never uses them.
    from app.annotate import Annotation

# Documents per transaction. On a large database each transaction rewrites most pages of the
# scattered indexes (position_key, position(date, id)) whatever its size, so bigger transactions
# amortise that (bench/generate.py uses 25,000); 2,000 keeps the write lock short for a server's writers.
BATCH_SIZE = 2000
# Documents resolved and written per round of statements within a transaction: bounds memory.
CHUNK_SIZE = 2000
# SQLite page cache during a bulk load (KiB, as PRAGMA cache_size takes it): a transaction's dirty
# index pages stay in memory until the commit instead of spilling to the WAL mid-transaction.
SQLITE_CACHE_KIB = 1_048_576
# Page cache, and so a sort's in-memory run, while the initial-load mode derives keys and builds indexes
# (KiB): a bound on memory that does not grow with the load (SqliteInitialLoad.finish).
SQLITE_SORT_CACHE_KIB = int(os.environ.get("SUMMIT_SORT_CACHE_KIB", "4096"))
# An initial load into a SQLite file nobody else has open is built in a file beside it and renamed into
# place (SqliteAside); "0" loads in place instead, through the WAL, as a file others have open always is.
SQLITE_ASIDE = os.environ.get("SUMMIT_LOAD_ASIDE", "1") != "0"


def _table(model: type[SQLModel]) -> Table:
    """The model's table (SQLModel does not declare `__table__` to type checkers)."""
    table = sa_inspect(model).local_table
    assert isinstance(table, Table)
    return table


_POSITION = _table(Position)
DOCUMENT_COLUMNS = ("id", "event_id", "title", "source", "url", "language", "text", "sha256", "created_at")
POSITION_COLUMNS = (
    "id",
    "document_id",
    "event_id",
    "date",
    "start",
    "end",
    "text",
    "act",
    "method",
    "confidence",
    "reviewed",
    "created_at",
)


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
    """One chunk's rows, as tuples in the column order of the insert statements."""

    leaders: list[dict[str, Any]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    participants: list[tuple[str, str]] = field(default_factory=list)
    documents: list[tuple[Any, ...]] = field(default_factory=list)
    positions: list[tuple[Any, ...]] = field(default_factory=list)  # without the id, allocated when written
    speakers: list[list[str]] = field(default_factory=list)  # per position, in the order of `positions`
    topics: list[list[str]] = field(default_factory=list)
    indexes: list[int] = field(default_factory=list)  # input index of each document


@dataclass
class _Base:
    """A document's resolved metadata: event id base, kind, date, participants (input order, no repeats)."""

    event_base: str
    kind: str
    date: dt.date
    leaders: list[Leader]
    event_id: str | None = None  # an existing event the payload names


def _detached(leader: Leader) -> Leader:
    # A plain copy: the session's instances expire at every commit and would be re-read one by one.
    return Leader(
        slug=leader.slug,
        name=leader.name,
        office=leader.office,
        country=leader.country,
        gender=leader.gender,
        aliases=list(leader.aliases),
    )


class BulkLoader:
    """Keeps the registry, vocabulary and known ids in memory across the chunks of one load."""

    def __init__(self, session: Session) -> None:
        self.session = session
        dialect = session.get_bind().dialect
        self.dialect = dialect.name
        # sqlite3's own date adapter (isoformat), applied once per distinct date instead of once per row.
        self._date_bind = (
            dt.date.isoformat
            if dialect.name == "sqlite" and _POSITION.c.date.type.bind_processor(dialect) is None
            else _processor(_POSITION.c.date, dialect)
        )
        time_bind = _processor(_POSITION.c.created_at, dialect)
        self._time_bind: Callable[[Any], Any] = (
            (lambda value: sqlite_value(time_bind(value))) if dialect.name == "sqlite" else time_bind
        )
        self._bool_bind = _processor(_POSITION.c.reviewed, dialect)
        self._dates: dict[dt.date, Any] = {}
        self._triggers: Sequence[Any] = []  # (name, sql) of the triggers this transaction dropped
        self.derive = True  # per chunk position_key / position_count (an initial load derives them once)
        self.actor = "bulk"  # who loads, for the history
        self.version = 0  # the transaction's dataset version (set by `begin`)
        self.written = 0
        self.reset()

    def reset(self) -> None:
        """Forget everything cached from the database (after a rollback, or at the start)."""
        from app.ingest.annotator_bridge import LeaderIndex

        self.index = LeaderIndex([_detached(le) for le in self.session.exec(select(Leader)).all()])
        self.taken = {le.slug for le in self.index.leaders}
        self.vocabulary = set(self.session.exec(select(Topic.slug)).all())
        self.events: dict[str, frozenset[str]] = {}  # event id -> participant slugs, for events seen so far
        # (kind, date) -> the events of that day and kind: a second readout of a call joins its event.
        self._days: dict[tuple[str, dt.date], dict[str, frozenset[str]]] = {}
        self.buried_events: set[str] = set()  # ids of deleted events, among those looked up
        self.looked_up: set[str] = set()  # event ids asked of the database already (found or not)
        self.doc_ids: set[str] = set()  # documents written by this load
        self._name_cache: dict[str, dict[str, str]] = {}
        self._words: dict[str, frozenset[str]] = {}
        self._surnames: dict[str, str] = {}

    # --- resolving ----------------------------------------------------------------------------------

    def _names(self, leader: Leader) -> dict[str, str]:
        """Every casefolded name a position may give this leader as speaker, mapped to its slug."""
        names = self._name_cache.get(leader.slug)
        if names is None:
            names = {key.casefold(): leader.slug for key in (leader.slug, leader.name, *leader.aliases)}
            self._name_cache[leader.slug] = names
        return names

    def _name_words(self, leader: Leader) -> frozenset[str]:
        words = self._words.get(leader.slug)
        if words is None:
            words = self._words[leader.slug] = frozenset(leader.name.casefold().split())
        return words

    def _stored_doc(self, doc_id: str) -> bool:
        """A document holds the id, or held it (deleted ids are never handed out again)."""
        from app.curation import history

        stored = self.session.exec(select(Document.id).where(Document.id == doc_id)).first() is not None
        return stored or bool(history.buried(self.session, "document", {doc_id}))

    def _doc_id_taken(self, candidate: str, base: str, known: set[str]) -> bool:
        """The bases were looked up for the whole chunk (`known`); `-2`, `-3`, … one by one."""
        return candidate in known or candidate in self.doc_ids or (candidate != base and self._stored_doc(candidate))

    def _surname(self, leader: Leader) -> str:
        cached = self._surnames.get(leader.slug)
        if cached is None:
            cached = self._surnames[leader.slug] = ids.surname(leader)
        return cached

    def _leader(self, name: str, plan: _Plan) -> Leader:
        leader = self.index.find(name)
        if leader is None:
            from app.annotate import Participant
            from app.ingest.annotator_bridge import LeaderIndex, new_leader

            leader = new_leader(Participant(name=name.strip()), self.taken)
            self.index = LeaderIndex([*self.index.leaders, leader])
            plan.leaders.append(
                {
                    "slug": leader.slug,
                    "name": leader.name,
                    "office": leader.office,
                    "country": leader.country,
                    "gender": leader.gender,
                    "aliases": leader.aliases,
                }
            )
        return leader

    def _load_events(self, event_ids: set[str]) -> None:
        from app.curation import history

        unknown = [i for i in event_ids if i not in self.looked_up]
        if not unknown:
            return
        self.looked_up.update(unknown)
        rows = self.session.exec(
            select(EventParticipant.event_id, EventParticipant.leader_slug).where(
                col(EventParticipant.event_id).in_(unknown)
            )
        ).all()
        found: dict[str, set[str]] = {}
        for event_id, slug in rows:
            found.setdefault(event_id, set()).add(slug)
        for event_id in self.session.exec(select(Event.id).where(col(Event.id).in_(unknown))).all():
            self.events[event_id] = frozenset(found.get(event_id, ()))
        self.buried_events |= history.buried(self.session, "event", set(unknown))

    def _load_days(self, days: set[tuple[str, dt.date]]) -> None:
        """The stored events of each (kind, date) not looked up yet, with their participants' slugs
        (what `ids.events_on` answers for one day), in one query for the whole set."""
        missing = days - self._days.keys()
        if not missing:
            return
        for day in missing:
            self._days[day] = {}
        found: dict[tuple[str, dt.date], dict[str, set[str]]] = {}
        for event_id, kind, date, slug in self.session.exec(
            select(col(Event.id), col(Event.kind), col(Event.date), col(EventParticipant.leader_slug))
            .join(EventParticipant, col(EventParticipant.event_id) == col(Event.id), isouter=True)
            .where(col(Event.date).in_({date for _, date in missing}))
        ).all():
            if (kind, date) in missing:
                found.setdefault((kind, date), {}).setdefault(event_id, set()).update([slug] if slug else [])
        for day, events in found.items():
            self._days[day] = {event_id: frozenset(slugs) for event_id, slugs in events.items()}

    def _event(self, base: str, slugs: frozenset[str], kind: str, date: dt.date, names: list[str], plan: _Plan) -> str:
        """The event of these participants, kind and date (the ids `ingest` makes), created when new."""

        def taken(event_id: str) -> bool:
            self._load_events({event_id})
            return event_id in self.buried_events or self.events.get(event_id, slugs) != slugs

        day = self._days.get((kind, date))
        if day is None:
            day = self._days[kind, date] = ids.events_on(self.session, kind, date)
        same = sorted(event_id for event_id, held in day.items() if held == slugs)
        if same:
            self.events.setdefault(same[0], slugs)
            return same[0]
        event_id = ids.unique_slug(base, taken)
        day[event_id] = slugs
        if event_id not in self.events:
            self.events[event_id] = slugs
            plan.events.append((event_id, kind, self._date(date), ids.event_title(kind, names)))
            plan.participants.extend((event_id, s) for s in sorted(slugs))
        return event_id

    def _date(self, date: dt.date) -> Any:
        out = self._dates.get(date)
        if out is None:
            out = self._dates[date] = self._date_bind(date)
        return out

    def _named_event(self, payload: DocumentIn) -> tuple[str, str, dt.date, list[str]] | str:
        """The stored event a payload names (id, kind, date, participant names), or why it cannot be used."""
        event = self.session.get(Event, payload.event)
        if event is None:
            return f"event: no event {payload.event!r}; omit it to create one"
        return event.id, event.kind, event.date, [le.name for le in event.participants]

    def _resolve(self, i: int, payload: DocumentIn, given: Annotation, plan: _Plan, report: BulkReport) -> _Base | None:
        """Participants, kind, date and event base of one document, as `ingest.plan` resolves them."""
        named = self._named_event(payload) if payload.event else None
        if isinstance(named, str):
            report.errors.append((i, named))
            return None
        if any(not n.strip() for n in payload.participants or ()):
            report.errors.append((i, "participants: empty name"))
            return None
        names = payload.participants or (named[3] if named else None) or [p.name for p in given.participants]
        if not names:
            report.errors.append((i, "participants: required with pre-annotated positions"))
            return None
        kind = payload.kind or (named[1] if named else guess_kind(payload.text))
        date = payload.date or (named[2] if named else find_date(payload.title or "", payload.text))
        if date is None:
            report.errors.append((i, "date: required, the text names no full date"))
            return None
        leaders = list({le.slug: le for le in (self._leader(n, plan) for n in names)}.values())
        base = ids.event_base(leaders, kind, date, self._surname)
        return _Base(base, kind, date, leaders, named[0] if named else None)

    def _plan(self, batch: list[tuple[int, DocumentIn, Annotation, str]], report: BulkReport) -> _Plan:
        from app.core.errors import ApiError
        from app.curation import history
        from app.ingest.service import check_text, sha256_of

        plan = _Plan()
        hashes = {i: h for i, p, _, _ in batch if (h := _sha256(sha256_of, p.text))}
        stored = set(
            self.session.exec(select(Document.sha256).where(col(Document.sha256).in_(set(hashes.values())))).all()
        )
        bases: dict[int, _Base] = {}
        checked: dict[int, list[tuple[Any, list[str]]]] = {}
        prepared = []
        for i, payload, given, method in batch:
            if i not in hashes:
                report.errors.append((i, "text: not valid Unicode (lone surrogate)"))
                continue
            try:
                check_text(payload.text)
            except ApiError as exc:
                report.errors.append((i, exc.detail))
                continue
            if hashes[i] in stored:
                report.duplicates += 1
                continue
            base = self._resolve(i, payload, given, plan, report)
            if base is None:
                continue
            spans = self._check_spans(payload.text, given, base.leaders)
            if isinstance(spans, str):
                report.errors.append((i, spans))
                continue
            stored.add(hashes[i])
            bases[i], checked[i] = base, spans
            prepared.append((i, payload, method))
        # Event and document ids are derived; fetch the ones this chunk may collide with in two queries,
        # and the stored events of the chunk's days (a readout of a stored call joins its event) in one.
        self._load_events({b.event_base for b in bases.values() if b.event_id is None})
        self._load_days({(b.kind, b.date) for b in bases.values() if b.event_id is None})
        doc_bases = {p.id or self._doc_base(bases[i], p) for i, p, _ in prepared}
        taken_docs = set(self.session.exec(select(Document.id).where(col(Document.id).in_(doc_bases))).all())
        buried_docs = history.buried(self.session, "document", doc_bases)
        known_docs = taken_docs | buried_docs
        now = self._time_bind(utcnow())
        vocabulary = self.vocabulary
        for i, payload, method in prepared:
            curated = self._bool_bind(method == "curated")
            base, spans = bases[i], checked[i]
            doc_id = payload.id or self._doc_base(base, payload)
            if payload.id and (doc_id in taken_docs or doc_id in self.doc_ids):
                report.errors.append((i, f"id: a document with id {doc_id!r} exists already"))
                continue
            if payload.id and doc_id in buried_docs:
                report.errors.append((i, f"id: {doc_id!r} belonged to a deleted document; ids are never reused"))
                continue
            event_id = base.event_id or self._event(
                base.event_base,
                frozenset(le.slug for le in base.leaders),
                base.kind,
                base.date,
                [le.name for le in base.leaders],
                plan,
            )
            unique = ids.unique_slug(doc_id, partial(self._doc_id_taken, base=doc_id, known=known_docs))
            self.doc_ids.add(unique)
            text_ = payload.text
            plan.indexes.append(i)
            plan.documents.append(
                (
                    unique,
                    event_id,
                    payload.title or default_title(text_),
                    payload.source,
                    payload.url,
                    payload.language,
                    text_,
                    hashes[i],
                    now,
                )
            )
            date = self._date(base.date)
            for found, speakers in spans:
                plan.positions.append(
                    (
                        unique,
                        event_id,
                        date,
                        found.start,
                        found.end,
                        text_[found.start : found.end],
                        found.act,
                        method,
                        round(found.confidence, 4),
                        curated,
                        now,
                    )
                )
                plan.speakers.append(speakers)
                plan.topics.append([t for t in dict.fromkeys(found.topics) if t in vocabulary])
        return plan

    def _doc_base(self, base: _Base, payload: DocumentIn) -> str:
        return ids.document_base(base.leaders, base.date, payload.source, self._surname)

    def _check_spans(self, text_: str, given: Annotation, leaders: list[Leader]) -> list[tuple[Any, list[str]]] | str:
        """Each position with its speakers' slugs, or why the document is refused.

        A speaker is a participant's slug, name or alias (any case), or, as `ingest` accepts it, words
        of exactly one participant's name ("Macron" for Emmanuel Macron)."""
        by_name: dict[str, str] = {}
        for le in leaders:
            by_name.update(self._names(le))
        out = []
        for k, found in enumerate(given.positions):
            if not 0 <= found.start < found.end <= len(text_):
                return f"positions[{k}]: span [{found.start}, {found.end}) is not inside the text"
            span = text_[found.start : found.end]
            if span[0].isspace() or span[-1].isspace():  # what span != span.strip() says, without the copy
                return f"positions[{k}]: span has leading or trailing whitespace"
            if not 0 <= found.confidence <= 1:
                return f"positions[{k}]: confidence {found.confidence} is not within [0, 1]"
            slugs = []
            for name in found.speakers:
                slug = by_name.get(name.casefold())
                if slug is None:
                    words = set(name.casefold().split())
                    hits = [
                        le.slug
                        for le in leaders
                        if words and (words <= self._name_words(le) or self._name_words(le) <= words)
                    ]
                    if len(hits) != 1:
                        return f"positions[{k}]: speaker {name!r} is not one of the participants"
                    slug = by_name[name.casefold()] = hits[0]
                if slug not in slugs:
                    slugs.append(slug)
            if slugs:
                out.append((found, slugs))
        return out

    # --- writing ------------------------------------------------------------------------------------

    def begin(self) -> None:
        """Stand the per-row key, count and version triggers (and SQLite's FTS ones) down for this
        transaction (migration 0200); `derive` fills the same tables set-wise before the commit.

        On SQLite a stood-down trigger still runs its WHEN test for every row, half the cost of an
        insert into position or position_topic; so the transaction drops them (DDL is transactional
        there) and `commit` recreates them from their stored SQL, in their order, before it commits.
        No other connection ever sees them missing, and a rollback or a crash restores them."""
        conn = self.session.connection()
        self.written = 0
        self._triggers = stand_down_triggers(conn)
        self.version = versions.next_version(conn)

    def write(self, plan: _Plan) -> int:
        """Insert one chunk inside the open transaction; returns the number of positions written."""
        conn = self.session.connection()
        if plan.leaders:
            conn.execute(insert(_table(Leader)), plan.leaders)
        put = _copy if self.dialect == "postgresql" else _executemany
        put(conn, _table(Event), ("id", "kind", "date", "title"), plan.events)
        put(conn, _table(EventParticipant), ("event_id", "leader_slug"), plan.participants)
        put(conn, _table(Document), DOCUMENT_COLUMNS, plan.documents)
        ids: list[int] = []
        if plan.positions:
            ids = _allocate_ids(conn, len(plan.positions))
            put(
                conn,
                _POSITION,
                POSITION_COLUMNS,
                [(pid, *row) for pid, row in zip(ids, plan.positions, strict=True)],
            )
            put(
                conn,
                _table(PositionSpeaker),
                ("position_id", "leader_slug"),
                [(pid, s) for pid, ss in zip(ids, plan.speakers, strict=True) for s in ss],
            )
            put(
                conn,
                _table(PositionTopic),
                ("position_id", "topic_slug"),
                [(pid, t) for pid, ts in zip(ids, plan.topics, strict=True) for t in ts],
            )
        self._history(conn, plan, ids, put)
        if self.dialect == "sqlite":  # PostgreSQL's search indexes are expression indexes: nothing to write
            _search_documents(conn, plan)
        if self.derive:
            _derive(conn, plan, ids)
        self.written += len(plan.documents)
        return len(plan.positions)

    def _history(self, conn: Connection, plan: _Plan, position_ids: list[int], put: Callable[..., None]) -> None:
        """A `created` history row per document and position, stamped with the transaction's version."""
        now, version, actor = self._time_bind(utcnow()), self.version, self.actor
        doc_methods = {row[0]: row[7] for row in plan.positions}
        rows = [
            ("document", d[0], "created", now, version, actor, _annotator(doc_methods.get(d[0], "curated")))
            for d in plan.documents
        ]
        if self.dialect == "sqlite":
            # The positions' rows set-based from the chunk's id range, after the documents' (the same rows
            # and order as the tuples below; no per-row binding).
            put(conn, _table(History), _HISTORY_COLUMNS, rows)
            if position_ids:
                conn.execute(
                    _HISTORY_OF_POSITIONS,
                    {"lo": position_ids[0], "hi": position_ids[-1], "at": now, "v": version, "actor": actor},
                )
            return
        rows += [
            ("position", str(pid), "created", now, version, actor, _annotator(row[7]))  # row[7]: the method
            for pid, row in zip(position_ids, plan.positions, strict=True)
        ]
        put(conn, _table(History), _HISTORY_COLUMNS, rows)

    def commit(self) -> None:
        conn = self.session.connection()
        versions.record(conn, self.version, f"bulk load of {self.written} documents by {self.actor}")
        restore_triggers(conn, self._triggers)
        self._triggers = []
        self.session.commit()


def stand_down_triggers(conn: Connection) -> Sequence[Any]:
    """Switch the per-row key, count, version and FTS insert triggers off for the open transaction
    (migration 0200's bulk-load switch); returns what `restore_triggers` needs. On SQLite the switch
    is a row in `bulk_load` (the transaction's first write) and the triggers are dropped (DDL is
    transactional there), on PostgreSQL a transaction-local setting."""
    if conn.dialect.name != "sqlite":
        conn.execute(text("SELECT set_config('summit.bulk_load', 'on', true)"))
        return []
    conn.execute(text("INSERT INTO bulk_load (id) VALUES (1)"))  # the first write: the transaction begins
    saved = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%bulk_load%' ORDER BY rowid")
    ).all()
    quote = conn.dialect.identifier_preparer.quote_identifier
    for name, _ in saved:
        conn.exec_driver_sql(f"DROP TRIGGER {quote(name)}")  # sql-identifiers-only
    return saved


def restore_triggers(conn: Connection, saved: Sequence[Any]) -> None:
    """The triggers `stand_down_triggers` switched off, back on, before the commit."""
    if conn.dialect.name != "sqlite":
        conn.execute(text("SELECT set_config('summit.bulk_load', 'off', true)"))
        return
    for _, sql in saved:
        conn.exec_driver_sql(sql)
    conn.execute(text("DELETE FROM bulk_load"))


def table_of(model: type[SQLModel]) -> Table:
    """The model's table (SQLModel does not declare `__table__` to type checkers)."""
    return _table(model)


def write_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Ready tuples (column types' converters applied) into `table`: COPY on PostgreSQL, executemany on SQLite."""
    (_copy if conn.dialect.name == "postgresql" else _executemany)(conn, table, columns, rows)


def bind_processor(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """The column type's bind converter (what the ORM applies), or identity."""
    return _processor(column, dialect)


_HISTORY_COLUMNS = ("resource", "resource_id", "action", "at", "version", "actor", "annotator")
_HISTORY_OF_POSITIONS = text(
    "INSERT INTO history (resource, resource_id, action, at, version, actor, annotator) "
    "SELECT 'position', CAST(id AS TEXT), 'created', :at, :v, :actor, "
    "CASE WHEN method = 'curated' THEN NULL ELSE method END FROM position WHERE id BETWEEN :lo AND :hi ORDER BY id"
)


def _annotator(method: str) -> str | None:
    return None if method == "curated" else method


def sqlite_value(value: Any) -> Any:
    """A timestamp as sqlite3's default adapter stores it (`isoformat(" ")`), made once per distinct value
    instead of by the driver for every row of an executemany; any other value as it is."""
    return value.isoformat(" ") if isinstance(value, dt.datetime) else value


def _processor(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """The column type's bind converter (what the ORM applies), or identity."""
    process = column.type.bind_processor(dialect)
    return process if process is not None else (lambda value: value)


# What the stood-down triggers would have written, for one chunk's positions ({ids}: the chunk's ids).
# SQLite holds the write lock, so the chunk's ids are one range; PostgreSQL's sequence may interleave
# other writers' ids, so there the chunk names its ids.
_SQLITE_FTS = "INSERT INTO search_position (rowid, text) SELECT id, text FROM position WHERE id {ids}"
_KEYS = (
    "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) "
    "SELECT t.topic_slug, '', p.date, p.id FROM position_topic t JOIN position p ON p.id = t.position_id "
    "WHERE t.position_id {ids} "
    "UNION ALL SELECT '', s.leader_slug, p.date, p.id FROM position_speaker s JOIN position p ON p.id = s.position_id "
    "WHERE s.position_id {ids} "
    "UNION ALL SELECT t.topic_slug, s.leader_slug, p.date, p.id FROM position_topic t "
    "JOIN position_speaker s ON s.position_id = t.position_id JOIN position p ON p.id = t.position_id "
    "WHERE t.position_id {ids}"
)
_IDS = {"sqlite": "BETWEEN :lo AND :hi", "postgresql": "= ANY(:ids)"}
_STATEMENTS = {
    dialect: [
        text(sql.replace("{ids}", ids))  # sql-identifiers-only
        for sql in ([_SQLITE_FTS] if dialect == "sqlite" else []) + [_KEYS]
    ]
    for dialect, ids in _IDS.items()
}
_COUNTS = text(
    "INSERT INTO position_count (topic_slug, leader_slug, n) VALUES (:t, :l, :n) "
    "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + excluded.n"
)


def _search_documents(conn: Connection, plan: _Plan) -> None:
    """SQLite's document search rows for one chunk (what the stood-down insert trigger would write)."""
    if plan.documents:
        conn.exec_driver_sql(
            "INSERT INTO search_document (document_id, title, text) VALUES (?, ?, ?)",
            [(d[0], d[2], d[6]) for d in plan.documents],
        )


def _derive(conn: Connection, plan: _Plan, ids: list[int]) -> None:
    sqlite = conn.dialect.name == "sqlite"
    if not ids:
        return
    params = {"lo": ids[0], "hi": ids[-1]} if sqlite else {"ids": ids}
    for statement in _STATEMENTS[conn.dialect.name]:
        conn.execute(statement, params)
    # The counts follow from the chunk's own speakers and topics: no need to read position_key back.
    counts: dict[tuple[str, str], int] = {("", ""): len(ids)}
    get = counts.get
    for speakers, topics in zip(plan.speakers, plan.topics, strict=True):
        for t in topics:
            counts[t, ""] = get((t, ""), 0) + 1
            for s in speakers:
                counts[t, s] = get((t, s), 0) + 1
        for s in speakers:
            counts["", s] = get(("", s), 0) + 1
    conn.execute(_COUNTS, [{"t": t, "l": le, "n": n} for (t, le), n in sorted(counts.items())])


# Bound parameters per multi-row INSERT on SQLite: the limit of every SQLite build (999 before 3.32).
SQLITE_MAX_PARAMETERS = 999


def _executemany(conn: Connection, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Ready tuples straight to the driver (SQLAlchemy's per-row parameter handling would cost more than the
    insert itself; the plan already applied the column types' converters), as multi-row INSERTs of as many
    rows as SQLITE_MAX_PARAMETERS allows: the driver's executemany steps and resets its statement once per
    row, which costs about as much as a narrow row's insert. The rows go in in their order either way."""
    if not rows:
        return
    single, block, per = _insert_sql(conn, table, columns)
    full = len(rows) - len(rows) % per if per > 1 else 0
    if full:
        flat = chain.from_iterable
        conn.exec_driver_sql(block, [tuple(flat(rows[k : k + per])) for k in range(0, full, per)])
    if full < len(rows):
        conn.exec_driver_sql(single, rows[full:])


_SQL_CACHE: dict[tuple[str, str, tuple[str, ...]], tuple[str, str, int]] = {}


def _insert_sql(conn: Connection, table: Any, columns: tuple[str, ...]) -> tuple[str, str, int]:
    """The table's one-row INSERT, its multi-row form and the number of rows that form takes."""
    key = (conn.dialect.name, table.name, columns)
    if key not in _SQL_CACHE:
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
        assert compiled.positional and tuple(compiled.positiontup or ()) == columns, compiled.string
        head, values, group = compiled.string.partition(" VALUES ")
        assert values and group.count("?") == len(columns), compiled.string
        per = max(1, SQLITE_MAX_PARAMETERS // len(columns))
        _SQL_CACHE[key] = (compiled.string, head + values + ", ".join([group] * per), per)
    return _SQL_CACHE[key]


def _copy(conn: Connection, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL COPY FROM STDIN: one stream per table and chunk, several times faster than INSERTs."""
    if rows:
        _copy_rows(_driver_connection(conn), _copy_sql(conn, table, columns), rows)


def _copy_sql(conn: Connection, table: Any, columns: tuple[str, ...]) -> str:
    preparer = conn.dialect.identifier_preparer
    names = ", ".join(preparer.quote(c) for c in columns)
    return f"COPY {preparer.format_table(table)} ({names}) FROM STDIN"  # sql-identifiers-only


def _driver_connection(conn: Connection) -> Any:
    raw = conn.connection.dbapi_connection
    assert raw is not None  # a checked-out connection always has its driver connection
    return raw


def _copy_rows(raw: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    with raw.cursor().copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


class CopyBehind:
    """COPYs that run on a second thread, in the order given, while the caller goes on reading, parsing
    and checking the next chunk (PostgreSQL; an export reload in initial-load mode).

    Written in turn, the client waits while the server takes a chunk's rows in (computing the stored
    search vector of every position), and the server idles while the client reads and checks the next
    chunk. Here the COPYs of one chunk overlap the reading of the next: psycopg waits for the server
    without holding the GIL. The connection is the load's own (one transaction), and a connection
    serves one statement at a time: the caller calls `wait` before it uses the connection for anything
    else (a look-up, the next chunk's COPYs, the end of the load), so at most one chunk's rows are in
    flight (memory stays flat) and everything runs in the order it would have run in turn. A COPY's error
    is raised by the next `wait`, as it is; `close` waits for what is in flight and drops its errors (the
    caller is rolling back already)."""

    def __init__(self, conn: Connection) -> None:
        self.conn, self.raw = conn, _driver_connection(conn)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copy-behind")
        self.pending: list[Future[None]] = []

    def put(self, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.pending.append(self.pool.submit(_copy_rows, self.raw, _copy_sql(self.conn, table, columns), rows))

    def wait(self) -> None:
        """Until every COPY given so far is done; raises the first one's error."""
        pending, self.pending = self.pending, []
        for error in [future.exception() for future in pending]:
            if error is not None:
                raise error

    def close(self) -> None:
        for future in self.pending:
            future.exception()
        self.pending = []
        self.pool.shutdown()


def _allocate_ids(conn: Connection, n: int) -> list[int]:
    """`n` fresh position ids, in reading order (ids order positions within a date).

    Explicit ids let one statement write the positions and their link rows; RETURNING would
    cost a statement per row on SQLite. On SQLite the chunk already holds the write lock (documents
    went first), so the high-water mark cannot move under us (inserting explicit ids advances it);
    PostgreSQL draws from the identity column's sequence.
    """
    if conn.dialect.name == "postgresql":
        stmt = text("SELECT nextval(pg_get_serial_sequence('position', 'id')) FROM generate_series(1, :n)")
        return sorted(conn.execute(stmt, {"n": n}).scalars())
    # AUTOINCREMENT's high-water mark (migration 0500): ids of deleted positions are never handed out again.
    first = conn.execute(
        text(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'position'), 0), "
            "coalesce((SELECT max(id) FROM position), 0)) + 1"
        )
    ).scalar_one()
    return list(range(first, first + n))


def _sha256(sha256_of: Callable[[str], str], text_: str) -> str | None:
    try:
        return sha256_of(text_)
    except UnicodeEncodeError:
        return None


Item: TypeAlias = "tuple[DocumentIn, Annotation] | tuple[DocumentIn, Annotation, str]"


def _batches(items: Iterable[Item], size: int, method: str) -> Iterator[list[tuple[int, DocumentIn, Annotation, str]]]:
    numbered = ((i, item[0], item[1], item[2] if len(item) > 2 else method) for i, item in enumerate(items))
    while batch := list(islice(numbered, size)):
        yield batch


class InitialLoadRefused(RuntimeError):
    """An initial load was asked of a database that already holds (more) positions."""


# Tables whose secondary indexes and constraints an initial load on PostgreSQL drops and recreates.
INITIAL_LOAD_TABLES = (
    "event",
    "event_participant",
    "document",
    "position",
    "position_speaker",
    "position_topic",
    "position_key",
)
# History's key and index go too when the table is empty (a restore reads history back only when it held
# some before: then they stay).
INITIAL_LOAD_EMPTY_TABLES = ("history",)
# Kept through an initial load: the planner's own look-ups (duplicates, derived ids, events) use them.
INITIAL_LOAD_KEPT = ("event_pkey", "event_participant_pkey", "document_pkey", "document_sha256_key")
# Index builds at the end of an initial load (SET LOCAL: the transaction's own).
INITIAL_LOAD_SETTINGS = {
    "maintenance_work_mem": "512MB",
    "max_parallel_maintenance_workers": "2",
    "synchronous_commit": "off",
}
# The load's own statements (SET LOCAL, from the start): without statistics on the fresh tables the
# planner's estimates of the set-based derivations run to billions of rows, which triggers JIT
# compilation that costs more than the statements themselves.
INITIAL_LOAD_SESSION = {**INITIAL_LOAD_SETTINGS, "jit": "off"}
# Connections that build the indexes left for after an initial load's commit, at the same time.
INITIAL_LOAD_BUILDERS = 2
# The triggers that stand down during a bulk load anyway (their function returns at once when
# summit.bulk_load is on): PostgreSQL would still queue and call them for every row, or keep every
# inserted row in a transition table for them, so the initial load switches them off until the end.
_STOOD_DOWN_TRIGGERS = text(
    "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc f ON f.oid = t.tgfoid "
    "WHERE n.nspname = current_schema() AND c.relname = ANY(:tables) AND NOT t.tgisinternal "
    "AND t.tgenabled = 'O' AND f.prosrc LIKE '%summit.bulk_load%' ORDER BY c.relname, t.tgname"
)


class PostgresInitialLoad:
    """PostgreSQL's initial-load mode: one transaction that drops the load tables' secondary indexes,
    GIN expression indexes, foreign keys and the link/key tables' primary keys (their definitions read
    from pg_indexes / pg_constraint first; history's too when it is empty), switches off the triggers
    that stand down during a bulk load anyway, loads with COPY, fills position_key and position_count
    with one set-based statement each, switches the triggers back on and recreates every dropped
    constraint from the SQL it read (unique ones first, foreign keys last, which validates them). DDL is
    transactional: a failure or a crash before the commit rolls everything back, indexes and triggers
    included. The dropped indexes that check nothing (the GIN search indexes, the costliest builds,
    which PostgreSQL does not parallelise, and the non-unique ones) are built after the commit on two
    connections at once (`build_search_indexes`). The dropped indexes hold ACCESS EXCLUSIVE locks on
    the tables until the commit, so nobody reads meanwhile: for a fresh database only."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.constraints: list[tuple[str, str, str, str]] = []  # (table, name, contype, definition)
        self.indexes: list[tuple[str, str]] = []  # (name, indexdef)
        self.triggers: list[tuple[str, str]] = []  # (table, trigger) switched off until `finish`
        self.max_id = 0

    def drop(self) -> None:
        conn, tables = self.conn, list(INITIAL_LOAD_TABLES)
        for table in INITIAL_LOAD_EMPTY_TABLES:
            if conn.exec_driver_sql(f"SELECT NOT EXISTS (SELECT FROM {table})").scalar_one():  # sql-identifiers-only
                tables.append(table)
        for key, value in INITIAL_LOAD_SESSION.items():
            conn.execute(text("SELECT set_config(:k, :v, true)"), {"k": key, "v": value})
        self.max_id = conn.execute(text("SELECT coalesce(max(id), 0) FROM position")).scalar_one()
        self.constraints = [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
                    "FROM pg_constraint c "
                    "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    "WHERE n.nspname = current_schema() AND t.relname = ANY(:tables) AND c.contype IN ('p', 'u', 'f') "
                    "AND c.conname <> ALL(:kept) ORDER BY c.contype = 'f', t.relname, c.conname"
                ),
                {"tables": tables, "kept": list(INITIAL_LOAD_KEPT)},
            )
        ]
        owned = {name for _, name, _, _ in self.constraints} | set(INITIAL_LOAD_KEPT)
        self.indexes = [
            (name, sql)
            for name, sql in conn.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                    "AND tablename = ANY(:tables) ORDER BY tablename, indexname"
                ),
                {"tables": tables},
            )
            if name not in owned
        ]
        quote = conn.dialect.identifier_preparer.quote_identifier
        for table, name, _, _ in reversed(self.constraints):  # foreign keys before the keys they reference
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")  # sql-identifiers-only
        for name, _ in self.indexes:
            conn.exec_driver_sql(f"DROP INDEX {quote(name)}")  # sql-identifiers-only
        self.triggers = [tuple(r) for r in conn.execute(_STOOD_DOWN_TRIGGERS, {"tables": tables})]
        for table, name in self.triggers:
            conn.exec_driver_sql(f"ALTER TABLE {quote(table)} DISABLE TRIGGER {quote(name)}")  # sql-identifiers-only

    def finish(self) -> None:
        """position_key and position_count for the loaded positions, then the indexes and constraints."""
        conn = self.conn
        params = {"lo": self.max_id}
        conn.execute(text(_KEYS.replace("{ids}", "> :lo")), params)  # sql-identifiers-only
        conn.execute(
            text(
                "INSERT INTO position_count (topic_slug, leader_slug, n) "
                "SELECT topic_slug, leader_slug, count(*) FROM position_key WHERE position_id > :lo "
                "GROUP BY topic_slug, leader_slug UNION ALL SELECT '', '', count(*) FROM position WHERE id > :lo "
                "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + excluded.n"
            ),
            params,
        )
        quote = conn.dialect.identifier_preparer.quote_identifier
        for table, name in self.triggers:
            conn.exec_driver_sql(f"ALTER TABLE {quote(table)} ENABLE TRIGGER {quote(name)}")  # sql-identifiers-only
        for table, name, contype, definition in self.constraints:
            if contype != "f":
                conn.exec_driver_sql(
                    f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"  # sql-identifiers-only
                )
        for _, sql in self.indexes:
            if not _after_commit(sql):
                conn.exec_driver_sql(sql)
        for table, name, contype, definition in self.constraints:
            if contype == "f":
                conn.exec_driver_sql(
                    f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"  # sql-identifiers-only
                )

    def build_search_indexes(self, engine: Any) -> None:
        """The indexes left for after the commit (`_after_commit`), on INITIAL_LOAD_BUILDERS connections
        at once: the GIN search indexes first, then the non-unique ones, each connection taking the next
        index when it is done with one, and committing each.

        GIN builds are not parallelised by PostgreSQL (15) and to_tsvector is their cost: the document
        one outlasts everything else that is left, so the other connection builds the rest meanwhile
        instead of the load's transaction building it before the commit. None of these indexes checks
        anything (the keys, unique constraints and foreign keys were all built and validated before the
        commit); until they exist, queries that would use them are slower, not different. A failure
        raises with the SQL of every index still missing (a crashed generation is to be redone anyway)."""
        pending = [sql for _, sql in self.indexes if _is_gin(sql)]
        pending += [sql for _, sql in self.indexes if _after_commit(sql) and not _is_gin(sql)]
        queue, lock = iter(pending), threading.Lock()
        built: set[str] = set()
        errors: list[BaseException] = []

        def work() -> None:
            try:
                with engine.connect() as conn:
                    while True:
                        with lock:
                            sql = next(queue, None)
                        if sql is None:
                            return
                        for key, value in INITIAL_LOAD_SETTINGS.items():  # SET LOCAL: each build's own
                            conn.execute(text("SELECT set_config(:k, :v, true)"), {"k": key, "v": value})
                        conn.exec_driver_sql(sql)
                        conn.commit()
                        built.add(sql)
            except BaseException as exc:  # re-raised below with what is missing
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(min(INITIAL_LOAD_BUILDERS, len(pending)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            missing = [sql for sql in pending if sql not in built]
            raise RuntimeError(
                f"initial_load: building the indexes after the commit failed ({errors[0]!r}); the data is "
                f"committed, create the missing ones: {missing}"
            ) from errors[0]


# Tables whose secondary indexes an initial load on SQLite drops and builds once at the end. The
# look-ups made while loading (primary keys, document's unique sha256, events by date) keep theirs.
SQLITE_INITIAL_TABLES = ("position", "position_speaker", "position_topic", "position_key", "history")
# position_key and position_count for every position above :lo, in one pass each: the keys are written in
# their primary key's order, so the clustered (WITHOUT ROWID) tree is appended to instead of split at random.
_INITIAL_KEYS = _KEYS.replace("{ids}", "> :lo") + " ORDER BY 1, 2, 3, 4"  # sql-identifiers-only
_INITIAL_COUNTS = (
    "INSERT INTO position_count (topic_slug, leader_slug, n) "
    "SELECT topic_slug, leader_slug, count(*) FROM position_key WHERE position_id > :lo "
    "GROUP BY topic_slug, leader_slug UNION ALL SELECT '', '', count(*) FROM position WHERE id > :lo "
    "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + excluded.n"
)


class SqliteInitialLoad:
    """SQLite's initial-load mode, inside the load's one transaction: the secondary indexes of the
    position, link, key and history tables are dropped (their SQL read from sqlite_master first), the
    rows go in without them, then position_key, position_count and the position search index are
    derived with one set-based statement each and every dropped index is created again from its own SQL.

    DDL is transactional on SQLite: readers keep seeing the committed state (indexes included) until
    the commit, and a rollback or a crash (the WAL's uncommitted frames are ignored on recovery)
    leaves the database exactly as it was. Building an index once over sorted keys costs a fraction of
    updating it row by row at random places, which is what loading into the live indexes does."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.indexes: list[tuple[str, str]] = []  # (name, sql) in creation order
        self.max_id = 0

    def drop(self) -> None:
        conn = self.conn
        self.max_id = conn.execute(text("SELECT coalesce(max(id), 0) FROM position")).scalar_one()
        marks = ", ".join(f":t{k}" for k in range(len(SQLITE_INITIAL_TABLES)))
        self.indexes = [
            (name, sql)
            for name, sql in conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    f"AND tbl_name IN ({marks}) ORDER BY rowid"  # sql-identifiers-only
                ),
                {f"t{k}": t for k, t in enumerate(SQLITE_INITIAL_TABLES)},
            )
        ]
        quote = conn.dialect.identifier_preparer.quote_identifier
        for name, _ in self.indexes:
            conn.exec_driver_sql(f"DROP INDEX {quote(name)}")  # sql-identifiers-only

    def finish(self) -> None:
        """The search rows of the loaded positions, keys and counts; the indexes back.

        The search rows come first, under the load's page cache: they need no sort, and FTS5 reads back
        the segments it merges, which a small cache would send to the file again and again. (The
        documents' search rows go in with each chunk, while their texts are at hand: derived here they
        would be read back from the table, which costs more than binding them.) SQLite sizes
        a sort's in-memory run by the page cache (up to 512 MiB), and the keys' ORDER BY runs one sort
        per arm of its UNION ALL: with the load's large cache these would hold up to three times the
        cache again on top of it, growing with the load. The cache is brought down to
        SQLITE_SORT_CACHE_KIB for the sorting statements (longer sorts spill to temporary files and
        merge; no CPU cost measured), so peak memory stays flat whatever the size of the load."""
        conn, params = self.conn, {"lo": self.max_id}
        conn.execute(text(_SQLITE_FTS.replace("{ids}", "> :lo")), params)  # sql-identifiers-only
        previous = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{int(SQLITE_SORT_CACHE_KIB)}")  # sql-identifiers-only
        try:
            conn.execute(text(_INITIAL_KEYS), params)
            conn.execute(text(_INITIAL_COUNTS), params)
            for _, sql in self.indexes:
                conn.exec_driver_sql(sql)
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")  # sql-identifiers-only


def _is_gin(indexdef: str) -> bool:
    return " USING gin " in indexdef


def _after_commit(indexdef: str) -> bool:
    """Built after an initial load's commit (PostgreSQL): every dropped index but a unique one."""
    return not indexdef.startswith("CREATE UNIQUE INDEX ")


def _check_initial(session: Session, expect_positions: int) -> None:
    held = session.connection().execute(text("SELECT count(*) FROM position")).scalar_one()
    if held > expect_positions:
        raise InitialLoadRefused(
            f"initial_load: the database already holds {held} positions (expected at most {expect_positions}); "
            "an initial load drops and rebuilds the indexes and is only for a fresh database nobody reads yet. "
            "Load without initial_load=True."
        )


def bulk_ingest(
    session: Session,
    items: Iterable[Item],
    method: str = "curated",
    batch_size: int = BATCH_SIZE,
    progress: Callable[[BulkReport], None] | None = None,
    initial_load: bool = False,
    expect_positions: int = 0,
    actor: str = "bulk",
) -> BulkReport:
    """Store pre-annotated documents, `batch_size` per transaction (written `CHUNK_SIZE` at a time).

    An item may carry its own provenance method as a third element (default `method`). Duplicates (same
    text as a stored or earlier document) are skipped and invalid documents reported by their index in
    `items`, never half-written; `progress` is called after each commit.

    `initial_load=True` is for filling a fresh database that nobody reads yet: it refuses
    (`InitialLoadRefused`) when the database holds more than `expect_positions` positions (say, a
    fresh seed's). The whole load is then one transaction that drops the secondary indexes (and on
    PostgreSQL the constraints), loads, derives keys, counts and search rows once and recreates what it
    dropped (`SqliteInitialLoad`, `PostgresInitialLoad`); `progress` is called after each batch, before the
    single commit, and a database error rolls the whole load back. The rows and schema afterwards
    equal what the normal path produces.
    """
    if initial_load:
        _check_initial(session, expect_positions)
        return _initial_load(session, items, method, batch_size, progress, actor)
    loader = BulkLoader(session)
    loader.actor = actor
    report = BulkReport()
    chunk_size = min(batch_size, CHUNK_SIZE)
    sqlite_cache = SqliteCache(session) if loader.dialect == "sqlite" else None
    collector = PausedCollector()  # as in _initial_load
    try:
        for batch in _batches(items, batch_size, method):
            collector.freeze()  # the batch just read too: it lives as long as its transaction
            # Only resolving and writing count towards the rate, not producing the input.
            started = time.perf_counter()
            documents = positions = 0
            try:
                if sqlite_cache:
                    sqlite_cache.enlarge()
                loader.begin()
                for start in range(0, len(batch), chunk_size):
                    plan = loader._plan(batch[start : start + chunk_size], report)
                    positions += loader.write(plan)
                    documents += len(plan.documents)
                loader.commit()
            except BaseException:
                session.rollback()
                loader.reset()
                raise
            report.documents += documents
            report.positions += positions
            report.seconds += time.perf_counter() - started
            collector.collect()
            if progress:
                progress(report)
    finally:
        collector.resume()
        if sqlite_cache:
            sqlite_cache.restore()
    return report


def _initial_load(
    session: Session,
    items: Iterable[Item],
    method: str,
    batch_size: int,
    progress: Callable[[BulkReport], None] | None,
    actor: str,
) -> BulkReport:
    clock = time.perf_counter
    started = clock()
    sqlite = session.get_bind().dialect.name == "sqlite"
    # Into a SQLite file nobody else has open, the load is built beside it and renamed into place
    # (SqliteAside: every page written once, no journal); otherwise in place, in one transaction.
    aside = SqliteAside.open(session) if sqlite else None
    work = aside.session if aside else session
    loader = BulkLoader(work)
    loader.actor = actor
    loader.derive = False
    report = BulkReport()
    chunk_size = min(batch_size, CHUNK_SIZE)
    sqlite_cache = SqliteCache(work, references_checked=True) if sqlite else None
    load: SqliteInitialLoad | PostgresInitialLoad
    # The load allocates millions of short-lived rows: the collector's automatic passes are off for it
    # (PausedCollector), with one pass after each batch over what is not frozen.
    collector = PausedCollector()
    try:
        # Like bulk_ingest, only resolving and writing count towards the rate, not producing the input.
        if sqlite_cache:
            sqlite_cache.enlarge()
        loader.begin()
        load = SqliteInitialLoad(work.connection()) if sqlite else PostgresInitialLoad(work.connection())
        load.drop()
        report.seconds += clock() - started
        for batch in _batches(items, batch_size, method):
            collector.freeze()  # the batch just read too (up to 25,000 documents with their positions)
            started = clock()
            for start in range(0, len(batch), chunk_size):
                plan = loader._plan(batch[start : start + chunk_size], report)
                report.positions += loader.write(plan)
                report.documents += len(plan.documents)
            collector.collect()
            report.seconds += clock() - started
            if progress:
                progress(report)
        started = clock()
        load.finish()
        loader.commit()
    except BaseException:
        work.rollback()
        if aside:
            aside.discard()
        raise
    finally:
        collector.resume()
        if sqlite_cache:
            sqlite_cache.restore()
    if aside:
        try:
            aside.swap()
        except BaseException:
            aside.discard()
            raise
    if isinstance(load, PostgresInitialLoad):
        load.build_search_indexes(session.get_bind())
    report.seconds += clock() - started
    return report


class PausedCollector:
    """The cyclic garbage collector's automatic passes off for a load, with passes where the load says
    (`collect`, between batches or every so many records), over only what is not frozen.

    A load allocates millions of short-lived rows and records, and every ~70,000 net allocations the
    collector runs a pass. Most of those were full passes: `gc.freeze()` (which keeps the process's
    long-lived objects, modules and ORM state, out of every pass) leaves the oldest generation nearly
    empty, and CPython runs a full pass whenever what is pending there exceeds a quarter of it. Each
    walked everything not frozen, above all the batch being read (25,000 gold-format documents with
    their positions): 28 full passes, ~2 s of ~16 s CPU, in a 200,000-position gold-format load.
    Reference counting frees the load's rows as before; only cycles wait for a pass, and a load makes
    few (4,780 objects after a 200,000-position load run with no pass at all), so a pass per batch
    keeps memory flat. `freeze` moves what is alive now (a batch just read) out of the passes; `resume`
    unfreezes and switches the automatic passes back on if they were on."""

    def __init__(self) -> None:
        self.enabled = gc.isenabled()
        gc.freeze()
        gc.disable()

    def freeze(self) -> None:
        gc.freeze()

    def collect(self) -> None:
        gc.collect()

    def resume(self) -> None:
        gc.unfreeze()
        if self.enabled:
            gc.enable()


class SqliteCache:
    """A large page cache on the connections a bulk load uses, given back to its old size afterwards.

    `references_checked=True` is for a load that checks every reference itself before writing (an export
    reload, the initial load, whose rows refer only to what they resolved): SQLite's foreign-key checks
    are then switched off for it, as they cost a parent-key look-up per row and reference (2-4x the
    insert of a link row). The switch only takes effect outside a transaction, so `enlarge` must come
    before the load's first write; `restore` switches them back on after its commit or rollback."""

    def __init__(self, session: Session, kib: int = SQLITE_CACHE_KIB, *, references_checked: bool = False) -> None:
        self.session = session
        self.kib = kib
        self.references_checked = references_checked
        self.previous: dict[Any, int] = {}  # DB-API connection -> its cache_size before
        self.unchecked: list[Any] = []  # DB-API connections whose foreign-key checks were switched off

    def enlarge(self) -> None:
        raw = self.session.connection().connection.dbapi_connection
        if raw is not None and raw not in self.previous:
            self.previous[raw] = raw.execute("PRAGMA cache_size").fetchone()[0]
            raw.execute(f"PRAGMA cache_size = -{int(self.kib)}")  # sql-identifiers-only
            if self.references_checked and not raw.in_transaction and raw.execute("PRAGMA foreign_keys").fetchone()[0]:
                raw.execute("PRAGMA foreign_keys = OFF")
                self.unchecked.append(raw)

    def restore(self) -> None:
        for raw, size in self.previous.items():
            with contextlib.suppress(Exception):  # a closed connection has no cache left to shrink
                raw.execute(f"PRAGMA cache_size = {int(size)}")  # sql-identifiers-only
        for raw in self.unchecked:
            with contextlib.suppress(Exception):  # a closed connection checks nothing any more
                raw.execute("PRAGMA foreign_keys = ON")
        self.unchecked = []


class SqliteAside:
    """An initial load into a SQLite file built in a new file beside it and renamed into place: the
    rename is the commit.

    In place, the load's one transaction writes every page twice: into the WAL (pages beyond the page
    cache spill there during the load, some of them many times), then into the file at the checkpoint
    after the commit. Aside, the pages go once into a file of their own with no journal and no syncs
    (`journal_mode=OFF`, `synchronous=OFF`, `locking_mode=EXCLUSIVE`); the file is synced once, renamed
    over the database (atomic on POSIX file systems) and the directory synced. A failure, or a crash at
    any point before the rename, leaves the database as it was (a leftover `<name>.loading-*` file of a
    crash is removed by the next load aside); after the rename the database is the loaded one.

    The swap needs the database to itself: a connection holding the old file after the rename would keep
    reading it (and its WAL and shared-memory files, named after the path, would meet the new file's).
    So `open` takes the database only when no other connection has it open: it switches it out of WAL
    mode, which SQLite refuses while any other connection has it open, and holds an exclusive lock until
    the swap. Other connections cannot read or write the database during the load (they wait their busy
    timeout, then get "database is locked"; in place, readers saw the empty committed state meanwhile).
    If anyone has it open at the start (a server, a reader), the load runs in place as before. A
    connection opened during the load that waited out the lock would find the old, unlinked file: its
    first bytes are overwritten before the lock is let go, so it fails ("file is not a database") instead
    of reading an empty database."""

    def __init__(self, target: Path, lock: sqlite3.Connection) -> None:
        self.target, self.lock = target, lock
        self.path = target.with_name(f"{target.name}.loading-{os.getpid()}")
        self.path.unlink(missing_ok=True)
        # Copied under the exclusive lock, out of WAL mode: the file alone is the whole database.
        with target.open("rb") as source, self.path.open("wb") as copy:
            while block := source.read(1 << 20):
                copy.write(block)
        self.engine = create_engine(
            f"sqlite:///{self.path}", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
        event.listen(self.engine, "connect", _aside_pragmas)
        self.session = Session(self.engine)

    @classmethod
    def open(cls, session: Session) -> SqliteAside | None:
        """Take the session's database for a load aside, or None (load in place): not a plain SQLite file,
        switched off (`SUMMIT_LOAD_ASIDE=0`), the session holds unsaved work or an open write, or another
        connection has the database open. The session's own connections are closed first (its engine's
        pool is disposed); it reconnects to the loaded database after `swap` or `discard`."""
        bind = session.get_bind()
        if not isinstance(bind, Engine):
            return None
        url = bind.url
        if not SQLITE_ASIDE or url.get_backend_name() != "sqlite" or url.query:
            return None
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            return None
        if session.new or session.dirty or session.deleted:
            return None
        raw = session.connection().connection.dbapi_connection
        if raw is None or raw.in_transaction:
            return None
        target = Path(url.database)
        session.rollback()  # nothing written: this gives the connection back to the pool
        bind.dispose()
        lock = sqlite3.connect(target, timeout=0, isolation_level=None, check_same_thread=False)
        try:
            lock.execute("PRAGMA locking_mode = EXCLUSIVE")
            if lock.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                lock.close()  # out of WAL mode, idle connections hold no lock: they could not be told from none
                return None
            lock.execute("PRAGMA journal_mode = DELETE")  # refused ("database is locked") while others have it open
            lock.execute("BEGIN EXCLUSIVE")
            for leftover in target.parent.glob(f"{target.name}.loading-*"):  # a crashed load's (none runs: locked)
                leftover.unlink(missing_ok=True)
            return cls(target, lock)
        except sqlite3.OperationalError:
            lock.close()
            return None

    def swap(self) -> None:
        """After the aside session's commit: the loaded file synced and renamed over the database."""
        self.session.close()
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")  # as the application opens it (persistent)
        self.engine.dispose()
        _fsync(self.path)
        old = os.open(self.target, os.O_WRONLY)
        try:
            os.replace(self.path, self.target)
            _fsync(self.target.parent)
            # The old file, unlinked now: a connection that opened it during the load and waited out the
            # lock must not read it as an empty database.
            os.pwrite(old, b"summit: replaced", 0)
        finally:
            os.close(old)
            self.lock.close()

    def discard(self) -> None:
        """After a failure: the aside file removed, the database untouched (and back in WAL mode)."""
        self.session.close()
        self.engine.dispose()
        self.path.unlink(missing_ok=True)
        with contextlib.suppress(sqlite3.Error):
            self.lock.execute("ROLLBACK")
            self.lock.execute("PRAGMA locking_mode = NORMAL")
            self.lock.execute("PRAGMA journal_mode = WAL")
        self.lock.close()


def _aside_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in ("foreign_keys = ON", "locking_mode = EXCLUSIVE", "journal_mode = OFF", "synchronous = OFF"):
        cursor.execute(f"PRAGMA {pragma}")  # sql-identifiers-only
    cursor.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
