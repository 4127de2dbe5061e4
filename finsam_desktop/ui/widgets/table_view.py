"""The house style for a read-only table: whole rows selected one at a time, no in-place editing,
no row numbers, an accessible name. Tabs choose sorting, column sizing and wrapping."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from finsam_desktop.ui.widgets.column_fit import fit_columns

ResizeMode = QHeaderView.ResizeMode


def read_only_table(
    model: QAbstractItemModel,
    *,
    resize: ResizeMode = ResizeMode.Interactive,
    stretch: int | None = None,
    stretch_last: bool = False,
    widths: tuple[int, ...] = (),
    sort_column: int | None = None,
    alternating: bool = True,
    word_wrap: bool = True,
    row_height: int | None = None,
    name: str = "",
    fit: bool = True,
) -> QTableView:
    """A ``QTableView`` over ``model``. ``sort_column`` turns on sorting (ascending by that column);
    ``stretch`` makes one column take the spare width, ``stretch_last`` the last one. ``name`` is the
    accessible name a screen reader announces (what the table lists, in Swedish). With ``fit`` (the default) the
    columns are kept inside the table's width (``column_fit``): ``resize`` and ``widths`` only give the start."""
    view = QTableView()
    if name:
        view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    view.setWordWrap(word_wrap)
    view.verticalHeader().setVisible(False)
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    header.setSectionResizeMode(resize)
    header.setStretchLastSection(stretch_last)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, ResizeMode.Stretch)
    if fit:
        fit_columns(view, stretch if stretch is not None else (model.columnCount() - 1 if stretch_last else None))
    if sort_column is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    return view
