"""A position list request is planned once: the page, the total and the facets share one plan."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.positions import key_ranges, search_pages


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/positions", {"topic": "afghanistan", "act": "agree", "facets": "leader,act,country"}),
        ("/v1/topics/taiwan/positions", {"leader": "vladimir-putin", "facets": "topic,act"}),
        ("/v1/leaders/xi-jinping/positions", {"facets": "topic,leader,date"}),
        ("/v1/positions", {"country": "China", "facets": "act", "sort": "date"}),
    ],
)
def test_ranges_and_total_are_planned_once_per_request(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, path: str, params: dict[str, str]
) -> None:
    calls: dict[str, int] = {"key_plan": 0, "total": 0}

    def counted(name: str, original: Any) -> Any:
        def spy(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(*args, **kwargs)

        return spy

    monkeypatch.setattr(key_ranges, "key_plan", counted("key_plan", key_ranges.key_plan))
    monkeypatch.setattr(key_ranges, "total", counted("total", key_ranges.total))
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["items"] and body["facets"]
    assert calls == {"key_plan": 1, "total": 1}


def test_a_search_is_counted_once_for_its_page_and_its_facets(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    original = search_pages.total

    def spy(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(search_pages, "total", spy)
    response = client.get("/v1/positions", params={"q": "Afghanistan", "facets": "leader,topic"})
    assert response.status_code == 200, response.text
    assert response.json()["total"] > 0 and calls == 1
