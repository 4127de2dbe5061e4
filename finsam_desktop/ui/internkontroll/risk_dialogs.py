"""Dialogs of the Riskanalys page: a risk, adoption at a § (also used for the kontrollplan), matrix settings."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.risk import Band, MatrixSettings, Risk
from finsam_desktop.ui.internkontroll.dialog_base import FormDialog, scale_combo
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


class RiskDialog(FormDialog):
    def __init__(self, risk: Risk | None, settings: MatrixSettings, parent=None):
        super().__init__("Risk" if risk is None else f"Risk {risk.nummer}", parent)
        self.risk = risk or Risk(0, 0, "", "", 1, 1)
        r = self.risk
        self.process = QLineEdit(r.process)
        self.text = QPlainTextEdit(r.risk)
        self.text.setFixedHeight(60)
        self.v = scale_combo(settings.vasentlighet, r.vasentlighet)
        self.s = scale_combo(settings.sannolikhet, r.sannolikhet)
        self.handling = QPlainTextEdit(r.riskhantering)
        self.handling.setFixedHeight(60)
        self.ansvarig = QLineEdit(r.ansvarig)
        self.rv = scale_combo(settings.vasentlighet, r.residual_vasentlighet, allow_none=True)
        self.rs = scale_combo(settings.sannolikhet, r.residual_sannolikhet, allow_none=True)
        for box in (self.text, self.handling):  # Tab moves on, as in every other field of the form
            box.setTabChangesFocus(True)
        self.value = QLabel()
        for w in (self.v, self.s):
            w.currentIndexChanged.connect(self._update_value)
        self.form.addRow("Process/rutin", self.process)
        self.form.addRow("Risk", self.text)
        self.form.addRow("Väsentlighet", self.v)
        self.form.addRow("Sannolikhet", self.s)
        self.form.addRow("Riskvärde", self.value)
        self.form.addRow("Riskhantering", self.handling)
        self.form.addRow("Ansvarig", self.ansvarig)
        self.form.addRow("Väsentlighet efter åtgärd", self.rv)
        self.form.addRow("Sannolikhet efter åtgärd", self.rs)
        self.settings = settings
        self._update_value()
        self.finish()
        self.resize(520, 480)

    def _update_value(self) -> None:
        value = self.v.currentData() * self.s.currentData()
        band = self.settings.band_for(value)
        self.value.setText(f"<b>{value}</b> ({band.name.lower()}: {band.meaning})")

    def _collect(self) -> Risk:
        return replace(
            self.risk,
            process=self.process.text(),
            risk=self.text.toPlainText(),
            vasentlighet=self.v.currentData(),
            sannolikhet=self.s.currentData(),
            riskhantering=self.handling.toPlainText(),
            ansvarig=self.ansvarig.text(),
            residual_vasentlighet=self.rv.currentData(),
            residual_sannolikhet=self.rs.currentData(),
        )


class AdoptDialog(FormDialog):
    """ "Antagen vid §": pick a styrelse paragraph or type the reference; the date."""

    def __init__(self, what: str, choices, parent=None):
        super().__init__(f"Anta {what}", parent)
        self.layout_.insertWidget(0, QLabel(f"När {what} antas låses den. Ändringar därefter görs i en ny version."))
        self.item = QComboBox()
        self.item.addItem("(ingen paragraf i databasen – skriv hänvisningen)", None)
        for c in choices:
            self.item.addItem(c.text, (c.agenda_item_id, c.datum))
        self.text = QLineEdit()
        self.text.setPlaceholderText("t.ex. § 126, 2025-11-21")
        self.datum = IsoDateEdit(clock.today())
        self.item.currentIndexChanged.connect(self._picked)
        self.form.addRow("Paragraf", self.item)
        self.form.addRow("Hänvisning", self.text)
        self.form.addRow("Beslutsdatum", self.datum)
        self.finish()
        self.resize(560, 200)

    def _picked(self) -> None:
        data = self.item.currentData()
        if data:
            self.datum.set_value(data[1])

    def _collect(self):
        data = self.item.currentData()
        if data is None and not self.text.text().strip():
            raise ValidationError("välj en paragraf eller skriv hänvisningen.", "Antagen vid")
        return (self.text.text(), self.datum.value(), data[0] if data else None)


class MatrixSettingsDialog(FormDialog):
    """Size, labels of both scales and the band limits."""

    def __init__(self, settings: MatrixSettings, parent=None):
        super().__init__("Riskmatris", parent)
        self.size = QComboBox()
        for n in (3, 4, 5):
            self.size.addItem(f"{n}×{n}", n)
        self.size.setCurrentIndex(self.size.findData(settings.size))
        self.form.addRow("Storlek", self.size)
        self.labels = QTableWidget(0, 2)
        self.labels.setHorizontalHeaderLabels(["Väsentlighet", "Sannolikhet"])
        self.labels.horizontalHeader().setStretchLastSection(True)
        self.labels.setColumnWidth(0, 200)
        self.form.addRow("Benämningar", self.labels)
        self.green = QSpinBox()
        self.yellow = QSpinBox()
        self.form.addRow("Grön till och med", self.green)
        self.form.addRow("Gul till och med", self.yellow)
        self._settings = settings
        self._load(settings)
        self.size.currentIndexChanged.connect(lambda: self._load(MatrixSettings.for_size(self.size.currentData())))
        self.finish()
        self.resize(520, 420)

    def _load(self, settings: MatrixSettings) -> None:
        self._settings = settings
        self.labels.setRowCount(settings.size)
        for i in range(settings.size):
            self.labels.setItem(i, 0, QTableWidgetItem(settings.vasentlighet[i].label))
            self.labels.setItem(i, 1, QTableWidgetItem(settings.sannolikhet[i].label))
            self.labels.setVerticalHeaderItem(i, QTableWidgetItem(str(i + 1)))
        top = settings.max_value
        for box in (self.green, self.yellow):
            box.setRange(1, top - 1)
        self.green.setValue(settings.bands[0].high)
        self.yellow.setValue(settings.bands[1].high if len(settings.bands) > 1 else top - 1)

    def _collect(self) -> MatrixSettings:
        s = self._settings
        n = s.size
        g, y = self.green.value(), self.yellow.value()
        if y <= g:
            raise ValidationError("gul måste sluta på ett högre riskvärde än grön.", "Färgfält")
        v = tuple(replace(s.vasentlighet[i], label=self.labels.item(i, 0).text().strip()) for i in range(n))
        sa = tuple(replace(s.sannolikhet[i], label=self.labels.item(i, 1).text().strip()) for i in range(n))
        old = {b.name: b for b in s.bands}
        bands = (
            Band(1, g, "Grön", old.get("Grön", s.bands[0]).colour, old.get("Grön", s.bands[0]).meaning),
            Band(g + 1, y, "Gul", old.get("Gul", s.bands[1]).colour, old.get("Gul", s.bands[1]).meaning),
            Band(y + 1, n * n, "Röd", old.get("Röd", s.bands[-1]).colour, old.get("Röd", s.bands[-1]).meaning),
        )
        result = MatrixSettings(n, v, sa, bands)
        result.validate()
        return result
