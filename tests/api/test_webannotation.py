"""Positions as W3C Web Annotations: checked against the Web Annotation Data Model, selectors re-applied."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.seed_facts import DOCUMENT, ONE_CHINA, POSITIONS, PUTIN

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}
AGENT_TYPES = {"Person", "Organization", "Software"}


def check_annotation(a: dict[str, Any]) -> None:
    """The Web Annotation Data Model's MUSTs (and the SHOULDs we promise) for one Annotation."""
    assert a["type"] == "Annotation"
    assert isinstance(a["id"], str) and a["id"].startswith("http")  # an Annotation MUST have exactly one IRI
    assert a["motivation"] in MOTIVATIONS
    dt.datetime.fromisoformat(a["created"])  # xsd:dateTime
    assert a["creator"]["type"] in AGENT_TYPES and a["creator"]["name"]
    assert a["generator"]["type"] == "Software" and a["generator"]["schema:softwareVersion"]
    for body in a["body"]:
        assert body["purpose"] in MOTIVATIONS
        if body["type"] == "TextualBody":
            assert isinstance(body["value"], str) and body["format"] == "text/plain"
        else:
            assert body["type"] == "SpecificResource" and body["source"].startswith("http")
    target = a["target"]
    assert target["type"] == "SpecificResource" and target["source"].startswith("http")
    state = target["state"]
    assert state["type"] == "TimeState" and state["id"].startswith("urn:sha256:")
    dt.datetime.fromisoformat(state["sourceDate"])
    kinds = {s["type"]: s for s in target["selector"]}
    assert set(kinds) == {"TextPositionSelector", "TextQuoteSelector"}
    position = kinds["TextPositionSelector"]
    assert isinstance(position["start"], int) and isinstance(position["end"], int)
    assert 0 <= position["start"] < position["end"]
    assert set(kinds["TextQuoteSelector"]) == {"type", "exact", "prefix", "suffix"}


def apply_selectors(a: dict[str, Any], text: str) -> str:
    """What a Web Annotation client does: locate the target in the text by each selector; both must agree."""
    selectors = {s["type"]: s for s in a["target"]["selector"]}
    pos = selectors["TextPositionSelector"]
    by_position = text[pos["start"] : pos["end"]]
    quote = selectors["TextQuoteSelector"]
    context = quote["prefix"] + quote["exact"] + quote["suffix"]
    found = text.find(context)
    assert found >= 0 and text.find(context, found + 1) == -1  # the quote with its context is unambiguous
    start = found + len(quote["prefix"])
    assert start == pos["start"]
    assert text[start : start + len(quote["exact"])] == by_position
    return by_position


def test_one_position_as_an_annotation(client: TestClient) -> None:
    response = client.get("/v1/positions/12", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    a = response.json()
    assert a["@context"] == CONTEXT
    check_annotation(a)
    document = client.get(f"/v1/documents/{DOCUMENT}").json()
    assert apply_selectors(a, document["text"]) == ONE_CHINA
    assert a["target"]["state"]["id"] == f"urn:sha256:{hashlib.sha256(document['text'].encode()).hexdigest()}"
    assert a["target"]["source"] == f"http://testserver/v1/documents/{DOCUMENT}"
    tags = [b["value"] for b in a["body"] if b["purpose"] == "tagging"]
    assert tags == ["external-interference", "hong-kong", "south-china-sea", "sovereignty", "taiwan", "xinjiang"]
    (speaker,) = [b for b in a["body"] if b["purpose"] == "identifying"]
    assert speaker["source"] == f"http://testserver/v1/leaders/{PUTIN}"
    assert [b["value"] for b in a["body"] if b["purpose"] == "classifying"] == ["support"]
    assert a["creator"] == {"type": "Person", "name": "Summit positions curators"}


def test_every_position_list_is_an_annotation_page(client: TestClient) -> None:
    text = client.get(f"/v1/documents/{DOCUMENT}").json()["text"]
    page = client.get("/v1/positions", params={"format": "jsonld"}).json()
    assert page["@context"] == CONTEXT and page["type"] == "AnnotationPage"
    assert page["partOf"] == {"type": "AnnotationCollection", "total": POSITIONS}
    assert len(page["items"]) == POSITIONS and "next" not in page
    listed = {p["id"]: p["text"] for p in client.get("/v1/positions").json()["items"]}
    for a in page["items"]:
        check_annotation(a)
        assert apply_selectors(a, text) == listed[int(a["id"].rsplit("/", 1)[1])]


@pytest.mark.parametrize(
    "url", ["/v1/topics/afghanistan/positions", f"/v1/leaders/{PUTIN}/positions", f"/v1/documents/{DOCUMENT}/positions"]
)
def test_path_lists_page_annotations_too(client: TestClient, url: str) -> None:
    page = client.get(url, params={"format": "jsonld", "limit": 2}).json()
    assert len(page["items"]) == 2 and "cursor=" in page["next"]
    nxt = client.get(page["next"]).json()
    assert nxt["type"] == "AnnotationPage" and nxt["items"][0]["id"] not in {a["id"] for a in page["items"]}


def test_annotator_positions_have_a_software_creator_with_its_version(client: TestClient, session: Session) -> None:
    from app.models import Position

    position = session.get_one(Position, 2)
    position.method, position.reviewed = "summit-annotate/0.3.1", False
    session.add(position)
    session.commit()
    a = client.get("/v1/positions/2", params={"format": "jsonld"}).json()
    assert a["creator"] == {"type": "Software", "name": "summit-annotate", "schema:softwareVersion": "0.3.1"}
