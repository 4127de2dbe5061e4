"""Årsredovisning: stored years of books, balances, texts, deltagarflöden, the kontoplan mapping, adoption.

Revision ID: 0012
Revises: 0011

A year of books per förbund (imported from SIE 4, the file kept whole, or typed), its account balances and monthly
movements, a printed document entered as figures, the förvaltningsberättelse's sections, the deltagarflöden per
insats, and the förbund's kontoplan mapping. Triggers lock an adopted (fastställd) year like a justerat protocol:
the year's row and everything stored under it can no longer change, be added to or be removed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_LOCKED = "Årsredovisningen är fastställd och låst; den kan inte ändras."
_CHILDREN = ("ar_account", "ar_movement", "ar_text", "ar_printed", "ar_deltagarflode")


def _adopted(ref: str) -> str:
    return f"(SELECT status FROM ar_year WHERE id = {ref}) = 'faststalld'"


TRIGGERS = {
    "trg_ar_year_locked_update": "BEFORE UPDATE ON ar_year WHEN OLD.status = 'faststalld'",
    "trg_ar_year_locked_delete": "BEFORE DELETE ON ar_year WHEN OLD.status = 'faststalld'",
}
for _table in _CHILDREN:
    TRIGGERS[f"trg_{_table}_locked_insert"] = f"BEFORE INSERT ON {_table} WHEN {_adopted('NEW.year_id')}"
    TRIGGERS[f"trg_{_table}_locked_update"] = (
        f"BEFORE UPDATE ON {_table} WHEN {_adopted('OLD.year_id')} OR {_adopted('NEW.year_id')}"
    )
    TRIGGERS[f"trg_{_table}_locked_delete"] = f"BEFORE DELETE ON {_table} WHEN {_adopted('OLD.year_id')}"


def upgrade() -> None:
    op.create_table(
        "ar_kontoplan_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("low", sa.String(length=20), nullable=False),
        sa.Column("high", sa.String(length=20), nullable=False),
        sa.Column("line", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_kontoplan_rule")),
    )
    op.create_table(
        "ar_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("sie_filename", sa.String(length=300), nullable=False),
        sa.Column("sie_data", sa.LargeBinary(), nullable=True),
        sa.Column("sie_sha256", sa.String(length=64), nullable=False),
        sa.Column("sie_program", sa.String(length=200), nullable=False),
        sa.Column("sie_format", sa.String(length=20), nullable=False),
        sa.Column("verifikationer", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("anstallda_hundradelar", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("adopted_agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_text", sa.String(length=300), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("kontoplan_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("source IN ('sie','manuell')", name=op.f("ck_ar_year_source")),
        sa.CheckConstraint("status IN ('utkast','faststalld')", name=op.f("ck_ar_year_status")),
        sa.ForeignKeyConstraint(
            ["adopted_agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_ar_year_adopted_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_year")),
        sa.UniqueConstraint("year", name=op.f("uq_ar_year_year")),
    )
    op.create_table(
        "ar_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("konto", sa.String(length=20), nullable=False),
        sa.Column("namn", sa.String(length=200), nullable=False),
        sa.Column("ib_ore", sa.Integer(), nullable=True),
        sa.Column("ub_ore", sa.Integer(), nullable=True),
        sa.Column("res_ore", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["year_id"], ["ar_year.id"], name=op.f("fk_ar_account_year_id_ar_year"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_account")),
        sa.UniqueConstraint("year_id", "konto", name=op.f("uq_ar_account_year_id_konto")),
    )
    op.create_index(op.f("ix_ar_account_year_id"), "ar_account", ["year_id"], unique=False)
    op.create_table(
        "ar_deltagarflode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("inskrivna", sa.Integer(), nullable=False),
        sa.Column("avslutade", sa.Integer(), nullable=False),
        sa.Column("kvinnor", sa.Integer(), nullable=False),
        sa.Column("man", sa.Integer(), nullable=False),
        sa.Column("annat", sa.Integer(), nullable=False),
        sa.Column("avslut", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "inskrivna >= 0 AND avslutade >= 0 AND kvinnor >= 0 AND man >= 0 AND annat >= 0",
            name=op.f("ck_ar_deltagarflode_antal"),
        ),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_ar_deltagarflode_insats_id_insats"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["year_id"], ["ar_year.id"], name=op.f("fk_ar_deltagarflode_year_id_ar_year"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_deltagarflode")),
        sa.UniqueConstraint("year_id", "insats_id", name=op.f("uq_ar_deltagarflode_year_id_insats_id")),
    )
    op.create_index(op.f("ix_ar_deltagarflode_insats_id"), "ar_deltagarflode", ["insats_id"], unique=False)
    op.create_index(op.f("ix_ar_deltagarflode_year_id"), "ar_deltagarflode", ["year_id"], unique=False)
    op.create_table(
        "ar_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("konto", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("objekt", sa.String(length=60), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_ar_movement_month")),
        sa.ForeignKeyConstraint(
            ["year_id"], ["ar_year.id"], name=op.f("fk_ar_movement_year_id_ar_year"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_movement")),
        sa.UniqueConstraint(
            "year_id", "konto", "month", "objekt", name=op.f("uq_ar_movement_year_id_konto_month_objekt")
        ),
    )
    op.create_index(op.f("ix_ar_movement_year_id"), "ar_movement", ["year_id"], unique=False)
    op.create_table(
        "ar_printed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["year_id"], ["ar_year.id"], name=op.f("fk_ar_printed_year_id_ar_year"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_printed")),
        sa.UniqueConstraint("year_id", name=op.f("uq_ar_printed_year_id")),
    )
    op.create_table(
        "ar_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("prefilled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["year_id"], ["ar_year.id"], name=op.f("fk_ar_text_year_id_ar_year"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_text")),
        sa.UniqueConstraint("year_id", "section", name=op.f("uq_ar_text_year_id_section")),
    )
    op.create_index(op.f("ix_ar_text_year_id"), "ar_text", ["year_id"], unique=False)
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (
        "ar_text",
        "ar_printed",
        "ar_movement",
        "ar_deltagarflode",
        "ar_account",
        "ar_year",
        "ar_kontoplan_rule",
    ):
        op.drop_table(table)
