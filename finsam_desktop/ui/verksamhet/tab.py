"""The Verksamhet tab: a year chooser over the years the insatser run and four sub-tabs (Insatser, Mål och
indikatorer, Deltagare, Verksamhetsplan). Insats and goal edits go on the tab's undo stack (in the window's undo group); a deltagare
import replaces months and is not undoable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.verksamhet.aktiviteter_page import AktiviteterPage
from finsam_desktop.ui.verksamhet.deltagare_page import DeltagarePage
from finsam_desktop.ui.verksamhet.goals_page import GoalsPage
from finsam_desktop.ui.verksamhet.insatser_page import InsatserPage
from finsam_desktop.ui.verksamhet.lagesrapport_page import LagesrapportPage
from finsam_desktop.ui.verksamhet.plan_page import PlanPage
from finsam_desktop.ui.widgets.undo import perform


class VerksamhetTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.vs = ctx.services.verksamhet
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        label = QLabel("&År")
        self.year_box = QComboBox()
        self.year_box.setAccessibleName("Verksamhetsår")
        self.year_box.setMinimumWidth(100)
        label.setBuddy(self.year_box)
        bar.addWidget(label)
        bar.addWidget(self.year_box)
        self.status = QLabel()
        self.status.setAccessibleName("Årets sammanfattning")
        self.status.setWordWrap(True)
        bar.addWidget(self.status, 1)
        root.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Verksamhetens delar")
        self.insatser = InsatserPage(self)
        self.goals = GoalsPage(self)
        self.deltagare = DeltagarePage(self)
        self.plan = PlanPage(self)
        self.aktiviteter = AktiviteterPage(self)
        self.lagesrapport = LagesrapportPage(self)
        for page, title in (
            (self.insatser, "&Insatser"),
            (self.goals, "&Mål och indikatorer"),
            (self.deltagare, "&Deltagare"),
            (self.plan, "Ver&ksamhetsplan"),
            (self.aktiviteter, "Aktivit&eter"),
            (self.lagesrapport, "Lä&gesrapport"),
        ):
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(page, title)
        root.addWidget(self.tabs, 1)
        self.year_box.currentIndexChanged.connect(lambda _i: self.load_year())
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.area_changed.connect(self._area_changed)
        self.reload()

    # --- state ------------------------------------------------------------------------------------------------
    def year(self) -> int:
        value = self.year_box.currentData()
        return value if value is not None else clock.today().year

    def choose_year(self, year: int) -> None:
        index = self.year_box.findData(year)
        if index >= 0:
            self.year_box.blockSignals(True)
            self.year_box.setCurrentIndex(index)
            self.year_box.blockSignals(False)

    def editable(self) -> bool:
        return not self.ctx.read_only

    # --- loading ----------------------------------------------------------------------------------------------
    def _years(self) -> list[int]:
        today = clock.today().year
        years = {today}
        for i in self.vs.insatser.list_insatser():
            first = i.start.year if i.start else today
            last = i.slut.year if i.slut else max(today, first)
            years.update(range(max(first, today - 10), min(last, today + 3) + 1))
        years.update(self.vs.plan.years())
        return sorted(years)

    def reload(self) -> None:
        keep = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in self._years():
            self.year_box.addItem(str(y), y)
        index = self.year_box.findData(keep if keep is not None else clock.today().year)
        self.year_box.setCurrentIndex(index if index >= 0 else self.year_box.count() - 1)
        self.year_box.blockSignals(False)
        self.load_year()

    def load_year(self) -> None:
        self.insatser.load()
        self.goals.load()
        self.deltagare.load()
        self.plan.load()
        self.aktiviteter.load()
        self.lagesrapport.load()
        n = len(self.insatser.insatser)
        self.status.setText(
            f"<b>{self.year()}</b>: {n} insatser, {len(self.goals.model.rows)} mål, "
            f"deltagarstatistik för {self.deltagare.months_text()}."
        )

    def changed(self) -> None:
        self.load_year()
        self.ctx.events.area_changed.emit("verksamhet")

    def _area_changed(self, area: str) -> None:
        if area == "budget":  # the insatser and their beviljade medel are Budget's too
            self.reload()

    # --- messages and undo ------------------------------------------------------------------------------------
    def error(self, exc: Exception, title: str = "Det gick inte") -> None:
        QMessageBox.warning(self, title, str(exc))

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def push(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        """Run ``do`` now and put it on the undo stack (a reload after each step); a ``FinsamError`` from ``do``
        propagates and nothing is pushed (a dialog shows it and stays open)."""
        perform(
            self.undo_stack,
            text,
            do,
            undo=lambda _r: undo(),
            redo=lambda _r: do(),
            on_changed=self.changed,
            on_error=lambda exc: self.error(exc, "Ångra / Gör om gick inte"),
        )

    def undoable(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> bool:
        """``push`` with the error shown in a message box; False when nothing was done."""
        try:
            self.push(text, do, undo)
        except FinsamError as exc:
            self.error(exc)
            return False
        return True
