"""Controller for the Årshjul tab's year-level actions: create a year from the standard year, the
sammanträdesplan, the standard year as a file, the rings, importing a list, and the exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.arshjul.dialogs.categories import CategoriesDialog
from finsam_desktop.ui.arshjul.dialogs.common import ask_year, show_error
from finsam_desktop.ui.arshjul.dialogs.plan import PlanDialog
from finsam_desktop.ui.arshjul.editing import EditingController
from finsam_desktop.ui.widgets.background import run_in_background

if TYPE_CHECKING:
    from finsam_desktop.ui.arshjul.tab import ArshjulTab


class YearActionsController:
    def __init__(self, tab: ArshjulTab, editing: EditingController):
        self.tab = tab
        self.svc = tab.svc
        self.editing = editing

    def create_year(self) -> None:
        tab = self.tab
        current = tab.toolbar.year.value()
        default = current if tab.view is not None and not tab.view.events else current + 1
        year = ask_year(tab, "Skapa årshjul", "Skapa årshjul för år:", default)
        if year is None:
            return
        try:
            result = self.svc.standard.create_year(year)
        except FinsamError as exc:
            show_error(tab, exc)
            return
        QMessageBox.information(
            tab,
            "Årshjul skapat",
            f"Årshjulet för {year} har {result.created} händelser från standardåret"
            + (f" och {result.carried_over} egna händelser från {year - 1}" if result.carried_over else "")
            + ".",
        )
        tab.toolbar.year.setValue(year)
        tab.changed()

    def enter_plan(self) -> None:
        tab = self.tab
        year = tab.toolbar.year.value()
        try:
            proposal = self.svc.plan.propose_plan(year)
        except FinsamError as exc:
            show_error(tab, exc)
            return
        dialog = PlanDialog(year, proposal, tab)
        if dialog.exec() != PlanDialog.DialogCode.Accepted:
            return
        try:
            result = self.svc.plan.create_sammantradesplan(year, dialog.entries)
        except FinsamError as exc:
            show_error(tab, exc)
            return
        text = f"{len(result.meeting_ids)} sammanträden skapades i fliken Sammanträden."
        if result.warnings:
            text += "\n\n" + "\n".join(result.warnings)
        QMessageBox.information(tab, f"Sammanträdesplan {year}", text)
        tab.changed("sammantraden")

    def export_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.tab, "Spara standardåret", "standardar.json", "JSON (*.json)")
        if path:
            Path(path).write_text(self.svc.standard.template_text(), encoding="utf-8")

    def import_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.tab, "Läs in standardår", "", "JSON (*.json)")
        if not path:
            return
        try:
            template = self.svc.standard.save_template(Path(path).read_text(encoding="utf-8"))
        except (FinsamError, OSError, UnicodeDecodeError) as exc:
            show_error(self.tab, exc)
            return
        QMessageBox.information(
            self.tab,
            "Standardår",
            f"Standardåret har {len(template.items)} händelser. Det används nästa gång ett årshjul skapas.",
        )

    def reset_template(self) -> None:
        self.svc.standard.reset_template()

    def edit_categories(self) -> None:
        dialog = CategoriesDialog(self.svc.categories.categories(), self.tab)
        if dialog.exec() != CategoriesDialog.DialogCode.Accepted:
            return
        for before, after in dialog.changed():
            self.editing.do(
                f"Ändra ringen {before.namn}",
                lambda a=after: self.svc.categories.save_category(a),
                undo=lambda _r, b=before: self.svc.categories.save_category(b),
                redo=lambda _r, a=after: self.svc.categories.save_category(a),
            )

    def import_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.tab, "Importera händelser", "", "Listor (*.csv *.txt *.xlsx);;Alla filer (*)"
        )
        if not path:
            return
        try:
            result = self.svc.imports.import_calendar(Path(path).read_bytes())
        except (FinsamError, OSError) as exc:
            show_error(self.tab, exc)
            return
        QMessageBox.information(self.tab, "Import", result.message)
        self.tab.changed()

    def export(self, fmt: str, size: str = "") -> None:
        tab = self.tab
        year = tab.toolbar.year.value()
        suffix = {"ics": "ics", "pdf": "pdf", "xlsx": "xlsx"}[fmt]
        label = {"ics": "Kalender (*.ics)", "pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)"}[fmt]
        default = f"Årshjul {year}{' ' + size if size else ''}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(tab, "Exportera årshjul", default, label)
        if not path:
            return
        svc = self.svc

        def work() -> int:
            if fmt == "ics":
                data = svc.exports.export_ics(year)
            elif fmt == "pdf":
                data = svc.exports.export_pdf(year, size or "A3")
            else:
                data = svc.exports.export_xlsx(year)
            Path(path).write_bytes(data)
            return len(data)

        run_in_background(
            tab,
            "Exporterar årshjulet…",
            work,
            lambda n: self._status(f"Sparade {path} ({n // 1024} kB)."),
            lambda exc: show_error(tab, exc),
        )

    def _status(self, text: str) -> None:
        window = self.tab.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)
