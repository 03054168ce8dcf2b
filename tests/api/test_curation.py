"""Curating positions and topics through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.seed_facts import DOCUMENT, ONE_CHINA, POSITIONS, PUTIN, XI


def one_china(client: TestClient) -> dict:
    return client.get("/v1/positions", params={"topic": "taiwan"}).json()["items"][0]


def test_patch_replaces_speakers_topics_and_act(client: TestClient, auth: dict) -> None:
    target = one_china(client)
    response = client.patch(
        f"/v1/positions/{target['id']}",
        headers=auth,
        json={"speakers": [PUTIN, XI], "topics": ["taiwan"], "act": "assert"},
    )
    assert response.status_code == 200
    patched = response.json()
    assert [s["slug"] for s in patched["speakers"]] == [PUTIN, XI]
    assert patched["topics"] == ["taiwan"] and patched["act"] == "assert" and patched["text"] == ONE_CHINA
    assert client.get(f"/v1/positions/{target['id']}").json() == patched


def test_patch_errors(client: TestClient, auth: dict) -> None:
    target = one_china(client)
    for payload, name in [
        ({"speakers": ["napoleon"]}, "speakers"),
        ({"topics": ["atlantis"]}, "topics"),
        ({"act": "sing"}, "act"),
        ({"speakers": []}, "speakers"),
        ({"text": "new"}, "text"),
    ]:
        response = client.patch(f"/v1/positions/{target['id']}", json=payload, headers=auth)
        assert response.status_code == 422, payload
        assert name in [e["name"] for e in response.json()["errors"]]
    assert client.patch("/v1/positions/99999", json={"act": "assert"}, headers=auth).status_code == 404
    assert one_china(client) == target


def test_add_and_delete_a_position(client: TestClient, auth: dict) -> None:
    text = client.get(f"/v1/documents/{DOCUMENT}").json()["text"]
    start = text.index("During their last meeting")
    end = len(text)
    response = client.post(
        "/v1/positions",
        headers=auth,
        json={
            "document_id": DOCUMENT,
            "start": start,
            "end": end,
            "speakers": [XI, PUTIN],
            "topics": ["bilateral-relations"],
            "act": "agree",
        },
    )
    assert response.status_code == 201, response.text
    added = response.json()
    assert response.headers["location"] == f"/v1/positions/{added['id']}"
    assert added["text"] == text[start:end] and added["provenance"]["method"] == "curated"
    duplicate = client.post(
        "/v1/positions",
        headers=auth,
        json={"document_id": DOCUMENT, "start": start, "end": end, "speakers": [PUTIN, XI]},
    )
    assert duplicate.status_code == 409
    assert client.get("/v1/positions").json()["total"] == POSITIONS + 1
    assert client.delete(f"/v1/positions/{added['id']}", headers=auth).status_code == 204
    assert client.get(f"/v1/positions/{added['id']}").status_code == 410  # deleted ids answer Gone
    assert client.get("/v1/positions").json()["total"] == POSITIONS


def test_added_spans_are_validated(client: TestClient, auth: dict) -> None:
    text = client.get(f"/v1/documents/{DOCUMENT}").json()["text"]
    start = text.index("Xi said that China encourages")
    for payload, name in [
        ({"start": start - 1, "end": start + 20}, "start"),  # starts on whitespace
        ({"start": start, "end": len(text) + 5}, "end"),  # past the end
        ({"start": start + 5, "end": start + 2}, "end"),  # backwards
        ({"start": start, "end": start + 20, "document_id": "nope"}, "document_id"),
    ]:
        response = client.post(
            "/v1/positions", headers=auth, json={"document_id": DOCUMENT, "speakers": [XI], **payload}
        )
        assert response.status_code == 422, payload
        assert name in [e["name"] for e in response.json()["errors"]]


def test_add_topic_then_it_is_listed_and_annotates(client: TestClient, auth: dict) -> None:
    response = client.post(
        "/v1/topics",
        headers=auth,
        json={"slug": "space", "name": "Space", "description": "Space cooperation", "keywords": ["space", "lunar"]},
    )
    assert response.status_code == 201 and response.headers["location"] == "/v1/topics/space"
    assert client.get("/v1/topics/space").json()["keywords"] == ["space", "lunar"]
    assert client.post("/v1/topics", headers=auth, json={"slug": "space", "name": "Space"}).status_code == 409
    text = "Xi said China will work with Russia on a lunar research station."
    found = client.post(
        "/v1/annotate", headers=auth, json={"text": text, "date": "2022-01-01", "participants": [XI, PUTIN]}
    ).json()
    assert any("space" in p["topics"] for p in found["positions"])
