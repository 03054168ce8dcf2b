"""/v1/leaders and /v1/topics."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.pages import every_item
from tests.seed_facts import ONE_CHINA, PUTIN, PUTIN_POSITIONS, XI, XI_POSITIONS, registry_size


def test_leaders(client: TestClient) -> None:
    body = client.get("/v1/leaders").json()
    items = every_item(client, "/v1/leaders")  # the registry is longer than a page
    slugs = [le["slug"] for le in items]
    assert body["total"] == registry_size() == len(slugs) and slugs == sorted(slugs) and {PUTIN, XI} <= set(slugs)
    putin = items[slugs.index(PUTIN)]
    assert putin["name"] == "Vladimir Putin" and putin["country"] == "Russia" and putin["office"] == "President"
    assert putin["position_count"] == PUTIN_POSITIONS and "Putin" in putin["aliases"]
    chinese = {le["slug"] for le in client.get("/v1/leaders", params={"country": "china"}).json()["items"]}
    assert XI in chinese and PUTIN not in chinese


def test_leader_detail_and_positions(client: TestClient) -> None:
    assert client.get(f"/v1/leaders/{XI}").json()["position_count"] == XI_POSITIONS
    body = client.get(f"/v1/leaders/{PUTIN}/positions", params={"topic": "taiwan"}).json()
    assert [p["text"] for p in body["items"]] == [ONE_CHINA]
    assert client.get(f"/v1/leaders/{XI}/positions", params={"topic": "taiwan"}).json()["total"] == 0


def test_leader_path_and_leader_filter_must_both_hold(client: TestClient) -> None:
    body = client.get(f"/v1/leaders/{XI}/positions", params={"leader": PUTIN}).json()
    assert body["total"] == 3  # only the joint positions are both Xi's and Putin's
    assert all(len(p["speakers"]) == 2 for p in body["items"])


def test_unknown_leader(client: TestClient) -> None:
    assert client.get("/v1/leaders/napoleon").status_code == 404
    assert client.get("/v1/leaders/napoleon/positions").status_code == 404


def test_topics_cover_the_vocabulary(client: TestClient) -> None:
    body = client.get("/v1/topics", params={"limit": 500}).json()
    slugs = [t["slug"] for t in body["items"]]
    assert body["total"] == 19 and {"afghanistan", "vaccines", "taiwan"} <= set(slugs)
    headline = client.get("/v1/topics", params={"headline": "true"}).json()["items"]
    assert sorted(t["slug"] for t in headline) == ["afghanistan", "taiwan", "vaccines"]
    counts = {t["slug"]: t["position_count"] for t in body["items"]}
    assert counts["afghanistan"] == 6 and counts["taiwan"] == 1 and counts["ukraine"] == 0


def test_topic_detail_counts_positions_per_leader(client: TestClient) -> None:
    topic = client.get("/v1/topics/afghanistan").json()
    assert topic["name"] == "Afghanistan" and topic["headline"] is True
    assert topic["leaders"] == [
        {"slug": PUTIN, "name": "Vladimir Putin", "count": 4},
        {"slug": XI, "name": "Xi Jinping", "count": 3},
    ]


def test_topic_positions(client: TestClient) -> None:
    body = client.get("/v1/topics/taiwan/positions").json()
    (position,) = body["items"]
    assert position["text"] == ONE_CHINA and position["speakers"][0]["slug"] == PUTIN
    afghanistan = client.get("/v1/topics/afghanistan/positions", params={"leader": XI}).json()
    assert [p["text"][:40] for p in afghanistan["items"]] == [
        "China and Russia agreed to strengthen co",
        "Xi said that China encourages all factio",
        "He noted that China respects Afghanistan",
    ]
    assert client.get("/v1/topics/nope/positions").status_code == 404
