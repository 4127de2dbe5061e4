"""Årsredovisning: the adopted document stored whole (PDF bytes and SHA-256), written once at adoption.

Revision ID: 0016
Revises: 0015

The final PDF is rendered in the adoption's transaction and kept in ``ar_document``; like a justerat protocol it
can never be changed or removed afterwards (triggers), and ``finsam check`` verifies its SHA-256.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_LOCKED = "Den fastställda årsredovisningen är låst; den kan inte ändras eller tas bort."

TRIGGERS = {
    "trg_ar_document_locked_update": "BEFORE UPDATE ON ar_document",
    "trg_ar_document_locked_delete": "BEFORE DELETE ON ar_document",
}


def upgrade() -> None:
    op.create_table(
        "ar_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("pdf_data", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["year_id"], ["ar_year.id"], name=op.f("fk_ar_document_year_id_ar_year"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_document")),
        sa.UniqueConstraint("year_id", name=op.f("uq_ar_document_year_id")),
    )
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("ar_document")
