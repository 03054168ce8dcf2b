"""What an export reload leaves in the process that ran it: a start-up without the annotator, and the
garbage collector working again after the load, whether it succeeded or failed."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.core.db import make_engine
from app.core.migrate import upgrade
from app.dataset.export import ExportError, dump
from app.dataset.restore import load
from tests.conftest import SQLITE_ONLY, TEST_DATABASE_URL, settings_for
from tests.seed_facts import POSITIONS

# `summit ingest FILE`, then the modules of the annotator and of the web layer the process imported.
_INGEST_AND_LIST_MODULES = """
import sys
from collections.abc import Iterator
from app.cli import cli
sys.argv = ["summit", "ingest", sys.argv[1]]
try:
    cli()
except SystemExit as exc:
    if exc.code:
        raise
print(sorted(name for name in sys.modules if name.split(".")[0] == "fastapi" or name.startswith("app.annotate")))
"""


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason=SQLITE_ONLY)
def test_summit_ingest_of_an_export_never_imports_the_annotator(session: Session, tmp_path: Path) -> None:
    export = tmp_path / "export.ndjson"
    export.write_text("".join(json.dumps(r) + "\n" for r in dump(session)), encoding="utf-8")
    target = tmp_path / "target.sqlite3"
    upgrade(settings_for(target))
    done = subprocess.run(
        [sys.executable, "-c", _INGEST_AND_LIST_MODULES, str(export)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{target}"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    engine = make_engine(settings_for(target))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM position")).scalar_one() == POSITIONS
    engine.dispose()


def test_the_garbage_collector_works_again_after_a_load(session: Session, empty: Session) -> None:
    records = list(dump(session))
    load(empty, records)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_the_garbage_collector_works_again_after_a_failed_load(session: Session, empty: Session) -> None:
    records = list(dump(session))
    bad = next(r for r in records if r["type"] == "position")
    bad["confidence"] = 3.0
    with pytest.raises(ExportError, match="confidence"):
        load(empty, records)
    assert gc.get_freeze_count() == 0
    assert empty.connection().execute(text("SELECT count(*) FROM position")).scalar_one() == 0
