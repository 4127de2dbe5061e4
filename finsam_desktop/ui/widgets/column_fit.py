"""Columns that fit the table's width: every column gets the width its contents and header want; when they do
not all fit, the widest *text* columns are narrowed to one common cap (their text elided, or wrapped where the
table wraps) so no column is pushed out of sight and the table needs no horizontal scroll bar. Spare width goes
to the ``stretch`` column (the text column). Columns are fitted again when the table is resized or its rows
change; a column the user drags keeps its width until then.

**Key columns are never elided**: a date, a time, a number, a §, an amount or a percentage cut to "2026-0…" or
"§ 8…" says nothing, so those columns keep their full width and the text columns give way. A model declares
its key columns through the header role ``KEY_COLUMN_ROLE`` (``Column(key=True)`` in ``RowTableModel``); a
column that declares nothing is a key column when every text it shows looks like one of those values
(:func:`looks_like_key`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from finsam_desktop.ui.widgets.table_model import KEY_COLUMN_ROLE

#: No column is narrowed below this (a date, a short status still readable) unless nothing else fits.
MIN_WIDTH = 44
#: No column asks for more than this, however long its longest text.
MAX_WIDTH = 420
#: How many rows are read to judge whether an undeclared column is a key column.
SAMPLE_ROWS = 200

#: A date, time, number, amount, percentage, § or count as the tables show them: "2026-11-20", "09.00–12.00",
#: "§ 85–98", "4 p.", "1 150 000 kr", "−0,6 %", "12 tkr", "3/12", "v. 47" — digits with their signs and units,
#: perhaps marked as bad news ("⚠ 20,0 %").
_KEY_TEXT = re.compile(
    r"(?:⚠\s*)?(?:§|v\.|kl\.)?\s*[-−–+]?\s*\d[\d\s\u00a0.,:/–−-]*"
    r"(?:\s*(?:kr|tkr|mkr|%|p\.|st|dagar|d|mån|år|h|min))?\s*(?:[–-]\s*\d[\d\s\u00a0.,:/]*)?",
    re.IGNORECASE,
)
#: Texts a key column shows where it has no value.
_EMPTY = {"", "–", "-", "—", "…", "⚠ –"}


def looks_like_key(text: str) -> bool:
    """Whether ``text`` is a date, time, number, amount, percentage or § (what a key column shows)."""
    return _KEY_TEXT.fullmatch(text.strip()) is not None


def key_columns(view: QTableView) -> set[int]:
    """The key columns of ``view``'s model: declared through ``KEY_COLUMN_ROLE``, or (where the model says
    nothing) the columns whose every shown text (of the first ``SAMPLE_ROWS`` rows) looks like a key value."""
    model = view.model()
    if model is None:
        return set()
    keys = set()
    rows = min(model.rowCount(), SAMPLE_ROWS)
    for column in range(model.columnCount()):
        declared = model.headerData(column, Qt.Orientation.Horizontal, KEY_COLUMN_ROLE)
        if declared is not None:
            if declared:
                keys.add(column)
            continue
        texts = [model.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in range(rows)]
        shown = [str(t).strip() for t in texts if t is not None and str(t).strip() not in _EMPTY]
        if shown and all(looks_like_key(t) for t in shown):
            keys.add(column)
    return keys


def fitted_widths(
    wanted: list[int],
    available: int,
    stretch: int | None,
    keys: Collection[int] = (),
    floors: Sequence[int] | None = None,
) -> list[int]:
    """The widths of columns that want ``wanted`` pixels in ``available``: all of them when they fit (the
    spare width to ``stretch``), else every column cut to one common cap so the sum fits, but none below its
    floor: a key column (indexes ``keys``) not below ``floors[i]`` (its contents; without ``floors`` its whole
    ``wanted``), another not below ``MIN_WIDTH``. If the floors alone do not fit, the columns get their floors
    and the table scrolls rather than a key column being elided."""
    wanted = [min(w, MAX_WIDTH) for w in wanted]
    total = sum(wanted)
    if total <= available:
        out = list(wanted)
        if out and available > total:
            target = stretch if stretch is not None and 0 <= stretch < len(out) else len(out) - 1
            out[target] += available - total
        return out
    floor = [min(w, (floors[i] if floors is not None else w) if i in keys else MIN_WIDTH) for i, w in enumerate(wanted)]
    if sum(floor) >= available:
        return floor
    # Water-filling: the largest cap c with sum(max(floor, min(w, c))) <= available.
    low, high = 0, max(wanted)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(max(f, min(w, mid)) for f, w in zip(floor, wanted, strict=True)) <= available:
            low = mid
        else:
            high = mid - 1
    out = [max(f, min(w, low)) for f, w in zip(floor, wanted, strict=True)]
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
        rows = model.rowCount()
        contents = [view.sizeHintForColumn(c) if rows else 0 for c in columns]
        wanted = [max(header.sectionSizeHint(c), content) for c, content in zip(columns, contents, strict=True)]
        available = view.viewport().width()
        if available <= 0:
            return
        stretch = columns.index(self.stretch) if self.stretch in columns else None
        keys = key_columns(view)
        positions = [i for i, c in enumerate(columns) if c in keys]
        # A key column keeps its contents whole; a heading wider than them may be shortened like the others',
        # except a heading on two lines ("Utfall per\n2026-10-31"): Qt elides such a text as if it were one line,
        # so its column keeps the heading's width and the heading is not elided at all.
        titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
        two_lines = [i for i, t in enumerate(titles) if "\n" in t]
        floors = [
            max(content, header.sectionSizeHint(c)) if i in two_lines and i in positions else content
            for i, (c, content) in enumerate(zip(columns, contents, strict=True))
        ]
        least = sum(min(w, floors[i]) if i in positions else min(w, MIN_WIDTH) for i, w in enumerate(wanted))
        # Whole headings where the table has the room; on a narrow screen the contents come first.
        whole = bool(two_lines) and least <= available
        header.setTextElideMode(Qt.TextElideMode.ElideNone if whole else Qt.TextElideMode.ElideRight)
        widths = fitted_widths(wanted, available, stretch, positions, floors if whole else contents)
        for column, width in zip(columns, widths, strict=True):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)


def fit_columns(view: QTableView, stretch: int | None = None) -> ColumnFitter:
    """Keep ``view``'s columns inside its width; ``stretch`` (a column) takes the spare width."""
    fitter = ColumnFitter(view, stretch)
    view._column_fitter = fitter
    return fitter
