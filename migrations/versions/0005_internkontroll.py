"""Intern kontroll: risk analysis, kontrollplan, stickprov.

Revision ID: 0005
Revises: 0004

Owned by the internkontroll area; kept in the chain from the start so areas can be built in parallel.
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change in this area yet."""


def downgrade() -> None:
    """No schema change in this area yet."""
