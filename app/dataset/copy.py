"""`summit db copy --to URL`: the whole database into another one (SQLite or PostgreSQL, either way), verified.

1. The target is migrated to the newest schema and must hold no data (a fresh file or database).
2. The source is read from one consistent snapshot while it keeps serving: a SQLite source is first
   copied with SQLite's online backup API (readers and writers carry on), a PostgreSQL source is read in
   one REPEATABLE READ transaction.
3. The snapshot's export (every record, API key hashes included) streams into the target through the
   bulk path (`app.dataset.restore`) in one transaction: the copy is atomic. A failure leaves the target
   migrated and empty, so running the command again is the way to resume.
4. Verification: the target's export is byte-identical to the snapshot's (SHA-256 of both streams), the
   row count of every table is compared, and the target's integrity is checked.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.core.config import Settings
from app.core.db import make_engine
from app.core.migrate import upgrade
from app.dataset.backup import backup, sqlite_path
from app.dataset.export import dump
from app.dataset.restore import LoadSummary, load

# Every table a copy carries (the derived ones included: they are compared, not copied).
TABLES = (
    "leader",
    "topic",
    "event",
    "event_participant",
    "document",
    "position",
    "position_speaker",
    "position_topic",
    "position_key",
    "position_count",
    "tombstone",
    "history",
    "dataset_version",
    "api_key",
)
DATA_TABLES = ("document", "position", "history", "dataset_version", "api_key", "tombstone")


class CopyError(RuntimeError):
    """A copy that cannot be made or did not verify; the message says why and what to do."""


@dataclass
class CopyReport:
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (source, target)
    source_sha256: str = ""
    target_sha256: str = ""
    integrity: str = ""
    loaded: LoadSummary | None = None
    seconds: float = 0.0

    @property
    def identical(self) -> bool:
        return bool(self.source_sha256) and self.source_sha256 == self.target_sha256

    @property
    def counts_match(self) -> bool:
        return all(a == b for a, b in self.counts.values())

    def lines(self) -> list[str]:
        out = [f"{table}: {s} -> {t}{'' if s == t else '  MISMATCH'}" for table, (s, t) in self.counts.items()]
        out.append(
            f"exports: {'byte-identical' if self.identical else 'DIFFERENT'} (sha256 {self.target_sha256[:16]}…)"
        )
        out.append(f"integrity: {self.integrity}")
        return out


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _hashing(records: Iterator[dict[str, Any]], digest: Any) -> Iterator[dict[str, Any]]:
    for record in records:
        digest.update(_line(record))
        yield record


def export_sha256(session: Session) -> str:
    """SHA-256 of the database's full export (keys included), as `summit export` would write it."""
    digest = hashlib.sha256()
    for record in dump(session, keys=True):
        digest.update(_line(record))
    return digest.hexdigest()


def counts(session: Session) -> dict[str, int]:
    conn = session.connection()
    sql = {t: f"SELECT count(*) FROM {t}" for t in TABLES}  # sql-identifiers-only
    return {t: int(conn.exec_driver_sql(sql[t]).scalar_one()) for t in TABLES}


def integrity(session: Session) -> str:
    """The target's own checks: SQLite's integrity and foreign-key checks; on both engines, that the
    maintained counts and keys agree with the positions."""
    conn = session.connection()
    problems = []
    if conn.dialect.name == "sqlite":
        result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        if result != "ok":
            problems.append(f"integrity_check: {result}")
        if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
            problems.append("foreign_key_check found rows without their parent")
    total = conn.exec_driver_sql("SELECT count(*) FROM position").scalar_one()
    counted = conn.exec_driver_sql(
        "SELECT coalesce(max(n), 0) FROM position_count WHERE topic_slug = '' AND leader_slug = ''"
    ).scalar_one()
    if total != counted:
        problems.append(f"position_count says {counted} positions, the table holds {total}")
    keyed = conn.exec_driver_sql("SELECT count(*) FROM position_key WHERE topic_slug = '' AND leader_slug <> ''")
    linked = conn.exec_driver_sql("SELECT count(*) FROM position_speaker")
    if keyed.scalar_one() != linked.scalar_one():
        problems.append("position_key does not hold one speaker row per position speaker")
    checks = "integrity_check, foreign_key_check, " if conn.dialect.name == "sqlite" else ""
    return "; ".join(problems) if problems else f"ok ({checks}maintained counts and keys)"


@contextmanager
def _snapshot(source_url: str, scratch: Path) -> Iterator[Session]:
    """A session on one consistent state of the source, which keeps serving meanwhile."""
    if make_url(source_url).get_backend_name() == "sqlite":
        if not sqlite_path(source_url).exists():
            raise CopyError(f"no database at {sqlite_path(source_url)}")
        copy = scratch / "snapshot.sqlite3"
        backup(source_url, copy)
        engine = make_engine(Settings(database_url=f"sqlite:///{copy}"))
    else:
        engine = make_engine(Settings(database_url=source_url)).execution_options(isolation_level="REPEATABLE READ")
    try:
        with Session(engine) as session:
            yield session
            session.rollback()
    finally:
        engine.dispose()


def _fresh_target(target_url: str) -> Settings:
    settings = Settings(database_url=target_url)
    upgrade(settings)
    engine = make_engine(settings)
    try:
        with Session(engine) as session:
            held = {t: n for t, n in counts(session).items() if t in DATA_TABLES and n}
    finally:
        engine.dispose()
    if held:
        what = ", ".join(f"{n} {t} rows" for t, n in held.items())
        raise CopyError(f"the target already holds data ({what}); copy into a new, empty database")
    return settings


def copy_database(
    source_url: str, target_url: str, progress: Callable[[str], None] = lambda message: None
) -> CopyReport:
    """Copy every table from `source_url` to `target_url` and verify the copy (see the module's doc)."""
    if make_url(source_url) == make_url(target_url):
        raise CopyError("the source and the target are the same database")
    started = time.perf_counter()
    report = CopyReport()
    target = _fresh_target(target_url)
    progress("target migrated and empty")
    with tempfile.TemporaryDirectory(prefix="summit-copy-") as scratch, _snapshot(source_url, Path(scratch)) as source:
        progress("source snapshot taken")
        source_counts = counts(source)
        digest = hashlib.sha256()
        engine = make_engine(target)
        try:
            with Session(engine) as session:
                report.loaded = load(session, _hashing(dump(source, keys=True), digest), exact_version=True)
                progress(f"copied: {report.loaded}")
                report.source_sha256 = digest.hexdigest()
                report.target_sha256 = export_sha256(session)
                target_counts = counts(session)
                report.integrity = integrity(session)
        finally:
            engine.dispose()
    report.counts = {t: (source_counts[t], target_counts[t]) for t in TABLES}
    report.seconds = time.perf_counter() - started
    if not (report.identical and report.counts_match and report.integrity.startswith("ok")):
        raise CopyError("the copy did not verify:\n  " + "\n  ".join(report.lines()))
    return report
