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
        self._shown: tuple[int, str] | None = None  # (year, section) the editor holds
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
        self._flush()
        self._read()
        year = self.tab.year()
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
        self._show()

    def _read(self) -> None:
        year = self.tab.year()
        self.sections = {}
        if year is not None:
            try:
                self.sections = {t.key: t for t in self.tab.ar.texts.sections(year)}
            except FinsamError as exc:
                self.note.setText(str(exc))

    def _show(self) -> None:
        section = self.sections.get(self.key())
        self.editor.setPlainText(section.body if section else "")
        self.editor.document().setModified(False)
        year = self.tab.year()
        self._shown = None if year is None else (year, self.key())

    def _refresh(self) -> None:
        """After a save, its undo or redo: the stored texts again, without a full reload of the tab."""
        self._read()
        self._show()

    def _flush(self) -> None:
        """Save what the editor holds for the section (and year) it was showing, if it was changed."""
        if self._shown is None or not self.editor.document().isModified() or self.editor.isReadOnly():
            return
        year, key = self._shown
        self.editor.document().setModified(False)
        self._save(year, key, self.editor.toPlainText())

    def show_section(self) -> None:
        self._flush()
        self._show()

    def on_save(self) -> None:
        if self._shown is not None:
            self.editor.document().setModified(False)
            self._save(*self._shown, self.editor.toPlainText())

    def _save(self, year: int, key: str, new: str) -> None:
        old = self.sections[key].body if key in self.sections and self._shown == (year, key) else None
        ts = self.tab.ar.texts
        if old is None:
            old = next((t.body for t in ts.sections(year) if t.key == key), "")
        heading = dict(SECTIONS)[key]
        self.tab.undoable(
            f"Ändra {heading} {year}",
            lambda: ts.save(year, key, new),
            lambda: ts.save(year, key, old),
            on_changed=self._refresh,
        )

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
