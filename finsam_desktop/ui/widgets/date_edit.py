"""A date field that shows and accepts ISO dates (``2026-04-01``), with a calendar popup."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from finsam_desktop import clock

ISO_FORMAT = "yyyy-MM-dd"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class IsoDateEdit(QDateEdit):
    """``QDateEdit`` in ISO format with a calendar popup; ``value()``/``set_value()`` use ``date``."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(ISO_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1990, 1, 1))
        self.setMaximumDate(QDate(2200, 12, 31))
        self.set_value(value or clock.today())

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(to_qdate(value))
