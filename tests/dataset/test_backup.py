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
        n: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # sql-identifiers-only (fixed table names)
        return n


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


def test_backup_and_restore_keep_the_id_high_water_mark(settings: Settings, db_file: Path, tmp_path: Path) -> None:
    from sqlmodel import col, select

    from app.curation.service import add_position, delete_position
    from app.models import Position
    from app.schemas import PositionIn

    engine = make_engine(settings)
    with Session(engine) as s:
        newest = s.exec(select(Position).order_by(col(Position.id).desc())).first()
        assert newest is not None and newest.id is not None
        deleted, document_id, start, end = newest.id, newest.document_id, newest.start, newest.end
        delete_position(s, newest, actor="tests")
    engine.dispose()
    target = tmp_path / "backup.sqlite3"
    backup(settings.database_url, target)
    restored = tmp_path / "restored.sqlite3"
    restore(f"sqlite:///{restored}", target)
    with sqlite3.connect(restored) as conn:
        assert conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'position'").fetchone()[0] >= deleted
    engine = make_engine(Settings(database_url=f"sqlite:///{restored}"))
    with Session(engine) as s:
        added = add_position(
            s, PositionIn(document_id=document_id, start=start, end=end, speakers=["xi-jinping"]), actor="tests"
        )
        assert added.id is not None and added.id > deleted  # the deleted id is not handed out again
    engine.dispose()
