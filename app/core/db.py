"""Database engine and the per-request session dependency."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from app.core.config import Settings


def make_engine(settings: Settings) -> Engine:
    """Create the engine for `settings.database_url`; SQLite gets WAL, foreign keys and a busy timeout."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
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
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA mmap_size={int(settings.sqlite_mmap_bytes)}")  # sql-identifiers-only
        cursor.close()

    return engine


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request, on the engine the app was created with.

    Async only so FastAPI does not hop to a worker thread to open and close it (two thread handoffs
    per request, more than a primary-key read costs); the session connects lazily, in the handler's thread.
    """
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def driver_rows(session: Session, sql: dict[str, str], params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rows of `sql[dialect]` run on the driver's own cursor, in the session's transaction: for hot reads
    where SQLAlchemy's statement and result machinery costs more than the query (~0.15 ms a statement)."""
    conn = session.connection()
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql[conn.dialect.name], params)
        return cursor.fetchall()
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
