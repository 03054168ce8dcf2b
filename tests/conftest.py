"""Shared fixtures: a real SQLite file per test, migrated and seeded, and an HTTP client on the real app.

Migrating and seeding runs once per session into a template file; each test gets a copy of it,
so tests are isolated and fast.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import PROJECT_ROOT, Settings
from app.db import make_engine
from app.main import create_app
from app.migrate import upgrade
from app.services.seed import seed

SHARED = PROJECT_ROOT.parent / "shared"


def settings_for(db_file: Path, **overrides: object) -> Settings:
    """Settings for a SQLite database file, the rest as defaults."""
    return Settings(database_url=f"sqlite:///{db_file}", **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_file = tmp_path_factory.mktemp("template") / "summit.sqlite3"
    settings = settings_for(db_file)
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as session:
        seed(session, settings.data_dir)
    engine.dispose()  # checkpoints the WAL, so the file alone holds everything
    return db_file


@pytest.fixture
def db_file(template_db: Path, tmp_path: Path) -> Path:
    """A migrated, seeded database file of this test's own."""
    target = tmp_path / "summit.sqlite3"
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def settings(db_file: Path) -> Settings:
    return settings_for(db_file)


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
    from app.services.keys import create_key

    engine = make_engine(settings)
    with Session(engine) as s:
        _, key = create_key(s, "tests")
    engine.dispose()
    return key


@pytest.fixture
def auth(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}
