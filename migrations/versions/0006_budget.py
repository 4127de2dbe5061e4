"""Budget, insatser, utfall, prognos.

Revision ID: 0006
Revises: 0005

Owned by the budget area; kept in the chain from the start so areas can be built in parallel.
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change in this area yet."""


def downgrade() -> None:
    """No schema change in this area yet."""
