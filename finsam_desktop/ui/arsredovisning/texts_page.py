"""Förvaltningsberättelse: the sections (``publication.SECTIONS``) in a list and a plain-text editor for the chosen
one (pre-filled by the service the first time a year's texts are read). Saving is undoable; "Fyll i från data
igen" overwrites every section (after a question) and is undoable too. Read-only when the year is adopted."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QVBoxLayout, QWidget

from finsam_desktop.domain.arsredovisning.publication import SECTIONS, TextSection
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.arsredovisning.models import button


class TextsPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.sections: dict[str, TextSection] = {}
        self.list = QListWidget()
        self.list.setAccessibleName("Avsnitt")
        self.list.setAccessibleDescription("Förvaltningsberättelsens avsnitt; välj ett för att redigera texten.")
        for _key, heading in SECTIONS:
            self.list.addItem(heading)
        self.list.setMaximumWidth(360)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Avsnittets text")
        self.editor.setAccessibleDescription("Vanlig text; stycken skiljs med en tom rad.")
        self.editor.setTabChangesFocus(True)
        self.save_btn = button("&Spara avsnitt", "Spara avsnittet")
        self.prefill_btn = button(
            "&Fyll i från data igen", "Fyll i från data igen", "Skriver över alla avsnitt med text från data"
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.prefill_btn)
        buttons.addWidget(self.note, 1)
        list_label = QLabel("A&vsnitt")
        list_label.setBuddy(self.list)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        text_label = QLabel("&Text")
        text_label.setBuddy(self.editor)
        right = QVBoxLayout()
        right.addWidget(text_label)
        right.addWidget(self.editor, 1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(body, 1)
        self.list.setCurrentRow(0)
        self.list.currentRowChanged.connect(lambda _r: self.show_section())
        self.save_btn.clicked.connect(self.on_save)
        self.prefill_btn.clicked.connect(self.on_prefill)

    def key(self) -> str:
        return SECTIONS[max(0, self.list.currentRow())][0]

    def load(self) -> None:
        year = self.tab.year()
        self.sections = {}
        if year is not None:
            try:
                self.sections = {t.key: t for t in self.tab.ar.texts.sections(year)}
            except FinsamError as exc:
                self.note.setText(str(exc))
        editable = self.tab.editable()
        self.editor.setReadOnly(not editable)
        self.save_btn.setEnabled(editable)
        self.prefill_btn.setEnabled(editable)
        if year is None:
            self.note.setText("Inget år valt.")
        elif self.tab.adopted():
            self.note.setText(f"Årsredovisningen {year} är fastställd; texterna är låsta.")
        else:
            self.note.setText("")
        self.show_section()

    def show_section(self) -> None:
        section = self.sections.get(self.key())
        self.editor.setPlainText(section.body if section else "")
        self.editor.document().setModified(False)

    def on_save(self) -> None:
        year, key = self.tab.year(), self.key()
        if year is None:
            return
        old = self.sections[key].body if key in self.sections else ""
        new = self.editor.toPlainText()
        ts = self.tab.ar.texts
        heading = dict(SECTIONS)[key]
        self.tab.undoable(f"Ändra {heading} {year}", lambda: ts.save(year, key, new), lambda: ts.save(year, key, old))

    def on_prefill(self) -> None:
        year = self.tab.year()
        if year is None or not self.tab.confirm(
            "Fyll i från data igen", f"Skriva över alla avsnitt för {year} med text från data? Egna ändringar ersätts."
        ):
            return
        ts = self.tab.ar.texts
        old = {k: t.body for k, t in self.sections.items()}

        def restore() -> None:
            for k, body in old.items():
                ts.save(year, k, body)

        self.tab.undoable(f"Fyll i förvaltningsberättelsen {year}", lambda: ts.prefill(year, True), restore)
