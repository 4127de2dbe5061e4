"""The Kontrollplan page's controller: new plan, controls generated from the risk analysis, edits through the
undo stack while the plan is a draft, each control's status, adoption and versions.

``tab`` is the Intern kontroll tab that owns the year, the loaded analysis and plan, the undo stack and the
helpers ``run``/``push``/``changed``/``error``/``selected``."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.internkontroll.plan_dialogs import PlanRowDialog, StatusDialog
from finsam_desktop.ui.internkontroll.plan_page import PlanPage
from finsam_desktop.ui.internkontroll.risk_dialogs import AdoptDialog


class PlanController:
    def __init__(self, tab, page: PlanPage):
        self.tab, self.page = tab, page
        self.ik = tab.ik
        page.b_new_plan.clicked.connect(self.on_new_plan)
        page.b_generate.clicked.connect(self.on_generate)
        page.b_add_row.clicked.connect(self.on_add_row)
        page.b_edit_row.clicked.connect(self.on_edit_row)
        page.b_remove_row.clicked.connect(self.on_remove_row)
        page.b_status.clicked.connect(self.on_status)
        page.b_adopt_plan.clicked.connect(self.on_adopt_plan)
        page.b_plan_version.clicked.connect(self.on_new_plan_version)
        page.plan_view.doubleClicked.connect(self.on_edit_row)

    def show(self) -> None:
        analysis = self.tab.analysis
        self.page.show_plan(self.tab.plan, analysis.risks if analysis else (), self.arshjul_events())
        year = self.tab.year.value()
        self.page.show_open_atgarder(self.ik.atgarder.open_atgarder(year), year)

    def arshjul_events(self) -> list[tuple[int, str]]:
        """The year's årshjul events to link a control to (empty if the årshjul has none)."""
        try:
            events = self.tab.ctx.services.arshjul.events.list_events(self.tab.year.value())
        except (FinsamError, ImportError, AttributeError):
            return []
        out = []
        for e in events:
            when = f" ({e.start.isoformat()})" if getattr(e, "start", None) else ""
            out.append((e.id, f"{e.title}{when}"))
        return out

    def _risks(self):
        return self.tab.analysis.risks if self.tab.analysis else ()

    def on_new_plan(self) -> None:
        if self.tab.run(lambda: self.ik.kontrollplan.create_plan(self.tab.year.value())):
            self.tab.changed()

    def on_generate(self) -> None:
        tab = self.tab
        if tab.analysis is None:
            tab.error(FinsamError("Det finns ingen riskanalys för året att skapa kontroller från."))
            return
        rows = tab.run(
            lambda: self.ik.kontrollplan.generate_plan_rows(tab.plan.id, tab.analysis.id, self.page.min_value.value())
        )
        if rows is not None:
            if not rows:
                QMessageBox.information(tab, "Intern kontroll", "Alla risker över gränsen har redan en kontroll.")
            tab.undo_stack.clear()
            tab.changed()

    def on_add_row(self) -> None:
        tab = self.tab
        dlg = PlanRowDialog(None, self._risks(), self.arshjul_events(), tab)
        if not dlg.exec():
            return
        pid = tab.plan.id
        saved: list = []

        def redo() -> None:
            saved[:] = [self.ik.kontrollplan.save_plan_row(pid, dlg.result_value if not saved else saved[0])]

        tab.push("Ny kontroll", redo, lambda: self.ik.kontrollplan.remove_plan_row(saved[0].id))

    def on_edit_row(self, *_args) -> None:
        tab = self.tab
        row = tab.selected(self.page.plan_view)
        if row is None:
            return
        if not self.page.b_edit_row.isEnabled():
            self.on_status()
            return
        dlg = PlanRowDialog(row, self._risks(), self.arshjul_events(), tab)
        if dlg.exec():
            pid, new = tab.plan.id, dlg.result_value
            tab.push(
                f"Ändra kontroll {row.nummer}",
                lambda: self.ik.kontrollplan.save_plan_row(pid, new),
                lambda: self.ik.kontrollplan.save_plan_row(pid, row),
            )

    def on_remove_row(self) -> None:
        tab = self.tab
        row = tab.selected(self.page.plan_view)
        if row is None:
            return
        pid = tab.plan.id
        tab.push(
            f"Ta bort kontroll {row.nummer}",
            lambda: self.ik.kontrollplan.remove_plan_row(row.id),
            lambda: self.ik.kontrollplan.save_plan_row(pid, row),
        )

    def on_status(self) -> None:
        tab = self.tab
        row = tab.selected(self.page.plan_view)
        if row is None:
            return
        dlg = StatusDialog(row, tab)
        if dlg.exec():
            status, comment = dlg.result_value
            tab.push(
                f"Status {row.process}",
                lambda: self.ik.kontrollplan.set_control_status(row.id, status, comment),
                lambda: self.ik.kontrollplan.set_control_status(row.id, row.status, row.status_kommentar),
            )

    def on_adopt_plan(self) -> None:
        tab = self.tab
        dlg = AdoptDialog("kontrollplanen", self.ik.lookups.agenda_choices(tab.year.value()), tab)
        if dlg.exec():
            text, datum, item_id = dlg.result_value
            if tab.run(lambda: self.ik.kontrollplan.adopt_plan(tab.plan.id, text, datum, item_id)):
                tab.undo_stack.clear()
                tab.changed()

    def on_new_plan_version(self) -> None:
        if self.tab.run(lambda: self.ik.kontrollplan.new_plan_version(self.tab.plan.id)):
            self.tab.changed()
