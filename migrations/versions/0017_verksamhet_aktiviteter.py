"""Verksamhet aktiviteter: forum, frukostmöten, utbildningar … with planned and present participants per member.

Revision ID: 0017
Revises: 0016

Counts per member organisation only, never a participant's name.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verksamhet_aktivitet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("titel", sa.String(length=300), nullable=False),
        sa.Column("typ", sa.String(length=20), nullable=False),
        sa.Column("arrangor", sa.String(length=300), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("malgrupp", sa.String(length=300), nullable=False),
        sa.Column("planerat", sa.Integer(), nullable=True),
        sa.Column("ovriga", sa.Integer(), nullable=False),
        sa.Column("anteckning", sa.Text(), nullable=False),
        sa.CheckConstraint("format IN ('fysisk','digital','hybrid')", name=op.f("ck_verksamhet_aktivitet_format")),
        sa.CheckConstraint(
            "typ IN ('forum','frukostmote','utbildning','information','konferens','arbetsgrupp','ovrigt')",
            name=op.f("ck_verksamhet_aktivitet_typ"),
        ),
        sa.CheckConstraint(
            "(planerat IS NULL OR planerat >= 0) AND ovriga >= 0", name=op.f("ck_verksamhet_aktivitet_antal")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verksamhet_aktivitet")),
    )
    with op.batch_alter_table("verksamhet_aktivitet", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verksamhet_aktivitet_datum"), ["datum"], unique=False)

    op.create_table(
        "verksamhet_aktivitet_deltagare",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aktivitet_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("planerat", sa.Integer(), nullable=True),
        sa.Column("faktiskt", sa.Integer(), nullable=True),
        sa.Column("anteckning", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "(planerat IS NULL OR planerat >= 0) AND (faktiskt IS NULL OR faktiskt >= 0)",
            name=op.f("ck_verksamhet_aktivitet_deltagare_antal"),
        ),
        sa.ForeignKeyConstraint(
            ["aktivitet_id"],
            ["verksamhet_aktivitet.id"],
            name=op.f("fk_verksamhet_aktivitet_deltagare_aktivitet_id_verksamhet_aktivitet"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_verksamhet_aktivitet_deltagare_member_id_member"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verksamhet_aktivitet_deltagare")),
        sa.UniqueConstraint(
            "aktivitet_id", "member_id", name=op.f("uq_verksamhet_aktivitet_deltagare_aktivitet_id_member_id")
        ),
    )
    with op.batch_alter_table("verksamhet_aktivitet_deltagare", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_verksamhet_aktivitet_deltagare_aktivitet_id"), ["aktivitet_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_verksamhet_aktivitet_deltagare_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("verksamhet_aktivitet_deltagare", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verksamhet_aktivitet_deltagare_member_id"))
        batch_op.drop_index(batch_op.f("ix_verksamhet_aktivitet_deltagare_aktivitet_id"))

    op.drop_table("verksamhet_aktivitet_deltagare")
    with op.batch_alter_table("verksamhet_aktivitet", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verksamhet_aktivitet_datum"))

    op.drop_table("verksamhet_aktivitet")
