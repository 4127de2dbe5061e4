"""First start without a database: create a new förbund, open a file, or open the demo."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from finsam_desktop import APP_NAME
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr
from finsam_desktop.ui.organisation.editors import ERROR_STYLE, orgnr_feedback, show_feedback


class StartChoice(Enum):
    NEW = "new"
    OPEN = "open"
    DEMO = "demo"


class StartDialog(QDialog):
    """Three choices; ``choice`` holds the one taken (None when cancelled)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Välkommen till {APP_NAME}")
        self.setMinimumWidth(520)
        self.choice: StartChoice | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<h2>{APP_NAME}</h2>"
            "<p>Kansliets verktyg för samordningsförbundet: årshjul, sammanträden, attest och delegation, "
            "intern kontroll och budget.</p><p>Det finns ingen databas ännu. Vad vill du göra?</p>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for choice, text, description in (
            (
                StartChoice.NEW,
                "Skapa ett nytt förbund…",
                "Börja med förbundets namn och organisationsnummer; resten fyller du i under Arkiv → Förbundet.",
            ),
            (
                StartChoice.OPEN,
                "Öppna en befintlig databasfil…",
                "Till exempel en fil från en kollega, eller en säkerhetskopia.",
            ),
            (
                StartChoice.DEMO,
                "Öppna demoförbundet",
                "Samordningsförbundet Exempelbygden med påhittade personer och uppgifter, för att prova.",
            ),
        ):
            button = QCommandLinkButton(text, description)
            button.setObjectName(f"start_{choice.value}")
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout.addWidget(cancel)

    def _choose(self, choice: StartChoice) -> None:
        self.choice = choice
        self.accept()


class NewForbundDialog(QDialog):
    """Name and organisationsnummer of a new förbund, validated before anything is created."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Nytt förbund")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.namn = QLineEdit()
        self.namn.setPlaceholderText("Samordningsförbundet …")
        self.orgnr = QLineEdit()
        self.orgnr.setPlaceholderText("NNNNNN-NNNN")
        self.orgnr_feedback = QLabel()
        self.orgnr_feedback.setWordWrap(True)
        self.orgnr_feedback.hide()
        self.error = QLabel()
        self.error.setObjectName("newForbundError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form.addRow("Förbundets namn:", self.namn)
        form.addRow("Organisationsnummer:", self.orgnr)
        form.addRow("", self.orgnr_feedback)
        form.addRow(self.error)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self._on_accept)
        self.button_box.rejected.connect(self.reject)
        form.addRow(self.button_box)
        self.orgnr.textChanged.connect(self._on_orgnr_changed)
        self.values: tuple[str, str] | None = None

    def _on_orgnr_changed(self, text: str) -> None:
        self.error.hide()
        ok, message = orgnr_feedback(text, required=False)
        show_feedback(self.orgnr_feedback, ok, message)
        self.adjustSize()

    def _on_accept(self) -> None:
        try:
            if not self.namn.text().strip():
                raise ValidationError("får inte vara tomt.", "Förbundets namn")
            orgnr = normalize_orgnr(self.orgnr.text())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.adjustSize()
            (self.namn if exc.field == "Förbundets namn" else self.orgnr).setFocus()
            return
        self.values = (self.namn.text().strip(), orgnr)
        self.accept()
