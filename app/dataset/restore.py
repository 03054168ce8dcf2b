"""Loading an export (`summit export`, /v1/export) through the bulk path: ids, curation, history, tombstones,
versions and keys kept, thousands of documents per second, in constant memory, all or nothing.

Records come grouped by type in dependency order (`app.dataset.export.dump`) and are taken
`CHUNK` at a time: each chunk is validated in Python against what it refers to (looked up per chunk,
so memory stays flat), written with one driver-level statement per table (executemany on SQLite,
COPY on PostgreSQL) while the per-row triggers stand down (migration 0200's bulk-load switch), and
its position keys, counts and search rows are derived set-wise, as the bulk loader does. A record
equal to a stored row is skipped; one that differs is an error naming its 1-based record number, and
the whole load is rolled back. Position ids are written as they are and the id high-water mark
follows the file's, so an id deleted in the source is not handed out in the copy either.

Into an empty database (the common restore, and every `summit db copy`) the load runs in the bulk
loader's initial-load mode, inside the same single transaction: the secondary indexes (on PostgreSQL
the constraints too) are dropped first, position keys, counts and search rows are derived once with one
statement each at the end, and what was dropped is created again from its own stored definition. On
SQLite, a file nobody else has open is loaded in a new file beside it, with no journal, and renamed
into place (`SqliteAside`: the rename is the commit; other connections wait for the database meanwhile);
one that others have open is loaded in place, and its readers keep seeing the empty database with all
its indexes until the commit. On PostgreSQL the dropped indexes lock the tables until the commit, and
the indexes that check nothing (search and non-unique ones) are built right after it. A failure or a
crash before the commit (the rename) leaves the database empty, migrated and fully indexed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from app.dataset import versions
from app.dataset.export import (
    RECORD_TYPES,
    ExportError,
    check_shape,
    document_record,
    event_record,
    leader_record,
    position_record,
    same,
    topic_record,
)
from app.ingest.bulk import (
    DOCUMENT_COLUMNS,
    POSITION_COLUMNS,
    CopyBehind,
    PausedCollector,
    PostgresInitialLoad,
    SqliteAside,
    SqliteCache,
    SqliteInitialLoad,
    bind_processor,
    restore_triggers,
    sqlite_value,
    stand_down_triggers,
    table_of,
    write_rows,
)
from app.models import (
    ApiKey,
    DatasetVersion,
    Document,
    Event,
    EventParticipant,
    History,
    Leader,
    Position,
    PositionSpeaker,
    PositionTopic,
    Tombstone,
    Topic,
    related,
)
from app.schemas import ACTS

CHUNK = 2000
# Chunks between two passes of the cyclic garbage collector during a load (PausedCollector): its only
# garbage is the few cycles a load makes, and a pass walks the chunk in hand, ~2 ms.
COLLECT_EVERY = 50
# SQLite page cache during a restore (KiB): one transaction's dirty pages beyond it spill to the WAL, so
# memory stays flat whatever the size of the file (the bulk loader's 1 GiB grows with the load).
RESTORE_CACHE_KIB = int(os.environ.get("SUMMIT_RESTORE_CACHE_KIB", "131072"))


_PLURALS = {"history": "history entries"}


@dataclass
class LoadSummary:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_TYPES, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_TYPES, 0))

    def summary(self) -> str:
        return "; ".join(
            f"{_PLURALS.get(t, t + 's')} added {self.added[t]}, unchanged {self.unchanged[t]}"
            for t in RECORD_TYPES
            if self.added[t] or self.unchanged[t]
        )

    __str__ = summary


def _date(where: str, value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ExportError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _datetime(where: str, value: Any, optional: bool = False) -> dt.datetime | None:
    if value is None and optional:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ExportError(f"{where}: {value!r} is not an ISO 8601 timestamp") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _required_datetime(where: str, value: Any) -> dt.datetime:
    parsed = _datetime(where, value)
    assert parsed is not None
    return parsed


_IN_DOCUMENTS = text(
    "SELECT d.id, d.event_id, d.text, e.date FROM document d JOIN event e ON e.id = d.event_id WHERE d.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_EVENTS = text("SELECT id, date FROM event WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
_HASHES = text("SELECT id, sha256 FROM document WHERE sha256 IN :h").bindparams(bindparam("h", expanding=True))
_POSITIONS = text("SELECT id FROM position WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
_HISTORIED = text(
    "SELECT DISTINCT resource, resource_id FROM history WHERE id <= :floor AND resource_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_COUNTS = text(
    "INSERT INTO position_count (topic_slug, leader_slug, n) VALUES (:t, :l, :n) "
    "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + excluded.n"
)
# The chunk's position ids sit in the temporary table restore_ids; these derive what the triggers would have.
_KEYS = (
    "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) "
    "SELECT t.topic_slug, '', p.date, p.id FROM restore_ids r "
    "JOIN position_topic t ON t.position_id = r.id JOIN position p ON p.id = r.id "
    "UNION ALL SELECT '', s.leader_slug, p.date, p.id FROM restore_ids r "
    "JOIN position_speaker s ON s.position_id = r.id JOIN position p ON p.id = r.id "
    "UNION ALL SELECT t.topic_slug, s.leader_slug, p.date, p.id FROM restore_ids r "
    "JOIN position_topic t ON t.position_id = r.id JOIN position_speaker s ON s.position_id = r.id "
    "JOIN position p ON p.id = r.id"
)
_FTS = "INSERT INTO search_position (rowid, text) SELECT p.id, p.text FROM restore_ids r JOIN position p ON p.id = r.id"

_HISTORY_COLUMNS = ("resource", "resource_id", "action", "at", "version", "actor", "annotator", "changes")
_TOMBSTONE_COLUMNS = ("resource", "resource_id", "deleted_at", "version", "replaced_by", "reason")
_VERSION_COLUMNS = ("version", "at", "documents", "positions", "change")
_KEY_COLUMNS = ("name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at")


class _Restore:
    def __init__(self, session: Session, summary: LoadSummary) -> None:
        self.session, self.summary = session, summary
        self.conn: Connection = session.connection()
        self.dialect = self.conn.dialect.name
        self._stamp = bind_processor(table_of(Document).c.created_at, self.conn.dialect)
        self.leaders: set[str] = set(session.exec(select(Leader.slug)).all())
        self.topics: set[str] = set(session.exec(select(Topic.slug)).all())
        self.was_empty = session.exec(select(Document.id).limit(1)).first() is None
        # Into a database with no positions, events, tombstones or versions yet (a restore, a copy), no
        # record can meet a stored one: the per-chunk look-ups for equal rows are skipped.
        self.fresh = self.was_empty and _fresh(session)
        self._stamps: dict[str, Any] = {}
        self.history_floor = int(self.conn.execute(text("SELECT coalesce(max(id), 0) FROM history")).scalar_one())
        self.meta: dict[str, Any] = {}
        self.triggers = stand_down_triggers(self.conn)
        # Into an empty database the secondary indexes (and on PostgreSQL the constraints) are built once
        # at the end, and keys, counts and search rows derived in one statement each (initial-load mode).
        self.initial: SqliteInitialLoad | PostgresInitialLoad | None = None
        if self.fresh:
            self.initial = (SqliteInitialLoad if self.dialect == "sqlite" else PostgresInitialLoad)(self.conn)
            self.initial.drop()
        # PostgreSQL's initial load: a chunk's COPYs run while the next chunk is read and checked (`run`).
        self.behind = CopyBehind(self.conn) if isinstance(self.initial, PostgresInitialLoad) else None
        if self.dialect == "sqlite":
            self.conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS restore_ids (id INTEGER PRIMARY KEY)")
        else:
            self.conn.exec_driver_sql(
                "CREATE TEMP TABLE IF NOT EXISTS restore_ids (id BIGINT PRIMARY KEY) ON COMMIT DROP"
            )

    def stamp(self, where: str, value: Any, optional: bool = False) -> Any:
        """A timestamp as the column stores it (bulk-loaded rows share theirs: converted once each)."""
        bound = self._stamps.get(value) if type(value) is str else None
        if bound is not None:
            return bound
        parsed = _datetime(where, value, optional)
        if parsed is None:
            return None
        bound = parsed.isoformat() if self.dialect == "postgresql" else sqlite_value(self._stamp(parsed))
        if len(self._stamps) > 10_000:
            self._stamps.clear()
        self._stamps[value] = bound
        return bound

    def put(self, model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if self.behind:
            self.behind.put(table_of(model), columns, rows)
        else:
            write_rows(self.conn, table_of(model), columns, rows)

    def run(self, kind: str, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        """One chunk of records of one type. With COPYs behind, the previous chunk's are waited for first:
        its handler's look-ups need the connection, and may need those rows."""
        if self.behind:
            self.behind.wait()
        getattr(self, kind)(chunk)

    # --- per type ---------------------------------------------------------------------------------

    def leader(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        existing = {
            le.slug: le
            for le in self.session.exec(select(Leader).where(col(Leader.slug).in_([r["slug"] for _, r in chunk])))
        }
        rows = []
        for where, r in chunk:
            stored = existing.get(r["slug"])
            if stored is not None:
                same(
                    where,
                    leader_record(stored),
                    {**dict.fromkeys(("office", "country", "gender")), **r},
                    "leader",
                    r["slug"],
                )
                self.summary.unchanged["leader"] += 1
                continue
            rows.append(
                (r["slug"], r["name"], r.get("office"), r.get("country"), r.get("gender"), json.dumps(r["aliases"]))
            )
            self.leaders.add(r["slug"])
        self.put(Leader, ("slug", "name", "office", "country", "gender", "aliases"), rows)
        self.summary.added["leader"] += len(rows)

    def topic(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        existing = {
            t.slug: t
            for t in self.session.exec(select(Topic).where(col(Topic.slug).in_([r["slug"] for _, r in chunk])))
        }
        rows = []
        for where, r in chunk:
            stored = existing.get(r["slug"])
            if stored is not None:
                same(where, topic_record(stored), r, "topic", r["slug"])
                self.summary.unchanged["topic"] += 1
                continue
            rows.append((r["slug"], r["name"], r["description"], r["headline"], json.dumps(r["keywords"])))
            self.topics.add(r["slug"])
        self.put(Topic, ("slug", "name", "description", "headline", "keywords"), rows)
        self.summary.added["topic"] += len(rows)

    def event(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        ids = [r["id"] for _, r in chunk]
        existing: dict[str, Event] = {}
        if not self.fresh:
            existing = {
                e.id: e
                for e in self.session.exec(
                    select(Event).where(col(Event.id).in_(ids)).options(selectinload(related(Event.participants)))
                )
            }
        rows, links = [], []
        for where, r in chunk:
            date = _date(where, r["date"])
            for slug in r["participants"]:
                if slug not in self.leaders:
                    raise ExportError(
                        f"{where}: unknown participant {slug!r} (records must come after the ones they refer to)"
                    )
            stored = existing.get(r["id"])
            if stored is not None:
                same(where, event_record(stored), {**r, "participants": sorted(r["participants"])}, "event", r["id"])
                self.summary.unchanged["event"] += 1
                continue
            rows.append((r["id"], r["kind"], date, r["title"]))
            links += [(r["id"], slug) for slug in dict.fromkeys(r["participants"])]
        self.put(Event, ("id", "kind", "date", "title"), rows)
        self.put(EventParticipant, ("event_id", "leader_slug"), links)
        self.summary.added["event"] += len(rows)

    def document(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        events = {row[0] for row in self.conn.execute(_EVENTS, {"ids": list({r["event_id"] for _, r in chunk})})}
        ids = [r["id"] for _, r in chunk]
        existing: dict[str, Document] = {}
        by_hash: dict[str, str] = {}
        if not self.fresh:
            existing = {d.id: d for d in self.session.exec(select(Document).where(col(Document.id).in_(ids)))}
            by_hash = dict(
                (sha, doc_id) for doc_id, sha in self.conn.execute(_HASHES, {"h": [r["sha256"] for _, r in chunk]})
            )
        rows, search = [], []
        for where, r in chunk:
            if r["event_id"] not in events:
                raise ExportError(
                    f"{where}: unknown event {r['event_id']!r} (records must come after the ones they refer to)"
                )
            if hashlib.sha256(r["text"].encode("utf-8")).hexdigest() != r["sha256"]:
                raise ExportError(f"{where}: document {r['id']!r}: sha256 does not match its text")
            created = self.stamp(where, r["created_at"])
            stored = existing.get(r["id"])
            if stored is not None:
                record = {**dict.fromkeys(("source", "url")), **r}
                record["created_at"] = _required_datetime(where, r["created_at"]).isoformat()
                same(where, document_record(stored), record, "document", r["id"])
                self.summary.unchanged["document"] += 1
                continue
            other = by_hash.get(r["sha256"])
            if other is not None and other != r["id"]:
                raise ExportError(f"{where}: document {r['id']!r}: its text is stored already as document {other!r}")
            by_hash[r["sha256"]] = r["id"]
            rows.append(
                (
                    r["id"],
                    r["event_id"],
                    r["title"],
                    r.get("source"),
                    r.get("url"),
                    r["language"],
                    r["text"],
                    r["sha256"],
                    created,
                )
            )
            search.append((r["id"], r["title"], r["text"]))
        self.put(Document, DOCUMENT_COLUMNS, rows)
        if self.dialect == "sqlite" and search:
            self.conn.exec_driver_sql("INSERT INTO search_document (document_id, title, text) VALUES (?, ?, ?)", search)
        self.summary.added["document"] += len(rows)

    def position(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        documents = {
            doc_id: (event_id, text_, date if isinstance(date, str) else date.isoformat())
            for doc_id, event_id, text_, date in self.conn.execute(
                _IN_DOCUMENTS, {"ids": list({r["document_id"] for _, r in chunk})}
            )
        }
        existing: set[int] = set()
        if not self.fresh:
            existing = {row[0] for row in self.conn.execute(_POSITIONS, {"ids": [r["id"] for _, r in chunk]})}
        rows: list[tuple[Any, ...]] = []
        speakers: list[tuple[int, str]] = []
        topics: list[tuple[int, str]] = []
        counts: dict[tuple[str, str], int] = {}
        # The loop runs once per position of the file (a million for a 1M export): names bound once here.
        leaders, known_topics, stamp = self.leaders, self.topics, self.stamp
        add_row, add_speaker, add_topic = rows.append, speakers.append, topics.append
        for where, r in chunk:
            pid = r["id"]
            doc = documents.get(r["document_id"])
            if doc is None:
                raise ExportError(
                    f"{where}: unknown document {r['document_id']!r} (records must come after the ones they refer to)"
                )
            event_id, text_, date = doc
            if r["event_id"] != event_id:
                raise ExportError(f"{where}: position {pid}: event_id {r['event_id']!r} is not its document's event")
            start, end, span = r["start"], r["end"], r["text"]
            if not 0 <= start < end <= len(text_) or text_[start:end] != span:
                raise ExportError(f"{where}: position {pid}: text is not the document text at [{start}, {end})")
            act = r.get("act")
            if act is not None and act not in ACTS:
                raise ExportError(f"{where}: position {pid}: act {act!r} must be one of {', '.join(ACTS)}")
            confidence = r["confidence"]
            if not 0 <= confidence <= 1:
                raise ExportError(f"{where}: position {pid}: confidence must be within [0, 1]")
            if r["date"] != date and _date(where, r["date"]) != date:
                raise ExportError(f"{where}: position {pid}: date {r['date']} is not its event's date")
            who, what = r["speakers"], r["topics"]
            if not leaders.issuperset(who):
                _unknown(where, "speaker", who, leaders)
            if not known_topics.issuperset(what):
                _unknown(where, "topic", what, known_topics)
            created = stamp(where, r["created_at"])
            if pid in existing:
                self._compare_position(where, r)
                continue
            add_row(
                (
                    pid,
                    r["document_id"],
                    event_id,
                    date,
                    start,
                    end,
                    span,
                    act,
                    r["method"],
                    float(confidence),
                    r["reviewed"],
                    created,
                )
            )
            if len(who) > 1:
                who = list(dict.fromkeys(who))
            if len(what) > 1:
                what = list(dict.fromkeys(what))
            for s in who:
                add_speaker((pid, s))
            for t in what:
                add_topic((pid, t))
            if self.initial:
                continue  # keys and counts are derived once at the end
            counts["", ""] = counts.get(("", ""), 0) + 1
            for t in what:
                counts[t, ""] = counts.get((t, ""), 0) + 1
                for s in who:
                    counts[t, s] = counts.get((t, s), 0) + 1
            for s in who:
                counts["", s] = counts.get(("", s), 0) + 1
        if not rows:
            return
        self.put(Position, POSITION_COLUMNS, rows)
        self.put(PositionSpeaker, ("position_id", "leader_slug"), speakers)
        self.put(PositionTopic, ("position_id", "topic_slug"), topics)
        self.summary.added["position"] += len(rows)
        if self.initial:
            return
        self.conn.exec_driver_sql("DELETE FROM restore_ids")
        write_rows(self.conn, _restore_ids(self.conn), ("id",), [(row[0],) for row in rows])
        self.conn.exec_driver_sql(_KEYS)
        if self.dialect == "sqlite":
            self.conn.exec_driver_sql(_FTS)
        self.conn.execute(_COUNTS, [{"t": t, "l": le, "n": n} for (t, le), n in sorted(counts.items())])

    def _compare_position(self, where: str, r: dict[str, Any]) -> None:
        stored = self.session.exec(
            select(Position)
            .where(Position.id == r["id"])
            .options(selectinload(related(Position.speakers)), selectinload(related(Position.topics)))
        ).one()
        record = {
            **r,
            "speakers": sorted(r["speakers"]),
            "topics": sorted(r["topics"]),
            "act": r.get("act"),
            "created_at": _required_datetime(where, r["created_at"]).isoformat(),
        }
        same(where, position_record(stored), record, "position", r["id"])
        self.summary.unchanged["position"] += 1

    def tombstone(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        rows = []
        for where, r in chunk:
            if not self.fresh and self.session.get(Tombstone, (r["resource"], r["resource_id"])) is not None:
                self.summary.unchanged["tombstone"] += 1
                continue
            rows.append(
                (
                    r["resource"],
                    r["resource_id"],
                    self.stamp(where, r["deleted_at"]),
                    r["version"],
                    r.get("replaced_by"),
                    r.get("reason"),
                )
            )
        self.put(Tombstone, _TOMBSTONE_COLUMNS, rows)
        self.summary.added["tombstone"] += len(rows)

    def history(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        # A resource whose history the database had before this load keeps it (a reload adds none twice).
        had: set[tuple[str, str]] = set()
        if self.history_floor:
            had = {
                (resource, rid)
                for resource, rid in self.conn.execute(
                    _HISTORIED, {"floor": self.history_floor, "ids": list({r["resource_id"] for _, r in chunk})}
                )
            }
        rows: list[tuple[Any, ...]] = []
        add, stamp = rows.append, self.stamp
        for where, r in chunk:
            if had and (r["resource"], r["resource_id"]) in had:
                self.summary.unchanged["history"] += 1
                continue
            changes = r.get("changes")
            add(
                (
                    r["resource"],
                    r["resource_id"],
                    r["action"],
                    stamp(where, r["at"]),
                    r["version"],
                    r.get("actor"),
                    r.get("annotator"),
                    None if changes is None else json.dumps(changes),
                )
            )
        self.put(History, _HISTORY_COLUMNS, rows)
        self.summary.added["history"] += len(rows)

    def version(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        numbers = [r["version"] for _, r in chunk]
        stored = set(self.session.exec(select(DatasetVersion.version).where(col(DatasetVersion.version).in_(numbers))))
        rows = []
        for where, r in chunk:
            if r["version"] in stored:
                self.summary.unchanged["version"] += 1
                continue
            rows.append((r["version"], self.stamp(where, r["at"]), r["documents"], r["positions"], r["change"]))
        self.put(DatasetVersion, _VERSION_COLUMNS, rows)
        self.summary.added["version"] += len(rows)

    def api_key(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        names = set(self.session.exec(select(ApiKey.name).where(col(ApiKey.name).in_([r["name"] for _, r in chunk]))))
        rows = []
        for where, r in chunk:
            if r["name"] in names:
                self.summary.unchanged["api_key"] += 1
                continue
            rows.append(
                (
                    r["name"],
                    r["prefix"],
                    r["key_hash"],
                    self.stamp(where, r["created_at"]),
                    self.stamp(where, r.get("last_used_at"), True),
                    self.stamp(where, r.get("revoked_at"), True),
                )
            )
        self.put(ApiKey, _KEY_COLUMNS, rows)
        self.summary.added["api_key"] += len(rows)

    def dataset(self, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        for _, r in chunk:
            self.meta = r

    # --- the end ----------------------------------------------------------------------------------

    def finish(self, exact_version: bool) -> int:
        """Id high-water mark and data version; the triggers back on. Returns the data version."""
        conn = self.conn
        if self.behind:
            self.behind.wait()
        high = max(int(self.meta.get("position_sequence") or 0), _max_position(conn))
        if self.dialect == "sqlite":
            current = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'position'")).scalar()
            if current is None:
                conn.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('position', :n)"), {"n": high})
            elif high > current:
                conn.execute(text("UPDATE sqlite_sequence SET seq = :n WHERE name = 'position'"), {"n": high})
        else:
            seq = conn.execute(text("SELECT pg_get_serial_sequence('position', 'id')")).scalar_one()
            sql = f"SELECT last_value, is_called FROM {seq}"  # sql-identifiers-only
            last, called = conn.exec_driver_sql(sql).one()
            high = max(high, int(last) if called else 0)
            if high:
                conn.execute(text("SELECT setval(pg_get_serial_sequence('position', 'id'), :n)"), {"n": high})
        if self.initial:
            self.initial.finish()
        restore_triggers(conn, self.triggers)
        source = self.meta.get("version")
        current_version = versions.current(self.session)
        if isinstance(source, int) and (exact_version or (self.was_empty and source > current_version)):
            # The database now holds exactly the source's dataset: it answers the source's version.
            conn.execute(text("UPDATE data_version SET version = :v WHERE id = 1"), {"v": source})
            return source
        loaded = sum(self.summary.added.values())
        return versions.bump(conn, f"loaded an export ({loaded} records)") if loaded else current_version


def _unknown(where: str, what: str, slugs: list[Any], known: set[str]) -> None:
    """Raise for the first of `slugs` that is not `known` (a speaker or topic record not loaded before)."""
    for slug in slugs:
        if slug not in known:
            raise ExportError(f"{where}: unknown {what} {slug!r} (records must come after the ones they refer to)")


def _fresh(session: Session) -> bool:
    """The database holds no documents, positions, events, tombstones or versions (a restore, a copy)."""
    return not any(
        session.exec(select(m).limit(1)).first() for m in (Document, Position, Event, Tombstone, DatasetVersion)
    )


def _max_position(conn: Connection) -> int:
    return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM position")).scalar_one())


def _restore_ids(conn: Connection) -> Any:
    from sqlalchemy import BigInteger, Column, MetaData, Table

    return Table("restore_ids", MetaData(), Column("id", BigInteger, primary_key=True))


def load(session: Session, records: Iterable[dict[str, Any]], *, exact_version: bool = False) -> LoadSummary:
    """Validate and write `records` (as `dump` makes them) in one transaction: all or nothing.

    A record equal to a stored row is skipped; one that differs is an error. Raises ExportError
    naming the record's 1-based position in `records`. `exact_version` makes the database answer the
    file's data version even if it held data before (`summit db copy` into an empty database)."""
    summary = LoadSummary()
    sqlite = session.get_bind().dialect.name == "sqlite"
    # Into an empty SQLite file nobody else has open, the load is built beside it and renamed into place
    # (SqliteAside: every page written once, no journal); otherwise in place, in one transaction.
    aside = SqliteAside.open(session) if sqlite and _fresh(session) else None
    work = aside.session if aside else session
    # Every reference is checked here before it is written (the records it names are looked up per chunk).
    cache = SqliteCache(work, RESTORE_CACHE_KIB, references_checked=True) if sqlite else None
    behind: CopyBehind | None = None
    # The load allocates millions of short-lived records and rows: the collector's automatic passes are off
    # for it (PausedCollector), with one pass every COLLECT_EVERY chunks over what is not frozen (the
    # process's long-lived objects are).
    collector = PausedCollector()
    try:
        if cache:
            cache.enlarge()
        restore = _Restore(work, summary)
        behind = restore.behind
        kind, chunk, runs = "", list[tuple[str, dict[str, Any]]](), 0
        for number, record in enumerate(records, start=1):
            where = f"record {number}"
            this = check_shape(where, record)
            if (this != kind or len(chunk) >= CHUNK) and chunk:
                restore.run(kind, chunk)
                chunk = []
                runs += 1
                if runs % COLLECT_EVERY == 0:
                    collector.collect()
            kind = this
            chunk.append((where, record))
        if chunk:
            restore.run(kind, chunk)
        restore.finish(exact_version)
        work.commit()
    except BaseException:
        if behind:
            behind.close()  # nothing in flight on the connection when it rolls back
        work.rollback()
        if aside:
            aside.discard()
        raise
    finally:
        collector.resume()
        if behind:
            behind.close()
        if cache:
            cache.restore()
    if aside:
        try:
            aside.swap()
        except BaseException:
            aside.discard()
            raise
    if isinstance(restore.initial, PostgresInitialLoad):
        restore.initial.build_search_indexes(session.get_bind())
    return summary
