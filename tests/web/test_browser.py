"""The pages in headless Chromium, on the seed readout, checked against what /v1 answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.seed_facts import DOCUMENT, EVENT, ONE_CHINA, POSITIONS, PUTIN
from tests.web.browser import axe_violations, describe
from tests.web.conftest import Tab

PAGES = {
    "home": "/",
    "topic": "/topics/taiwan",
    "topic, filtered": "/topics/afghanistan?leader=vladimir-putin&act=commit",
    "document": f"/documents/{DOCUMENT}",
    "position": "/positions/12",
    "leader": f"/leaders/{PUTIN}",
    "search": "/search?q=terrorism",
    "event": f"/events/{EVENT}",
}


def ids_on(page: Any, selector: str) -> list[int]:
    return [int(x) for x in page.locator(selector).evaluate_all("els => els.map(e => e.dataset.positionId)")]


def test_taiwan_page_shows_putins_one_china_sentence_under_putin(tab: Tab, api: httpx.Client) -> None:
    (expected,) = [p for p in api.get("/v1/topics/taiwan/positions").json()["items"] if p["text"] == ONE_CHINA]
    page = tab.open("/topics/taiwan")
    column = page.locator("section.column").filter(has=page.get_by_role("heading", name="Vladimir Putin"))
    card = column.locator(f'[data-position-id="{expected["id"]}"]')
    assert card.count() == 1
    assert ONE_CHINA in card.inner_text()
    # Under Putin only: the sentence is his alone, so no other column shows it.
    assert page.locator(f'section.column [data-position-id="{expected["id"]}"]').count() == 1


def test_document_page_highlights_every_position_with_its_speakers(tab: Tab, api: httpx.Client) -> None:
    stored = api.get(f"/v1/documents/{DOCUMENT}").json()
    positions = {p["id"]: p for p in api.get(f"/v1/documents/{DOCUMENT}/positions").json()["items"]}
    assert len(positions) == POSITIONS
    page = tab.open(f"/documents/{DOCUMENT}")
    marks = page.locator(".doc-text a[data-position-id]")
    assert marks.count() == POSITIONS
    shown = marks.evaluate_all(
        "els => els.map(e => ({id: +e.dataset.positionId, speakers: e.dataset.speakers, text: e.textContent,"
        " colour: e.className}))"
    )
    for mark in shown:
        api_position = positions[mark["id"]]
        assert mark["speakers"].split() == [s["slug"] for s in api_position["speakers"]]
        assert mark["text"] == api_position["text"]
        joint = len(api_position["speakers"]) > 1
        assert ("joint" in mark["colour"].split()) == joint
    # One colour per speaker: Xi's and Putin's sentences differ, each speaker's are alike.
    colours = {tuple(m["speakers"].split()): {c for c in m["colour"].split() if c.startswith("sp-")} for m in shown}
    assert colours[("xi-jinping",)] != colours[("vladimir-putin",)]
    # The readout as stored: the text with the tooltips taken out is the document, character for character.
    text = page.locator(".doc-text .text").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('.tip').forEach(t => t.remove());"
        " return c.textContent; }"
    )
    assert text == stored["text"]
    # The list beside the text holds the same positions, in reading order.
    assert ids_on(page, ".pos-list [data-position-id]") == sorted(positions, key=lambda i: positions[i]["start"])


def test_keyboard_focus_and_hover_show_a_positions_details(tab: Tab, api: httpx.Client) -> None:
    page = tab.open(f"/documents/{DOCUMENT}")
    first = page.locator(".doc-text a[data-position-id]").first
    tip = page.locator(f"#tip-{first.get_attribute('data-position-id')}")
    assert not tip.is_visible()
    page.locator(".doc-text").click(position={"x": 1, "y": 1})
    first.focus()
    assert tip.is_visible()
    assert "Xi Jinping" in tip.inner_text() or "Vladimir Putin" in tip.inner_text()
    page.mouse.move(0, 0)
    first.evaluate("el => el.blur()")
    assert not tip.is_visible()
    first.hover()
    assert tip.is_visible()


@pytest.mark.parametrize(
    ("boxes", "fields", "expected_query"),
    [
        (["Vladimir Putin"], {}, "leader=vladimir-putin"),
        (["Xi Jinping", "assert", "call"], {"Words": "Afghan*"}, "leader=xi-jinping&act=assert&act=call&q=Afghan%2A"),
        (
            [],
            {"From": "2021-08-25", "To": "2021-08-25", "Country": "russia"},
            "country=russia&date_from=2021-08-25&date_to=2021-08-25",
        ),
    ],
)
def test_filter_form_gives_the_items_of_its_v1_url(
    tab: Tab, api: httpx.Client, boxes: list[str], fields: dict[str, str], expected_query: str
) -> None:
    page = tab.open("/topics/afghanistan")
    for label in boxes:
        page.get_by_label(label, exact=True).check()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation(wait_until="networkidle"):
        page.get_by_role("button", name="Apply filters").click()
    json_url = page.locator("#json-link").get_attribute("href")
    assert json_url == f"/v1/topics/afghanistan/positions?{expected_query}"
    assert page.url == f"{tab.base}/topics/afghanistan?{expected_query}"  # empty fields dropped, one to one
    items = api.get(json_url).json()["items"]
    assert items, "the filter should leave some positions"
    assert set(ids_on(page, "section.column [data-position-id]")) == {p["id"] for p in items}
    csv = api.get(page.locator("#csv-link").get_attribute("href") or "")
    assert csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text.strip().splitlines()) == len(items) + 1


def test_search_shows_marked_matches_and_facet_links(tab: Tab, api: httpx.Client) -> None:
    page = tab.open("/search?q=terrorism")
    expected = api.get("/v1/positions?q=terrorism").json()["items"]
    assert ids_on(page, ".results [data-position-id]") == [p["id"] for p in expected]
    assert page.locator(".results mark").first.inner_text().lower() == "terrorism"
    facet = page.locator(".facets a", has_text="vladimir-putin")
    with page.expect_navigation(wait_until="networkidle"):
        facet.click()
    narrowed = api.get("/v1/positions?q=terrorism&leader=vladimir-putin").json()["items"]
    assert ids_on(page, ".results [data-position-id]") == [p["id"] for p in narrowed]
    assert len(narrowed) < len(expected) or all(PUTIN in [s["slug"] for s in p["speakers"]] for p in expected)


def test_position_page_shows_the_sentence_in_its_paragraph_and_copies_the_citation(tab: Tab, api: httpx.Client) -> None:
    position = api.get("/v1/positions/12").json()
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = tab.open("/positions/12")
    assert page.locator(".evidence mark").inner_text() == position["text"]
    assert page.locator(".cite").inner_text() == position["cite"]
    page.get_by_role("button", name="Copy the citation").click()
    page.wait_for_function("() => document.querySelector('.copy-status').textContent !== ''")
    assert page.evaluate("() => navigator.clipboard.readText()") == position["cite"]
    assert page.get_by_role("link", name="JSON", exact=True).get_attribute("href") == "/v1/positions/12"


def test_event_page_sets_the_readouts_side_by_side_per_topic(tab: Tab, api: httpx.Client) -> None:
    comparison = api.get(f"/v1/events/{EVENT}/compare").json()
    page = tab.open(f"/events/{EVENT}")
    sections = page.locator("section.compare-topic")
    assert sections.count() == len(comparison["topics"])
    first = comparison["topics"][0]
    expected = [p["id"] for cov in first["documents"] for p in cov["positions"]]
    assert ids_on(sections.first, "[data-position-id]") == expected


def test_charts_draw_the_v1_timelines(tab: Tab, api: httpx.Client) -> None:
    timeline = api.get("/v1/topics/taiwan/timeline").json()
    page = tab.open("/topics/taiwan")
    assert page.locator("figure.chart canvas").count() >= 1
    cells = page.locator("figure.chart details table tbody tr").first.locator("td").all_text_contents()
    assert sorted(int(c) for c in cells) == sorted(b["count"] for b in timeline["buckets"])
    leader = tab.open(f"/leaders/{PUTIN}")
    assert leader.locator("figure.chart canvas").count() >= 1


@pytest.mark.parametrize("name", list(PAGES))
def test_page_logs_no_console_error(tab: Tab, name: str) -> None:
    tab.open(PAGES[name])
    tab.page.wait_for_timeout(200)  # let deferred scripts and chart fetches finish
    assert tab.errors == []


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(tab: Tab, name: str) -> None:
    tab.open(PAGES[name])
    violations = axe_violations(tab.page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_holds_at_phone_width(phone_tab: Tab, name: str) -> None:
    page = phone_tab.open(PAGES[name])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_render_with_nothing_from_outside(tab: Tab, path: str) -> None:
    outside: list[str] = []

    def only_here(route: Any) -> None:
        if route.request.url.startswith(tab.base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.page.route("**/*", only_here)
    page = tab.open(path)
    if path == "/docs":
        page.wait_for_selector(".opblock-summary-path", timeout=60000)
        assert page.locator(".opblock-summary-path", has_text="/v1/positions").count() >= 1
    else:
        page.wait_for_selector("[role=navigation], .menu-content", timeout=60000)
        assert "List stated positions" in page.content()
    assert outside == []
    assert tab.errors == []
