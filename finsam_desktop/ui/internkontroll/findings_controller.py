"""The findings view's controller: shows the population analysis of the chosen stickprov and records the åtgärd
of a finding through the undo stack (one service call, one transaction, per action).

``tab`` is the Intern kontroll tab (``ik``, ``push``, ``selected``, ``ctx.read_only``)."""

from __future__ import annotations

from finsam_desktop import clock
from finsam_desktop.ui.internkontroll.atgard_dialog import AtgardDialog
from finsam_desktop.ui.internkontroll.findings_view import FindingsView


class FindingsController:
    def __init__(self, tab, view: FindingsView):
        self.tab, self.view = tab, view
        self.ik = tab.ik
        view.b_atgard.clicked.connect(self.on_atgard)
        view.view.doubleClicked.connect(self.on_atgard)

    def show(self, sp) -> None:
        self.view.show_population(sp, clock.today())
        self.view.update_enabled(self.tab.ctx.read_only)

    def people(self) -> list[str]:
        """Who is usually ansvarig: the förbundschef first, then the ordförande and vice ordförande."""
        holders = self.ik.lookups.role_holders(clock.today())
        names = [holders.get(k, "") for k in ("forbundschef", "ordforande", "vice_ordforande")]
        return list(dict.fromkeys(n for n in names if n))

    def dialog(self, row) -> AtgardDialog:
        return AtgardDialog(row, self.people(), self.tab)

    def on_atgard(self, *_args) -> None:
        tab = self.tab
        if tab.ctx.read_only:
            return
        row = tab.selected(self.view.view)
        if row is None:
            return
        dlg = self.dialog(row)
        if dlg.exec():
            self.record(row, dlg.result_value)

    def record(self, row, atgard) -> None:
        """Record ``atgard`` for the finding ``row`` as one undoable step."""
        before = row.atgard
        self.tab.push(
            f"Åtgärd för {row.finding.rule.label.lower()}",
            lambda: self.ik.atgarder.set_atgard(row.id, atgard),
            lambda: self.ik.atgarder.set_atgard(row.id, before),
        )
