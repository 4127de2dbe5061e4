"""Intern kontroll, use case: the plan för intern styrning och kontroll (controls, generated from the risk
analysis, versions adopted then locked, and the year's status of each control)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.internkontroll.kontrollplan import (
    KontrollStatus,
    Metod,
    PlanRow,
    generate_rows,
    validate_plan_row,
)
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.internkontroll import (
    IkControlStatus,
    IkPlan,
    IkPlanRow,
    IkRiskAnalysis,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.internkontroll.dto import (
    KontrollPlan,
)
from finsam_desktop.services.internkontroll.rows import (
    adoption_text,
    analysis_dto,
    latest_adopted_or_any,
    latest_version,
    now,
    plan_digest,
    plan_dto,
    plan_row_dto,
    role_holder,
)


def plan_row_row(plan_id: int, r: PlanRow) -> IkPlanRow:
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


def draft_plan(s: Session, plan_id: int) -> IkPlan:
    p = s.get(IkPlan, plan_id)
    if p is None:
        raise NotFoundError("Kontrollplanen finns inte.")
    if p.status == "antagen":
        raise ImmutableRecordError(
            f"Kontrollplanen {p.ar} (version {p.version}) är antagen {p.adopted_text} och låst; "
            "gör en ny version för att ändra den."
        )
    return p


class KontrollplanService:
    """The kontrollplaner of the open file."""

    def __init__(self, db: Database):
        self.db = db

    def plan(self, ar: int) -> KontrollPlan | None:
        with self.db.session() as s:
            row = latest_version(s, IkPlan, ar)
            return plan_dto(s, row) if row else None

    def get_plan(self, plan_id: int) -> KontrollPlan:
        with self.db.session() as s:
            row = s.get(IkPlan, plan_id)
            if row is None:
                raise NotFoundError("Kontrollplanen finns inte.")
            return plan_dto(s, row)

    def create_plan(self, ar: int, titel: str = "", copy_from_previous_year: bool = True) -> KontrollPlan:
        with self.db.session() as s:
            if latest_version(s, IkPlan, ar) is not None:
                raise ValidationError(f"det finns redan en kontrollplan för {ar}.", "År")
            row = IkPlan(
                ar=ar,
                version=1,
                titel=titel.strip() or f"Plan för intern styrning och kontroll för {ar}",
                status="utkast",
                adopted_text="",
                content_hash="",
                created_at=now(),
            )
            s.add(row)
            s.flush()
            prev = latest_adopted_or_any(s, IkPlan, ar - 1) if copy_from_previous_year else None
            if prev is not None:
                for r in plan_dto(s, prev).rows:
                    s.add(plan_row_row(row.id, replace(r, id=0)))
            record(s, "kontrollplan skapad", "ik_plan", row.id, str(ar))
            s.flush()
            return plan_dto(s, row)

    def save_plan_row(self, plan_id: int, row: PlanRow) -> PlanRow:
        clean = validate_plan_row(row)
        with self.db.session() as s:
            draft_plan(s, plan_id)
            db_row = s.get(IkPlanRow, clean.id) if clean.id else None
            if db_row is not None and db_row.plan_id != plan_id:
                raise ValidationError("kontrollen hör till en annan plan.")
            if clean.nummer == 0:
                clean = replace(
                    clean,
                    nummer=(s.scalar(select(func.max(IkPlanRow.nummer)).where(IkPlanRow.plan_id == plan_id)) or 0) + 1,
                )
            fresh = plan_row_row(plan_id, clean)
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
            return plan_row_dto(db_row, s.get(IkControlStatus, db_row.id))

    def remove_plan_row(self, row_id: int) -> PlanRow:
        with self.db.session() as s:
            row = s.get(IkPlanRow, row_id)
            if row is None:
                raise NotFoundError("Kontrollen finns inte.")
            draft_plan(s, row.plan_id)
            dto = plan_row_dto(row, s.get(IkControlStatus, row_id))
            status = s.get(IkControlStatus, row_id)
            if status is not None:
                s.delete(status)
            s.delete(row)
            record(s, "kontroll borttagen", "ik_plan_row", row_id, dto.process)
            return dto

    def generate_plan_rows(self, plan_id: int, analysis_id: int, min_riskvarde: int) -> list[PlanRow]:
        """Add one control per process for the risks with riskvärde ≥ ``min_riskvarde`` not yet covered."""
        with self.db.session() as s:
            draft_plan(s, plan_id)
            a = s.get(IkRiskAnalysis, analysis_id)
            if a is None:
                raise NotFoundError("Riskanalysen finns inte.")
            existing = plan_dto(s, s.get(IkPlan, plan_id)).rows
            chef = role_holder(s, Role.FORBUNDSCHEF, date(a.ar, 1, 1))
            rows = generate_rows(
                analysis_dto(s, a).risks, min_riskvarde, existing, kontrollansvarig=chef or "Förbundschef"
            )
            out = []
            for r in rows:
                db_row = plan_row_row(plan_id, r)
                s.add(db_row)
                s.flush()
                out.append(plan_row_dto(db_row, None))
            record(
                s, "kontroller skapade från riskanalys", "ik_plan", plan_id, f"riskvärde ≥ {min_riskvarde}: {len(out)}"
            )
            return out

    def adopt_plan(self, plan_id: int, text: str, datum: date, agenda_item_id: int | None = None) -> KontrollPlan:
        with self.db.session() as s:
            p = draft_plan(s, plan_id)
            dto = plan_dto(s, p)
            if not dto.rows:
                raise ValidationError("en plan utan kontroller kan inte antas.", "Kontrollplan")
            text = adoption_text(s, text, agenda_item_id)
            p.status, p.adopted_text, p.adopted_date, p.adopted_agenda_item_id = "antagen", text, datum, agenda_item_id
            p.content_hash = plan_digest(dto.rows)
            record(s, "kontrollplan antagen", "ik_plan", p.id, f"{p.ar} v{p.version} {text}")
            s.flush()
            return plan_dto(s, p)

    def new_plan_version(self, plan_id: int) -> KontrollPlan:
        with self.db.session() as s:
            src = s.get(IkPlan, plan_id)
            if src is None:
                raise NotFoundError("Kontrollplanen finns inte.")
            latest = latest_version(s, IkPlan, src.ar)
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
                created_at=now(),
            )
            s.add(row)
            s.flush()
            for r in plan_dto(s, src).rows:
                new = plan_row_row(row.id, replace(r, id=0))
                s.add(new)
                s.flush()
                if r.status is not KontrollStatus.EJ_PABORJAD:
                    s.add(
                        IkControlStatus(
                            plan_row_id=new.id, status=r.status.value, kommentar=r.status_kommentar, updated_at=now()
                        )
                    )
            record(s, "ny version av kontrollplan", "ik_plan", row.id, f"{src.ar} v{row.version}")
            s.flush()
            return plan_dto(s, row)

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
            st.status, st.kommentar, st.updated_at = status.value, kommentar, now()
            s.flush()
            record(s, "kontrollstatus ändrad", "ik_plan_row", plan_row_id, status.label)
            return plan_row_dto(row, st)
