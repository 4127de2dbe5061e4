"""Table model and filter for the year's occurrences (the "Monday morning" list)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel

_RED = QColor("#C62828")
_GREY = QColor("#8A9099")


def _remark(o: Occurrence) -> str:
    parts = []
    if o.flag:
        parts.append(f"{o.flag} – inte vardag")
    if o.moved:
        parts.append(f"flyttad från {o.generated.isoformat()}")
    elif o.adjusted_from:
        parts.append(o.adjust_text.lower())
    if o.occurrence_note:
        parts.append(o.occurrence_note)
    return "; ".join(parts)


def occurrence_columns(category_names: dict[str, str]) -> list[Column[Occurrence]]:
    def foreground(o: Occurrence):
        if o.status is Status.INSTALLD:
            return _GREY
        return _RED if o.flag else None

    return [
        Column(
            "Datum",
            lambda o: o.date_text,
            sort_key=lambda o: f"{o.date.isoformat()} {o.starttid or '99'} {o.title}",
            foreground=foreground,
        ),
        Column("V.", lambda o: str(o.week), sort_key=lambda o: o.week, align_right=True),
        Column("Dag", lambda o: SWEDISH_WEEKDAYS[o.date.weekday()][:3], sort_key=lambda o: o.date.weekday()),
        Column("Tid", lambda o: o.time_text),
        # A date that is not a vardag is red and also marked ⚠ with its reason in the tooltip: the list of what is
        # due next shows only the date and this column, and colour must not be the only sign.
        Column(
            "Händelse",
            lambda o: f"⚠ {o.title}" if o.flag else o.title,
            tooltip=lambda o: "\n".join(x for x in (o.flag_text if o.flag else "", o.notes or o.title) if x),
            foreground=foreground,
        ),
        Column("Kategori", lambda o: category_names.get(o.category, o.category)),
        Column("Ansvarig", lambda o: o.responsible),
        Column(
            "Status",
            lambda o: o.status.label,
            tooltip=lambda o: o.status_from or o.status.label,
            foreground=lambda o: _GREY if o.status is not Status.PLANERAD else None,
        ),
        Column("Anmärkning", _remark, tooltip=_remark, foreground=lambda o: _RED if o.flag else None),
    ]


class OccurrenceTableModel(RowTableModel[Occurrence]):
    """The year's occurrences, one row each."""

    def __init__(self, category_names: dict[str, str] | None = None, rows=(), parent=None):
        self._names = dict(category_names or {})
        super().__init__(occurrence_columns(self._names), rows, parent)

    def set_categories(self, names: dict[str, str]) -> None:
        self.beginResetModel()
        self._names.clear()
        self._names.update(names)
        self.endResetModel()


class OccurrenceFilter(QSortFilterProxyModel):
    """Filters: category, responsible (substring), status, "kommande N dagar" and free text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category: str | None = None
        self.responsible: str = ""
        self.status: Status | None = None
        self.upcoming_days: int | None = None
        self.text: str = ""
        self.today: date = clock.today()
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setDynamicSortFilter(True)

    def set_filters(
        self,
        *,
        category: str | None = None,
        responsible: str = "",
        status: Status | None = None,
        upcoming_days: int | None = None,
        text: str = "",
        today: date | None = None,
    ) -> None:
        self.beginFilterChange()
        self.category, self.responsible, self.status = category, responsible.strip().lower(), status
        self.upcoming_days, self.text = upcoming_days, text.strip().lower()
        if today is not None:
            self.today = today
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        o: Occurrence = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        if o is None:
            return False
        if self.category and o.category != self.category:
            return False
        if self.responsible and self.responsible not in o.responsible.lower():
            return False
        if self.status is not None and o.status is not self.status:
            return False
        if self.upcoming_days is not None:
            end = self.today + timedelta(days=self.upcoming_days)
            if not (o.date <= end and (o.end or o.date) >= self.today):
                return False
        if self.text and self.text not in f"{o.title} {o.notes} {o.responsible}".lower():
            return False
        return True
