"""Edit an event series: title, category, date or recurrence or relative date, link, responsible."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.events import Category, EventDef, Link, LinkKind, Relative
from finsam_desktop.domain.arshjul.legal import Adjust, LegalRule
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.ui.arshjul.dialogs.common import enum_value, time_edit
from finsam_desktop.ui.arshjul.dialogs.recurrence import RecurrenceEditor
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit

ROLES = (
    "Förbundschef",
    "Sekreterare",
    "Ordförande",
    "Vice ordförande",
    "Ordförande och förbundschef",
    "Styrelsen",
    "Beredningsgruppen",
    "Revisorerna",
    "Utvecklingsledare",
    "Försäkringskassan",
)
ORGAN_ANCHOR = -1  # the "every styrelse meeting" entry in the anchor list


class EventDialog(QDialog):
    """Create or edit an event series."""

    def __init__(
        self,
        year: int,
        categories: list[Category],
        anchors: list[EventDef],
        event: EventDef | None = None,
        responsibles: list[str] = (),
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Ny händelse" if event is None or not event.id else "Redigera händelse")
        # An event keeps its own year (a deadline of last December's meeting may show in January).
        self.year = event.year if event is not None and event.id else year
        self._event = event
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit()
        self.short = QLineEdit()
        self.short.setMaxLength(24)
        self.short.setPlaceholderText("syns i hjulet, högst 24 tecken")
        self.category = QComboBox()
        for c in categories:
            self.category.addItem(c.namn, c.key)
        self.responsible = QComboBox()
        self.responsible.setEditable(True)
        for r in list(ROLES) + [x for x in responsibles if x not in ROLES]:
            self.responsible.addItem(r)
        self.responsible.setCurrentText("")
        form.addRow("Rubrik", self.title)
        form.addRow("Kort etikett", self.short)
        form.addRow("Kategori (ring)", self.category)
        form.addRow("Ansvarig", self.responsible)
        layout.addLayout(form)

        when = QGroupBox("När")
        wl = QVBoxLayout(when)
        kinds = QHBoxLayout()
        self.kind_single = QRadioButton("Datum")
        self.kind_recurring = QRadioButton("Återkommande")
        self.kind_relative = QRadioButton("Relativt en annan händelse")
        for b in (self.kind_single, self.kind_recurring, self.kind_relative):
            kinds.addWidget(b)
        wl.addLayout(kinds)
        self.stack = QStackedWidget()
        single = QWidget()
        sf = QFormLayout(single)
        self.start = IsoDateEdit(date(year, clock.today().month, 1) if clock.today().year == year else date(year, 1, 1))
        self.has_end = QCheckBox("Flera dagar, till och med")
        self.end = IsoDateEdit(self.start.value())
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        sf.addRow("Datum", self.start)
        sf.addRow(self.has_end, self.end)
        self.recurrence = RecurrenceEditor()
        relative = QWidget()
        rf = QFormLayout(relative)
        self.anchor = QComboBox()
        self.anchor.addItem("Varje styrelsemöte", ORGAN_ANCHOR)
        for a in anchors:
            if event is None or a.id != event.id:
                self.anchor.addItem(a.title, a.id)
        self.offset = QSpinBox()
        self.offset.setRange(0, 365)
        self.unit = QComboBox()
        self.unit.addItem("dagar", "dagar")
        self.unit.addItem("veckor", "veckor")
        self.direction = QComboBox()
        self.direction.addItem("före", -1)
        self.direction.addItem("efter", 1)
        offset_row = QHBoxLayout()
        offset_row.addWidget(self.offset)
        offset_row.addWidget(self.unit)
        offset_row.addWidget(self.direction)
        self.legal = QComboBox()
        self.legal.addItem("Ingen – räkna dagar/veckor", None)
        for rule in LegalRule:
            self.legal.addItem(rule.label, rule)
        rf.addRow("Räknas från", self.anchor)
        rf.addRow("Förskjutning", offset_row)
        rf.addRow("Lagstadgad frist", self.legal)
        self.stack.addWidget(single)
        self.stack.addWidget(self.recurrence)
        self.stack.addWidget(relative)
        wl.addWidget(self.stack)
        adjust_row = QFormLayout()
        self.adjust = QComboBox()
        for a in Adjust:
            self.adjust.addItem(a.label, a)
        adjust_row.addRow("Om datumet inte är en vardag", self.adjust)
        times = QHBoxLayout()
        self.has_time = QCheckBox("Klockslag")
        self.starttid = time_edit(time(9, 0))
        self.sluttid = time_edit(time(12, 0))
        times.addWidget(self.has_time)
        times.addWidget(self.starttid)
        times.addWidget(QLabel("–"))
        times.addWidget(self.sluttid)
        times.addStretch(1)
        self.has_time.toggled.connect(self.starttid.setEnabled)
        self.has_time.toggled.connect(self.sluttid.setEnabled)
        adjust_row.addRow("Tid", times)
        wl.addLayout(adjust_row)
        layout.addWidget(when)

        more = QFormLayout()
        self.link_kind = QComboBox()
        self.link_kind.addItem("–", None)
        for k in LinkKind:
            self.link_kind.addItem(k.label, k)
        self.link_text = QLineEdit()
        self.link_text.setPlaceholderText("t.ex. Årsredovisning 2025, Plan för intern kontroll 2027")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        more.addRow("Gäller", self.link_kind)
        more.addRow("", self.link_text)
        more.addRow("Anteckning", self.notes)
        layout.addLayout(more)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #C62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for i, b in enumerate((self.kind_single, self.kind_recurring, self.kind_relative)):
            b.toggled.connect(lambda on, i=i: on and self.stack.setCurrentIndex(i))
        self.kind_single.setChecked(True)
        self.has_time.setChecked(False)
        self.starttid.setEnabled(False)
        self.sluttid.setEnabled(False)
        self.result_event: EventDef | None = None
        if event is not None:
            self._load(event)

    def _load(self, e: EventDef) -> None:
        self.title.setText(e.title)
        self.short.setText(e.short)
        self.category.setCurrentIndex(max(self.category.findData(e.category), 0))
        self.responsible.setCurrentText(e.responsible)
        if e.start is not None:
            self.kind_single.setChecked(True)
            self.start.set_value(e.start)
            if e.end:
                self.has_end.setChecked(True)
                self.end.set_value(e.end)
        elif e.recurrence is not None:
            self.kind_recurring.setChecked(True)
            self.recurrence.set_value(e.recurrence)
        elif e.relative is not None:
            self.kind_relative.setChecked(True)
            rel = e.relative
            self.anchor.setCurrentIndex(
                max(self.anchor.findData(ORGAN_ANCHOR if rel.anchor_organ_id is not None else rel.anchor_event_id), 0)
            )
            self.offset.setValue(abs(rel.offset))
            self.unit.setCurrentIndex(max(self.unit.findData(rel.unit), 0))
            self.direction.setCurrentIndex(0 if rel.offset < 0 else 1)
            if rel.legal:
                self.legal.setCurrentIndex(max(self.legal.findData(LegalRule(rel.legal)), 0))
        self.adjust.setCurrentIndex(max(self.adjust.findData(Adjust(e.adjust)), 0))
        if e.starttid:
            self.has_time.setChecked(True)
            self.starttid.setTime(QTime(e.starttid.hour, e.starttid.minute))
            if e.sluttid:
                self.sluttid.setTime(QTime(e.sluttid.hour, e.sluttid.minute))
        if e.link:
            self.link_kind.setCurrentIndex(max(self.link_kind.findData(LinkKind(e.link.kind)), 0))
            self.link_text.setText(e.link.text)
        self.notes.setPlainText(e.notes)

    def value(self) -> EventDef:
        start = end = recurrence = relative = None
        if self.kind_single.isChecked():
            start = self.start.value()
            end = self.end.value() if self.has_end.isChecked() else None
        elif self.kind_recurring.isChecked():
            recurrence = self.recurrence.value()
        else:
            anchor = self.anchor.currentData()
            offset = self.offset.value() * self.direction.currentData()
            legal = enum_value(self.legal, LegalRule)
            if anchor == ORGAN_ANCHOR:
                relative = Relative(anchor_organ_id=1, offset=offset, unit=self.unit.currentData(), legal=legal)
            else:
                relative = Relative(anchor_event_id=anchor, offset=offset, unit=self.unit.currentData(), legal=legal)
        starttid = sluttid = None
        if self.has_time.isChecked():
            t0, t1 = self.starttid.time(), self.sluttid.time()
            starttid, sluttid = time(t0.hour(), t0.minute()), time(t1.hour(), t1.minute())
        link_kind = enum_value(self.link_kind, LinkKind)
        link = Link(link_kind, None, self.link_text.text().strip()) if link_kind else None
        base = self._event or EventDef(0, self.year, "", "")
        event = replace(
            base,
            year=self.year,
            title=self.title.text().strip(),
            short=self.short.text().strip(),
            category=self.category.currentData(),
            start=start,
            end=end,
            recurrence=recurrence,
            relative=relative,
            starttid=starttid,
            sluttid=sluttid,
            responsible=self.responsible.currentText().strip(),
            notes=self.notes.toPlainText().strip(),
            adjust=enum_value(self.adjust, Adjust),
            link=link,
        )
        event.validate()
        return event

    def _accept(self) -> None:
        try:
            self.result_event = self.value()
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
