"""Optimistic locking for several writers on a server database (issue 17): a version, and who changed it when,
on the records two users may edit at the same time – a meeting's header and an agenda item (a § with its
att-satser and delpunkter).

Revision ID: 0019
Revises: 0018

The version is raised by the program's edits only (``services/concurrency.py``), never by renumbering, so a §
that only moved does not count as changed by someone else. Existing rows start at version 1, changed by nobody.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLES = ("meeting", "agenda_item")

#: PostgreSQL's search index stores its document (``pg_ddl.fts_table`` makes it so in a new database; a database
#: made by 0002 before gets it here): ts_rank then reads the stored tsvector instead of parsing each §'s text.
PG_FTS = (
    "ALTER TABLE fts_paragraph ADD COLUMN IF NOT EXISTS doc tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(rubrik, '') || ' ' || coalesce(body, ''))) STORED",
    "DROP INDEX IF EXISTS ix_fts_paragraph_tsv",
    "CREATE INDEX IF NOT EXISTS ix_fts_paragraph_doc ON fts_paragraph USING GIN (doc)",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        op.add_column(table, sa.Column("changed_by", sa.String(length=100), nullable=False, server_default=""))
        op.add_column(table, sa.Column("changed_at", sa.DateTime(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_fts_paragraph_doc")
        op.execute("ALTER TABLE fts_paragraph DROP COLUMN IF EXISTS doc")
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_fts_paragraph_tsv ON fts_paragraph USING GIN "
            "(to_tsvector('simple', coalesce(rubrik, '') || ' ' || coalesce(body, '')))"
        )
    for table in TABLES:
        # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): a batch rebuild would drop the tables'
        # protection triggers.
        for column in ("changed_at", "changed_by", "version"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
