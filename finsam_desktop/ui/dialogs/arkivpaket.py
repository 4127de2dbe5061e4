"""Arkiv → Exportera arkivpaket…: choose the year and where the E-ARK package (.zip or a new folder) goes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ArkivpaketDialog(QDialog):
    """The year (those with justerade protocols) and the target; ``choice()`` gives them after accept."""

    def __init__(self, parent: QWidget | None, years: list[int], folder: Path):
        super().__init__(parent)
        self.setWindowTitle("Exportera arkivpaket")
        self.setAccessibleName("Exportera arkivpaket")
        self._folder = folder
        intro = QLabel(
            "Arkivpaketet (E-ARK SIP enligt Riksarkivets FGS Paketstruktur) innehåller årets justerade protokoll "
            "som PDF/A, bilagor, anslagsbevis och registret över protokollsutdrag, med METS, PREMIS och EAD."
        )
        intro.setWordWrap(True)
        self.year = QComboBox()
        self.year.setAccessibleName("År")
        for y in years:
            self.year.addItem(str(y), y)
        self.target = QLineEdit()
        self.target.setAccessibleName("Spara som")
        self.browse = QPushButton("&Bläddra…")
        self.browse.setAccessibleName("Bläddra efter fil")
        self.browse.clicked.connect(self._on_browse)
        self.year.currentIndexChanged.connect(self._default_target)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        year_label = QLabel("&År:")
        year_label.setBuddy(self.year)
        target_label = QLabel("&Spara som:")
        target_label.setBuddy(self.target)
        form.addRow(year_label, self.year)
        form.addRow(target_label, row)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("&Exportera", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName("Exportera arkivpaketet")
        self.cancel = self.buttons.addButton("A&vbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel.setAccessibleName("Avbryt")
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Meddelande")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.ok.setEnabled(bool(years))
        if not years:
            self.message.setText("Det finns inga justerade protokoll att arkivera.")
        self._default_target()
        self.resize(560, self.sizeHint().height())

    def _default_target(self) -> None:
        year = self.year.currentData()
        if year is not None:
            self.target.setText(str(self._folder / f"arkivpaket-protokoll-{year}.zip"))

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Spara arkivpaket", self.target.text(), "ZIP-arkiv (*.zip)")
        if path:
            self.target.setText(path if path.lower().endswith(".zip") else f"{path}.zip")

    def _on_accept(self) -> None:
        if not self.target.text().strip():
            self.message.setText("Ange var arkivpaketet ska sparas.")
            return
        self.accept()

    def choice(self) -> tuple[int, Path]:
        return int(self.year.currentData()), Path(self.target.text().strip())
