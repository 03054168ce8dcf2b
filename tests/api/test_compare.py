"""/v1/compare (leaders side by side) and /v1/events/{id}/compare (readouts side by side)."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.factories import PUTIN, XI, add_document, add_event
from tests.seed_facts import EVENT, ONE_CHINA


def test_two_leaders_on_afghanistan(client: TestClient) -> None:
    response = client.get("/v1/compare", params={"topic": "afghanistan", "leader": [XI, PUTIN]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["topics"] == ["afghanistan"]
    xi, putin = body["leaders"]
    assert xi["leader"] == {"slug": XI, "name": "Xi Jinping"} and putin["leader"]["slug"] == PUTIN
    assert (xi["count"], putin["count"]) == (3, 4)
    assert all(XI in {s["slug"] for s in p["speakers"]} for p in xi["positions"])
    assert {a["value"] for a in putin["acts"]} == {"agree", "assert", "commit"}
    assert {a["value"]: a["count"] for a in xi["acts"]} == {"agree": 1, "call": 1, "assert": 1}
    assert "afghanistan" in body["shared_topics"] and "bilateral-relations" in body["shared_topics"]
    assert "drug-trafficking" not in body["shared_topics"]  # Putin's alone
    (joint,) = body["joint"]
    assert joint["text"].startswith("China and Russia agreed to strengthen communication")


def test_compare_on_every_topic_and_with_other_filters(client: TestClient) -> None:
    body = client.get("/v1/compare", params={"leader": [PUTIN, XI], "limit": 2}).json()
    assert body["topics"] == [] and len(body["leaders"][0]["positions"]) == 2
    assert body["leaders"][0]["count"] == 8 and len(body["joint"]) == 2
    taiwan = client.get("/v1/compare", params={"leader": [PUTIN, XI], "q": "one-China"}).json()
    assert [p["text"] for p in taiwan["leaders"][0]["positions"]] == [ONE_CHINA]
    assert taiwan["leaders"][1]["count"] == 0 and taiwan["shared_topics"] == []


def test_compare_needs_two_known_leaders(client: TestClient) -> None:
    one = client.get("/v1/compare", params={"leader": XI})
    assert one.status_code == 422 and one.json()["errors"][0]["name"] == "leader"
    unknown = client.get("/v1/compare", params={"leader": [XI, "napoleon"]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["name"] == "leader"


def test_one_readout_covers_every_topic(client: TestClient) -> None:
    body = client.get(f"/v1/events/{EVENT}/compare").json()
    assert [d["id"] for d in body["documents"]] == ["xi-putin-2021-08-25"]
    assert all(t["missing_from"] == [] for t in body["topics"])
    taiwan = next(t for t in body["topics"] if t["topic"] == "taiwan")
    assert [p["text"] for p in taiwan["documents"][0]["positions"]] == [ONE_CHINA]


def test_two_readouts_show_what_each_left_out(client: TestClient, session: Session) -> None:
    event = add_event(session, "summit-2022-02-04", dt.date(2022, 2, 4), kind="meeting")
    add_document(
        session,
        event,
        "kremlin-readout",
        [
            ("Putin said Russia supports the one-China principle.", [PUTIN], ["taiwan"], "support"),
            ("The leaders agreed to expand trade.", [XI, PUTIN], ["trade", "bilateral-relations"], "agree"),
        ],
    )
    add_document(
        session,
        event,
        "xinhua-readout",
        [
            ("Xi said both sides will expand trade and investment.", [XI], ["trade", "bilateral-relations"], "commit"),
            ("Xi said vaccine cooperation will deepen.", [XI], ["vaccines"], "commit"),
            ("Xi thanked Putin.", [XI], [], None),
        ],
        source="Xinhua",
    )
    session.commit()
    body = client.get("/v1/events/summit-2022-02-04/compare").json()
    assert body["event"]["kind"] == "meeting"
    assert [d["id"] for d in body["documents"]] == ["kremlin-readout", "xinhua-readout"]
    topics = {t["topic"]: t for t in body["topics"]}
    assert [t["topic"] for t in body["topics"]][:2] == ["bilateral-relations", "trade"]  # reported by both first
    assert topics["trade"]["missing_from"] == []
    assert [d["document_id"] for d in topics["trade"]["documents"]] == ["kremlin-readout", "xinhua-readout"]
    assert topics["taiwan"]["missing_from"] == ["xinhua-readout"]
    assert (
        topics["taiwan"]["documents"][0]["positions"][0]["text"]
        == "Putin said Russia supports the one-China principle."
    )
    assert topics["vaccines"]["missing_from"] == ["kremlin-readout"] and topics["vaccines"]["name"] == "Vaccines"
    assert body["untagged"][0]["document_id"] == "xinhua-readout"
    assert client.get("/v1/events/nope/compare").status_code == 404
