"""PostgreSQL: positions keep their search vector in a stored generated column

Revision ID: 0400_postgresql_position_vector
Revises: 0300_postgresql_search
Create Date: 2026-11-27 23:00:00

0300 indexed the expression `to_tsvector('english', text)`. The index finds matches without it, but
ranking (ts_rank_cd) and any plan that checks a match row by row recompute it from the text, ~40 µs a
row: ranking a word found in 160k positions took seconds. A stored generated column is computed once
per write (where the expression index computed it anyway) and kept in step by PostgreSQL itself; the
GIN index moves onto it under the same name. Adding the column rewrites the table once.
PostgreSQL only; SQLite's FTS5 table (0100) already stores its index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0400_postgresql_position_vector"
down_revision: str | None = "0300_postgresql_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VECTOR = "to_tsvector('english'::regconfig, text)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"ALTER TABLE position ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED"
    )  # sql-identifiers-only
    op.execute("DROP INDEX IF EXISTS ix_position_search")
    op.execute("CREATE INDEX ix_position_search ON position USING GIN (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_position_search")
    op.execute("ALTER TABLE position DROP COLUMN IF EXISTS search_vector")
    op.execute(f"CREATE INDEX ix_position_search ON position USING GIN ({VECTOR})")  # sql-identifiers-only
