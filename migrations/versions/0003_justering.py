"""Justering, anslag, protocol hashes and signed PDFs.

Revision ID: 0003
Revises: 0002

Tables for the justering record of each protocol (content hash, archived and signed PDFs), the append-only
transition log, §§ justerade omedelbart with their own anslag, the utdrag register and corrections.

Triggers (in addition to the per-table triggers of 0002 that freeze a justerat protocol's §§, attendance, bilagor…):

* a justerat/anslaget/nedtaget meeting row cannot be edited, deleted or moved back to an earlier status — only
  justerat → anslaget → anslag_nedtaget is allowed (without this, ``UPDATE meeting SET status='protokoll_utkast'``
  would unlock everything);
* §§ justerade omedelbart are frozen like a justerat protocol while the rest of the meeting is still a draft;
* the justering record's hash, dates and names cannot be rewritten once justerat; the transition log and the
  utdrag register are append-only.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FROZEN = "('justerat','anslaget','anslag_nedtaget')"
MSG_PROTOCOL = (
    "Protokollet är justerat och kan inte ändras. Rättelser görs genom ett senare beslut som hänvisar till paragrafen."
)
MSG_OMEDELBAR = "Paragrafen är justerad omedelbart och kan inte ändras."
MSG_LOG = "Justeringsloggen och utdragsregistret kan inte ändras i efterhand."
MSG_RECORD = "Justeringsuppgifterna (datum, justerare, kontrollsumma) kan inte ändras efter justering."

MEETING_COLUMNS = (
    "id",
    "organ_id",
    "datum",
    "starttid",
    "sluttid",
    "plats",
    "digital",
    "typ",
    "anteckning",
    "kallelse_skickad",
)
ITEM_COLUMNS = (
    "meeting_id",
    "paragraph_number",
    "rubrik",
    "kind",
    "standard",
    "foredragande",
    "arendebeskrivning",
    "forslag_till_beslut",
    "diarienummer",
    "sokande_member_id",
    "sokande_organisation",
    "text",
    "utgar",
    "utgar_motivering",
    "justeras_omedelbart",
)
#: child table -> SQL giving the agenda_item id for row alias R.
ITEM_CHILDREN = {
    "decision_clause": "R.agenda_item_id",
    "paragraph_part": "R.agenda_item_id",
    "jav_note": "R.agenda_item_id",
    "vote": "R.agenda_item_id",
    "reservation": "R.agenda_item_id",
    "bilaga_ref": "R.agenda_item_id",
    "vote_cast": "(SELECT agenda_item_id FROM vote WHERE id = R.vote_id)",
}
OMEDELBAR = "SELECT 1 FROM omedelbar_justering_item WHERE agenda_item_id = {}"


def _changed(columns, alias_new="NEW", alias_old="OLD") -> str:
    return " OR ".join(f"{alias_new}.{c} IS NOT {alias_old}.{c}" for c in columns)


def _triggers() -> list[tuple[str, str]]:
    t: list[tuple[str, str]] = []
    allowed = (
        "NEW.status = OLD.status OR (OLD.status = 'justerat' AND NEW.status = 'anslaget') "
        "OR (OLD.status = 'anslaget' AND NEW.status = 'anslag_nedtaget')"
    )
    t.append(
        (
            "trg_meeting_justerat_update",
            f"CREATE TRIGGER trg_meeting_justerat_update BEFORE UPDATE ON meeting "
            f"WHEN OLD.status IN {FROZEN} AND ({_changed(MEETING_COLUMNS)} OR NOT ({allowed})) "
            f"BEGIN SELECT RAISE(ABORT, '{MSG_PROTOCOL}'); END",
        )
    )
    t.append(
        (
            "trg_meeting_justerat_delete",
            f"CREATE TRIGGER trg_meeting_justerat_delete BEFORE DELETE ON meeting "
            f"WHEN OLD.status IN {FROZEN} BEGIN SELECT RAISE(ABORT, '{MSG_PROTOCOL}'); END",
        )
    )
    # §§ justerade omedelbart.
    t.append(
        (
            "trg_agenda_item_omedelbar_update",
            f"CREATE TRIGGER trg_agenda_item_omedelbar_update BEFORE UPDATE ON agenda_item "
            f"WHEN EXISTS ({OMEDELBAR.format('OLD.id')}) AND ({_changed(ITEM_COLUMNS)}) "
            f"BEGIN SELECT RAISE(ABORT, '{MSG_OMEDELBAR}'); END",
        )
    )
    t.append(
        (
            "trg_agenda_item_omedelbar_delete",
            f"CREATE TRIGGER trg_agenda_item_omedelbar_delete BEFORE DELETE ON agenda_item "
            f"WHEN EXISTS ({OMEDELBAR.format('OLD.id')}) BEGIN SELECT RAISE(ABORT, '{MSG_OMEDELBAR}'); END",
        )
    )
    for table, expr in ITEM_CHILDREN.items():
        for event, alias in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            name = f"trg_{table}_omedelbar_{event.lower()}"
            item = expr.replace("R.", f"{alias}.")
            t.append(
                (
                    name,
                    f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
                    f"WHEN EXISTS ({OMEDELBAR.format(item)}) "
                    f"BEGIN SELECT RAISE(ABORT, '{MSG_OMEDELBAR}'); END",
                )
            )
    # The justering record.
    record_fixed = (
        "meeting_id",
        "content_sha256",
        "canonical_json",
        "justeringsdatum",
        "justerare",
        "ordforande",
        "sekreterare",
    )
    t.append(
        (
            "trg_protocol_justering_update",
            "CREATE TRIGGER trg_protocol_justering_update BEFORE UPDATE ON protocol_justering "
            f"WHEN (OLD.content_sha256 IS NOT NULL AND ({_changed(record_fixed)})) "
            "OR (OLD.anslagsdatum IS NOT NULL AND NEW.anslagsdatum IS NOT OLD.anslagsdatum) "
            "OR (OLD.nedtaget_datum IS NOT NULL AND NEW.nedtaget_datum IS NOT OLD.nedtaget_datum) "
            "OR (OLD.justerat_pdf IS NOT NULL AND (NEW.justerat_pdf IS NOT OLD.justerat_pdf "
            "OR NEW.justerat_pdf_sha256 IS NOT OLD.justerat_pdf_sha256)) "
            f"BEGIN SELECT RAISE(ABORT, '{MSG_RECORD}'); END",
        )
    )
    t.append(
        (
            "trg_protocol_justering_delete",
            "CREATE TRIGGER trg_protocol_justering_delete BEFORE DELETE ON protocol_justering "
            f"WHEN OLD.content_sha256 IS NOT NULL BEGIN SELECT RAISE(ABORT, '{MSG_RECORD}'); END",
        )
    )
    omedelbar_fixed = (
        "meeting_id",
        "paragrafer",
        "justeringsdatum",
        "ordforande",
        "justerare",
        "sekreterare",
        "content_sha256",
        "canonical_json",
        "created_at",
    )
    t.append(
        (
            "trg_omedelbar_justering_update",
            "CREATE TRIGGER trg_omedelbar_justering_update BEFORE UPDATE ON omedelbar_justering "
            f"WHEN ({_changed(omedelbar_fixed)}) "
            "OR (OLD.anslagsdatum IS NOT NULL AND NEW.anslagsdatum IS NOT OLD.anslagsdatum) "
            "OR (OLD.nedtaget_datum IS NOT NULL AND NEW.nedtaget_datum IS NOT OLD.nedtaget_datum) "
            f"BEGIN SELECT RAISE(ABORT, '{MSG_RECORD}'); END",
        )
    )
    for table in ("omedelbar_justering", "omedelbar_justering_item"):
        t.append(
            (
                f"trg_{table}_delete",
                f"CREATE TRIGGER trg_{table}_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MSG_RECORD}'); END",
            )
        )
    t.append(
        (
            "trg_omedelbar_justering_item_update",
            "CREATE TRIGGER trg_omedelbar_justering_item_update BEFORE UPDATE ON omedelbar_justering_item "
            f"BEGIN SELECT RAISE(ABORT, '{MSG_RECORD}'); END",
        )
    )
    for table in ("justering_event", "protokollsutdrag"):
        for event in ("UPDATE", "DELETE"):
            name = f"trg_{table}_{event.lower()}"
            t.append(
                (name, f"CREATE TRIGGER {name} BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, '{MSG_LOG}'); END")
            )
    for event in ("UPDATE", "DELETE"):
        name = f"trg_paragraph_correction_{event.lower()}"
        t.append(
            (
                name,
                f"CREATE TRIGGER {name} BEFORE {event} ON paragraph_correction "
                f"WHEN (SELECT m.status FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id "
                f"WHERE a.id = OLD.agenda_item_id) IN {FROZEN} "
                f"BEGIN SELECT RAISE(ABORT, '{MSG_PROTOCOL}'); END",
            )
        )
    return t


TRIGGER_NAMES = tuple(name for name, _ in _triggers())


def upgrade() -> None:
    op.create_table(
        "omedelbar_justering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("paragrafer", sa.String(length=200), nullable=False),
        sa.Column("justeringsdatum", sa.Date(), nullable=False),
        sa.Column("ordforande", sa.String(length=200), nullable=False),
        sa.Column("justerare", sa.String(length=400), nullable=False),
        sa.Column("sekreterare", sa.String(length=200), nullable=False),
        sa.Column("anslagsdatum", sa.Date(), nullable=True),
        sa.Column("nedtaget_datum", sa.Date(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("canonical_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_omedelbar_justering_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_omedelbar_justering")),
    )
    with op.batch_alter_table("omedelbar_justering", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_omedelbar_justering_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "protocol_justering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("justeringsdatum", sa.Date(), nullable=True),
        sa.Column("ordforande", sa.String(length=200), nullable=False),
        sa.Column("justerare", sa.String(length=400), nullable=False),
        sa.Column("sekreterare", sa.String(length=200), nullable=False),
        sa.Column("anslagsdatum", sa.Date(), nullable=True),
        sa.Column("anslag_av", sa.String(length=200), nullable=False),
        sa.Column("nedtaget_datum", sa.Date(), nullable=True),
        sa.Column("forvaringsplats", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("canonical_json", sa.Text(), nullable=True),
        sa.Column("justerat_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("justerat_pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("signed_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("signers", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_protocol_justering_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protocol_justering")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_protocol_justering_meeting_id")),
    )
    op.create_table(
        "protokollsutdrag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("paragrafer", sa.String(length=200), nullable=False),
        sa.Column("mottagare", sa.String(length=300), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("bestyrkt_av", sa.String(length=200), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.CheckConstraint("length(paragrafer) > 0", name=op.f("ck_protokollsutdrag_paragrafer")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_protokollsutdrag_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protokollsutdrag")),
    )
    with op.batch_alter_table("protokollsutdrag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_protokollsutdrag_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "justering_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("extract_id", sa.Integer(), nullable=True),
        sa.Column("from_status", sa.String(length=30), nullable=False),
        sa.Column("to_status", sa.String(length=30), nullable=False),
        sa.Column("datum", sa.Date(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["extract_id"],
            ["omedelbar_justering.id"],
            name=op.f("fk_justering_event_extract_id_omedelbar_justering"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_justering_event_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_justering_event")),
    )
    with op.batch_alter_table("justering_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_justering_event_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "omedelbar_justering_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("justering_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_omedelbar_justering_item_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["justering_id"],
            ["omedelbar_justering.id"],
            name=op.f("fk_omedelbar_justering_item_justering_id_omedelbar_justering"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_omedelbar_justering_item")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_omedelbar_justering_item_agenda_item_id")),
    )
    with op.batch_alter_table("omedelbar_justering_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_omedelbar_justering_item_justering_id"), ["justering_id"], unique=False)

    op.create_table(
        "paragraph_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("corrects_item_id", sa.Integer(), nullable=False),
        sa.Column("anteckning", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_paragraph_correction_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["corrects_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_paragraph_correction_corrects_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph_correction")),
    )
    with op.batch_alter_table("paragraph_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paragraph_correction_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_paragraph_correction_corrects_item_id"), ["corrects_item_id"], unique=False
        )

    for _name, sql in _triggers():
        op.execute(sql)


def downgrade() -> None:
    for name in reversed(TRIGGER_NAMES):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("paragraph_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_correction_corrects_item_id"))
        batch_op.drop_index(batch_op.f("ix_paragraph_correction_agenda_item_id"))

    op.drop_table("paragraph_correction")
    with op.batch_alter_table("omedelbar_justering_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_omedelbar_justering_item_justering_id"))

    op.drop_table("omedelbar_justering_item")
    with op.batch_alter_table("justering_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_justering_event_meeting_id"))

    op.drop_table("justering_event")
    with op.batch_alter_table("protokollsutdrag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_protokollsutdrag_meeting_id"))

    op.drop_table("protokollsutdrag")
    op.drop_table("protocol_justering")
    with op.batch_alter_table("omedelbar_justering", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_omedelbar_justering_meeting_id"))

    op.drop_table("omedelbar_justering")
