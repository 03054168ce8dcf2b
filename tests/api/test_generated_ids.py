"""Ids the API makes up for a readout read as people write the names: family names ("xi", not "jinping"),
and names in any script transliterated (习近平 → xi-jinping), never "untitled" (issue 13)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.ingest.readout_metadata import family_name, slugify

TEXT = (
    "{xi} held a phone call with {putin} on March 3, 2022. {xi_short} said China supports dialogue. "
    "{putin_short} said Russia is ready to deepen cooperation with China."
)


@pytest.mark.parametrize(
    ("xi", "putin"),
    [("Xi Jinping", "Vladimir Putin"), ("习近平", "Владимир Путин"), ("xi-jinping", "Putin")],
)
def test_ids_of_a_posted_readout_put_the_family_name_first(
    client: TestClient, auth: dict[str, str], xi: str, putin: str
) -> None:
    text = TEXT.format(xi="Xi Jinping", putin="Vladimir Putin", xi_short="Xi", putin_short="Putin")
    body = {"text": text + f" ({xi}, {putin})", "date": "2022-03-03", "kind": "phone call", "participants": [xi, putin]}
    response = client.post("/v1/documents", json=body, headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert doc["id"] == "xi-putin-2022-03-03"
    assert doc["event_id"] == "putin-xi-phone-call-2022-03-03"
    assert sorted(p["slug"] for p in doc["participants"]) == ["vladimir-putin", "xi-jinping"]


def test_an_unregistered_leader_in_another_script_gets_a_transliterated_slug(
    client: TestClient, auth: dict[str, str]
) -> None:
    body = {
        "text": "Xi Jinping held talks with 李明博 on March 4, 2022. Xi said China values friendship.",
        "date": "2022-03-04",
        "kind": "meeting",
        "participants": ["xi-jinping", "李明博"],
    }
    response = client.post("/v1/documents", json=body, headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    slugs = {p["slug"] for p in doc["participants"]}
    assert "li-mingbo" in slugs and "untitled" not in doc["id"]
    assert doc["id"] == "xi-li-2022-03-04"
    assert client.get("/v1/leaders/li-mingbo").json()["name"] == "李明博"


@pytest.mark.parametrize(
    ("name", "aliases", "country", "family"),
    [
        ("Xi Jinping", ["Xi", "President Xi"], "China", "Xi"),
        ("Li Qiang", ["Premier Li Qiang"], "China", "Li"),
        ("Vladimir Putin", ["Putin"], "Russia", "Putin"),
        ("Fumio Kishida", ["Kishida", "KISHIDA Fumio"], "Japan", "Kishida"),
        ("Lee Jae-myung", ["Lee Jae Myung"], "South Korea", "Lee"),
        ("Luiz Inácio Lula da Silva", ["Lula"], "Brazil", "Lula"),
        ("Narendra Modi", [], "India", "Modi"),
        ("习近平", [], None, "Xi"),
    ],
)
def test_family_name(name: str, aliases: list[str], country: str | None, family: str) -> None:
    assert family_name(name, aliases, country) == family


@pytest.mark.parametrize(
    ("text", "slug"),
    [("习近平", "xi-jinping"), ("Владимир Путин", "vladimir-putin"), ("Erdoğan", "erdogan"), ("!!!", "untitled")],
)
def test_slugify_transliterates_every_script(text: str, slug: str) -> None:
    assert slugify(text) == slug
