"""`summit db copy`: every table into another database (SQLite and PostgreSQL, both ways), verified by
byte-identical exports, row counts and an integrity check; ids, curation, history, tombstones, keys and
the data version travel with it; an export reloads through the bulk path with the same guarantees."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.access.keys import create_key
from app.annotate import Annotation
from app.core.config import Settings
from app.core.db import make_engine
from app.curation.service import delete_position, patch_position
from app.dataset.copy import CopyError, copy_database, export_sha256
from app.ingest.bulk import bulk_ingest
from app.ingest.from_files import load_export
from app.main import create_app
from app.models import Position
from app.schemas import DocumentIn, PositionPatch
from tests import conftest
from tests.ingest.test_bulk import _doc, full_schema

T = TypeVar("T")

XI_PUTIN = ["xi-jinping", "vladimir-putin"]


def generated(n: int) -> Iterator[tuple[DocumentIn, Annotation]]:
    for k in range(n):
        yield _doc(
            1 + k,
            XI_PUTIN,
            f"2021-{1 + k % 12:02d}-{1 + k % 28:02d}",
            [("Xi Jinping",), ("Vladimir Putin",), ("Xi Jinping", "Vladimir Putin")],
            [("afghanistan",), ("trade", "taiwan"), ()],
        )


def curate(url: str, documents: int = 0) -> int:
    """Seed + `documents` generated readouts + a curated edit, a deletion and a key; returns the deleted id."""
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        if documents:
            report = bulk_ingest(session, generated(documents), actor="tests")
            assert report.documents == documents
        newest = session.exec(select(Position).order_by(col(Position.id).desc())).first()
        assert newest is not None and newest.id is not None
        deleted = newest.id
        delete_position(session, newest, actor="alice")
        patch_position(session, session.get_one(Position, 12), PositionPatch(act="oppose"), actor="alice")
        create_key(session, "copied-key")
    engine.dispose()
    return deleted


def empty_target(tmp_path: Path, name: str) -> str:
    if conftest.ON_POSTGRES:
        database = f"summit_copy_{conftest._WORKER}_{name}"
        conftest._pg_admin(
            f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}"
        )  # sql-identifiers-only
        return conftest._pg_url(database)
    return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"


def read_from(url: str, read: Callable[[Session], T]) -> T:
    """`read` on a session of its own on the database at `url`."""
    engine = make_engine(Settings(database_url=url))
    try:
        with Session(engine) as session:
            return read(session)
    finally:
        engine.dispose()


def schema_of(url: str) -> object:
    return read_from(url, full_schema)


def sha(url: str) -> str:
    return read_from(url, export_sha256)


@pytest.mark.parametrize("documents", [0, 300], ids=["seed", "generated"])
def test_copy_both_ways_keeps_every_table_and_verifies(database_url: str, tmp_path: Path, documents: int) -> None:
    deleted = curate(database_url, documents)
    there = f"sqlite:///{tmp_path / 'there.sqlite3'}"  # the suite's engine -> SQLite
    first = copy_database(database_url, there)
    assert first.identical and first.counts_match and first.integrity.startswith("ok")
    assert first.counts["api_key"][1] >= 1 and first.counts["tombstone"][1] == 1 and first.counts["history"][1] > 0
    back = empty_target(tmp_path, f"back{documents}")  # SQLite -> the suite's engine (PostgreSQL under test-postgres)
    second = copy_database(there, back)
    assert second.identical and second.counts_match
    # Loaded into an empty database with the indexes (and on PostgreSQL the constraints) built at the end:
    # every one of them is back, exactly as the migrations made them.
    assert schema_of(back) == schema_of(database_url)
    assert sha(database_url) == sha(back)  # the source itself, after both hops: the same bytes
    app = create_app(Settings(database_url=back))
    with TestClient(app) as client:
        gone = client.get(f"/v1/positions/{deleted}")
        assert gone.status_code == 410 and gone.json()["deleted_at"]
        assert client.get("/v1/positions/12").json()["act"] == "oppose"
        source_version = create_app(Settings(database_url=database_url))
        with TestClient(source_version) as source_client:
            assert (
                client.get("/v1/positions/1").headers["x-dataset-version"]
                == source_client.get("/v1/positions/1").headers["x-dataset-version"]
            )
        source_version.state.engine.dispose()
        history = client.get("/v1/positions/12/history").json()
        assert [e["actor"] for e in history["items"] if e["action"] == "edited"] == ["alice"]
    app.state.engine.dispose()
    engine = make_engine(Settings(database_url=back))
    with Session(engine) as session:  # the id high-water mark travelled: a new position gets a new id
        from app.curation.service import add_position
        from app.schemas import PositionIn

        text = session.get_one(Position, 1)
        added = add_position(
            session,
            PositionIn(document_id=text.document_id, start=text.start, end=text.end, speakers=["emmanuel-macron"]),
            actor="tests",
        )
        assert added.id is not None and added.id > deleted
    engine.dispose()


def test_copy_refuses_a_target_that_holds_data(database_url: str, tmp_path: Path) -> None:
    with pytest.raises(CopyError, match="already holds data"):
        copy_database(f"sqlite:///{tmp_path / 'x.sqlite3'}", database_url)


def test_an_export_reloads_through_the_bulk_path_with_ids_history_and_tombstones(
    database_url: str, tmp_path: Path
) -> None:
    deleted = curate(database_url, 50)
    engine = make_engine(Settings(database_url=database_url))
    export = tmp_path / "export.ndjson"
    with Session(engine) as session, export.open("w", encoding="utf-8") as out:
        from app.dataset.export import dump

        for record in dump(session):
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    engine.dispose()
    target = empty_target(tmp_path, "reload")
    from app.core.migrate import upgrade

    upgrade(Settings(database_url=target))
    engine = make_engine(Settings(database_url=target))
    with Session(engine) as session:
        summary, _seconds = load_export(session, export)
        assert summary.added["position"] > 150 and summary.added["tombstone"] == 1 and summary.added["history"] > 0
        again, _ = load_export(session, export)  # loading twice adds nothing
        assert sum(again.added.values()) == 0
    engine.dispose()
    app = create_app(Settings(database_url=target))
    with TestClient(app) as client:
        assert client.get(f"/v1/positions/{deleted}").status_code == 410
        assert client.get("/v1/positions/12/history").json()["items"][-1]["actor"] == "alice"
        assert client.get("/v1/positions?topic=taiwan").json()["total"] >= 50
    app.state.engine.dispose()


def test_summit_db_copy_prints_its_evidence(db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from app.cli import cli
    from app.core.config import get_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db_file}")
    get_settings.cache_clear()
    try:
        target = tmp_path / "copied.sqlite3"
        result = CliRunner().invoke(cli, ["db", "copy", "--to", f"sqlite:///{target}"])
        again = CliRunner().invoke(cli, ["db", "copy", "--to", f"sqlite:///{target}"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "position: 15 -> 15" in result.output and "byte-identical" in result.output
    assert "integrity: ok" in result.output
    assert again.exit_code == 1 and "already holds data" in again.output


def test_copy_verifies_while_the_source_is_written(db_file: Path, tmp_path: Path) -> None:
    import threading

    source = f"sqlite:///{db_file}"
    engine = make_engine(Settings(database_url=source))
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:  # a server's writes during the copy: they land after the snapshot, never half in it
        while not stop.is_set():
            with Session(engine) as session:
                patch_position(
                    session, session.get_one(Position, 3), PositionPatch(act="oppose" if len(written) % 2 else "agree")
                )
            written.append(1)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        report = copy_database(source, f"sqlite:///{tmp_path / 'live.sqlite3'}")
    finally:
        stop.set()
        writer.join()
        engine.dispose()
    assert written and report.identical and report.counts_match and report.integrity.startswith("ok")
