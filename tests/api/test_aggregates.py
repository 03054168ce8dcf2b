"""Facets on position lists, and timelines per period and speaker for a topic or a leader."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.factories import PUTIN, XI, add_document, add_event, add_many
from tests.seed_facts import POSITIONS, PUTIN_POSITIONS, XI_POSITIONS


def test_facets_count_every_value_under_the_filters(client: TestClient) -> None:
    body = client.get("/v1/positions", params={"facets": "topic,leader,act,country,date", "limit": 1}).json()
    facets = body["facets"]
    assert len(body["items"]) == 1  # counts cover every match, not just the page
    topics = {f["value"]: f["count"] for f in facets["topic"]}
    assert topics["afghanistan"] == 6 and topics["taiwan"] == 1 and topics["vaccines"] == 1
    assert facets["topic"][0] == {"value": "bilateral-relations", "count": 10}  # most first
    assert facets["leader"] == [{"value": XI, "count": XI_POSITIONS}, {"value": PUTIN, "count": PUTIN_POSITIONS}]
    assert {f["value"]: f["count"] for f in facets["country"]} == {"China": XI_POSITIONS, "Russia": PUTIN_POSITIONS}
    assert sum(f["count"] for f in facets["act"]) == POSITIONS
    assert {f["value"]: f["count"] for f in facets["act"]}["agree"] == 2
    assert facets["date"] == [{"value": "2021-08-25", "count": POSITIONS}]


def test_facets_follow_filters_search_and_path(client: TestClient) -> None:
    putin = client.get("/v1/topics/afghanistan/positions", params={"facets": ["leader", "act"], "leader": PUTIN}).json()
    assert putin["facets"]["leader"] == [{"value": PUTIN, "count": 4}, {"value": XI, "count": 1}]  # one is joint
    searched = client.get("/v1/positions", params={"q": "Taiwan", "facets": "topic"}).json()["facets"]["topic"]
    assert {f["value"] for f in searched} == {
        "taiwan",
        "hong-kong",
        "xinjiang",
        "south-china-sea",
        "sovereignty",
        "external-interference",
    }


def test_no_facets_key_unless_asked_and_unknown_facet_is_a_422(client: TestClient) -> None:
    assert "facets" not in client.get("/v1/positions").json()
    response = client.get("/v1/positions", params={"facets": "topic,mood"})
    assert response.status_code == 422 and response.json()["errors"][0]["name"] == "facets"


def _two_more_calls(session: Session) -> None:
    for day, text in (
        (dt.date(2021, 8, 30), "Xi said Afghanistan needs peace."),
        (dt.date(2022, 2, 4), "Putin said Afghanistan must not harbour terrorists."),
    ):
        event = add_event(session, f"call-{day.isoformat()}", day)
        speaker = XI if text.startswith("Xi") else PUTIN
        add_document(session, event, f"readout-{day.isoformat()}", [(text, [speaker], ["afghanistan"], "assert")])
    session.commit()


def test_topic_timeline_by_month_and_year(client: TestClient, session: Session) -> None:
    _two_more_calls(session)
    body = client.get("/v1/topics/afghanistan/timeline", params={"interval": "month"}).json()
    assert body["interval"] == "month" and body["topic"] == "afghanistan"
    rows = [(b["period"], b["speaker"]["slug"], b["count"], b["first"], b["last"]) for b in body["buckets"]]
    assert rows == [
        ("2021-08", PUTIN, 4, "2021-08-25", "2021-08-25"),
        ("2021-08", XI, 4, "2021-08-25", "2021-08-30"),
        ("2022-02", PUTIN, 1, "2022-02-04", "2022-02-04"),
    ]
    xi_august = body["buckets"][1]
    afghan_xi = {
        p["id"] for p in client.get("/v1/positions", params={"topic": "afghanistan", "leader": XI}).json()["items"]
    }
    assert set(xi_august["position_ids"]) == afghan_xi
    yearly = client.get("/v1/topics/afghanistan/timeline", params={"interval": "year", "leader": XI}).json()["buckets"]
    assert [(b["period"], b["speaker"]["slug"], b["count"]) for b in yearly] == [("2021", XI, 4)]


def test_leader_timeline_with_topic(client: TestClient, session: Session) -> None:
    _two_more_calls(session)
    body = client.get(f"/v1/leaders/{PUTIN}/timeline", params={"topic": "afghanistan", "interval": "year"}).json()
    assert body["leader"] == PUTIN
    assert [(b["period"], b["speaker"]["slug"], b["count"]) for b in body["buckets"]] == [
        ("2021", PUTIN, 4),
        ("2022", PUTIN, 1),
    ]
    everything = client.get(f"/v1/leaders/{XI}/timeline").json()["buckets"]
    assert [(b["period"], b["count"]) for b in everything] == [("2021-08", XI_POSITIONS + 1)]


def test_timeline_errors(client: TestClient) -> None:
    assert client.get("/v1/topics/narnia/timeline").status_code == 404
    bad = client.get("/v1/topics/afghanistan/timeline", params={"interval": "week"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["name"] == "interval"


def test_facets_say_they_are_exact_and_maintained_counts_agree_with_counting(client: TestClient) -> None:
    body = client.get("/v1/topics/afghanistan/positions", params={"facets": "leader,topic,act", "limit": 1}).json()
    assert body["facets_kind"] == {"leader": "exact", "topic": "exact", "act": "exact"}
    every = client.get("/v1/topics/afghanistan/positions", params={"limit": 500}).json()["items"]
    per_leader: dict[str, int] = {}
    for p in every:
        for s in p["speakers"]:
            per_leader[s["slug"]] = per_leader.get(s["slug"], 0) + 1
    assert {f["value"]: f["count"] for f in body["facets"]["leader"]} == per_leader


def test_facets_of_a_large_list_are_estimated_from_a_sample_and_say_so(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.positions import aggregates

    add_many(session, 120)  # Xi on vaccines
    session.commit()
    monkeypatch.setattr(aggregates, "EXACT_CAP", 50)
    monkeypatch.setattr(aggregates, "SAMPLE", 30)
    exact = client.get("/v1/positions", params={"topic": "vaccines", "facets": "leader,act,topic", "limit": 1}).json()
    assert exact["total"] == 121 and exact["total_kind"] == "exact"
    kinds = exact["facets_kind"]
    assert kinds == {"leader": "exact", "act": "estimate", "topic": "estimate"}  # leaders of a topic are maintained
    acts = {f["value"]: f["count"] for f in exact["facets"]["act"]}
    assert abs(acts["assert"] - 120) <= 12  # a systematic sample, scaled to the total
    topics = {f["value"]: f["count"] for f in exact["facets"]["topic"]}
    assert abs(topics["vaccines"] - 121) <= 12
    # A list small enough is still counted one by one.
    small = client.get("/v1/positions", params={"topic": "afghanistan", "facets": "act", "limit": 1}).json()
    assert small["facets_kind"] == {"act": "exact"}
