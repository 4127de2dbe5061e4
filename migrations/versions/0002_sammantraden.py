"""Sammanträden: dagordning, protokoll, bilagor, jäv, uppdrag, search.

Revision ID: 0002
Revises: 0001

Owned by the sammantraden area; kept in the chain from the start so areas can be built in parallel.
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change in this area yet."""


def downgrade() -> None:
    """No schema change in this area yet."""
