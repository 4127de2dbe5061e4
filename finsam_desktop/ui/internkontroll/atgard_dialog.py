"""The dialog that records the åtgärd of one population finding: status, ansvarig, senast, beskrivning and
motivering. Every control has an accessible name and is reached with Tab in the order shown; a plain-text box
passes Tab on instead of typing it. The rules (what each status needs) are the domain's ``validate_atgard``."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit

from finsam_desktop import clock
from finsam_desktop.domain.internkontroll.atgard import Atgard, AtgardStatus, validate_atgard
from finsam_desktop.domain.internkontroll.population_text import rows_text
from finsam_desktop.ui.internkontroll.dialog_base import FormDialog
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit

#: The default last day of a new åtgärd.
DEFAULT_DAYS = 30


def _text_box(text: str, name: str, height: int) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setAccessibleName(name)
    return box


class AtgardDialog(FormDialog):
    def __init__(self, row, people: list[str], parent=None):
        """``row`` is a ``FindingRow``; ``people`` the names offered as ansvarig (the field stays editable)."""
        f, a = row.finding, row.atgard
        super().__init__(f"Åtgärd: {f.rule.label}", parent)
        info = QLabel(
            f"<b>{escape(f.rule.label)}</b> ({escape(f.severity.label.lower())} allvarlighet)<br>"
            f"{escape(f.rule_text)}<br><b>Fynd:</b> {escape(f.summary)}<br>{escape(rows_text(f.rows, 20))}"
        )
        info.setWordWrap(True)
        self.layout_.insertWidget(0, info)
        today = clock.today()
        self.status = QComboBox()
        for s in AtgardStatus:
            self.status.addItem(s.label, s)
        self.status.setCurrentIndex(self.status.findData(a.status if a else AtgardStatus.OPPEN))
        self.status.setAccessibleName("Status")
        self.ansvarig = QComboBox()
        self.ansvarig.setEditable(True)
        self.ansvarig.addItems([p for p in people if p])
        self.ansvarig.setCurrentText(a.ansvarig if a else (people[0] if people else ""))
        self.ansvarig.setAccessibleName("Ansvarig")
        self.senast = IsoDateEdit(a.senast if a and a.senast else today + timedelta(days=DEFAULT_DAYS))
        self.senast.setAccessibleName("Senast")
        self.beskrivning = _text_box(a.beskrivning if a else "", "Beskrivning: vad som ska göras", 60)
        self.motivering = _text_box(
            a.motivering if a else "", "Motivering: vad som gjorts eller varför ingen åtgärd behövs", 60
        )
        self.late = QLabel()
        self.late.setWordWrap(True)
        self.form.addRow("&Status", self.status)
        self.form.addRow("&Ansvarig", self.ansvarig)
        self.form.addRow("S&enast", self.senast)
        self.form.addRow("&Beskrivning", self.beskrivning)
        self.form.addRow("&Motivering", self.motivering)
        self.form.addRow("", self.late)
        self.status.currentIndexChanged.connect(self._update)
        self.senast.dateChanged.connect(self._update)
        self._update()
        self.setTabOrder(self.status, self.ansvarig)
        self.setTabOrder(self.ansvarig, self.senast)
        self.setTabOrder(self.senast, self.beskrivning)
        self.setTabOrder(self.beskrivning, self.motivering)
        self.finish()
        self.status.setFocus()
        self.resize(600, 430)

    def _status(self) -> AtgardStatus:
        return AtgardStatus(self.status.currentData())

    def _update(self, *_args) -> None:
        status = self._status()
        self.senast.setEnabled(status is not AtgardStatus.INGEN_ATGARD)
        probe = Atgard("", self.senast.value(), status)
        self.late.setText(
            "<b>Försenad:</b> datumet har passerat och åtgärden är inte klar." if probe.forsenad(clock.today()) else ""
        )

    def _collect(self) -> Atgard:
        status = self._status()
        senast: date | None = None if status is AtgardStatus.INGEN_ATGARD else self.senast.value()
        return validate_atgard(
            Atgard(
                self.ansvarig.currentText(),
                senast,
                status,
                self.beskrivning.toPlainText(),
                self.motivering.toPlainText(),
            )
        )
