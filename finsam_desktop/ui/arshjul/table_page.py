"""The Tabell page: every occurrence in a sortable table, filtered by category, responsible, status,
the next 30 days and free text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from finsam_desktop.domain.arshjul.events import Category
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.ui.arshjul.models import OccurrenceFilter, OccurrenceTableModel
from finsam_desktop.ui.arshjul.widgets import UPCOMING_DAYS, dot_icon, table_defaults
from finsam_desktop.ui.widgets.column_fit import fit_columns
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class TablePage(QWidget):
    occurrence_activated = Signal(object)  # Occurrence

    def __init__(self, model: OccurrenceTableModel, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.today = today
        tl = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.f_category = QComboBox()
        self.f_category.setAccessibleName("Filtrera på kategori")
        category_label = QLabel("Kate&gori")
        category_label.setBuddy(self.f_category)
        self.f_responsible = QLineEdit()
        self.f_responsible.setPlaceholderText("Ansvarig innehåller…")
        self.f_responsible.setAccessibleName("Filtrera på ansvarig")
        self.f_status = QComboBox()
        self.f_status.setAccessibleName("Filtrera på status")
        self.f_status.addItem("Alla statusar", None)
        for s in Status:
            self.f_status.addItem(s.label, s)
        self.f_upcoming = QCheckBox(f"&Kommande {UPCOMING_DAYS} dagar")
        self.f_text = QLineEdit()
        self.f_text.setPlaceholderText("Sök…")
        self.f_text.setAccessibleName("Sök bland händelserna")
        for w in (category_label, self.f_category, self.f_responsible, self.f_status, self.f_upcoming, self.f_text):
            filters.addWidget(w)
        tl.addLayout(filters)
        self.proxy = OccurrenceFilter(self)
        self.proxy.setSourceModel(model)
        self.table = QTableView()
        self.table.setAccessibleName("Årets händelser")
        self.table.setModel(self.proxy)
        table_defaults(self.table)
        fit_columns(self.table, stretch=4)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._activated)
        tl.addWidget(self.table, 1)
        self.count_label = QLabel()
        tl.addWidget(self.count_label)
        self.f_category.currentIndexChanged.connect(self.apply_filters)
        self.f_status.currentIndexChanged.connect(self.apply_filters)
        self.f_upcoming.toggled.connect(self.apply_filters)
        self.f_responsible.textChanged.connect(self.apply_filters)
        self.f_text.textChanged.connect(self.apply_filters)

    def set_categories(self, categories: tuple[Category, ...]) -> None:
        """Refill the category filter, keeping the chosen one."""
        current = self.f_category.currentData()
        self.f_category.blockSignals(True)
        self.f_category.clear()
        self.f_category.addItem("Alla", None)
        for c in categories:
            self.f_category.addItem(dot_icon(c.farg), c.namn, c.key)
        self.f_category.setCurrentIndex(max(self.f_category.findData(current), 0))
        self.f_category.blockSignals(False)

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            category=self.f_category.currentData(),
            responsible=self.f_responsible.text(),
            status=Status(self.f_status.currentData()) if self.f_status.currentData() else None,
            upcoming_days=UPCOMING_DAYS if self.f_upcoming.isChecked() else None,
            text=self.f_text.text(),
            today=self.today,
        )
        self.count_label.setText(f"{self.proxy.rowCount()} av {self.model.rowCount()} händelser")

    def resize_columns(self) -> None:
        self.table._column_fitter.fit()

    def _activated(self, index) -> None:
        o = self.proxy.data(self.proxy.index(index.row(), 0), ROW_ROLE)
        if o is not None:
            self.occurrence_activated.emit(o)
