"""The dataset version: a counter that changes on every write, and the list of versions with their size.

`data_version` (migrations 0100/0300) is bumped by triggers on every write to a served table, so
raw SQL writes change it too. Every write of the app commits through `commit`, which bumps it once
more (so a write that changed nothing still gets its own number), stamps the write's history rows
and tombstones with it, and records the version with its time and the dataset's size in
`dataset_version`: "as of version N" names a state a reader can find in `/v1/datasets/versions`.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, text
from sqlmodel import Session, SQLModel, col, select

from app.models import DatasetVersion, History, Tombstone, utcnow

_BUMP = text("UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version")
_SIZE = text(
    "SELECT (SELECT count(*) FROM document), "
    "coalesce((SELECT n FROM position_count WHERE topic_slug = '' AND leader_slug = ''), 0)"
)
PENDING = "summit.pending"  # session.info key: history rows and tombstones of the write in progress


def stage(session: Session, row: History | Tombstone) -> None:
    """Add a history row or tombstone to the write in progress; `commit` gives it the write's version."""
    session.info.setdefault(PENDING, []).append(row)


def next_version(conn: Connection) -> int:
    """Bump the counter for the write in progress on `conn`; its new value (record it with `record`)."""
    return int(conn.execute(_BUMP).scalar_one())


def bump(conn: Connection, change: str) -> int:
    """Next version for the write in progress on `conn`, recorded with the dataset's size; returns it."""
    version = next_version(conn)
    record(conn, version, change)
    return version


def record(conn: Connection, version: int, change: str) -> None:
    """List `version` in `dataset_version` with the time and the dataset's size as the write leaves it."""
    documents, positions = conn.execute(_SIZE).one()
    conn.execute(
        insert(SQLModel.metadata.tables["dataset_version"]),
        {"version": version, "at": utcnow(), "documents": documents, "positions": positions, "change": change[:200]},
    )


def commit(session: Session, change: str) -> int:
    """Commit the session's write as one dataset version (history and tombstones stamped); returns it."""
    session.flush()
    version = bump(session.connection(), change)
    for row in session.info.pop(PENDING, []):
        row.version = version
        session.add(row)
    session.commit()
    return version


def discard(session: Session) -> None:
    """Forget the staged rows of a write that was rolled back."""
    session.info.pop(PENDING, None)


def current(session: Session) -> int:
    return int(session.connection().execute(text("SELECT version FROM data_version WHERE id = 1")).scalar_one())


def listing(session: Session, limit: int, before: int | None) -> list[DatasetVersion]:
    """Versions, newest first, `limit` of them below `before` (a keyset page)."""
    stmt = select(DatasetVersion).order_by(col(DatasetVersion.version).desc()).limit(limit)
    if before is not None:
        stmt = stmt.where(DatasetVersion.version < before)
    return list(session.exec(stmt).all())
