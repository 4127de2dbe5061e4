"""The base of the Intern kontroll dialogs: OK/Avbryt with Swedish validation errors, and the scale picker."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError


class FormDialog(QDialog):
    """OK/Avbryt; ``accept`` runs ``_collect`` and shows a Swedish error instead of closing on bad input."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("OK")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.result_value = None

    def finish(self) -> None:
        self.layout_.addWidget(self.buttons)

    def _collect(self):
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self._collect()
        except FinsamError as exc:
            QMessageBox.warning(self, "Kontrollera uppgifterna", str(exc))
            return
        super().accept()


def scale_combo(levels, value: int | None, allow_none: bool = False) -> QComboBox:
    box = QComboBox()
    if allow_none:
        box.addItem("–", None)
    for lvl in levels:
        box.addItem(f"{lvl.value} {lvl.label}", lvl.value)
    box.setCurrentIndex(max(box.findData(value), 0))
    return box
