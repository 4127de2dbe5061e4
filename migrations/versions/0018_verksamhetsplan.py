"""Verksamhetsplan: a plan per year with its sections (from a template, texts editable), activity rows, a budget
table typed as a document prints it, and the PDF stored at the adoption.

Revision ID: 0018
Revises: 0017

An antagen plan is locked: the plan row, its sections, activity and budget rows cannot change (triggers), and the
stored PDF can never be changed or removed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_LOCKED = "Verksamhetsplanen är antagen och låst; gör nästa års plan som en kopia i stället."
_DOC_LOCKED = "Den antagna verksamhetsplanens PDF är låst; den kan inte ändras eller tas bort."
_CHILDREN = ("vplan_section", "vplan_aktivitet", "vplan_budget_rad")


def _adopted(ref: str) -> str:
    return f"(SELECT status FROM vplan WHERE id = {ref}) = 'antagen'"


TRIGGERS = {
    "trg_vplan_locked_update": "BEFORE UPDATE ON vplan WHEN OLD.status = 'antagen'",
    "trg_vplan_locked_delete": "BEFORE DELETE ON vplan WHEN OLD.status = 'antagen'",
}
for _table in _CHILDREN:
    TRIGGERS[f"trg_{_table}_locked_insert"] = f"BEFORE INSERT ON {_table} WHEN {_adopted('NEW.plan_id')}"
    TRIGGERS[f"trg_{_table}_locked_update"] = (
        f"BEFORE UPDATE ON {_table} WHEN {_adopted('OLD.plan_id')} OR {_adopted('NEW.plan_id')}"
    )
    TRIGGERS[f"trg_{_table}_locked_delete"] = f"BEFORE DELETE ON {_table} WHEN {_adopted('OLD.plan_id')}"
DOC_TRIGGERS = {
    "trg_vplan_document_locked_update": "BEFORE UPDATE ON vplan_document",
    "trg_vplan_document_locked_delete": "BEFORE DELETE ON vplan_document",
}


def upgrade() -> None:
    op.create_table(
        "vplan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=300), nullable=False),
        sa.Column("mall", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("adopted_agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_text", sa.String(length=300), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("budget_kolumner", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("mall IN ('seed000','seed001')", name=op.f("ck_vplan_mall")),
        sa.CheckConstraint("status IN ('utkast','antagen')", name=op.f("ck_vplan_status")),
        sa.ForeignKeyConstraint(
            ["adopted_agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_vplan_adopted_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["copied_from_id"], ["vplan.id"], name=op.f("fk_vplan_copied_from_id_vplan"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vplan")),
        sa.UniqueConstraint("year", name=op.f("uq_vplan_year")),
    )
    op.create_table(
        "vplan_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("typ", sa.String(length=30), nullable=False),
        sa.Column("bilaga", sa.Boolean(), nullable=False),
        sa.Column("numbered", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.CheckConstraint("level IN (1, 2)", name=op.f("ck_vplan_section_level")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["vplan.id"], name=op.f("fk_vplan_section_plan_id_vplan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vplan_section")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_vplan_section_plan_id_key")),
    )
    op.create_index(op.f("ix_vplan_section_plan_id"), "vplan_section", ["plan_id"], unique=False)
    op.create_table(
        "vplan_aktivitet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section_key", sa.String(length=60), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tabell", sa.String(length=20), nullable=False),
        sa.Column("vad", sa.Text(), nullable=False),
        sa.Column("vem", sa.Text(), nullable=False),
        sa.Column("tillfallen", sa.String(length=100), nullable=False),
        sa.Column("hur", sa.Text(), nullable=False),
        sa.Column("for_vem", sa.Text(), nullable=False),
        sa.Column("nar", sa.String(length=200), nullable=False),
        sa.Column("uppfoljning", sa.Text(), nullable=False),
        sa.CheckConstraint("tabell IN ('aktiviteter','bevakning')", name=op.f("ck_vplan_aktivitet_tabell")),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_vplan_aktivitet_insats_id_insats"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["vplan.id"], name=op.f("fk_vplan_aktivitet_plan_id_vplan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vplan_aktivitet")),
    )
    op.create_index(op.f("ix_vplan_aktivitet_insats_id"), "vplan_aktivitet", ["insats_id"], unique=False)
    op.create_index(op.f("ix_vplan_aktivitet_plan_id"), "vplan_aktivitet", ["plan_id"], unique=False)
    op.create_table(
        "vplan_budget_rad",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("ref", sa.String(length=300), nullable=False),
        sa.Column("belopp", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["vplan.id"], name=op.f("fk_vplan_budget_rad_plan_id_vplan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vplan_budget_rad")),
    )
    op.create_index(op.f("ix_vplan_budget_rad_plan_id"), "vplan_budget_rad", ["plan_id"], unique=False)
    op.create_table(
        "vplan_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("pdf_data", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["vplan.id"], name=op.f("fk_vplan_document_plan_id_vplan"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vplan_document")),
        sa.UniqueConstraint("plan_id", name=op.f("uq_vplan_document_plan_id")),
    )
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END")
    for name, when in DOC_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{_DOC_LOCKED}'); END")


def downgrade() -> None:
    for name in (*TRIGGERS, *DOC_TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("vplan_document", "vplan_budget_rad", "vplan_aktivitet", "vplan_section", "vplan"):
        op.drop_table(table)
