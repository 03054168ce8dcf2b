"""/v1/positions: the list, every filter, their composition, sorting, pages and lookups."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.seed_facts import (
    DOCUMENT,
    EVENT,
    JOINT_POSITIONS,
    ONE_CHINA,
    POSITIONS,
    PUTIN,
    PUTIN_POSITIONS,
    XI,
    XI_POSITIONS,
)


def items(client: TestClient, url: str, **params: object) -> list[dict]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_list_has_every_seed_position_with_the_documented_shape(client: TestClient) -> None:
    body = client.get("/v1/positions").json()
    assert body["total"] == POSITIONS and body["limit"] == 50 and body["next"] is None
    first = body["items"][0]
    assert set(first) == {
        "id",
        "document_id",
        "event_id",
        "date",
        "start",
        "end",
        "text",
        "speakers",
        "topics",
        "act",
        "provenance",
        "cite",
        "rank",
        "highlight",
        "links",
    }
    assert first["provenance"] == {"method": "curated", "confidence": 1.0, "reviewed": True}
    assert first["links"]["self"] == f"/v1/positions/{first['id']}"
    assert first["links"]["document"] == f"/v1/documents/{DOCUMENT}"


def test_every_position_slices_the_stored_text_exactly(client: TestClient) -> None:
    text = client.get(f"/v1/documents/{DOCUMENT}").json()["text"]
    for p in items(client, "/v1/positions"):
        assert text[p["start"] : p["end"]] == p["text"]
        assert p["text"] == p["text"].strip()


def test_taiwan_returns_putins_one_china_sentence(client: TestClient) -> None:
    (position,) = items(client, "/v1/positions", topic="taiwan")
    assert position["text"] == ONE_CHINA
    assert position["speakers"] == [{"slug": PUTIN, "name": "Vladimir Putin"}]
    assert position["topics"] == [
        "external-interference",
        "hong-kong",
        "south-china-sea",
        "sovereignty",
        "taiwan",
        "xinjiang",
    ]
    assert position["act"] == "support"
    assert position["date"] == "2021-08-25" and position["event_id"] == EVENT


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"leader": XI}, XI_POSITIONS),
        ({"leader": PUTIN}, PUTIN_POSITIONS),
        ({"leader": [XI, PUTIN]}, POSITIONS),
        ({"country": "russia"}, PUTIN_POSITIONS),
        ({"country": "China"}, XI_POSITIONS),
        ({"country": ["China", "RUSSIA"]}, POSITIONS),
        ({"topic": "afghanistan"}, 6),
        ({"topic": "vaccines"}, 1),
        ({"topic": ["taiwan", "vaccines"]}, 2),
        ({"topic": "afghanistan", "leader": PUTIN}, 4),
        ({"topic": "afghanistan", "leader": XI}, 3),
        ({"act": "agree"}, 2),
        ({"act": ["agree", "oppose"]}, 3),
        ({"document": DOCUMENT}, POSITIONS),
        ({"event": EVENT}, POSITIONS),
        ({"date_from": "2021-08-25", "date_to": "2021-08-25"}, POSITIONS),
        ({"date_from": "2021-08-26"}, 0),
        ({"date_to": "2021-08-24"}, 0),
        ({"topic": "bilateral-relations", "leader": XI, "act": "commit"}, 1),
    ],
)
def test_filters_compose(client: TestClient, params: dict, expected: int) -> None:
    body = client.get("/v1/positions", params=params).json()
    assert body["total"] == expected
    assert len(body["items"]) == expected


def test_repeated_parameter_means_any_and_different_parameters_all(client: TestClient) -> None:
    both = {p["id"] for p in items(client, "/v1/positions", topic=["taiwan", "vaccines"], leader=PUTIN)}
    # Putin spoke on Taiwan, Xi on vaccines: only the Taiwan position is Putin's.
    assert len(both) == 1


def test_joint_positions_name_both_leaders(client: TestClient) -> None:
    joint = [p for p in items(client, "/v1/positions") if len(p["speakers"]) == 2]
    assert len(joint) == JOINT_POSITIONS
    assert joint[-1]["text"] == "They agreed to maintain close contact through various means."
    assert {s["slug"] for s in joint[-1]["speakers"]} == {XI, PUTIN}


def test_sort_orders(client: TestClient) -> None:
    newest = items(client, "/v1/positions", sort="-date")
    oldest = items(client, "/v1/positions", sort="date")
    # One date in the seed: both orders keep reading order within it.
    assert [p["start"] for p in newest] == sorted(p["start"] for p in newest)
    assert [p["id"] for p in newest] == [p["id"] for p in oldest]


@pytest.mark.parametrize("limit", [1, 2, 4, 7, 15])
def test_pages_cover_everything_once_in_order(client: TestClient, limit: int) -> None:
    seen: list[int] = []
    url: str | None = f"/v1/positions?limit={limit}&topic=bilateral-relations&topic=afghanistan"
    pages = 0
    while url:
        response = client.get(url)
        body = response.json()
        assert body["limit"] == limit and len(body["items"]) <= limit
        assert body["total"] == 13
        seen += [p["id"] for p in body["items"]]
        url = body["next"]
        if url:
            assert response.headers["link"] == f'<{url}>; rel="next"'
            assert parse_qs(urlsplit(url).query)["topic"] == ["bilateral-relations", "afghanistan"]
        else:
            assert "link" not in response.headers
        pages += 1
    assert len(seen) == len(set(seen)) == 13
    assert seen == [p["id"] for p in items(client, "/v1/positions", topic=["bilateral-relations", "afghanistan"])]
    assert pages == -(-13 // limit)


def test_cursor_of_one_sort_is_refused_by_another(client: TestClient) -> None:
    nxt = client.get("/v1/positions", params={"limit": 2, "sort": "date"}).json()["next"]
    cursor = parse_qs(urlsplit(nxt).query)["cursor"][0]
    response = client.get("/v1/positions", params={"cursor": cursor, "sort": "-date"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "cursor"


def test_get_one_position(client: TestClient) -> None:
    (taiwan,) = items(client, "/v1/positions", topic="taiwan")
    response = client.get(f"/v1/positions/{taiwan['id']}")
    assert response.status_code == 200
    assert response.json() == taiwan


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"topic": "narnia"}, "topic"),
        ({"leader": "napoleon"}, "leader"),
        ({"country": "Atlantis"}, "country"),
        ({"act": "sing"}, "act"),
        ({"document": "nope"}, "document"),
        ({"event": "nope"}, "event"),
        ({"date_from": "2021-02-30"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2022-01-01", "date_to": "2021-01-01"}, "date_from"),
        ({"sort": "relevance-ish"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": -3}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_parameters_are_named_in_a_422(client: TestClient, params: dict, name: str) -> None:
    response = client.get("/v1/positions", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and name in body["detail"]
    assert [e["name"] for e in body["errors"]] == [name]


def test_unknown_topic_lists_the_valid_slugs(client: TestClient) -> None:
    detail = client.get("/v1/positions", params={"topic": "taiwann"}).json()["detail"]
    assert "'taiwann'" in detail and "taiwan" in detail and "afghanistan" in detail and "vaccines" in detail


def test_unknown_leader_suggests_the_closest_and_where_to_search(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"leader": "vladimir-putn"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "'vladimir-putn'" in detail and "did you mean vladimir-putin" in detail and "/v1/leaders?q=" in detail


@pytest.mark.parametrize("path", ["/v1/positions/999999", "/v1/positions/0"])
def test_unknown_position_is_a_404_or_422(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert response.headers["content-type"] == "application/problem+json"


def test_a_page_serialises_exactly_as_its_documented_model(client: TestClient) -> None:
    """Pages are built as plain data for speed; the body must be what PositionPage itself would write."""
    from app.schemas import PositionPage

    for params in ({"limit": 500}, {"q": "Taiwan"}, {"topic": "afghanistan", "facets": "leader,act"}):
        response = client.get("/v1/positions", params=params)
        assert response.status_code == 200
        body = response.json()
        model = PositionPage.model_validate(body)
        assert json.loads(model.model_dump_json(exclude_unset=True)) == body
        assert body["items"]
