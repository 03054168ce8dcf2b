"""PostgreSQL: full-text search (tsvector GIN indexes) and the data version, as 0100 made them on SQLite

Revision ID: 0300_postgresql_search
Revises: 0200_position_keys
Create Date: 2026-11-27 20:15:00

PostgreSQL only (SQLite got both in 0100). Search uses expression indexes, so no column or trigger
is needed to keep them in sync: `to_tsvector('english', position.text)` and, for documents, the
title weighted above the body. app/positions/fulltext.py queries the very same expressions (an
expression index serves only an identical expression). The data version is bumped once per
statement (not per row) on every served table, like 0100's triggers, for the ETags.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0300_postgresql_search"
down_revision: str | None = "0200_position_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES = (
    "event",
    "event_participant",
    "leader",
    "topic",
    "document",
    "position",
    "position_speaker",
    "position_topic",
)

# Kept identical to app.positions.fulltext.PostgresTsvector's expressions (positions: see 0400).
POSITION_VECTOR = "to_tsvector('english'::regconfig, text)"
DOCUMENT_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, text), 'B'))"
)

UPGRADE_SQL = [
    f"CREATE INDEX ix_position_search ON position USING GIN ({POSITION_VECTOR})",  # sql-identifiers-only
    f"CREATE INDEX ix_document_search ON document USING GIN ({DOCUMENT_VECTOR})",  # sql-identifiers-only
    "CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
    "INSERT INTO data_version (id, version) VALUES (1, 0)",
    # A bulk load (0200's switch) bumps the version once itself.
    "CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF current_setting('summit.bulk_load', true) = 'on' THEN RETURN NULL; END IF; "
    "UPDATE data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE_SQL:
        op.execute(statement)
    for table in VERSIONED_TABLES:
        op.execute(
            f"CREATE TRIGGER data_version_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "  # sql-identifiers-only
            "FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in VERSIONED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS data_version_{table} ON {table}")  # sql-identifiers-only
    op.execute("DROP FUNCTION IF EXISTS data_version_bump()")
    op.execute("DROP TABLE IF EXISTS data_version")
    op.execute("DROP INDEX IF EXISTS ix_document_search")
    op.execute("DROP INDEX IF EXISTS ix_position_search")
