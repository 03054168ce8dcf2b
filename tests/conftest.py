"""Shared fixtures: a real database per test, migrated and seeded, and an HTTP client on the real app.

Migrating and seeding runs once per session into a template; each test gets a copy of it, so tests
are isolated and fast. SQLite by default (the template is a file, each test copies it); with
`TEST_DATABASE_URL=postgresql+psycopg://…/postgres` every test gets `CREATE DATABASE … TEMPLATE`
of a migrated, seeded template database on that server (one template per xdist worker), dropped
after the test. Tests that work on the SQLite file itself request `db_file` and are skipped there.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import PROJECT_ROOT, Settings
from app.core.db import make_engine
from app.core.migrate import upgrade
from app.ingest.seed import seed
from app.main import create_app

SHARED = PROJECT_ROOT.parent / "shared"


TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")
SQLITE_ONLY = "works on the SQLite database file itself (copy, backup, subprocess on the file)"
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_numbers = itertools.count()


def settings_for(db_file: Path, **overrides: Any) -> Settings:
    """Settings for a SQLite database file, the rest as defaults."""
    return Settings(database_url=f"sqlite:///{db_file}", **overrides)


def _pg_url(name: str) -> str:
    return f"{TEST_DATABASE_URL.rsplit('/', 1)[0]}/{name}"


def _pg_admin(*statements: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def _migrate_and_seed(settings: Settings) -> None:
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as session:
        seed(session, settings.data_dir)
    engine.dispose()  # SQLite: checkpoints the WAL, so the file alone holds everything


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The migrated, seeded template: a SQLite file, or a PostgreSQL database name."""
    if ON_POSTGRES:
        name = f"summit_tpl_{_WORKER}"
        _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")  # sql-identifiers-only
        _migrate_and_seed(Settings(database_url=_pg_url(name)))
        yield name
        _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # sql-identifiers-only
        return
    db_file = tmp_path_factory.mktemp("template") / "summit.sqlite3"
    _migrate_and_seed(settings_for(db_file))
    yield db_file


@pytest.fixture
def db_file(template_db: Path | str, tmp_path: Path) -> Path:
    """A migrated, seeded SQLite database file of this test's own."""
    if ON_POSTGRES:
        pytest.skip(f"SQLite-specific: {SQLITE_ONLY}")
    target = tmp_path / "summit.sqlite3"
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def database_url(request: pytest.FixtureRequest, template_db: Path | str) -> Iterator[str]:
    """A migrated, seeded database of this test's own, on the engine the suite runs against."""
    if not ON_POSTGRES:
        yield f"sqlite:///{request.getfixturevalue('db_file')}"
        return
    name = f"summit_t_{_WORKER}_{next(_numbers)}"
    _pg_admin(
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",  # sql-identifiers-only
        f"CREATE DATABASE {name} TEMPLATE {template_db}",
    )  # sql-identifiers-only
    yield _pg_url(name)
    _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # sql-identifiers-only


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """An httpx client (Starlette's TestClient) on the real app and a real database file."""
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    engine = make_engine(settings)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture
def api_key(settings: Settings) -> str:
    """A fresh write key in this test's database."""
    from app.access.keys import create_key

    engine = make_engine(settings)
    with Session(engine) as s:
        _, key = create_key(s, "tests")
    engine.dispose()
    return key


@pytest.fixture
def auth(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}
