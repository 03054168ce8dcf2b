"""The write side for documents: ingest, dry run, re-annotation, deletion; keys and limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from tests.seed_facts import DOCUMENT, POSITIONS, PUTIN, XI
from tests.seed_facts import EVENT as SEED_EVENT

READOUT = """Xi, Putin talk by phone on vaccines

BEIJING, March 3, 2022 (Xinhua) -- Chinese President Xi Jinping held a phone call with Russian President \
Vladimir Putin on Thursday.

Xi said China is ready to deepen cooperation with Russia on vaccine production.

Putin said Russia firmly supports the one-China principle.

Both leaders agreed to maintain close contact.
"""


def body(**extra: object) -> dict:
    return {
        "text": READOUT,
        "date": "2022-03-03",
        "kind": "phone call",
        "participants": [XI, "Vladimir Putin"],
        **extra,
    }


def test_writes_need_a_key(client: TestClient) -> None:
    for method, path in [
        ("POST", "/v1/documents"),
        ("POST", "/v1/annotate"),
        ("DELETE", f"/v1/documents/{DOCUMENT}"),
        ("POST", f"/v1/documents/{DOCUMENT}/annotate"),
        ("PATCH", "/v1/positions/1"),
        ("DELETE", "/v1/positions/1"),
        ("POST", "/v1/positions"),
        ("POST", "/v1/topics"),
    ]:
        response = client.request(method, path, json={})
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"] == "application/problem+json"
        assert "summit keys create" in response.json()["detail"]
    wrong = client.post("/v1/documents", json=body(), headers={"Authorization": "Bearer spk_forged"})
    assert wrong.status_code == 401 and 'error="invalid_token"' in wrong.headers["www-authenticate"]
    assert client.get("/v1/documents").json()["total"] == 1


def test_ingest_stores_document_and_positions(client: TestClient, auth: dict) -> None:
    response = client.post("/v1/documents", json=body(source="Xinhua"), headers=auth)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert response.headers["location"] == f"/v1/documents/{doc['id']}"
    assert doc["text"] == READOUT and doc["date"] == "2022-03-03" and doc["source"] == "Xinhua"
    assert doc["title"] == "Xi, Putin talk by phone on vaccines"
    assert {p["slug"] for p in doc["participants"]} == {XI, PUTIN}
    by_text = {p["text"]: p for p in doc["positions"]}
    xi = by_text["Xi said China is ready to deepen cooperation with Russia on vaccine production."]
    assert [s["slug"] for s in xi["speakers"]] == [XI] and "vaccines" in xi["topics"]
    putin = by_text["Putin said Russia firmly supports the one-China principle."]
    assert [s["slug"] for s in putin["speakers"]] == [PUTIN] and "taiwan" in putin["topics"]
    joint = by_text["Both leaders agreed to maintain close contact."]
    assert {s["slug"] for s in joint["speakers"]} == {XI, PUTIN}
    for p in doc["positions"]:
        assert READOUT[p["start"] : p["end"]] == p["text"]
        assert p["provenance"]["method"].startswith("annotator/") and p["provenance"]["reviewed"] is False
        assert 0 < p["provenance"]["confidence"] <= 1
    assert client.get("/v1/positions", params={"topic": "taiwan"}).json()["total"] == 2
    stored = client.get(doc["links"]["self"]).json()
    assert stored["position_count"] == len(doc["positions"])


def test_same_text_again_is_a_409_linking_to_the_stored_document(client: TestClient, auth: dict) -> None:
    first = client.post("/v1/documents", json=body(), headers=auth).json()
    again = client.post("/v1/documents", json=body(title="Another title"), headers=auth)
    assert again.status_code == 409
    assert again.json()["existing"] == f"/v1/documents/{first['id']}"
    assert client.get("/v1/documents").json()["total"] == 2


def test_two_readouts_of_one_call_share_the_event(client: TestClient, auth: dict) -> None:
    first = client.post("/v1/documents", json=body(source="Xinhua"), headers=auth).json()
    other = READOUT.replace("(Xinhua)", "/TASS/").replace("BEIJING", "MOSCOW")
    second = client.post("/v1/documents", json=body(text=other, source="TASS"), headers=auth).json()
    assert first["event_id"] == second["event_id"] and first["id"] != second["id"]
    event = client.get(f"/v1/events/{first['event_id']}").json()
    assert len(event["documents"]) == 2


def test_dry_run_stores_nothing(client: TestClient, auth: dict) -> None:
    response = client.post("/v1/annotate", json=body(), headers=auth)
    assert response.status_code == 200
    result = response.json()
    assert {p["slug"] for p in result["participants"]} == {XI, PUTIN}
    assert any(p["text"].startswith("Putin said Russia firmly supports") for p in result["positions"])
    assert client.get("/v1/documents").json()["total"] == 1
    assert client.get("/v1/positions").json()["total"] == POSITIONS


def test_participants_are_inferred_when_absent(client: TestClient, auth: dict) -> None:
    result = client.post("/v1/annotate", json={"text": READOUT, "date": "2022-03-03"}, headers=auth).json()
    assert {p["slug"] for p in result["participants"]} == {XI, PUTIN}


UNDATED = (
    "The Prime Minister spoke to President Biden this afternoon.\n\n"
    "The Prime Minister said the United Kingdom stands with Ukraine.\n"
)


@pytest.mark.parametrize(("date", "prime_minister"), [("2021-06-01", "boris-johnson"), ("2023-06-01", "rishi-sunak")])
def test_the_documents_date_names_the_office_holder(
    client: TestClient, auth: dict, date: str, prime_minister: str
) -> None:
    # The text prints no date and names the office only: the document's date in the request
    # picks whoever held it that day, as `summit evaluate` does with a gold file's date.
    result = client.post("/v1/annotate", json={"text": UNDATED, "date": date}, headers=auth).json()
    assert prime_minister in {p["slug"] for p in result["participants"]}
    (position,) = [p for p in result["positions"] if "stands with Ukraine" in p["text"]]
    assert [s["slug"] for s in position["speakers"]] == [prime_minister]


def test_a_new_leader_named_in_the_text_joins_the_registry(client: TestClient, auth: dict) -> None:
    # An invented president: data/leaders.yaml grows, and a real name would end up in it.
    text = (
        "Chilean President Tomás Ferrada held a phone call with Russian President Vladimir Putin on "
        "Tuesday.\n\nFerrada said Chile supports dialogue on Ukraine.\n"
    )
    assert client.get("/v1/leaders/tomas-ferrada").status_code == 404
    response = client.post("/v1/documents", json={"text": text, "date": "2021-08-24"}, headers=auth)
    assert response.status_code == 201, response.text
    ferrada = client.get("/v1/leaders/tomas-ferrada").json()
    assert ferrada["name"] == "Tomás Ferrada" and ferrada["country"] == "Chile" and ferrada["office"] == "President"
    (position,) = [p for p in response.json()["positions"] if p["text"].startswith("Ferrada said")]
    assert position["speakers"] == [{"slug": "tomas-ferrada", "name": "Tomás Ferrada"}]


def test_bad_bodies_are_named(client: TestClient, auth: dict) -> None:
    cases = [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": READOUT, "kind": "telegram", "date": "2022-03-03"}, "kind"),
        ({"text": READOUT, "date": "2022-02-30"}, "date"),
        ({"text": READOUT, "date": "2022-03-03", "colour": "red"}, "colour"),
        ({"text": 42, "date": "2022-03-03"}, "text"),
        ({"text": "Xi said nothing of note.", "participants": [XI]}, "date"),
        ({"text": READOUT, "event": "no-such-event"}, "event"),
    ]
    for payload, name in cases:
        response = client.post("/v1/documents", json=payload, headers=auth)
        assert response.status_code == 422, (payload, response.text)
        assert name in [e["name"] for e in response.json()["errors"]], (payload, response.json())
    malformed = client.post("/v1/documents", content=b"{not json", headers={**auth, "Content-Type": "application/json"})
    assert malformed.status_code == 422
    assert client.get("/v1/documents").json()["total"] == 1


def test_body_over_the_limit_is_a_413(client: TestClient, auth: dict) -> None:
    huge = {"text": "Xi said yes. " * 100_000, "date": "2022-03-03"}
    response = client.post("/v1/documents", json=huge, headers=auth)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_reannotate_keeps_reviewed_positions(client: TestClient, auth: dict) -> None:
    doc = client.post("/v1/documents", json=body(), headers=auth).json()
    target = next(p for p in doc["positions"] if p["text"].startswith("Putin said"))
    patched = client.patch(
        f"/v1/positions/{target['id']}", json={"topics": ["taiwan", "sovereignty"], "act": "support"}, headers=auth
    ).json()
    assert patched["provenance"] == {"method": "curated", "confidence": 1.0, "reviewed": True}
    again = client.post(f"/v1/documents/{doc['id']}/annotate", headers=auth)
    assert again.status_code == 200
    kept = [p for p in again.json()["positions"] if p["text"].startswith("Putin said")]
    assert len(kept) == 1 and kept[0]["id"] == target["id"] and kept[0]["topics"] == ["sovereignty", "taiwan"]
    assert len(again.json()["positions"]) == len(doc["positions"])


def test_delete_document_removes_its_positions(client: TestClient, auth: dict) -> None:
    doc = client.post("/v1/documents", json=body(), headers=auth).json()
    assert client.delete(f"/v1/documents/{doc['id']}", headers=auth).status_code == 204
    assert client.get(f"/v1/documents/{doc['id']}").status_code == 410  # deleted ids answer Gone
    assert client.get("/v1/positions").json()["total"] == POSITIONS
    assert client.get(f"/v1/events/{doc['event_id']}").status_code == 410
    assert client.delete(f"/v1/documents/{doc['id']}", headers=auth).status_code == 410


def test_read_only_deployment_refuses_writes(settings: Settings, api_key: str) -> None:
    from app.main import create_app

    app = create_app(settings.model_copy(update={"read_only": True}))
    with TestClient(app) as client:
        response = client.post("/v1/documents", json=body(), headers={"Authorization": f"Bearer {api_key}"})
        assert response.status_code == 403 and response.json()["type"] == "/problems/read-only"
        assert client.delete(f"/v1/documents/{DOCUMENT}").status_code == 403
        assert client.get("/v1/positions").json()["total"] == POSITIONS
    app.state.engine.dispose()


def test_writes_are_rate_limited_per_key(settings: Settings, api_key: str) -> None:
    from app.main import create_app

    app = create_app(settings.model_copy(update={"write_rate_limit": "2/minute"}))
    auth = {"Authorization": f"Bearer {api_key}"}
    with TestClient(app) as client:
        statuses = [client.post("/v1/annotate", json=body(), headers=auth).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = client.post("/v1/annotate", json=body(), headers=auth)
        assert int(limited.headers["retry-after"]) >= 1 and limited.json()["status"] == 429
        assert client.get("/v1/positions").status_code == 200  # reads are never limited
    app.state.engine.dispose()


def test_revoked_key_stops_working_at_once(client: TestClient, settings: Settings, api_key: str) -> None:
    from sqlmodel import Session

    from app.access.keys import revoke_key
    from app.core.db import make_engine

    auth = {"Authorization": f"Bearer {api_key}"}
    assert client.post("/v1/annotate", json=body(), headers=auth).status_code == 200
    engine = make_engine(settings)
    with Session(engine) as s:
        revoke_key(s, "tests")
    engine.dispose()
    assert client.post("/v1/annotate", json=body(), headers=auth).status_code == 401


def test_security_headers(client: TestClient) -> None:
    response = client.get("/v1/positions")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    docs_csp = client.get("/docs").headers["content-security-policy"]  # self-hosted assets (app/web/assets.py)
    assert "script-src 'self'" in docs_csp and "https:" not in docs_csp


def test_a_text_without_positions_is_stored_with_none(client: TestClient, auth: dict) -> None:
    text = "Weather report\n\nIt rained in Beijing on March 3, 2022."
    response = client.post("/v1/documents", json={"text": text, "participants": [XI, PUTIN]}, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["positions"] == [] and response.json()["date"] == "2022-03-03"


def test_one_100_kb_sentence_is_handled(client: TestClient, auth: dict) -> None:
    text = "Xi said China supports " + ", ".join(f"project {i}" for i in range(9000)) + "."
    assert len(text.encode()) > 100_000
    response = client.post(
        "/v1/documents", json={"text": text, "date": "2022-03-03", "participants": [XI, PUTIN]}, headers=auth
    )
    assert response.status_code == 201, response.text[:300]
    for p in response.json()["positions"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_text_the_database_cannot_hold_is_refused_cleanly(client: TestClient, auth: dict) -> None:
    for bad in ("Xi said yes.\x00", "Xi said \ud800 yes."):
        escaped = bad.encode("unicode_escape").decode().replace("\\x00", "\\u0000")
        response = client.post(
            "/v1/documents",
            headers={**auth, "Content-Type": "application/json"},
            content=('{"text": "' + escaped + '", "date": "2022-03-03"}').encode(),
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["name"] == "text"
    assert client.get("/v1/documents").json()["total"] == 1


def test_another_readout_of_the_seed_call_joins_the_seed_event(client: TestClient, auth: dict) -> None:
    """The seed's event id was given by hand; a new readout of the same call finds it by what it is."""
    other = READOUT.replace("(Xinhua)", "/TASS/").replace("BEIJING", "MOSCOW")
    response = client.post("/v1/documents", json=body(text=other, date="2021-08-25"), headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["event_id"] == SEED_EVENT
    readouts = client.get(f"/v1/events/{SEED_EVENT}").json()["documents"]
    assert len(readouts) == 2
