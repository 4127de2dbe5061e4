"""Medlemsavgifter: from FK's besked to every member's contribution."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from finsam_desktop.domain.budget.contributions import contribution_plan
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.organisation.model import MemberKind
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MemberRow
from finsam_desktop.services.budget.dto import (
    ContributionView,
)
from finsam_desktop.services.budget.rows import (
    ZERO,
    budget_doc,
    current_row,
)
from finsam_desktop.services.budget.settings import year_settings_in
from finsam_desktop.services.organisation.service import member_dto


class ContributionsService:
    """Member contributions compared with the year's budget."""

    def __init__(self, db: Database):
        self.db = db

    def contributions(self, year: int, state_amount: Decimal | None = None) -> ContributionView:
        """From FK's besked to every member's contribution; compares with the year's budget."""
        with self.db.session() as s:
            members = [member_dto(m) for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
            settings = year_settings_in(s, year)
            amount = state_amount if state_amount is not None else settings.state_allocation
            plan = contribution_plan(amount, members) if amount is not None else None
            budget = current_row(s, year)
            budgeted: dict[int, Decimal] = {}
            problems: tuple[str, ...] = ()
            if budget is not None:
                doc = budget_doc(s, budget)
                for ln in doc.lines:
                    if ln.member_id is not None and ln.budget is not None:
                        budgeted[ln.member_id] = budgeted.get(ln.member_id, ZERO) + ln.budget
                problems = doc.contribution_problems
                if plan is not None and budgeted:
                    extra = []
                    for r in plan.rows:
                        got = budgeted.get(r.member_id)
                        if r.kind is not MemberKind.ARBETSFORMEDLINGEN and got is not None and got != r.amount:
                            extra.append(
                                f"{r.namn}: budgeten har {format_kr(got)}, medelstilldelningen ger {format_kr(r.amount)}."
                            )
                    problems = problems + tuple(extra)
            return ContributionView(year, amount, plan, budgeted, problems, {m.id: m.namn for m in members})
