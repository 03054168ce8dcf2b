"""Migration 0500 turns position ids permanent on a database that already holds data: every row, key,
count, search entry, index and trigger survives the SQLite table rebuild, and the newest id is never
handed out again afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlmodel import Session, col, select

from app.core.db import make_engine
from app.core.migrate import upgrade
from app.models import Leader, Position, Topic
from tests.conftest import settings_for
from tests.factories import PUTIN, XI, add_many

TABLES = ("position", "position_speaker", "position_topic", "position_key", "position_count", "search_position")


def snapshot(path: Path) -> dict[str, object]:
    with sqlite3.connect(path) as conn:
        out: dict[str, object] = {}
        for t in TABLES:
            out[t] = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # sql-identifiers-only
        out["ids"] = conn.execute("SELECT id, text FROM position ORDER BY id").fetchall()
        out["objects"] = sorted(
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN "
                "('position', 'position_speaker', 'position_topic')"
            )
        )
        out["search"] = conn.execute(
            "SELECT rowid FROM search_position WHERE search_position MATCH 'vaccines'"
        ).fetchall()
    return out


def test_upgrading_a_filled_database_keeps_everything_and_makes_ids_permanent(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    settings = settings_for(path)
    upgrade(settings, "0400_postgresql_position_vector")
    engine = make_engine(settings)
    with Session(engine) as session:
        session.add(Leader(slug=XI, name="Xi Jinping", aliases=[]))
        session.add(Leader(slug=PUTIN, name="Vladimir Putin", aliases=[]))
        session.add(Topic(slug="vaccines", name="Vaccines", keywords=[]))
        session.commit()
        add_many(session, 20)
        session.commit()
    engine.dispose()
    before = snapshot(path)
    upgrade(settings)
    after = snapshot(path)
    assert after == before
    with sqlite3.connect(path) as conn:
        assert "AUTOINCREMENT" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'position'").fetchone()[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    engine = make_engine(settings)
    with Session(engine) as session:
        newest = session.exec(select(Position).order_by(col(Position.id).desc())).first()
        assert newest is not None and newest.id == 20
        session.delete(newest)
        session.commit()
        add_many(session, 1, prefix="later")
        session.commit()
        assert session.exec(select(col(Position.id)).order_by(col(Position.id).desc())).first() == 21
    engine.dispose()
