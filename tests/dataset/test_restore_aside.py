"""A load into an empty SQLite file nobody else has open is built beside it and renamed into place
(`SqliteAside`): what the database, its readers and a crash see."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.core.db import make_engine
from app.core.migrate import upgrade
from app.dataset.export import ExportError, dump
from app.dataset.restore import load
from app.ingest import bulk
from app.ingest.bulk import SqliteAside
from tests.conftest import SQLITE_ONLY, TEST_DATABASE_URL, settings_for
from tests.seed_facts import POSITIONS

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason=SQLITE_ONLY)


def _file(session: Session) -> Path:
    database = session.get_bind().url.database
    assert database
    return Path(database)


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[SqliteAside | None]:
    """What each SqliteAside.open of the test returned."""
    seen: list[SqliteAside | None] = []
    original = SqliteAside.open

    def spy(session: Session) -> SqliteAside | None:
        seen.append(original(session))
        return seen[-1]

    monkeypatch.setattr(SqliteAside, "open", spy)
    return seen


def _positions(session: Session) -> int:
    return int(session.connection().execute(text("SELECT count(*) FROM position")).scalar_one())


def _leftovers(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.loading-*"))


def test_a_load_into_an_empty_file_is_built_aside_and_renamed_into_place(
    session: Session, empty: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(empty)
    crashed = path.with_name(f"{path.name}.loading-1")  # what a crashed load aside leaves
    crashed.write_bytes(b"half a database")
    opened = _opened(monkeypatch)
    records = list(dump(session))
    idle = sqlite3.connect(path)  # opened but never used: SQLite cannot tell it is there

    def reading() -> Iterator[dict[str, Any]]:
        for number, record in enumerate(records):
            if number == len(records) // 2:
                # During the load the database is the load's alone: another connection waits, then fails.
                other = sqlite3.connect(path, timeout=0)
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("SELECT count(*) FROM document").fetchone()
                other.close()
            yield record

    load(empty, reading())
    assert opened and opened[0] is not None
    assert _positions(empty) == POSITIONS
    assert _leftovers(path) == []
    assert not Path(f"{path}-journal").exists()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The connection that held the old file reads no empty database: the old file is no database now.
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        idle.execute("SELECT count(*) FROM document").fetchone()
    idle.close()


def test_a_database_someone_else_has_open_is_loaded_in_place(
    session: Session, empty: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(empty)
    opened = _opened(monkeypatch)
    reader = make_engine(settings_for(path))  # as a server's pool would hold it
    with reader.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM position")).scalar_one() == 0
        load(empty, dump(session))
        # It kept reading the committed state while the load ran in place; now it sees the loaded one.
        conn.rollback()
        assert conn.execute(text("SELECT count(*) FROM position")).scalar_one() == POSITIONS
    reader.dispose()
    assert opened == [None]
    assert _leftovers(path) == []


def test_a_failed_load_aside_leaves_the_database_as_it_was(session: Session, empty: Session) -> None:
    path = _file(empty)
    records = list(dump(session))
    bad = next(i for i, r in enumerate(records) if r["type"] == "position")
    records[bad] = {**records[bad], "document_id": "no-such-document"}
    with pytest.raises(ExportError):
        load(empty, records)
    assert _leftovers(path) == []
    empty.rollback()
    assert _positions(empty) == 0
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    load(empty, records[:bad] + records[bad + 1 :])  # and it takes the next load
    assert _positions(empty) == POSITIONS - 1


def test_switched_off_the_load_runs_in_place(session: Session, empty: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "SQLITE_ASIDE", False)
    opened = _opened(monkeypatch)
    load(empty, dump(session))
    assert opened == [None]
    assert _positions(empty) == POSITIONS


def test_a_kill_during_a_load_aside_leaves_the_empty_database(session: Session, tmp_path: Path) -> None:
    export = tmp_path / "export.ndjson"
    records = list(dump(session))
    # Long enough to be killed mid-load: the documents and positions again under new ids, 1,500 times over.
    documents = [r for r in records if r["type"] == "document"]
    positions = [r for r in records if r["type"] == "position"]
    copies = range(1, 1501)
    with export.open("wb") as out:
        for r in records:
            out.write(orjson.dumps(r) + b"\n")
            if r is documents[-1]:
                for copy in copies:
                    for d in documents:
                        body = f"{d['text']} ({copy})"
                        sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
                        out.write(orjson.dumps({**d, "id": f"{d['id']}-{copy}", "text": body, "sha256": sha}) + b"\n")
            if r is positions[-1]:
                for copy in copies:
                    for p in positions:
                        moved = {**p, "id": p["id"] + 100_000 * copy, "document_id": f"{p['document_id']}-{copy}"}
                        out.write(orjson.dumps(moved) + b"\n")
    target = tmp_path / "target.sqlite3"
    upgrade(settings_for(target))
    conn = sqlite3.connect(target)
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()  # (`with` would leave it open, and a load is built aside only into a file nobody has open)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "ingest", str(export)],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{target}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not _leftovers(target) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert _leftovers(target) and proc.poll() is None, "the kill should land during the load aside"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM document").fetchone()[0] == 0
        assert conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    # Run again, it loads, and the crashed load's file is gone.
    rerun = subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", str(export)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{target}"},
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert _leftovers(target) == []
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT count(*) FROM position").fetchone()[0] == POSITIONS * (1 + len(copies))
