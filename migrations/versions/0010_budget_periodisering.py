"""Budget follow-up: periodisation profiles, utfall per konto/kostnadsställe, imports as undoable batches.

Revision ID: 0010
Revises: 0008 (re-chained after 0009 at merge)

* ``budget_periodisering`` – a profile per budget line code and year (no row: linear).
* ``budget_utfall_rad`` – imported utfall per month, konto and kostnadsställe, so that a re-import replaces exactly
  the keys its file covers. The amounts stored before (per line code and month) are copied in with empty konto
  and kostnadsställe; such an amount is replaced when a later file covers its month.
* ``budget_utfall_ersatt`` – what each import replaced, so that "Ångra senaste import" restores it.
* ``budget_utfall_import.tecken`` (the file's sign convention, ``budget`` or ``bas``) and ``undone_at``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_periodisering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kod", sa.String(length=40), nullable=False),
        sa.Column("profil", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_periodisering")),
        sa.UniqueConstraint("year", "kod", name=op.f("uq_budget_periodisering_year_kod")),
    )
    with op.batch_alter_table("budget_periodisering", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_periodisering_year"), ["year"], unique=False)
    op.create_table(
        "budget_utfall_rad",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("konto", sa.String(length=40), nullable=False),
        sa.Column("kst", sa.String(length=40), nullable=False),
        sa.Column("kod", sa.String(length=40), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_budget_utfall_rad_month")),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["budget_utfall_import.id"],
            name=op.f("fk_budget_utfall_rad_import_id_budget_utfall_import"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_utfall_rad")),
        sa.UniqueConstraint(
            "year", "month", "konto", "kst", "kod", name=op.f("uq_budget_utfall_rad_year_month_konto_kst_kod")
        ),
    )
    with op.batch_alter_table("budget_utfall_rad", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_utfall_rad_year"), ["year"], unique=False)
    op.create_table(
        "budget_utfall_ersatt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("konto", sa.String(length=40), nullable=False),
        sa.Column("kst", sa.String(length=40), nullable=False),
        sa.Column("kod", sa.String(length=40), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.Column("from_import_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["budget_utfall_import.id"],
            name=op.f("fk_budget_utfall_ersatt_import_id_budget_utfall_import"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_utfall_ersatt")),
    )
    with op.batch_alter_table("budget_utfall_ersatt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_utfall_ersatt_import_id"), ["import_id"], unique=False)
    with op.batch_alter_table("budget_utfall_import", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tecken", sa.String(length=10), server_default="budget", nullable=False))
        batch_op.add_column(sa.Column("undone_at", sa.DateTime(), nullable=True))
    op.execute(
        "INSERT INTO budget_utfall_rad (year, month, konto, kst, kod, amount_ore, import_id) "
        "SELECT year, month, '', '', kod, amount_ore, import_id FROM budget_utfall"
    )


def downgrade() -> None:
    with op.batch_alter_table("budget_utfall_import", schema=None) as batch_op:
        batch_op.drop_column("undone_at")
        batch_op.drop_column("tecken")
    with op.batch_alter_table("budget_utfall_ersatt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_utfall_ersatt_import_id"))
    op.drop_table("budget_utfall_ersatt")
    with op.batch_alter_table("budget_utfall_rad", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_utfall_rad_year"))
    op.drop_table("budget_utfall_rad")
    with op.batch_alter_table("budget_periodisering", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_periodisering_year"))
    op.drop_table("budget_periodisering")
