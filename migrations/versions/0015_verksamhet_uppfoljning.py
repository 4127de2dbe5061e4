"""Verksamhet follow-up: goals and indicators with measured values, and deltagare statistics per insats and month.

Revision ID: 0015
Revises: 0014

Aggregates only: no participant-level data. A goal belongs to an insats (Budget's ``insats``) or, without one, to
the förbund; its measured values per report date. Deltagare statistics are one row per insats and month.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verksamhet_deltagare",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("inskrivna", sa.Integer(), nullable=False),
        sa.Column("pagaende", sa.Integer(), nullable=False),
        sa.Column("avslutade", sa.Integer(), nullable=False),
        sa.Column("kvinnor", sa.Integer(), nullable=False),
        sa.Column("man", sa.Integer(), nullable=False),
        sa.Column("annat", sa.Integer(), nullable=False),
        sa.Column("stegforflyttning", sa.Integer(), nullable=False),
        sa.Column("avslut", sa.Text(), nullable=False),
        sa.Column("anvisade", sa.Text(), nullable=False),
        sa.Column("kalla", sa.String(length=300), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "inskrivna >= 0 AND pagaende >= 0 AND avslutade >= 0 AND kvinnor >= 0 AND man >= 0 AND annat >= 0 AND stegforflyttning >= 0",
            name=op.f("ck_verksamhet_deltagare_antal"),
        ),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_verksamhet_deltagare_insats_id_insats"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verksamhet_deltagare")),
        sa.UniqueConstraint("insats_id", "period", name=op.f("uq_verksamhet_deltagare_insats_id_period")),
    )
    op.create_index(op.f("ix_verksamhet_deltagare_insats_id"), "verksamhet_deltagare", ["insats_id"], unique=False)
    op.create_table(
        "verksamhet_mal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=500), nullable=False),
        sa.Column("indikator", sa.String(length=60), nullable=False),
        sa.Column("malvarde", sa.String(length=40), nullable=False),
        sa.Column("enhet", sa.String(length=20), nullable=False),
        sa.Column("jamforelse", sa.String(length=10), nullable=False),
        sa.Column("andel", sa.Boolean(), nullable=False),
        sa.Column("period_fran", sa.Date(), nullable=False),
        sa.Column("period_till", sa.Date(), nullable=False),
        sa.CheckConstraint("enhet IN ('antal','procent','kr','tkr','timmar')", name=op.f("ck_verksamhet_mal_enhet")),
        sa.CheckConstraint("jamforelse IN ('minst','hogst','exakt')", name=op.f("ck_verksamhet_mal_jamforelse")),
        sa.CheckConstraint("period_till >= period_fran", name=op.f("ck_verksamhet_mal_period")),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_verksamhet_mal_insats_id_insats"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verksamhet_mal")),
    )
    op.create_index(op.f("ix_verksamhet_mal_insats_id"), "verksamhet_mal", ["insats_id"], unique=False)
    op.create_table(
        "verksamhet_matvarde",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mal_id", sa.Integer(), nullable=False),
        sa.Column("per", sa.Date(), nullable=False),
        sa.Column("varde", sa.String(length=40), nullable=True),
        sa.Column("taljare", sa.Integer(), nullable=True),
        sa.Column("namnare", sa.Integer(), nullable=True),
        sa.Column("kommentar", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(taljare IS NULL OR taljare >= 0) AND (namnare IS NULL OR namnare >= 0)",
            name=op.f("ck_verksamhet_matvarde_antal"),
        ),
        sa.ForeignKeyConstraint(
            ["mal_id"],
            ["verksamhet_mal.id"],
            name=op.f("fk_verksamhet_matvarde_mal_id_verksamhet_mal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verksamhet_matvarde")),
        sa.UniqueConstraint("mal_id", "per", name=op.f("uq_verksamhet_matvarde_mal_id_per")),
    )
    op.create_index(op.f("ix_verksamhet_matvarde_mal_id"), "verksamhet_matvarde", ["mal_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_verksamhet_matvarde_mal_id"), table_name="verksamhet_matvarde")
    op.drop_table("verksamhet_matvarde")
    op.drop_index(op.f("ix_verksamhet_mal_insats_id"), table_name="verksamhet_mal")
    op.drop_table("verksamhet_mal")
    op.drop_index(op.f("ix_verksamhet_deltagare_insats_id"), table_name="verksamhet_deltagare")
    op.drop_table("verksamhet_deltagare")
