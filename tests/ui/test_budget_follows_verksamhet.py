"""The Budget tab shows the insatser too: an edit in the Verksamhet tab (a rename) is shown there at once, and back
again after undo, without the two tabs setting each other off."""

from __future__ import annotations

from PySide6.QtGui import QUndoGroup

from finsam_desktop.ui.budget import create_tab as create_budget_tab
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.verksamhet import create_tab as create_verksamhet_tab
from finsam_desktop.ui.verksamhet import insatser_page

IPS = "IPS – arbetslivsinriktad rehabilitering"
RENAMED = "IPS – Individual Placement and Support"


def _budget_names(tab) -> list[str]:
    model = tab.insatser_pane.insats_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_renaming_an_insats_in_verksamhet_shows_in_the_budget_tab(qtbot, demo_services, monkeypatch):
    ctx = UiContext(demo_services, AppEvents(), QUndoGroup())
    budget = create_budget_tab(ctx)
    verksamhet = create_verksamhet_tab(ctx)
    for w in (budget, verksamhet):
        qtbot.addWidget(w)
    assert IPS in _budget_names(budget)
    seen: list[str] = []
    ctx.events.area_changed.connect(seen.append)
    insats = next(i for _d, i in verksamhet.insatser.rows() if i.namn == IPS)
    verksamhet.insatser.select(insats.id)

    def rename(dlg) -> int:
        dlg.namn.setText(RENAMED)
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(insatser_page.InsatsDialog, "exec", rename)
    verksamhet.insatser.edit_btn.click()
    names = _budget_names(budget)
    assert RENAMED in names and IPS not in names
    assert seen == ["verksamhet"]  # the Budget tab reloaded without announcing a change of its own
    verksamhet.undo_stack.undo()
    assert IPS in _budget_names(budget) and RENAMED not in _budget_names(budget)
