"""The bulk loader writes exactly what the per-document path writes, refuses bad records alone, and
leaves the schema (SQLite's stood-down triggers, page cache) as it found it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.annotate import Annotation, FoundPosition, Participant
from app.core.config import Settings
from app.core.db import make_engine, run
from app.core.errors import ApiError
from app.ingest import bulk
from app.ingest.bulk import bulk_ingest
from app.ingest.service import ingest
from app.main import create_app
from app.schemas import DocumentIn
from tests import conftest
from tests.positions.test_position_keys import assert_consistent
from tests.seed_facts import EVENT as SEED_EVENT

NAMES = {"xi-jinping": "Xi Jinping", "vladimir-putin": "Vladimir Putin", "emmanuel-macron": "Emmanuel Macron"}


def _doc(
    k: int,
    participants: list[str],
    date: str | None,
    speakers: list[tuple[str, ...]],
    topics: list[tuple[str, ...]],
    **fields: Any,
) -> tuple[DocumentIn, Annotation]:
    sentences = [
        f"{' and '.join(s)} said number {k}.{j} about cooperation, trade and the Afghan people."
        for j, s in enumerate(speakers)
    ]
    body = " ".join(sentences)
    found, offset = [], 0
    for sentence, s, t in zip(sentences, speakers, topics, strict=True):
        found.append(
            FoundPosition(offset, offset + len(sentence), s, t, "support" if k % 2 else "agree", 1.0 - k / 1000)
        )
        offset += len(sentence) + 1
    payload = DocumentIn(text=body, date=date, kind="phone call", participants=participants, **fields)
    return payload, Annotation(
        participants=tuple(Participant(NAMES.get(p, p)) for p in participants), positions=tuple(found)
    )


def corpus() -> list[tuple[DocumentIn, Annotation]]:
    """Readouts that exercise derived ids and events: the same call reported twice (one event, two
    document ids), a new leader, surname-word speakers, given ids, an unknown topic, a refused speaker."""
    xi_putin = ["xi-jinping", "vladimir-putin"]
    items = [
        _doc(
            1,
            xi_putin,
            "2022-01-02",
            [("Xi Jinping",), ("Vladimir Putin", "Xi Jinping")],
            [("afghanistan",), ("trade", "afghanistan")],
        ),
        _doc(2, xi_putin, "2022-01-02", [("Putin",)], [("taiwan", "sovereignty")]),  # same call: same event
        _doc(3, xi_putin, "2022-01-02", [("Xi",)], [()], source="Xinhua"),
        _doc(
            4,
            ["Xi Jinping", "Jacinda Ardern"],
            "2022-02-03",
            [("Jacinda Ardern",), ("Xi Jinping",)],
            [("climate",), ("trade", "vaccines", "covid-19")],
        ),  # a leader the registry does not know
        _doc(
            5,
            ["emmanuel-macron", "vladimir-putin"],
            "2022-02-20",
            [("Macron",), ("Putin",)],
            [("ukraine",), ()],
            id="macron-putin-given-id",
            title="Putin, Macron talk by phone",
        ),
        _doc(6, xi_putin, "2021-08-25", [("Vladimir Putin",)], [("unknown-topic", "taiwan")]),
    ]
    # The second span's speaker is no participant: both paths refuse the whole document.
    items.append(_doc(7, xi_putin, "2023-05-06", [("Xi Jinping",), ("Nobody Known",)], [("trade",), ("trade",)]))
    return items


TABLES = {
    "leader": "SELECT slug, name, office, country, gender, aliases FROM leader ORDER BY slug",
    "event": "SELECT id, kind, date, title FROM event ORDER BY id",
    "event_participant": "SELECT event_id, leader_slug FROM event_participant ORDER BY 1, 2",
    "document": "SELECT id, event_id, title, source, url, language, text, sha256 FROM document ORDER BY id",
    "position": 'SELECT id, document_id, event_id, date, start, "end", text, act, method, confidence, reviewed '
    "FROM position ORDER BY id",
    "position_speaker": "SELECT position_id, leader_slug FROM position_speaker ORDER BY 1, 2",
    "position_topic": "SELECT position_id, topic_slug FROM position_topic ORDER BY 1, 2",
    "position_key": "SELECT topic_slug, leader_slug, date, position_id FROM position_key ORDER BY 1, 2, 3, 4",
    "position_count": "SELECT topic_slug, leader_slug, n FROM position_count WHERE n > 0 ORDER BY 1, 2",
}
SQLITE_SEARCH = {
    "search_position": "SELECT rowid FROM search_position WHERE search_position MATCH :q ORDER BY rowid",
    "search_document": "SELECT document_id FROM search_document WHERE search_document MATCH :q ORDER BY 1",
}
URLS = [
    "/v1/positions?limit=500",
    "/v1/positions?topic=trade&sort=date",
    "/v1/positions?leader=xi-jinping&topic=trade",
    "/v1/positions?q=afghan",
    "/v1/documents?q=cooperation",
    "/v1/topics/trade",
    "/v1/leaders/xi-jinping/positions",
    "/v1/events?limit=500",
    "/v1/documents/macron-putin-given-id",
    "/v1/leaders?country=China",
]


def snapshot(url: str) -> dict[str, Any]:
    """Every row a client can see (timestamps aside), full-text answers, and API answers."""
    engine = make_engine(Settings(database_url=url))
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for name, sql in TABLES.items():
            out[name] = [tuple(str(v) for v in row) for row in conn.execute(text(sql))]
        if engine.dialect.name == "sqlite":
            for name, sql in SQLITE_SEARCH.items():
                for q in ("afghan", "trade", "cooperation", "putin", "talk"):
                    out[f"{name}:{q}"] = conn.execute(text(sql), {"q": q}).scalars().all()
            out["triggers"] = conn.execute(
                text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            ).all()
            out["bulk_load"] = conn.execute(text("SELECT count(*) FROM bulk_load")).scalar_one()
    engine.dispose()
    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        for path in URLS:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            out[path] = _untimed(response.json())
    app.state.engine.dispose()
    return out


def _untimed(value: Any) -> Any:
    """`value` without its `created_at` fields: when a row was written is all the two paths may differ in."""
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items() if k != "created_at"}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


@pytest.fixture
def second_url(template_db: Path | str, tmp_path: Path) -> Iterator[str]:
    """Another migrated, seeded database (the `database_url` fixture makes the first)."""
    if not conftest.ON_POSTGRES:
        target = tmp_path / "second.sqlite3"
        shutil.copyfile(template_db, target)
        yield f"sqlite:///{target}"
        return
    name = f"summit_b_{conftest._WORKER}_{next(conftest._numbers)}"
    conftest._pg_admin(
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name} TEMPLATE {template_db}"
    )  # sql-identifiers-only
    yield conftest._pg_url(name)
    conftest._pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # sql-identifiers-only


def test_bulk_load_answers_exactly_as_the_per_document_path(database_url: str, second_url: str) -> None:
    items = corpus()
    engine = make_engine(Settings(database_url=database_url))
    refused = []
    with Session(engine) as session:
        for k, (payload, given) in enumerate(items):
            try:
                ingest(session, payload, given)
            except ApiError:
                session.rollback()
                refused.append(k)
    engine.dispose()
    engine = make_engine(Settings(database_url=second_url))
    with Session(engine) as session:
        report = bulk_ingest(session, items, batch_size=3)  # several transactions, and chunks within them
        assert_consistent(session)
    engine.dispose()
    assert refused == [k for k, _ in report.errors] == [6]
    assert (report.documents, report.duplicates) == (6, 0)
    one, other = snapshot(database_url), snapshot(second_url)
    assert one.keys() == other.keys()
    for key in one:
        assert one[key] == other[key], key
    assert len(other["position"]) - 15 == report.positions == 9  # the seed has 15


def test_a_bad_record_is_refused_alone_and_duplicates_are_skipped(session: Session) -> None:
    good = corpus()[:2]
    outside = _doc(8, ["xi-jinping"], "2022-03-04", [("Xi Jinping",)], [("trade",)])
    bad_span = (
        outside[0],
        Annotation(
            participants=outside[1].participants,
            positions=(FoundPosition(0, 10_000, ("Xi Jinping",), (), "assert", 1.0),),
        ),
    )
    bad_confidence = _doc(9, ["xi-jinping"], "2022-03-05", [("Xi Jinping",)], [("trade",)])
    bad_confidence = (
        bad_confidence[0],
        Annotation(
            participants=bad_confidence[1].participants,
            positions=(FoundPosition(0, 5, ("Xi Jinping",), (), "assert", 1.5),),
        ),
    )
    no_date = _doc(10, ["xi-jinping"], None, [("Xi Jinping",)], [("trade",)])
    blank = (
        DocumentIn(text="   ", date="2022-01-01", participants=["xi-jinping"]),
        Annotation(participants=(), positions=()),
    )
    items = [good[0], bad_span, bad_confidence, good[0], no_date, blank, good[1]]
    report = bulk_ingest(session, items)
    assert (report.documents, report.duplicates) == (2, 1)
    reasons = dict(report.errors)
    assert sorted(reasons) == [1, 2, 4, 5]
    assert "not inside the text" in reasons[1] and "confidence" in reasons[2] and "date" in reasons[4]
    assert run(session, text("SELECT count(*) FROM document")).scalar_one() == 3
    assert_consistent(session)
    again = bulk_ingest(session, good)
    assert (again.documents, again.duplicates, again.errors) == (0, 2, [])


def _fail_at_third_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 2 documents; the third chunk written raises an IntegrityError (a duplicate topic)."""
    original, calls = bulk.BulkLoader.write, []

    def failing(self: bulk.BulkLoader, plan: Any) -> int:
        calls.append(1)
        if len(calls) == 3:
            self.session.connection().exec_driver_sql(
                "INSERT INTO topic (slug, name, description, headline, keywords) "
                "VALUES ('trade', 'again', '', false, '[]')"
            )
        return original(self, plan)

    monkeypatch.setattr(bulk.BulkLoader, "write", failing)
    monkeypatch.setattr(bulk, "CHUNK_SIZE", 2)


