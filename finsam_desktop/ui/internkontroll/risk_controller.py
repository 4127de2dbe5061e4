"""The Riskanalys page's controller: the risk actions (through the undo stack while the analysis is a draft),
adoption, versions, next year's copy and the matrix settings, and last year's comparison beside the maps.

``tab`` is the Intern kontroll tab that owns the year, the loaded analysis, the undo stack and the helpers
``run``/``push``/``changed``/``error``/``selected``."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from finsam_desktop.domain.internkontroll.risk import Movement
from finsam_desktop.ui.internkontroll.risk_dialogs import AdoptDialog, MatrixSettingsDialog, RiskDialog
from finsam_desktop.ui.internkontroll.risk_page import RiskPage


class RiskController:
    def __init__(self, tab, page: RiskPage):
        self.tab, self.page = tab, page
        self.ik = tab.ik
        page.b_new_analysis.clicked.connect(self.on_new_analysis)
        page.b_add_risk.clicked.connect(self.on_add_risk)
        page.b_edit_risk.clicked.connect(self.on_edit_risk)
        page.b_remove_risk.clicked.connect(self.on_remove_risk)
        page.b_adopt.clicked.connect(self.on_adopt_analysis)
        page.b_version.clicked.connect(self.on_new_version)
        page.b_copy.clicked.connect(self.on_copy_next_year)
        page.b_matrix.clicked.connect(self.on_matrix_settings)
        page.risk_view.doubleClicked.connect(self.on_edit_risk)

    def show(self, moves: dict[int, object]) -> None:
        """The loaded analysis in the maps and the table, with last year's moves (``moves`` is refilled)."""
        analysis = self.tab.analysis
        moves.clear()
        if analysis:
            for m in self.ik.risk.comparison(analysis.id):
                if m.nummer is not None:
                    moves[m.nummer] = m
        risks = analysis.risks if analysis else ()
        self.page.show_analysis(risks, self.tab.settings, list(moves.values()))
        if not analysis:
            self.page.show_moves([], None, [], has_analysis=False)
        else:
            prev = self.ik.risk.previous_analysis(analysis)
            removed = (
                [m for m in self.ik.risk.comparison(analysis.id) if m.movement is Movement.BORTTAGEN] if prev else []
            )
            self.page.show_moves(list(moves.values()), prev.ar if prev else None, removed, has_analysis=True)

    def on_new_analysis(self) -> None:
        tab = self.tab
        if tab.run(lambda: self.ik.risk.create_analysis(tab.year.value())):
            tab.undo_stack.clear()
            tab.changed()

    def on_add_risk(self) -> None:
        tab = self.tab
        dlg = RiskDialog(None, tab.settings, tab)
        if not dlg.exec():
            return
        aid = tab.analysis.id
        saved: list = []

        def redo() -> None:
            risk = dlg.result_value if not saved else saved[0]
            saved[:] = [self.ik.risk.save_risk(aid, risk)]

        tab.push("Ny risk", redo, lambda: self.ik.risk.remove_risk(saved[0].id))

    def on_edit_risk(self, *_args) -> None:
        tab = self.tab
        risk = tab.selected(self.page.risk_view)
        if risk is None or not self.page.b_edit_risk.isEnabled():
            return
        dlg = RiskDialog(risk, tab.settings, tab)
        if not dlg.exec():
            return
        aid, new = tab.analysis.id, dlg.result_value
        tab.push(
            f"Ändra risk {risk.nummer}",
            lambda: self.ik.risk.save_risk(aid, new),
            lambda: self.ik.risk.save_risk(aid, risk),
        )

    def on_remove_risk(self) -> None:
        tab = self.tab
        risk = tab.selected(self.page.risk_view)
        if risk is None:
            return
        aid = tab.analysis.id
        tab.push(
            f"Ta bort risk {risk.nummer}",
            lambda: self.ik.risk.remove_risk(risk.id),
            lambda: self.ik.risk.save_risk(aid, risk),
        )

    def on_adopt_analysis(self) -> None:
        tab = self.tab
        dlg = AdoptDialog("riskanalysen", self.ik.lookups.agenda_choices(tab.year.value()), tab)
        if dlg.exec():
            text, datum, item_id = dlg.result_value
            if tab.run(lambda: self.ik.risk.adopt_analysis(tab.analysis.id, text, datum, item_id)):
                tab.undo_stack.clear()
                tab.changed()

    def on_new_version(self) -> None:
        if self.tab.run(lambda: self.ik.risk.new_analysis_version(self.tab.analysis.id)):
            self.tab.changed()

    def on_copy_next_year(self) -> None:
        tab = self.tab
        if tab.run(lambda: self.ik.risk.copy_to_next_year(tab.analysis.id)):
            tab.year.setValue(tab.year.value() + 1)
            tab.changed()

    def on_matrix_settings(self) -> None:
        tab = self.tab
        dlg = MatrixSettingsDialog(self.ik.risk.matrix_settings(), tab)
        if not dlg.exec():
            return
        settings = dlg.result_value
        change = self.ik.risk.matrix_change_text(settings)
        if change and not confirm_matrix_change(tab, change):
            return
        if tab.run(lambda: self.ik.risk.save_matrix_settings(settings)):
            tab.changed()


def confirm_matrix_change(parent, change: str) -> bool:
    """Ask before the size or the colour bands change: says what changes and that adopted analyses keep theirs."""
    answer = QMessageBox.question(
        parent,
        "Ändra riskmatrisen?",
        f"{change}\n\nVill du spara den nya riskmatrisen?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
