"""Dokument: the year's reconciliation flags (regel, var, angivet, beräknat, differens, text) – "Alla summor
stämmer" when there are none – and the documents: the årsredovisning as PDF or Word, a delårsrapport per a date,
and the adoption at a styrelse § (after which the year is locked)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.reports.arsredovisning.docx import arsredovisning_docx
from finsam_desktop.reports.arsredovisning.pdf import arsredovisning_pdf
from finsam_desktop.ui.arsredovisning.dialogs import AdoptDialog, InterimDialog
from finsam_desktop.ui.arsredovisning.models import FLAG_COLUMNS, button, table

FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)"}


class DocumentsPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.pdf_btn = button("&PDF…", "Spara årsredovisningen som PDF")
        self.docx_btn = button("&Word…", "Spara årsredovisningen som Word-dokument")
        self.interim_btn = button("&Delårsrapport…", "Delårsrapport", "Rapporten per ett datum, PDF eller Word")
        self.adopt_btn = button("Fast&ställ…", "Fastställ årsredovisningen", "Vid en § i ett styrelseprotokoll")
        buttons = QHBoxLayout()
        for b in (self.pdf_btn, self.docx_btn, self.interim_btn, self.adopt_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Avstämningens resultat")
        self.model, self.view = table(
            FLAG_COLUMNS,
            "Avstämningens flaggor",
            "En rad per siffra som inte stämmer: regeln, var siffran står, angivet och beräknat belopp, "
            "differensen och förklaringen.",
            stretch=5,
        )
        # A flag's text is a sentence or two: rows grow to show it whole.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.pdf_btn.clicked.connect(lambda: self.on_export("pdf"))
        self.docx_btn.clicked.connect(lambda: self.on_export("docx"))
        self.interim_btn.clicked.connect(self.on_interim)
        self.adopt_btn.clicked.connect(self.on_adopt)

    def load(self) -> None:
        year = self.tab.year()
        flags = []
        if year is None:
            self.summary.setText("Inget år valt.")
        else:
            try:
                flags = self.tab.ar.documents.flags(year)
            except FinsamError as exc:
                self.summary.setText(str(exc))
            else:
                self.summary.setText(
                    f"<b>{len(flags)} {'siffra stämmer' if len(flags) == 1 else 'siffror stämmer'} inte</b> "
                    f"i årsredovisningen {year}:"
                    if flags
                    else f"Alla summor stämmer i årsredovisningen {year}."
                )
        self.model.set_rows(flags)
        for b in (self.pdf_btn, self.docx_btn, self.interim_btn):
            b.setEnabled(year is not None)
        self.adopt_btn.setEnabled(self.tab.editable())

    # --- documents --------------------------------------------------------------------------------------------
    def on_export(self, kind: str) -> None:
        year = self.tab.year()
        if year is not None:
            self._save(kind, f"Arsredovisning-{year}", lambda: self.tab.ar.publication(year), adopted_year=year)

    def on_interim(self) -> None:
        year = self.tab.year()
        if year is None:
            return
        dlg = InterimDialog(date(year, 8, 31), self)
        if dlg.exec():
            per = dlg.per.value()
            self._save(dlg.kind.currentData(), f"Delarsrapport-{per.isoformat()}", lambda: self.tab.ar.interim(per))

    def _save(self, kind: str, stem: str, publication, adopted_year: int | None = None) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Spara som", f"{stem}.{kind}", FILTERS[kind])
        if not path:
            return
        try:
            # An adopted year's PDF is the document as it was fastställd, byte for byte — never re-rendered.
            stored = self.tab.ar.documents.adopted_document(adopted_year) if adopted_year and kind == "pdf" else None
            if stored is not None:
                data = stored.data
            else:
                pub = publication()
                data = arsredovisning_pdf(pub, created=clock.today()) if kind == "pdf" else arsredovisning_docx(pub)
            Path(path).write_bytes(data)
        except (FinsamError, OSError) as exc:
            self.tab.error(exc, "Dokumentet skapades inte")
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Sparade {path}", 5000)

    # --- adoption ---------------------------------------------------------------------------------------------
    def on_adopt(self) -> None:
        year = self.tab.year()
        if year is None:
            return
        paragraphs = self.tab.ctx.services.attest.versions.styrelse_paragraphs(since=date(year + 1, 1, 1))
        dlg = AdoptDialog(year, paragraphs, self)
        if not dlg.exec() or dlg.item_id() is None:
            return
        if not self.tab.confirm(
            "Fastställ årsredovisningen",
            f"Fastställa årsredovisningen {year} vid {dlg.paragraph.currentText()}? Därefter kan årets bokföring "
            "och texter inte ändras.",
        ):
            return
        try:
            summary = self.tab.ar.documents.adopt(year, dlg.item_id())
        except FinsamError as exc:
            self.tab.error(exc, "Årsredovisningen fastställdes inte")
            return
        self.tab.locked_change()
        self.tab.changed(year)
        self.tab.info("Årsredovisningen fastställd", f"Årsredovisningen {year} är fastställd {summary.adopted_text}.")
