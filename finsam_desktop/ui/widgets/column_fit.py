"""Columns that fit the table's width: every column gets the width its contents and header want; when they do
not all fit, the widest are narrowed to one common cap (their text elided, or wrapped where the table wraps) so
no column is pushed out of sight and the table needs no horizontal scroll bar. Spare width goes to the
``stretch`` column (the text column). Columns are fitted again when the table is resized or its rows change;
a column the user drags keeps its width until then."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

#: No column is narrowed below this (a date, a short status still readable) unless nothing else fits.
MIN_WIDTH = 44
#: No column asks for more than this, however long its longest text.
MAX_WIDTH = 420


def fitted_widths(wanted: list[int], available: int, stretch: int | None) -> list[int]:
    """The widths of columns that want ``wanted`` pixels in ``available``: all of them when they fit (the
    spare width to ``stretch``), else the widest cut to one cap so the sum fits (none below ``MIN_WIDTH``)."""
    wanted = [min(w, MAX_WIDTH) for w in wanted]
    total = sum(wanted)
    if total <= available:
        out = list(wanted)
        if out and available > total:
            target = stretch if stretch is not None and 0 <= stretch < len(out) else len(out) - 1
            out[target] += available - total
        return out
    # Water-filling: the largest cap c with sum(min(w, c)) <= available.
    low, high = MIN_WIDTH, max(wanted)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(min(w, mid) for w in wanted) <= available:
            low = mid
        else:
            high = mid - 1
    out = [min(w, low) for w in wanted]
    spare = available - sum(out)
    if spare > 0:  # Give the rounding rest to the first column that was cut.
        for i, w in enumerate(wanted):
            if w > out[i]:
                out[i] += min(spare, w - out[i])
                break
    return out


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted to its viewport (see the module text)."""

    def __init__(self, view: QTableView, stretch: int | None = None):
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        self._watch(view.model())

    def _watch(self, model) -> None:
        if model is None:
            return
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._timer.start)
        model.dataChanged.connect(self._timer.start)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def fit(self) -> None:
        view = self.view
        model = view.model()
        if model is None:
            return
        header = view.horizontalHeader()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        wanted = [max(header.sectionSizeHint(c), view.sizeHintForColumn(c) if model.rowCount() else 0) for c in columns]
        available = view.viewport().width()
        if available <= 0:
            return
        stretch = columns.index(self.stretch) if self.stretch in columns else None
        for column, width in zip(columns, fitted_widths(wanted, available, stretch), strict=True):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)


def fit_columns(view: QTableView, stretch: int | None = None) -> ColumnFitter:
    """Keep ``view``'s columns inside its width; ``stretch`` (a column) takes the spare width."""
    fitter = ColumnFitter(view, stretch)
    view._column_fitter = fitter
    return fitter
