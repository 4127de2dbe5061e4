"""Intern kontroll: risk analyses, kontrollplaner, control status, stickprov and granskning.

Revision ID: 0005
Revises: 0004

Adopted versions (status 'antagen') of ik_risk_analysis/ik_plan and their rows are locked by
triggers: a later change is a new version.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LOCKS = (
    # (parent table, child table, foreign key column, Swedish name)
    ("ik_risk_analysis", "ik_risk", "analysis_id", "Riskanalysen"),
    ("ik_plan", "ik_plan_row", "plan_id", "Kontrollplanen"),
)


def _lock_triggers() -> list[str]:
    out = []
    for parent, child, fk, name in _LOCKS:
        msg = f"{name} är antagen och låst; gör en ny version för att ändra den."
        out += [
            f"""CREATE TRIGGER trg_{parent}_locked_update BEFORE UPDATE ON {parent}
            WHEN OLD.status = 'antagen'
            BEGIN SELECT RAISE(ABORT, '{msg}'); END""",
            f"""CREATE TRIGGER trg_{parent}_locked_delete BEFORE DELETE ON {parent}
            WHEN OLD.status = 'antagen'
            BEGIN SELECT RAISE(ABORT, '{msg}'); END""",
            f"""CREATE TRIGGER trg_{child}_locked_insert BEFORE INSERT ON {child}
            WHEN (SELECT status FROM {parent} WHERE id = NEW.{fk}) = 'antagen'
            BEGIN SELECT RAISE(ABORT, '{msg}'); END""",
            f"""CREATE TRIGGER trg_{child}_locked_update BEFORE UPDATE ON {child}
            WHEN (SELECT status FROM {parent} WHERE id = OLD.{fk}) = 'antagen'
              OR (SELECT status FROM {parent} WHERE id = NEW.{fk}) = 'antagen'
            BEGIN SELECT RAISE(ABORT, '{msg}'); END""",
            f"""CREATE TRIGGER trg_{child}_locked_delete BEFORE DELETE ON {child}
            WHEN (SELECT status FROM {parent} WHERE id = OLD.{fk}) = 'antagen'
            BEGIN SELECT RAISE(ABORT, '{msg}'); END""",
        ]
    return out


def _trigger_names() -> list[str]:
    names = []
    for parent, child, _fk, _name in _LOCKS:
        names += [f"trg_{parent}_locked_update", f"trg_{parent}_locked_delete"]
        names += [f"trg_{child}_locked_{op_}" for op_ in ("insert", "update", "delete")]
    return names


def upgrade() -> None:
    op.create_table(
        "ik_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("adopted_agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_text", sa.String(length=200), nullable=False),
        sa.Column("adopted_date", sa.Date(), nullable=True),
        sa.Column("previous_version_id", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('utkast','antagen')", name=op.f("ck_ik_plan_status")),
        sa.ForeignKeyConstraint(
            ["adopted_agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_ik_plan_adopted_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["previous_version_id"],
            ["ik_plan.id"],
            name=op.f("fk_ik_plan_previous_version_id_ik_plan"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_plan")),
        sa.UniqueConstraint("ar", "version", name=op.f("uq_ik_plan_ar_version")),
    )
    with op.batch_alter_table("ik_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_plan_ar"), ["ar"], unique=False)
    op.create_table(
        "ik_risk_analysis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("matrix_size", sa.Integer(), nullable=False),
        sa.Column("adopted_agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_text", sa.String(length=200), nullable=False),
        sa.Column("adopted_date", sa.Date(), nullable=True),
        sa.Column("previous_version_id", sa.Integer(), nullable=True),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('utkast','antagen')", name=op.f("ck_ik_risk_analysis_status")),
        sa.CheckConstraint("matrix_size IN (3, 4, 5)", name=op.f("ck_ik_risk_analysis_matrix_size")),
        sa.ForeignKeyConstraint(
            ["adopted_agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_ik_risk_analysis_adopted_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["copied_from_id"],
            ["ik_risk_analysis.id"],
            name=op.f("fk_ik_risk_analysis_copied_from_id_ik_risk_analysis"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["previous_version_id"],
            ["ik_risk_analysis.id"],
            name=op.f("fk_ik_risk_analysis_previous_version_id_ik_risk_analysis"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_risk_analysis")),
        sa.UniqueConstraint("ar", "version", name=op.f("uq_ik_risk_analysis_ar_version")),
    )
    with op.batch_alter_table("ik_risk_analysis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_risk_analysis_ar"), ["ar"], unique=False)
    op.create_table(
        "ik_plan_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("process", sa.String(length=300), nullable=False),
        sa.Column("kontrollmoment", sa.Text(), nullable=False),
        sa.Column("kontrollansvarig", sa.String(length=200), nullable=False),
        sa.Column("frekvens", sa.String(length=200), nullable=False),
        sa.Column("rapportering_till", sa.String(length=200), nullable=False),
        sa.Column("metod", sa.String(length=20), nullable=False),
        sa.Column("tidpunkt", sa.String(length=200), nullable=False),
        sa.Column("arshjul_event_id", sa.Integer(), nullable=True),
        sa.Column("risk_keys", sa.Text(), nullable=False),
        sa.Column("stickprov_storlek", sa.Integer(), nullable=True),
        sa.CheckConstraint("metod IN ('stickprov','genomgang','avstamning')", name=op.f("ck_ik_plan_row_metod")),
        sa.CheckConstraint("stickprov_storlek IS NULL OR stickprov_storlek > 0", name=op.f("ck_ik_plan_row_storlek")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["ik_plan.id"], name=op.f("fk_ik_plan_row_plan_id_ik_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_plan_row")),
    )
    with op.batch_alter_table("ik_plan_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_plan_row_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "ik_risk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("analysis_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("nyckel", sa.String(length=32), nullable=False),
        sa.Column("process", sa.String(length=300), nullable=False),
        sa.Column("risk", sa.Text(), nullable=False),
        sa.Column("vasentlighet", sa.Integer(), nullable=False),
        sa.Column("sannolikhet", sa.Integer(), nullable=False),
        sa.Column("riskhantering", sa.Text(), nullable=False),
        sa.Column("ansvarig", sa.String(length=200), nullable=False),
        sa.Column("residual_vasentlighet", sa.Integer(), nullable=True),
        sa.Column("residual_sannolikhet", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(residual_vasentlighet IS NULL) = (residual_sannolikhet IS NULL)", name=op.f("ck_ik_risk_residual_pair")
        ),
        sa.CheckConstraint("sannolikhet BETWEEN 1 AND 5", name=op.f("ck_ik_risk_sannolikhet")),
        sa.CheckConstraint("vasentlighet BETWEEN 1 AND 5", name=op.f("ck_ik_risk_vasentlighet")),
        sa.ForeignKeyConstraint(
            ["analysis_id"],
            ["ik_risk_analysis.id"],
            name=op.f("fk_ik_risk_analysis_id_ik_risk_analysis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_risk")),
    )
    with op.batch_alter_table("ik_risk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_risk_analysis_id"), ["analysis_id"], unique=False)
    op.create_table(
        "ik_control_status",
        sa.Column("plan_row_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("kommentar", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('ej_paborjad','pagar','utan_avvikelse','avvikelse')", name=op.f("ck_ik_control_status_status")
        ),
        sa.ForeignKeyConstraint(
            ["plan_row_id"],
            ["ik_plan_row.id"],
            name=op.f("fk_ik_control_status_plan_row_id_ik_plan_row"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_row_id", name=op.f("pk_ik_control_status")),
    )
    op.create_table(
        "ik_stickprov",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("plan_row_id", sa.Integer(), nullable=True),
        sa.Column("titel", sa.String(length=300), nullable=False),
        sa.Column("filnamn", sa.String(length=300), nullable=False),
        sa.Column("fil", sa.LargeBinary(), nullable=False),
        sa.Column("fil_sha256", sa.String(length=64), nullable=False),
        sa.Column("mapping_json", sa.Text(), nullable=False),
        sa.Column("period_fran", sa.Date(), nullable=True),
        sa.Column("period_till", sa.Date(), nullable=True),
        sa.Column("konto_filter", sa.String(length=200), nullable=False),
        sa.Column("min_belopp_ore", sa.Integer(), nullable=True),
        sa.Column("storlek", sa.Integer(), nullable=False),
        sa.Column("over_belopp_ore", sa.Integer(), nullable=True),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("population_count", sa.Integer(), nullable=False),
        sa.Column("population_sum_ore", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("storlek >= 0", name=op.f("ck_ik_stickprov_storlek")),
        sa.ForeignKeyConstraint(
            ["plan_row_id"],
            ["ik_plan_row.id"],
            name=op.f("fk_ik_stickprov_plan_row_id_ik_plan_row"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_stickprov")),
    )
    with op.batch_alter_table("ik_stickprov", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_stickprov_ar"), ["ar"], unique=False)
    op.create_table(
        "ik_granskning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("plats", sa.String(length=200), nullable=False),
        sa.Column("ordforande", sa.String(length=200), nullable=False),
        sa.Column("vice_ordforande", sa.String(length=200), nullable=False),
        sa.Column("forbundschef", sa.String(length=200), nullable=False),
        sa.Column("stickprov_id", sa.Integer(), nullable=True),
        sa.Column("plan_row_ids", sa.Text(), nullable=False),
        sa.Column("slutsats", sa.Text(), nullable=False),
        sa.Column("reported_agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("reported_text", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reported_agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_ik_granskning_reported_agenda_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stickprov_id"],
            ["ik_stickprov.id"],
            name=op.f("fk_ik_granskning_stickprov_id_ik_stickprov"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_granskning")),
    )
    with op.batch_alter_table("ik_granskning", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_granskning_ar"), ["ar"], unique=False)
    op.create_table(
        "ik_stickprov_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stickprov_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rad", sa.Integer(), nullable=False),
        sa.Column("verifikation", sa.String(length=100), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("belopp_ore", sa.Integer(), nullable=False),
        sa.Column("motpart", sa.String(length=300), nullable=False),
        sa.Column("konto", sa.String(length=100), nullable=False),
        sa.Column("attestanter", sa.String(length=500), nullable=False),
        sa.Column("utanordnare", sa.String(length=200), nullable=False),
        sa.Column("urval", sa.String(length=10), nullable=False),
        sa.Column("auto_findings", sa.Text(), nullable=False),
        sa.Column("granskad_av", sa.String(length=200), nullable=False),
        sa.Column("granskad_datum", sa.Date(), nullable=True),
        sa.Column("bedomning", sa.String(length=10), nullable=False),
        sa.Column("kommentar", sa.Text(), nullable=False),
        sa.Column("atgard", sa.Text(), nullable=False),
        sa.CheckConstraint("bedomning IN ('','ok','avvikelse')", name=op.f("ck_ik_stickprov_item_bedomning")),
        sa.CheckConstraint("urval IN ('slump','over')", name=op.f("ck_ik_stickprov_item_urval")),
        sa.ForeignKeyConstraint(
            ["stickprov_id"],
            ["ik_stickprov.id"],
            name=op.f("fk_ik_stickprov_item_stickprov_id_ik_stickprov"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ik_stickprov_item")),
        sa.UniqueConstraint("stickprov_id", "position", name=op.f("uq_ik_stickprov_item_stickprov_id_position")),
    )
    with op.batch_alter_table("ik_stickprov_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ik_stickprov_item_stickprov_id"), ["stickprov_id"], unique=False)
    for sql in _lock_triggers():
        op.execute(sql)


def downgrade() -> None:
    for name in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("ik_stickprov_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_stickprov_item_stickprov_id"))
    op.drop_table("ik_stickprov_item")
    with op.batch_alter_table("ik_granskning", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_granskning_ar"))
    op.drop_table("ik_granskning")
    with op.batch_alter_table("ik_stickprov", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_stickprov_ar"))
    op.drop_table("ik_stickprov")
    op.drop_table("ik_control_status")
    with op.batch_alter_table("ik_risk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_risk_analysis_id"))
    op.drop_table("ik_risk")
    with op.batch_alter_table("ik_plan_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_plan_row_plan_id"))
    op.drop_table("ik_plan_row")
    with op.batch_alter_table("ik_risk_analysis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_risk_analysis_ar"))
    op.drop_table("ik_risk_analysis")
    with op.batch_alter_table("ik_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ik_plan_ar"))
    op.drop_table("ik_plan")
