"""Reads on the request path that need no session: the data version for ETags, and single-row reads.

A SQLAlchemy `Session` costs far more to open, connect and close (and a pool checkout more) than
the data-version read itself (figures in docs/performance.md). On a SQLite file these reads therefore run on a
connection of the reading thread's own (in the server, the event loop's: middlewares call it
inline), taken from the engine once and kept, so they get its pragmas. The data version is the
counter that triggers bump on every write (migration 0100), so every worker and replica gives the
same ETag; the connection asks `PRAGMA data_version`, which changes when any other connection
commits, and reads the counter again only then. Every statement is read to its end, so no read
transaction stays open between requests (it would hold back WAL checkpoints). Other databases
(PostgreSQL) and in-memory SQLite check a connection out of the pool for each read.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.core.db import DATA_VERSION

_CHANGES = "PRAGMA data_version"


class _Local(threading.local):
    connection: Any = None  # the thread's own DBAPI connection (pool connection, detached)
    cursor: Any = None
    changes: Any = None  # PRAGMA data_version when `version` was read
    version: int | None = None


class RequestReads:
    """The request path's reads on `engine`'s database (one per app: `app.state.reads`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.errors: type[Exception] = engine.dialect.loaded_dbapi.Error
        database = engine.url.database or ""
        self.own_connections = (
            self.dialect == "sqlite" and database not in ("", ":memory:") and "mode=memory" not in str(engine.url)
        )
        self._local = _Local()

    def _cursor(self) -> Any:
        local = self._local
        if local.cursor is None:
            pooled = self.engine.raw_connection()
            pooled.detach()  # ours for good: closed with the thread's state, never back in the pool
            local.connection = pooled
            local.cursor = pooled.cursor()
        return local.cursor

    def _forget(self) -> None:
        """After an error: the next read starts on a new connection."""
        local = self._local
        if local.connection is not None:
            with contextlib.suppress(self.errors):
                local.connection.close()
        local.connection = local.cursor = local.changes = local.version = None

    def data_version(self) -> int | None:
        """The data version, or None where there is none (a database not migrated to 0100)."""
        if not self.own_connections:
            return self._pooled_version()
        local = self._local
        try:
            cursor = self._cursor()
            cursor.execute(_CHANGES)
            changes = cursor.fetchall()[0][0]
            if changes != local.changes or local.version is None:
                cursor.execute(DATA_VERSION)
                rows = cursor.fetchall()
                local.changes, local.version = changes, rows[0][0] if rows else None
            return local.version
        except self.errors:
            self._forget()
            return None

    def _pooled_version(self) -> int | None:
        try:
            conn = self.engine.raw_connection()
        except SQLAlchemyError:
            return None
        try:
            cursor = conn.cursor()
            cursor.execute(DATA_VERSION)
            rows = cursor.fetchall()
            cursor.close()
            return rows[0][0] if rows else None
        except self.errors:
            return None
        finally:
            conn.close()

    def one(self, sql: dict[str, str], params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row of `sql[dialect]` (a statement that yields at most one), or None.

        Errors of the database propagate; the caller decides (a fast path falls back to the full one)."""
        if self.own_connections:
            try:
                cursor = self._cursor()
                cursor.execute(sql[self.dialect], params)
                rows = cursor.fetchall()
            except self.errors:
                self._forget()
                raise
            return rows[0] if rows else None
        conn = self.engine.raw_connection()
        try:
            cursor = conn.cursor()
            cursor.execute(sql[self.dialect], params)
            rows = cursor.fetchall()
            cursor.close()
            return rows[0] if rows else None
        finally:
            conn.close()
