"""The Förbundet dialog's "Uppgifter om förbundet": name, organisationsnummer, säte, address, anslagstavla and
förvaringsplats (the förbund's details; saved by :class:`~.forbund_page.ForbundPage`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit

from finsam_desktop.domain.organisation.model import Forbund
from finsam_desktop.ui.organisation.record_table import hint


class DetailsBox(QGroupBox):
    """The förbund's details as a form."""

    def __init__(self):
        super().__init__("Uppgifter om förbundet")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.namn = QLineEdit()
        self.orgnr = QLineEdit()
        self.orgnr.setPlaceholderText("NNNNNN-NNNN")
        self.orgnr.setMaximumWidth(180)
        self.orgnr_feedback = QLabel()
        self.orgnr_feedback.setObjectName("orgnrFeedback")
        self.orgnr_feedback.setWordWrap(True)
        self.sate = QLineEdit()
        self.postadress = QPlainTextEdit()
        self.postadress.setTabChangesFocus(True)
        self.postadress.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.anslagstavla = QLineEdit()
        self.anslagstavla.setPlaceholderText("https://… eller en plats, t.ex. kommunhusets entré")
        self.forvaringsplats = QLineEdit()
        self.forvaringsplats.setPlaceholderText("t.ex. Förbundets kansli, Storgatan 12")
        form.addRow("&Namn:", self.namn)
        form.addRow("&Organisationsnummer:", self.orgnr)
        form.addRow("", self.orgnr_feedback)
        form.addRow("Sät&e:", self.sate)
        form.addRow("Postad&ress:", self.postadress)
        form.addRow("Anslags&tavla:", self.anslagstavla)
        form.addRow(
            "", hint("Där justeringen av protokoll tillkännages (KL 8:12): en webbadress eller en plats.", wrap=False)
        )
        form.addRow("Förvar&ingsplats:", self.forvaringsplats)
        form.addRow("", hint("Där protokollen förvaras; skrivs i tillkännagivandet om justering.", wrap=False))

    @property
    def line_edits(self) -> tuple[QLineEdit, ...]:
        return (self.namn, self.orgnr, self.sate, self.anslagstavla, self.forvaringsplats)

    def load(self, forbund: Forbund) -> None:
        self.namn.setText(forbund.namn)
        self.orgnr.setText(forbund.orgnr)
        self.sate.setText(forbund.sate)
        self.postadress.setPlainText(forbund.postadress)
        self.anslagstavla.setText(forbund.anslagstavla)
        self.forvaringsplats.setText(forbund.forvaringsplats)

    def apply_to(self, forbund: Forbund) -> Forbund:
        """``forbund`` with the details as typed (trimmed)."""
        return replace(
            forbund,
            namn=self.namn.text().strip(),
            orgnr=self.orgnr.text().strip(),
            sate=self.sate.text().strip(),
            postadress=self.postadress.toPlainText().strip(),
            anslagstavla=self.anslagstavla.text().strip(),
            forvaringsplats=self.forvaringsplats.text().strip(),
        )

    def set_editable(self, editable: bool) -> None:
        for edit in self.line_edits:
            edit.setReadOnly(not editable)
        self.postadress.setReadOnly(not editable)
