"""One error shape for the whole API (RFC 9457), enforced across every kind of error a client can cause."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

BAD_REQUESTS = [
    ("GET", "/v1/positions?topic=nope", 422),
    ("GET", "/v1/positions?limit=100000", 422),
    ("GET", "/v1/positions?date_from=2021-13-01", 422),
    ("GET", "/v1/positions/abc", 422),
    ("GET", "/v1/positions/123456", 404),
    ("GET", "/v1/documents/nope", 404),
    ("GET", "/v1/events/nope", 404),
    ("GET", "/v1/leaders/nope", 404),
    ("GET", "/v1/topics/nope", 404),
    ("GET", "/v1/nothing-here", 404),
    ("GET", "/v1/documents/..%2F..%2Fetc%2Fpasswd", 404),
    ("GET", "/v1/leaders/" + "x" * 5000, 404),
    ("GET", "/v1/topics/%00", 404),
    ("GET", "/v1/leaders/'%20OR%201=1--", 404),
    ("DELETE", "/v1/topics", 405),
    ("PUT", "/health", 405),
]


@pytest.mark.parametrize(("method", "path", "status"), BAD_REQUESTS)
def test_every_error_is_problem_json(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status and isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.text and "SELECT" not in response.text


def test_unexpected_errors_are_a_problem_without_internals(client: TestClient) -> None:
    def boom() -> None:
        raise RuntimeError("secret internals")

    app = client.app
    assert isinstance(app, FastAPI)
    app.add_api_route("/boom", boom)
    plain = TestClient(app, raise_server_exceptions=False)
    response = plain.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret" not in response.text


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {
        "status": "ok",
        "database": "ok",
        "schema_revision": body["schema_revision"],
        "documents": 1,
        "positions": 15,
    }
    assert body["schema_revision"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/v1/positions",
        "/v1/positions/{position_id}",
        "/v1/documents",
        "/v1/documents/{document_id}",
        "/v1/documents/{document_id}/positions",
        "/v1/events",
        "/v1/events/{event_id}",
        "/v1/leaders",
        "/v1/leaders/{slug}",
        "/v1/leaders/{slug}/positions",
        "/v1/topics",
        "/v1/topics/{slug}",
        "/v1/topics/{slug}/positions",
        "/health",
    ):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_a_single_valued_parameter_given_twice_is_refused(client: TestClient) -> None:
    response = client.get("/v1/positions?sort=date&sort=-date")
    assert response.status_code == 422 and response.json()["errors"][0]["name"] == "sort"
    assert client.get("/v1/positions?topic=taiwan&topic=vaccines").status_code == 200


def test_small_list_filters_are_checked_too(client: TestClient) -> None:
    for path, name in [
        ("/v1/events?kind=", "kind"),
        ("/v1/events?leader=napoleon", "leader"),
        ("/v1/documents?event=false", "event"),
        ("/v1/leaders?country=Atlantis", "country"),
    ]:
        response = client.get(path)
        assert response.status_code == 422, path
        assert response.json()["errors"][0]["name"] == name
