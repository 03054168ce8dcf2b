"""Loading an export into an empty PostgreSQL database (initial-load mode): the schema ends as migrated.

The load switches triggers off, drops indexes and constraints, and builds the search and non-unique
indexes after its commit; a failure before the commit leaves the database empty and as migrated.
PostgreSQL only (`make test-postgres`); SQLite's side is in test_export.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from app.core.config import Settings
from app.core.db import make_engine
from app.core.migrate import upgrade
from app.dataset.export import ExportError, dump
from app.dataset.restore import load
from app.models import Position
from tests import conftest
from tests.factories import add_many
from tests.ingest.test_bulk import full_schema
from tests.positions.test_position_keys import assert_consistent


@pytest.fixture
def empty_pg() -> Iterator[Session]:
    """A migrated PostgreSQL database with no data at all (what `summit db copy` loads into)."""
    if not conftest.ON_POSTGRES:
        pytest.skip("PostgreSQL's initial-load mode")
    name = f"summit_empty_{conftest._WORKER}_{next(conftest._numbers)}"
    drop = f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"  # sql-identifiers-only
    conftest._pg_admin(drop, f"CREATE DATABASE {name}")  # sql-identifiers-only
    settings = Settings(database_url=conftest._pg_url(name))
    upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as s:
        yield s
    engine.dispose()
    conftest._pg_admin(drop)


def test_a_load_into_an_empty_database_ends_with_the_schema_as_migrated(session: Session, empty_pg: Session) -> None:
    before = full_schema(empty_pg)
    empty_pg.commit()
    add_many(session, 3)
    records = list(dump(session))
    load(empty_pg, records)
    # Every index (search and non-unique ones built after the commit), constraint and trigger is back,
    # the triggers enabled as before.
    assert full_schema(empty_pg) == before
    assert_consistent(empty_pg)
    assert list(dump(empty_pg)) == records
    from app.positions import fulltext as search

    ids = empty_pg.exec(select(Position.id).where(search.backend(empty_pg).position_ids("Taiwan"))).all()
    assert ids == [12]
    # The triggers the load switched off maintain the keys and counts of ordinary writes again.
    empty_pg.connection().execute(
        text(
            "INSERT INTO position_topic (position_id, topic_slug) "
            "SELECT max(id), 'climate' FROM position WHERE id NOT IN "
            "(SELECT position_id FROM position_topic WHERE topic_slug = 'climate')"
        )
    )
    empty_pg.commit()
    assert_consistent(empty_pg)


def test_a_failed_load_leaves_the_database_empty_and_as_migrated(session: Session, empty_pg: Session) -> None:
    before = full_schema(empty_pg)
    empty_pg.commit()
    records = list(dump(session))
    records.append({**next(r for r in records if r["type"] == "position"), "id": 999, "act": "sing"})
    with pytest.raises(ExportError, match="act 'sing'"):
        load(empty_pg, records)
    assert full_schema(empty_pg) == before
    for table in ("document", "position", "position_key", "history"):
        count = text(f"SELECT count(*) FROM {table}")  # sql-identifiers-only
        assert empty_pg.connection().execute(count).scalar_one() == 0, table
    load(empty_pg, records[:-1])  # and the same file without the bad record loads
    assert list(dump(empty_pg)) == records[:-1]
    assert full_schema(empty_pg) == before
