"""Alembic environment: migrates the database named by the app's settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from app import models
from app.core.config import get_settings
from app.core.db import make_engine
from app.core.migrate import include_name

config = context.config
target_metadata = models.Position.metadata  # SQLModel's one MetaData, holding every table of app.models


def _url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True, include_name=include_name
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    settings = get_settings().model_copy(update={"database_url": _url()})
    engine = make_engine(settings)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection: Connection) -> None:
    # Batch mode lets later ALTERs work on SQLite, which cannot alter most constraints in place.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
