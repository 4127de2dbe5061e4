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


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        op.add_column(table, sa.Column("changed_by", sa.String(length=100), nullable=False, server_default=""))
        op.add_column(table, sa.Column("changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): a batch rebuild would drop the tables'
        # protection triggers.
        for column in ("changed_at", "changed_by", "version"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
