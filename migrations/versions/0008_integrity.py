"""Tamper evidence: hash-chained append-only logs, seals of decided records, a hash of every justering record.

Revision ID: 0008
Revises: 0007

* ``audit_log`` and ``justering_event`` get ``prev_hash``/``row_hash`` (each row carries the hash of the one
  before); existing rows are linked in id order. ``audit_log`` becomes append-only (triggers, like the justering
  log since 0003).
* ``record_seal`` (append-only, hash-chained) holds the content hash of every decided record: fastställd budget,
  adopted attest-/delegationsordning, adopted risk analysis and kontrollplan, reported delegationsbeslut. Records
  decided before this revision are sealed now, as they are stored.
* ``protocol_justering.record_sha256`` / ``omedelbar_justering.record_sha256``: a hash over every other field of the
  justering record (förvaringsplats, anslag av, signers … included), computed now for the justerade ones.

The hashing itself lives in ``finsam_desktop.persistence.integrity`` (one place for the program, ``finsam check``
and this backfill); it stores which columns a seal covers, so later columns do not change old seals.
"""

import sqlalchemy as sa
from alembic import op

from finsam_desktop.persistence import integrity

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

MSG_AUDIT = "Ändringsloggen kan inte ändras i efterhand."
MSG_SEAL = "Kontrollsummorna för beslutade handlingar kan inte ändras i efterhand."

TRIGGERS = {
    f"trg_{table}_{event.lower()}": (
        f"CREATE TRIGGER trg_{table}_{event.lower()} BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, '{msg}'); END"
    )
    for table, msg in (("audit_log", MSG_AUDIT), ("record_seal", MSG_SEAL))
    for event in ("UPDATE", "DELETE")
}


def upgrade() -> None:
    for table in ("audit_log", "justering_event"):
        op.add_column(table, sa.Column("prev_hash", sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column("row_hash", sa.String(length=64), nullable=True))
    for table in ("protocol_justering", "omedelbar_justering"):
        op.add_column(table, sa.Column("record_sha256", sa.String(length=64), nullable=True))
    op.create_table(
        "record_seal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("canonical_json", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=True),
        sa.Column("row_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_seal")),
        sa.UniqueConstraint("kind", "record_id", name=op.f("uq_record_seal_kind_record_id")),
    )
    conn = op.get_bind()
    integrity.backfill_chain(conn, "audit_log")
    # The justering log is append-only since 0003: lift its update trigger for the one-time linking.
    if conn.dialect.name == "sqlite":
        saved = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'trg_justering_event_update'"
        ).scalar()
        if saved:
            op.execute("DROP TRIGGER trg_justering_event_update")
        integrity.backfill_chain(conn, "justering_event")
        if saved:
            op.execute(saved)
    else:
        op.execute("ALTER TABLE justering_event DISABLE TRIGGER trg_justering_event_update")
        integrity.backfill_chain(conn, "justering_event")
        op.execute("ALTER TABLE justering_event ENABLE TRIGGER trg_justering_event_update")
    for table in integrity.JUSTERING_RECORD_COLUMNS:
        for (record_id,) in conn.exec_driver_sql(f"SELECT id FROM {table} WHERE content_sha256 IS NOT NULL").all():
            conn.execute(
                sa.text(f"UPDATE {table} SET record_sha256 = :h WHERE id = :id"),
                {"h": integrity.justering_record_hash(conn, table, record_id), "id": record_id},
            )
    for spec in integrity.SEALS.values():
        for record_id in integrity.unsealed(conn, spec):
            integrity.insert_seal_raw(conn, spec.kind, record_id)
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("record_seal")
    for table in ("protocol_justering", "omedelbar_justering"):
        # A batch drop rebuilds the table, and SQLite drops a table's triggers with it: keep 0003's and put them back.
        kept = [
            row[0]
            for row in op.get_bind().exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
            )
        ]
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("record_sha256")
        for sql in kept:
            op.execute(sql)
    op.execute("DROP TRIGGER IF EXISTS trg_justering_event_update")
    op.execute("DROP TRIGGER IF EXISTS trg_justering_event_delete")
    for table in ("audit_log", "justering_event"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("row_hash")
            batch_op.drop_column("prev_hash")
    op.execute(
        "CREATE TRIGGER trg_justering_event_update BEFORE UPDATE ON justering_event "
        "BEGIN SELECT RAISE(ABORT, 'Justeringsloggen och utdragsregistret kan inte ändras i efterhand.'); END"
    )
    op.execute(
        "CREATE TRIGGER trg_justering_event_delete BEFORE DELETE ON justering_event "
        "BEGIN SELECT RAISE(ABORT, 'Justeringsloggen och utdragsregistret kan inte ändras i efterhand.'); END"
    )
