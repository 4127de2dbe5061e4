"""Bokföring: the stored years (år, källa, status, intäkter, kostnader, årets resultat, eget kapital, flaggor) and
the actions on the books: import an SIE 4 file, type or paste balances, antal anställda, remove a draft year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.arsredovisning.dto import YearSummary
from finsam_desktop.ui.arsredovisning.dialogs import BalancesDialog
from finsam_desktop.ui.arsredovisning.models import YEAR_COLUMNS, button, table
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class BooksPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.model, self.view = table(
            YEAR_COLUMNS,
            "Lagrade räkenskapsår",
            "Ett år per rad: källa, status (utkast eller fastställd med §), intäkter, kostnader, årets resultat, "
            "eget kapital och antal flaggor från avstämningen.",
            stretch=1,
        )
        self.import_btn = button("&Importera SIE…", "Importera SIE-fil", "Bokföringen för ett år från en SIE 4-fil")
        self.balances_btn = button("Mata in &saldon…", "Mata in saldon", "Saldon per konto, inklistrade")
        self.staff_btn = button("Antal a&nställda…", "Antal anställda")
        self.delete_btn = button("Ta &bort år", "Ta bort år", "Tar bort årets bokföring och texter (inte fastställda)")
        buttons = QHBoxLayout()
        for b in (self.import_btn, self.balances_btn, self.staff_btn, self.delete_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.import_btn.clicked.connect(self.on_import)
        self.balances_btn.clicked.connect(self.on_balances)
        self.staff_btn.clicked.connect(self.on_staff)
        self.delete_btn.clicked.connect(self.on_delete)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)

    def show_years(self, years: list[YearSummary]) -> None:
        self.model.set_rows(years)
        writable = not self.tab.ctx.read_only
        for b in (self.import_btn, self.balances_btn):
            b.setEnabled(writable)

    def select_year(self, year: int | None) -> None:
        for row, y in enumerate(self.model.rows):
            if y.year == year:
                self.view.blockSignals(True)
                self.view.selectRow(row)
                self.view.blockSignals(False)
        self.staff_btn.setEnabled(self.tab.editable())
        # An adopted year can be chosen: the service then says why it cannot be removed.
        self.delete_btn.setEnabled(not self.tab.ctx.read_only and year is not None)

    def _row_chosen(self, current, _previous) -> None:
        y = current.data(ROW_ROLE) if current.isValid() else None
        if y is not None and y.year != self.tab.year():
            self.tab.year_box.setCurrentIndex(self.tab.year_box.findData(y.year))

    # --- actions ----------------------------------------------------------------------------------------------
    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Importera SIE-fil", "", "SIE-filer (*.se *.si *.sie *.txt);;Alla filer (*)"
        )
        if not path:
            return
        try:
            result = self.tab.ar.books.import_sie(Path(path).read_bytes(), Path(path).name)
        except (FinsamError, OSError) as exc:
            self.tab.error(exc, "Filen importerades inte")
            return
        self.tab.locked_change()
        self.tab.changed(result.year)
        self.tab.info("SIE-fil importerad", result.message)

    def on_balances(self) -> None:
        year = self.tab.year() or clock.today().year - 1
        dlg = BalancesDialog(year, self.tab.ar.books.enter_balances, self)
        if dlg.exec() and dlg.result_value is not None:
            self.tab.locked_change()
            self.tab.changed(dlg.result_value.year)
            self.tab.info("Saldon inmatade", dlg.result_value.message)

    def on_staff(self) -> None:
        year = self.tab.year()
        if year is None:
            return
        value, ok = QInputDialog.getDouble(
            self, "Antal anställda", f"Antal anställda {year} (årsarbetare):", 0.0, 0.0, 1000.0, 2
        )
        if not ok:
            return
        try:
            self.tab.ar.books.set_anstallda(year, Decimal(str(round(value, 2))))
        except FinsamError as exc:
            self.tab.error(exc)
            return
        self.tab.changed(year)

    def on_delete(self) -> None:
        year = self.tab.year()
        if year is None or not self.tab.confirm(
            "Ta bort år", f"Ta bort bokföringen, texterna och deltagarflödena för {year}? Det går inte att ångra."
        ):
            return
        try:
            self.tab.ar.books.delete_year(year)
        except FinsamError as exc:
            self.tab.error(exc)
            return
        self.tab.locked_change()
        self.tab.changed()
