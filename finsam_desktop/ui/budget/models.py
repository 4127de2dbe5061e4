"""Table models of the Budget tab (immutable rows; checked with qtmodeltester)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from finsam_desktop.domain.budget.followup import FollowupRow, RowKind
from finsam_desktop.domain.budget.lines import Line, Section
from finsam_desktop.domain.budget.periodisation import Profile
from finsam_desktop.domain.budget.presentation import (
    BAD_NEWS,
    Unit,
    amount_text,
    deviation_pct_text,
    forbrukat_share,
    helar_unfavourable,
    pct_text,
    presented_rows,
    prior_figures,
    unfavourable,
)
from finsam_desktop.domain.common.money import format_kr, format_number
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel, two_line_header

_Index = QModelIndex | QPersistentModelIndex
RED = QColor("#B00020")
SECTION_BG = QColor("#E8ECEF")
TOTAL_BG = QColor("#F3F6F8")
MUTED = QColor("#666666")


def amount(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if value == value.to_integral_value() else 2)


C_PRIOR, C_COMMENT = 9, 10


class FollowupModel(QAbstractTableModel):
    """The follow-up: one row per section heading, line, varav row, subtotal and total (without Summa rows that
    repeat the row above or the total below), with föregående års utfall. Figures through the budget's
    presentation functions, the same as the PDF, the workbook and ``finsam list budget``."""

    HEADERS = (
        "Rad",
        "Budget",
        "Periodiserad budget",
        "Utfall",
        "Avvikelse kr",
        "Avvikelse %",
        "% förbrukat",
        "Förväntat utfall helår",
        "Avvikelse helår",
        "Utfall föregående år",
        "Kommentar",
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple[FollowupRow, ...] = ()
        self._prior: tuple[Decimal | None, ...] = ()
        self._headers = list(self.HEADERS)
        self._context: tuple[dict | None, int | None, Unit] = (None, None, Unit.KR)

    def set_context(self, prior_utfall: dict | None, prior_year: int | None, unit: Unit = Unit.KR) -> None:
        """Föregående års utfall per line code and the förbund's unit, for the next :meth:`set_rows`."""
        self._context = (prior_utfall, prior_year, Unit(unit))

    def set_rows(self, rows: Sequence[FollowupRow], year: int | None = None, per: str = "") -> None:
        self.beginResetModel()
        prior_utfall, prior_year, unit = self._context
        shown = presented_rows(rows)
        prior = dict(zip(map(id, rows), prior_figures(rows, prior_utfall), strict=True))
        self._rows = shown
        self._prior = tuple(prior[id(r)] for r in shown)
        self._headers[4] = f"Avvikelse {unit.value}"
        if year is not None:
            self._headers[1] = f"Budget {year}"
            self._headers[2] = f"Periodiserad budget per {per}"
            self._headers[3] = f"Utfall per {per}"
            self._headers[C_PRIOR] = f"Utfall {prior_year or year - 1}"
        self.endResetModel()

    @property
    def rows(self) -> tuple[FollowupRow, ...]:
        return self._rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def _text(self, r: FollowupRow, col: int, prior: Decimal | None = None) -> str:
        unit = self._context[2]
        if r.kind is RowKind.SECTION:
            return r.namn if col == 0 else ""
        if col == 0:
            return ("      " if r.kind is RowKind.SUB else "") + r.namn
        if col == 1:
            return amount_text(r.budget, unit)
        if col == 2:
            return amount_text(r.prognos, unit) + (" *" if r.prognos_overridden else "")
        if col == 3:
            if r.utfall is None:
                return r.utfall_note or ("ej känt" if r.is_figure_row and r.budget is not None else "")
            return amount_text(r.utfall, unit)
        if col == 4:
            return amount_text(r.avvikelse, unit)
        if col == 5:
            return deviation_pct_text(r)
        if col == 6:
            return "" if r.kind is RowKind.RESULT else pct_text(forbrukat_share(r), 0)
        if col == 7:
            return amount_text(r.helar, unit) + (" *" if r.helar_overridden else "")
        if col == 8:
            return amount_text(r.helar_avvikelse, unit) if r.helar_avvikelse else ""
        if col == C_PRIOR:
            return amount_text(prior, unit)
        return "; ".join(t for t in (r.comment, r.utfall_note if r.utfall is not None else "") if t)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col, self._prior[index.row()] if index.row() < len(self._prior) else None)
        if role == ROW_ROLE:
            return r
        if role == SORT_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= col <= C_PRIOR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and r.kind in (
            RowKind.SECTION,
            RowKind.SUBTOTAL,
            RowKind.TOTAL,
            RowKind.RESULT,
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.FontRole and r.kind is RowKind.SUB:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.kind is RowKind.SECTION:
                return QBrush(SECTION_BG)
            if r.kind in (RowKind.TOTAL, RowKind.RESULT):
                return QBrush(TOTAL_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            # Red only for bad news: costs over, income or the result under the prognos.
            if r.off_budget and col in (4, 5) and unfavourable(r):
                return QBrush(RED)
            if r.off_budget and col == 8 and helar_unfavourable(r):
                return QBrush(RED)
            if col == 3 and r.utfall is None:
                return QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if col in (4, 5) and r.off_budget and unfavourable(r):
                tips.append(f"{BAD_NEWS} Avvikelsen är till det sämre och större än gränsen för markering.")
            if r.prognos_overridden:
                tips.append(
                    "Prognosen för perioden är ändrad för raden"
                    + (f" (periodiserad budget: {amount(r.periodiserad)})." if r.periodiserad is not None else ".")
                )
            elif col == 2 and r.is_figure_row:
                tips.append(r.periodisering or "Periodisering: jämnt, budget × månader / 12.")
            if r.helar_overridden:
                tips.append("Helårsprognosen är ändrad för raden.")
            if r.utfall is not None and not r.utfall_complete and not r.is_figure_row:
                tips.append("Summan omfattar bara rader med känt utfall.")
            if r.comment:
                tips.append(r.comment)
            return "\n".join(tips) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return two_line_header(self._headers[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None


class OffBudgetFilter(QSortFilterProxyModel):
    """Only lines off budget (plus their section headings and totals for context) when enabled."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._only_off = False

    def set_only_off(self, on: bool) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._only_off = on
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self._only_off = on
            self.invalidateFilter()

    @property
    def only_off(self) -> bool:
        return self._only_off

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._only_off:
            return True
        model = self.sourceModel()
        row: FollowupRow = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        if row is None:
            return False
        if row.is_figure_row:
            return row.off_budget
        if row.kind is RowKind.SECTION:
            return any(r.off_budget and r.section_id == row.section_id for r in model.rows)
        return row.kind in (RowKind.TOTAL, RowKind.RESULT)


def line_columns(
    sections: dict[int, Section],
    parents: dict[int, str],
    year: int,
    profiles: Mapping[str, Profile] | None = None,
    unit: Unit = Unit.KR,
) -> list[Column[Line]]:
    profiles = profiles or {}

    def a(value: Decimal | None) -> str:
        return amount_text(value, unit)

    u = "" if unit is Unit.KR else f" ({unit.value})"
    return [
        Column("Kod", lambda x: x.kod),
        Column("Benämning", lambda x: ("      varav " if x.parent_id else "") + x.namn),
        Column("Avsnitt", lambda x: sections[x.section_id].namn if x.section_id in sections else ""),
        Column(
            "Klass",
            lambda x: (
                (x.line_class or sections[x.section_id].default_class).label
                if x.section_id in sections and (x.line_class or sections[x.section_id].default_class)
                else ""
            ),
        ),
        Column(f"Budget {year}{u}", lambda x: a(x.budget), lambda x: x.budget or 0, align_right=True),
        Column(f"Plan {year + 1}{u}", lambda x: a(x.plan1), lambda x: x.plan1 or 0, align_right=True),
        Column(f"Plan {year + 2}{u}", lambda x: a(x.plan2), lambda x: x.plan2 or 0, align_right=True),
        Column("Periodisering", lambda x: profiles[x.kod].label if x.kod in profiles else "Jämnt"),
        Column("Anteckning", lambda x: x.note),
    ]


class LinesModel(RowTableModel):
    """Budget lines in document order (sections, then lines with their varav rows)."""


def kr_or_dash(value: Decimal | None) -> str:
    return format_kr(value) if value is not None else "–"
