"""The budget area object: what ``services.budget`` returns, one attribute per use-case service."""

from __future__ import annotations

from finsam_desktop.domain.budget.lines import plan_years
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arshjul.ports import Decision
from finsam_desktop.services.budget.contributions import ContributionsService
from finsam_desktop.services.budget.exports import BudgetExportsService
from finsam_desktop.services.budget.followup import FollowupService
from finsam_desktop.services.budget.grants import GrantsService
from finsam_desktop.services.budget.insatser import InsatserService
from finsam_desktop.services.budget.lines import BudgetLinesService
from finsam_desktop.services.budget.periodisation import PeriodisationService
from finsam_desktop.services.budget.settings import BudgetSettingsService
from finsam_desktop.services.budget.utfall import UtfallService
from finsam_desktop.services.budget.versions import BudgetVersionsService


class BudgetArea:
    """The budget use cases, e.g. ``services.budget.versions.create_budget(...)``,
    ``services.budget.followup.followup_view(...)``, ``services.budget.utfall.import_utfall(...)``."""

    def __init__(self, db: Database):
        self.db = db
        self.settings = BudgetSettingsService(db)
        self.versions = BudgetVersionsService(db)
        self.lines = BudgetLinesService(db)
        self.followup = FollowupService(db)
        self.utfall = UtfallService(db)
        self.periodisation = PeriodisationService(db)
        self.contributions = ContributionsService(db)
        self.insatser = InsatserService(db)
        self.grants = GrantsService(db, self.insatser)
        self.exports = BudgetExportsService(self.followup, self.versions, self.grants, self.contributions)

    def arshjul_decisions(self, year: int) -> dict[str, Decision]:
        """The Årshjul's budget event of ``year`` (next year's budget): done when it is fastställd, named with the
        plan years the budget has."""
        budget_year = year + 1
        first, last = plan_years(budget_year)[0], plan_years(budget_year)[-1]
        done = any(b.locked for b in self.versions.list_budgets(budget_year))
        return {
            "budget": Decision(
                done,
                f"Budget och verksamhetsplan {budget_year} med plan för {first}–{last}",
                area="budget",
                area_name="Budget",
                todo=f"fastställ budgeten för {budget_year} där",
            )
        }
