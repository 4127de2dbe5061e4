"""The verksamhetsplan's own budget table typed in the GUI (issue 16: seed 000's "Budgetplan" entered as the
document prints it, its wrong totals flagged): started from Budget's figures, checked while typing, a bad amount
refused with its row and column and the dialog left open, saved as one undoable step, and removed again so that
the plan shows Budget's figures."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from finsam_desktop.ui.main_window import TABS, MainWindow
from finsam_desktop.ui.verksamhet.budget_table_dialog import FIXED, BudgetTableDialog
from tests.ui.test_verksamhet_plan_page import _open, _select, messages  # noqa: F401 - the fixture

PREVIEW_TYPED = "Budgettabellen inskriven i planen"
pytestmark = pytest.mark.usefixtures("messages")  # message boxes recorded, not shown


def _row(dialog: BudgetTableDialog, text: str) -> int:
    return next(r for r in range(dialog.rows.rowCount()) if dialog.rows.item(r, 1).text() == text)


def test_a_typed_budget_table_is_checked_while_typing_saved_undoably_and_removed(qtbot, demo_services, monkeypatch):
    plan = demo_services.verksamhet.plan
    tab = _open(qtbot, demo_services)
    ed = tab.plan.editor
    _select(tab.plan, "budget")
    assert ed.budget_btn.isVisible() and ed.budget_btn.isEnabled()
    assert PREVIEW_TYPED not in ed.preview.toPlainText()
    seen: dict = {}

    def type_table(dlg: BudgetTableDialog) -> int:
        assert dlg.remove_btn is None  # nothing typed yet: nothing to remove
        dlg.from_budget_btn.click()
        seen["from_budget"] = dlg.check.text()
        columns = [dlg.rows.horizontalHeaderItem(c).text() for c in range(FIXED, dlg.rows.columnCount())]
        assert columns == ["Budget 2025", "Budget 2026", "Budget 2027", "Budget 2028"]
        # The document's "Lokaler" for 2026 is typed 10 000 kr higher: the stated Summa kostnader no longer adds up.
        lokaler = _row(dlg, "Lokaler")
        dlg.rows.item(lokaler, FIXED + 1).setText("100 000")
        seen["typed"] = dlg.check.text()
        dlg.rows.item(lokaler, FIXED + 2).setText("12,3,4")
        dlg.accept()
        seen["bad"] = dlg.error.text()
        assert not plan.get(2026).budget_table
        dlg.rows.item(lokaler, FIXED + 2).setText("91 800")
        dlg.accept()
        return 1

    monkeypatch.setattr(BudgetTableDialog, "exec", type_table)
    ed.budget_btn.click()
    assert seen["from_budget"] == "✓ De angivna summorna och resultatet stämmer med raderna."
    assert "Summa kostnader, Budget 2026: dokumentet anger 6 878 549 kr, men kostnadsraderna ger 6 888 549 kr" in (
        seen["typed"].replace("\u00a0", " ")
    )
    assert "rad " in seen["bad"] and "”Lokaler”" in seen["bad"] and "Budget 2027" in seen["bad"]
    saved = plan.get(2026).budget_table
    assert [c.label for c in saved.columns][1] == "Budget 2026" and len(saved.rows) > 20
    # The plan now shows the typed table, its wrong sum among the page's flags.
    assert PREVIEW_TYPED in ed.preview.toPlainText()
    assert "6 888 549" in tab.plan.flags.text().replace("\u00a0", " ")
    tab.undo_stack.undo()
    assert not plan.get(2026).budget_table
    tab.undo_stack.redo()
    assert plan.get(2026).budget_table == saved

    # Opened again, the dialog holds the saved table; "Visa Budgets siffror" removes it (undoable too).
    def remove(dlg: BudgetTableDialog) -> int:
        seen["rows"] = dlg.rows.rowCount()
        dlg.remove_btn.click()
        return 1

    monkeypatch.setattr(BudgetTableDialog, "exec", remove)
    _select(tab.plan, "budget")
    ed.budget_btn.click()
    assert seen["rows"] == len(saved.rows)
    assert not plan.get(2026).budget_table
    assert PREVIEW_TYPED not in ed.preview.toPlainText()
    tab.undo_stack.undo()
    assert plan.get(2026).budget_table == saved


def test_the_budget_button_shows_only_for_the_budget_section(qtbot, demo_services):
    tab = _open(qtbot, demo_services)
    _select(tab.plan, "budget")
    assert tab.plan.editor.budget_btn.isVisible()
    _select(tab.plan, "bilaga_arshjul")
    assert not tab.plan.editor.budget_btn.isVisible()


def test_the_budget_section_and_its_dialog_keep_every_key_their_own(qtbot, demo_workspace):
    from test_keyboard import page_keys

    win = MainWindow(demo_workspace)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.tabs.setCurrentIndex([n for n, _t, _c in TABS].index("verksamhet"))
    tab = win.tab_widget("verksamhet")
    tab.tabs.setCurrentWidget(tab.plan)
    QApplication.processEvents()
    _select(tab.plan, "budget")
    QApplication.processEvents()
    assert tab.plan.editor.budget_btn.isVisible()
    owners, keyless = page_keys(win)
    assert keyless == [] and {k: n for k, n in owners.items() if len(n) > 1} == {}
    plan = demo_workspace.services.verksamhet.plan
    suggestion = plan.budget_suggestion(2026)
    dialog = BudgetTableDialog(2026, suggestion, suggestion, lambda _t: None, lambda: None, win)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    owners, keyless = page_keys(dialog)
    assert keyless == [] and {k: n for k, n in owners.items() if len(n) > 1} == {}
    assert len(owners) >= 10
