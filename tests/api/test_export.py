"""GET /v1/export and `summit export`: the dataset as NDJSON records, one per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from tests.seed_facts import DOCUMENT, ONE_CHINA, POSITIONS, registry_size


def test_export_streams_every_record_as_ndjson(client: TestClient) -> None:
    response = client.get("/v1/export")
    assert response.status_code == 200 and response.headers["content-type"] == "application/x-ndjson"
    records = [json.loads(line) for line in response.text.splitlines()]
    counts: dict[str, int] = {}
    for r in records:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    assert counts == {
        "dataset": 1,
        "leader": registry_size(),
        "topic": 19,
        "event": 1,
        "document": 1,
        "position": POSITIONS,
        "history": 1 + POSITIONS,  # the seed created the document and its positions
        "version": 1,
    }
    assert "api_key" not in counts  # key hashes go into `summit db copy`, never into the public export
    (document,) = [r for r in records if r["type"] == "document"]
    taiwan = next(r for r in records if r["type"] == "position" and r["id"] == 12)
    assert document["id"] == DOCUMENT and document["text"][taiwan["start"] : taiwan["end"]] == ONE_CHINA


def test_cli_export_writes_the_same_records(
    client: TestClient, db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.config import get_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db_file}")
    get_settings.cache_clear()
    out = tmp_path / "dump.ndjson"
    result = CliRunner().invoke(cli, ["export", str(out)])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == client.get("/v1/export").text
