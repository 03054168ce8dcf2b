"""Alembic, configured in code: the only way the schema is made."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from app.core.config import Settings

# Tables made and kept by raw SQL in migrations (FTS indexes and their shadow tables, the data
# version counter, position keys and counts, the bulk-load switch): not in the models, so
# autogenerate and model comparisons must skip them.
UNMANAGED_PREFIXES = ("search_", "data_version", "position_key", "position_count", "bulk_load")


# PostgreSQL full-text expression indexes (migration 0300), also made by raw SQL.
UNMANAGED_INDEXES = ("ix_position_search", "ix_document_search")


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic `include_name` hook: False for the tables and indexes the models do not describe."""
    if type_ == "index" and name in UNMANAGED_INDEXES:
        return False
    if type_ == "column" and name == "search_vector":  # PostgreSQL's stored search vector (migration 0400)
        return False
    return not (type_ == "table" and name is not None and name.startswith(UNMANAGED_PREFIXES))


def alembic_config(settings: Settings) -> Config:
    """An Alembic config pointing at `migrations/` and at `settings.database_url`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(settings.migrations_dir))
    cfg.attributes["database_url"] = settings.database_url
    return cfg


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Bring the database up to `revision` (default: the newest)."""
    command.upgrade(alembic_config(settings), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(settings: Settings) -> str | None:
    """The newest revision in `migrations/`."""
    return ScriptDirectory.from_config(alembic_config(settings)).get_current_head()
