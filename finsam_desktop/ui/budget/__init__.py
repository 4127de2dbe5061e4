"""The Budget tab: budget, follow-up with prognos and utfall, insatser and payouts, member
contributions and eget kapital."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Budget"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.budget.tab import BudgetTab

    return BudgetTab(ctx)
