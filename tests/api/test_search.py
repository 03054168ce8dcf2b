"""Full-text search (`q`) on position lists and documents: matches, ranks, highlights, pages, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from tests.seed_facts import DOCUMENT, ONE_CHINA, PUTIN, XI


def search(client: TestClient, url: str = "/v1/positions", **params: object) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_words_find_the_sentence_with_rank_and_highlight(client: TestClient) -> None:
    body = search(client, q="Taiwan")
    (hit,) = body["items"]
    assert body["total"] == 1
    assert hit["text"] == ONE_CHINA
    assert hit["highlight"] == ONE_CHINA.replace("Taiwan", "<mark>Taiwan</mark>")
    assert hit["rank"] > 0


def test_without_q_there_is_no_rank_or_highlight(client: TestClient) -> None:
    first = search(client)["items"][0]
    assert first["rank"] is None and first["highlight"] is None


def test_phrase_prefix_and_or(client: TestClient) -> None:
    phrase = search(client, q='"one-China policy"')["items"]
    assert [p["text"] for p in phrase] == [ONE_CHINA]
    prefix = search(client, q="vaccin*")["items"]
    assert len(prefix) == 1 and "<mark>vaccine</mark>" in prefix[0]["highlight"]
    either = search(client, q="Taiwan OR vaccine", sort="date")["items"]
    assert len(either) == 2
    assert search(client, q="Taiwan vaccine")["total"] == 0  # words: all must match


def test_punctuated_words_are_searched_as_phrases(client: TestClient) -> None:
    assert [p["text"] for p in search(client, q="one-China")["items"]] == [ONE_CHINA]
    assert search(client, q="China's legitimate")["total"] == 1


def test_relevance_is_the_default_order_and_best_first(client: TestClient) -> None:
    items = search(client, q="Afghan*")["items"]
    ranks = [p["rank"] for p in items]
    assert ranks == sorted(ranks, reverse=True)
    assert len(items) == 6
    # The sentence naming the Afghan issue twice beats those naming it once.
    assert items[0]["highlight"].count("<mark>") >= 2


def test_search_combines_with_filters_and_path_lists(client: TestClient) -> None:
    putin = search(client, q="Afghan*", leader=PUTIN)
    assert putin["total"] == 4 and all(PUTIN in {s["slug"] for s in p["speakers"]} for p in putin["items"])
    assert search(client, f"/v1/leaders/{XI}/positions", q="Taiwan")["total"] == 0
    assert search(client, "/v1/topics/taiwan/positions", q="policy")["total"] == 1
    in_doc = search(client, f"/v1/documents/{DOCUMENT}/positions", q="COVID")
    assert in_doc["total"] == 2 and all("<mark>COVID</mark>" in p["highlight"] for p in in_doc["items"])


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_relevance_pages_cover_every_hit_once_in_order(client: TestClient, limit: int) -> None:
    everything = search(client, q="China OR Russia")["items"]
    seen: list[int] = []
    url: str | None = f"/v1/positions?q=China%20OR%20Russia&limit={limit}"
    while url:
        body = client.get(url).json()
        seen += [p["id"] for p in body["items"]]
        url = body["next"]
    assert seen == [p["id"] for p in everything]
    assert len(seen) == len(set(seen)) == search(client, q="China OR Russia")["total"]


def test_date_order_with_q_keeps_highlights(client: TestClient) -> None:
    items = search(client, q="terrorism", sort="date")["items"]
    assert [p["id"] for p in items] == sorted(p["id"] for p in items)
    assert all("<mark>terrorism</mark>" in p["highlight"] for p in items)


@pytest.mark.parametrize("q", ["OR", "Taiwan OR", "NOT", "(", "a AND", "***", "   ", "-", "NEAR("])
def test_bad_queries_are_a_422_explaining_the_syntax(client: TestClient, q: str) -> None:
    response = client.get("/v1/positions", params={"q": q})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert [e["name"] for e in body["errors"]] == ["q"]
    assert "quoted phrases" in body["detail"]


def test_an_unclosed_quote_is_closed(client: TestClient) -> None:
    assert [p["text"] for p in search(client, q='"one-China policy')["items"]] == [ONE_CHINA]


def test_sort_relevance_without_q_is_refused(client: TestClient) -> None:
    response = client.get("/v1/positions", params={"sort": "relevance"})
    assert response.status_code == 422 and response.json()["errors"][0]["name"] == "sort"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(min_size=1, max_size=40))
def test_any_string_is_an_answer_never_a_500(client: TestClient, q: str) -> None:
    for url in ("/v1/positions", "/v1/documents"):
        response = client.get(url, params={"q": q})
        assert response.status_code in (200, 422), (q, response.text)


def test_documents_search_title_and_text_with_a_snippet(client: TestClient) -> None:
    body = search(client, "/v1/documents", q="multilateral")
    (doc,) = body["items"]
    assert doc["id"] == DOCUMENT and body["total"] == 1
    assert "<mark>multilateral</mark>" in doc["highlight"] and doc["rank"] > 0
    assert search(client, "/v1/documents", q="Narnia")["items"] == []


def test_index_follows_inserts_updates_and_deletes(session: Session, client: TestClient) -> None:
    from app.models import Position

    taiwan = session.get_one(Position, 12)
    taiwan.text = "Putin said Narnia matters."
    session.add(taiwan)
    session.commit()
    assert search(client, q="Narnia")["total"] == 1
    assert search(client, q="Taiwan")["total"] == 0
    session.delete(taiwan)
    session.commit()
    assert search(client, q="Narnia")["total"] == 0
