"""position keys and maintained counts (fast filtered pages and totals at any size); bulk-load switch

Revision ID: 0200_position_keys
Revises: 0100_search
Create Date: 2026-11-27 20:00:00

`position_key` holds one row per (topic, speaker) of every position, plus (topic, '') and
('', speaker) rows, clustered on (topic_slug, leader_slug, date, position_id): the page "positions
on T by L, newest first" is one index range scan whatever the corpus size. `position_count` keeps
the number of rows per (topic_slug, leader_slug) key ('' = any; ('', '') counts every position), so
the totals of those lists cost one lookup. Triggers on the link tables keep both exact, so every
write path (ORM, API, CLI, raw SQL) stays correct without extra code.

Bulk loads: while the transaction that bulk-loads holds a row in `bulk_load` (SQLite) or has set
`summit.bulk_load = 'on'` (PostgreSQL, SET LOCAL), the insert triggers here (and on SQLite those of
0100: FTS, data version) stand down and app/ingest/bulk.py fills the same tables with one set-based
statement per batch (3x faster than per-row FTS inserts on SQLite; on PostgreSQL it avoids updating one
counter row per inserted row, whose versions pile up within the transaction). The switch never
outlives the transaction, so no other connection sees it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0200_position_keys"
down_revision: str | None = "0100_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOT_BULK = "NOT EXISTS (SELECT 1 FROM bulk_load)"

TABLES = [
    "CREATE TABLE position_key (topic_slug VARCHAR(120) NOT NULL, leader_slug VARCHAR(120) NOT NULL, "
    "date DATE NOT NULL, position_id INTEGER NOT NULL, "
    "PRIMARY KEY (topic_slug, leader_slug, date, position_id)){without_rowid}",
    "CREATE INDEX ix_position_key_position ON position_key (position_id)",
    "CREATE TABLE position_count (topic_slug VARCHAR(120) NOT NULL, leader_slug VARCHAR(120) NOT NULL, "
    "n BIGINT NOT NULL, PRIMARY KEY (topic_slug, leader_slug)){without_rowid}",
]

# Rows of position_key for existing data (also used by the bulk loader for its id range).
BACKFILL_KEYS = (
    "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) "
    "SELECT t.topic_slug, '', p.date, p.id FROM position_topic t JOIN position p ON p.id = t.position_id "
    "UNION ALL SELECT '', s.leader_slug, p.date, p.id FROM position_speaker s JOIN position p ON p.id = s.position_id "
    "UNION ALL SELECT t.topic_slug, s.leader_slug, p.date, p.id FROM position_topic t "
    "JOIN position_speaker s ON s.position_id = t.position_id JOIN position p ON p.id = t.position_id"
)
BACKFILL_COUNTS = [
    "INSERT INTO position_count (topic_slug, leader_slug, n) "
    "SELECT topic_slug, leader_slug, count(*) FROM position_key GROUP BY topic_slug, leader_slug",
    "INSERT INTO position_count (topic_slug, leader_slug, n) SELECT '', '', count(*) FROM position",
]

SQLITE_TRIGGERS = [
    "CREATE TABLE bulk_load (id INTEGER PRIMARY KEY)",
    f"CREATE TRIGGER position_key_topic_ai AFTER INSERT ON position_topic WHEN {NOT_BULK} BEGIN "
    "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) "
    "SELECT new.topic_slug, '', p.date, p.id FROM position p WHERE p.id = new.position_id "
    "UNION ALL SELECT new.topic_slug, s.leader_slug, p.date, p.id FROM position p "
    "JOIN position_speaker s ON s.position_id = p.id WHERE p.id = new.position_id; END",
    f"CREATE TRIGGER position_key_speaker_ai AFTER INSERT ON position_speaker WHEN {NOT_BULK} BEGIN "
    "INSERT INTO position_key (topic_slug, leader_slug, date, position_id) "
    "SELECT '', new.leader_slug, p.date, p.id FROM position p WHERE p.id = new.position_id "
    "UNION ALL SELECT t.topic_slug, new.leader_slug, p.date, p.id FROM position p "
    "JOIN position_topic t ON t.position_id = p.id WHERE p.id = new.position_id; END",
    "CREATE TRIGGER position_key_topic_ad AFTER DELETE ON position_topic BEGIN "
    "DELETE FROM position_key WHERE position_id = old.position_id AND topic_slug = old.topic_slug; END",
    "CREATE TRIGGER position_key_speaker_ad AFTER DELETE ON position_speaker BEGIN "
    "DELETE FROM position_key WHERE position_id = old.position_id AND leader_slug = old.leader_slug; END",
    "CREATE TRIGGER position_key_date_au AFTER UPDATE OF date ON position BEGIN "
    "UPDATE position_key SET date = new.date WHERE position_id = new.id; END",
    f"CREATE TRIGGER position_count_key_ai AFTER INSERT ON position_key WHEN {NOT_BULK} BEGIN "
    "INSERT INTO position_count (topic_slug, leader_slug, n) VALUES (new.topic_slug, new.leader_slug, 1) "
    "ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER position_count_key_ad AFTER DELETE ON position_key BEGIN "
    "UPDATE position_count SET n = n - 1 WHERE topic_slug = old.topic_slug AND leader_slug = old.leader_slug; END",
    f"CREATE TRIGGER position_count_ai AFTER INSERT ON position WHEN {NOT_BULK} BEGIN "
    "UPDATE position_count SET n = n + 1 WHERE topic_slug = '' AND leader_slug = ''; END",
    "CREATE TRIGGER position_count_ad AFTER DELETE ON position BEGIN "
    "UPDATE position_count SET n = n - 1 WHERE topic_slug = '' AND leader_slug = ''; END",
]

# 0100's per-row insert triggers, given the bulk-load switch (bodies unchanged).
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
_FTS_INSERT = {
    "search_position_ai": ("position", "INSERT INTO search_position(rowid, text) VALUES (new.id, new.text);"),
    "search_document_ai": (
        "document",
        "INSERT INTO search_document(document_id, title, text) VALUES (new.id, new.title, new.text);",
    ),
}
_BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1;"


def _insert_triggers(switch: bool) -> list[str]:
    when = f" WHEN {NOT_BULK}" if switch else ""
    out = []
    for name, (table, body) in _FTS_INSERT.items():
        out += [
            f"DROP TRIGGER IF EXISTS {name}",  # sql-identifiers-only
            f"CREATE TRIGGER {name} AFTER INSERT ON {table}{when} BEGIN {body} END",
        ]  # sql-identifiers-only
    for table in VERSIONED_TABLES:
        name = f"data_version_{table}_i"
        out += [
            f"DROP TRIGGER IF EXISTS {name}",  # sql-identifiers-only
            f"CREATE TRIGGER {name} AFTER INSERT ON {table}{when} BEGIN {_BUMP} END",
        ]  # sql-identifiers-only
    return out


PG_FUNCTIONS = [
    """CREATE FUNCTION position_key_topic_ai() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF current_setting('summit.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    INSERT INTO position_key (topic_slug, leader_slug, date, position_id)
      SELECT NEW.topic_slug, '', p.date, p.id FROM position p WHERE p.id = NEW.position_id
      UNION ALL SELECT NEW.topic_slug, s.leader_slug, p.date, p.id FROM position p
      JOIN position_speaker s ON s.position_id = p.id WHERE p.id = NEW.position_id;
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_key_speaker_ai() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF current_setting('summit.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    INSERT INTO position_key (topic_slug, leader_slug, date, position_id)
      SELECT '', NEW.leader_slug, p.date, p.id FROM position p WHERE p.id = NEW.position_id
      UNION ALL SELECT t.topic_slug, NEW.leader_slug, p.date, p.id FROM position p
      JOIN position_topic t ON t.position_id = p.id WHERE p.id = NEW.position_id;
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_key_topic_ad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    DELETE FROM position_key WHERE position_id = OLD.position_id AND topic_slug = OLD.topic_slug;
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_key_speaker_ad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    DELETE FROM position_key WHERE position_id = OLD.position_id AND leader_slug = OLD.leader_slug;
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_key_date_au() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE position_key SET date = NEW.date WHERE position_id = NEW.id;
    RETURN NULL; END $$""",
    # Counts move by statement (transition tables), not by row: one upsert per key per statement.
    """CREATE FUNCTION position_count_key_ai() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF current_setting('summit.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    INSERT INTO position_count (topic_slug, leader_slug, n)
      SELECT topic_slug, leader_slug, count(*) FROM new_rows GROUP BY topic_slug, leader_slug
    ON CONFLICT (topic_slug, leader_slug) DO UPDATE SET n = position_count.n + EXCLUDED.n;
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_count_key_ad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE position_count c SET n = c.n - d.k
      FROM (SELECT topic_slug, leader_slug, count(*) AS k FROM old_rows GROUP BY topic_slug, leader_slug) d
     WHERE c.topic_slug = d.topic_slug AND c.leader_slug = d.leader_slug;
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_count_ai() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF current_setting('summit.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    UPDATE position_count SET n = n + (SELECT count(*) FROM new_rows) WHERE topic_slug = '' AND leader_slug = '';
    RETURN NULL; END $$""",
    """CREATE FUNCTION position_count_ad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    UPDATE position_count SET n = n - (SELECT count(*) FROM old_rows) WHERE topic_slug = '' AND leader_slug = '';
    RETURN NULL; END $$""",
]
PG_TRIGGERS = [
    "CREATE TRIGGER position_key_topic_ai AFTER INSERT ON position_topic "
    "FOR EACH ROW EXECUTE FUNCTION position_key_topic_ai()",
    "CREATE TRIGGER position_key_speaker_ai AFTER INSERT ON position_speaker "
    "FOR EACH ROW EXECUTE FUNCTION position_key_speaker_ai()",
    "CREATE TRIGGER position_key_topic_ad AFTER DELETE ON position_topic "
    "FOR EACH ROW EXECUTE FUNCTION position_key_topic_ad()",
    "CREATE TRIGGER position_key_speaker_ad AFTER DELETE ON position_speaker "
    "FOR EACH ROW EXECUTE FUNCTION position_key_speaker_ad()",
    "CREATE TRIGGER position_key_date_au AFTER UPDATE OF date ON position "
    "FOR EACH ROW EXECUTE FUNCTION position_key_date_au()",
    "CREATE TRIGGER position_count_key_ai AFTER INSERT ON position_key REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION position_count_key_ai()",
    "CREATE TRIGGER position_count_key_ad AFTER DELETE ON position_key REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION position_count_key_ad()",
    "CREATE TRIGGER position_count_ai AFTER INSERT ON position REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION position_count_ai()",
    "CREATE TRIGGER position_count_ad AFTER DELETE ON position REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION position_count_ad()",
]
PG_FUNCTION_NAMES = (
    "position_key_topic_ai",
    "position_key_speaker_ai",
    "position_key_topic_ad",
    "position_key_speaker_ad",
    "position_key_date_au",
    "position_count_key_ai",
    "position_count_key_ad",
    "position_count_ai",
    "position_count_ad",
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in TABLES:
        op.execute(statement.format(without_rowid=" WITHOUT ROWID" if sqlite else ""))
    op.execute(BACKFILL_KEYS)
    for statement in BACKFILL_COUNTS:
        op.execute(statement)
    if sqlite:
        for statement in SQLITE_TRIGGERS + _insert_triggers(switch=True):
            op.execute(statement)
    else:
        for statement in PG_FUNCTIONS + PG_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for statement in _insert_triggers(switch=False):
            op.execute(statement)
        for statement in SQLITE_TRIGGERS[1:]:
            name = statement.split()[2]
            op.execute(f"DROP TRIGGER IF EXISTS {name}")  # sql-identifiers-only
        op.execute("DROP TABLE bulk_load")
    else:
        for statement in PG_TRIGGERS:
            name, table = statement.split()[2], statement.split(" ON ")[1].split()[0]
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")  # sql-identifiers-only
        for name in PG_FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")  # sql-identifiers-only
    op.execute("DROP TABLE position_count")
    op.execute("DROP TABLE position_key")
