"""`summit db backup` / `restore`: a consistent copy, taken while the server writes, and restored."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlmodel import Session

from app.access.keys import create_key
from app.core.config import Settings
from app.core.db import make_engine
from app.dataset.backup import BackupError, backup, restore
from tests.conftest import ON_POSTGRES, SQLITE_ONLY


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed table names)


def test_backup_while_writing_then_restore(settings: Settings, db_file: Path, tmp_path: Path) -> None:
    engine = make_engine(settings)
    stop = threading.Event()

    def write_keys() -> None:
        n = 0
        while not stop.is_set():
            with Session(engine) as s:
                create_key(s, f"writer-{n}")
            n += 1

    writer = threading.Thread(target=write_keys)
    writer.start()
    try:
        target = tmp_path / "backup.sqlite3"
        size = backup(settings.database_url, target)
    finally:
        stop.set()
        writer.join()
    assert size > 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count(target, "position") == 15
    backed_up_keys = count(target, "api_key")

    # Damage the live data, then restore the backup over it.
    with sqlite3.connect(db_file) as conn:
        conn.execute("DELETE FROM position_topic")
    restore(settings.database_url, target)
    assert count(db_file, "position_topic") > 0
    assert count(db_file, "api_key") == backed_up_keys
    engine.dispose()


@pytest.mark.skipif(ON_POSTGRES, reason=f"SQLite-specific: {SQLITE_ONLY}")
def test_backup_refuses_to_overwrite_and_restore_refuses_junk(settings: Settings, tmp_path: Path) -> None:
    existing = tmp_path / "exists"
    existing.write_text("x")
    with pytest.raises(BackupError, match="exists"):
        backup(settings.database_url, existing)
    junk = tmp_path / "junk.sqlite3"
    sqlite3.connect(junk).close()
    with pytest.raises(BackupError, match="not a summit database"):
        restore(settings.database_url, junk)
    with pytest.raises(BackupError, match="PostgreSQL"):
        backup("postgresql+psycopg://localhost/x", tmp_path / "b")
