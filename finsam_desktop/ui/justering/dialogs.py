"""The date dialog of the justering view (justering, anslag, nedtagning)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


class DateDialog(QDialog):
    """Ask for a legal date (justering/anslag/nedtagning), optionally "anslag samma dag"."""

    def __init__(
        self,
        title: str,
        label: str,
        value: date,
        hint: str = "",
        same_day_option: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.date_edit = IsoDateEdit(value)
        form.addRow(label, self.date_edit)
        self.same_day = QCheckBox("Anslaget sätts upp samma dag (Bevis/anslag fylls i på protokollet)")
        self.same_day.setChecked(True)
        if same_day_option:
            form.addRow("", self.same_day)
        if hint:
            h = QLabel(hint)
            h.setWordWrap(True)
            form.addRow(h)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
