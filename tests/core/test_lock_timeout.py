"""A write blocked behind another transaction's lock is a 503 "Database busy" with Retry-After on both
engines (issue 13): SQLite's busy timeout, PostgreSQL's lock_timeout (POSTGRES_LOCK_TIMEOUT_MS).
Nothing of the refused write is stored, and the same request succeeds once the lock is gone."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.core.config import Settings
from app.core.db import make_engine
from app.main import create_app
from tests.conftest import ON_POSTGRES, settings_for

READOUT = {
    "text": "Xi Jinping held a phone call with Vladimir Putin on May 9, 2022. Xi said China supports peace talks.",
    "participants": ["xi-jinping", "vladimir-putin"],
}


@contextmanager
def sqlite_writer(db_file: Path) -> Iterator[None]:
    """Another connection holding SQLite's write lock."""
    holder = sqlite3.connect(db_file, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextmanager
def postgres_writer(url: str) -> Iterator[None]:
    """Another transaction holding the data version's row, which every write updates."""
    engine = create_engine(url)
    try:
        with engine.connect() as holder:
            holder.execute(text("UPDATE data_version SET version = version WHERE id = 1"))
            yield
            holder.rollback()
    finally:
        engine.dispose()


def refused_then_stored(settings: Settings, api_key: str, held: Callable[[], AbstractContextManager[None]]) -> None:
    auth = {"Authorization": f"Bearer {api_key}"}
    app = create_app(settings)
    try:
        with TestClient(app) as client:
            # The key's first use records it (its own short write); do that before the lock is taken.
            assert client.post("/v1/annotate", json=READOUT, headers=auth).status_code == 200
            total = client.get("/v1/positions", params={"limit": 1}).json()["total"]
            with held():
                response = client.post("/v1/documents", json=READOUT, headers=auth)
                assert response.status_code == 503, response.text
                assert response.headers["retry-after"] == "2"
                assert response.headers["content-type"].startswith("application/problem+json")
                problem = response.json()
                assert problem["title"] == "Database busy"
                assert "busy with another write" in problem["detail"] and "nothing was changed" in problem["detail"]
            assert client.get("/v1/positions", params={"limit": 1}).json()["total"] == total
            retried = client.post("/v1/documents", json=READOUT, headers=auth)
            assert retried.status_code == 201, retried.text
            assert (
                client.get("/v1/positions", params={"limit": 1}).json()["total"]
                == total + retried.json()["position_count"]
            )
    finally:
        app.state.engine.dispose()


def test_a_readout_posted_while_sqlite_is_locked_is_a_503_and_stores_nothing(db_file: Path, api_key: str) -> None:
    refused_then_stored(settings_for(db_file, sqlite_busy_timeout_ms=200), api_key, lambda: sqlite_writer(db_file))


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's lock_timeout (the suite runs on SQLite)")
def test_a_readout_posted_behind_a_postgres_lock_is_a_503_and_stores_nothing(database_url: str, api_key: str) -> None:
    settings = Settings.model_validate({"database_url": database_url, "postgres_lock_timeout_ms": 200})
    refused_then_stored(settings, api_key, lambda: postgres_writer(database_url))


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's lock_timeout (the suite runs on SQLite)")
def test_the_lock_timeout_reaches_every_postgres_connection(database_url: str) -> None:
    engine = make_engine(Settings.model_validate({"database_url": database_url, "postgres_lock_timeout_ms": 1234}))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW lock_timeout")).scalar_one() == "1234ms"
    finally:
        engine.dispose()
