"""Årshjul: categories (rings), event series, per-occurrence changes.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _one_kind() -> str:
    """Exactly one of a date, a rule, an anchor. SQLite adds truth values; PostgreSQL needs them as integers."""
    terms = ("start_date IS NOT NULL", "rule <> ''", "anchor_event_id IS NOT NULL OR anchor_organ_id IS NOT NULL")
    if op.get_bind().dialect.name == "sqlite":
        return " + ".join(f"({t})" for t in terms) + " = 1"
    return " + ".join(f"({t})::int" for t in terms) + " = 1"


def upgrade() -> None:
    op.create_table(
        "arshjul_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("namn", sa.String(length=100), nullable=False),
        sa.Column("farg", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(farg) = 7 AND substr(farg, 1, 1) = '#'", name=op.f("ck_arshjul_category_farg")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arshjul_category")),
        sa.UniqueConstraint("key", name=op.f("uq_arshjul_category_key")),
    )
    op.create_table(
        "arshjul_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("short", sa.String(length=24), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("duration_days", sa.Integer(), nullable=False),
        sa.Column("starttid", sa.Time(), nullable=True),
        sa.Column("sluttid", sa.Time(), nullable=True),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("anchor_event_id", sa.Integer(), nullable=True),
        sa.Column("anchor_organ_id", sa.Integer(), nullable=True),
        sa.Column("offset_value", sa.Integer(), nullable=False),
        sa.Column("offset_unit", sa.String(length=10), nullable=False),
        sa.Column("legal_rule", sa.String(length=20), nullable=False),
        sa.Column("adjust", sa.String(length=10), nullable=False),
        sa.Column("link_kind", sa.String(length=20), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("link_text", sa.String(length=300), nullable=False),
        sa.Column("template_key", sa.String(length=60), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            _one_kind(),
            name=op.f("ck_arshjul_event_one_kind"),
        ),
        sa.CheckConstraint("adjust IN ('tidigare','senare','ingen')", name=op.f("ck_arshjul_event_adjust")),
        sa.CheckConstraint("offset_unit IN ('dagar','veckor')", name=op.f("ck_arshjul_event_offset_unit")),
        sa.CheckConstraint("duration_days >= 0", name=op.f("ck_arshjul_event_duration")),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name=op.f("ck_arshjul_event_period")),
        sa.ForeignKeyConstraint(
            ["anchor_event_id"],
            ["arshjul_event.id"],
            name=op.f("fk_arshjul_event_anchor_event_id_arshjul_event"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["anchor_organ_id"], ["organ.id"], name=op.f("fk_arshjul_event_anchor_organ_id_organ"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["arshjul_category.id"],
            name=op.f("fk_arshjul_event_category_id_arshjul_category"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_arshjul_event_member_id_member"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arshjul_event")),
    )
    with op.batch_alter_table("arshjul_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_arshjul_event_anchor_event_id"), ["anchor_event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_arshjul_event_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_arshjul_event_year"), ["year"], unique=False)

    op.create_table(
        "arshjul_occurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("moved_to", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('planerad','klar','installd')", name=op.f("ck_arshjul_occurrence_status")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["arshjul_event.id"],
            name=op.f("fk_arshjul_occurrence_event_id_arshjul_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arshjul_occurrence")),
        sa.UniqueConstraint("event_id", "key", name=op.f("uq_arshjul_occurrence_event_id_key")),
    )
    with op.batch_alter_table("arshjul_occurrence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_arshjul_occurrence_event_id"), ["event_id"], unique=False)

    # The standard rings (the same as resources/arshjul/standardar.json); the förbund may rename
    # and recolour them, and a template may add more.
    category = sa.table(
        "arshjul_category",
        sa.column("id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("namn", sa.String),
        sa.column("farg", sa.String),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        category,
        [
            {"id": 1, "key": "omvarld", "namn": "Omvärld och nätverk", "farg": "#A0522D", "position": 1},
            {"id": 2, "key": "medlemmar", "namn": "Medlemmar och revision", "farg": "#3A7D2C", "position": 2},
            {"id": 3, "key": "styrning", "namn": "Intern styrning och kontroll", "farg": "#7B3FA0", "position": 3},
            {"id": 4, "key": "ekonomi", "namn": "Ekonomi och rapporter", "farg": "#D9731A", "position": 4},
            {"id": 5, "key": "protokoll", "namn": "Kallelse, justering och anslag", "farg": "#5F6B73", "position": 5},
            {"id": 6, "key": "beredning", "namn": "Beredning", "farg": "#218C80", "position": 6},
            {"id": 7, "key": "styrelse", "namn": "Styrelsen", "farg": "#1F4E79", "position": 7},
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("arshjul_occurrence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_arshjul_occurrence_event_id"))

    op.drop_table("arshjul_occurrence")
    with op.batch_alter_table("arshjul_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_arshjul_event_year"))
        batch_op.drop_index(batch_op.f("ix_arshjul_event_category_id"))
        batch_op.drop_index(batch_op.f("ix_arshjul_event_anchor_event_id"))

    op.drop_table("arshjul_event")
    op.drop_table("arshjul_category")
