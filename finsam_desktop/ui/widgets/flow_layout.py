"""A layout that places widgets left to right and wraps to a new row when the width runs out, so a
row of buttons never forces the window wider than its widest button."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """Left-to-right layout that wraps its items onto as many rows as the width needs.

    ``addStretch()`` inserts a break hint: the items after it are pushed to the right end of the row
    when they fit on the same row as the items before it."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = -1, v_spacing: int = -1):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch_at: set[int] = set()
        self._h_spacing = h_spacing
        self._v_spacing = v_spacing
        if parent is None:
            self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self) -> None:
        self._stretch_at.add(len(self._items))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            self._stretch_at = {i - 1 if i > index else i for i in self._stretch_at}
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:
        # Preferred: everything on one row.
        width = height = 0
        spacing = self._spacing(horizontal=True)
        visible = [i for i in self._items if not i.isEmpty()]
        for n, item in enumerate(visible):
            hint = item.sizeHint()
            width += hint.width() + (spacing if n else 0)
            height = max(height, hint.height())
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _spacing(self, horizontal: bool) -> int:
        own = self._h_spacing if horizontal else self._v_spacing
        if own >= 0:
            return own
        parent = self.parent()
        if isinstance(parent, QWidget):
            metric = (
                QStyle.PixelMetric.PM_LayoutHorizontalSpacing
                if horizontal
                else QStyle.PixelMetric.PM_LayoutVerticalSpacing
            )
            value = parent.style().pixelMetric(metric, None, parent)
            if value >= 0:
                return value
        elif isinstance(parent, QLayout):
            return parent.spacing()
        return 6

    def _rows(self, width: int) -> list[list[tuple[int, QLayoutItem]]]:
        hs = self._spacing(horizontal=True)
        rows: list[list[tuple[int, QLayoutItem]]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            w = item.sizeHint().width()
            if rows[-1] and used + hs + w > width:
                rows.append([])
                used = 0
            used += (hs if rows[-1] else 0) + w
            rows[-1].append((index, item))
        return [r for r in rows if r]

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        hs, vs = self._spacing(horizontal=True), self._spacing(horizontal=False)
        y = area.y()
        rows = self._rows(area.width())
        for row in rows:
            row_height = max(item.sizeHint().height() for _, item in row)
            if apply:
                widths = [min(item.sizeHint().width(), area.width()) for _, item in row]
                total = sum(widths) + hs * (len(row) - 1)
                # A stretch inside the row pushes what follows it to the right edge.
                split = next((n for n, (index, _) in enumerate(row) if n and index in self._stretch_at), None)
                x = area.x()
                for n, ((_, item), w) in enumerate(zip(row, widths)):
                    if split is not None and n == split:
                        x += max(0, area.width() - total)
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, row_height)))
                    x += w + hs
            y += row_height + vs
        if rows:
            y -= vs
        return y - rect.y() + m.bottom()


def flow_row(*widgets: QWidget) -> QWidget:
    """A widget holding ``widgets`` in a FlowLayout (handy inside box layouts)."""
    box = QWidget()
    layout = FlowLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return box