def test_a_database_error_rolls_back_only_its_transaction(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [
        _doc(20 + k, ["xi-jinping", "vladimir-putin"], f"2022-04-{k + 1:02d}", [("Xi Jinping",)], [("trade",)])
        for k in range(6)
    ]
    before = snapshot_schema(session)
    _fail_at_third_chunk(monkeypatch)  # the second transaction's second chunk
    with pytest.raises(IntegrityError):
        bulk_ingest(session, items, batch_size=4)
    session.rollback()
    stored = run(session, text("SELECT count(*) FROM document WHERE text LIKE '%said number 2_.%'")).scalar_one()
    assert stored == 4  # the first transaction (4 documents) stays; the failing one left nothing
    assert_consistent(session)
    assert snapshot_schema(session) == before
    monkeypatch.undo()  # writes work again
    report = bulk_ingest(session, items)  # the rerun completes the rest
    assert (report.documents, report.duplicates) == (2, 4)
    assert_consistent(session)


def snapshot_schema(session: Session) -> Any:
    if session.get_bind().dialect.name != "sqlite":
        return run(session, text("SELECT tgname, tgenabled FROM pg_trigger ORDER BY 1")).all()
    return run(session, text("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")).all()


def test_sqlite_triggers_and_page_cache_are_as_before(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's trigger and page-cache handling")
    before = snapshot_schema(session)
    raw = session.connection().connection.dbapi_connection
    assert raw is not None  # a checked-out connection always has its driver connection
    cache = raw.execute("PRAGMA cache_size").fetchone()[0]
    session.commit()
    report = bulk_ingest(session, corpus()[:3])
    assert report.documents == 3
    assert snapshot_schema(session) == before
    assert raw.execute("PRAGMA cache_size").fetchone()[0] == cache
    # The triggers work again for ordinary writes after the load.
    run(session, text("INSERT INTO position_topic (position_id, topic_slug) SELECT max(id), 'climate' FROM position"))
    session.commit()
    assert_consistent(session)


def test_items_may_carry_their_own_method(session: Session) -> None:
    one, two = corpus()[:2]
    report = bulk_ingest(session, [(*one, "annotator/test"), two])
    assert report.documents == 2
    rows = run(
        session,
        text("SELECT DISTINCT method, reviewed FROM position WHERE date = :d ORDER BY 1").bindparams(
            d=dt.date(2022, 1, 2)
        ),
    ).all()
    assert [(m, bool(r)) for m, r in rows] == [("annotator/test", False), ("curated", True)]


def full_schema(session: Session) -> Any:
    """Indexes (with their definitions), constraints and triggers: what an initial load drops and rebuilds."""
    if session.get_bind().dialect.name == "sqlite":
        return snapshot_schema(session)
    return [
        run(session, text(sql)).all()
        for sql in (
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2",
            "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid), c.convalidated, "
            "c.condeferrable FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE n.nspname = current_schema() ORDER BY 1, 2",
            "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2",
        )
    ]


def test_initial_load_answers_exactly_as_the_batched_path(database_url: str, second_url: str) -> None:
    items = corpus()
    engine = make_engine(Settings(database_url=database_url))
    with Session(engine) as session:
        normal = bulk_ingest(session, items, batch_size=3)
        before = full_schema(session)
    engine.dispose()
    engine = make_engine(Settings(database_url=second_url))
    with Session(engine) as session:
        report = bulk_ingest(session, items, batch_size=3, initial_load=True, expect_positions=15)  # the seed's
        assert_consistent(session)
        assert full_schema(session) == before  # every index and constraint back, exactly as the migrations made it
    engine.dispose()
    assert (
        (report.documents, report.positions, report.duplicates) == (normal.documents, normal.positions, 0) == (6, 9, 0)
    )
    assert [k for k, _ in report.errors] == [k for k, _ in normal.errors] == [6]
    one, other = snapshot(database_url), snapshot(second_url)
    assert one.keys() == other.keys()
    for key in one:
        assert one[key] == other[key], key


def test_initial_load_refuses_a_database_that_holds_positions(session: Session) -> None:
    before = full_schema(session)
    with pytest.raises(bulk.InitialLoadRefused, match="already holds 15 positions"):
        bulk_ingest(session, corpus()[:2], initial_load=True)  # the seed's 15 are not expected
    session.rollback()
    assert run(session, text("SELECT count(*) FROM position")).scalar_one() == 15
    assert full_schema(session) == before


def test_a_database_error_rolls_the_whole_initial_load_back(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [
        _doc(40 + k, ["xi-jinping", "vladimir-putin"], f"2022-05-{k + 1:02d}", [("Xi Jinping",)], [("trade",)])
        for k in range(6)
    ]
    before = full_schema(session)
    session.commit()
    _fail_at_third_chunk(monkeypatch)
    with pytest.raises(IntegrityError):
        bulk_ingest(session, items, batch_size=4, initial_load=True, expect_positions=15)
    session.rollback()
    assert run(session, text("SELECT count(*) FROM position")).scalar_one() == 15
    assert full_schema(session) == before  # the dropped indexes and constraints are back (DDL rolled back)
    assert_consistent(session)
    monkeypatch.undo()  # writes work again
    report = bulk_ingest(session, items, initial_load=True, expect_positions=15)
    assert (report.documents, report.positions) == (6, 6)
    assert full_schema(session) == before
    assert_consistent(session)


def test_a_bulk_loaded_readout_of_the_seed_call_joins_the_seed_event(session: Session) -> None:
    payload = DocumentIn(
        text="Xi Jinping told Vladimir Putin that China respects the sovereignty of Afghanistan.",
        date="2021-08-25",
        kind="phone call",
        participants=["Xi Jinping", "Vladimir Putin"],
    )
    given = Annotation(
        participants=(Participant("Xi Jinping"), Participant("Vladimir Putin")),
        positions=(FoundPosition(0, len(payload.text), ("Xi Jinping",), ("afghanistan",), "assert", 1.0),),
    )
    report = bulk_ingest(session, [(payload, given)])
    assert not report.errors
    event = run(session, text("SELECT event_id FROM document WHERE text = :t").bindparams(t=payload.text)).scalar_one()
    assert event == SEED_EVENT
