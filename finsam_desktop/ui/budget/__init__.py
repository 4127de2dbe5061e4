"""The Budget tab: budget, follow-up with prognos and utfall, insatser and payouts, member
contributions and eget kapital.

- ``tab.py`` – ``BudgetTab``: the year/per bar, the five panes in sub-tabs, loading them, read-only state.
- Panes (widgets and layout, no service calls): ``followup_pane.py`` (follow-up table, summary, charts),
  ``budget_pane.py`` (versions and lines), ``insatser_pane.py`` (insatser and payout plan),
  ``contributions_pane.py`` (medlemsavgifter), ``equity_pane.py`` (eget kapital and goals).
- Controllers (slots that call ``services.budget`` and put changes on the undo stack):
  ``followup_controller.py``, ``budget_controller.py``, ``insatser_controller.py``,
  ``settings_controller.py`` (contributions, eget kapital, goals), ``files_controller.py`` (import with its sign
  convention, undo of the latest import, export).
- ``state.py`` – ``TabState`` (year and the loaded data the controllers read) and ``UndoRunner``.
- ``models.py`` – table models; ``dialogs.py`` – dialogs; ``import_dialogs.py`` – a line's periodisation and an
  import's sign convention; ``chart.py`` – the two charts;
  ``widgets.py`` – table and label factories.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Budget"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.budget.tab import BudgetTab

    return BudgetTab(ctx)
