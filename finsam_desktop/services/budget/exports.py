"""Exports: the budget workbook and the follow-up PDF."""

from __future__ import annotations

from datetime import date

from finsam_desktop.services.budget.contributions import ContributionsService
from finsam_desktop.services.budget.followup import FollowupService
from finsam_desktop.services.budget.grants import GrantsService
from finsam_desktop.services.budget.versions import BudgetVersionsService


class BudgetExportsService:
    """The budget workbook (.xlsx) and the follow-up PDF."""

    def __init__(
        self,
        followup: FollowupService,
        versions: BudgetVersionsService,
        grants: GrantsService,
        contributions: ContributionsService,
    ):
        self.followup = followup
        self.versions = versions
        self.grants = grants
        self.contributions = contributions

    def export_xlsx(self, year: int, per: date | None = None) -> bytes:
        from finsam_desktop.reports.budget.xlsx import build_budget_workbook

        view = self.followup.followup_view(year, per)
        return build_budget_workbook(
            view,
            self.versions.budget(view.budget.id),
            self.grants.payout_schedule(year),
            self.contributions.contributions(year),
        )

    def export_pdf(self, year: int, per: date | None = None) -> bytes:
        from finsam_desktop.reports.budget.pdf import build_budget_pdf

        return build_budget_pdf(self.followup.followup_view(year, per))
