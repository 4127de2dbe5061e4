"""The § list of one meeting: number, rubrik, type; struck items shown struck through; drag and drop to move.

The model never reorders itself: a drop emits ``move_requested(from_row, to_row)`` and the controller moves the
item through the service (undoable) and reloads the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

_Index = QModelIndex | QPersistentModelIndex

MIME = "application/x-finsam-paragraph-row"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ParagraphRow:
    """What the § list shows for one item."""

    item_id: int
    number_text: str  # "§ 120", or "3" on a dagordning without § numbers
    rubrik: str
    kind_label: str
    struck: bool = False
    warning: str = ""  # e.g. missing jäv note; shown as a marker and tooltip
    bilagor: str = ""  # "Bilaga 2, 3"


class ParagraphListModel(QAbstractTableModel):
    move_requested = Signal(int, int)  # from row, to row (index in the list after the move)

    HEADERS = ("§", "Rubrik", "Typ")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple[ParagraphRow, ...] = ()
        self._movable = True

    @property
    def rows(self) -> tuple[ParagraphRow, ...]:
        return self._rows

    def set_rows(self, rows: Sequence[ParagraphRow], movable: bool = True) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._movable = movable
        self.endResetModel()

    def row_of(self, item_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.item_id == item_id:
                return i
        return -1

    # --- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return row.number_text
            if col == 1:
                text = row.rubrik or "(utan rubrik)"
                return f"⚠ {text}" if row.warning else text
            return "Utgår" if row.struck else row.kind_label
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and row.struck:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.struck:
                return QColor("#8a8a8a")
            if col == 2:
                return QColor("#555555")
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{row.number_text} {row.rubrik}".strip()]
            if row.bilagor:
                parts.append(row.bilagor)
            if row.struck:
                parts.append("Punkten utgår (numret behålls).")
            if row.warning:
                parts.append(row.warning)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 1:
            return f"{row.number_text} {row.rubrik}{', utgår' if row.struck else ''}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled if self._movable else base
        if self._movable:
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base

    # --- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        if rows:
            mime.setData(MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self._movable and data is not None and data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            source = int(bytes(data.data(MIME).data()).decode())
        except ValueError:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        target = row - 1 if row > source else row
        target = max(0, min(target, len(self._rows) - 1))
        if target != source:
            self.move_requested.emit(source, target)
        # The view must not remove the source row itself: we report "not handled" for the removal.
        return False
