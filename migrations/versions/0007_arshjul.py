"""Årshjul: events, recurrence, templates.

Revision ID: 0007
Revises: 0006

Owned by the arshjul area; kept in the chain from the start so areas can be built in parallel.
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change in this area yet."""


def downgrade() -> None:
    """No schema change in this area yet."""
