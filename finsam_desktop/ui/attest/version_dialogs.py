"""The header of a version (benämning, period, adress) and its adoption at a styrelse §."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from finsam_desktop.domain.common.dates import iso, parse_date
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services.attest.dto import VersionInfo
from finsam_desktop.ui.attest.dialog_common import ok_cancel


class VersionDialog(QDialog):
    """Header of a draft version: benämning, giltighet, adress (for the signaturlista)."""

    def __init__(self, version: VersionInfo | None, kind_label: str, default_year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{kind_label} – uppgifter")
        form = QFormLayout()
        self.titel = QLineEdit(version.titel if version else f"{kind_label} {default_year}")
        self.valid_from = QLineEdit(iso(version.valid_from) if version else f"{default_year}-01-01")
        self.valid_to = QLineEdit(
            iso(version.valid_to) if version and version.valid_to else ("" if version else f"{default_year}-12-31")
        )
        self.valid_to.setPlaceholderText("tomt = tills vidare")
        self.adress = QPlainTextEdit(version.adress if version else "")
        self.adress.setFixedHeight(70)
        form.addRow("Benämning", self.titel)
        form.addRow("Gäller från", self.valid_from)
        form.addRow("Gäller till", self.valid_to)
        form.addRow("Adress (signaturlista)", self.adress)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.values: dict | None = None

    def accept(self) -> None:
        try:
            start = parse_date(self.valid_from.text(), "Gäller från")
            end = parse_date(self.valid_to.text(), "Gäller till") if self.valid_to.text().strip() else None
            if not self.titel.text().strip():
                raise ValidationError("får inte vara tom.", "Benämning")
            if end is not None and end < start:
                raise ValidationError("slutdatum ligger före startdatum.", "Gäller till")
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.values = {
            "titel": self.titel.text().strip(),
            "valid_from": start,
            "valid_to": end,
            "adress": self.adress.toPlainText().strip(),
        }
        super().accept()


class AdoptDialog(QDialog):
    """Anta: pick the styrelse § (from the protocols) or write the reference."""

    def __init__(self, version: VersionInfo, paragraphs: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Anta {version.titel}")
        self.paragraph = QComboBox()
        self.paragraph.addItem("– skriv hänvisningen nedan –", None)
        for item_id, text in paragraphs:
            self.paragraph.addItem(text, item_id)
        self.text = QLineEdit()
        self.text.setPlaceholderText("t.ex. Styrelsen 2025-11-21 § 129")
        self.adopted_on = QLineEdit()
        self.adopted_on.setPlaceholderText("ÅÅÅÅ-MM-DD")
        form = QFormLayout()
        form.addRow("Antagen vid §", self.paragraph)
        form.addRow("eller hänvisning", self.text)
        form.addRow("Beslutsdatum", self.adopted_on)
        note = QLabel("En antagen version kan aldrig ändras. Ändringar görs i en ny version.")
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.values: dict | None = None

    def accept(self) -> None:
        try:
            item_id = self.paragraph.currentData()
            text = self.text.text().strip()
            if item_id is None and not text:
                raise ValidationError("välj en § eller skriv hänvisningen.", "Antagen vid")
            on = parse_date(self.adopted_on.text(), "Beslutsdatum") if self.adopted_on.text().strip() else None
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.values = {"agenda_item_id": item_id, "adopted_text": text, "adopted_on": on}
        super().accept()
