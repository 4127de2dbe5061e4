"""Stickprov, the whole population: the population analytics stored with each stickprov, and an åtgärd per finding.

Revision ID: 0009
Revises: 0008

* ``ik_stickprov_population``: one row per stickprov — rows and total of the file, the analysis settings, what was
  not checked and the import's notes. A stickprov drawn before this revision has none (shown as "not analysed").
* ``ik_population_finding``: every finding (rule, severity, the rule in words, what was found, rows,
  verifikationer, amount, the stable key). A stored finding is never changed: a trigger refuses an UPDATE (a
  DELETE is allowed, so the findings go with their stickprov).
* ``ik_finding_atgard``: the åtgärd the review records per finding (ansvarig, senast, status, beskrivning,
  motivering); it changes as the work goes on, each change in the audit log.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MSG_FINDING = "Ett stickprovs fynd kan inte ändras i efterhand; registrera en åtgärd i stället."

TRIGGERS = {
    "trg_ik_population_finding_update": (
        "CREATE TRIGGER trg_ik_population_finding_update BEFORE UPDATE ON ik_population_finding "
        f"BEGIN SELECT RAISE(ABORT, '{MSG_FINDING}'); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "ik_stickprov_population",
        sa.Column("stickprov_id", sa.Integer(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("total_ore", sa.Integer(), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("not_checked_json", sa.Text(), nullable=False),
        sa.Column("notes_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["stickprov_id"],
            ["ik_stickprov.id"],
            name=op.f("fk_ik_stickprov_population_stickprov_id_ik_stickprov"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stickprov_id", name=op.f("pk_ik_stickprov_population")),
    )
    op.create_table(
        "ik_population_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stickprov_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("rule_text", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.Column("verifikationer", sa.Text(), nullable=False),
        sa.Column("belopp_ore", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.CheckConstraint("severity IN ('hog','medel','lag')", name=op.f("ck_ik_population_finding_severity")),
        sa.ForeignKeyConstraint(
            ["stickprov_id"],
            ["ik_stickprov.id"],
            name=op.f("fk_ik_population_finding_stickprov_id_ik_stickprov"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_population_finding")),
        sa.UniqueConstraint("stickprov_id", "position", name=op.f("uq_ik_population_finding_stickprov_id_position")),
    )
    with op.batch_alter_table("ik_population_finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_population_finding_stickprov_id"), ["stickprov_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ik_population_finding_key"), ["key"], unique=False)
    op.create_table(
        "ik_finding_atgard",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("ansvarig", sa.String(length=200), nullable=False),
        sa.Column("senast", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("beskrivning", sa.Text(), nullable=False),
        sa.Column("motivering", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('oppen','pagar','atgardad','ingen_atgard')", name=op.f("ck_ik_finding_atgard_status")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["ik_population_finding.id"],
            name=op.f("fk_ik_finding_atgard_finding_id_ik_population_finding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("finding_id", name=op.f("pk_ik_finding_atgard")),
    )
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("ik_finding_atgard")
    with op.batch_alter_table("ik_population_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_population_finding_key"))
        batch_op.drop_index(batch_op.f("ix_ik_population_finding_stickprov_id"))
    op.drop_table("ik_population_finding")
    op.drop_table("ik_stickprov_population")
