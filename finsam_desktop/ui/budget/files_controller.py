"""Controller of files: utfall import (in the background, after choosing the sign convention), undoing the latest
import, the account mapping, and the Excel/PDF exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPlainTextEdit, QWidget

from finsam_desktop.domain.budget.utfall_batches import SignConvention
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.services.budget.area import BudgetArea
from finsam_desktop.ui.budget.dialogs import FormDialog
from finsam_desktop.ui.budget.import_dialogs import SignDialog
from finsam_desktop.ui.budget.state import TabState, UndoRunner
from finsam_desktop.ui.widgets.background import run_in_background


class FilesController:
    def __init__(
        self, parent: QWidget, bs: BudgetArea, state: TabState, runner: UndoRunner, after_change: Callable[[], None]
    ):
        self.parent, self.bs, self.state, self.runner = parent, bs, state, runner
        self.after_change = after_change

    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Importera utfall", "", "Utfall (*.csv *.xlsx);;Alla filer (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(
        self, path: Path, on_done: Callable[[object], None] | None = None, sign: SignConvention | None = None
    ) -> None:
        """Import ``path`` in the background; ``sign`` None asks for the file's sign convention first."""
        if sign is None:
            dlg = SignDialog(path.name, self.bs.utfall.sign_for("standard"), self.parent)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            sign = dlg.value
        data = path.read_bytes()
        year = self.state.year()

        def done(result) -> None:
            self.after_change()
            if result.warnings:
                QMessageBox.warning(self.parent, "Utfall importerat – kontrollera tecknen", result.message)
            else:
                QMessageBox.information(self.parent, "Utfall importerat", result.message)
            if on_done:
                on_done(result)

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self.parent, "Utfallet importerades inte", str(exc))
            if on_done:
                on_done(exc)

        run_in_background(
            self.parent,
            "Importerar utfall…",
            lambda: self.bs.utfall.import_utfall(data, path.name, year=year, sign=sign),
            done,
            failed,
        )

    def on_undo_import(self, confirm: bool = True) -> str | None:
        """Undo the latest utfall import of the year (after asking); returns what was done."""
        year = self.state.year()
        last = self.bs.utfall.last_import(year)
        if last is None:
            QMessageBox.information(self.parent, "Ångra senaste import", f"Det finns ingen utfallsimport för {year}.")
            return None
        if confirm:
            answer = QMessageBox.question(
                self.parent,
                "Ångra senaste import",
                f"Ångra importen av {last.label}?\n\nDet den lade till tas bort och det den ersatte återställs.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            text = self.bs.utfall.undo_last_import(year)
        except FinsamError as exc:
            self.runner.error(exc)
            return None
        self.after_change()
        QMessageBox.information(self.parent, "Importen ångrad", text)
        return text

    def on_mapping(self) -> None:
        mapping = self.bs.utfall.mapping("standard")
        dlg = FormDialog(
            "Kontokoppling",
            self.parent,
            "En rad per konto: KONTO = RADKOD (konto/kostnadsställe som 4000/310). "
            "Utfall på konton som saknas här stoppar importen.",
        )
        edit = QPlainTextEdit("\n".join(f"{k} = {v}" for k, v in sorted(mapping.items())))
        edit.setMinimumHeight(260)
        dlg.form.addRow(edit)

        def collect():
            out = {}
            for n, line in enumerate(edit.toPlainText().splitlines(), start=1):
                if not line.strip():
                    continue
                konto, sep, kod = line.partition("=")
                if not sep or not konto.strip() or not kod.strip():
                    raise ValidationError(f"skriv KONTO = RADKOD (rad {n}).", "Kontokoppling")
                out[konto.strip()] = kod.strip()
            return out

        dlg.collect = collect
        if dlg.exec() == QDialog.DialogCode.Accepted:
            new = dlg.value
            self.runner.perform(
                "Kontokoppling",
                lambda: self.bs.utfall.save_mapping("standard", new),
                lambda: self.bs.utfall.save_mapping("standard", mapping),
            )

    def on_export(self, kind: str) -> None:
        v = self.state.view_data
        if v is None:
            return
        suggested = f"Budgetuppfoljning-{v.per.isoformat()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Spara som", suggested, "Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)"
        )
        if not path:
            return
        year, per = v.budget.year, v.per
        fn = (
            (lambda: self.bs.exports.export_xlsx(year, per))
            if kind == "xlsx"
            else (lambda: self.bs.exports.export_pdf(year, per))
        )

        def done(data: bytes) -> None:
            Path(path).write_bytes(data)
            window = self.parent.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Sparade {path}", 5000)

        run_in_background(self.parent, "Skapar fil…", fn, done)
