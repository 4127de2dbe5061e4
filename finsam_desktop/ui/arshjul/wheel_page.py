"""The Hjul page: the wheel beside what is due in the next 30 days and the passed, unfinished count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from finsam_desktop.domain.arshjul.occurrences import YearView
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.ui.arshjul.models import OccurrenceFilter, OccurrenceTableModel
from finsam_desktop.ui.arshjul.wheel import WheelWidget
from finsam_desktop.ui.arshjul.widgets import UPCOMING_DAYS, table_defaults
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class WheelPage(QSplitter):
    occurrence_activated = Signal(object)  # Occurrence

    def __init__(self, model: OccurrenceTableModel, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.wheel = WheelWidget()
        self.addWidget(self.wheel)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.upcoming_title = QLabel()
        self.upcoming_title.setStyleSheet("font-weight: bold; font-size: 14px;")
        side_layout.addWidget(self.upcoming_title)
        self.upcoming_proxy = OccurrenceFilter(self)
        self.upcoming_proxy.setSourceModel(model)
        self.upcoming = QTableView()
        self.upcoming.setAccessibleName(f"Kommande {UPCOMING_DAYS} dagar")
        self.upcoming.setModel(self.upcoming_proxy)
        table_defaults(self.upcoming)
        for col in (1, 2, 3, 5, 6, 7, 8):
            self.upcoming.setColumnHidden(col, True)
        self.upcoming.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.upcoming.doubleClicked.connect(self._activated)
        side_layout.addWidget(self.upcoming, 1)
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setStyleSheet("color: #C62828;")
        side_layout.addWidget(self.overdue_label)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([900, 320])

    def show_year(self, view: YearView, today: date) -> None:
        self.wheel.set_view(view, today)
        self.upcoming_proxy.set_filters(upcoming_days=UPCOMING_DAYS, status=Status.PLANERAD, today=today)
        self.upcoming_title.setText(f"Kommande {UPCOMING_DAYS} dagar (från {today.isoformat()})")
        overdue = [
            o
            for o in view.occurrences
            if o.status is Status.PLANERAD and o.meeting_id is None and (o.end or o.date) < today
        ]
        self.overdue_label.setText(
            f"{len(overdue)} passerade händelser är inte markerade som klara." if overdue else ""
        )
        self.upcoming.resizeColumnToContents(0)

    def _activated(self, index) -> None:
        o = self.upcoming_proxy.data(self.upcoming_proxy.index(index.row(), 0), ROW_ROLE)
        if o is not None:
            self.occurrence_activated.emit(o)
