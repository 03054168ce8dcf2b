"""Online backup and restore of the SQLite database, through SQLite's backup API.

The backup API copies pages while holding read locks step by step, so a backup taken while the
server serves and writes is a consistent snapshot; readers and writers are never stopped for long.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

PAGES_PER_STEP = 1024


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why."""


def sqlite_path(database_url: str) -> Path:
    """The file behind a SQLite URL; BackupError for other engines (use pg_dump for PostgreSQL)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("backup and restore work on SQLite files; for PostgreSQL use pg_dump / pg_restore")
    return Path(url.database)


def _check(conn: sqlite3.Connection, what: str) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what} failed PRAGMA integrity_check: {result}")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"alembic_version", "document", "position"} <= tables:
        raise BackupError(f"{what} is not a summit database (no alembic_version/document/position tables)")


def backup(database_url: str, target: Path) -> int:
    """Copy the live database to `target` (which must not exist); returns the target's size in bytes."""
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"no database at {source_path}")
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file so no backup is overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=PAGES_PER_STEP)
        _check(dst, "the backup")
    src.close()
    dst.close()
    return target.stat().st_size


def restore(database_url: str, source: Path) -> None:
    """Replace the database's content with the backup at `source`, after checking the backup."""
    target_path = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"no backup at {source}")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
        _check(src, "the backup")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(target_path) as dst:
            src.backup(dst, pages=PAGES_PER_STEP)
        dst.close()
    src.close()
