"""Foundation: förbund, members, persons, mandates, organs, meetings, agenda items, settings, audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "forbund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=200), nullable=False),
        sa.Column("orgnr", sa.String(length=11), nullable=False),
        sa.Column("sate", sa.String(length=100), nullable=False),
        sa.Column("postadress", sa.Text(), nullable=False),
        sa.Column("anslagstavla", sa.Text(), nullable=False),
        sa.Column("forvaringsplats", sa.Text(), nullable=False),
        sa.Column("kallelse_dagar", sa.Integer(), nullable=False),
        sa.Column("justering_dagar", sa.Integer(), nullable=False),
        sa.Column("anslag_dagar", sa.Integer(), nullable=False),
        sa.Column("overklagande_veckor", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_forbund_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forbund")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("orgnr", sa.String(length=11), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('forsakringskassan','arbetsformedlingen','region','kommun')", name=op.f("ck_member_kind")
        ),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_member_weight")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("namn", name=op.f("uq_member_namn")),
    )
    op.create_table(
        "organ",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("numbered_paragraphs", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organ")),
        sa.UniqueConstraint("namn", name=op.f("uq_organ_namn")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("epost", sa.String(length=200), nullable=False),
        sa.Column("telefon", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "mandate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("anteckning", sa.Text(), nullable=False),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_mandate_period")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_mandate_member_id_member"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_mandate_person_id_person"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandate")),
    )
    with op.batch_alter_table("mandate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mandate_person_id"), ["person_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organ_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("starttid", sa.Time(), nullable=True),
        sa.Column("sluttid", sa.Time(), nullable=True),
        sa.Column("plats", sa.String(length=200), nullable=False),
        sa.Column("digital", sa.Boolean(), nullable=False),
        sa.Column("typ", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("anteckning", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organ_id"], ["organ.id"], name=op.f("fk_meeting_organ_id_organ"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_datum"), ["datum"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_organ_id"), ["organ_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("paragraph_number", sa.Integer(), nullable=True),
        sa.Column("rubrik", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint("meeting_id", "position", name=op.f("uq_agenda_item_meeting_id_position")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    organ = sa.table(
        "organ",
        sa.column("id", sa.Integer),
        sa.column("namn", sa.String),
        sa.column("kind", sa.String),
        sa.column("numbered_paragraphs", sa.Boolean),
    )
    op.bulk_insert(
        organ,
        [
            {"id": 1, "namn": "Styrelsen", "kind": "styrelse", "numbered_paragraphs": True},
            {"id": 2, "namn": "Beredningsgruppen", "kind": "beredningsgrupp", "numbered_paragraphs": False},
            {"id": 3, "namn": "Medlemssamrådet", "kind": "medlemssamrad", "numbered_paragraphs": False},
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_organ_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_datum"))

    op.drop_table("meeting")
    with op.batch_alter_table("mandate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mandate_person_id"))

    op.drop_table("mandate")
    op.drop_table("setting")
    op.drop_table("person")
    op.drop_table("organ")
    op.drop_table("member")
    op.drop_table("forbund")
    op.drop_table("audit_log")
