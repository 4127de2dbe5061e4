"""Risk analyses keep the matrix they were adopted with.

Revision ID: 0011
Revises: 0008

``ik_risk_analysis.matrix_settings`` holds the matrix (size, scales, colour bands, as JSON) of an adopted analysis,
so a later change of the förbund's matrix (another size, other band limits) no longer recolours it. Analyses
adopted before this revision get the matrix they are shown with now: the förbund's setting if it has their size,
else the default scales and bands of their size. The lock trigger of adopted analyses is lifted for that one
backfill and put back unchanged.
"""

import json

import sqlalchemy as sa
from alembic import op

from finsam_desktop.domain.internkontroll.risk import MatrixSettings

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

MATRIX_SETTING = "internkontroll.matris"
LOCK = "trg_ik_risk_analysis_locked_update"
MSG = "Riskanalysen är antagen och låst; gör en ny version för att ändra den."
LOCK_SQL = f"""CREATE TRIGGER {LOCK} BEFORE UPDATE ON ik_risk_analysis
            WHEN OLD.status = 'antagen'
            BEGIN SELECT RAISE(ABORT, '{MSG}'); END"""


def upgrade() -> None:
    # A plain ADD COLUMN (no table rebuild), so the table's triggers stay as they are.
    op.add_column("ik_risk_analysis", sa.Column("matrix_settings", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    stored = conn.execute(sa.text("SELECT value FROM setting WHERE key = :k"), {"k": MATRIX_SETTING}).scalar()
    current = MatrixSettings.from_dict(json.loads(stored)) if stored else MatrixSettings()
    adopted = conn.execute(sa.text("SELECT id, matrix_size FROM ik_risk_analysis WHERE status = 'antagen'")).all()
    if adopted:
        op.execute(f"DROP TRIGGER IF EXISTS {LOCK}")
        for analysis_id, size in adopted:
            settings = current if current.size == size else MatrixSettings.for_size(size)
            conn.execute(
                sa.text("UPDATE ik_risk_analysis SET matrix_settings = :m WHERE id = :id"),
                {"m": json.dumps(settings.to_dict(), ensure_ascii=False), "id": analysis_id},
            )
        op.execute(LOCK_SQL)


def downgrade() -> None:
    op.drop_column("ik_risk_analysis", "matrix_settings")  # SQLite >= 3.35 drops it in place
