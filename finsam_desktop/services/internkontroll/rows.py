"""Shared helpers of the internkontroll use cases: row → DTO converters, content digests, and the lookups
several use cases make inside their own session (latest version of a year, settings, förbund name, role
holders, the adopting paragraph's text)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, Metod, PlanRow
from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Risk, content_digest
from finsam_desktop.domain.internkontroll.stickprov_draw import Urval
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MandateRow, MeetingRow, PersonRow, Setting
from finsam_desktop.persistence.models.internkontroll import (
    IkControlStatus,
    IkGranskning,
    IkPlan,
    IkPlanRow,
    IkRisk,
    IkRiskAnalysis,
    IkStickprov,
    IkStickprovItem,
)
from finsam_desktop.services.internkontroll.dto import (
    MATRIX_SETTING,
    Adoption,
    Granskning,
    KontrollPlan,
    RiskAnalysis,
    Stickprov,
    StickprovItem,
)
from finsam_desktop.services.internkontroll.population_store import load_population


def risk_dto(row: IkRisk) -> Risk:
    return Risk(
        row.id,
        row.nummer,
        row.process,
        row.risk,
        row.vasentlighet,
        row.sannolikhet,
        row.riskhantering,
        row.ansvarig,
        row.residual_vasentlighet,
        row.residual_sannolikhet,
        row.nyckel,
    )


def analysis_dto(s: Session, row: IkRiskAnalysis) -> RiskAnalysis:
    risks = s.scalars(select(IkRisk).where(IkRisk.analysis_id == row.id).order_by(IkRisk.nummer, IkRisk.id))
    return RiskAnalysis(
        row.id,
        row.ar,
        row.version,
        row.titel,
        row.status,
        row.matrix_size,
        Adoption(row.adopted_agenda_item_id, row.adopted_text, row.adopted_date),
        row.previous_version_id,
        row.copied_from_id,
        row.content_hash,
        tuple(risk_dto(r) for r in risks),
        MatrixSettings.from_dict(json.loads(row.matrix_settings)) if row.matrix_settings else None,
    )


def plan_row_dto(row: IkPlanRow, status: IkControlStatus | None) -> PlanRow:
    return PlanRow(
        row.id,
        row.nummer,
        row.process,
        row.kontrollmoment,
        row.kontrollansvarig,
        row.frekvens,
        row.rapportering_till,
        Metod(row.metod),
        row.tidpunkt,
        row.arshjul_event_id,
        tuple(k for k in row.risk_keys.split() if k),
        row.stickprov_storlek,
        KontrollStatus(status.status) if status else KontrollStatus.EJ_PABORJAD,
        status.kommentar if status else "",
    )


def plan_dto(s: Session, row: IkPlan) -> KontrollPlan:
    rows = list(
        s.scalars(select(IkPlanRow).where(IkPlanRow.plan_id == row.id).order_by(IkPlanRow.nummer, IkPlanRow.id))
    )
    statuses = {
        st.plan_row_id: st
        for st in s.scalars(select(IkControlStatus).where(IkControlStatus.plan_row_id.in_([r.id for r in rows])))
    }
    return KontrollPlan(
        row.id,
        row.ar,
        row.version,
        row.titel,
        row.status,
        Adoption(row.adopted_agenda_item_id, row.adopted_text, row.adopted_date),
        row.previous_version_id,
        row.content_hash,
        tuple(plan_row_dto(r, statuses.get(r.id)) for r in rows),
    )


def item_dto(row: IkStickprovItem) -> StickprovItem:
    t = Transaction(
        row.rad,
        row.verifikation,
        row.datum,
        from_ore(row.belopp_ore),
        row.motpart,
        row.konto,
        tuple(n for n in row.attestanter.split("\n") if n),
        row.utanordnare,
    )
    return StickprovItem(
        row.id,
        row.position,
        t,
        Urval(row.urval),
        tuple(f for f in row.auto_findings.split("\n") if f),
        row.granskad_av,
        row.granskad_datum,
        Bedomning(row.bedomning),
        row.kommentar,
        row.atgard,
    )


def stickprov_dto(s: Session, row: IkStickprov) -> Stickprov:
    items = s.scalars(
        select(IkStickprovItem).where(IkStickprovItem.stickprov_id == row.id).order_by(IkStickprovItem.position)
    )
    population, finding_rows = load_population(s, row.id)
    return Stickprov(
        row.id,
        row.ar,
        row.plan_row_id,
        row.titel,
        row.filnamn,
        row.fil_sha256,
        json.loads(row.mapping_json),
        PopulationFilter(row.period_fran, row.period_till, row.konto_filter, from_ore(row.min_belopp_ore)),
        row.storlek,
        row.seed,
        from_ore(row.over_belopp_ore),
        row.population_count,
        from_ore(row.population_sum_ore),
        row.fingerprint,
        row.file_count,
        row.created_at,
        tuple(item_dto(i) for i in items),
        population,
        finding_rows,
    )


def granskning_dto(row: IkGranskning) -> Granskning:
    return Granskning(
        row.id,
        row.ar,
        row.datum,
        row.plats,
        row.ordforande,
        row.vice_ordforande,
        row.forbundschef,
        row.stickprov_id,
        tuple(int(x) for x in row.plan_row_ids.split() if x),
        row.slutsats,
        row.reported_text,
        row.reported_agenda_item_id,
    )


def risk_digest(risks: Sequence[Risk]) -> str:
    return content_digest(
        (
            r.nummer,
            r.key,
            r.process,
            r.risk,
            r.vasentlighet,
            r.sannolikhet,
            r.riskhantering,
            r.ansvarig,
            r.residual_vasentlighet,
            r.residual_sannolikhet,
        )
        for r in sorted(risks, key=lambda r: (r.nummer, r.key))
    )


def plan_digest(rows: Sequence[PlanRow]) -> str:
    return content_digest(
        (
            r.nummer,
            r.process,
            r.kontrollmoment,
            r.kontrollansvarig,
            r.frekvens,
            r.rapportering_till,
            r.metod.value,
            r.tidpunkt,
            r.arshjul_event_id,
            " ".join(r.risk_keys),
            r.stickprov_storlek,
        )
        for r in sorted(rows, key=lambda r: (r.nummer, r.process))
    )


def now() -> datetime:
    return clock.now()


def latest_version(s: Session, model, ar: int):
    """The newest version of the year (risk analysis or plan)."""
    return s.scalar(select(model).where(model.ar == ar).order_by(model.version.desc()).limit(1))


def latest_adopted_or_any(s: Session, model, ar: int):
    row = s.scalar(
        select(model).where(model.ar == ar, model.status == "antagen").order_by(model.version.desc()).limit(1)
    )
    return row or latest_version(s, model, ar)


def stored_matrix_settings(s: Session) -> MatrixSettings:
    row = s.get(Setting, MATRIX_SETTING)
    if row is None:
        return MatrixSettings()
    return MatrixSettings.from_dict(json.loads(row.value))


def forbund_name(s: Session) -> str:
    fb = s.get(ForbundRow, 1)
    return fb.namn if fb else "förbundet"


def role_holder(s: Session, role: Role, day: date) -> str:
    q = (
        select(PersonRow.namn)
        .join(MandateRow, MandateRow.person_id == PersonRow.id)
        .where(MandateRow.role == role.value, MandateRow.valid_from <= day)
        .where((MandateRow.valid_to.is_(None)) | (MandateRow.valid_to >= day))
        .order_by(MandateRow.valid_from.desc())
    )
    return s.scalar(q.limit(1)) or ""


def adoption_text(s: Session, text: str, agenda_item_id: int | None) -> str:
    text = (text or "").strip()
    if agenda_item_id is not None:
        item = s.get(AgendaItem, agenda_item_id)
        if item is None:
            raise ValidationError("paragrafen finns inte.", "Antagen vid")
        if not text:
            meeting = s.get(MeetingRow, item.meeting_id)
            para = f"§ {item.paragraph_number}" if item.paragraph_number else item.rubrik
            text = f"{para}, {meeting.datum.isoformat()}" if meeting else para
    if not text:
        raise ValidationError("ange vid vilken paragraf eller vilket sammanträde beslutet togs.", "Antagen vid")
    return text
