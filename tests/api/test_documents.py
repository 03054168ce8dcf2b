"""/v1/documents and /v1/events."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from app.core.config import PROJECT_ROOT
from tests.seed_facts import DOCUMENT, EVENT, ONE_CHINA, POSITIONS, PUTIN, XI

SOURCE = PROJECT_ROOT / "data" / "sources" / "xi-putin-2021-08-25.txt"


def test_document_list(client: TestClient) -> None:
    body = client.get("/v1/documents").json()
    assert body["total"] == 1 and body["next"] is None
    (doc,) = body["items"]
    assert doc["id"] == DOCUMENT and doc["event_id"] == EVENT and doc["date"] == "2021-08-25"
    assert doc["title"] == "China, Russia to actively participate in multilateral mechanisms related to issue"
    assert doc["language"] == "en" and doc["position_count"] == POSITIONS
    assert "text" not in doc  # lists stay small; the text is in the detail


def test_document_detail_holds_the_source_exactly(client: TestClient) -> None:
    doc = client.get(f"/v1/documents/{DOCUMENT}").json()
    source = SOURCE.read_bytes().decode("utf-8")
    assert doc["text"] == source
    assert doc["sha256"] == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert doc["event"]["id"] == EVENT and doc["event"]["kind"] == "phone call"
    assert [p["slug"] for p in doc["participants"]] == [PUTIN, XI]


def test_document_positions_in_reading_order(client: TestClient) -> None:
    body = client.get(f"/v1/documents/{DOCUMENT}/positions").json()
    starts = [p["start"] for p in body["items"]]
    assert starts == sorted(starts) and body["total"] == POSITIONS
    assert body["items"][0]["text"].startswith("China and Russia agreed to strengthen communication")
    assert ONE_CHINA in [p["text"] for p in body["items"]]


def test_document_positions_take_filters(client: TestClient) -> None:
    body = client.get(f"/v1/documents/{DOCUMENT}/positions", params={"topic": "vaccines"}).json()
    (vaccines,) = body["items"]
    assert vaccines["text"].startswith("China is willing to work with Russia to deepen cooperation on COVID-19 vaccine")
    assert vaccines["speakers"] == [{"slug": XI, "name": "Xi Jinping"}]


def test_unknown_document_is_a_404(client: TestClient) -> None:
    for path in ("/v1/documents/nope", "/v1/documents/nope/positions"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["type"] == "/problems/not-found"
        assert "/v1/documents" in response.json()["detail"]


def test_event_list_and_detail(client: TestClient) -> None:
    body = client.get("/v1/events").json()
    assert [e["id"] for e in body["items"]] == [EVENT]
    assert client.get("/v1/events", params={"leader": XI}).json()["total"] == 1
    assert client.get("/v1/events", params={"kind": "meeting"}).json()["total"] == 0
    event = client.get(f"/v1/events/{EVENT}").json()
    assert event["date"] == "2021-08-25" and event["kind"] == "phone call"
    assert [p["slug"] for p in event["participants"]] == [PUTIN, XI]
    assert [d["id"] for d in event["documents"]] == [DOCUMENT]
    assert event["documents"][0]["position_count"] == POSITIONS
    assert client.get("/v1/events/nope").status_code == 404
