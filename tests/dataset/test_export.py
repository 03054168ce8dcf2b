"""dump/load: the dataset round-trips into an empty database with nothing lost; bad records are refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.core.db import run
from app.dataset.export import RECORD_TYPES, ExportError, dump
from app.dataset.restore import load
from app.models import Position
from tests.factories import add_many
from tests.positions.test_position_keys import assert_consistent
from tests.seed_facts import POSITIONS


def test_round_trip_into_an_empty_database(session: Session, empty: Session) -> None:
    add_many(session, 3)
    position = session.get_one(Position, 2)
    position.method, position.confidence, position.reviewed = "summit-annotate/0.2", 0.75, False
    session.add(position)
    session.commit()
    first = list(dump(session))
    # Through text, as a file would carry it.
    summary = load(empty, (json.loads(json.dumps(r)) for r in first))
    assert summary.added["position"] == POSITIONS + 3 and summary.added["document"] == 2
    again = list(dump(empty))
    assert again == first
    by_type = [r["type"] for r in again]
    assert by_type == sorted(by_type, key=RECORD_TYPES.index) and by_type[0] == "dataset"
    second = next(r for r in again if r["type"] == "position" and r["id"] == 2)
    assert (second["method"], second["confidence"], second["reviewed"]) == ("summit-annotate/0.2", 0.75, False)


def test_loading_twice_changes_nothing(session: Session, empty: Session) -> None:
    records = list(dump(session))
    load(empty, records)
    summary = load(empty, records)
    assert sum(summary.added.values()) == 0 and summary.unchanged["position"] == POSITIONS


def test_loaded_positions_are_searchable(session: Session, empty: Session) -> None:
    from app.positions import fulltext as search

    load(empty, dump(session))
    ids = empty.exec(select(Position.id).where(search.backend(empty).position_ids("Taiwan"))).all()
    assert ids == [12]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(text="Something else."), "text is not the document text"),
        (lambda r: r.update(speakers=["napoleon"]), "unknown speaker 'napoleon'"),
        (lambda r: r.update(topics=["narnia"]), "unknown topic 'narnia'"),
        (lambda r: r.update(act="sing"), "act 'sing'"),
        (lambda r: r.update(date="2020-01-01"), "not its event's date"),
        (lambda r: r.pop("start"), "'start' is missing"),
        (lambda r: r.update(type="poem"), "'type' must be one of"),
    ],
)
def test_bad_records_are_refused_and_nothing_is_written(
    session: Session, empty: Session, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    records = list(dump(session))
    change(next(r for r in records if r["type"] == "position" and r["id"] == 12))
    with pytest.raises(ExportError, match=message):
        load(empty, records)
    assert empty.exec(select(Position)).all() == []


def test_a_changed_document_text_is_refused(session: Session, empty: Session) -> None:
    records = list(dump(session))
    document = next(r for r in records if r["type"] == "document")
    document["text"] += " Edited."
    with pytest.raises(ExportError, match="sha256 does not match"):
        load(empty, records)


def test_a_conflicting_record_is_refused(session: Session) -> None:
    records = [r for r in dump(session) if r["type"] == "position" and r["id"] == 12]
    records[0]["act"] = "oppose"
    with pytest.raises(ExportError, match="already exists with other values \\(act\\)"):
        load(session, records)


def sqlite_schema(s: Session) -> list[Any]:
    """Every table, index and trigger with its SQL: what a load into an empty database drops and rebuilds."""
    return list(run(s, text("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")).all())


def test_a_load_into_an_empty_database_leaves_the_schema_as_migrated(session: Session, empty: Session) -> None:
    # Into an empty database the secondary indexes are dropped and built once at the end.
    before = sqlite_schema(empty)
    add_many(session, 3)
    load(empty, dump(session))
    assert sqlite_schema(empty) == before
    assert_consistent(empty)
    plan = run(empty, text("EXPLAIN QUERY PLAN SELECT id FROM position WHERE document_id = 'x'")).all()
    assert "ix_position_document_start" in str(plan)  # the rebuilt index is used
    assert list(dump(empty)) == list(dump(session))
    # The load skips SQLite's foreign-key checks (it checks every reference itself); the database keeps them.
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        run(empty, text("INSERT INTO position_speaker (position_id, leader_slug) VALUES (12, 'napoleon')"))
    empty.rollback()


def test_a_failed_load_into_an_empty_database_leaves_it_empty_and_indexed(session: Session, empty: Session) -> None:
    before = sqlite_schema(empty)
    empty.commit()
    records = list(dump(session))
    records.append({**next(r for r in records if r["type"] == "position"), "id": 999, "act": "sing"})
    with pytest.raises(ExportError, match="act 'sing'"):
        load(empty, records)
    assert sqlite_schema(empty) == before
    assert empty.exec(select(Position)).all() == []
    assert run(empty, text("PRAGMA foreign_keys")).scalar_one() == 1
    load(empty, records[:-1])  # and the same file without the bad record loads
    assert list(dump(empty)) == records[:-1]
