"""Pieces shared by the Förbundet dialog's pages: a sortable, filterable record table with Lägg till / Ändra /
Ta bort buttons, headings and hints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from finsam_desktop.ui.widgets.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel

MUTED = QColor("#7a7a7a")
WARNING_STYLE = "background: #fff4ce; color: #5c4400; padding: 6px; border-radius: 3px;"


class RecordTable(QWidget):
    """A sortable, filterable table with Lägg till / Ändra / Ta bort buttons."""

    def __init__(
        self, columns: list[Column], add_text: str, filter_text: str | None = None, sortable: bool = True, parent=None
    ):
        super().__init__(parent)
        self.model = RowTableModel(columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortLocaleAware(True)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        if sortable:
            self.view.setSortingEnabled(True)
            self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton(add_text)
        self.edit_button = QPushButton("Än&dra…")
        self.remove_button = QPushButton("Ta &bort")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        self._buttons = buttons
        self._row_buttons: list[QPushButton] = [self.edit_button, self.remove_button]
        buttons.addStretch(1)
        if filter_text:
            self.filter = QLineEdit()
            self.filter.setPlaceholderText(filter_text)
            self.filter.setClearButtonEnabled(True)
            self.filter.setMaximumWidth(260)
            self.filter.textChanged.connect(self.proxy.setFilterFixedString)
            buttons.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._editable = True
        self._update_buttons()

    def add_row_button(self, text: str) -> QPushButton:
        """Another button that acts on the selected row (enabled like Ändra/Ta bort)."""
        button = QPushButton(text)
        self._buttons.insertWidget(len(self._row_buttons) + 1, button)
        self._row_buttons.append(button)
        self._update_buttons()
        return button

    def set_rows(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if selected is not None:
            self.select_where(lambda r: r == selected)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.add_button.setEnabled(editable)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROW_ROLE)

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if predicate(index.data(ROW_ROLE)):
                self.view.selectRow(r)
                self.view.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in self._row_buttons:
            button.setEnabled(has and self._editable)


def heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    return label


def hint(text: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setStyleSheet("color: palette(mid);")
    return label
