"""The Månadsvis page: the year's occurrences under one heading per month, from the wheel's start month."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from finsam_desktop.domain.arshjul.occurrences import Occurrence, YearView
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.wheel import MONTH_NAMES
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS
from finsam_desktop.ui.arshjul.widgets import dot_icon


class AgendaView(QTreeWidget):
    occurrence_activated = Signal(object)  # Occurrence

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Händelser per månad")
        self.setColumnCount(5)
        self.setHeaderLabels(["Datum", "Händelse", "Ansvarig", "Status", "Anmärkning"])
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.itemDoubleClicked.connect(self._on_double)

    def fill(self, view: YearView) -> None:
        self.clear()
        colours = {c.key: c.farg for c in view.categories}
        months = [(view.start_month - 1 + i) % 12 + 1 for i in range(12)]
        by_month: dict[int, list[Occurrence]] = {}
        for o in view.occurrences:
            by_month.setdefault(o.date.month, []).append(o)
        bold = self.font()
        bold.setBold(True)
        for m in months:
            occs = by_month.get(m, [])
            done = sum(1 for o in occs if o.status is Status.KLAR)
            top = QTreeWidgetItem([f"{MONTH_NAMES[m - 1]} {view.year}", f"{len(occs)} händelser, {done} klara"])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(False)
            self.addTopLevelItem(top)
            for o in occs:
                top.addChild(_item(o, colours))
            top.setExpanded(True)
        for c in range(4):
            self.resizeColumnToContents(c)

    def _on_double(self, item: QTreeWidgetItem, _col: int) -> None:
        o = item.data(0, Qt.ItemDataRole.UserRole)
        if o is not None:
            self.occurrence_activated.emit(o)


def _item(o: Occurrence, colours: dict[str, str]) -> QTreeWidgetItem:
    remark = o.flag_text or (f"flyttad från {o.generated.isoformat()}" if o.moved else o.adjust_text)
    if o.occurrence_note:
        remark = f"{remark}; {o.occurrence_note}" if remark else o.occurrence_note
    day = f"{o.date.day} {SWEDISH_WEEKDAYS[o.date.weekday()][:3]}"
    if o.end and o.end != o.date:
        day += f" – {o.end.isoformat()}"
    title = o.title + (f" (kl. {o.time_text})" if o.time_text else "")
    item = QTreeWidgetItem([day, title, o.responsible, o.status.label, remark])
    item.setIcon(1, dot_icon(colours.get(o.category, "#555555"), o.status is Status.INSTALLD))
    item.setData(0, Qt.ItemDataRole.UserRole, o)
    if o.status_from:
        item.setToolTip(3, o.status_from)
    if o.status is not Status.PLANERAD:
        for c in range(5):
            item.setForeground(c, QBrush(QColor("#8A9099")))
    if o.flag:
        item.setForeground(4, QBrush(QColor("#C62828")))
    return item
