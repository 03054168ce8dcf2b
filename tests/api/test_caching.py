"""HTTP conventions: ETag and If-None-Match → 304, Cache-Control, gzip, CORS exposing Link and ETag."""

from __future__ import annotations

import gzip
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.main import create_app
from tests.conftest import settings_for


def test_every_get_has_an_etag_and_a_revalidation_is_a_304(client: TestClient) -> None:
    for url in ("/v1/positions", "/v1/positions/12", "/v1/topics", "/v1/topics/taiwan/timeline", "/v1/export"):
        first = client.get(url)
        etag = first.headers["etag"]
        assert first.status_code == 200 and etag.startswith('W/"')
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag


def test_the_etag_changes_with_the_data_the_url_and_the_format(client: TestClient, session: Session) -> None:
    from app.models import Position

    etag = client.get("/v1/positions").headers["etag"]
    assert client.get("/v1/positions", params={"topic": "taiwan"}).headers["etag"] != etag
    assert client.get("/v1/positions", headers={"Accept": "text/csv"}).headers["etag"] != etag
    position = session.get_one(Position, 12)
    position.act = "assert"
    session.add(position)
    session.commit()
    changed = client.get("/v1/positions", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_cache_control_is_configurable(db_file: Path) -> None:
    app = create_app(settings_for(db_file, cache_control="public, max-age=300"))
    with TestClient(app) as client:
        assert client.get("/v1/leaders").headers["cache-control"] == "public, max-age=300"
    app.state.engine.dispose()


def test_errors_carry_no_etag(client: TestClient) -> None:
    assert "etag" not in client.get("/v1/positions/999").headers


def test_large_responses_are_gzipped(client: TestClient) -> None:
    response = client.get("/v1/positions", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["total"] == 15  # httpx decodes it, as any client does
    raw = client.get("/v1/export", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    small = client.get("/v1/leaders/xi-jinping", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    assert gzip  # the body above went through gzip; httpx undid it


def test_cors_allows_any_origin_and_exposes_link_and_etag(client: TestClient) -> None:
    response = client.get("/v1/positions?limit=1", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"link", "etag"} <= exposed
