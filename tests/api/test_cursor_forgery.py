"""A forged cursor is a 422 naming `cursor`, on every list, sort and filter — never a 500 from the driver
(issue 13: ids outside SQLite's 64-bit range raised OverflowError in driver_rows)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.forged_cursors import encode, forged_cursors

LISTS = [
    ("/v1/positions", {}),
    ("/v1/positions", {"sort": "date"}),
    ("/v1/positions", {"topic": "afghanistan"}),
    ("/v1/positions", {"topic": "afghanistan", "leader": "xi-jinping", "sort": "date"}),
    ("/v1/positions", {"q": "China"}),
    ("/v1/positions", {"q": "China", "sort": "-date"}),
    ("/v1/positions", {"country": "Russia", "act": "support"}),
    ("/v1/positions", {"format": "csv", "limit": "all"}),
    ("/v1/topics/taiwan/positions", {}),
    ("/v1/leaders/vladimir-putin/positions", {"sort": "date"}),
    ("/v1/documents", {}),
    ("/v1/documents", {"q": "multilateral"}),
    ("/v1/events", {}),
    ("/v1/leaders", {}),
    ("/v1/topics", {}),
]


def check(client: TestClient, path: str, params: dict[str, str], cursor: str) -> None:
    response = client.get(path, params={**params, "cursor": cursor})
    assert response.status_code in (200, 422), (path, params, cursor, response.status_code, response.text)
    if response.status_code == 422:
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["name"] for e in response.json()["errors"]] == ["cursor"]


@pytest.mark.parametrize(
    ("sort", "values"),
    [
        ("-date", ["2021-08-25", 2**63]),
        ("-date", ["2021-08-25", -(2**63) - 1]),
        ("date", ["2021-08-25", 1e308]),
        ("relevance", [0, 0, 1e308, 2**63]),
        ("relevance", [0, 0, float("inf"), 1]),
        ("relevance", [0, 2**64, 0.5, 1]),
        ("-date", ["2021-08-25", "\ud800"]),
    ],
)
@pytest.mark.parametrize("extra", [{}, {"topic": "afghanistan"}, {"q": "China"}, {"leader": "xi-jinping"}])
def test_the_reported_forged_cursors_are_422s(
    client: TestClient, sort: str, values: list[object], extra: dict[str, str]
) -> None:
    params = {**extra, "sort": sort} if sort != "relevance" or "q" in extra else extra
    response = client.get("/v1/positions", params={**params, "cursor": encode(["positions", sort, values])})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["name"] == "cursor"
    assert "use the 'next' URL" in response.json()["detail"] or "belongs to sort=" in response.json()["detail"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(LISTS), cursor=forged_cursors)
def test_any_forged_cursor_is_a_422_or_a_page(
    client: TestClient, where: tuple[str, dict[str, str]], cursor: str
) -> None:
    path, params = where
    check(client, path, params, cursor)


def test_a_real_cursor_still_pages(client: TestClient) -> None:
    first = client.get("/v1/positions", params={"limit": 5}).json()
    second = client.get(first["next"]).json()
    assert second["items"] and not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
