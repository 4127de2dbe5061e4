"""The recurrence editor (upprepning) inside the event dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QGridLayout, QLabel, QRadioButton, QSpinBox, QWidget

from finsam_desktop.domain.arshjul.recurrence import Freq, Recurrence
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS, SWEDISH_WEEKDAYS
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.ui.arshjul.dialogs.common import enum_value

_ORDINAL_CHOICES = ((1, "första"), (2, "andra"), (3, "tredje"), (4, "fjärde"), (-1, "sista"), (-2, "näst sista"))


class RecurrenceEditor(QWidget):
    """Frequency, month, day or "N:te veckodag", ISO week."""

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.freq = QComboBox()
        for f in Freq:
            self.freq.addItem(f.label, f)
        self.month = QComboBox()
        self.by_day = QRadioButton("Dag i månaden")
        self.by_weekday = QRadioButton("Veckodag")
        group = QButtonGroup(self)
        group.addButton(self.by_day)
        group.addButton(self.by_weekday)
        self.day = QSpinBox()
        self.day.setRange(-1, 31)
        self.day.setSpecialValueText("sista")
        self.day.setValue(1)
        self.nth = QComboBox()
        for n, text in _ORDINAL_CHOICES:
            self.nth.addItem(text, n)
        self.weekday = QComboBox()
        for i, name in enumerate(SWEDISH_WEEKDAYS):
            self.weekday.addItem(name, i)
        self.week = QSpinBox()
        self.week.setRange(1, 53)
        self.week.setValue(47)
        self.preview = QLabel()
        self.preview.setObjectName("recurrencePreview")
        self.preview.setWordWrap(True)
        grid.addWidget(QLabel("Upprepas"), 0, 0)
        grid.addWidget(self.freq, 0, 1, 1, 3)
        self.month_label = QLabel("Månad")
        grid.addWidget(self.month_label, 1, 0)
        grid.addWidget(self.month, 1, 1, 1, 3)
        grid.addWidget(self.by_day, 2, 0)
        grid.addWidget(self.day, 2, 1)
        grid.addWidget(self.by_weekday, 3, 0)
        grid.addWidget(self.nth, 3, 1)
        grid.addWidget(self.weekday, 3, 2)
        self.week_label = QLabel("Vecka")
        grid.addWidget(self.week_label, 4, 0)
        grid.addWidget(self.week, 4, 1)
        grid.addWidget(self.preview, 5, 0, 1, 4)
        self.by_day.setChecked(True)
        self.day.setMinimum(-1)
        for w in (self.freq, self.month, self.nth, self.weekday):
            w.currentIndexChanged.connect(self._sync)
        for w in (self.day, self.week):
            w.valueChanged.connect(self._sync)
        self.by_day.toggled.connect(self._sync)
        self._fill_months()
        self._sync()

    def _fill_months(self) -> None:
        freq = enum_value(self.freq, Freq)
        self.month.blockSignals(True)
        current = self.month.currentData()
        self.month.clear()
        if freq is Freq.KVARTAL:
            for i, text in ((1, "första"), (2, "andra"), (3, "tredje")):
                self.month.addItem(f"kvartalets {text} månad", i)
        else:
            for i, name in enumerate(SWEDISH_MONTHS, start=1):
                self.month.addItem(name, i)
        idx = self.month.findData(current)
        self.month.setCurrentIndex(max(idx, 0))
        self.month.blockSignals(False)

    def _sync(self) -> None:
        freq = enum_value(self.freq, Freq)
        if self.sender() is self.freq:
            self._fill_months()
        week = freq is Freq.VECKONUMMER
        self.month.setVisible(freq in (Freq.ARLIG, Freq.KVARTAL))
        self.month_label.setVisible(freq in (Freq.ARLIG, Freq.KVARTAL))
        for w in (self.by_day, self.day):
            w.setVisible(not week)
        self.nth.setVisible(not week)
        self.by_weekday.setVisible(not week)
        self.week.setVisible(week)
        self.week_label.setVisible(week)
        self.day.setEnabled(self.by_day.isChecked())
        self.nth.setEnabled(not self.by_day.isChecked())
        try:
            self.preview.setText(self.value().describe())
        except ValidationError as exc:
            self.preview.setText(exc.message)

    def value(self) -> Recurrence:
        freq = enum_value(self.freq, Freq)
        if freq is Freq.VECKONUMMER:
            rec = Recurrence(freq, week=self.week.value(), weekday=self.weekday.currentData())
        else:
            month = self.month.currentData() if freq in (Freq.ARLIG, Freq.KVARTAL) else None
            if self.by_day.isChecked():
                day = self.day.value() or -1
                rec = Recurrence(freq, month=month, day=day)
            else:
                rec = Recurrence(freq, month=month, weekday=self.weekday.currentData(), nth=self.nth.currentData())
        rec.validate()
        return rec

    def set_value(self, rec: Recurrence) -> None:
        self.freq.setCurrentIndex(self.freq.findData(Freq(rec.freq)))
        self._fill_months()
        if rec.month:
            self.month.setCurrentIndex(max(self.month.findData(rec.month), 0))
        if rec.week:
            self.week.setValue(rec.week)
        if rec.weekday is not None:
            self.weekday.setCurrentIndex(rec.weekday)
        if rec.day is not None:
            self.by_day.setChecked(True)
            self.day.setValue(rec.day if rec.day > 0 else -1)
        elif rec.nth is not None:
            self.by_weekday.setChecked(True)
            self.nth.setCurrentIndex(max(self.nth.findData(rec.nth), 0))
        self._sync()
