"""Dialogs of the Kontrollplan page: a control (plan row) and a control's status."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
)

from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, Metod, PlanRow
from finsam_desktop.domain.internkontroll.risk import Risk
from finsam_desktop.ui.internkontroll.dialog_base import FormDialog


class PlanRowDialog(FormDialog):
    def __init__(self, row: PlanRow | None, risks: tuple[Risk, ...], events: list[tuple[int, str]] = (), parent=None):
        super().__init__("Kontroll", parent)
        self.row = row or PlanRow(0, 0, "", "")
        r = self.row
        self.process = QLineEdit(r.process)
        self.moment = QPlainTextEdit(r.kontrollmoment)
        self.moment.setFixedHeight(60)
        self.ansvarig = QLineEdit(r.kontrollansvarig)
        self.frekvens = QLineEdit(r.frekvens)
        self.till = QLineEdit(r.rapportering_till)
        self.metod = QComboBox()
        for m in Metod:
            self.metod.addItem(m.label, m)
        self.metod.setCurrentIndex(self.metod.findData(r.metod))
        self.tidpunkt = QLineEdit(r.tidpunkt)
        self.event_id = QComboBox()
        self.event_id.addItem("(ingen)", None)
        for event_id, text in events:
            self.event_id.addItem(text, event_id)
        if r.arshjul_event_id is not None and self.event_id.findData(r.arshjul_event_id) < 0:
            self.event_id.addItem(f"Händelse {r.arshjul_event_id} (finns inte i årets årshjul)", r.arshjul_event_id)
        self.event_id.setCurrentIndex(max(self.event_id.findData(r.arshjul_event_id), 0))
        self.storlek = QSpinBox()
        self.storlek.setRange(0, 500)
        self.storlek.setSpecialValueText("–")
        self.storlek.setValue(r.stickprov_storlek or 0)
        self.risks = QListWidget()
        for risk in risks:
            item = QListWidgetItem(f"{risk.nummer}. {risk.process}: {risk.risk} ({risk.riskvarde})")
            item.setData(Qt.ItemDataRole.UserRole, risk.key)
            item.setCheckState(Qt.CheckState.Checked if risk.key in r.risk_keys else Qt.CheckState.Unchecked)
            self.risks.addItem(item)
        self.risks.setFixedHeight(120)
        for label, w in (
            ("Process/ rutin", self.process),
            ("Kontrollmoment", self.moment),
            ("Kontrollansvarig", self.ansvarig),
            ("Frekvens", self.frekvens),
            ("Rapportering till", self.till),
            ("Metod", self.metod),
            ("När", self.tidpunkt),
            ("Årshjulshändelse", self.event_id),
            ("Stickprovsstorlek", self.storlek),
            ("Risker som kontrollen täcker", self.risks),
        ):
            self.form.addRow(label, w)
        self.finish()
        self.resize(560, 560)

    def _collect(self) -> PlanRow:
        keys = tuple(
            self.risks.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.risks.count())
            if self.risks.item(i).checkState() == Qt.CheckState.Checked
        )
        return replace(
            self.row,
            process=self.process.text(),
            kontrollmoment=self.moment.toPlainText(),
            kontrollansvarig=self.ansvarig.text(),
            frekvens=self.frekvens.text(),
            rapportering_till=self.till.text(),
            metod=self.metod.currentData(),
            tidpunkt=self.tidpunkt.text(),
            arshjul_event_id=self.event_id.currentData(),
            stickprov_storlek=self.storlek.value() or None,
            risk_keys=keys,
        )


class StatusDialog(FormDialog):
    def __init__(self, row: PlanRow, parent=None):
        super().__init__(f"Status: {row.process}", parent)
        self.status = QComboBox()
        for st in KontrollStatus:
            self.status.addItem(st.label, st)
        self.status.setCurrentIndex(self.status.findData(row.status))
        self.comment = QPlainTextEdit(row.status_kommentar)
        self.comment.setFixedHeight(70)
        self.form.addRow("Status", self.status)
        self.form.addRow("Kommentar", self.comment)
        self.finish()

    def _collect(self):
        return self.status.currentData(), self.comment.toPlainText()
