"""Justering, anslag, protocol hashes and signed PDFs.

Revision ID: 0003
Revises: 0002

Owned by the justering area; kept in the chain from the start so areas can be built in parallel.
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change in this area yet."""


def downgrade() -> None:
    """No schema change in this area yet."""
