"""Small widget helpers shared by the Sammanträden views: the read-only table, the sort proxy, a scroll wrapper."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTableView, QWidget

from finsam_desktop.ui.widgets.table_model import SORT_ROLE
from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table


def make_table(model, stretch_column: int | None = None) -> QTableView:
    view = read_only_table(
        model,
        resize=ResizeMode.ResizeToContents,
        stretch=stretch_column,
        word_wrap=False,
    )
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move between panes
    view.horizontalHeader().setHighlightSections(False)
    return view


def broken_view(exc: Exception) -> QLabel:
    label = QLabel(f"Justeringsvyn kunde inte visas: {exc}")
    label.setWordWrap(True)
    return label


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def sort_proxy(model, parent) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
