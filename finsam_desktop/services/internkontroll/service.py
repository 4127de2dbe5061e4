"""Intern kontroll: the risk- och väsentlighetsanalys, the plan för intern styrning och kontroll, the
stickprov and the granskning. One method = one user action = one transaction.

The stickprov's per-item check goes through the attest area's ``AttestArea.check.check_transaction``;
no attest rule is repeated here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import format_kr, from_ore, to_ore
from finsam_desktop.domain.internkontroll.kontrollplan import (
    KontrollStatus,
    Metod,
    PlanRow,
    generate_rows,
    validate_plan_row,
)
from finsam_desktop.domain.internkontroll.risk import (
    MatrixSettings,
    Risk,
    RiskMove,
    build_matrix,
    compare,
    content_digest,
    copy_for_next_year,
    validate_risk,
)
from finsam_desktop.domain.internkontroll.stickprov import (
    Bedomning,
    Draw,
    DrawnItem,
    ItemReview,
    PopulationFilter,
    Transaction,
    Urval,
    draw,
    guess_mapping,
    load_transactions,
    read_table,
    validate_item_review,
)
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, OrganRow, Setting
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
from finsam_desktop.services.attest.area import AttestArea
from finsam_desktop.services.audit import record

MATRIX_SETTING = "internkontroll.matris"
MAPPING_SETTING = "internkontroll.importkoppling"
NO_AVVIKELSE = "Granskningen visar inte på några avvikelser som behöver åtgärdas i nuläget."


# --- DTOs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adoption:
    agenda_item_id: int | None
    text: str
    datum: date | None


@dataclass(frozen=True)
class RiskAnalysis:
    id: int
    ar: int
    version: int
    titel: str
    status: str
    matrix_size: int
    adoption: Adoption
    previous_version_id: int | None
    copied_from_id: int | None
    content_hash: str
    risks: tuple[Risk, ...]

    @property
    def locked(self) -> bool:
        return self.status == "antagen"

    @property
    def status_text(self) -> str:
        if self.locked:
            return f"Antagen {self.adoption.text}".strip()
        return "Utkast"


@dataclass(frozen=True)
class KontrollPlan:
    id: int
    ar: int
    version: int
    titel: str
    status: str
    adoption: Adoption
    previous_version_id: int | None
    content_hash: str
    rows: tuple[PlanRow, ...]

    @property
    def locked(self) -> bool:
        return self.status == "antagen"

    @property
    def status_text(self) -> str:
        return f"Antagen {self.adoption.text}".strip() if self.locked else "Utkast"


@dataclass(frozen=True)
class StickprovItem:
    id: int
    position: int
    transaction: Transaction
    urval: Urval
    auto_findings: tuple[str, ...]
    granskad_av: str = ""
    granskad_datum: date | None = None
    bedomning: Bedomning = Bedomning.EJ_GRANSKAD
    kommentar: str = ""
    atgard: str = ""

    @property
    def review(self) -> ItemReview | None:
        if self.bedomning is Bedomning.EJ_GRANSKAD:
            return None
        return ItemReview(
            self.granskad_av, self.granskad_datum or clock.today(), self.bedomning, self.kommentar, self.atgard
        )


@dataclass(frozen=True)
class Stickprov:
    id: int
    ar: int
    plan_row_id: int | None
    titel: str
    filnamn: str
    fil_sha256: str
    mapping: dict
    filter: PopulationFilter
    storlek: int
    seed: int
    over_belopp: Decimal | None
    population_count: int
    population_sum: Decimal
    fingerprint: str
    file_count: int
    created_at: datetime | None
    items: tuple[StickprovItem, ...]

    @property
    def method_text(self) -> str:
        slump = sum(1 for i in self.items if i.urval is Urval.SLUMP)
        text = (
            f"Slumpmässigt urval av {slump} poster (frö {self.seed}) ur {self.population_count} verifikationer "
            f"({self.filter.text}), sorterade på datum och verifikationsnummer"
        )
        if self.over_belopp is not None:
            over = sum(1 for i in self.items if i.urval is Urval.OVER)
            text += f"; därtill samtliga {over} poster över {format_kr(self.over_belopp)}"
        return text + "."

    @property
    def findings_count(self) -> int:
        return sum(1 for i in self.items if i.auto_findings)

    @property
    def reviewed_count(self) -> int:
        return sum(1 for i in self.items if i.bedomning is not Bedomning.EJ_GRANSKAD)

    @property
    def avvikelser(self) -> tuple[StickprovItem, ...]:
        return tuple(i for i in self.items if i.bedomning is Bedomning.AVVIKELSE)


@dataclass(frozen=True)
class Granskning:
    id: int
    ar: int
    datum: date
    plats: str
    ordforande: str
    vice_ordforande: str
    forbundschef: str
    stickprov_id: int | None
    plan_row_ids: tuple[int, ...]
    slutsats: str
    reported_text: str = ""
    reported_agenda_item_id: int | None = None


@dataclass(frozen=True)
class FilePreview:
    filnamn: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_count: int
    mapping: dict


@dataclass(frozen=True)
class AgendaChoice:
    agenda_item_id: int
    text: str
    datum: date


@dataclass(frozen=True)
class InternkontrollReport:
    """Everything the styrelse PDF shows."""

    forbund: str
    ar: int
    settings: MatrixSettings
    analysis: RiskAnalysis | None
    moves: tuple[RiskMove, ...]
    previous_year: int | None
    plan: KontrollPlan | None
    stickprov: Stickprov | None
    granskning: Granskning | None


# --- row → DTO ----------------------------------------------------------------------------------


def _risk(row: IkRisk) -> Risk:
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


def _analysis(s: Session, row: IkRiskAnalysis) -> RiskAnalysis:
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
        tuple(_risk(r) for r in risks),
    )


def _plan_row(row: IkPlanRow, status: IkControlStatus | None) -> PlanRow:
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


def _plan(s: Session, row: IkPlan) -> KontrollPlan:
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
        tuple(_plan_row(r, statuses.get(r.id)) for r in rows),
    )


def _item(row: IkStickprovItem) -> StickprovItem:
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


def _stickprov(s: Session, row: IkStickprov) -> Stickprov:
    items = s.scalars(
        select(IkStickprovItem).where(IkStickprovItem.stickprov_id == row.id).order_by(IkStickprovItem.position)
    )
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
        tuple(_item(i) for i in items),
    )


def _granskning(row: IkGranskning) -> Granskning:
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


def _risk_digest(risks: Sequence[Risk]) -> str:
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


def _plan_digest(rows: Sequence[PlanRow]) -> str:
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


def _now() -> datetime:
    return clock.now()


class InternkontrollService:
    """Risk analysis, kontrollplan, stickprov and granskning for the open file."""

    def __init__(self, db: Database):
        self.db = db
        self._attest = None

    # --- settings ----------------------------------------------------------------------------
    def matrix_settings(self) -> MatrixSettings:
        with self.db.session() as s:
            return self._settings(s)

    @staticmethod
    def _settings(s: Session) -> MatrixSettings:
        row = s.get(Setting, MATRIX_SETTING)
        if row is None:
            return MatrixSettings()
        return MatrixSettings.from_dict(json.loads(row.value))

    def settings_for(self, analysis: RiskAnalysis) -> MatrixSettings:
        """The förbund's settings, or the default scales of the analysis' own size if they differ."""
        current = self.matrix_settings()
        return current if current.size == analysis.matrix_size else MatrixSettings.for_size(analysis.matrix_size)

    def save_matrix_settings(self, settings: MatrixSettings) -> MatrixSettings:
        """Save scales, size and colour bands; draft analyses move to the new size if their risks fit."""
        settings.validate()
        with self.db.session() as s:
            drafts = s.scalars(select(IkRiskAnalysis).where(IkRiskAnalysis.status == "utkast"))
            for a in drafts:
                if a.matrix_size == settings.size:
                    continue
                risks = [_risk(r) for r in s.scalars(select(IkRisk).where(IkRisk.analysis_id == a.id))]
                build_matrix(risks, settings.size)
                build_matrix(risks, settings.size, residual=True)
                a.matrix_size = settings.size
            row = s.get(Setting, MATRIX_SETTING) or Setting(key=MATRIX_SETTING, value="")
            row.value = json.dumps(settings.to_dict(), ensure_ascii=False)
            s.add(row)
            record(s, "riskmatris ändrad", "setting", None, f"{settings.size}×{settings.size}")
            return settings

    # --- risk analyses -------------------------------------------------------------------------
    def list_analyses(self) -> list[RiskAnalysis]:
        with self.db.session() as s:
            rows = s.scalars(select(IkRiskAnalysis).order_by(IkRiskAnalysis.ar, IkRiskAnalysis.version))
            return [_analysis(s, r) for r in rows]

    def analysis_years(self) -> list[int]:
        with self.db.session() as s:
            years = set(s.scalars(select(IkRiskAnalysis.ar))) | set(s.scalars(select(IkPlan.ar)))
            return sorted(years)

    def get_analysis(self, analysis_id: int) -> RiskAnalysis:
        with self.db.session() as s:
            row = s.get(IkRiskAnalysis, analysis_id)
            if row is None:
                raise NotFoundError("Riskanalysen finns inte.")
            return _analysis(s, row)

    def analysis(self, ar: int) -> RiskAnalysis | None:
        """The newest version for the year."""
        with self.db.session() as s:
            row = self._latest(s, IkRiskAnalysis, ar)
            return _analysis(s, row) if row else None

    @staticmethod
    def _latest(s: Session, model, ar: int):
        return s.scalar(select(model).where(model.ar == ar).order_by(model.version.desc()).limit(1))

    @staticmethod
    def _latest_adopted_or_any(s: Session, model, ar: int):
        row = s.scalar(
            select(model).where(model.ar == ar, model.status == "antagen").order_by(model.version.desc()).limit(1)
        )
        return row or InternkontrollService._latest(s, model, ar)

    def create_analysis(self, ar: int, titel: str = "") -> RiskAnalysis:
        with self.db.session() as s:
            if self._latest(s, IkRiskAnalysis, ar) is not None:
                raise ValidationError(f"det finns redan en riskanalys för {ar}.", "År")
            settings = self._settings(s)
            forbund = self._forbund_name(s)
            row = IkRiskAnalysis(
                ar=ar,
                version=1,
                titel=titel.strip() or f"Risk- och väsentlighetsanalys för {forbund} {ar}",
                status="utkast",
                matrix_size=settings.size,
                adopted_text="",
                content_hash="",
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            record(s, "riskanalys skapad", "ik_risk_analysis", row.id, str(ar))
            return _analysis(s, row)

    @staticmethod
    def _forbund_name(s: Session) -> str:
        from finsam_desktop.persistence.models import ForbundRow

        fb = s.get(ForbundRow, 1)
        return fb.namn if fb else "förbundet"

    def copy_to_next_year(self, analysis_id: int) -> RiskAnalysis:
        """Next year's analysis starts as a copy of this one (same risks, same keys)."""
        with self.db.session() as s:
            src = s.get(IkRiskAnalysis, analysis_id)
            if src is None:
                raise NotFoundError("Riskanalysen finns inte.")
            ar = src.ar + 1
            if self._latest(s, IkRiskAnalysis, ar) is not None:
                raise ValidationError(f"det finns redan en riskanalys för {ar}.", "År")
            titel = src.titel.replace(str(src.ar), str(ar)) if str(src.ar) in src.titel else f"{src.titel} {ar}"
            row = IkRiskAnalysis(
                ar=ar,
                version=1,
                titel=titel,
                status="utkast",
                matrix_size=src.matrix_size,
                adopted_text="",
                content_hash="",
                copied_from_id=src.id,
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            for r in copy_for_next_year(_analysis(s, src).risks):
                s.add(self._risk_row(row.id, r))
            record(s, "riskanalys kopierad till nästa år", "ik_risk_analysis", row.id, f"från {src.ar}")
            s.flush()
            return _analysis(s, row)

    @staticmethod
    def _risk_row(analysis_id: int, r: Risk) -> IkRisk:
        return IkRisk(
            id=r.id or None,
            analysis_id=analysis_id,
            nummer=r.nummer,
            nyckel=r.key,
            process=r.process,
            risk=r.risk,
            vasentlighet=r.vasentlighet,
            sannolikhet=r.sannolikhet,
            riskhantering=r.riskhantering,
            ansvarig=r.ansvarig,
            residual_vasentlighet=r.residual_vasentlighet,
            residual_sannolikhet=r.residual_sannolikhet,
        )

    def _draft_analysis(self, s: Session, analysis_id: int) -> IkRiskAnalysis:
        a = s.get(IkRiskAnalysis, analysis_id)
        if a is None:
            raise NotFoundError("Riskanalysen finns inte.")
        if a.status == "antagen":
            raise ImmutableRecordError(
                f"Riskanalysen {a.ar} (version {a.version}) är antagen {a.adopted_text} och låst; "
                "gör en ny version för att ändra den."
            )
        return a

    def save_risk(self, analysis_id: int, risk: Risk) -> Risk:
        """Insert (``id == 0``, or an unused id when undoing a removal) or update one risk."""
        with self.db.session() as s:
            a = self._draft_analysis(s, analysis_id)
            settings = self._settings(s)
            if settings.size != a.matrix_size:
                settings = MatrixSettings.for_size(a.matrix_size)
            clean = validate_risk(risk, settings)
            row = s.get(IkRisk, clean.id) if clean.id else None
            if row is not None and row.analysis_id != analysis_id:
                raise ValidationError("risken hör till en annan analys.")
            if clean.nummer == 0:
                clean = replace(
                    clean,
                    nummer=(s.scalar(select(func.max(IkRisk.nummer)).where(IkRisk.analysis_id == analysis_id)) or 0)
                    + 1,
                )
            if row is None:
                row = self._risk_row(analysis_id, clean)
                s.add(row)
            else:
                fresh = self._risk_row(analysis_id, clean)
                for col in (
                    "nummer",
                    "nyckel",
                    "process",
                    "risk",
                    "vasentlighet",
                    "sannolikhet",
                    "riskhantering",
                    "ansvarig",
                    "residual_vasentlighet",
                    "residual_sannolikhet",
                ):
                    setattr(row, col, getattr(fresh, col))
            s.flush()
            record(s, "risk sparad", "ik_risk", row.id, f"{clean.nummer} {clean.risk or clean.process}")
            return _risk(row)

    def remove_risk(self, risk_id: int) -> Risk:
        with self.db.session() as s:
            row = s.get(IkRisk, risk_id)
            if row is None:
                raise NotFoundError("Risken finns inte.")
            self._draft_analysis(s, row.analysis_id)
            dto = _risk(row)
            s.delete(row)
            record(s, "risk borttagen", "ik_risk", risk_id, dto.risk or dto.process)
            return dto

    def adopt_analysis(
        self, analysis_id: int, text: str, datum: date, agenda_item_id: int | None = None
    ) -> RiskAnalysis:
        """Adopted at a styrelse §: from now on the version is locked."""
        with self.db.session() as s:
            a = self._draft_analysis(s, analysis_id)
            dto = _analysis(s, a)
            if not dto.risks:
                raise ValidationError("en analys utan risker kan inte antas.", "Riskanalys")
            text = self._adoption_text(s, text, agenda_item_id)
            a.status, a.adopted_text, a.adopted_date, a.adopted_agenda_item_id = "antagen", text, datum, agenda_item_id
            a.content_hash = _risk_digest(dto.risks)
            record(s, "riskanalys antagen", "ik_risk_analysis", a.id, f"{a.ar} v{a.version} {text}")
            s.flush()
            return _analysis(s, a)

    @staticmethod
    def _adoption_text(s: Session, text: str, agenda_item_id: int | None) -> str:
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

    def new_analysis_version(self, analysis_id: int) -> RiskAnalysis:
        """A draft copy of an adopted analysis; the adopted one stays as it was."""
        with self.db.session() as s:
            src = s.get(IkRiskAnalysis, analysis_id)
            if src is None:
                raise NotFoundError("Riskanalysen finns inte.")
            latest = self._latest(s, IkRiskAnalysis, src.ar)
            if latest.status != "antagen":
                raise ValidationError(f"version {latest.version} för {src.ar} är redan ett utkast; ändra i den.")
            row = IkRiskAnalysis(
                ar=src.ar,
                version=latest.version + 1,
                titel=src.titel,
                status="utkast",
                matrix_size=src.matrix_size,
                adopted_text="",
                content_hash="",
                previous_version_id=src.id,
                copied_from_id=src.copied_from_id,
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            for r in _analysis(s, src).risks:
                s.add(self._risk_row(row.id, replace(r, id=0)))
            record(s, "ny version av riskanalys", "ik_risk_analysis", row.id, f"{src.ar} v{row.version}")
            s.flush()
            return _analysis(s, row)

    def remove_analysis(self, analysis_id: int) -> None:
        with self.db.session() as s:
            a = self._draft_analysis(s, analysis_id)
            record(s, "riskanalys borttagen", "ik_risk_analysis", a.id, f"{a.ar} v{a.version}")
            s.delete(a)

    def previous_analysis(self, analysis: RiskAnalysis) -> RiskAnalysis | None:
        """Last year's analysis to compare with (the adopted version if there is one)."""
        with self.db.session() as s:
            row = self._latest_adopted_or_any(s, IkRiskAnalysis, analysis.ar - 1)
            return _analysis(s, row) if row else None

    def comparison(self, analysis_id: int) -> list[RiskMove]:
        current = self.get_analysis(analysis_id)
        previous = self.previous_analysis(current)
        return compare(current.risks, previous.risks) if previous else []

    # --- agenda items for "antagen vid §" ---------------------------------------------------
    def agenda_choices(self, ar: int | None = None) -> list[AgendaChoice]:
        """Styrelse paragraphs the user can pick as the adopting decision (newest first)."""
        with self.db.session() as s:
            q = (
                select(AgendaItem, MeetingRow, OrganRow)
                .join(MeetingRow, AgendaItem.meeting_id == MeetingRow.id)
                .join(OrganRow, MeetingRow.organ_id == OrganRow.id)
                .order_by(MeetingRow.datum.desc(), AgendaItem.position)
            )
            out = []
            for item, meeting, organ in s.execute(q):
                if ar is not None and meeting.datum.year not in (ar - 1, ar):
                    continue
                para = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
                out.append(
                    AgendaChoice(
                        item.id, f"{para} {item.rubrik} ({organ.namn} {meeting.datum.isoformat()})", meeting.datum
                    )
                )
            return out

    # --- kontrollplan -------------------------------------------------------------------------
    def plan(self, ar: int) -> KontrollPlan | None:
        with self.db.session() as s:
            row = self._latest(s, IkPlan, ar)
            return _plan(s, row) if row else None

    def get_plan(self, plan_id: int) -> KontrollPlan:
        with self.db.session() as s:
            row = s.get(IkPlan, plan_id)
            if row is None:
                raise NotFoundError("Kontrollplanen finns inte.")
            return _plan(s, row)

    def create_plan(self, ar: int, titel: str = "", copy_from_previous_year: bool = True) -> KontrollPlan:
        with self.db.session() as s:
            if self._latest(s, IkPlan, ar) is not None:
                raise ValidationError(f"det finns redan en kontrollplan för {ar}.", "År")
            row = IkPlan(
                ar=ar,
                version=1,
                titel=titel.strip() or f"Plan för intern styrning och kontroll för {ar}",
                status="utkast",
                adopted_text="",
                content_hash="",
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            prev = self._latest_adopted_or_any(s, IkPlan, ar - 1) if copy_from_previous_year else None
            if prev is not None:
                for r in _plan(s, prev).rows:
                    s.add(self._plan_row_row(row.id, replace(r, id=0)))
            record(s, "kontrollplan skapad", "ik_plan", row.id, str(ar))
            s.flush()
            return _plan(s, row)

    @staticmethod
    def _plan_row_row(plan_id: int, r: PlanRow) -> IkPlanRow:
        return IkPlanRow(
            id=r.id or None,
            plan_id=plan_id,
            nummer=r.nummer,
            process=r.process,
            kontrollmoment=r.kontrollmoment,
            kontrollansvarig=r.kontrollansvarig,
            frekvens=r.frekvens,
            rapportering_till=r.rapportering_till,
            metod=Metod(r.metod).value,
            tidpunkt=r.tidpunkt,
            arshjul_event_id=r.arshjul_event_id,
            risk_keys=" ".join(r.risk_keys),
            stickprov_storlek=r.stickprov_storlek,
        )

    def _draft_plan(self, s: Session, plan_id: int) -> IkPlan:
        p = s.get(IkPlan, plan_id)
        if p is None:
            raise NotFoundError("Kontrollplanen finns inte.")
        if p.status == "antagen":
            raise ImmutableRecordError(
                f"Kontrollplanen {p.ar} (version {p.version}) är antagen {p.adopted_text} och låst; "
                "gör en ny version för att ändra den."
            )
        return p

    def save_plan_row(self, plan_id: int, row: PlanRow) -> PlanRow:
        clean = validate_plan_row(row)
        with self.db.session() as s:
            self._draft_plan(s, plan_id)
            db_row = s.get(IkPlanRow, clean.id) if clean.id else None
            if db_row is not None and db_row.plan_id != plan_id:
                raise ValidationError("kontrollen hör till en annan plan.")
            if clean.nummer == 0:
                clean = replace(
                    clean,
                    nummer=(s.scalar(select(func.max(IkPlanRow.nummer)).where(IkPlanRow.plan_id == plan_id)) or 0) + 1,
                )
            fresh = self._plan_row_row(plan_id, clean)
            if db_row is None:
                db_row = fresh
                s.add(db_row)
            else:
                for col in (
                    "nummer",
                    "process",
                    "kontrollmoment",
                    "kontrollansvarig",
                    "frekvens",
                    "rapportering_till",
                    "metod",
                    "tidpunkt",
                    "arshjul_event_id",
                    "risk_keys",
                    "stickprov_storlek",
                ):
                    setattr(db_row, col, getattr(fresh, col))
            s.flush()
            record(s, "kontroll sparad", "ik_plan_row", db_row.id, clean.process)
            return _plan_row(db_row, s.get(IkControlStatus, db_row.id))

    def remove_plan_row(self, row_id: int) -> PlanRow:
        with self.db.session() as s:
            row = s.get(IkPlanRow, row_id)
            if row is None:
                raise NotFoundError("Kontrollen finns inte.")
            self._draft_plan(s, row.plan_id)
            dto = _plan_row(row, s.get(IkControlStatus, row_id))
            status = s.get(IkControlStatus, row_id)
            if status is not None:
                s.delete(status)
            s.delete(row)
            record(s, "kontroll borttagen", "ik_plan_row", row_id, dto.process)
            return dto

    def generate_plan_rows(self, plan_id: int, analysis_id: int, min_riskvarde: int) -> list[PlanRow]:
        """Add one control per process for the risks with riskvärde ≥ ``min_riskvarde`` not yet covered."""
        with self.db.session() as s:
            self._draft_plan(s, plan_id)
            a = s.get(IkRiskAnalysis, analysis_id)
            if a is None:
                raise NotFoundError("Riskanalysen finns inte.")
            existing = _plan(s, s.get(IkPlan, plan_id)).rows
            chef = self._role_holder(s, Role.FORBUNDSCHEF, date(a.ar, 1, 1))
            rows = generate_rows(
                _analysis(s, a).risks, min_riskvarde, existing, kontrollansvarig=chef or "Förbundschef"
            )
            out = []
            for r in rows:
                db_row = self._plan_row_row(plan_id, r)
                s.add(db_row)
                s.flush()
                out.append(_plan_row(db_row, None))
            record(
                s, "kontroller skapade från riskanalys", "ik_plan", plan_id, f"riskvärde ≥ {min_riskvarde}: {len(out)}"
            )
            return out

    @staticmethod
    def _role_holder(s: Session, role: Role, day: date) -> str:
        from finsam_desktop.persistence.models import MandateRow, PersonRow

        q = (
            select(PersonRow.namn)
            .join(MandateRow, MandateRow.person_id == PersonRow.id)
            .where(MandateRow.role == role.value, MandateRow.valid_from <= day)
            .where((MandateRow.valid_to.is_(None)) | (MandateRow.valid_to >= day))
            .order_by(MandateRow.valid_from.desc())
        )
        return s.scalar(q.limit(1)) or ""

    def role_holders(self, day: date) -> dict[str, str]:
        """Ordförande, vice ordförande and förbundschef on ``day`` (names, '' when vacant)."""
        with self.db.session() as s:
            return {
                "ordforande": self._role_holder(s, Role.ORDFORANDE, day),
                "vice_ordforande": self._role_holder(s, Role.VICE_ORDFORANDE, day),
                "forbundschef": self._role_holder(s, Role.FORBUNDSCHEF, day),
            }

    def adopt_plan(self, plan_id: int, text: str, datum: date, agenda_item_id: int | None = None) -> KontrollPlan:
        with self.db.session() as s:
            p = self._draft_plan(s, plan_id)
            dto = _plan(s, p)
            if not dto.rows:
                raise ValidationError("en plan utan kontroller kan inte antas.", "Kontrollplan")
            text = self._adoption_text(s, text, agenda_item_id)
            p.status, p.adopted_text, p.adopted_date, p.adopted_agenda_item_id = "antagen", text, datum, agenda_item_id
            p.content_hash = _plan_digest(dto.rows)
            record(s, "kontrollplan antagen", "ik_plan", p.id, f"{p.ar} v{p.version} {text}")
            s.flush()
            return _plan(s, p)

    def new_plan_version(self, plan_id: int) -> KontrollPlan:
        with self.db.session() as s:
            src = s.get(IkPlan, plan_id)
            if src is None:
                raise NotFoundError("Kontrollplanen finns inte.")
            latest = self._latest(s, IkPlan, src.ar)
            if latest.status != "antagen":
                raise ValidationError(f"version {latest.version} för {src.ar} är redan ett utkast; ändra i den.")
            row = IkPlan(
                ar=src.ar,
                version=latest.version + 1,
                titel=src.titel,
                status="utkast",
                adopted_text="",
                content_hash="",
                previous_version_id=src.id,
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            for r in _plan(s, src).rows:
                new = self._plan_row_row(row.id, replace(r, id=0))
                s.add(new)
                s.flush()
                if r.status is not KontrollStatus.EJ_PABORJAD:
                    s.add(
                        IkControlStatus(
                            plan_row_id=new.id, status=r.status.value, kommentar=r.status_kommentar, updated_at=_now()
                        )
                    )
            record(s, "ny version av kontrollplan", "ik_plan", row.id, f"{src.ar} v{row.version}")
            s.flush()
            return _plan(s, row)

    def set_control_status(self, plan_row_id: int, status: KontrollStatus, kommentar: str = "") -> PlanRow:
        """The year's progress on a control; allowed also after the plan is adopted."""
        status = KontrollStatus(status)
        kommentar = (kommentar or "").strip()
        if status is KontrollStatus.AVVIKELSE and not kommentar:
            raise ValidationError("beskriv avvikelsen.", "Kommentar")
        with self.db.session() as s:
            row = s.get(IkPlanRow, plan_row_id)
            if row is None:
                raise NotFoundError("Kontrollen finns inte.")
            st = s.get(IkControlStatus, plan_row_id)
            if st is None:
                st = IkControlStatus(plan_row_id=plan_row_id)
                s.add(st)
            st.status, st.kommentar, st.updated_at = status.value, kommentar, _now()
            s.flush()
            record(s, "kontrollstatus ändrad", "ik_plan_row", plan_row_id, status.label)
            return _plan_row(row, st)

    # --- stickprov: import ---------------------------------------------------------------------
    def remembered_mapping(self) -> dict[str, str]:
        with self.db.session() as s:
            row = s.get(Setting, MAPPING_SETTING)
            return json.loads(row.value) if row else {}

    def preview_file(self, data: bytes, filename: str, shown: int = 8) -> FilePreview:
        """Headers, the first rows and a mapping: the remembered one if the file has its columns, else a guess."""
        table = read_table(data, filename)
        remembered = self.remembered_mapping()
        if remembered and all(col in table.headers for col in remembered.values()):
            mapping = remembered
        else:
            mapping = guess_mapping(table.headers)
        rows = tuple(
            tuple("" if c is None else (c.isoformat()[:10] if isinstance(c, date) else str(c)) for c in cells)
            for _n, cells in table.rows[:shown]
        )
        return FilePreview(filename, table.headers, rows, len(table.rows), mapping)

    def load_file(self, data: bytes, filename: str, mapping: dict[str, str]) -> list[Transaction]:
        """Parse the whole file (all or nothing) and remember the mapping for next time."""
        transactions = load_transactions(data, filename, mapping)
        if not self.db.read_only:
            with self.db.session() as s:
                row = s.get(Setting, MAPPING_SETTING) or Setting(key=MAPPING_SETTING, value="")
                row.value = json.dumps({k: v for k, v in mapping.items() if v}, ensure_ascii=False)
                s.add(row)
        return transactions

    # --- stickprov: the check -------------------------------------------------------------------
    def _attest_service(self):
        if self._attest is None:
            self._attest = AttestArea(self.db).check
        return self._attest

    def check_items(self, items: Sequence[DrawnItem]) -> list[tuple[str, ...]]:
        """Each drawn item against the attestordning in force on its date (the attest area's check)."""
        attest = self._attest_service()
        out = []
        for item in items:
            t = item.transaction
            findings = attest.check_transaction(
                t.datum, t.belopp, t.motpart, list(t.attestanter), utanordnare=t.utanordnare or None, konto=t.konto
            )
            out.append(tuple(findings))
        return out

    def run_stickprov(
        self,
        transactions: Sequence[Transaction],
        flt: PopulationFilter,
        storlek: int,
        seed: int,
        over_belopp: Decimal | None = None,
        filnamn: str = "",
        ar: int | None = None,
    ) -> Stickprov:
        """Draw and check without storing (the headless ``finsam stickprov``)."""
        d = draw(transactions, flt, storlek, seed, over_belopp)
        findings = self.check_items(d.items)
        return self._unsaved(d, findings, filnamn, len(transactions), ar)

    @staticmethod
    def _unsaved(
        d: Draw, findings: Sequence[tuple[str, ...]], filnamn: str, file_count: int, ar: int | None
    ) -> Stickprov:
        items = tuple(
            StickprovItem(0, i, it.transaction, it.urval, f)
            for i, (it, f) in enumerate(zip(d.items, findings), start=1)
        )
        year = ar or (items[0].transaction.datum.year if items else clock.today().year)
        return Stickprov(
            0,
            year,
            None,
            "",
            filnamn,
            "",
            {},
            d.filter,
            d.storlek,
            d.seed,
            d.over_belopp,
            d.population_count,
            d.population_sum,
            d.fingerprint,
            file_count,
            None,
            items,
        )

    def create_stickprov(
        self,
        data: bytes,
        filnamn: str,
        mapping: dict[str, str],
        flt: PopulationFilter,
        storlek: int,
        seed: int,
        over_belopp: Decimal | None = None,
        ar: int | None = None,
        plan_row_id: int | None = None,
        titel: str = "",
    ) -> Stickprov:
        """Import, draw, check and store in one go; the file is kept so the draw can be reproduced."""
        transactions = self.load_file(data, filnamn, mapping)
        d = draw(transactions, flt, storlek, seed, over_belopp)
        findings = self.check_items(d.items)
        import hashlib

        with self.db.session() as s:
            if plan_row_id is not None and s.get(IkPlanRow, plan_row_id) is None:
                raise ValidationError("kontrollen finns inte.", "Kontroll")
            year = ar or (flt.till or flt.fran or d.items[0].transaction.datum).year
            row = IkStickprov(
                ar=year,
                plan_row_id=plan_row_id,
                titel=titel.strip() or f"Stickprov {year}",
                filnamn=filnamn,
                fil=data,
                fil_sha256=hashlib.sha256(data).hexdigest(),
                mapping_json=json.dumps(mapping, ensure_ascii=False),
                period_fran=flt.fran,
                period_till=flt.till,
                konto_filter=flt.konto.strip(),
                min_belopp_ore=to_ore(flt.min_belopp) if flt.min_belopp is not None else None,
                storlek=storlek,
                over_belopp_ore=to_ore(over_belopp) if over_belopp is not None else None,
                seed=seed,
                population_count=d.population_count,
                population_sum_ore=to_ore(d.population_sum),
                fingerprint=d.fingerprint,
                file_count=len(transactions),
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            for pos, (item, found) in enumerate(zip(d.items, findings), start=1):
                t = item.transaction
                s.add(
                    IkStickprovItem(
                        stickprov_id=row.id,
                        position=pos,
                        rad=t.rad,
                        verifikation=t.verifikation,
                        datum=t.datum,
                        belopp_ore=to_ore(t.belopp),
                        motpart=t.motpart,
                        konto=t.konto,
                        attestanter="\n".join(t.attestanter),
                        utanordnare=t.utanordnare,
                        urval=item.urval.value,
                        auto_findings="\n".join(found),
                        bedomning="",
                        kommentar="",
                        atgard="",
                        granskad_av="",
                    )
                )
            if plan_row_id is not None:
                st = s.get(IkControlStatus, plan_row_id)
                if st is None:
                    s.add(
                        IkControlStatus(
                            plan_row_id=plan_row_id, status=KontrollStatus.PAGAR.value, kommentar="", updated_at=_now()
                        )
                    )
            record(
                s,
                "stickprov draget",
                "ik_stickprov",
                row.id,
                f"{filnamn}: {len(d.items)} av {d.population_count}, frö {seed}",
            )
            s.flush()
            return _stickprov(s, row)

    def list_stickprov(self, ar: int | None = None) -> list[Stickprov]:
        with self.db.session() as s:
            q = select(IkStickprov).order_by(IkStickprov.created_at.desc(), IkStickprov.id.desc())
            if ar is not None:
                q = q.where(IkStickprov.ar == ar)
            return [_stickprov(s, r) for r in s.scalars(q)]

    def get_stickprov(self, stickprov_id: int) -> Stickprov:
        with self.db.session() as s:
            row = s.get(IkStickprov, stickprov_id)
            if row is None:
                raise NotFoundError("Stickprovet finns inte.")
            return _stickprov(s, row)

    def reproduce(self, stickprov_id: int) -> bool:
        """Redraw from the stored file with the stored filter and seed; True when the same items come out."""
        with self.db.session() as s:
            row = s.get(IkStickprov, stickprov_id)
            if row is None:
                raise NotFoundError("Stickprovet finns inte.")
            data, filnamn, mapping = row.fil, row.filnamn, json.loads(row.mapping_json)
            stored = _stickprov(s, row)
        d = draw(
            load_transactions(data, filnamn, mapping), stored.filter, stored.storlek, stored.seed, stored.over_belopp
        )
        return d.fingerprint == stored.fingerprint and [
            (i.transaction.verifikation, i.transaction.rad) for i in d.items
        ] == [(i.transaction.verifikation, i.transaction.rad) for i in stored.items]

    def stickprov_file(self, stickprov_id: int) -> tuple[str, bytes]:
        with self.db.session() as s:
            row = s.get(IkStickprov, stickprov_id)
            if row is None:
                raise NotFoundError("Stickprovet finns inte.")
            return row.filnamn, row.fil

    def review_item(self, item_id: int, review: ItemReview | None) -> StickprovItem:
        """Record (or, with ``None``, clear) the reviewers' judgement of one drawn item."""
        with self.db.session() as s:
            row = s.get(IkStickprovItem, item_id)
            if row is None:
                raise NotFoundError("Posten finns inte.")
            if review is None:
                row.granskad_av, row.granskad_datum, row.bedomning, row.kommentar, row.atgard = "", None, "", "", ""
                record(s, "granskning av post ångrad", "ik_stickprov_item", item_id, row.verifikation)
            else:
                clean = validate_item_review(review, [f for f in row.auto_findings.split("\n") if f])
                row.granskad_av, row.granskad_datum, row.bedomning = (
                    clean.granskad_av,
                    clean.datum,
                    clean.bedomning.value,
                )
                row.kommentar, row.atgard = clean.kommentar, clean.atgard
                record(s, "post granskad", "ik_stickprov_item", item_id, f"{row.verifikation}: {clean.bedomning.label}")
            s.flush()
            return _item(row)

    # --- granskning ---------------------------------------------------------------------------
    def suggested_slutsats(self, stickprov_id: int | None) -> str:
        if stickprov_id is None:
            return NO_AVVIKELSE
        sp = self.get_stickprov(stickprov_id)
        avv = sp.avvikelser
        if not avv:
            return NO_AVVIKELSE
        lines = [f"Granskningen visar {len(avv)} avvikelse{'r' if len(avv) > 1 else ''}:"]
        for i in avv:
            t = i.transaction
            atgard = f" Åtgärd: {i.atgard}" if i.atgard else ""
            lines.append(
                f"– Ver {t.verifikation} ({t.datum.isoformat()}, {format_kr(t.belopp)}): {i.kommentar.rstrip('.')}.{atgard}"
            )
        return "\n".join(lines)

    def save_granskning(self, g: Granskning, update_status: bool = True) -> Granskning:
        """Save the review record; with ``update_status`` the covered controls get their traffic light."""
        if not (g.ordforande.strip() or g.vice_ordforande.strip()):
            raise ValidationError("ange ordförande och/eller vice ordförande som genomfört stickprovet.", "Granskare")
        if not g.slutsats.strip():
            raise ValidationError("skriv granskningens slutsats.", "Slutsats")
        if not g.plats.strip():
            raise ValidationError("ange var granskningen gjordes.", "Plats")
        with self.db.session() as s:
            for pid in g.plan_row_ids:
                if s.get(IkPlanRow, pid) is None:
                    raise ValidationError(f"kontroll {pid} finns inte.", "Kontroller")
            sp = None
            if g.stickprov_id is not None:
                sp_row = s.get(IkStickprov, g.stickprov_id)
                if sp_row is None:
                    raise ValidationError("stickprovet finns inte.", "Stickprov")
                sp = _stickprov(s, sp_row)
                unreviewed = len(sp.items) - sp.reviewed_count
                if unreviewed:
                    raise ValidationError(
                        f"{unreviewed} av {len(sp.items)} poster i stickprovet är inte granskade ännu.", "Stickprov"
                    )
            row = s.get(IkGranskning, g.id) if g.id else None
            if row is None:
                row = IkGranskning(id=g.id or None, created_at=_now())
                s.add(row)
            row.ar, row.datum, row.plats = g.ar, g.datum, g.plats.strip()
            row.ordforande, row.vice_ordforande, row.forbundschef = (
                g.ordforande.strip(),
                g.vice_ordforande.strip(),
                g.forbundschef.strip(),
            )
            row.stickprov_id, row.plan_row_ids = g.stickprov_id, " ".join(str(i) for i in g.plan_row_ids)
            row.slutsats, row.reported_text, row.reported_agenda_item_id = (
                g.slutsats.strip(),
                g.reported_text.strip(),
                g.reported_agenda_item_id,
            )
            s.flush()
            if update_status:
                # The stickprov's avvikelser belong to its own control (or to all covered, if it has none).
                deviating = set()
                if sp is not None and sp.avvikelser:
                    deviating = {sp.plan_row_id} if sp.plan_row_id in g.plan_row_ids else set(g.plan_row_ids)
                for pid in g.plan_row_ids:
                    status = KontrollStatus.AVVIKELSE if pid in deviating else KontrollStatus.UTAN_AVVIKELSE
                    kommentar = (
                        f"{len(sp.avvikelser)} avvikelse(r) i stickprovet {g.datum.isoformat()}"
                        if status is KontrollStatus.AVVIKELSE
                        else f"Granskad {g.datum.isoformat()}"
                    )
                    st = s.get(IkControlStatus, pid) or IkControlStatus(plan_row_id=pid)
                    st.status, st.kommentar, st.updated_at = status.value, kommentar, _now()
                    s.add(st)
            record(s, "granskning sparad", "ik_granskning", row.id, f"{g.datum.isoformat()} {g.plats}")
            return _granskning(row)

    def granskningar(self, ar: int | None = None) -> list[Granskning]:
        with self.db.session() as s:
            q = select(IkGranskning).order_by(IkGranskning.datum.desc(), IkGranskning.id.desc())
            if ar is not None:
                q = q.where(IkGranskning.ar == ar)
            return [_granskning(r) for r in s.scalars(q)]

    # --- the report ---------------------------------------------------------------------------
    def report(self, ar: int, stickprov_id: int | None = None) -> InternkontrollReport:
        """The year's analysis, plan, latest stickprov and granskning for the styrelse PDF."""
        analysis = self.analysis(ar)
        previous = self.previous_analysis(analysis) if analysis else None
        moves = tuple(compare(analysis.risks, previous.risks)) if analysis and previous else ()
        plan = self.plan(ar)
        reviews = self.granskningar(ar)
        granskning = reviews[0] if reviews else None
        if stickprov_id is None:
            if granskning and granskning.stickprov_id:
                stickprov_id = granskning.stickprov_id
            else:
                samples = self.list_stickprov(ar)
                stickprov_id = samples[0].id if samples else None
        sp = self.get_stickprov(stickprov_id) if stickprov_id else None
        if granskning and sp and granskning.stickprov_id not in (None, sp.id):
            granskning = next((g for g in reviews if g.stickprov_id == sp.id), None)
        settings = self.settings_for(analysis) if analysis else self.matrix_settings()
        with self.db.session() as s:
            forbund = self._forbund_name(s)
        if analysis is None and plan is None and sp is None:
            raise NotFoundError(f"Det finns ingen riskanalys, kontrollplan eller stickprov för {ar}.")
        return InternkontrollReport(
            forbund,
            ar,
            settings,
            analysis,
            moves,
            previous.ar if previous else None,
            plan,
            sp,
            granskning,
        )

    def export_pdf(self, ar: int, stickprov_id: int | None = None) -> bytes:
        from finsam_desktop.reports.internkontroll.pdf import build_internkontroll_pdf

        return build_internkontroll_pdf(self.report(ar, stickprov_id))

    def export_risk_xlsx(self, ar: int) -> bytes:
        from finsam_desktop.reports.internkontroll.xlsx import risk_table_xlsx

        analysis = self.analysis(ar)
        if analysis is None:
            raise NotFoundError(f"Det finns ingen riskanalys för {ar}.")
        with self.db.session() as s:
            forbund = self._forbund_name(s)
        return risk_table_xlsx(analysis, self.settings_for(analysis), forbund)

    def export_stickprov_xlsx(self, stickprov_id: int) -> bytes:
        from finsam_desktop.reports.internkontroll.xlsx import stickprov_xlsx

        with self.db.session() as s:
            forbund = self._forbund_name(s)
        return stickprov_xlsx(self.get_stickprov(stickprov_id), forbund)
