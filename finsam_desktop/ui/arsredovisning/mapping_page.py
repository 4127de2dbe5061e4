"""Kontoplan: the förbund's mapping (account ranges → statement lines) as editable text, saved undoably or reset
to BAS / Kommun-BAS, and the accounts with a balance in the chosen year that no rule maps."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.arsredovisning.mapping import STANDARDS
from finsam_desktop.ui.arsredovisning.models import UNMAPPED_COLUMNS, button, table


class MappingPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setAccessibleName("Kontoplanens koppling")
        self.editor.setAccessibleDescription("En regel per rad, t.ex. 15-17 = br_fordringar.")
        self.editor.setTabChangesFocus(True)
        self.save_btn = button("&Spara koppling", "Spara kontoplanens koppling")
        self.bas_btn = button("Återställ till &BAS", "Återställ till BAS")
        self.kbas_btn = button("Återställ till Kommu&n-BAS", "Återställ till Kommun-BAS")
        buttons = QHBoxLayout()
        for b in (self.save_btn, self.bas_btn, self.kbas_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.model, self.view = table(
            UNMAPPED_COLUMNS,
            "Okopplade konton",
            "Konton med saldo under det valda året som ingen regel kopplar till en rad i årsredovisningen.",
            stretch=1,
        )
        self.unmapped_label = QLabel()
        self.unmapped_label.setWordWrap(True)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("&Koppling (konto eller kontointervall = rad)")
        heading.setBuddy(self.editor)
        ll.addWidget(heading)
        ll.addWidget(self.editor, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.unmapped_label)
        rl.addWidget(self.view, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.save_btn.clicked.connect(self.on_save)
        self.bas_btn.clicked.connect(lambda: self.on_reset("BAS"))
        self.kbas_btn.clicked.connect(lambda: self.on_reset("Kommun-BAS"))

    def load(self) -> None:
        if not self.editor.document().isModified():  # a reload never throws away edits not yet saved
            self.editor.setPlainText(self.tab.ar.mapping.text())
            self.editor.document().setModified(False)
        writable = not self.tab.ctx.read_only
        self.editor.setReadOnly(not writable)
        for b in (self.save_btn, self.bas_btn, self.kbas_btn):
            b.setEnabled(writable)

    def show_unmapped(self) -> None:
        year = self.tab.year()
        missing = self.tab.ar.mapping.unmapped().get(year, {}) if year is not None else {}
        self.model.set_rows(sorted(missing.items()))
        if year is None:
            self.unmapped_label.setText("Inget år valt.")
        elif missing:
            self.unmapped_label.setText(f"<b>{len(missing)} konton med saldo {year} saknar rad</b> – koppla dem:")
        else:
            self.unmapped_label.setText(f"Alla konton med saldo {year} är kopplade.")

    def on_save(self) -> None:
        text = self.editor.toPlainText()
        self.editor.document().setModified(False)
        if not self._replace("Spara kontoplanens koppling", text):
            self.editor.document().setModified(True)

    def on_reset(self, standard: str) -> None:
        if not self.tab.confirm("Återställ kopplingen", f"Ersätta förbundets koppling med {standard}-standarden?"):
            return
        self.editor.document().setModified(False)
        self._replace(f"Återställ kopplingen till {standard}", STANDARDS[standard].to_text())

    def _replace(self, text: str, new: str) -> bool:
        try:
            old = self.tab.ar.mapping.text()
        except FinsamError as exc:
            self.tab.error(exc)
            return False
        ms = self.tab.ar.mapping
        return self.tab.undoable(text, lambda: ms.save_text(new), lambda: ms.save_text(old))
