"""PostgreSQL's initial load with each chunk's COPYs running while the next chunk is read and checked.

The COPYs run on a second thread, on the load's own connection, one chunk behind the reading: the rows
and their order end as a load in turn would leave them, a bad record in a later chunk still leaves the
database empty and as migrated, and an error of a COPY itself is raised from the load, not lost.
Small chunks here, so that every record type spans several of them. PostgreSQL only (`make
test-postgres`).
"""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.dataset import restore
from app.dataset.export import ExportError, dump
from app.dataset.restore import load
from tests.dataset import test_restore_postgres
from tests.factories import add_many
from tests.ingest.test_bulk import full_schema
from tests.positions.test_position_keys import assert_consistent

empty_pg = test_restore_postgres.empty_pg


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(restore, "CHUNK", 2)


def counts(s: Session) -> dict[str, int]:
    tables = ("document", "position", "position_topic", "position_speaker", "position_key", "history")
    conn = s.connection()
    return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}  # sql-identifiers-only


def test_a_load_in_many_chunks_ends_as_the_source(session: Session, empty_pg: Session) -> None:
    before = full_schema(empty_pg)
    empty_pg.commit()
    add_many(session, 7)
    records = list(dump(session))
    assert sum(r["type"] == "position" for r in records) > 3 * restore.CHUNK
    load(empty_pg, records)
    assert list(dump(empty_pg)) == records
    assert full_schema(empty_pg) == before
    assert_consistent(empty_pg)


def test_positions_after_the_history_records_get_their_keys(session: Session, empty_pg: Session) -> None:
    # Records out of an export's order: a chunk of positions after history records, its COPYs behind.
    add_many(session, 7)
    records = list(dump(session))
    last = max(i for i, r in enumerate(records) if r["type"] == "position")
    moved = [*records[:last], *records[last + 1 :]]
    moved.insert(next(i for i, r in enumerate(moved) if r["type"] == "history") + 1, records[last])
    load(empty_pg, moved)
    assert list(dump(empty_pg)) == records
    assert_consistent(empty_pg)


def test_a_bad_record_after_chunks_in_flight_leaves_the_database_empty(session: Session, empty_pg: Session) -> None:
    before = full_schema(empty_pg)
    empty_pg.commit()
    add_many(session, 7)
    records = list(dump(session))
    # A bad position after several chunks of positions went to the server.
    last = max(i for i, r in enumerate(records) if r["type"] == "position")
    records[last] = {**records[last], "confidence": 2}
    with pytest.raises(ExportError, match=f"record {last + 1}: position .*confidence"):
        load(empty_pg, records)
    assert full_schema(empty_pg) == before
    assert set(counts(empty_pg).values()) == {0}
    del records[last]
    load(empty_pg, records)  # the connection is usable, and the file without the bad record loads
    assert list(dump(empty_pg)) == records


def test_an_error_of_a_copy_is_raised_and_rolls_everything_back(session: Session, empty_pg: Session) -> None:
    before = full_schema(empty_pg)
    empty_pg.commit()
    add_many(session, 7)
    records = list(dump(session))
    # The same document twice, chunks apart: the Python checks pass (the load into an empty database looks
    # nothing up), the document table's key refuses it during a COPY on the second thread.
    first = next(i for i, r in enumerate(records) if r["type"] == "document")
    records.insert(first + 3 * restore.CHUNK, records[first])
    with pytest.raises(psycopg.errors.UniqueViolation, match="document_pkey"):
        load(empty_pg, records)
    assert full_schema(empty_pg) == before
    assert set(counts(empty_pg).values()) == {0}
