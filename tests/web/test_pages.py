"""The pages over HTTP (no browser): errors as HTML naming the parameter, one-to-one URLs, cached assets,
self-hosted docs, and CORS headers a front end reads."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.seed_facts import DOCUMENT, EVENT, POSITIONS

HTML = "text/html; charset=utf-8"


def test_pages_answer_html_with_one_h1_and_their_own_csp(client: TestClient) -> None:
    for path in (
        "/",
        "/topics/taiwan",
        f"/documents/{DOCUMENT}",
        "/positions/12",
        "/leaders/xi-jinping",
        "/search?q=Afghanistan",
        "/search",
        f"/events/{EVENT}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"] == HTML
        assert response.text.count("<h1") == 1, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "unsafe-inline" not in response.headers["content-security-policy"]


def test_unknown_things_are_html_404_pages_that_say_what_was_not_found(client: TestClient) -> None:
    for path, what in (
        ("/topics/atlantis", "topic"),
        ("/documents/nope", "document"),
        ("/leaders/nobody", "leader"),
        ("/positions/999999", "position"),
        ("/events/nope", "event"),
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == HTML
        assert f"No {what} with id" in response.text


def test_bad_filters_are_html_422_pages_naming_the_parameter(client: TestClient) -> None:
    cases = {
        "/topics/taiwan?leader=nobody": "leader",
        "/topics/taiwan?date_from=yesterday": "date_from",
        "/topics/taiwan?act=shout": "act",
        "/topics/taiwan?limit=all": "limit",
        "/search?q=%21%21": "q",
        "/topics/taiwan?colour=red": "colour",
        "/positions/0": "position_id",
    }
    for path, name in cases.items():
        response = client.get(path)
        assert response.status_code == 422, path
        assert response.headers["content-type"] == HTML
        assert f"<strong>{name}</strong>" in response.text, path


def test_empty_form_fields_are_dropped_by_a_redirect_to_the_v1_shaped_url(client: TestClient) -> None:
    response = client.get(
        "/topics/afghanistan?leader=vladimir-putin&country=&act=&date_from=&date_to=&q=", follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/topics/afghanistan?leader=vladimir-putin"
    page = client.get(response.headers["location"]).text
    assert 'href="/v1/topics/afghanistan/positions?leader=vladimir-putin"' in page


def test_topic_page_lists_the_same_positions_as_its_v1_url(client: TestClient) -> None:
    page = client.get("/topics/afghanistan?country=china&sort=date").text
    api = client.get("/v1/topics/afghanistan/positions?country=china&sort=date").json()
    shown = {int(i) for i in re.findall(r'data-position-id="(\d+)"', page)}
    assert shown == {p["id"] for p in api["items"]}
    assert f"{api['total']} positions" in page


def test_document_page_marks_every_position_of_the_readout(client: TestClient) -> None:
    page = client.get(f"/documents/{DOCUMENT}").text
    inline = re.findall(r'<a class="pos [^"]*" id="p-(\d+)"', page)
    assert len(inline) == POSITIONS
    assert len(set(inline)) == POSITIONS


def test_search_highlights_escape_the_text_but_keep_the_marks(client: TestClient) -> None:
    page = client.get("/search?q=terrorism").text
    assert "<mark>terrorism</mark>" in page.lower()
    assert "&lt;mark&gt;" not in page


def test_static_assets_are_fingerprinted_and_cached_for_a_year(client: TestClient) -> None:
    page = client.get("/").text
    (css,) = re.findall(r'href="(/static/site\.css\?v=[0-9a-f]{16})"', page)
    response = client.get(css)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "etag" in response.headers


def test_docs_load_their_assets_from_this_server(client: TestClient) -> None:
    for path, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = client.get(path).text
        assert '<html lang="en">' in html  # FastAPI's docs page declares no language; screen readers need one
        assert not re.search(r'(src|href)="https?://', html), f"{path} loads something from elsewhere"
        (url,) = re.findall(rf'src="(/static/vendor/[a-z-]+/{re.escape(asset)}[^"]*)"', html)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: run `make assets`"
        assert response.headers["cache-control"].endswith("immutable")
        assert "cdn.jsdelivr.net" not in client.get(path).headers["content-security-policy"]


def test_cors_exposes_the_headers_a_front_end_reads(client: TestClient) -> None:
    response = client.get("/v1/positions?format=csv", headers={"Origin": "https://example.org"})
    exposed = {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"x-total-count", "x-total-kind", "retry-after", "link", "etag"} <= exposed


def test_event_page_sets_two_readouts_of_one_call_side_by_side(client: TestClient, auth: dict[str, str]) -> None:
    second = {
        "text": (
            "Russian President Vladimir Putin held a telephone conversation with Chinese President Xi Jinping. "
            "Putin said Russia supports the one-China policy. "
            "Xi said China is ready to work with Russia on vaccines against COVID-19."
        ),
        "title": "Telephone conversation with Xi Jinping",
        "source": "Kremlin",
        "date": "2021-08-25",
        "kind": "phone call",
        "participants": ["xi-jinping", "vladimir-putin"],
        "event": EVENT,
    }
    created = client.post("/v1/documents", json=second, headers=auth)
    assert created.status_code == 201, created.text
    assert created.json()["event_id"] == EVENT
    comparison = client.get(f"/v1/events/{EVENT}/compare").json()
    assert len(comparison["documents"]) == 2
    page = client.get(f"/events/{EVENT}").text
    assert page.count('class="compare-row compare-2"') == len(comparison["topics"])
    assert page.count('<div class="compare-cell">') == 2 * len(comparison["topics"])
    left_out = sum(len(t["missing_from"]) for t in comparison["topics"])
    assert left_out > 0
    assert page.count("Not reported in this readout.") == left_out
    assert "Kremlin" in page


def test_search_facets_are_counted_when_asked_with_the_v1_parameter(client: TestClient) -> None:
    page = client.get("/search?q=China&facets=leader").text
    api = client.get("/v1/positions?q=China&facets=leader").json()
    for facet in api["facets"]["leader"]:
        assert f'{facet["value"]}</a> <span class="count">{facet["count"]}</span>' in page
    assert "<h3>Topic</h3>" not in page  # only the facet asked for
