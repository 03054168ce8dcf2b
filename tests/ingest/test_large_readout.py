"""A large readout, stored through the API in one short write (issue 13): every position is readable,
searchable, counted in the facets and has its `created` history; ids keep rising after a delete."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.models import History
from tests.api.test_write_answers import COUNTRIES

SENTENCES = 2000
XI, PUTIN = "xi-jinping", "vladimir-putin"


def readout(sentences: int, word: str) -> str:
    """One attributed sentence per line, alternating speakers, each on trade and carrying `word`."""
    lines = ["Xi Jinping held a phone call with Vladimir Putin on March 3, 2022."]
    for k in range(sentences):
        who = "Xi" if k % 2 else "Putin"
        lines.append(f"{who} said his country supports {word} trade with {COUNTRIES[k % len(COUNTRIES)]}, item {k}.")
    return " ".join(lines)


def every(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """All items of a list, following `next` page by page."""
    items: list[dict[str, Any]] = []
    page = client.get(path, params={"limit": 500, **params})
    while True:
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        if not body["next"]:
            return items
        page = client.get(body["next"])


def counts(facet: list[dict[str, Any]]) -> dict[str, int]:
    return {f["value"]: f["count"] for f in facet}


def test_a_large_readout_is_stored_whole(client: TestClient, auth: dict[str, str], session: Session) -> None:
    before = client.get("/v1/positions", params={"facets": "topic,leader", "limit": 1}).json()
    body = {"text": readout(SENTENCES, "zorblat"), "date": "2022-03-03", "participants": [XI, PUTIN]}
    response = client.post("/v1/documents", json=body, headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert doc["position_count"] == SENTENCES

    listed = every(client, doc["links"]["positions"])
    ids = [p["id"] for p in listed]
    assert len(set(ids)) == SENTENCES
    by_id = {p["id"]: p for p in listed}
    # In reading order, ids rise with the text: item k is the k-th position.
    assert sorted(ids) == [p["id"] for p in sorted(listed, key=lambda p: p["start"])]
    for k, pid in enumerate(sorted(ids)):
        p = by_id[pid]
        assert p["text"].endswith(f"item {k}.")
        assert [s["slug"] for s in p["speakers"]] == [XI if k % 2 else PUTIN]
        assert "trade" in p["topics"]
    assert client.get(f"/v1/positions/{ids[-1]}").json()["text"] == by_id[ids[-1]]["text"]

    found = every(client, "/v1/positions", q="zorblat")
    assert sorted(p["id"] for p in found) == sorted(ids)

    after = client.get("/v1/positions", params={"facets": "topic,leader", "limit": 1}).json()
    assert after["total"] == before["total"] + SENTENCES
    topic_before, topic_after = counts(before["facets"]["topic"]), counts(after["facets"]["topic"])
    assert topic_after["trade"] == topic_before.get("trade", 0) + SENTENCES
    leader_before, leader_after = counts(before["facets"]["leader"]), counts(after["facets"]["leader"])
    assert leader_after[XI] == leader_before[XI] + SENTENCES // 2
    assert leader_after[PUTIN] == leader_before[PUTIN] + SENTENCES // 2
    mine = client.get("/v1/positions", params={"document": doc["id"], "topic": "trade", "leader": XI}).json()
    assert mine["total"] == SENTENCES // 2

    version = client.get("/v1/datasets/versions", params={"limit": 1}).json()["items"][0]
    assert version["change"] == f"added document {doc['id']}"
    assert response.headers["X-Dataset-Version"] == str(version["version"])
    created = client.get(f"/v1/documents/{doc['id']}/history").json()["items"]
    assert [(h["action"], h["version"], h["actor"]) for h in created] == [("created", version["version"], "tests")]
    # Every position's history in one query; the API's answer for a sample of them (one GET each is slow).
    rows = session.exec(
        select(History.resource_id, History.action, History.version, History.actor).where(
            History.resource == "position", col(History.resource_id).in_([str(i) for i in ids])
        )
    ).all()
    assert sorted((int(r[0]), r[1], r[2], r[3]) for r in rows) == [
        (pid, "created", version["version"], "tests") for pid in sorted(ids)
    ]
    for pid in sorted(ids)[:: SENTENCES // 20] + [max(ids)]:
        history = client.get(f"/v1/positions/{pid}/history").json()["items"]
        assert [(h["action"], h["version"], h["actor"]) for h in history] == [
            ("created", version["version"], "tests")
        ], pid


def test_ids_keep_rising_after_a_large_readout_is_deleted(client: TestClient, auth: dict[str, str]) -> None:
    first = client.post(
        "/v1/documents",
        json={"text": readout(600, "quendle"), "date": "2022-03-04", "participants": [XI, PUTIN]},
        headers=auth,
    ).json()
    old = [p["id"] for p in every(client, first["links"]["positions"])]
    assert client.delete(f"/v1/documents/{first['id']}", headers=auth).status_code == 204
    second = client.post(
        "/v1/documents",
        json={"text": readout(600, "fribble"), "date": "2022-03-05", "participants": [XI, PUTIN]},
        headers=auth,
    )
    assert second.status_code == 201, second.text
    new = [p["id"] for p in every(client, second.json()["links"]["positions"])]
    assert len(new) == 600 and min(new) > max(old)
    assert client.get(f"/v1/positions/{max(old)}").status_code == 410


KEYS_FROM_LINKS = """
SELECT t.topic_slug, '', p.date, p.id FROM position_topic t JOIN position p ON p.id = t.position_id
UNION ALL SELECT '', s.leader_slug, p.date, p.id FROM position_speaker s JOIN position p ON p.id = s.position_id
UNION ALL SELECT t.topic_slug, s.leader_slug, p.date, p.id FROM position_topic t
JOIN position_speaker s ON s.position_id = t.position_id JOIN position p ON p.id = t.position_id
"""


def test_the_derived_keys_and_counts_equal_what_the_links_say(
    client: TestClient, auth: dict[str, str], session: Session
) -> None:
    body = {"text": readout(300, "plimsoll"), "date": "2022-03-06", "participants": [XI, PUTIN]}
    assert client.post("/v1/documents", json=body, headers=auth).status_code == 201
    conn = session.connection()
    stored = conn.execute(text("SELECT topic_slug, leader_slug, date, position_id FROM position_key"))
    keys = sorted(tuple(r) for r in stored)
    assert keys == sorted(tuple(r) for r in conn.execute(text(KEYS_FROM_LINKS)))
    counted = conn.execute(text("SELECT topic_slug, leader_slug, n FROM position_count WHERE n > 0"))
    counts = {(t, le): n for t, le, n in counted}
    expected = {(t, le): 0 for t, le, _, _ in keys}
    for t, le, _, _ in keys:
        expected[t, le] += 1
    expected["", ""] = conn.execute(text("SELECT count(*) FROM position")).scalar_one()
    assert counts == expected
