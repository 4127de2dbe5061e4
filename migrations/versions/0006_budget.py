"""Budget, insatser, utfall, prognos.

Revision ID: 0006
Revises: 0005

Budget versions with sections and lines, stated totals, follow-ups, imported utfall per month,
insatser with grants and payments. Triggers lock a fastställd budget: its row, sections, lines and
the document totals stated with it can no longer change (a revision is a new version).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_LOCKED = "Budgeten är fastställd och kan inte ändras. Gör en reviderad version i stället."


def _status_of(ref: str) -> str:
    return f"(SELECT status FROM budget WHERE id = {ref}) = 'faststalld'"


TRIGGERS = {
    "trg_budget_locked_update": "BEFORE UPDATE ON budget WHEN OLD.status = 'faststalld'",
    "trg_budget_locked_delete": "BEFORE DELETE ON budget WHEN OLD.status = 'faststalld'",
}
for _table in ("budget_section", "budget_line"):
    TRIGGERS[f"trg_{_table}_locked_insert"] = f"BEFORE INSERT ON {_table} WHEN {_status_of('NEW.budget_id')}"
    TRIGGERS[f"trg_{_table}_locked_update"] = (
        f"BEFORE UPDATE ON {_table} WHEN {_status_of('OLD.budget_id')} OR {_status_of('NEW.budget_id')}"
    )
    TRIGGERS[f"trg_{_table}_locked_delete"] = f"BEFORE DELETE ON {_table} WHEN {_status_of('OLD.budget_id')}"
TRIGGERS["trg_budget_stated_total_locked_insert"] = (
    f"BEFORE INSERT ON budget_stated_total WHEN NEW.followup_id IS NULL AND {_status_of('NEW.budget_id')}"
)
TRIGGERS["trg_budget_stated_total_locked_update"] = (
    f"BEFORE UPDATE ON budget_stated_total WHEN OLD.followup_id IS NULL AND {_status_of('OLD.budget_id')}"
)
TRIGGERS["trg_budget_stated_total_locked_delete"] = (
    f"BEFORE DELETE ON budget_stated_total WHEN OLD.followup_id IS NULL AND {_status_of('OLD.budget_id')}"
)


def upgrade() -> None:
    op.create_table(
        "budget_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state_allocation_ore", sa.Integer(), nullable=True),
        sa.Column("besked_datum", sa.Date(), nullable=True),
        sa.Column("ek_opening_ore", sa.Integer(), nullable=True),
        sa.Column("ek_note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_budget_year")),
    )
    op.create_table(
        "budget_followup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("per", sa.Date(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_followup")),
        sa.UniqueConstraint("year", "per", name=op.f("uq_budget_followup_year_per")),
    )
    with op.batch_alter_table("budget_followup", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_followup_year"), ["year"], unique=False)
    op.create_table(
        "budget_utfall_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("mapping_name", sa.String(length=100), nullable=False),
        sa.Column("months", sa.String(length=100), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("total_ore", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_utfall_import")),
    )
    op.create_table(
        "insats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=300), nullable=False),
        sa.Column("huvudman", sa.String(length=300), nullable=False),
        sa.Column("samverkansparter", sa.Text(), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("slut", sa.Date(), nullable=True),
        sa.Column("line_class", sa.String(length=20), nullable=False),
        sa.Column("budget_kod", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("beskrivning", sa.Text(), nullable=False),
        sa.CheckConstraint("status IN ('ansokan','beviljad','pagaende','avslutad')", name=op.f("ck_insats_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insats")),
    )
    op.create_table(
        "budget_utfall",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kod", sa.String(length=40), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_budget_utfall_month")),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["budget_utfall_import.id"],
            name=op.f("fk_budget_utfall_import_id_budget_utfall_import"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_utfall")),
        sa.UniqueConstraint("year", "kod", "month", name=op.f("uq_budget_utfall_year_kod_month")),
    )
    with op.batch_alter_table("budget_utfall", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_utfall_year"), ["year"], unique=False)
    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("unit_note", sa.String(length=100), nullable=False),
        sa.Column("adopted_agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_text", sa.String(length=300), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('forslag','faststalld')", name=op.f("ck_budget_status")),
        sa.ForeignKeyConstraint(
            ["adopted_agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_budget_adopted_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["budget.id"], name=op.f("fk_budget_previous_id_budget"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget")),
        sa.UniqueConstraint("year", "version", name=op.f("uq_budget_year_version")),
    )
    with op.batch_alter_table("budget", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_year"), ["year"], unique=False)
    op.create_table(
        "insats_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.Column("mottagare", sa.String(length=300), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("beslut_text", sa.String(length=300), nullable=False),
        sa.Column("villkor", sa.Text(), nullable=False),
        sa.Column("villkorad", sa.Boolean(), nullable=False),
        sa.Column("payout_rule", sa.String(length=40), nullable=False),
        sa.Column("avtal_on", sa.Date(), nullable=True),
        sa.Column("redovisning_on", sa.Date(), nullable=True),
        sa.CheckConstraint("amount_ore > 0", name=op.f("ck_insats_grant_amount")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_insats_grant_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_insats_grant_insats_id_insats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insats_grant")),
    )
    with op.batch_alter_table("insats_grant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insats_grant_insats_id"), ["insats_id"], unique=False)
    op.create_table(
        "budget_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("default_class", sa.String(length=20), nullable=True),
        sa.CheckConstraint("kind IN ('intakt','kostnad')", name=op.f("ck_budget_section_kind")),
        sa.ForeignKeyConstraint(
            ["budget_id"], ["budget.id"], name=op.f("fk_budget_section_budget_id_budget"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_section")),
    )
    with op.batch_alter_table("budget_section", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_section_budget_id"), ["budget_id"], unique=False)
    op.create_table(
        "insats_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["grant_id"], ["insats_grant.id"], name=op.f("fk_insats_payment_grant_id_insats_grant"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insats_payment")),
        sa.UniqueConstraint("grant_id", "seq", name=op.f("uq_insats_payment_grant_id_seq")),
    )
    with op.batch_alter_table("insats_payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insats_payment_grant_id"), ["grant_id"], unique=False)
    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kod", sa.String(length=40), nullable=False),
        sa.Column("namn", sa.String(length=300), nullable=False),
        sa.Column("line_class", sa.String(length=20), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("budget_ore", sa.Integer(), nullable=True),
        sa.Column("plan1_ore", sa.Integer(), nullable=True),
        sa.Column("plan2_ore", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("insats_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_id"], ["budget.id"], name=op.f("fk_budget_line_budget_id_budget"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_budget_line_insats_id_insats"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_budget_line_member_id_member"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["budget_line.id"], name=op.f("fk_budget_line_parent_id_budget_line"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["budget_section.id"],
            name=op.f("fk_budget_line_section_id_budget_section"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint("budget_id", "kod", name=op.f("uq_budget_line_budget_id_kod")),
    )
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_line_budget_id"), ["budget_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_budget_line_section_id"), ["section_id"], unique=False)
    op.create_table(
        "budget_stated_total",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "scope IN ('avsnitt','intakter','kostnader','resultat')", name=op.f("ck_budget_stated_total_scope")
        ),
        sa.ForeignKeyConstraint(
            ["budget_id"], ["budget.id"], name=op.f("fk_budget_stated_total_budget_id_budget"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["budget_followup.id"],
            name=op.f("fk_budget_stated_total_followup_id_budget_followup"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["budget_section.id"],
            name=op.f("fk_budget_stated_total_section_id_budget_section"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_stated_total")),
    )
    with op.batch_alter_table("budget_stated_total", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_stated_total_budget_id"), ["budget_id"], unique=False)
    op.create_table(
        "budget_followup_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=False),
        sa.Column("kod", sa.String(length=40), nullable=False),
        sa.Column("utfall_ore", sa.Integer(), nullable=True),
        sa.Column("utfall_note", sa.Text(), nullable=False),
        sa.Column("prognos_ore", sa.Integer(), nullable=True),
        sa.Column("prognos_comment", sa.Text(), nullable=False),
        sa.Column("helar_ore", sa.Integer(), nullable=True),
        sa.Column("helar_comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["budget_followup.id"],
            name=op.f("fk_budget_followup_line_followup_id_budget_followup"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_followup_line")),
        sa.UniqueConstraint("followup_id", "kod", name=op.f("uq_budget_followup_line_followup_id_kod")),
    )
    with op.batch_alter_table("budget_followup_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_followup_line_followup_id"), ["followup_id"], unique=False)

    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("budget_followup_line")
    op.drop_table("budget_stated_total")
    op.drop_table("budget_line")
    op.drop_table("insats_payment")
    op.drop_table("budget_section")
    op.drop_table("insats_grant")
    op.drop_table("budget")
    op.drop_table("budget_utfall")
    op.drop_table("insats")
    op.drop_table("budget_utfall_import")
    op.drop_table("budget_followup")
    op.drop_table("budget_year")
