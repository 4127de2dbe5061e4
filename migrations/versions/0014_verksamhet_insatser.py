"""Verksamhet: the insats gets type, delprojekt, projektägare, Syfte/Mål, målgrupp and a new status list;
personalresurser, styrgrupp and co-financing per insats.

Revision ID: 0014
Revises: 0012

Existing insatser keep every field. Statuses map: ansokan → planerad, beviljad → planerad (whether medel are
beviljade is read from the insats's grants, so nothing is lost), pagaende → pagaende, avslutad → avslutad.
The status CHECK is rewritten in the stored schema (SQLite's documented procedure for changing a constraint that
does not change the stored data) instead of rebuilding the table: dropping ``insats`` with foreign keys on would
cascade to its grants and clear the budget lines pointing at it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

OLD_CHECK = "status IN ('ansokan','beviljad','pagaende','avslutad')"
NEW_CHECK = "status IN ('planerad','pagaende','implementering','forvaltning','avslutad')"


PARENT_FK = "CONSTRAINT fk_insats_parent_id_insats FOREIGN KEY(parent_id) REFERENCES insats (id) ON DELETE RESTRICT"


def _rewrite_schema(conn, old: str, new: str, *, add_fk: bool = False, drop_fk: bool = False) -> None:
    sql = conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'insats'")).scalar()
    if old not in sql:
        raise RuntimeError("Tabellen insats har inte den väntade statuskontrollen.")
    sql = sql.replace(old, new)
    if add_fk:  # every parent_id is NULL here, so the new constraint holds
        head, _sep, tail = sql.rpartition(")")
        sql = f"{head.rstrip()}, \n\t{PARENT_FK}\n){tail}"
    if drop_fk:
        sql = sql.replace(f", \n\t{PARENT_FK}\n", "\n")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'insats'"),
        {"sql": sql},
    )
    conn.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")


_COLUMNS = (
    ("samverkansstod", "BOOLEAN NOT NULL DEFAULT 0"),
    ("projektagare", "VARCHAR(300) NOT NULL DEFAULT ''"),
    ("syfte", "TEXT NOT NULL DEFAULT ''"),
    ("mal", "TEXT NOT NULL DEFAULT ''"),
    ("malgrupp_alder_fran", "INTEGER"),
    ("malgrupp_alder_till", "INTEGER"),
    ("malgrupp_kommuner", "TEXT NOT NULL DEFAULT ''"),
    ("malgrupp_grupper", "TEXT NOT NULL DEFAULT ''"),
    ("malgrupp_text", "TEXT NOT NULL DEFAULT ''"),
    ("stated_fte_x100", "INTEGER"),
)


def upgrade() -> None:
    conn = op.get_bind()
    # Plain ADD COLUMNs: no table rebuild (see the docstring).
    conn.exec_driver_sql("ALTER TABLE insats ADD COLUMN parent_id INTEGER")
    for name, ddl in _COLUMNS:
        conn.exec_driver_sql(f"ALTER TABLE insats ADD COLUMN {name} {ddl}")
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        _rewrite_schema(conn, OLD_CHECK, NEW_CHECK, add_fk=True)
    else:  # PostgreSQL changes a constraint in place, and checks it against the rows when it is added
        conn.exec_driver_sql("ALTER TABLE insats DROP CONSTRAINT ck_insats_status")
    conn.exec_driver_sql("UPDATE insats SET status = 'planerad' WHERE status IN ('ansokan','beviljad')")
    if not sqlite:
        conn.exec_driver_sql(f"ALTER TABLE insats ADD CONSTRAINT ck_insats_status CHECK ({NEW_CHECK}), ADD {PARENT_FK}")
    op.create_table(
        "insats_personal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("roll", sa.String(length=300), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("antal", sa.Integer(), nullable=False),
        sa.Column("procent_x100", sa.Integer(), nullable=False),
        sa.Column("notering", sa.Text(), nullable=False),
        sa.CheckConstraint("antal >= 1", name=op.f("ck_insats_personal_antal")),
        sa.CheckConstraint("procent_x100 >= 0", name=op.f("ck_insats_personal_procent")),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_insats_personal_insats_id_insats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insats_personal")),
    )
    op.create_index(op.f("ix_insats_personal_insats_id"), "insats_personal", ["insats_id"], unique=False)
    op.create_table(
        "insats_styrgrupp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("namn", sa.String(length=300), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("roll", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_insats_styrgrupp_insats_id_insats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insats_styrgrupp")),
    )
    op.create_index(op.f("ix_insats_styrgrupp_insats_id"), "insats_styrgrupp", ["insats_id"], unique=False)
    op.create_table(
        "insats_finansiering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("finansiar", sa.String(length=20), nullable=False),
        sa.Column("namn", sa.String(length=300), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_ore >= 0", name=op.f("ck_insats_finansiering_amount")),
        sa.CheckConstraint("finansiar IN ('esf','annan')", name=op.f("ck_insats_finansiering_finansiar")),
        sa.ForeignKeyConstraint(
            ["insats_id"], ["insats.id"], name=op.f("fk_insats_finansiering_insats_id_insats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insats_finansiering")),
        sa.UniqueConstraint(
            "insats_id", "year", "finansiar", "namn", name=op.f("uq_insats_finansiering_insats_id_year_finansiar_namn")
        ),
    )
    op.create_index(op.f("ix_insats_finansiering_insats_id"), "insats_finansiering", ["insats_id"], unique=False)


def downgrade() -> None:
    conn = op.get_bind()
    op.drop_table("insats_finansiering")
    op.drop_table("insats_styrgrupp")
    op.drop_table("insats_personal")
    conn.exec_driver_sql("UPDATE insats SET parent_id = NULL")
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        _rewrite_schema(conn, NEW_CHECK, OLD_CHECK, drop_fk=True)
    else:
        conn.exec_driver_sql(
            "ALTER TABLE insats DROP CONSTRAINT ck_insats_status, DROP CONSTRAINT fk_insats_parent_id_insats"
        )
    conn.exec_driver_sql(
        "UPDATE insats SET status = CASE WHEN EXISTS (SELECT 1 FROM insats_grant g WHERE g.insats_id = insats.id) "
        "THEN 'beviljad' ELSE 'ansokan' END WHERE status = 'planerad'"
    )
    conn.exec_driver_sql("UPDATE insats SET status = 'pagaende' WHERE status IN ('implementering','forvaltning')")
    if not sqlite:
        conn.exec_driver_sql(f"ALTER TABLE insats ADD CONSTRAINT ck_insats_status CHECK ({OLD_CHECK})")
    for name, _ddl in reversed(_COLUMNS):
        conn.exec_driver_sql(f"ALTER TABLE insats DROP COLUMN {name}")
    conn.exec_driver_sql("ALTER TABLE insats DROP COLUMN parent_id")
