"""Controller of the year's settings: medelstilldelning and member contributions, the lowest-party
rule, eget kapital, its limits and the goals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_desktop.domain.budget.contributions import binding_state_level
from finsam_desktop.domain.budget.equity import EquityLimits
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.domain.organisation.model import Side
from finsam_desktop.services.budget.area import BudgetArea
from finsam_desktop.ui.budget.contributions_pane import ContributionsPane
from finsam_desktop.ui.budget.dialogs import amount_text
from finsam_desktop.ui.budget.equity_pane import EquityPane
from finsam_desktop.ui.budget.state import TabState, UndoRunner


class SettingsController:
    def __init__(
        self,
        bs: BudgetArea,
        state: TabState,
        runner: UndoRunner,
        contributions: ContributionsPane,
        equity: EquityPane,
    ):
        self.bs, self.state, self.runner = bs, state, runner
        self.contributions, self.equity = contributions, equity
        contributions.calc_btn.clicked.connect(self.on_calc_contributions)
        contributions.save_state_btn.clicked.connect(self.on_save_state)
        contributions.binding_btn.clicked.connect(self.on_binding)
        equity.save_equity_btn.clicked.connect(self.on_save_equity)

    def show_contributions(self, amount: Decimal | None) -> None:
        self.contributions.show_contributions(self.bs.contributions.contributions(self.state.year(), amount))

    def on_calc_contributions(self) -> None:
        pane = self.contributions
        try:
            amount = (
                parse_amount(pane.state_amount.text(), "Statlig medelstilldelning")
                if pane.state_amount.text().strip()
                else None
            )
            self.show_contributions(amount)
        except FinsamError as exc:
            self.runner.error(exc)

    def on_binding(self) -> None:
        pane = self.contributions
        try:
            offers = {
                side: parse_amount(edit.text(), f"Erbjudande {label}")
                for side, edit, label in (
                    (Side.STATE, pane.offer_state, "staten"),
                    (Side.REGION, pane.offer_region, "regionen"),
                    (Side.KOMMUN, pane.offer_kommun, "kommunerna"),
                )
                if edit.text().strip()
            }
            level = binding_state_level(offers)
        except FinsamError as exc:
            self.runner.error(exc)
            return
        pane.state_amount.setText(amount_text(level))
        self.show_contributions(level)

    def on_save_state(self) -> None:
        pane = self.contributions
        old = self.bs.settings.year_settings(self.state.year())
        try:
            amount = (
                parse_amount(pane.state_amount.text(), "Statlig medelstilldelning")
                if pane.state_amount.text().strip()
                else None
            )
            besked = parse_date(pane.besked.text(), "Beskedets datum") if pane.besked.text().strip() else None
        except FinsamError as exc:
            self.runner.error(exc)
            return
        new = replace(old, state_allocation=amount, besked_datum=besked)
        self.runner.perform(
            "Medelstilldelning",
            lambda: self.bs.settings.save_year_settings(new),
            lambda: self.bs.settings.save_year_settings(old),
        )

    def on_save_equity(self) -> None:
        pane = self.equity
        old = self.bs.settings.year_settings(self.state.year())
        unit = pane.selected_unit()
        try:
            opening = (
                unit.to_kr(parse_amount(pane.ek_opening.text(), "Eget kapital vid årets början"))
                if pane.ek_opening.text().strip()
                else None
            )
            limits = EquityLimits(
                unit.to_kr(parse_amount(pane.ek_min.text(), "Lägsta eget kapital")),
                parse_amount(pane.ek_max.text(), "Högsta andel"),
                self.bs.settings.equity_limits().recommendation,
            )
            goal = parse_amount(pane.individ_goal.text(), "Mål individinriktade insatser")
            threshold = parse_amount(pane.threshold.text(), "Avvikelse som markeras")
            self.bs.settings.set_equity_limits(limits)
            self.bs.settings.set_goals(goal, threshold)
            if unit is not self.bs.settings.unit():
                self.bs.settings.set_unit(unit)
        except FinsamError as exc:
            self.runner.error(exc)
            return
        new = replace(old, ek_opening=opening, ek_note=pane.ek_note.text().strip())
        self.runner.perform(
            "Eget kapital",
            lambda: self.bs.settings.save_year_settings(new),
            lambda: self.bs.settings.save_year_settings(old),
        )
