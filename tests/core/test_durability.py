"""SQLite commits are durable by default: synchronous=FULL, so an acknowledged write survives power loss
or an OS crash in WAL mode; NORMAL is a documented setting (SQLITE_SYNCHRONOUS) for those who trade it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.config import Settings
from app.core.db import make_engine
from tests.conftest import settings_for

LEVELS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def synchronous(settings: Settings) -> str:
    engine = make_engine(settings)
    with engine.connect() as conn:
        level = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    engine.dispose()
    assert journal == "wal"
    return LEVELS[int(level or 0)]


def test_full_by_default(db_file: Path) -> None:
    assert Settings().sqlite_synchronous == "FULL"
    assert synchronous(settings_for(db_file)) == "FULL"


def test_normal_when_asked(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "NORMAL")
    assert synchronous(Settings(database_url=f"sqlite:///{db_file}")) == "NORMAL"


def test_anything_else_is_refused_when_settings_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "OFF; DROP TABLE position")
    with pytest.raises(ValidationError, match="sqlite_synchronous"):
        Settings()
