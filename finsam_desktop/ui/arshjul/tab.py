"""The Årshjul tab: composes the toolbar and the three views (wheel with what is due next, the agenda by
month, the filtered table) and wires them to the two controllers (editing, year actions)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QTabWidget, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.occurrences import YearView
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.arshjul.agenda import AgendaView
from finsam_desktop.ui.arshjul.dialogs.common import show_error
from finsam_desktop.ui.arshjul.editing import EditingController
from finsam_desktop.ui.arshjul.models import OccurrenceTableModel
from finsam_desktop.ui.arshjul.table_page import TablePage
from finsam_desktop.ui.arshjul.toolbar import ArshjulToolbar
from finsam_desktop.ui.arshjul.wheel_page import WheelPage
from finsam_desktop.ui.arshjul.year_actions import YearActionsController
from finsam_desktop.ui.context import UiContext

AREA = "arshjul"


class ArshjulTab(QWidget):
    """The tab. ``undo_stack`` is activated by the main window; ``editing`` and ``actions`` are the
    controllers, ``toolbar``, ``wheel_page``, ``agenda`` and ``table_page`` the views."""

    def __init__(self, ctx: UiContext, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.svc = ctx.services.arshjul
        self.today = today or clock.today()
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.view: YearView | None = None
        self.editing = EditingController(self)
        self.actions = YearActionsController(self, self.editing)
        self._build()
        self._connect()
        ctx.events.area_changed.connect(self._on_area_changed)
        ctx.events.workspace_replaced.connect(self.refresh)
        ctx.events.forbund_changed.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.toolbar = ArshjulToolbar(self.today.year)
        outer.addWidget(self.toolbar)
        self.banner = QLabel()
        self.banner.setObjectName("arshjulBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#FFF4E5; border:1px solid #F0C36D; padding:6px;")
        self.banner.setVisible(False)
        outer.addWidget(self.banner)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        outer.addWidget(self.views, 1)
        self.model = OccurrenceTableModel()
        self.wheel_page = WheelPage(self.model)
        self.views.addTab(self.wheel_page, "H&jul")
        self.agenda = AgendaView()
        self.views.addTab(self.agenda, "Månads&vis")
        self.table_page = TablePage(self.model, self.today)
        self.views.addTab(self.table_page, "Tabe&ll")
        self.views.setCurrentIndex(int(QSettings().value("arshjul/view", 0)))
        self.views.currentChanged.connect(lambda i: QSettings().setValue("arshjul/view", i))
        self.toolbar.set_read_only(self.ctx.read_only)

    def _connect(self) -> None:
        bar, editing, actions = self.toolbar, self.editing, self.actions
        bar.year.valueChanged.connect(lambda _v: self.refresh())
        bar.start_month.currentIndexChanged.connect(self._on_start_month)
        bar.new_button.clicked.connect(editing.new_event)
        bar.create_button.clicked.connect(actions.create_year)
        bar.plan_button.clicked.connect(actions.enter_plan)
        bar.done_button.clicked.connect(editing.mark_passed)
        bar.export_requested.connect(actions.export)
        bar.delars_action.toggled.connect(self._on_delars)
        bar.export_template_action.triggered.connect(actions.export_template)
        bar.import_template_action.triggered.connect(actions.import_template)
        bar.reset_template_action.triggered.connect(actions.reset_template)
        bar.categories_action.triggered.connect(actions.edit_categories)
        bar.import_list_action.triggered.connect(actions.import_list)
        self.wheel_page.wheel.mark_clicked.connect(self._on_mark_clicked)
        for view in (self.wheel_page, self.agenda, self.table_page):
            view.occurrence_activated.connect(editing.open_occurrence)

    # --- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        year = self.toolbar.year.value()
        try:
            self.view = self.svc.view.year_view(year)
        except FinsamError as exc:
            show_error(self, exc)
            return
        view = self.view
        self.toolbar.show_year(
            year, view.start_month, bool(view.events), "delarsrapport" in self.svc.standard.conditions()
        )
        self.model.set_categories({c.key: c.namn for c in view.categories})
        self.model.set_rows(view.occurrences)
        self.table_page.set_categories(view.categories)
        self._show_banner(year, view)
        self.wheel_page.show_year(view, self.today)
        self.table_page.apply_filters()
        self.agenda.fill(view)
        self.table_page.resize_columns()

    def _show_banner(self, year: int, view: YearView) -> None:
        if not view.events and not view.occurrences:
            self.banner.setText(
                f"Det finns inget årshjul för {year} ännu. Välj ”Skapa årshjul för {year}…” för att "
                "bygga året från standardåret och förra årets datum, och ”Sammanträdesplan” för "
                "styrelsens möten."
            )
            self.banner.setVisible(True)
        elif view.warnings:
            self.banner.setText(
                "Datum som inte är vardagar: "
                + "; ".join(view.warnings[:4])
                + (f" (och {len(view.warnings) - 4} till)" if len(view.warnings) > 4 else "")
            )
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)

    def changed(self, area: str = AREA) -> None:
        """After an edit: show it here and tell the other tabs."""
        self.refresh()
        self.ctx.events.area_changed.emit(area)

    def _on_area_changed(self, area: str) -> None:
        if area != AREA:
            self.refresh()

    def _on_start_month(self) -> None:
        month = self.toolbar.start_month.currentData()
        if self.ctx.read_only:
            if self.view is not None:
                self.wheel_page.wheel.set_view(replace(self.view, start_month=month), self.today)
            return
        self.svc.view.set_start_month(month)
        self.refresh()

    def _on_delars(self, on: bool) -> None:
        self.svc.standard.set_condition("delarsrapport", on)

    def _on_mark_clicked(self, occurrences) -> None:
        if len(occurrences) == 1:
            self.editing.open_occurrence(occurrences[0])
            return
        menu = QMenu(self)
        for o in occurrences:
            action = menu.addAction(f"{o.title} ({o.status.label.lower()})")
            action.triggered.connect(lambda _=False, o=o: self.editing.open_occurrence(o))
        menu.popup(self.cursor().pos())
