"""Helpers the årshjul dialogs share: enum combos, time edits, the year question and error box."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QMessageBox, QTimeEdit, QWidget


def enum_value(combo: QComboBox, enum):
    """The combo's current data as ``enum`` (Qt hands StrEnum values back as plain strings)."""
    value = combo.currentData()
    return None if value is None else enum(value)


def time_edit(value: time | None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def ask_year(parent: QWidget, title: str, label: str, default: int) -> int | None:
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getInt(parent, title, label, default, 2000, 2100)
    return value if ok else None


def show_error(parent: QWidget, exc: Exception) -> None:
    QMessageBox.warning(parent, "Det gick inte", str(exc))
