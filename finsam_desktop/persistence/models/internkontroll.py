"""Intern kontroll: risk analyses and kontrollplaner as adopted-then-locked versions, the status of
each control, stickprov with their drawn items and the reviewers' granskning, and the population analytics
of each stickprov (figures, findings) with the åtgärd the review records per finding.

An adopted version (``status = 'antagen'``) is refused any change by triggers in migration 0005;
a later change is a new version whose ``previous_version_id`` points to it. A stored population finding is
never changed (a trigger in migration 0009); its åtgärd lives apart and changes as the work goes on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base

_VERSION_STATUS = "status IN ('utkast','antagen')"


class IkRiskAnalysis(Base):
    __tablename__ = "ik_risk_analysis"
    __table_args__ = (
        UniqueConstraint("ar", "version"),
        CheckConstraint(_VERSION_STATUS, name="status"),
        CheckConstraint("matrix_size IN (3, 4, 5)", name="matrix_size"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ar: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    titel: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(10), default="utkast")
    matrix_size: Mapped[int] = mapped_column(Integer, default=4)
    adopted_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    adopted_text: Mapped[str] = mapped_column(String(200), default="")
    adopted_date: Mapped[date | None] = mapped_column(Date)
    previous_version_id: Mapped[int | None] = mapped_column(ForeignKey("ik_risk_analysis.id", ondelete="RESTRICT"))
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("ik_risk_analysis.id", ondelete="SET NULL"))
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: The matrix (size, scales, colour bands as JSON) the analysis was adopted with; "" while it is a draft.
    matrix_settings: Mapped[str] = mapped_column(Text, default="")


class IkRisk(Base):
    __tablename__ = "ik_risk"
    __table_args__ = (
        CheckConstraint("vasentlighet BETWEEN 1 AND 5", name="vasentlighet"),
        CheckConstraint("sannolikhet BETWEEN 1 AND 5", name="sannolikhet"),
        CheckConstraint("(residual_vasentlighet IS NULL) = (residual_sannolikhet IS NULL)", name="residual_pair"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("ik_risk_analysis.id", ondelete="CASCADE"), index=True)
    nummer: Mapped[int] = mapped_column(Integer)
    nyckel: Mapped[str] = mapped_column(String(32))
    process: Mapped[str] = mapped_column(String(300), default="")
    risk: Mapped[str] = mapped_column(Text, default="")
    vasentlighet: Mapped[int] = mapped_column(Integer)
    sannolikhet: Mapped[int] = mapped_column(Integer)
    riskhantering: Mapped[str] = mapped_column(Text, default="")
    ansvarig: Mapped[str] = mapped_column(String(200), default="")
    residual_vasentlighet: Mapped[int | None] = mapped_column(Integer)
    residual_sannolikhet: Mapped[int | None] = mapped_column(Integer)


class IkPlan(Base):
    __tablename__ = "ik_plan"
    __table_args__ = (UniqueConstraint("ar", "version"), CheckConstraint(_VERSION_STATUS, name="status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ar: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    titel: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(10), default="utkast")
    adopted_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    adopted_text: Mapped[str] = mapped_column(String(200), default="")
    adopted_date: Mapped[date | None] = mapped_column(Date)
    previous_version_id: Mapped[int | None] = mapped_column(ForeignKey("ik_plan.id", ondelete="RESTRICT"))
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class IkPlanRow(Base):
    __tablename__ = "ik_plan_row"
    __table_args__ = (
        CheckConstraint("metod IN ('stickprov','genomgang','avstamning')", name="metod"),
        CheckConstraint("stickprov_storlek IS NULL OR stickprov_storlek > 0", name="storlek"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("ik_plan.id", ondelete="CASCADE"), index=True)
    nummer: Mapped[int] = mapped_column(Integer)
    process: Mapped[str] = mapped_column(String(300))
    kontrollmoment: Mapped[str] = mapped_column(Text)
    kontrollansvarig: Mapped[str] = mapped_column(String(200), default="")
    frekvens: Mapped[str] = mapped_column(String(200), default="")
    rapportering_till: Mapped[str] = mapped_column(String(200), default="")
    metod: Mapped[str] = mapped_column(String(20), default="genomgang")
    tidpunkt: Mapped[str] = mapped_column(String(200), default="")
    #: Id of an årshjul event (another area's table, so no foreign key).
    arshjul_event_id: Mapped[int | None] = mapped_column(Integer)
    #: Space-separated keys of the risks this control covers.
    risk_keys: Mapped[str] = mapped_column(Text, default="")
    stickprov_storlek: Mapped[int | None] = mapped_column(Integer)


class IkControlStatus(Base):
    """The year's progress on one control; changes after the plan is adopted, so kept apart from it."""

    __tablename__ = "ik_control_status"
    __table_args__ = (CheckConstraint("status IN ('ej_paborjad','pagar','utan_avvikelse','avvikelse')", name="status"),)

    plan_row_id: Mapped[int] = mapped_column(ForeignKey("ik_plan_row.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="ej_paborjad")
    kommentar: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class IkStickprov(Base):
    """One draw: the imported file (kept, so the draw can be reproduced), filter, size and seed."""

    __tablename__ = "ik_stickprov"
    __table_args__ = (CheckConstraint("storlek >= 0", name="storlek"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ar: Mapped[int] = mapped_column(Integer, index=True)
    plan_row_id: Mapped[int | None] = mapped_column(ForeignKey("ik_plan_row.id", ondelete="SET NULL"))
    titel: Mapped[str] = mapped_column(String(300), default="")
    filnamn: Mapped[str] = mapped_column(String(300))
    fil: Mapped[bytes] = mapped_column(LargeBinary)
    fil_sha256: Mapped[str] = mapped_column(String(64))
    mapping_json: Mapped[str] = mapped_column(Text)
    period_fran: Mapped[date | None] = mapped_column(Date)
    period_till: Mapped[date | None] = mapped_column(Date)
    konto_filter: Mapped[str] = mapped_column(String(200), default="")
    min_belopp_ore: Mapped[int | None] = mapped_column(Integer)
    storlek: Mapped[int] = mapped_column(Integer)
    over_belopp_ore: Mapped[int | None] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    population_count: Mapped[int] = mapped_column(Integer)
    population_sum_ore: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    file_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class IkStickprovItem(Base):
    __tablename__ = "ik_stickprov_item"
    __table_args__ = (
        UniqueConstraint("stickprov_id", "position"),
        CheckConstraint("urval IN ('slump','over')", name="urval"),
        CheckConstraint("bedomning IN ('','ok','avvikelse')", name="bedomning"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stickprov_id: Mapped[int] = mapped_column(ForeignKey("ik_stickprov.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rad: Mapped[int] = mapped_column(Integer)
    verifikation: Mapped[str] = mapped_column(String(100))
    datum: Mapped[date] = mapped_column(Date)
    belopp_ore: Mapped[int] = mapped_column(Integer)
    motpart: Mapped[str] = mapped_column(String(300), default="")
    konto: Mapped[str] = mapped_column(String(100), default="")
    attestanter: Mapped[str] = mapped_column(String(500), default="")
    utanordnare: Mapped[str] = mapped_column(String(200), default="")
    urval: Mapped[str] = mapped_column(String(10), default="slump")
    #: Findings of the automatic attest check, one per line ('' = no finding).
    auto_findings: Mapped[str] = mapped_column(Text, default="")
    granskad_av: Mapped[str] = mapped_column(String(200), default="")
    granskad_datum: Mapped[date | None] = mapped_column(Date)
    bedomning: Mapped[str] = mapped_column(String(10), default="")
    kommentar: Mapped[str] = mapped_column(Text, default="")
    atgard: Mapped[str] = mapped_column(Text, default="")


class IkGranskning(Base):
    """The review record: who sampled, who was present, where, when, which controls, conclusion."""

    __tablename__ = "ik_granskning"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ar: Mapped[int] = mapped_column(Integer, index=True)
    datum: Mapped[date] = mapped_column(Date)
    plats: Mapped[str] = mapped_column(String(200), default="")
    ordforande: Mapped[str] = mapped_column(String(200), default="")
    vice_ordforande: Mapped[str] = mapped_column(String(200), default="")
    forbundschef: Mapped[str] = mapped_column(String(200), default="")
    stickprov_id: Mapped[int | None] = mapped_column(ForeignKey("ik_stickprov.id", ondelete="SET NULL"))
    #: Space-separated ids of the plan rows the review covers.
    plan_row_ids: Mapped[str] = mapped_column(Text, default="")
    slutsats: Mapped[str] = mapped_column(Text, default="")
    reported_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    reported_text: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class IkStickprovPopulation(Base):
    """The population analytics of one stickprov (every row of the file): the figures, the settings used,
    what was not checked and the import's notes. Stored with the stickprov, in the same transaction."""

    __tablename__ = "ik_stickprov_population"

    stickprov_id: Mapped[int] = mapped_column(ForeignKey("ik_stickprov.id", ondelete="CASCADE"), primary_key=True)
    row_count: Mapped[int] = mapped_column(Integer)
    total_ore: Mapped[int] = mapped_column(Integer)
    settings_json: Mapped[str] = mapped_column(Text)
    #: [[what, why], …]
    not_checked_json: Mapped[str] = mapped_column(Text, default="[]")
    notes_json: Mapped[str] = mapped_column(Text, default="[]")


class IkPopulationFinding(Base):
    """One finding of the population analytics; never changed once stored (a trigger in 0009 refuses it)."""

    __tablename__ = "ik_population_finding"
    __table_args__ = (
        UniqueConstraint("stickprov_id", "position"),
        CheckConstraint("severity IN ('hog','medel','lag')", name="severity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stickprov_id: Mapped[int] = mapped_column(ForeignKey("ik_stickprov.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    rule_text: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    #: The file's row numbers, space-separated.
    rows: Mapped[str] = mapped_column(Text, default="")
    #: The verifikationer, one per line.
    verifikationer: Mapped[str] = mapped_column(Text, default="")
    belopp_ore: Mapped[int | None] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(128), default="", index=True)


class IkFindingAtgard(Base):
    """The åtgärd the review records for one population finding: who, by when, status, what."""

    __tablename__ = "ik_finding_atgard"
    __table_args__ = (CheckConstraint("status IN ('oppen','pagar','atgardad','ingen_atgard')", name="status"),)

    finding_id: Mapped[int] = mapped_column(
        ForeignKey("ik_population_finding.id", ondelete="CASCADE"), primary_key=True
    )
    ansvarig: Mapped[str] = mapped_column(String(200), default="")
    senast: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="oppen")
    beskrivning: Mapped[str] = mapped_column(Text, default="")
    motivering: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
