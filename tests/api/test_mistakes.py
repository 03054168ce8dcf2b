"""A user's mistakes get an answer that says what went wrong and what to do — never a silent 200 that ignored
part of the question, never a 500 (issue 13, "Mistakes get a helpful answer, never a silent one")."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.config import Settings
from app.main import create_app
from tests.seed_facts import POSITIONS, PUTIN, PUTIN_POSITIONS, XI, XI_POSITIONS


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


# --- unknown query parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "given", "meant"),
    [
        ("/v1/positions", "topics", "topic"),
        ("/v1/positions", "leaders", "leader"),
        ("/v1/positions", "speaker", "leader"),
        ("/v1/positions", "search", "q"),
        ("/v1/positions", "page_size", "limit"),
        ("/v1/positions", "order_by", "sort"),
        ("/v1/topics/taiwan/positions", "leaders", "leader"),
        ("/v1/leaders/vladimir-putin/positions", "topics", "topic"),
        ("/v1/leaders", "countries", "country"),
        ("/v1/leaders", "name", "q"),
        ("/v1/events", "participant", "leader"),
        ("/v1/documents", "events", "event"),
        ("/v1/compare", "leaders", "leader"),
        ("/v1/topics/afghanistan/timeline", "intervall", "interval"),
    ],
)
def test_an_unknown_parameter_is_a_422_naming_it_and_the_one_meant(
    client: TestClient, path: str, given: str, meant: str
) -> None:
    params = {given: "taiwan"}
    if path == "/v1/compare":
        params["topic"] = "afghanistan"
    body = problem(client.get(path, params=params), 422)
    (error,) = body["errors"]
    assert error["name"] == given and error["in"] == "query"
    assert error["suggestion"] == meant
    assert f"did you mean {meant!r}" in error["reason"]
    assert repr(given) in body["detail"] and "Nothing was filtered by it" in body["detail"]


def test_a_parameter_with_nothing_close_lists_the_accepted_ones(client: TestClient) -> None:
    body = problem(client.get("/v1/positions/1", params={"zzz": "1"}), 422)
    (error,) = body["errors"]
    assert "suggestion" not in error
    assert "parameters accepted here: format" in error["reason"]


def test_every_unknown_parameter_is_named(client: TestClient) -> None:
    body = problem(client.get("/v1/positions", params={"topics": "taiwan", "speaker": "putin"}), 422)
    assert [e["name"] for e in body["errors"]] == ["topics", "speaker"]


def test_known_parameters_still_answer(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"topic": "taiwan", "limit": "5", "sort": "date", "format": "json"})
    assert response.status_code == 200 and response.json()["total"] == 1


# --- leaders by slug, alias, surname or name; ambiguity; search ---------------------------------------------------


@pytest.mark.parametrize("written", ["vladimir-putin", "putin", "Putin", "Vladimir Putin", "VLADIMIR PUTIN", "Путин"])
def test_leader_filter_takes_slug_alias_surname_or_name(client: TestClient, written: str) -> None:
    by_slug = client.get("/v1/positions", params={"leader": "vladimir-putin", "limit": 500}).json()
    response = client.get("/v1/positions", params={"leader": written, "limit": 500})
    assert response.status_code == 200, response.text
    assert [p["id"] for p in response.json()["items"]] == [p["id"] for p in by_slug["items"]]
    assert by_slug["total"] == PUTIN_POSITIONS


def test_a_given_name_alone_finds_its_leader_when_only_one_has_it(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"leader": "Jinping"})
    assert response.status_code == 200 and response.json()["total"] == XI_POSITIONS


def test_an_ambiguous_leader_is_a_422_listing_the_candidates(client: TestClient) -> None:
    body = problem(client.get("/v1/positions", params={"leader": "Li"}), 422)
    (error,) = body["errors"]
    assert error["name"] == "leader" and error["value"] == "Li"
    assert sorted(error["candidates"]) == ["li-keqiang", "li-qiang"]
    assert "li-qiang (Li Qiang)" in body["detail"] and "li-keqiang (Li Keqiang)" in body["detail"]


def test_a_misspelt_leader_gets_the_closest_and_where_to_search(client: TestClient) -> None:
    body = problem(client.get("/v1/positions", params={"leader": "Vladimir Putn"}), 422)
    assert "did you mean vladimir-putin" in body["detail"] and "/v1/leaders?q=" in body["detail"]


@pytest.mark.parametrize("written", ["putin", "Putin", "Vladimir Putin", "vladimir-putin"])
def test_leader_path_takes_slug_alias_or_name(client: TestClient, written: str) -> None:
    response = client.get(f"/v1/leaders/{written}")
    assert response.status_code == 200
    assert response.json()["slug"] == "vladimir-putin"
    assert response.json()["position_count"] == PUTIN_POSITIONS
    positions = client.get(f"/v1/leaders/{written}/positions").json()
    assert positions["total"] == PUTIN_POSITIONS
    timeline = client.get(f"/v1/leaders/{written}/timeline").json()
    assert timeline["leader"] == "vladimir-putin"


def test_an_ambiguous_leader_path_is_a_422_and_an_unknown_one_a_404(client: TestClient) -> None:
    body = problem(client.get("/v1/leaders/li"), 422)
    assert body["errors"][0]["in"] == "path" and sorted(body["errors"][0]["candidates"]) == ["li-keqiang", "li-qiang"]
    body = problem(client.get("/v1/leaders/nobody-at-all"), 404)
    assert "/v1/leaders?q=" in body["detail"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("putin", "vladimir-putin"),
        ("PUTIN", "vladimir-putin"),
        ("Путин", "vladimir-putin"),
        ("习近平", "xi-jinping"),
        ("President Xi", "xi-jinping"),
    ],
)
def test_leaders_q_searches_names_and_aliases(client: TestClient, q: str, expected: str) -> None:
    page = client.get("/v1/leaders", params={"q": q}).json()
    assert expected in [le["slug"] for le in page["items"]]
    assert page["total"] == len(page["items"])


def test_leaders_q_with_no_match_is_an_empty_list(client: TestClient) -> None:
    page = client.get("/v1/leaders", params={"q": "zzzz"}).json()
    assert page["items"] == [] and page["total"] == 0


# --- topics case-folded; commas everywhere -----------------------------------------------------------------------


@pytest.mark.parametrize("written", ["Taiwan", "TAIWAN", " taiwan "])
def test_topic_slugs_are_case_folded(client: TestClient, written: str) -> None:
    assert client.get("/v1/positions", params={"topic": written}).json()["total"] == 1
    assert client.get(f"/v1/topics/{written.strip()}").json()["slug"] == "taiwan"
    assert client.get(f"/v1/topics/{written.strip()}/positions").json()["total"] == 1


def test_a_topic_written_with_spaces_finds_its_slug(client: TestClient) -> None:
    by_slug = client.get("/v1/positions", params={"topic": "south-china-sea"}).json()["total"]
    assert by_slug > 0
    assert client.get("/v1/positions", params={"topic": "South China Sea"}).json()["total"] == by_slug


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("topic", ["taiwan", "afghanistan"]),
        ("leader", ["xi-jinping", "vladimir-putin"]),
        ("act", ["support", "oppose"]),
        ("country", ["China", "Russia"]),
    ],
)
def test_comma_separated_values_mean_what_repeating_the_parameter_means(
    client: TestClient, name: str, values: list[str]
) -> None:
    repeated = client.get("/v1/positions", params=[(name, v) for v in values] + [("limit", "500")]).json()
    joined = client.get("/v1/positions", params={name: ",".join(values), "limit": 500}).json()
    assert joined["total"] == repeated["total"] > 0
    assert [p["id"] for p in joined["items"]] == [p["id"] for p in repeated["items"]]


def test_comma_separated_countries_on_the_leader_list(client: TestClient) -> None:
    repeated = client.get("/v1/leaders", params=[("country", "China"), ("country", "Russia")]).json()
    joined = client.get("/v1/leaders", params={"country": "China,Russia"}).json()
    assert joined["total"] == repeated["total"] >= 4


# --- limit in words, trailing slashes, Content-Type, oversized chunked bodies -------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "1.5", "5000000000"])
def test_a_bad_limit_states_the_rule_in_words(client: TestClient, limit: str) -> None:
    body = problem(client.get("/v1/positions", params={"limit": limit}), 422)
    assert body["errors"][0]["name"] == "limit"
    reason = body["errors"][0]["reason"]
    assert "whole number from 1 to 500" in reason or "at most 500" in reason
    assert "^" not in body["detail"] and "pattern" not in body["detail"]


@pytest.mark.parametrize("path", ["/v1/positions/", "/v1/topics/taiwan/", "/v1/leaders/putin/positions/"])
def test_a_trailing_slash_answers_the_same_resource(client: TestClient, path: str) -> None:
    with_slash = client.get(path, follow_redirects=False)
    assert with_slash.status_code == 200
    assert with_slash.json() == client.get(path.rstrip("/")).json()


def test_a_body_without_json_content_type_says_which_header_to_send(client: TestClient, auth: dict) -> None:
    payload = json.dumps({"text": "Xi said China supports peace.", "date": "2022-03-03"})
    response = client.post(
        "/v1/documents",
        content=payload,
        headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
    )
    body = problem(response, 415)
    assert "Content-Type: application/json" in body["detail"]
    assert body["errors"][0] == {
        "name": "Content-Type",
        "in": "header",
        "reason": "must be application/json",
        "value": "application/x-www-form-urlencoded",
    }
    assert client.get("/v1/documents").json()["total"] == 1  # nothing stored


def test_an_oversized_chunked_body_is_a_413_not_a_400(client: TestClient, auth: dict) -> None:
    limit = Settings().max_body_bytes

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(limit // 10_000 + 2):
            yield b"x" * 10_000
        yield b'"}'

    response = client.post("/v1/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    body = problem(response, 413)
    assert str(limit) in body["detail"]


# --- CSV and NDJSON lists without limit: every match --------------------------------------------------------------


def test_csv_and_ndjson_without_limit_are_not_cut_at_the_default_page_size(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"default_limit": 3}))
    with TestClient(app) as small_pages:
        assert len(small_pages.get("/v1/positions").json()["items"]) == 3
        rows = list(csv.DictReader(io.StringIO(small_pages.get("/v1/positions", params={"format": "csv"}).text)))
        assert len(rows) == POSITIONS
        lines = small_pages.get("/v1/positions", headers={"Accept": "application/x-ndjson"}).text.splitlines()
        assert len(lines) == POSITIONS
        leaders = small_pages.get("/v1/leaders", params={"format": "csv"}).text.splitlines()
        assert len(leaders) - 1 == small_pages.get("/v1/leaders").json()["total"] > 3
        # An explicit limit is still one page, and says where the next one is.
        page = small_pages.get("/v1/positions", params={"format": "csv", "limit": 3})
        assert len(page.text.splitlines()) == 4 and 'rel="next"' in page.headers["link"]
    app.state.engine.dispose()


# --- timelines echo their filters; one over every position; joint positions count for each speaker -----------------


def test_topic_timeline_echoes_the_leader_filter(client: TestClient) -> None:
    body = client.get("/v1/topics/afghanistan/timeline", params={"leader": "xi"}).json()
    assert body["topic"] == "afghanistan" and body["leader"] == "xi-jinping"
    assert body["filters"]["topic"] == ["afghanistan"] and body["filters"]["leader"] == ["xi-jinping"]
    assert {b["speaker"]["slug"] for b in body["buckets"]} == {"xi-jinping"}


def test_a_timeline_over_every_position(client: TestClient) -> None:
    body = client.get("/v1/timeline", params={"interval": "year"}).json()
    assert body["topic"] is None and body["leader"] is None
    counts = {b["speaker"]["slug"]: b["count"] for b in body["buckets"]}
    assert counts == {XI: XI_POSITIONS, PUTIN: PUTIN_POSITIONS}
    filtered = client.get("/v1/timeline", params={"country": "russia", "act": "support"}).json()
    assert filtered["filters"]["country"] == ["Russia"] and filtered["filters"]["act"] == ["support"]


def test_joint_positions_count_for_each_speaker_and_the_docs_say_so(client: TestClient) -> None:
    total = client.get("/v1/positions").json()["total"]
    per_leader = {le["slug"]: le["count"] for le in client.get("/v1/topics/afghanistan").json()["leaders"]}
    on_topic = client.get("/v1/topics/afghanistan").json()["position_count"]
    assert sum(per_leader.values()) >= on_topic
    assert total == POSITIONS < XI_POSITIONS + PUTIN_POSITIONS  # 15 positions, 10 + 8 by speaker
    schema = client.get("/openapi.json").json()
    for path in ("/v1/leaders", "/v1/leaders/{slug}", "/v1/topics/{slug}", "/v1/topics/{slug}/timeline"):
        assert "joint" in schema["paths"][path]["get"]["description"].lower(), path


def test_events_take_leader_names_and_comma_separated_kinds(client: TestClient) -> None:
    by_slug = client.get("/v1/events", params={"leader": "vladimir-putin"}).json()
    assert client.get("/v1/events", params={"leader": "Putin"}).json()["total"] == by_slug["total"] == 1
    both = client.get("/v1/events", params={"kind": "Phone Call,meeting"}).json()
    assert both["total"] == 1
    body = problem(client.get("/v1/events", params={"kind": "call"}), 422)
    assert "phone call, video call, meeting, joint statement" in body["detail"]


def test_documents_take_comma_separated_events(client: TestClient) -> None:
    joined = client.get(
        "/v1/documents", params={"event": "xi-putin-phone-call-2021-08-25,xi-putin-phone-call-2021-08-25"}
    )
    assert joined.json()["total"] == 1
    body = problem(client.get("/v1/documents", params={"event": "xi-putin-phone-call-2021-08-25,nope"}), 422)
    assert "'nope'" in body["detail"]


@pytest.mark.parametrize("query", ["topic=", "topic=taiwan,", "leader=putin,,xi", "act=", "country=,"])
def test_an_empty_filter_value_is_a_422_not_an_unfiltered_list(client: TestClient, query: str) -> None:
    body = problem(client.get(f"/v1/positions?{query}"), 422)
    assert body["errors"][0]["name"] == query.split("=")[0] and "an empty value" in body["detail"]


def test_a_topic_path_with_a_comma_is_not_read_as_its_first_topic(client: TestClient) -> None:
    assert client.get("/v1/topics/taiwan,vaccines").status_code == 404


ACCEPTED_ON_POSITIONS = {
    "act", "country", "cursor", "date_from", "date_to", "document", "event", "facets", "format", "leader", "limit",
    "min_confidence", "q", "sort", "topic",
}  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-", min_size=1, max_size=12))
def test_any_parameter_the_list_does_not_declare_is_named_in_a_422(client: TestClient, name: str) -> None:
    response = client.get("/v1/positions", params={name: "x"})
    if name in ACCEPTED_ON_POSITIONS:
        assert all(e.get("reason", "").find("not a parameter") < 0 for e in response.json().get("errors", []))
        return
    body = problem(response, 422)
    assert body["errors"][0]["name"] == name and "not a parameter of GET /v1/positions" in body["errors"][0]["reason"]
