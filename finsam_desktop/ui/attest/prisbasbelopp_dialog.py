"""The table of prisbasbelopp per year, which the delegation limits in prisbasbelopp use."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import format_number, parse_amount
from finsam_desktop.ui.attest.models import prisbasbelopp_model


class PrisbasbeloppDialog(QDialog):
    """The editable table of prisbasbelopp per year."""

    def __init__(self, service, read_only: bool, parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Prisbasbelopp")
        self.model = prisbasbelopp_model(self)
        view = QTableView()
        view.setModel(self.model)
        view.horizontalHeader().setStretchLastSection(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view = view
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(clock.today().year + 1)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("belopp i kronor")
        save = QPushButton("Spara år")
        remove = QPushButton("Ta bort markerat år")
        save.clicked.connect(self._save)
        remove.clicked.connect(self._remove)
        for w in (self.year, self.amount, save, remove):
            w.setEnabled(not read_only)
        row = QHBoxLayout()
        row.addWidget(QLabel("År"))
        row.addWidget(self.year)
        row.addWidget(self.amount, 1)
        row.addWidget(save)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Gränser i prisbasbelopp räknas med beloppet för det år beslutet fattas."))
        layout.addWidget(view)
        layout.addLayout(row)
        layout.addWidget(remove)
        layout.addWidget(self.error)
        layout.addWidget(close)
        view.clicked.connect(self._pick)
        self._load(service.rows.prisbasbelopp())

    def _load(self, table: dict) -> None:
        self.model.set_rows(sorted(table.items()))

    def _pick(self, index) -> None:
        year, amount = self.model.row_at(index.row())
        self.year.setValue(year)
        self.amount.setText(format_number(amount))

    def _save(self) -> None:
        try:
            amount = parse_amount(self.amount.text(), f"Prisbasbelopp {self.year.value()}")
            self._load(self.service.rows.set_prisbasbelopp(self.year.value(), amount))
            self.error.setText("")
        except FinsamError as exc:
            self.error.setText(str(exc))

    def _remove(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            year = self.model.row_at(rows[0].row())[0]
            self._load(self.service.rows.set_prisbasbelopp(year, None))
