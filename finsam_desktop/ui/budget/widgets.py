"""Small widget factories shared by the Budget tab's panes."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QTableView

from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table


def make_table(model, name: str, stretch_col: int | None = None) -> QTableView:
    """A read-only table over ``model``; ``name`` is its accessible name (what it lists)."""
    # A filter proxy shades its own rows (off-budget lines), so no alternating colours there.
    return read_only_table(
        model,
        resize=ResizeMode.ResizeToContents,
        stretch=stretch_col,
        alternating=not isinstance(model, QSortFilterProxyModel),
        row_height=22,
        name=name,
    )


def make_label(text: str = "", wrap: bool = True) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab
