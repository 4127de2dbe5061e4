"""Intern kontroll, use case: the styrelse report (PDF) and the Excel exports of the risk table and a
stickprov."""

from __future__ import annotations

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import NotFoundError
from finsam_desktop.domain.internkontroll.risk import (
    compare,
)
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.internkontroll.atgarder import open_atgarder
from finsam_desktop.services.internkontroll.dto import (
    InternkontrollReport,
)
from finsam_desktop.services.internkontroll.granskning import GranskningService
from finsam_desktop.services.internkontroll.kontrollplan import KontrollplanService
from finsam_desktop.services.internkontroll.risk import RiskAnalysisService
from finsam_desktop.services.internkontroll.rows import (
    forbund_name,
)
from finsam_desktop.services.internkontroll.stickprov import StickprovService


class ExportsService:
    """The year's report and the exported files; reads through the other use cases."""

    def __init__(
        self,
        db: Database,
        risk: RiskAnalysisService,
        kontrollplan: KontrollplanService,
        stickprov: StickprovService,
        granskning: GranskningService,
    ):
        self.db = db
        self.risk = risk
        self.kontrollplan = kontrollplan
        self.stickprov = stickprov
        self.granskning = granskning

    def report(self, ar: int, stickprov_id: int | None = None) -> InternkontrollReport:
        """The year's analysis, plan (with the åtgärder still open from earlier years), latest stickprov and
        granskning for the styrelse PDF."""
        analysis = self.risk.analysis(ar)
        previous = self.risk.previous_analysis(analysis) if analysis else None
        moves = tuple(compare(analysis.risks, previous.risks)) if analysis and previous else ()
        plan = self.kontrollplan.plan(ar)
        reviews = self.granskning.granskningar(ar)
        granskning = reviews[0] if reviews else None
        if stickprov_id is None:
            if granskning and granskning.stickprov_id:
                stickprov_id = granskning.stickprov_id
            else:
                samples = self.stickprov.list_stickprov(ar)
                stickprov_id = samples[0].id if samples else None
        sp = self.stickprov.get_stickprov(stickprov_id) if stickprov_id else None
        if granskning and sp and granskning.stickprov_id not in (None, sp.id):
            granskning = next((g for g in reviews if g.stickprov_id == sp.id), None)
        settings = self.risk.settings_for(analysis) if analysis else self.risk.matrix_settings()
        with self.db.session() as s:
            forbund = forbund_name(s)
            still_open = open_atgarder(s, clock.today(), before_year=ar)
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
            still_open,
            clock.today(),
        )

    def export_pdf(self, ar: int, stickprov_id: int | None = None) -> bytes:
        from finsam_desktop.reports.internkontroll.pdf import build_internkontroll_pdf

        return build_internkontroll_pdf(self.report(ar, stickprov_id))

    def export_risk_xlsx(self, ar: int) -> bytes:
        from finsam_desktop.reports.internkontroll.xlsx import risk_table_xlsx

        analysis = self.risk.analysis(ar)
        if analysis is None:
            raise NotFoundError(f"Det finns ingen riskanalys för {ar}.")
        with self.db.session() as s:
            forbund = forbund_name(s)
        return risk_table_xlsx(analysis, self.risk.settings_for(analysis), forbund)

    def export_stickprov_xlsx(self, stickprov_id: int) -> bytes:
        from finsam_desktop.reports.internkontroll.xlsx import stickprov_xlsx

        with self.db.session() as s:
            forbund = forbund_name(s)
        return stickprov_xlsx(self.stickprov.get_stickprov(stickprov_id), forbund, clock.today())
