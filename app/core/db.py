"""The database engine and the helpers that run SQL below SQLAlchemy's statement layer; no HTTP here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, Result, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql import Executable
from sqlmodel import Session, create_engine

from app.core.config import Settings


def make_engine(settings: Settings) -> Engine:
    """Create the engine for `settings.database_url`; SQLite gets WAL, foreign keys and a busy timeout,
    PostgreSQL a lock timeout (a write blocked behind another one fails, and is a 503, instead of hanging)."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        # A libpq startup option: the session's setting from its first statement on, with no extra round trip.
        options = f"-c lock_timeout={int(settings.postgres_lock_timeout_ms)}"
        return create_engine(url, pool_pre_ping=True, connect_args={"options": options})
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": settings.sqlite_busy_timeout_ms / 1000}
    )

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(settings.sqlite_busy_timeout_ms)}")  # sql-identifiers-only
        # FULL (the default) makes an acknowledged commit durable on power loss; NORMAL is a documented opt-in.
        cursor.execute(f"PRAGMA synchronous={settings.sqlite_synchronous}")  # sql-identifiers-only
        cursor.execute(f"PRAGMA mmap_size={int(settings.sqlite_mmap_bytes)}")  # sql-identifiers-only
        cursor.close()

    return engine


DATA_VERSION = "SELECT version FROM data_version WHERE id = 1"


def data_version(engine: Engine) -> int | None:
    """The data version: a counter that triggers bump on every write to a served table (migration 0100),
    or None where there is none (a database not migrated to 0100, another backend)."""
    try:
        # The driver's cursor on a pooled connection: this runs on every GET, where SQLAlchemy's
        # Connection and result objects would cost more than the primary-key read.
        conn = engine.raw_connection()
    except SQLAlchemyError:
        return None
    try:
        cursor = conn.cursor()
        cursor.execute(DATA_VERSION)
        row = cursor.fetchone()
        cursor.close()
        return row[0] if row else None
    except engine.dialect.loaded_dbapi.Error:
        return None
    finally:
        conn.close()


def run(session: Session, statement: Executable) -> Result[*tuple[Any, ...]]:
    """A SQLAlchemy Core statement (union, exists, a table select, …) in the session's transaction, exactly as
    `session.exec` runs it, but typed: SQLModel types `exec` for its own `select` only."""
    return OrmSession.execute(session, statement)


def driver_rows(session: Session, sql: dict[str, str], params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rows of `sql[dialect]` run on the driver's own cursor, in the session's transaction: for hot reads
    where SQLAlchemy's statement and result machinery costs more than the query."""
    conn = session.connection()
    raw = conn.connection.driver_connection
    assert raw is not None  # a checked-out connection always has its driver connection
    cursor = raw.cursor()
    try:
        cursor.execute(sql[conn.dialect.name], params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


def dialect_sql(sql: str) -> dict[str, str]:
    """`sql` with `:name` parameters for SQLite's driver and `%(name)s` for psycopg."""
    return {"sqlite": sql, "postgresql": re.sub(r":(\w+)", r"%(\1)s", sql)}


@contextmanager
def scan_reads(session: Session) -> Iterator[None]:
    """Around a whole-table scan (an export) on SQLite: reads through the page cache instead of the memory
    map. A scan gains nothing from the map, and every page it touched would stay mapped, counted in the
    worker's RSS, as long as the pooled connection lives (1.4 GB after exporting 1M positions)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    mapped = conn.exec_driver_sql("PRAGMA mmap_size").scalar()
    conn.exec_driver_sql("PRAGMA mmap_size=0")  # also unmaps what this connection had mapped
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA mmap_size={int(mapped or 0)}")  # sql-identifiers-only
