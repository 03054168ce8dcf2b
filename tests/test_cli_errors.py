"""The CLI's database mistakes are one line naming DATABASE_URL and the fix, never a traceback; every
--help says which database a command acts on; keys and exports say where they went (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from app.cli import cli
from tests.seed_facts import POSITIONS


def summit(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summit: DATABASE_URL=")
    return lines[0]


@pytest.mark.parametrize("args", [("keys", "list"), ("keys", "create", "alice"), ("seed",), ("export", "-")])
def test_a_database_without_schema_says_run_db_upgrade(tmp_path: Path, args: tuple[str, ...]) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    line = one_line(summit(*args, database_url=url))
    assert url in line and "no schema" in line and "Run `summit db upgrade` first" in line


def test_an_unreachable_postgresql_names_the_url_without_its_password() -> None:
    url = "postgresql+psycopg://someone:s3cret@127.0.0.1:1/summit"
    line = one_line(summit("db", "upgrade", database_url=url))
    assert "s3cret" not in line and "someone:***@127.0.0.1:1/summit" in line
    assert "cannot connect" in line and "PostgreSQL is running" in line


def test_a_sqlite_path_that_cannot_be_opened(tmp_path: Path) -> None:
    line = one_line(summit("keys", "list", database_url=f"sqlite:///{tmp_path}"))  # a directory
    assert "cannot open the SQLite file" in line and str(tmp_path) in line


def test_a_malformed_url() -> None:
    line = one_line(summit("keys", "list", database_url="localhost/summit"))
    assert "not a database URL" in line and "postgresql+psycopg://" in line


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def test_every_help_mentions_database_url() -> None:
    commands = _commands(typer.main.get_command(cli))
    assert ("keys", "create") in commands and ("export",) in commands and ("db", "upgrade") in commands
    for command in commands:
        result = CliRunner().invoke(cli, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "DATABASE_URL" in " ".join(result.output.split()), command


def test_keys_create_says_which_database_it_wrote_to(database_url: str) -> None:
    result = summit("keys", "create", "alice@lab", database_url=database_url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("spk_")
    shown = database_url.split("@")[-1] if "@" in database_url else database_url
    assert any("alice@lab" in line and shown in line for line in lines[:-1])


def test_export_shows_progress_and_where_from(db_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump.ndjson"
    result = summit("export", str(out), database_url=f"sqlite:///{db_file}")
    assert result.returncode == 0, result.stderr
    assert f"export: positions {POSITIONS} of {POSITIONS}" in result.stderr
    assert "export: documents 1 of 1" in result.stderr
    assert str(db_file) in result.stderr.splitlines()[-1]
    assert len(out.read_text(encoding="utf-8").splitlines()) > POSITIONS
