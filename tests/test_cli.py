"""The `summit` CLI acts on the database named by DATABASE_URL, like the server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from app.core.db import make_engine
from app.models import Position
from tests.conftest import settings_for


def summit(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )


def test_upgrade_seed_and_seed_again(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{db}"}
    assert summit("db", "upgrade", env=env).returncode == 0
    first = summit("seed", env=env)
    assert first.returncode == 0, first.stderr
    assert "documents added 1" in first.stdout and "positions written 15" in first.stdout
    second = summit("seed", env=env)
    assert "documents added 0" in second.stdout and "unchanged 1" in second.stdout
    current = summit("db", "current", env=env)
    assert "current: 0" in current.stdout
    engine = make_engine(settings_for(db))
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Position)).one() == 15
    engine.dispose()


def test_seed_with_bad_data_exits_non_zero_and_says_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "topics.yaml").write_text("topics: 3\n", encoding="utf-8")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "DATA_DIR": str(data)}
    summit("db", "upgrade", env=env)
    result = summit("seed", env=env)
    assert result.returncode == 1
    assert "topics.yaml" in result.stderr and "nothing written" in result.stderr
