"""Sammanträden: dagordning, protokoll, bilagor, jäv, uppdrag, search.

Revision ID: 0002
Revises: 0001

Adds nullable/defaulted columns to the foundation tables ``meeting`` and ``agenda_item`` with plain
``ALTER TABLE ADD COLUMN`` (no table rebuild: a rebuild would cascade-delete child rows while
foreign keys are on), the area's tables, the FTS5 search table ``fts_paragraph`` and triggers that
make the database refuse changes to justerade protocols.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MEETING_COLUMNS = (("kallelse_skickad", "DATE"),)

AGENDA_ITEM_COLUMNS = (
    ("standard", "VARCHAR(40) DEFAULT '' NOT NULL"),
    ("foredragande", "VARCHAR(200) DEFAULT '' NOT NULL"),
    ("arendebeskrivning", "TEXT DEFAULT '' NOT NULL"),
    ("forslag_till_beslut", "TEXT DEFAULT '' NOT NULL"),
    ("diarienummer", "VARCHAR(50) DEFAULT '' NOT NULL"),
    ("sokande_member_id", "INTEGER"),
    ("sokande_organisation", "VARCHAR(200) DEFAULT '' NOT NULL"),
    ("text", "TEXT DEFAULT '' NOT NULL"),
    ("utgar", "BOOLEAN DEFAULT '0' NOT NULL"),
    ("utgar_motivering", "TEXT DEFAULT '' NOT NULL"),
    ("justeras_omedelbart", "BOOLEAN DEFAULT '0' NOT NULL"),
)

#: Statuses whose protocol content the database refuses to change (domain DB_FROZEN_STATUSES).
FROZEN = "('justerat','anslaget','anslag_nedtaget')"
FROZEN_MESSAGE = "Protokollet är justerat och kan inte ändras. Rättelser görs som en ny version."

#: table → SQL expression giving the meeting id for row alias R (NEW/OLD).
GUARDED = {
    "agenda_item": "R.meeting_id",
    "attendance": "R.meeting_id",
    "paragraph_part": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "decision_clause": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "jav_note": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "vote": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "reservation": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "bilaga_ref": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "paragraph_number": "(SELECT meeting_id FROM agenda_item WHERE id = R.agenda_item_id)",
    "vote_cast": "(SELECT a.meeting_id FROM vote v JOIN agenda_item a ON a.id = v.agenda_item_id WHERE v.id = R.vote_id)",
    "bilaga": "R.meeting_id",
    "meeting_officer": "R.meeting_id",
}


def _frozen_triggers() -> list[tuple[str, str]]:
    triggers = []
    for table, meeting_expr in GUARDED.items():
        for event, alias in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            name = f"trg_{table}_frozen_{event.lower()}"
            expr = meeting_expr.replace("R.", f"{alias}.")
            sql = (
                f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
                f"WHEN (SELECT status FROM meeting WHERE id = {expr}) IN {FROZEN} "
                f"BEGIN SELECT RAISE(ABORT, '{FROZEN_MESSAGE}'); END"
            )
            triggers.append((name, sql))
    return triggers


def upgrade() -> None:
    for name, ddl in MEETING_COLUMNS:
        op.execute(f"ALTER TABLE meeting ADD COLUMN {name} {ddl}")
    for name, ddl in AGENDA_ITEM_COLUMNS:
        op.execute(f"ALTER TABLE agenda_item ADD COLUMN {name} {ddl}")

    op.create_table(
        "standard_phrase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kategori", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_phrase")),
    )

    op.create_table(
        "paragraph_series_start",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organ_id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.CheckConstraint("first_number >= 1", name=op.f("ck_paragraph_series_start_first_number")),
        sa.ForeignKeyConstraint(
            ["organ_id"], ["organ.id"], name=op.f("fk_paragraph_series_start_organ_id_organ"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph_series_start")),
        sa.UniqueConstraint("organ_id", "ar", name=op.f("uq_paragraph_series_start_organ_id_ar")),
    )

    op.create_table(
        "bilaga",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=300), nullable=False),
        sa.Column("filnamn", sa.String(length=255), nullable=False),
        sa.Column("mimetyp", sa.String(length=100), nullable=False),
        sa.Column("storlek", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("source_meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("storlek >= 0 AND storlek <= 26214400", name=op.f("ck_bilaga_storlek")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_bilaga_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_meeting_id"], ["meeting.id"], name=op.f("fk_bilaga_source_meeting_id_meeting"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bilaga")),
    )

    with op.batch_alter_table("bilaga", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bilaga_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("roll", sa.String(length=20), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("ersatter_person_id", sa.Integer(), nullable=True),
        sa.Column("narvarande", sa.Boolean(), nullable=False),
        sa.Column("from_item_id", sa.Integer(), nullable=True),
        sa.Column("to_item_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "roll IN ('ordinarie','tjanstgorande','ersattare','ovrig')", name=op.f("ck_attendance_roll")
        ),
        sa.ForeignKeyConstraint(
            ["ersatter_person_id"],
            ["person.id"],
            name=op.f("fk_attendance_ersatter_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["from_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_attendance_from_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attendance_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_attendance_member_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_attendance_person_id_person"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["to_item_id"], ["agenda_item.id"], name=op.f("fk_attendance_to_item_id_agenda_item"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("meeting_id", "person_id", name=op.f("uq_attendance_meeting_id_person_id")),
    )

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "bilaga_ref",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("bilaga_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_bilaga_ref_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["bilaga_id"], ["bilaga.id"], name=op.f("fk_bilaga_ref_bilaga_id_bilaga"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bilaga_ref")),
        sa.UniqueConstraint("agenda_item_id", "bilaga_id", name=op.f("uq_bilaga_ref_agenda_item_id_bilaga_id")),
    )

    with op.batch_alter_table("bilaga_ref", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bilaga_ref_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bilaga_ref_bilaga_id"), ["bilaga_id"], unique=False)

    op.create_table(
        "meeting_officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("roll", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("roll IN ('ordforande','sekreterare','justerare')", name=op.f("ck_meeting_officer_roll")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_officer_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_meeting_officer_person_id_person"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_officer")),
        sa.UniqueConstraint(
            "meeting_id", "roll", "person_id", name=op.f("uq_meeting_officer_meeting_id_roll_person_id")
        ),
    )
    with op.batch_alter_table("meeting_officer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_officer_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "jav_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.CheckConstraint(
            "kind IN ('deltog_inte_i_beslutet','deltog_inte_i_diskussionen','anmalde_jav')",
            name=op.f("ck_jav_note_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_jav_note_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_jav_note_person_id_person"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jav_note")),
        sa.UniqueConstraint("agenda_item_id", "person_id", name=op.f("uq_jav_note_agenda_item_id_person_id")),
    )

    with op.batch_alter_table("jav_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jav_note_agenda_item_id"), ["agenda_item_id"], unique=False)

    op.create_table(
        "paragraph_number",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organ_id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_paragraph_number_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organ_id"], ["organ.id"], name=op.f("fk_paragraph_number_organ_id_organ"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph_number")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_paragraph_number_agenda_item_id")),
        sa.UniqueConstraint("organ_id", "ar", "nummer", name=op.f("uq_paragraph_number_organ_id_ar_nummer")),
    )

    op.create_table(
        "paragraph_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rubrik", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_paragraph_part_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph_part")),
    )

    with op.batch_alter_table("paragraph_part", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paragraph_part_agenda_item_id"), ["agenda_item_id"], unique=False)

    op.create_table(
        "reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("motivering", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_reservation_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_reservation_person_id_person"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation")),
        sa.UniqueConstraint("agenda_item_id", "person_id", name=op.f("uq_reservation_agenda_item_id_person_id")),
    )

    with op.batch_alter_table("reservation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reservation_agenda_item_id"), ["agenda_item_id"], unique=False)

    op.create_table(
        "vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("proposition", sa.Text(), nullable=False),
        sa.Column("sluten", sa.Boolean(), nullable=False),
        sa.Column("ja", sa.Integer(), nullable=False),
        sa.Column("nej", sa.Integer(), nullable=False),
        sa.Column("avstar", sa.Integer(), nullable=False),
        sa.CheckConstraint("ja >= 0 AND nej >= 0 AND avstar >= 0", name=op.f("ck_vote_counts")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"], ["agenda_item.id"], name=op.f("fk_vote_agenda_item_id_agenda_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_vote_agenda_item_id")),
    )

    op.create_table(
        "decision_clause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_decision_clause_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["paragraph_part.id"],
            name=op.f("fk_decision_clause_part_id_paragraph_part"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_clause")),
    )

    with op.batch_alter_table("decision_clause", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_clause_agenda_item_id"), ["agenda_item_id"], unique=False)

    op.create_table(
        "vote_cast",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rost", sa.String(length=10), nullable=False),
        sa.CheckConstraint("rost IN ('ja','nej','avstar')", name=op.f("ck_vote_cast_rost")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_vote_cast_person_id_person"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["vote_id"], ["vote.id"], name=op.f("fk_vote_cast_vote_id_vote"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_cast")),
        sa.UniqueConstraint("vote_id", "person_id", name=op.f("uq_vote_cast_vote_id_person_id")),
    )

    with op.batch_alter_table("vote_cast", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_cast_vote_id"), ["vote_id"], unique=False)

    op.create_table(
        "uppdrag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organ_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("clause_id", sa.Integer(), nullable=True),
        sa.Column("beskrivning", sa.Text(), nullable=False),
        sa.Column("ansvarig_person_id", sa.Integer(), nullable=True),
        sa.Column("ansvarig", sa.String(length=200), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("kommentar", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('oppet','pagar','klart','avbrutet')", name=op.f("ck_uppdrag_status")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_uppdrag_agenda_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ansvarig_person_id"],
            ["person.id"],
            name=op.f("fk_uppdrag_ansvarig_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["decision_clause.id"],
            name=op.f("fk_uppdrag_clause_id_decision_clause"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organ_id"], ["organ.id"], name=op.f("fk_uppdrag_organ_id_organ"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uppdrag")),
    )

    op.execute(
        "CREATE VIRTUAL TABLE fts_paragraph USING fts5(rubrik, body, tokenize = 'unicode61 remove_diacritics 0')"
    )
    op.execute(
        "CREATE TRIGGER trg_agenda_item_fts_delete AFTER DELETE ON agenda_item "
        "BEGIN DELETE FROM fts_paragraph WHERE rowid = OLD.id; END"
    )
    for _name, sql in _frozen_triggers():
        op.execute(sql)


def downgrade() -> None:
    for name, _sql in _frozen_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TRIGGER IF EXISTS trg_agenda_item_fts_delete")
    op.execute("DROP TABLE IF EXISTS fts_paragraph")
    op.drop_table("uppdrag")

    with op.batch_alter_table("vote_cast", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_cast_vote_id"))

    op.drop_table("vote_cast")

    with op.batch_alter_table("decision_clause", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_clause_agenda_item_id"))

    op.drop_table("decision_clause")

    op.drop_table("vote")

    with op.batch_alter_table("reservation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reservation_agenda_item_id"))

    op.drop_table("reservation")

    with op.batch_alter_table("paragraph_part", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_part_agenda_item_id"))

    op.drop_table("paragraph_part")

    op.drop_table("paragraph_number")

    with op.batch_alter_table("jav_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jav_note_agenda_item_id"))

    op.drop_table("jav_note")
    with op.batch_alter_table("meeting_officer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_officer_meeting_id"))

    op.drop_table("meeting_officer")

    with op.batch_alter_table("bilaga_ref", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bilaga_ref_bilaga_id"))
        batch_op.drop_index(batch_op.f("ix_bilaga_ref_agenda_item_id"))

    op.drop_table("bilaga_ref")

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))

    op.drop_table("attendance")

    with op.batch_alter_table("bilaga", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bilaga_meeting_id"))

    op.drop_table("bilaga")

    op.drop_table("paragraph_series_start")

    op.drop_table("standard_phrase")

    # SQLite drops columns by rebuilding the table; run with foreign keys off when downgrading.
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        for name, _ddl in reversed(AGENDA_ITEM_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name, _ddl in reversed(MEETING_COLUMNS):
            batch_op.drop_column(name)
