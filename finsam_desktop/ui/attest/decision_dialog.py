"""Entry of a delegationsbeslut, with live checks against the delegationsordning in force."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.dates import iso, parse_date
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.domain.organisation.model import Person
from finsam_desktop.services.attest.dto import DecisionInput
from finsam_desktop.ui.attest.dialog_common import ok_cancel, optional_amount


class DecisionDialog(QDialog):
    """Register a delegationsbeslut; checks against the delegationsordning in force are shown live."""

    def __init__(self, service, persons: list[Person], decision=None, parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Delegationsbeslut")
        self.setMinimumWidth(620)
        self._id = decision.id if decision else 0
        form = QFormLayout()
        self.datum = QLineEdit(iso(decision.datum) if decision else iso(clock.today()))
        self.delegat = QComboBox()
        self.delegat.setEditable(False)
        for p in persons:
            self.delegat.addItem(p.namn)
        self.row = QComboBox()
        self.arende = QLineEdit(decision.arende if decision else "")
        self.belopp = QLineEdit(format_number(decision.belopp) if decision and decision.belopp is not None else "")
        self.belopp.setPlaceholderText("tomt om beslutet saknar belopp")
        self.beslut = QPlainTextEdit(decision.beslut if decision else "")
        self.beslut.setFixedHeight(80)
        self.dnr = QLineEdit(decision.diarienummer if decision else "")
        for label, w in (
            ("Datum", self.datum),
            ("Delegat", self.delegat),
            ("Delegation", self.row),
            ("Ärende", self.arende),
            ("Belopp", self.belopp),
            ("Beslut", self.beslut),
            ("Diarienummer", self.dnr),
        ):
            form.addRow(label, w)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        if decision:
            self.delegat.setCurrentText(decision.delegat_namn)
        self._rows_for(decision.row_id if decision else None)
        self.datum.editingFinished.connect(lambda: self._rows_for(self.row.currentData()))
        for signal in (self.delegat.currentIndexChanged, self.row.currentIndexChanged):
            signal.connect(self._recheck)
        self.belopp.textChanged.connect(self._recheck)
        self._recheck()
        self.entry: DecisionInput | None = None

    def _date(self) -> date | None:
        try:
            return parse_date(self.datum.text(), "Datum")
        except ValidationError:
            return None

    def _rows_for(self, keep: int | None) -> None:
        day = self._date()
        self.row.blockSignals(True)
        self.row.clear()
        self.row.addItem("– ingen rad –", None)
        if day is not None:
            for r in self.service.rows.delegation_rows_on(day):
                self.row.addItem(f"{r.arende} ({r.delegat_text}, {r.limit.text})", r.id)
        idx = self.row.findData(keep)
        if idx < 0 and keep is not None:
            self.row.addItem("(rad ur annan version)", keep)
            idx = self.row.count() - 1
        self.row.setCurrentIndex(max(idx, 0))
        self.row.blockSignals(False)
        self._recheck()

    def _input(self) -> DecisionInput:
        return DecisionInput(
            datum=parse_date(self.datum.text(), "Datum"),
            delegat_namn=self.delegat.currentText(),
            row_id=self.row.currentData(),
            arende=self.arende.text().strip(),
            belopp=optional_amount(self.belopp.text(), "Belopp"),
            beslut=self.beslut.toPlainText().strip(),
            diarienummer=self.dnr.text().strip(),
            id=self._id,
        )

    def _recheck(self) -> None:
        try:
            entry = self._input()
        except ValidationError as exc:
            self.warnings.setText(str(exc))
            return
        result = self.service.decisions.check_decision(replace(entry, arende=entry.arende or "–"))
        if result.warnings:
            self.warnings.setStyleSheet("color: #A61B1B")
            self.warnings.setText("⚠ " + "\n⚠ ".join(result.warnings))
        else:
            limit = f" (gräns {format_number(result.limit_kr)} kr)" if result.limit_kr is not None else ""
            self.warnings.setStyleSheet("color: #1E6B34")
            self.warnings.setText(f"Beslutet ryms i delegationsordningen{limit}.")

    def accept(self) -> None:
        try:
            entry = self._input()
            if not entry.arende:
                raise ValidationError("får inte vara tomt.", "Ärende")
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        result = self.service.decisions.check_decision(entry)
        if not result.ok:
            answer = QMessageBox.question(
                self,
                "Beslutet avviker från delegationsordningen",
                "\n".join(result.warnings) + "\n\nRegistrera beslutet ändå? Det visas som avvikande i registret.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.entry = entry
        super().accept()
