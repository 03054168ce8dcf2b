"""GET /v1/positions/{id}'s fast path (app.api.hot_paths) answers what the endpoint answers, byte for byte.

Each check asks the same question of two apps on the same database: the real one, and one built
without the fast path (so the FastAPI endpoint, its pydantic model and every middleware answer), and
compares status, every header in order, and the body's bytes (not decoded: gzip included).
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
from app.core.reads import RequestReads
from app.main import SummitAPI, create_app
from app.positions import service
from app.positions.row_loader import PositionView
from tests.seed_facts import POSITIONS

Pair = tuple[TestClient, TestClient, list[int]]
ACCEPTS = [None, "*/*", "application/json", "application/json, text/plain;q=0.5", "text/html,*/*;q=0.8"]
ENCODINGS = ["identity", "gzip", "gzip, deflate, br", "deflate", "br;q=1.0, gzip;q=0.5"]


def without_fast_path(settings: Settings) -> FastAPI:
    app = create_app(settings)
    assert isinstance(app, SummitAPI) and isinstance(app.fast_path, PositionByIdFastPath)
    app.fast_path = None
    return app


@pytest.fixture(params=[None, 0, 10**6], ids=["gzip-default", "gzip-everything", "gzip-nothing"])
def pair(settings: Settings, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Pair]:
    """(fast, plain, calls): `calls` lists the ids the fast path read. Each test runs with the default gzip
    threshold (seed positions fall on both sides of it), with everything gzipped (even the empty body of
    a 304, as Starlette's middleware does at 0) and with nothing gzipped."""
    if request.param is not None:
        settings = settings.model_copy(update={"gzip_min_bytes": request.param})
    calls: list[int] = []
    read = service.read_position_and_version

    def counting(reads: RequestReads, position_id: int) -> tuple[int | None, PositionView] | None:
        calls.append(position_id)
        return read(reads, position_id)

    monkeypatch.setattr(service, "read_position_and_version", counting)
    fast_app, plain_app = create_app(settings), without_fast_path(settings)
    with TestClient(fast_app) as fast, TestClient(plain_app) as plain:
        yield fast, plain, calls
    fast_app.state.engine.dispose()
    plain_app.state.engine.dispose()


def answer(client: TestClient, url: str, headers: dict[str, str]) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Status, headers as sent (in order) and the body as sent (gzip not undone)."""
    with client.stream("GET", url, headers=headers) as response:
        return response.status_code, response.headers.raw, b"".join(response.iter_raw())


def same_answer(fast: TestClient, plain: TestClient, url: str, headers: dict[str, str]) -> bytes:
    a, b = answer(fast, url, headers), answer(plain, url, headers)
    assert a == b, (url, headers)
    return a[2]


def test_every_position_is_the_same_bytes_and_headers(pair: Pair) -> None:
    fast, plain, calls = pair
    for position_id in range(1, POSITIONS + 1):
        for accept in ACCEPTS:
            headers = {"Accept-Encoding": "identity"} | ({"Accept": accept} if accept else {})
            body = same_answer(fast, plain, f"/v1/positions/{position_id}", headers)
            assert body.startswith(b'{"id":')
    assert len(calls) == POSITIONS * len(ACCEPTS)  # every one of them went through the fast path


def test_gzip_and_revalidation_are_the_same(pair: Pair) -> None:
    fast, plain, calls = pair
    for position_id in range(1, POSITIONS + 1):
        url = f"/v1/positions/{position_id}"
        for encoding in ENCODINGS:
            same_answer(fast, plain, url, {"Accept-Encoding": encoding})
        etag = fast.get(url, headers={"Accept-Encoding": "identity"}).headers["etag"]
        for if_none_match in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*", '"other"'):
            for encoding in ("identity", "gzip"):
                same_answer(fast, plain, url, {"If-None-Match": if_none_match, "Accept-Encoding": encoding})
    assert fast.get("/v1/positions/12", headers={"If-None-Match": "*"}).status_code == 304
    assert set(calls) == set(range(1, POSITIONS + 1))


def test_everything_else_goes_to_the_endpoint(pair: Pair) -> None:
    fast, plain, calls = pair
    for url, headers in (
        ("/v1/positions/12?format=jsonld", {}),
        ("/v1/positions/12?format=json", {}),
        ("/v1/positions/12?fields=id", {}),  # unknown parameter: the endpoint's 422
        ("/v1/positions/12", {"Accept": "application/ld+json"}),
        ("/v1/positions/12", {"Accept": "text/csv"}),
        ("/v1/positions/12", {"Origin": "https://example.org"}),  # CORS answers it
        ("/v1/positions/12/", {}),
        ("/v1/positions/012", {}),
        ("/v1/positions/99999", {}),
        ("/v1/positions/9223372036854775808", {}),
        ("/v1/positions/0", {}),
    ):
        for encoding in ("identity", "gzip"):
            same_answer(fast, plain, url, headers | {"Accept-Encoding": encoding})
    a, b = fast.head("/v1/positions/12"), plain.head("/v1/positions/12")
    assert (a.status_code, a.headers.raw) == (b.status_code, b.headers.raw)
    a, b = fast.request("GET", "/v1/positions/12", content=b"x"), plain.request("GET", "/v1/positions/12", content=b"x")
    assert (a.status_code, a.headers.raw, a.content) == (b.status_code, b.headers.raw, b.content)
    assert set(calls) <= {99999}  # only the missing id was looked up, then left to the endpoint


def test_unusual_values_serialise_as_the_model_does(settings: Settings, pair: Pair) -> None:
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
        for encoding in ("identity", "gzip"):
            same_answer(fast, plain, f"/v1/positions/{position_id}", {"Accept-Encoding": encoding})


def test_the_etag_follows_writes(settings: Settings, pair: Pair) -> None:
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
