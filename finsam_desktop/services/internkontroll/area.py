"""The internkontroll area object: ``services.internkontroll`` returns one of these, whose attributes are the
use cases."""

from __future__ import annotations

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arshjul.ports import Decision
from finsam_desktop.services.internkontroll.atgarder import AtgardService
from finsam_desktop.services.internkontroll.exports import ExportsService
from finsam_desktop.services.internkontroll.granskning import GranskningService
from finsam_desktop.services.internkontroll.kontrollplan import KontrollplanService
from finsam_desktop.services.internkontroll.lookups import LookupsService
from finsam_desktop.services.internkontroll.risk import RiskAnalysisService
from finsam_desktop.services.internkontroll.stickprov import StickprovService

#: Where the Årshjul sends a user who wants to change the status of the events standing for this area's decisions.
_AREA = {"area": "internkontroll", "area_name": "Intern kontroll"}


class InternkontrollArea:
    """Risk analysis, kontrollplan, stickprov and granskning for the open file, by use case:

    - ``risk``: the risk- och väsentlighetsanalys and the förbund's matrix settings;
    - ``kontrollplan``: the plan för intern styrning och kontroll and each control's status;
    - ``lookups``: styrelse paragraphs to adopt at, and the role holders on a day;
    - ``stickprov``: import of a ledger file, the reproducible draw and the attest check of each item;
    - ``granskning``: the reviewers' judgement of each item and the granskning record;
    - ``atgarder``: the åtgärd per population finding and the ones still open from earlier years;
    - ``exports``: the styrelse PDF and the Excel files.
    """

    def __init__(self, db: Database):
        self.db = db
        self.risk = RiskAnalysisService(db)
        self.kontrollplan = KontrollplanService(db)
        self.lookups = LookupsService(db)
        self.stickprov = StickprovService(db)
        self.granskning = GranskningService(db, self.stickprov)
        self.atgarder = AtgardService(db)
        self.exports = ExportsService(db, self.risk, self.kontrollplan, self.stickprov, self.granskning)

    def arshjul_decisions(self, year: int) -> dict[str, Decision]:
        """The Årshjul's "… {year + 1} antas" events: done when next year's analysis or plan is antagen."""
        analysis, plan = self.risk.analysis(year + 1), self.kontrollplan.plan(year + 1)
        return {
            "riskanalys": Decision(
                bool(analysis and analysis.locked), todo=f"anta riskanalysen för {year + 1} där", **_AREA
            ),
            "ik_plan": Decision(
                bool(plan and plan.locked), todo=f"anta planen för intern kontroll {year + 1} där", **_AREA
            ),
        }
