"""SIGKILL in the middle of a bulk ingest: the database stays intact and holds whole documents only."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.annotate import Participant, annotate, load_topic_specs
from app.core.config import PROJECT_ROOT
from tests.readouts import readout

FILES = 300


def stored_documents(db_file: Path) -> dict[str, tuple[str, int]]:
    with sqlite3.connect(db_file) as conn:
        rows = conn.execute(
            "SELECT d.id, d.text, count(p.id) FROM document d LEFT JOIN position p "
            "ON p.document_id = d.id GROUP BY d.id"
        ).fetchall()
    return {doc_id: (text, n) for doc_id, text, n in rows}


def test_kill_during_bulk_ingest_leaves_whole_documents(db_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "readouts"
    folder.mkdir()
    for i in range(FILES):
        text, date = readout(5000 + i)
        (folder / f"readout-{i:04d}-{date}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "ingest", str(folder)],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{db_file}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(stored_documents(db_file)) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = stored_documents(db_file)
    assert 20 <= len(stored) < FILES + 1, "the kill should land mid-ingest"
    topics = load_topic_specs(PROJECT_ROOT / "data" / "topics.yaml")
    with sqlite3.connect(db_file) as conn:
        known = [
            Participant(name=name, title=office, country=country, gender=gender)
            for name, office, country, gender in conn.execute("SELECT name, office, country, gender FROM leader")
        ]
    for doc_id, (text, count) in stored.items():
        if doc_id == "xi-putin-2021-08-25":
            assert count == 15
            continue
        expected = annotate(text, topics=topics, participants=None, known_leaders=known)
        assert count == len(expected.positions) > 0, doc_id
    # The interrupted run can simply be repeated: what is stored is skipped as duplicates.
    rerun = subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{db_file}"},
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"skipped as duplicates {len(stored) - 1}" in rerun.stdout
    assert len(stored_documents(db_file)) == FILES + 1
    print(
        f"\nkilled with SIGKILL after {len(stored) - 1} of {FILES} documents: integrity ok, "
        f"every stored document whole, rerun completed the rest"
    )
