"""position_key and position_count (migration 0200) stay equal to what they summarise, on every write path."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.annotate import Annotation, FoundPosition, Participant
from app.core.db import run
from app.ingest.bulk import bulk_ingest
from app.schemas import DocumentIn

EXPECTED_KEYS = """
SELECT t.topic_slug, '', p.date, p.id FROM position_topic t JOIN position p ON p.id = t.position_id
UNION ALL SELECT '', s.leader_slug, p.date, p.id FROM position_speaker s JOIN position p ON p.id = s.position_id
UNION ALL SELECT t.topic_slug, s.leader_slug, p.date, p.id FROM position_topic t
JOIN position_speaker s ON s.position_id = t.position_id JOIN position p ON p.id = t.position_id"""


def assert_consistent(session: Session) -> None:
    keys = Counter(tuple(map(str, r)) for r in run(session, text(EXPECTED_KEYS)).all())
    stored = Counter(
        tuple(map(str, r))
        for r in run(session, text("SELECT topic_slug, leader_slug, date, position_id FROM position_key")).all()
    )
    assert stored == keys
    counts: Counter[tuple[str, str]] = Counter()
    for t, le, _, _ in keys.elements():
        counts[(t, le)] += 1
    counts[("", "")] = run(session, text("SELECT count(*) FROM position")).scalar_one()
    maintained = {
        (t, le): n
        for t, le, n in run(session, text("SELECT topic_slug, leader_slug, n FROM position_count")).all()
        if n
    }
    assert maintained == {k: v for k, v in counts.items() if v}


def test_seeded_database_is_consistent(session: Session) -> None:
    assert_consistent(session)


def test_api_writes_keep_keys_exact(client: TestClient, auth: dict[str, str], session: Session) -> None:
    listed = client.get("/v1/positions", params={"limit": 3}).json()["items"]
    first = listed[0]["id"]
    assert client.patch(f"/v1/positions/{first}", json={"topics": ["taiwan", "trade"]}, headers=auth).status_code == 200
    assert client.delete(f"/v1/positions/{listed[1]['id']}", headers=auth).status_code == 204
    assert client.delete(f"/v1/documents/{listed[2]['document_id']}", headers=auth).status_code == 204
    session.expire_all()
    assert_consistent(session)


def test_bulk_load_keeps_keys_exact_and_skips_duplicates(session: Session) -> None:
    text_ = "Xi Jinping said China supports the Afghan people. Vladimir Putin said Russia agrees on trade."
    found = (
        FoundPosition(0, 49, ("Xi Jinping",), ("afghanistan",), "support", 1.0),
        FoundPosition(50, len(text_), ("Vladimir Putin", "Xi Jinping"), ("trade", "afghanistan"), "agree", 1.0),
    )
    item = (
        DocumentIn(text=text_, date="2022-01-02", kind="phone call", participants=["xi-jinping", "vladimir-putin"]),
        Annotation(participants=(Participant("Xi Jinping"), Participant("Vladimir Putin")), positions=found),
    )
    report = bulk_ingest(session, [item, item])
    assert (report.documents, report.positions, report.duplicates, report.errors) == (1, 2, 1, [])
    assert_consistent(session)
    if session.get_bind().dialect.name == "sqlite":  # the bulk-load switch and set-wise FTS rows are SQLite's
        fts = run(
            session, text("SELECT count(*) FROM search_position WHERE search_position MATCH 'afghan'")
        ).scalar_one()
        assert fts >= 1
        assert run(session, text("SELECT count(*) FROM bulk_load")).scalar_one() == 0
