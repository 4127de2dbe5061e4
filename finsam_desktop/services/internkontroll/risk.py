"""Intern kontroll, use case: the risk- och väsentlighetsanalys (matrix settings, risks, versions adopted
at a styrelse § and then locked, next year's copy, the comparison with last year)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.internkontroll.risk import (
    MatrixSettings,
    Risk,
    RiskMove,
    build_matrix,
    compare,
    copy_for_next_year,
    validate_risk,
)
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.persistence.models.internkontroll import (
    IkPlan,
    IkRisk,
    IkRiskAnalysis,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.internkontroll.dto import (
    MATRIX_SETTING,
    RiskAnalysis,
)
from finsam_desktop.services.internkontroll.rows import (
    adoption_text,
    analysis_dto,
    forbund_name,
    latest_adopted_or_any,
    latest_version,
    now,
    risk_digest,
    risk_dto,
    stored_matrix_settings,
)


def risk_row(analysis_id: int, r: Risk) -> IkRisk:
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


def draft_analysis(s: Session, analysis_id: int) -> IkRiskAnalysis:
    a = s.get(IkRiskAnalysis, analysis_id)
    if a is None:
        raise NotFoundError("Riskanalysen finns inte.")
    if a.status == "antagen":
        raise ImmutableRecordError(
            f"Riskanalysen {a.ar} (version {a.version}) är antagen {a.adopted_text} och låst; "
            "gör en ny version för att ändra den."
        )
    return a


class RiskAnalysisService:
    """The risk analyses of the open file and the förbund's matrix settings."""

    def __init__(self, db: Database):
        self.db = db

    def matrix_settings(self) -> MatrixSettings:
        with self.db.session() as s:
            return stored_matrix_settings(s)

    def settings_for(self, analysis: RiskAnalysis) -> MatrixSettings:
        """An adopted analysis' own matrix as adopted; for a draft the förbund's settings, or the default scales of
        the draft's size if they differ."""
        if analysis.adopted_matrix is not None:
            return analysis.adopted_matrix
        current = self.matrix_settings()
        return current if current.size == analysis.matrix_size else MatrixSettings.for_size(analysis.matrix_size)

    def matrix_change_text(self, settings: MatrixSettings) -> str:
        """What saving ``settings`` will change, in Swedish, for the question before it is saved ("" if nothing
        but labels changes)."""
        current = self.matrix_settings()
        if current.size == settings.size and current.bands == settings.bands:
            return ""
        analyses = self.list_analyses()
        drafts = [a for a in analyses if not a.locked and a.matrix_size != settings.size]
        adopted = [a for a in analyses if a.locked]
        lines = [
            f"Riskmatrisen ändras från {current.size}×{current.size} till {settings.size}×{settings.size}."
            if current.size != settings.size
            else "Färgfälten i riskmatrisen ändras.",
            "Färgfält: " + ", ".join(f"{b.name.lower()} {b.low}–{b.high}" for b in settings.bands) + ".",
        ]
        if drafts:
            lines.append(
                "Utkast som flyttas till den nya storleken: "
                + ", ".join(f"{a.ar} (version {a.version})" for a in drafts)
                + "."
            )
        lines.append(
            "Antagna analyser ändras inte; de behåller sin matris och sina färgfält"
            + (
                ": " + ", ".join(f"{a.ar} (version {a.version}, {a.matrix_size}×{a.matrix_size})" for a in adopted)
                if adopted
                else ""
            )
            + "."
        )
        return "\n".join(lines)

    def resize_analysis(self, analysis_id: int, size: int) -> RiskAnalysis:
        """Move one draft analysis to another matrix size (its risks must fit); an adopted one is refused."""
        MatrixSettings.for_size(size)
        with self.db.session() as s:
            a = s.get(IkRiskAnalysis, analysis_id)
            if a is None:
                raise NotFoundError("Riskanalysen finns inte.")
            if a.status == "antagen":
                raise ImmutableRecordError(
                    f"Riskanalysen {a.ar} (version {a.version}) är antagen {a.adopted_text} med en "
                    f"{a.matrix_size}×{a.matrix_size}-matris och behåller den; gör en ny version för att byta storlek."
                )
            risks = [risk_dto(r) for r in s.scalars(select(IkRisk).where(IkRisk.analysis_id == a.id))]
            build_matrix(risks, size)
            build_matrix(risks, size, residual=True)
            a.matrix_size = size
            record(s, "riskanalysens matris ändrad", "ik_risk_analysis", a.id, f"{size}×{size}")
            s.flush()
            return analysis_dto(s, a)

    def save_matrix_settings(self, settings: MatrixSettings) -> MatrixSettings:
        """Save scales, size and colour bands; draft analyses move to the new size if their risks fit. Adopted
        analyses keep the matrix stored with them at adoption."""
        settings.validate()
        with self.db.session() as s:
            drafts = s.scalars(select(IkRiskAnalysis).where(IkRiskAnalysis.status == "utkast"))
            for a in drafts:
                if a.matrix_size == settings.size:
                    continue
                risks = [risk_dto(r) for r in s.scalars(select(IkRisk).where(IkRisk.analysis_id == a.id))]
                build_matrix(risks, settings.size)
                build_matrix(risks, settings.size, residual=True)
                a.matrix_size = settings.size
            row = s.get(Setting, MATRIX_SETTING) or Setting(key=MATRIX_SETTING, value="")
            row.value = json.dumps(settings.to_dict(), ensure_ascii=False)
            s.add(row)
            record(s, "riskmatris ändrad", "setting", None, f"{settings.size}×{settings.size}")
            return settings

    def list_analyses(self) -> list[RiskAnalysis]:
        with self.db.session() as s:
            rows = s.scalars(select(IkRiskAnalysis).order_by(IkRiskAnalysis.ar, IkRiskAnalysis.version))
            return [analysis_dto(s, r) for r in rows]

    def analysis_years(self) -> list[int]:
        with self.db.session() as s:
            years = set(s.scalars(select(IkRiskAnalysis.ar))) | set(s.scalars(select(IkPlan.ar)))
            return sorted(years)

    def get_analysis(self, analysis_id: int) -> RiskAnalysis:
        with self.db.session() as s:
            row = s.get(IkRiskAnalysis, analysis_id)
            if row is None:
                raise NotFoundError("Riskanalysen finns inte.")
            return analysis_dto(s, row)

    def analysis(self, ar: int) -> RiskAnalysis | None:
        """The newest version for the year."""
        with self.db.session() as s:
            row = latest_version(s, IkRiskAnalysis, ar)
            return analysis_dto(s, row) if row else None

    def create_analysis(self, ar: int, titel: str = "") -> RiskAnalysis:
        with self.db.session() as s:
            if latest_version(s, IkRiskAnalysis, ar) is not None:
                raise ValidationError(f"det finns redan en riskanalys för {ar}.", "År")
            settings = stored_matrix_settings(s)
            forbund = forbund_name(s)
            row = IkRiskAnalysis(
                ar=ar,
                version=1,
                titel=titel.strip() or f"Risk- och väsentlighetsanalys för {forbund} {ar}",
                status="utkast",
                matrix_size=settings.size,
                adopted_text="",
                content_hash="",
                created_at=now(),
            )
            s.add(row)
            s.flush()
            record(s, "riskanalys skapad", "ik_risk_analysis", row.id, str(ar))
            return analysis_dto(s, row)

    def copy_to_next_year(self, analysis_id: int) -> RiskAnalysis:
        """Next year's analysis starts as a copy of this one (same risks, same keys)."""
        with self.db.session() as s:
            src = s.get(IkRiskAnalysis, analysis_id)
            if src is None:
                raise NotFoundError("Riskanalysen finns inte.")
            ar = src.ar + 1
            if latest_version(s, IkRiskAnalysis, ar) is not None:
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
                created_at=now(),
            )
            s.add(row)
            s.flush()
            for r in copy_for_next_year(analysis_dto(s, src).risks):
                s.add(risk_row(row.id, r))
            record(s, "riskanalys kopierad till nästa år", "ik_risk_analysis", row.id, f"från {src.ar}")
            s.flush()
            return analysis_dto(s, row)

    def save_risk(self, analysis_id: int, risk: Risk) -> Risk:
        """Insert (``id == 0``, or an unused id when undoing a removal) or update one risk."""
        with self.db.session() as s:
            a = draft_analysis(s, analysis_id)
            settings = stored_matrix_settings(s)
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
                row = risk_row(analysis_id, clean)
                s.add(row)
            else:
                fresh = risk_row(analysis_id, clean)
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
            return risk_dto(row)

    def remove_risk(self, risk_id: int) -> Risk:
        with self.db.session() as s:
            row = s.get(IkRisk, risk_id)
            if row is None:
                raise NotFoundError("Risken finns inte.")
            draft_analysis(s, row.analysis_id)
            dto = risk_dto(row)
            s.delete(row)
            record(s, "risk borttagen", "ik_risk", risk_id, dto.risk or dto.process)
            return dto

    def adopt_analysis(
        self, analysis_id: int, text: str, datum: date, agenda_item_id: int | None = None
    ) -> RiskAnalysis:
        """Adopted at a styrelse §: from now on the version is locked."""
        with self.db.session() as s:
            a = draft_analysis(s, analysis_id)
            dto = analysis_dto(s, a)
            if not dto.risks:
                raise ValidationError("en analys utan risker kan inte antas.", "Riskanalys")
            text = adoption_text(s, text, agenda_item_id)
            current = stored_matrix_settings(s)
            matrix = current if current.size == a.matrix_size else MatrixSettings.for_size(a.matrix_size)
            # The matrix is stored with the adopted version: a later change of the förbund's matrix leaves it be.
            a.matrix_settings = json.dumps(matrix.to_dict(), ensure_ascii=False)
            a.status, a.adopted_text, a.adopted_date, a.adopted_agenda_item_id = "antagen", text, datum, agenda_item_id
            a.content_hash = risk_digest(dto.risks)
            record(s, "riskanalys antagen", "ik_risk_analysis", a.id, f"{a.ar} v{a.version} {text}")
            s.flush()
            return analysis_dto(s, a)

    def new_analysis_version(self, analysis_id: int) -> RiskAnalysis:
        """A draft copy of an adopted analysis; the adopted one stays as it was."""
        with self.db.session() as s:
            src = s.get(IkRiskAnalysis, analysis_id)
            if src is None:
                raise NotFoundError("Riskanalysen finns inte.")
            latest = latest_version(s, IkRiskAnalysis, src.ar)
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
                created_at=now(),
            )
            s.add(row)
            s.flush()
            for r in analysis_dto(s, src).risks:
                s.add(risk_row(row.id, replace(r, id=0)))
            record(s, "ny version av riskanalys", "ik_risk_analysis", row.id, f"{src.ar} v{row.version}")
            s.flush()
            return analysis_dto(s, row)

    def remove_analysis(self, analysis_id: int) -> None:
        with self.db.session() as s:
            a = draft_analysis(s, analysis_id)
            record(s, "riskanalys borttagen", "ik_risk_analysis", a.id, f"{a.ar} v{a.version}")
            s.delete(a)

    def previous_analysis(self, analysis: RiskAnalysis) -> RiskAnalysis | None:
        """Last year's analysis to compare with (the adopted version if there is one)."""
        with self.db.session() as s:
            row = latest_adopted_or_any(s, IkRiskAnalysis, analysis.ar - 1)
            return analysis_dto(s, row) if row else None

    def comparison(self, analysis_id: int) -> list[RiskMove]:
        current = self.get_analysis(analysis_id)
        previous = self.previous_analysis(current)
        return compare(current.risks, previous.risks) if previous else []
