"""`summit ingest`, `summit annotate`, `summit evaluate`, `summit export` as a researcher runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SHARED
from tests.readouts import readout

GOLD = {
    "id": "putin-macron-2022-02-20",
    "title": "Putin, Macron talk by phone",
    "date": "2022-02-20",
    "kind": "phone call",
    "participants": [
        {"name": "Vladimir Putin", "title": "President", "country": "Russia"},
        {"name": "Emmanuel Macron", "title": "President", "country": "France"},
    ],
    "text": "Putin, Macron talk by phone\n\nMacron said France supports dialogue on Ukraine.\n",
    "positions": [{"start": 29, "end": 77, "speakers": ["Macron"], "topics": ["ukraine"], "act": "support"}],
}


def summit(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{db}", **env},
    )


def test_ingest_txt_and_gold_files_then_rerun_skips_duplicates(db_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        text, date = readout(i)
        (folder / f"r{i}-{date}.txt").write_text(text, encoding="utf-8")
    assert GOLD["text"][29:77] == "Macron said France supports dialogue on Ukraine."
    (folder / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (folder / "notes.md").write_text("ignored: not a readout type", encoding="utf-8")
    first = summit("ingest", str(folder), db=db_file)
    assert first.returncode == 0, first.stderr
    assert "documents added 4, skipped as duplicates 0, failed 0" in first.stdout
    again = summit("ingest", str(folder), db=db_file)
    assert "documents added 0, skipped as duplicates 4, failed 0; positions 0" in again.stdout


def test_gold_positions_are_kept_as_curated(client: TestClient, db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert summit("ingest", str(path), db=db_file).returncode == 0
    (position,) = client.get("/v1/documents/putin-macron-2022-02-20/positions").json()["items"]
    assert position["speakers"] == [{"slug": "emmanuel-macron", "name": "Emmanuel Macron"}]
    assert position["topics"] == ["ukraine"] and position["provenance"]["method"] == "curated"


def test_a_bad_file_is_reported_and_the_rest_goes_in(db_file: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{nope", encoding="utf-8")
    text, date = readout(7)
    (tmp_path / f"ok-{date}.txt").write_text(text, encoding="utf-8")
    result = summit("ingest", str(tmp_path), db=db_file)
    assert result.returncode == 1
    assert "broken.json: skipped" in result.stderr and "documents added 1" in result.stdout


def test_export_then_ingest_into_an_empty_database(db_file: Path, tmp_path: Path) -> None:
    dump = tmp_path / "all.ndjson"
    assert summit("export", str(dump), db=db_file).returncode == 0
    empty = tmp_path / "empty.sqlite3"
    assert summit("db", "upgrade", db=empty).returncode == 0
    loaded = summit("ingest", str(dump), db=empty)
    assert loaded.returncode == 0, loaded.stderr
    # The closing line counts what the export restored, not only the other inputs.
    assert "restored from 1 export(s): documents 1, positions 15" in loaded.stdout, loaded.stdout
    assert "historys" not in loaded.stdout
    again = tmp_path / "again.ndjson"
    summit("export", str(again), db=empty)
    assert dump.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")


def test_annotate_writes_gold_format_without_a_database(tmp_path: Path) -> None:
    text, _ = readout(3)
    (tmp_path / "in.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = summit("annotate", str(tmp_path / "in.txt"), "--out", str(out), db=tmp_path / "unused.sqlite3")
    assert result.returncode == 0, result.stderr
    doc = json.loads((out / "in.json").read_text(encoding="utf-8"))
    assert doc["text"] == text and doc["positions"]
    for p in doc["positions"]:
        assert text[p["start"] : p["end"]].strip() == text[p["start"] : p["end"]]
    assert not (tmp_path / "unused.sqlite3").exists()


@pytest.mark.skipif(not (SHARED / "annotation" / "dev").is_dir(), reason="../shared/annotation/dev not present")
def test_evaluate_prints_the_five_figures(tmp_path: Path) -> None:
    result = summit("evaluate", str(SHARED / "annotation" / "dev"), "--json", db=tmp_path / "unused.sqlite3")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    for name in ("detection", "attribution", "topics", "headline", "who-said-what"):
        assert 0.0 <= metrics[name]["f1"] <= 1.0
    assert metrics["attribution"]["f1"] > 0.8


def test_ndjson_of_gold_records_is_bulk_loaded_and_a_bad_line_named(db_file: Path, tmp_path: Path) -> None:
    records: list[dict[str, Any]] = []
    for k in range(5):
        sentence = f"Macron said France supports dialogue on Ukraine, point {k}."
        records.append(
            {
                "id": f"macron-{k}",
                "date": f"2022-03-{k + 1:02d}",
                "kind": "phone call",
                "participants": ["Vladimir Putin", "Emmanuel Macron"],
                "text": f"Readout {k}\n\n{sentence}\n",
                "positions": [
                    {
                        "start": 10 + len(str(k)),
                        "end": 10 + len(str(k)) + len(sentence),
                        "speakers": ["Macron"],
                        "topics": ["ukraine"],
                        "act": "support",
                    }
                ],
            }
        )
    records[3]["positions"][0]["speakers"] = ["Olaf Scholz"]  # not a participant: that record alone is refused
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "{not json")
    path = tmp_path / "gold.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = summit("ingest", str(path), "--batch-size", "2", db=db_file)
    assert result.returncode == 1
    assert "documents added 4, skipped as duplicates 0, failed 2; positions 4" in result.stdout
    assert "documents/s" in result.stdout
    assert f"{path}:3: skipped: cannot read" in result.stderr
    assert f"{path}:5: skipped: positions[0]: speaker 'Olaf Scholz' is not one of the participants" in result.stderr
    again = summit("ingest", str(path), db=db_file)
    assert "documents added 0, skipped as duplicates 4, failed 2" in again.stdout
