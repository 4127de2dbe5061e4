"""Bilagor of an imported (historical) protocol keep the numbers their source gave them.

Revision ID: 0021
Revises: 0020

``bilaga.original_nummer`` ("17", "1a") is set only by the protocol import; empty for every other bilaga, which is
numbered by first reference as before. Empty values are left out of a protocol's content hash, so protocols
justerade before this revision keep theirs.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("bilaga", sa.Column("original_nummer", sa.String(length=10), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of the table would lose its triggers.
    op.get_bind().exec_driver_sql("ALTER TABLE bilaga DROP COLUMN original_nummer")
