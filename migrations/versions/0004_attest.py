"""Attestordning, signaturlista, delegationsordning, delegationsbeslut.

Revision ID: 0004
Revises: 0003

Adopted versions (status 'antagen') and their rows are immutable, as are reported (anmälda)
delegationsbeslut and their attachments: the triggers below refuse any change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PRISBASBELOPP = {2019: 46500, 2020: 47300, 2021: 47600, 2022: 48300, 2023: 52500, 2024: 57300, 2025: 58800, 2026: 59200}

_ADOPTED = "Antagen version kan inte ändras; gör en ny version."
_ROW_OF = "(SELECT status FROM ordning_version WHERE id = {ref}.version_id) = 'antagen'"
_REPORTED = "Anmält delegationsbeslut kan inte ändras."

TRIGGERS = {
    "trg_ordning_version_no_update": f"""
        CREATE TRIGGER trg_ordning_version_no_update BEFORE UPDATE ON ordning_version
        WHEN OLD.status = 'antagen'
        BEGIN SELECT RAISE(ABORT, '{_ADOPTED}'); END""",
    "trg_ordning_version_no_delete": f"""
        CREATE TRIGGER trg_ordning_version_no_delete BEFORE DELETE ON ordning_version
        WHEN OLD.status = 'antagen'
        BEGIN SELECT RAISE(ABORT, '{_ADOPTED}'); END""",
}
for _table in ("attest_row", "delegation_row"):
    TRIGGERS[f"trg_{_table}_no_insert"] = f"""
        CREATE TRIGGER trg_{_table}_no_insert BEFORE INSERT ON {_table}
        WHEN {_ROW_OF.format(ref="NEW")}
        BEGIN SELECT RAISE(ABORT, '{_ADOPTED}'); END"""
    TRIGGERS[f"trg_{_table}_no_update"] = f"""
        CREATE TRIGGER trg_{_table}_no_update BEFORE UPDATE ON {_table}
        WHEN {_ROW_OF.format(ref="OLD")} OR {_ROW_OF.format(ref="NEW")}
        BEGIN SELECT RAISE(ABORT, '{_ADOPTED}'); END"""
    TRIGGERS[f"trg_{_table}_no_delete"] = f"""
        CREATE TRIGGER trg_{_table}_no_delete BEFORE DELETE ON {_table}
        WHEN {_ROW_OF.format(ref="OLD")}
        BEGIN SELECT RAISE(ABORT, '{_ADOPTED}'); END"""
TRIGGERS["trg_delegation_decision_no_update"] = f"""
    CREATE TRIGGER trg_delegation_decision_no_update BEFORE UPDATE ON delegation_decision
    WHEN OLD.anmalt_text <> ''
    BEGIN SELECT RAISE(ABORT, '{_REPORTED}'); END"""
TRIGGERS["trg_delegation_decision_no_delete"] = f"""
    CREATE TRIGGER trg_delegation_decision_no_delete BEFORE DELETE ON delegation_decision
    WHEN OLD.anmalt_text <> ''
    BEGIN SELECT RAISE(ABORT, '{_REPORTED}'); END"""
_DECISION_OF = "(SELECT anmalt_text FROM delegation_decision WHERE id = {ref}.decision_id) <> ''"
TRIGGERS["trg_delegation_attachment_no_insert"] = f"""
    CREATE TRIGGER trg_delegation_attachment_no_insert BEFORE INSERT ON delegation_attachment
    WHEN {_DECISION_OF.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, '{_REPORTED}'); END"""
TRIGGERS["trg_delegation_attachment_no_change"] = f"""
    CREATE TRIGGER trg_delegation_attachment_no_change BEFORE UPDATE ON delegation_attachment
    WHEN {_DECISION_OF.format(ref="OLD")}
    BEGIN SELECT RAISE(ABORT, '{_REPORTED}'); END"""
TRIGGERS["trg_delegation_attachment_no_delete"] = f"""
    CREATE TRIGGER trg_delegation_attachment_no_delete BEFORE DELETE ON delegation_attachment
    WHEN {_DECISION_OF.format(ref="OLD")}
    BEGIN SELECT RAISE(ABORT, '{_REPORTED}'); END"""


def upgrade() -> None:
    op.create_table(
        "prisbasbelopp",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("belopp_ore", sa.Integer(), nullable=False),
        sa.CheckConstraint("belopp_ore > 0", name=op.f("ck_prisbasbelopp_positive")),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_prisbasbelopp")),
    )
    op.create_table(
        "ordning_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("adopted_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_text", sa.String(length=200), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.Column("adress", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('attest','delegation')", name=op.f("ck_ordning_version_kind")),
        sa.CheckConstraint("status IN ('utkast','antagen')", name=op.f("ck_ordning_version_status")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_ordning_version_period")),
        sa.ForeignKeyConstraint(
            ["adopted_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_ordning_version_adopted_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["based_on_id"],
            ["ordning_version.id"],
            name=op.f("fk_ordning_version_based_on_id_ordning_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ordning_version")),
    )
    with op.batch_alter_table("ordning_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ordning_version_kind"), ["kind"], unique=False)

    op.create_table(
        "attest_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("typ", sa.String(length=30), nullable=False),
        sa.Column("benamning", sa.String(length=300), nullable=False),
        sa.Column("scope_kind", sa.String(length=20), nullable=False),
        sa.Column("scope_value", sa.String(length=100), nullable=False),
        sa.Column("avser", sa.String(length=20), nullable=False),
        sa.Column("ord_kind", sa.String(length=10), nullable=True),
        sa.Column("ord_role", sa.String(length=30), nullable=True),
        sa.Column("ord_person_id", sa.Integer(), nullable=True),
        sa.Column("ord_namn", sa.String(length=200), nullable=False),
        sa.Column("ers_kind", sa.String(length=10), nullable=True),
        sa.Column("ers_role", sa.String(length=30), nullable=True),
        sa.Column("ers_person_id", sa.Integer(), nullable=True),
        sa.Column("ers_namn", sa.String(length=200), nullable=False),
        sa.Column("signers_required", sa.Integer(), nullable=False),
        sa.Column("maxbelopp_ore", sa.Integer(), nullable=True),
        sa.Column("anmarkning", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "typ IN ('beslutsattest','mottagningsattest','utanordning','bokforingsorder','deklarationsombud')",
            name=op.f("ck_attest_row_typ"),
        ),
        sa.CheckConstraint("maxbelopp_ore IS NULL OR maxbelopp_ore > 0", name=op.f("ck_attest_row_maxbelopp")),
        sa.CheckConstraint("signers_required IN (1, 2)", name=op.f("ck_attest_row_signers")),
        sa.ForeignKeyConstraint(
            ["ers_person_id"], ["person.id"], name=op.f("fk_attest_row_ers_person_id_person"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["ord_person_id"], ["person.id"], name=op.f("fk_attest_row_ord_person_id_person"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["ordning_version.id"],
            name=op.f("fk_attest_row_version_id_ordning_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attest_row")),
    )
    with op.batch_alter_table("attest_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attest_row_version_id"), ["version_id"], unique=False)

    op.create_table(
        "delegation_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("arende", sa.String(length=300), nullable=False),
        sa.Column("delegat_role", sa.String(length=30), nullable=False),
        sa.Column("ersattare_role", sa.String(length=30), nullable=True),
        sa.Column("limit_kind", sa.String(length=10), nullable=False),
        sa.Column("limit_ore", sa.Integer(), nullable=True),
        sa.Column("limit_pbb_hundredths", sa.Integer(), nullable=True),
        sa.Column("anmalas", sa.Boolean(), nullable=False),
        sa.Column("anteckning", sa.Text(), nullable=False),
        sa.CheckConstraint("limit_kind IN ('ingen','kronor','pbb')", name=op.f("ck_delegation_row_limit_kind")),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["ordning_version.id"],
            name=op.f("fk_delegation_row_version_id_ordning_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_row")),
    )
    with op.batch_alter_table("delegation_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_row_version_id"), ["version_id"], unique=False)

    op.create_table(
        "delegation_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("delegat_person_id", sa.Integer(), nullable=True),
        sa.Column("delegat_namn", sa.String(length=200), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("arende", sa.String(length=300), nullable=False),
        sa.Column("belopp_ore", sa.Integer(), nullable=True),
        sa.Column("beslut", sa.Text(), nullable=False),
        sa.Column("diarienummer", sa.String(length=50), nullable=False),
        sa.Column("anmalan_item_id", sa.Integer(), nullable=True),
        sa.Column("anmalt_text", sa.String(length=200), nullable=False),
        sa.Column("anmalt_datum", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["anmalan_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_delegation_decision_anmalan_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["delegat_person_id"],
            ["person.id"],
            name=op.f("fk_delegation_decision_delegat_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["row_id"],
            ["delegation_row.id"],
            name=op.f("fk_delegation_decision_row_id_delegation_row"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_decision")),
    )
    with op.batch_alter_table("delegation_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_decision_datum"), ["datum"], unique=False)

    op.create_table(
        "delegation_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("filnamn", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("storlek", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["delegation_decision.id"],
            name=op.f("fk_delegation_attachment_decision_id_delegation_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_attachment")),
    )
    with op.batch_alter_table("delegation_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_attachment_decision_id"), ["decision_id"], unique=False)

    pbb = sa.table("prisbasbelopp", sa.column("year", sa.Integer), sa.column("belopp_ore", sa.Integer))
    op.bulk_insert(pbb, [{"year": y, "belopp_ore": kr * 100} for y, kr in PRISBASBELOPP.items()])
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("delegation_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_attachment_decision_id"))

    op.drop_table("delegation_attachment")
    with op.batch_alter_table("delegation_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_decision_datum"))

    op.drop_table("delegation_decision")
    with op.batch_alter_table("delegation_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_row_version_id"))

    op.drop_table("delegation_row")
    with op.batch_alter_table("attest_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attest_row_version_id"))

    op.drop_table("attest_row")
    with op.batch_alter_table("ordning_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ordning_version_kind"))

    op.drop_table("ordning_version")
    op.drop_table("prisbasbelopp")
