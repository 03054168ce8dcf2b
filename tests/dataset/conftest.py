"""Fixtures shared by the dataset tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from app.core.db import make_engine
from app.core.migrate import upgrade
from tests.conftest import settings_for


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Session]:
    """A session on a migrated, empty SQLite database file of its own (nothing seeded)."""
    settings = settings_for(tmp_path / "empty.sqlite3")
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as s:
        yield s
    engine.dispose()
