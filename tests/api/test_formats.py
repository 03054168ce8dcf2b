"""Every list in JSON, CSV and NDJSON (by `format=` or `Accept`); exports of all rows stream in batches."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api import formats
from app.core.pagination import PageResult
from app.positions import service as position_service
from app.positions.query_plan import ListPlan
from tests.factories import add_many
from tests.pages import every_item
from tests.seed_facts import DOCUMENT, ONE_CHINA, POSITIONS, PUTIN

POSITION_COLUMNS = [
    "id",
    "document_id",
    "event_id",
    "date",
    "start",
    "end",
    "speakers",
    "speaker_names",
    "topics",
    "act",
    "method",
    "confidence",
    "reviewed",
    "text",
    "rank",
    "highlight",
    "cite",
    "permalink",
]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_ndjson(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_positions_csv_has_the_documented_columns_and_values(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"format": "csv", "topic": "taiwan"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    reader = csv.reader(io.StringIO(response.text, newline=""))
    assert next(reader) == POSITION_COLUMNS
    (row,) = read_csv(response.text)
    assert row["text"] == ONE_CHINA
    assert row["speakers"] == PUTIN and row["speaker_names"] == "Vladimir Putin"
    assert row["topics"].split(";") == [
        "external-interference",
        "hong-kong",
        "south-china-sea",
        "sovereignty",
        "taiwan",
        "xinjiang",
    ]
    assert row["reviewed"] == "true" and row["rank"] == "" and row["method"] == "curated"
    assert row["permalink"] == "http://testserver/v1/positions/12"
    assert ONE_CHINA in row["cite"] and "Vladimir Putin" in row["cite"]


@pytest.mark.parametrize(
    ("accept", "kind"),
    [
        ("text/csv", "csv"),
        ("application/x-ndjson", "ndjson"),
        ("application/json", "json"),
        ("*/*", "json"),
        ("text/html;q=0.9, application/x-ndjson;q=0.5", "ndjson"),
        ("text/csv;q=0.2, application/json", "json"),
        ("image/png", "json"),
    ],
)
def test_accept_header_chooses_the_format(client: TestClient, accept: str, kind: str) -> None:
    response = client.get("/v1/positions", headers={"Accept": accept})
    assert response.status_code == 200
    if kind == "csv":
        assert len(read_csv(response.text)) == POSITIONS
    elif kind == "ndjson":
        assert response.headers["content-type"] == "application/x-ndjson"
        assert len(read_ndjson(response.text)) == POSITIONS
    else:
        assert response.json()["total"] == POSITIONS


def test_format_parameter_beats_accept(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"format": "ndjson"}, headers={"Accept": "text/csv"})
    assert [p["id"] for p in read_ndjson(response.text)] == [
        p["id"] for p in client.get("/v1/positions").json()["items"]
    ]


def test_ndjson_lines_equal_the_json_items(client: TestClient) -> None:
    page = client.get("/v1/positions", params={"q": "Afghan*"}).json()["items"]
    lines = read_ndjson(client.get("/v1/positions", params={"q": "Afghan*", "format": "ndjson"}).text)
    assert lines == page


def test_csv_pages_link_to_the_next_page(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"format": "csv", "limit": 4})
    assert len(read_csv(response.text)) == 4
    assert response.headers["x-total-count"] == str(POSITIONS)
    assert "format=csv" in response.headers["link"] and 'rel="next"' in response.headers["link"]


@pytest.mark.parametrize(
    ("url", "columns", "key", "expected"),
    [
        (
            "/v1/documents",
            [
                "id",
                "event_id",
                "date",
                "title",
                "source",
                "url",
                "language",
                "sha256",
                "created_at",
                "position_count",
                "rank",
                "highlight",
            ],
            "id",
            DOCUMENT,
        ),
        (
            "/v1/events",
            ["id", "kind", "date", "title", "participants", "participant_names"],
            "participants",
            "vladimir-putin;xi-jinping",
        ),
        ("/v1/leaders", ["slug", "name", "office", "country", "gender", "aliases", "position_count"], "slug", PUTIN),
        (
            "/v1/topics",
            ["slug", "name", "description", "headline", "keywords", "position_count"],
            "slug",
            "afghanistan",
        ),
    ],
)
def test_every_list_answers_csv_and_ndjson(
    client: TestClient, url: str, columns: list[str], key: str, expected: str
) -> None:
    as_csv = client.get(url, params={"format": "csv"})
    assert as_csv.status_code == 200, as_csv.text
    assert next(csv.reader(io.StringIO(as_csv.text, newline=""))) == columns
    rows = read_csv(as_csv.text)
    assert expected in [row[key] for row in rows]
    as_ndjson = read_ndjson(client.get(url, params={"format": "ndjson"}).text)
    # Without `limit` the streaming formats send every match; JSON pages them.
    assert as_ndjson == every_item(client, url)
    assert len(rows) == len(as_ndjson)


def test_jsonld_is_for_positions_only(client: TestClient) -> None:
    response = client.get("/v1/leaders", params={"format": "jsonld"})
    assert response.status_code == 422 and response.json()["errors"][0]["name"] == "format"


@pytest.mark.parametrize("fmt", ["json", "jsonld"])
def test_limit_all_needs_a_streaming_format(client: TestClient, fmt: str) -> None:
    response = client.get("/v1/positions", params={"limit": "all", "format": fmt})
    assert response.status_code == 422 and response.json()["errors"][0]["name"] == "limit"


def test_limit_all_streams_every_row_in_keyset_batches(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_many(session, 53)
    session.commit()
    monkeypatch.setattr(formats, "EXPORT_BATCH", 10)
    calls: list[int] = []
    original = position_service.list_positions

    def spy(s: Session, plan: ListPlan, limit: int, cursor: str | None) -> PageResult:
        calls.append(limit)
        return original(s, plan, limit, cursor)

    monkeypatch.setattr(position_service, "list_positions", spy)
    rows = read_csv(client.get("/v1/positions", params={"limit": "all", "format": "csv", "sort": "date"}).text)
    assert len(rows) == POSITIONS + 53
    assert len({r["id"] for r in rows}) == len(rows)
    assert [int(r["id"]) for r in rows] == sorted(int(r["id"]) for r in rows)  # seed first (2021), then bulk (2022)
    assert calls == [10] * 7  # batches of 10: never one big fetch
    lines = read_ndjson(
        client.get("/v1/positions", params={"limit": "all", "format": "ndjson", "topic": "vaccines"}).text
    )
    assert len(lines) == 54 and all("vaccines" in p["topics"] for p in lines)


def test_limit_all_streams_other_lists_too(client: TestClient) -> None:
    rows = read_csv(client.get("/v1/topics", params={"limit": "all", "format": "csv"}).text)
    assert len(rows) == 19


def test_openapi_declares_the_alternative_media_types(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    content = spec["paths"]["/v1/positions"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/x-ndjson", "application/ld+json"} <= set(content)
    assert "text/csv" in spec["paths"]["/v1/leaders"]["get"]["responses"]["200"]["content"]
