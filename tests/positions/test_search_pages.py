"""Search pages at scale: relevance over a window of the newest matches, every match listed once."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.positions import search_pages as position_search
from tests.factories import PUTIN, XI, add_document, add_event


def _grain_readouts(session: Session) -> None:
    """40 positions mentioning grain, with 1 to 3 mentions so ranks differ; every 4th on trade."""
    for day in range(8):
        event = add_event(session, f"grain-call-{day}", dt.date(2023, 1, 1) + dt.timedelta(days=day * 3))
        sentences = []
        for i in range(5):
            n = (day * 5 + i) % 3 + 1
            topics = ["trade"] if (day * 5 + i) % 4 == 0 else ["bilateral-relations"]
            sentences.append(
                (f"Xi said {' and '.join(['grain'] * n)} exports matter, item {day}-{i}.", [XI], topics, "assert")
            )
        add_document(session, event, f"grain-readout-{day}", sentences)
    session.commit()


def _all_pages(client: TestClient, **params: object) -> list[dict]:
    items, url, query = [], "/v1/positions", dict(params)
    while url:
        response = client.get(url, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        url, query = body["next"], None
    return items


@pytest.mark.parametrize("extra", [{}, {"topic": "trade"}])
def test_relevance_ranks_the_newest_window_then_lists_the_rest_newest_first(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch, extra: dict
) -> None:
    _grain_readouts(session)
    monkeypatch.setattr(position_search, "RANK_WINDOW", 12)
    every = {p["id"] for p in _all_pages(client, q="grain", sort="-date", limit=500, **extra)}
    listed = _all_pages(client, q="grain", limit=7, **extra)
    ids = [p["id"] for p in listed]
    assert len(ids) == len(set(ids)) and set(ids) == every  # each match exactly once, none lost
    ranked = [p for p in listed if p["rank"] is not None]
    rest = [p for p in listed if p["rank"] is None]
    assert listed[: len(ranked)] == ranked  # ranked ones first
    assert [p["rank"] for p in ranked] == sorted((p["rank"] for p in ranked), reverse=True)
    assert all(p["highlight"] and "<mark>grain</mark>" in p["highlight"] for p in listed)
    # The window: the 12 newest matches of the words (whatever the other filters), on both engines.
    all_matches = sorted((p["id"] for p in _all_pages(client, q="grain", sort="-date", limit=500)), reverse=True)
    assert {p["id"] for p in ranked} == {i for i in every if i >= all_matches[11]}
    assert [p["id"] for p in rest] == sorted((p["id"] for p in rest), reverse=True)


def test_a_small_match_set_is_ranked_whole_and_the_total_is_exact(client: TestClient, session: Session) -> None:
    _grain_readouts(session)
    body = client.get("/v1/positions", params={"q": "grain", "limit": 5}).json()
    assert body["total"] == 40 and body["total_kind"] == "exact"
    assert all(p["rank"] is not None for p in _all_pages(client, q="grain", limit=9))


def test_a_search_total_beyond_the_cap_is_a_lower_bound(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grain_readouts(session)
    monkeypatch.setattr(position_search, "SCAN_CAP", 25)
    body = client.get("/v1/positions", params={"q": "grain"}).json()
    assert (body["total"], body["total_kind"]) == (25, "lower_bound")
    assert client.get("/v1/positions", params={"q": "grain", "topic": "trade"}).json()["total"] == 10


def test_a_relevance_cursor_keeps_its_window_while_readouts_arrive(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _grain_readouts(session)
    monkeypatch.setattr(position_search, "RANK_WINDOW", 12)
    first = client.get("/v1/positions", params={"q": "grain", "limit": 20}).json()
    event = add_event(session, "grain-late", dt.date(2024, 5, 1), participants=(XI, PUTIN))
    add_document(
        session, event, "grain-late-readout", [("Putin said grain grain grain grain.", [PUTIN], ["trade"], None)]
    )
    session.commit()
    second = client.get(first["next"]).json()
    seen = [p["id"] for p in first["items"] + second["items"]]
    assert len(seen) == len(set(seen)) == 40  # the new match does not shift the pages already cut
