"""The Intern kontroll tab's exports: the styrelse report (PDF), the risk table and a stickprov (Excel), each
built in the background and saved where the user chooses.

``tab`` is the Intern kontroll tab (the year, the stickprov picker's page and ``error``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from finsam_desktop.ui.widgets.background import run_in_background


class ExportsController:
    def __init__(self, tab):
        self.tab = tab
        self.ik = tab.ik

    def save(self, title: str, default: str, pattern: str, fn: Callable[[], bytes]) -> None:
        tab = self.tab
        path, _ = QFileDialog.getSaveFileName(tab, title, default, pattern)
        if not path:
            return

        def done(data: bytes) -> None:
            Path(path).write_bytes(data)
            window = tab.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Sparade {path}", 5000)

        run_in_background(tab, "Skapar fil…", fn, done, tab.error)

    def on_export_pdf(self) -> None:
        ar = self.tab.year.value()
        sid = self.tab.sample_page.sample_box.currentData()
        self.save(
            "Spara rapport", f"intern_kontroll_{ar}.pdf", "PDF (*.pdf)", lambda: self.ik.exports.export_pdf(ar, sid)
        )

    def on_export_risk_xlsx(self) -> None:
        ar = self.tab.year.value()
        self.save(
            "Spara risktabell", f"riskanalys_{ar}.xlsx", "Excel (*.xlsx)", lambda: self.ik.exports.export_risk_xlsx(ar)
        )

    def on_export_sample_xlsx(self) -> None:
        sid = self.tab.sample_page.sample_box.currentData()
        if sid is not None:
            self.save(
                "Spara stickprov",
                f"stickprov_{sid}.xlsx",
                "Excel (*.xlsx)",
                lambda: self.ik.exports.export_stickprov_xlsx(sid),
            )
