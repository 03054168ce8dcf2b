"""Writes under load: a long readout answers with the document and a link to its positions (not megabytes
of them), and a write that finds the database locked is a 503 that says so, with Retry-After (issue 13)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from app.schemas import WRITE_POSITIONS_INLINE
from tests.conftest import settings_for

COUNTRIES = ["Kenya", "Peru", "Chile", "Ghana", "Nepal", "Laos", "Fiji", "Oman", "Chad", "Togo", "Mali", "Cuba"]


def long_readout(sentences: int) -> str:
    lines = ["Xi Jinping held a phone call with Vladimir Putin on March 3, 2022."]
    for k in range(sentences):
        who = "Xi" if k % 2 else "Putin"
        lines.append(
            f"{who} said his country supports cooperation with {COUNTRIES[k % len(COUNTRIES)]} on project {k}."
        )
    return " ".join(lines)


def test_a_long_readout_answers_with_the_first_positions_and_a_link(client: TestClient, auth: dict[str, str]) -> None:
    body = {"text": long_readout(260), "date": "2022-03-03", "participants": ["xi-jinping", "vladimir-putin"]}
    response = client.post("/v1/documents", json=body, headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert doc["position_count"] > WRITE_POSITIONS_INLINE
    assert len(doc["positions"]) == WRITE_POSITIONS_INLINE and doc["positions_complete"] is False
    listed = client.get(doc["links"]["positions"], params={"limit": 500}).json()
    assert listed["total"] == doc["position_count"]
    assert [p["id"] for p in listed["items"][:WRITE_POSITIONS_INLINE]] == [p["id"] for p in doc["positions"]]
    assert len(response.content) < 200_000  # not the whole list: ~1 KB a position


def test_a_short_readout_answers_with_all_its_positions(client: TestClient, auth: dict[str, str]) -> None:
    body = {"text": long_readout(6), "date": "2022-03-04", "participants": ["xi-jinping", "vladimir-putin"]}
    doc = client.post("/v1/documents", json=body, headers=auth).json()
    assert doc["positions_complete"] is True and len(doc["positions"]) == doc["position_count"] > 0


def test_a_write_that_finds_the_database_locked_is_a_503_saying_so(db_file: Path, api_key: str) -> None:
    app = create_app(settings_for(db_file, sqlite_busy_timeout_ms=200))
    holder = sqlite3.connect(db_file, timeout=0, isolation_level=None)
    try:
        with TestClient(app) as client:
            before = client.get("/v1/positions/1").json()
            holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
            response = client.patch(
                "/v1/positions/1", json={"act": "commit"}, headers={"Authorization": f"Bearer {api_key}"}
            )
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"] == "2"
            problem = response.json()
            assert problem["title"] == "Database busy"
            assert "busy with another write" in problem["detail"] and "nothing was changed" in problem["detail"]
            holder.execute("ROLLBACK")
            assert client.get("/v1/positions/1").json()["act"] == before["act"]
            retried = client.patch(
                "/v1/positions/1", json={"act": "commit"}, headers={"Authorization": f"Bearer {api_key}"}
            )
            assert retried.status_code == 200 and retried.json()["act"] == "commit"
    finally:
        holder.close()
        app.state.engine.dispose()
