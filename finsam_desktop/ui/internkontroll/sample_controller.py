"""The Stickprov page's controller: the year's stickprov, import of a ledger file (preview → column mapping →
draw dialog → stored stickprov; reading the file, and the draw with the check of every row and the population
analytics, run in the background with a progress bar and Avbryt — cancelled, nothing is stored), the review of
each item through the undo stack, the findings of the whole population (``findings_controller.py``), the
granskning and the reproducibility check.

``tab`` is the Intern kontroll tab that owns the year, the loaded plan, the pages, the undo stack and the
helpers ``run``/``push``/``changed``/``error``/``selected``/``update_enabled``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.internkontroll.stickprov_findings import AnalysisCancelled
from finsam_desktop.ui.internkontroll.findings_controller import FindingsController
from finsam_desktop.ui.internkontroll.progress_run import ProgressRun
from finsam_desktop.ui.internkontroll.sample_page import SamplePage
from finsam_desktop.ui.internkontroll.stickprov_dialogs import (
    DrawDialog,
    GranskningDialog,
    ImportDialog,
    ItemReviewDialog,
)


class SampleController:
    def __init__(self, tab, page: SamplePage):
        self.tab, self.page = tab, page
        self.ik = tab.ik
        page.sample_box.currentIndexChanged.connect(self.show_sample)
        page.b_import.clicked.connect(self.on_import)
        page.b_review.clicked.connect(self.on_review)
        page.b_granskning.clicked.connect(self.on_granskning)
        page.b_reproduce.clicked.connect(self.on_reproduce)
        page.sample_view.doubleClicked.connect(self.on_review)
        self.findings = FindingsController(tab, page.findings_view)
        self.run: ProgressRun | None = None

    def load_samples(self) -> None:
        self.page.set_samples(self.ik.stickprov.list_stickprov(self.tab.year.value()))
        self.show_sample()

    def current_sample(self):
        sid = self.page.sample_box.currentData()
        return self.ik.stickprov.get_stickprov(sid) if sid is not None else None

    def show_sample(self) -> None:
        sp = self.current_sample()
        granskning = None
        if sp is not None:
            reviews = [g for g in self.ik.granskning.granskningar(self.tab.year.value()) if g.stickprov_id == sp.id]
            granskning = reviews[0] if reviews else None
        self.page.show_sample(sp, granskning)
        self.findings.show(sp)
        self.tab.update_enabled()

    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.tab, "Välj verifikationslista", "", "Verifikationer (*.xlsx *.csv *.txt);;Alla filer (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, ask: bool = True) -> None:
        """Preview → column mapping → parse (all or nothing) → draw dialog → stored stickprov."""
        tab = self.tab
        try:
            data = path.read_bytes()
            preview = self.ik.stickprov.preview_file(data, path.name)
        except (OSError, FinsamError) as exc:
            tab.error(exc)
            return
        dlg = ImportDialog(preview, tab)
        if ask and not dlg.exec():
            return
        mapping = dlg.result_value if ask else dlg._collect()
        if not ask:
            parsed = tab.run(lambda: self.ik.stickprov.parse_file(data, path.name, mapping))
            if parsed is not None:
                self.draw_and_store(path, data, mapping, parsed, ask=False)
            return

        def read(progress):
            parsed = self.ik.stickprov.parse_file(data, path.name, mapping)
            n = len(parsed.transactions)
            if not progress(n, n):
                raise AnalysisCancelled()
            return parsed

        self.run = ProgressRun(
            tab,
            "Importera verifikationer",
            f"Läser {path.name}…",
            read,
            lambda parsed: self.draw_and_store(path, data, mapping, parsed),
            tab.error,
        ).start()

    def draw_and_store(self, path: Path, data: bytes, mapping: dict, parsed, ask: bool = True) -> None:
        """The draw dialog, then the draw, the check of every row and the population analytics, stored (the file
        read once: ``parsed`` is handed on, not read again)."""
        tab = self.tab
        transactions = list(parsed.transactions)
        plan_rows = tab.plan.rows if tab.plan else ()
        stick_row = next((r for r in plan_rows if r.metod.value == "stickprov"), None)
        draw = DrawDialog(transactions, plan_rows, stick_row.stickprov_storlek if stick_row else None, tab)
        if stick_row is not None:
            draw.control.setCurrentIndex(draw.control.findData(stick_row.id))
        if ask and not draw.exec():
            return
        flt, storlek, seed, over, row_id, titel = draw.result_value if ask else draw._collect()
        ar = tab.year.value()

        def work(progress=None):
            return self.ik.stickprov.create_stickprov(
                data, path.name, mapping, flt, storlek, seed, over, ar, row_id, titel, progress=progress, parsed=parsed
            )

        if ask:
            self.store_in_background(work, len(transactions))
        else:
            self.stored(work())

    def store_in_background(self, work, rows: int) -> ProgressRun:
        """``work(progress)`` (the draw and the check of every row, stored) with the progress dialog."""
        self.run = ProgressRun(
            self.tab,
            "Stickprov",
            f"Drar stickprovet och kontrollerar alla {rows:,} rader i filen…".replace(",", " "),
            work,
            self.stored,
            self.tab.error,
        ).start()
        return self.run

    def stored(self, sp) -> None:
        tab = self.tab
        tab.changed()
        self.page.sample_box.setCurrentIndex(self.page.sample_box.findData(sp.id))
        tab.pages.setCurrentIndex(2)

    def on_review(self, *_args) -> None:
        tab = self.tab
        item = tab.selected(self.page.sample_view)
        if item is None:
            return
        holders = self.ik.lookups.role_holders(clock.today())
        reviewers = [n for n in (holders["ordforande"], holders["vice_ordforande"]) if n]
        dlg = ItemReviewDialog(item, reviewers, tab)
        if dlg.exec():
            review = dlg.result_value
            tab.push(
                f"Granska ver {item.transaction.verifikation}",
                lambda: self.ik.granskning.review_item(item.id, review),
                lambda: self.ik.granskning.review_item(item.id, item.review),
            )

    def on_granskning(self) -> None:
        tab = self.tab
        sp = self.current_sample()
        if sp is None:
            return
        dlg = GranskningDialog(
            tab.year.value(),
            self.ik.lookups.role_holders(clock.today()),
            tab.plan.rows if tab.plan else (),
            sp,
            self.ik.granskning.suggested_slutsats(sp.id),
            tab,
        )
        if dlg.exec():
            if tab.run(lambda: self.ik.granskning.save_granskning(dlg.result_value)):
                tab.changed()

    def on_reproduce(self) -> None:
        tab = self.tab
        sp = self.current_sample()
        if sp is None:
            return
        ok = tab.run(lambda: self.ik.stickprov.reproduce(sp.id))
        if ok is True:
            QMessageBox.information(
                tab, "Stickprov", f"Samma fil, urval och frö ({sp.seed}) ger exakt samma {len(sp.items)} poster."
            )
        elif ok is False:
            QMessageBox.warning(tab, "Stickprov", "Urvalet gick inte att återskapa – kontrollera filen.")
