"""GET /v1/positions/{id}'s fast path (app.api.hot_paths) answers what the endpoint answers, byte for byte.

Each check asks the same question of two apps on the same database: the real one, and one built
without the fast path (so the FastAPI endpoint and its pydantic model answer), and compares status,
every header in order, and the body's bytes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.api.hot_paths import PositionByIdFastPath
from app.core.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.positions import service
from tests.seed_facts import POSITIONS

ACCEPTS = [None, "*/*", "application/json", "application/json, text/plain;q=0.5", "text/html,*/*;q=0.8"]


def without_fast_path(settings: Settings) -> FastAPI:
    app = create_app(settings)
    app.user_middleware = [m for m in app.user_middleware if m.cls is not PositionByIdFastPath]
    return app


@pytest.fixture
def pair(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, TestClient, list[int]]]:
    """(fast, plain, calls): `calls` lists the ids the fast path read."""
    calls: list[int] = []
    read = service.read_position_and_version

    def counting(reads, position_id):  # type: ignore[no-untyped-def]
        calls.append(position_id)
        return read(reads, position_id)

    monkeypatch.setattr(service, "read_position_and_version", counting)
    fast_app, plain_app = create_app(settings), without_fast_path(settings)
    with TestClient(fast_app) as fast, TestClient(plain_app) as plain:
        yield fast, plain, calls
    fast_app.state.engine.dispose()
    plain_app.state.engine.dispose()


def same_answer(fast: TestClient, plain: TestClient, url: str, headers: dict[str, str]) -> bytes:
    a, b = fast.get(url, headers=headers), plain.get(url, headers=headers)
    assert a.status_code == b.status_code, url
    assert a.headers.raw == b.headers.raw, (url, headers)
    assert a.content == b.content, (url, headers)
    return a.content


def test_every_position_is_the_same_bytes_and_headers(pair) -> None:  # type: ignore[no-untyped-def]
    fast, plain, calls = pair
    for position_id in range(1, POSITIONS + 1):
        for accept in ACCEPTS:
            headers = {"Accept-Encoding": "identity"} | ({"Accept": accept} if accept else {})
            body = same_answer(fast, plain, f"/v1/positions/{position_id}", headers)
            assert body.startswith(b'{"id":')
    assert len(calls) == POSITIONS * len(ACCEPTS)  # every one of them went through the fast path


def test_gzip_cors_and_revalidation_are_the_same(pair) -> None:  # type: ignore[no-untyped-def]
    fast, plain, calls = pair
    url = "/v1/positions/12"
    same_answer(fast, plain, url, {"Accept-Encoding": "gzip"})
    same_answer(fast, plain, url, {"Origin": "https://example.org", "Accept-Encoding": "identity"})
    etag = fast.get(url).headers["etag"]
    for if_none_match in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*", '"other"'):
        same_answer(fast, plain, url, {"If-None-Match": if_none_match, "Accept-Encoding": "identity"})
    assert fast.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert calls


def test_everything_else_goes_to_the_endpoint(pair) -> None:  # type: ignore[no-untyped-def]
    fast, plain, calls = pair
    for url, headers in (
        ("/v1/positions/12?format=jsonld", {}),
        ("/v1/positions/12?format=json", {}),
        ("/v1/positions/12?fields=id", {}),  # unknown parameter: the endpoint's 422
        ("/v1/positions/12", {"Accept": "application/ld+json"}),
        ("/v1/positions/12", {"Accept": "text/csv"}),
        ("/v1/positions/012", {}),
        ("/v1/positions/99999", {}),
        ("/v1/positions/9223372036854775808", {}),
        ("/v1/positions/0", {}),
    ):
        same_answer(fast, plain, url, headers | {"Accept-Encoding": "identity"})
    a, b = fast.head("/v1/positions/12"), plain.head("/v1/positions/12")
    assert (a.status_code, a.headers.raw) == (b.status_code, b.headers.raw)
    assert set(calls) <= {99999}  # only the missing id was looked up there, then left to the endpoint


def test_unusual_values_serialise_as_the_model_does(settings: Settings, pair) -> None:  # type: ignore[no-untyped-def]
    fast, plain, _ = pair
    engine = make_engine(settings)
    with Session(engine) as session:
        session.execute(
            text("UPDATE position SET text = :text, confidence = :confidence, act = NULL WHERE id = 12"),
            {"text": 'Quote "é\u2028\U0001f600" \\ </script>\x1f tab\t', "confidence": 1 / 3},
        )
        session.execute(text("UPDATE position SET confidence = 1e-05 WHERE id = 13"))
        session.execute(text("UPDATE position SET confidence = 1.0 WHERE id = 14"))
        session.commit()
    engine.dispose()
    for position_id in (12, 13, 14):
        same_answer(fast, plain, f"/v1/positions/{position_id}", {"Accept-Encoding": "identity"})


def test_the_etag_follows_writes(settings: Settings, pair) -> None:  # type: ignore[no-untyped-def]
    fast, plain, _ = pair
    before = fast.get("/v1/positions/12").headers["etag"]
    engine = make_engine(settings)
    with Session(engine) as session:
        session.execute(text("UPDATE position SET act = 'assert' WHERE id = 12"))
        session.commit()
    engine.dispose()
    after = same_answer(fast, plain, "/v1/positions/12", {"If-None-Match": before, "Accept-Encoding": "identity"})
    assert b'"act":"assert"' in after
    assert fast.get("/v1/positions/12").headers["etag"] != before
