"""The audit log names the database user: ``audit_log.db_user`` (issue 17, roles on a server database).

Revision ID: 0020
Revises: 0019

On PostgreSQL every row of the audit log carries the login that wrote it (``session_user``): the program writes
it (so it is under the row's hash, ``persistence/integrity.py``), and a trigger fills it in for a row written
without it and refuses a row that names another login than the connection's. On SQLite there is no database
user: the column stays empty and the file's hashes are as before (an empty ``db_user`` is not hashed).

On PostgreSQL the protected tables also refuse TRUNCATE (a statement trigger): a row trigger does not see a
TRUNCATE, and the database owner could otherwise empty the audit log or take a justerat protocol away with it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

MSG_DB_USER = "Ändringsloggen skrivs i den inloggade databasanvändarens namn."
MSG_TRUNCATE = "Tabellen har skyddade uppgifter och kan inte tömmas."

#: PostgreSQL's own protection (no SQLite counterpart); ``integrity.PG_TRIGGERS`` names them for ``finsam check``.
PG_DB_USER = (
    "CREATE OR REPLACE FUNCTION trg_audit_log_db_user() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
    "BEGIN\n"
    "  IF NEW.db_user IS NULL THEN\n"
    "    NEW.db_user := session_user;\n"
    "  ELSIF NEW.db_user IS DISTINCT FROM session_user THEN\n"
    f"    RAISE EXCEPTION USING MESSAGE = '{MSG_DB_USER}', ERRCODE = 'integrity_constraint_violation';\n"
    "  END IF;\n"
    "  RETURN NEW;\n"
    "END\n$fn$"
)
PG_NO_TRUNCATE = (
    "CREATE OR REPLACE FUNCTION trg_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
    "BEGIN\n"
    f"  RAISE EXCEPTION USING MESSAGE = '{MSG_TRUNCATE}', ERRCODE = 'integrity_constraint_violation';\n"
    "END\n$fn$"
)


#: Every table with a protection trigger of 0002–0018, as they stand at this revision.
NO_TRUNCATE_TABLES = (
    "agenda_item",
    "ar_account",
    "ar_deltagarflode",
    "ar_document",
    "ar_movement",
    "ar_printed",
    "ar_text",
    "ar_year",
    "attendance",
    "attest_row",
    "audit_log",
    "bilaga",
    "bilaga_ref",
    "budget",
    "budget_line",
    "budget_section",
    "budget_stated_total",
    "decision_clause",
    "delegation_attachment",
    "delegation_decision",
    "delegation_row",
    "ik_plan",
    "ik_plan_row",
    "ik_population_finding",
    "ik_risk",
    "ik_risk_analysis",
    "jav_note",
    "justering_event",
    "meeting",
    "meeting_officer",
    "omedelbar_justering",
    "omedelbar_justering_item",
    "ordning_version",
    "paragraph_correction",
    "paragraph_number",
    "paragraph_part",
    "protocol_justering",
    "protokollsutdrag",
    "record_seal",
    "reservation",
    "vote",
    "vote_cast",
    "vplan",
    "vplan_aktivitet",
    "vplan_budget_rad",
    "vplan_document",
    "vplan_section",
)


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("db_user", sa.String(length=100), nullable=True))
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(PG_DB_USER)
    conn.exec_driver_sql(
        "CREATE TRIGGER trg_audit_log_db_user BEFORE INSERT ON audit_log FOR EACH ROW "
        "EXECUTE FUNCTION trg_audit_log_db_user()"
    )
    conn.exec_driver_sql(PG_NO_TRUNCATE)
    for table in NO_TRUNCATE_TABLES:
        conn.exec_driver_sql(
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION trg_no_truncate()"
        )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS trg_no_truncate() CASCADE")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS trg_audit_log_db_user() CASCADE")
        op.drop_column("audit_log", "db_user")
        return
    # A batch drop rebuilds the table, and SQLite drops a table's triggers with it: keep 0008's and put them back.
    kept = [
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        )
    ]
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("db_user")
    for sql in kept:
        op.execute(sql)
