"""A read-only table model over immutable rows (frozen dataclasses), described by columns.

Views sort and filter through ``QSortFilterProxyModel``; ``SORT_ROLE`` gives native values and
``ROW_ROLE`` the row object itself. ``KEY_COLUMN_ROLE`` (header data) tells the column fitter whether a column is
a key column (a date, a number, a §, an amount) that is never elided; ``None`` lets it judge by the texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: Header role: True for a key column (never elided), False for one that may give way, None: judge by its texts.
KEY_COLUMN_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def two_line_header(text: str, longest: int = 12) -> str:
    """A column heading longer than ``longest`` characters on two lines, broken at the space nearest its middle
    ("Periodiserad budget\nper 2026-10-31"): a column of amounts then needs the width of its amounts, not of its
    heading, and the heading is not cut to "Periodiserad budget …"."""
    if len(text) <= longest or " " not in text:
        return text
    middle = len(text) / 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[T], str] | None = None
    foreground: Callable[[T], Any] | None = None
    #: A key column keeps its full width when the table is narrow (see ``column_fit``); None: judged by its texts.
    key: bool | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], rows: Sequence[T] = (), parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[T, ...] = tuple(rows)

    # --- data access for views ----------------------------------------------------------------
    @property
    def rows(self) -> tuple[T, ...]:
        return self._rows

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    # --- QAbstractTableModel --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort_key(row) if col.sort_key else col.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground:
            return col.foreground(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == KEY_COLUMN_ROLE and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].key
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            # The tooltip: the whole heading, where a narrow column shows it shortened.
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return None
