"""The min_confidence filter on position lists: users trade recall for precision."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_ingest import body


def _all(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/v1/positions", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total"] == len(page["items"])
    return page["items"]


def test_min_confidence_keeps_only_confident_positions(client: TestClient, auth: dict) -> None:
    assert client.post("/v1/documents", json=body(), headers=auth).status_code == 201
    everything = _all(client)
    confidences = sorted({p["provenance"]["confidence"] for p in everything})
    assert len(confidences) >= 2, confidences  # curated (1.0) and annotated positions
    cut = confidences[1]
    kept = _all(client, min_confidence=cut)
    assert kept and all(p["provenance"]["confidence"] >= cut for p in kept)
    assert {p["id"] for p in kept} == {p["id"] for p in everything if p["provenance"]["confidence"] >= cut}
    assert len(_all(client, min_confidence=0)) == len(everything)
    # With a topic (a different list plan), the filter still holds.
    topic = next(t for p in everything for t in p["topics"])
    by_topic = _all(client, topic=topic, min_confidence=cut)
    assert all(p["provenance"]["confidence"] >= cut and topic in p["topics"] for p in by_topic)
    assert len(by_topic) == sum(1 for p in everything if topic in p["topics"] and p["provenance"]["confidence"] >= cut)


def test_min_confidence_out_of_range_is_a_clear_422(client: TestClient) -> None:
    for bad in ("1.5", "-0.1", "high"):
        response = client.get("/v1/positions", params={"min_confidence": bad})
        assert response.status_code == 422, (bad, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert "min_confidence" in response.text
