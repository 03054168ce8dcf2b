"""Citations never break: ids are never reused, deleted ones answer 410, curation survives re-seeding,
and every change is in the history, stamped with a dataset version that every response names."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import Settings
from app.core.db import make_engine
from app.ingest.seed import seed
from tests.readouts import readout

SEED_IDS = list(range(1, 16))


def post_readout(client: TestClient, auth: dict[str, str], i: int) -> dict:
    text, date = readout(i)
    response = client.post("/v1/documents", json={"text": text, "date": date}, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()


def test_replay_a_deleted_documents_position_answers_gone_not_someone_elses_words(
    client: TestClient, auth: dict[str, str]
) -> None:
    # POST a readout, read its newest position (the id SQLite would hand out again), DELETE the
    # document, POST another readout: the old citation must not resolve to the new readout's words.
    first = post_readout(client, auth, 1)
    cited = max(p["id"] for p in first["positions"])
    words = client.get(f"/v1/positions/{cited}").json()["text"]
    assert client.delete(f"/v1/documents/{first['id']}", headers=auth).status_code == 204
    second = post_readout(client, auth, 2)
    assert all(p["id"] > cited for p in second["positions"])
    gone = client.get(f"/v1/positions/{cited}")
    assert gone.status_code == 410
    assert gone.headers["content-type"] == "application/problem+json"
    problem = gone.json()
    assert problem["type"] == "/problems/gone" and problem["deleted_at"] and "deleted" in problem["detail"]
    assert words not in gone.text
    assert client.get(f"/v1/documents/{first['id']}").status_code == 410
    history = client.get(f"/v1/positions/{cited}/history").json()
    assert history["state"] == "deleted" and [e["action"] for e in history["items"]] == ["created", "deleted"]
    assert history["items"][0]["actor"] == "tests" and history["items"][0]["annotator"]


def test_replay_a_patched_seed_position_survives_a_readout_and_a_reseed(
    client: TestClient, auth: dict[str, str], settings: Settings
) -> None:
    # PATCH seed position 12, add a readout, run the seed again (what every `make run` does):
    # /v1/positions/12 still answers with the curated content and ids 1–15 are unchanged.
    before = {i: client.get(f"/v1/positions/{i}").json() for i in SEED_IDS}
    patched = client.patch("/v1/positions/12", json={"topics": ["taiwan", "sovereignty"]}, headers=auth)
    assert patched.status_code == 200
    post_readout(client, auth, 3)
    engine = make_engine(settings)
    with Session(engine) as session:
        report = seed(session, settings.data_dir)
    engine.dispose()
    assert report.kept == [] or all("position 12 " in k for k in report.kept)
    after = {i: client.get(f"/v1/positions/{i}") for i in SEED_IDS}
    assert all(r.status_code == 200 for r in after.values())
    assert after[12].json()["topics"] == ["sovereignty", "taiwan"]
    assert after[12].json()["text"] == before[12]["text"]
    for i in SEED_IDS:
        if i != 12:
            assert after[i].json() == before[i]
    history = client.get("/v1/positions/12/history").json()
    edited = [e for e in history["items"] if e["action"] == "edited"]
    assert edited and edited[-1]["actor"] == "tests" and set(edited[-1]["changes"]) == {"topics"}


def test_a_seed_file_change_to_a_curated_position_is_kept_and_reported(
    client: TestClient, auth: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    import json
    import shutil

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data)
    assert client.patch("/v1/positions/12", json={"act": "oppose"}, headers=auth).status_code == 200
    annotation = data / "annotations" / "xi-putin-2021-08-25.json"
    doc = json.loads(annotation.read_text(encoding="utf-8"))
    start = client.get("/v1/positions/12").json()["start"]
    for row in doc["positions"]:
        if row["start"] == start:
            row["act"] = "commit"
    annotation.write_text(json.dumps(doc), encoding="utf-8")
    engine = make_engine(settings)
    with Session(engine) as session:
        report = seed(session, data)
    engine.dispose()
    assert any(k.startswith("position 12 ") and "act=commit" in k for k in report.kept)
    assert client.get("/v1/positions/12").json()["act"] == "oppose"


def test_deleting_the_newest_position_never_frees_its_id(client: TestClient, auth: dict[str, str]) -> None:
    newest = max(p["id"] for p in post_readout(client, auth, 4)["positions"])
    assert client.delete(f"/v1/positions/{newest}", headers=auth).status_code == 204
    added = post_readout(client, auth, 5)
    assert min(p["id"] for p in added["positions"]) > newest
    assert client.get(f"/v1/positions/{newest}").status_code == 410
    assert client.patch(f"/v1/positions/{newest}", json={"act": "oppose"}, headers=auth).status_code == 410


def test_deleted_document_and_event_ids_are_not_handed_out_again(client: TestClient, auth: dict[str, str]) -> None:
    text, date = readout(6)
    body = {"text": text, "date": date}
    first = client.post("/v1/documents", json=body, headers=auth).json()
    assert client.delete(f"/v1/documents/{first['id']}", headers=auth).status_code == 204
    again = client.post("/v1/documents", json=body, headers=auth).json()  # the same text, stored anew
    assert again["id"] != first["id"] and again["event_id"] != first["event_id"]
    assert client.get(f"/v1/events/{first['event_id']}").status_code == 410
    taken = client.post("/v1/documents", json={**body, "text": text + " More.", "id": first["id"]}, headers=auth)
    assert taken.status_code == 409 and "never reused" in taken.json()["detail"]


def test_reannotating_keeps_ids_where_spans_are_unchanged(client: TestClient, auth: dict[str, str]) -> None:
    doc = post_readout(client, auth, 7)
    again = client.post(f"/v1/documents/{doc['id']}/annotate", headers=auth)
    assert again.status_code == 200
    assert {p["id"] for p in again.json()["positions"]} == {p["id"] for p in doc["positions"]}


def test_every_response_names_the_dataset_version_and_writes_list_new_versions(
    client: TestClient, auth: dict[str, str]
) -> None:
    read = client.get("/v1/positions/1")
    start = int(read.headers["x-dataset-version"])
    assert int(client.get("/v1/positions/999999").headers["x-dataset-version"]) == start  # errors too
    written = client.patch("/v1/positions/3", json={"act": "support"}, headers=auth)
    version = int(written.headers["x-dataset-version"])
    assert version > start
    assert int(client.get("/v1/positions").headers["x-dataset-version"]) == version
    listing = client.get("/v1/datasets/versions").json()
    assert listing["current"] == version
    newest = listing["items"][0]
    assert newest["version"] == version and newest["change"] == "curated position 3"
    assert newest["positions"] == 15 and newest["documents"] == 1 and newest["at"]
    history = client.get("/v1/positions/3/history").json()
    assert history["items"][-1]["version"] == version
    assert client.get("/v1/positions/424242/history").status_code == 404
