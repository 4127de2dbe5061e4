"""First start without a database: create a new förbund, open a file, or open the demo."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from finsam_desktop import APP_NAME
from finsam_desktop.domain.errors import ValidationError
from finsam_desktop.domain.orgnr import normalize_orgnr


class StartChoice(Enum):
    NEW = "new"
    OPEN = "open"
    DEMO = "demo"


class StartDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Välkommen till {APP_NAME}")
        self.choice: StartChoice | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<h2>{APP_NAME}</h2><p>Det finns ingen databas ännu. Vad vill du göra?</p>"
        )
        layout.addWidget(intro)
        for choice, text in (
            (StartChoice.NEW, "Skapa ett nytt förbund…"),
            (StartChoice.OPEN, "Öppna en befintlig databasfil…"),
            (StartChoice.DEMO, "Öppna demoförbundet (påhittade uppgifter)"),
        ):
            button = QPushButton(text)
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
        form = QFormLayout(self)
        self.namn = QLineEdit()
        self.namn.setPlaceholderText("Samordningsförbundet …")
        self.orgnr = QLineEdit()
        self.orgnr.setPlaceholderText("NNNNNN-NNNN")
        form.addRow("Förbundets namn:", self.namn)
        form.addRow("Organisationsnummer:", self.orgnr)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.values: tuple[str, str] | None = None

    def _on_accept(self) -> None:
        try:
            if not self.namn.text().strip():
                raise ValidationError("får inte vara tomt.", "Förbundets namn")
            orgnr = normalize_orgnr(self.orgnr.text())
        except ValidationError as exc:
            QMessageBox.warning(self, "Kontrollera uppgifterna", str(exc))
            return
        self.values = (self.namn.text().strip(), orgnr)
        self.accept()
