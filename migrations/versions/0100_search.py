"""full-text search indexes and the data version (both kept in sync by triggers)

Revision ID: 0100_search
Revises: 0002
Create Date: 2026-11-27 19:30:00

SQLite only for now: FTS5 tables `search_position` (external content over `position`) and
`search_document`, and `data_version`, a one-row counter every write to the served tables bumps
(the ETag of GET responses). Triggers keep all three in sync, so write paths need no extra code.
The PostgreSQL backend will add its own tsvector indexes and statement triggers in a later revision.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0100_search"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose rows a client can see: any write to them changes the data version.
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

# Porter stemming lets "vaccine" find "vaccines"; diacritics are folded so "Sao" finds "São".
TOKENIZE = "porter unicode61 remove_diacritics 2"

UPGRADE_SQL = [
    "CREATE VIRTUAL TABLE search_position USING fts5(text, content='position', content_rowid='id', "
    f"tokenize='{TOKENIZE}')",  # sql-identifiers-only
    "CREATE TRIGGER search_position_ai AFTER INSERT ON position BEGIN "
    "INSERT INTO search_position(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_position_ad AFTER DELETE ON position BEGIN "
    "INSERT INTO search_position(search_position, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER search_position_au AFTER UPDATE OF text ON position BEGIN "
    "INSERT INTO search_position(search_position, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO search_position(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO search_position(search_position) VALUES ('rebuild')",
    # Documents have text primary keys, whose implicit rowids VACUUM may renumber: a table of its own.
    "CREATE VIRTUAL TABLE search_document USING fts5(document_id UNINDEXED, title, text, "
    f"tokenize='{TOKENIZE}')",  # sql-identifiers-only
    "CREATE TRIGGER search_document_ai AFTER INSERT ON document BEGIN "
    "INSERT INTO search_document(document_id, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER search_document_ad AFTER DELETE ON document BEGIN "
    "DELETE FROM search_document WHERE document_id = old.id; END",
    "CREATE TRIGGER search_document_au AFTER UPDATE OF id, title, text ON document BEGIN "
    "DELETE FROM search_document WHERE document_id = old.id; "
    "INSERT INTO search_document(document_id, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO search_document(document_id, title, text) SELECT id, title, text FROM document",
    "CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
    "INSERT INTO data_version (id, version) VALUES (1, 0)",
]


def _version_triggers() -> list[str]:
    bump = "UPDATE data_version SET version = version + 1 WHERE id = 1; END"
    return [
        f"CREATE TRIGGER data_version_{table}_{op_name[0].lower()} AFTER {op_name} ON {table} BEGIN "
        + bump  # sql-identifiers-only
        for table in VERSIONED_TABLES
        for op_name in ("INSERT", "UPDATE", "DELETE")
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in UPGRADE_SQL + _version_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in VERSIONED_TABLES:
        for letter in "iud":
            op.execute(f"DROP TRIGGER IF EXISTS data_version_{table}_{letter}")  # sql-identifiers-only
    for trigger in (
        "search_position_ai",
        "search_position_ad",
        "search_position_au",
        "search_document_ai",
        "search_document_ad",
        "search_document_au",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")  # sql-identifiers-only
    op.execute("DROP TABLE IF EXISTS data_version")
    op.execute("DROP TABLE IF EXISTS search_document")
    op.execute("DROP TABLE IF EXISTS search_position")
