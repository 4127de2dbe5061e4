"""The Årsredovisning tab's dialogs: balances typed or pasted (``konto;belopp`` lines), the delårsrapport's date
and format, and the adoption at a styrelse §."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #A61B1B")
    label.setAccessibleName("Fel")
    return label


def _mono(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


class BalancesDialog(QDialog):
    """Saldon per konto for a year, pasted: the service refuses the whole text with its line numbers."""

    def __init__(self, year: int, enter: Callable, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Mata in saldon")
        self.enter = enter
        self.result_value = None
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName("År")
        self.closing = _mono("Saldon", "1930;1 250 000\n3010;-8 500 000\n5010;240 000")
        self.opening = _mono("Ingående balanser", "1930;980 000")
        self.opening.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow("&År", self.year)
        form.addRow("&Saldon (konto;belopp)", self.closing)
        form.addRow("&Ingående balanser (valfritt)", self.opening)
        note = QLabel(
            "En rad per konto: konto;belopp eller konto;namn;belopp (semikolon eller tabb). Debet +, kredit −. "
            "Balanskonton (1–2) med utgående balans, resultatkonton (3–8) med årets utfall. Årets tidigare "
            "bokföring ersätts."
        )
        note.setWordWrap(True)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Spara saldon"))
        self.resize(560, 460)

    def accept(self) -> None:
        try:
            self.result_value = self.enter(self.year.value(), self.closing.toPlainText(), self.opening.toPlainText())
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class InterimDialog(QDialog):
    """Delårsrapport: the date it is made per and the format."""

    def __init__(self, per: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Delårsrapport")
        self.per = IsoDateEdit(per)
        self.per.setAccessibleName("Per datum")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Format")
        self.kind.addItem("PDF", "pdf")
        self.kind.addItem("Word (.docx)", "docx")
        form = QFormLayout()
        form.addRow("&Per datum", self.per)
        form.addRow("&Format", self.kind)
        note = QLabel("Rapporten gäller till och med månadens slut, med budgetens prognos för helåret.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(_buttons(self, "Skapa…"))


class AdoptDialog(QDialog):
    """Fastställ: the styrelse § (from the protocols after the year's end) at which the årsredovisning is adopted."""

    def __init__(self, year: int, paragraphs: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Fastställ årsredovisningen {year}")
        self.paragraph = QComboBox()
        self.paragraph.setAccessibleName("Fastställd vid paragraf")
        self.paragraph.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.paragraph.setMinimumContentsLength(45)
        for item_id, text in paragraphs:
            self.paragraph.addItem(text, item_id)
        # The § whose rubrik names this year's årsredovisning, else any årsredovisning, else the latest §.
        texts = [text.lower() for _id, text in paragraphs]
        named = [i for i, t in enumerate(texts) if "årsredovisning" in t]
        this_year = [i for i in named if str(year) in texts[i]]
        self.paragraph.setCurrentIndex((this_year or named or [0])[0])
        form = QFormLayout()
        form.addRow("Fastställd vid &§", self.paragraph)
        text = (
            "En fastställd årsredovisning låses: bokföringen, texterna och deltagarflödena kan inte ändras."
            if paragraphs
            else f"Det finns inget styrelsesammanträde efter {year}-12-31 med paragrafer. Lägg till det under "
            "fliken Sammanträden."
        )
        note = QLabel(text)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        box = _buttons(self, "Fastställ")
        box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(paragraphs))
        layout.addWidget(box)
        self.setMinimumWidth(560)
        self.adjustSize()

    def item_id(self) -> int | None:
        return self.paragraph.currentData()
