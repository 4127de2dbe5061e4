"""The Årshjul tab: the wheel with what is due next, the agenda by month, the filtered table;
editing with undo; creating a year, the sammanträdesplan; exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.model import EventDef, Occurrence, Status, YearView
from finsam_desktop.domain.arshjul.wheel import MONTH_NAMES
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.arshjul.dialogs.categories import CategoriesDialog
from finsam_desktop.ui.arshjul.dialogs.common import ask_year, show_error
from finsam_desktop.ui.arshjul.dialogs.event import EventDialog
from finsam_desktop.ui.arshjul.dialogs.occurrence import OccurrenceDialog
from finsam_desktop.ui.arshjul.dialogs.plan import PlanDialog
from finsam_desktop.ui.arshjul.models import OccurrenceFilter, OccurrenceTableModel
from finsam_desktop.ui.arshjul.wheel import WheelWidget
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.table_model import ROW_ROLE
from finsam_desktop.ui.widgets.undo import perform

UPCOMING_DAYS = 30


def _dot_icon(colour: str, hollow: bool = False) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(Qt.GlobalColor.transparent)
    from PySide6.QtGui import QPainter, QPen

    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(colour), 1.5))
    p.setBrush(QColor("white") if hollow else QColor(colour))
    p.drawEllipse(2, 2, 8, 8)
    p.end()
    return QIcon(pm)


class ArshjulTab(QWidget):
    """Controller + layout of the tab. ``undo_stack`` is activated by the main window."""

    def __init__(self, ctx: UiContext, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.svc = ctx.services.arshjul
        self.today = today or clock.today()
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.view: YearView | None = None
        self._build()
        self.year.setValue(self.today.year)
        ctx.events.area_changed.connect(self._on_area_changed)
        ctx.events.workspace_replaced.connect(self.refresh)
        ctx.events.forbund_changed.connect(self.refresh)
        self.refresh()

    # --- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("År"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        bar.addWidget(self.year)
        bar.addWidget(QLabel("Hjulet börjar i"))
        self.start_month = QComboBox()
        for i, name in enumerate(MONTH_NAMES, start=1):
            self.start_month.addItem(name.lower(), i)
        self.start_month.currentIndexChanged.connect(self._on_start_month)
        bar.addWidget(self.start_month)
        bar.addSpacing(12)
        self.new_button = QPushButton("Ny händelse…")
        self.new_button.clicked.connect(self.new_event)
        bar.addWidget(self.new_button)
        self.create_button = QPushButton("Skapa årshjul…")
        self.create_button.clicked.connect(self.create_year)
        bar.addWidget(self.create_button)
        self.plan_button = QPushButton("Sammanträdesplan…")
        self.plan_button.clicked.connect(self.enter_plan)
        bar.addWidget(self.plan_button)
        self.done_button = QPushButton("Markera passerade som klara")
        self.done_button.clicked.connect(self.mark_passed)
        bar.addWidget(self.done_button)
        bar.addStretch(1)
        self.export_button = QToolButton()
        self.export_button.setText("Exportera")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for text, fmt, size in (
            ("Kalender för Outlook (.ics)…", "ics", ""),
            ("Affisch PDF, A3 liggande…", "pdf", "A3"),
            ("Affisch PDF, A4 liggande…", "pdf", "A4"),
            ("Excel-lista…", "xlsx", ""),
        ):
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, f=fmt, s=size: self.export(f, s))
            menu.addAction(action)
        self.export_button.setMenu(menu)
        bar.addWidget(self.export_button)
        self.template_button = QToolButton()
        self.template_button.setText("Standardår")
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tmenu = QMenu(self.template_button)
        self.delars_action = QAction("Förbundsordningen kräver delårsrapport", tmenu)
        self.delars_action.setCheckable(True)
        self.delars_action.setToolTip("Tar med delårsrapporten när ett nytt årshjul skapas från standardåret.")
        self.delars_action.toggled.connect(self._on_delars)
        tmenu.addAction(self.delars_action)
        tmenu.addSeparator()
        for text, fn in (
            ("Spara standardåret som fil…", self.export_template),
            ("Läs in standardår från fil…", self.import_template),
            ("Återställ programmets standardår", self.reset_template),
            (None, None),
            ("Ringar och färger…", self.edit_categories),
            ("Importera händelser från lista (datum;organ;typ;beskrivning)…", self.import_list),
        ):
            if text is None:
                tmenu.addSeparator()
                continue
            a = QAction(text, tmenu)
            a.triggered.connect(fn)
            tmenu.addAction(a)
        self.template_button.setMenu(tmenu)
        bar.addWidget(self.template_button)
        outer.addLayout(bar)

        self.banner = QLabel()
        self.banner.setObjectName("arshjulBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#FFF4E5; border:1px solid #F0C36D; padding:6px;")
        self.banner.setVisible(False)
        outer.addWidget(self.banner)

        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        outer.addWidget(self.views, 1)

        # Wheel + what is due.
        wheel_page = QSplitter(Qt.Orientation.Horizontal)
        self.wheel = WheelWidget()
        self.wheel.mark_clicked.connect(self._on_mark_clicked)
        wheel_page.addWidget(self.wheel)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.upcoming_title = QLabel()
        self.upcoming_title.setStyleSheet("font-weight: bold; font-size: 14px;")
        side_layout.addWidget(self.upcoming_title)
        self.model = OccurrenceTableModel()
        self.upcoming_proxy = OccurrenceFilter(self)
        self.upcoming_proxy.setSourceModel(self.model)
        self.upcoming = QTableView()
        self.upcoming.setModel(self.upcoming_proxy)
        self._table_defaults(self.upcoming)
        for col in (1, 2, 3, 5, 6, 7, 8):
            self.upcoming.setColumnHidden(col, True)
        self.upcoming.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.upcoming.doubleClicked.connect(lambda idx: self._open_index(self.upcoming_proxy, idx))
        side_layout.addWidget(self.upcoming, 1)
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setStyleSheet("color: #C62828;")
        side_layout.addWidget(self.overdue_label)
        wheel_page.addWidget(side)
        wheel_page.setStretchFactor(0, 3)
        wheel_page.setStretchFactor(1, 1)
        wheel_page.setSizes([900, 320])
        self.views.addTab(wheel_page, "Hjul")

        # Agenda by month.
        self.agenda = QTreeWidget()
        self.agenda.setColumnCount(5)
        self.agenda.setHeaderLabels(["Datum", "Händelse", "Ansvarig", "Status", "Anmärkning"])
        self.agenda.setAlternatingRowColors(True)
        self.agenda.setUniformRowHeights(True)
        self.agenda.itemDoubleClicked.connect(self._on_agenda_double)
        self.views.addTab(self.agenda, "Månadsvis")

        # Table with filters.
        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        filters = QHBoxLayout()
        self.f_category = QComboBox()
        self.f_responsible = QLineEdit()
        self.f_responsible.setPlaceholderText("Ansvarig innehåller…")
        self.f_status = QComboBox()
        self.f_status.addItem("Alla statusar", None)
        for s in Status:
            self.f_status.addItem(s.label, s)
        self.f_upcoming = QCheckBox(f"Kommande {UPCOMING_DAYS} dagar")
        self.f_text = QLineEdit()
        self.f_text.setPlaceholderText("Sök…")
        for w in (QLabel("Kategori"), self.f_category, self.f_responsible, self.f_status, self.f_upcoming, self.f_text):
            filters.addWidget(w)
        tl.addLayout(filters)
        self.proxy = OccurrenceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self._table_defaults(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda idx: self._open_index(self.proxy, idx))
        tl.addWidget(self.table, 1)
        self.count_label = QLabel()
        tl.addWidget(self.count_label)
        self.views.addTab(table_page, "Tabell")
        self.f_category.currentIndexChanged.connect(self._apply_filters)
        self.f_status.currentIndexChanged.connect(self._apply_filters)
        self.f_upcoming.toggled.connect(self._apply_filters)
        self.f_responsible.textChanged.connect(self._apply_filters)
        self.f_text.textChanged.connect(self._apply_filters)
        self.views.setCurrentIndex(int(QSettings().value("arshjul/view", 0)))
        self.views.currentChanged.connect(lambda i: QSettings().setValue("arshjul/view", i))
        read_only = self.ctx.read_only
        for w in (self.new_button, self.create_button, self.plan_button, self.done_button, self.template_button):
            w.setEnabled(not read_only)

    @staticmethod
    def _table_defaults(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    # --- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        year = self.year.value()
        try:
            self.view = self.svc.view.year_view(year)
        except FinsamError as exc:
            show_error(self, exc)
            return
        view = self.view
        self.start_month.blockSignals(True)
        self.start_month.setCurrentIndex(view.start_month - 1)
        self.start_month.blockSignals(False)
        self.delars_action.blockSignals(True)
        self.delars_action.setChecked("delarsrapport" in self.svc.standard.conditions())
        self.delars_action.blockSignals(False)
        names = {c.key: c.namn for c in view.categories}
        self.model.set_categories(names)
        self.model.set_rows(view.occurrences)
        self.wheel.set_view(view, self.today)
        current = self.f_category.currentData()
        self.f_category.blockSignals(True)
        self.f_category.clear()
        self.f_category.addItem("Alla", None)
        for c in view.categories:
            self.f_category.addItem(_dot_icon(c.farg), c.namn, c.key)
        self.f_category.setCurrentIndex(max(self.f_category.findData(current), 0))
        self.f_category.blockSignals(False)
        self.create_button.setText(f"Skapa årshjul för {year}…" if not view.events else "Skapa årshjul…")
        self.plan_button.setText(f"Sammanträdesplan {year}…")
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
        self.upcoming_proxy.set_filters(upcoming_days=UPCOMING_DAYS, status=Status.PLANERAD, today=self.today)
        self.upcoming_title.setText(f"Kommande {UPCOMING_DAYS} dagar (från {self.today.isoformat()})")
        overdue = [
            o
            for o in view.occurrences
            if o.status is Status.PLANERAD and o.meeting_id is None and (o.end or o.date) < self.today
        ]
        self.overdue_label.setText(
            f"{len(overdue)} passerade händelser är inte markerade som klara." if overdue else ""
        )
        self._apply_filters()
        self._fill_agenda()
        self.upcoming.resizeColumnToContents(0)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, min(self.table.columnWidth(4), 460))

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            category=self.f_category.currentData(),
            responsible=self.f_responsible.text(),
            status=Status(self.f_status.currentData()) if self.f_status.currentData() else None,
            upcoming_days=UPCOMING_DAYS if self.f_upcoming.isChecked() else None,
            text=self.f_text.text(),
            today=self.today,
        )
        self.count_label.setText(f"{self.proxy.rowCount()} av {self.model.rowCount()} händelser")

    def _fill_agenda(self) -> None:
        self.agenda.clear()
        view = self.view
        colours = {c.key: c.farg for c in view.categories}
        months = [(view.start_month - 1 + i) % 12 + 1 for i in range(12)]
        by_month: dict[int, list[Occurrence]] = {}
        for o in view.occurrences:
            by_month.setdefault(o.date.month, []).append(o)
        bold = self.agenda.font()
        bold.setBold(True)
        for m in months:
            occs = by_month.get(m, [])
            done = sum(1 for o in occs if o.status is Status.KLAR)
            top = QTreeWidgetItem([f"{MONTH_NAMES[m - 1]} {view.year}", f"{len(occs)} händelser, {done} klara"])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(False)
            self.agenda.addTopLevelItem(top)
            for o in occs:
                remark = o.flag_text or (f"flyttad från {o.generated.isoformat()}" if o.moved else o.adjust_text)
                if o.occurrence_note:
                    remark = f"{remark}; {o.occurrence_note}" if remark else o.occurrence_note
                day = f"{o.date.day} {SWEDISH_WEEKDAYS[o.date.weekday()][:3]}"
                if o.end and o.end != o.date:
                    day += f" – {o.end.isoformat()}"
                title = o.title + (f" (kl. {o.time_text})" if o.time_text else "")
                item = QTreeWidgetItem([day, title, o.responsible, o.status.label, remark])
                item.setIcon(1, _dot_icon(colours.get(o.category, "#555555"), o.status is Status.INSTALLD))
                item.setData(0, Qt.ItemDataRole.UserRole, o)
                if o.status is not Status.PLANERAD:
                    for c in range(5):
                        item.setForeground(c, QBrush(QColor("#8A9099")))
                if o.flag:
                    item.setForeground(4, QBrush(QColor("#C62828")))
                top.addChild(item)
            top.setExpanded(True)
        for c in range(4):
            self.agenda.resizeColumnToContents(c)

    # --- opening and editing ------------------------------------------------------------------
    def _changed(self, area: str = "arshjul") -> None:
        self.refresh()
        self.ctx.events.area_changed.emit(area)

    def _on_area_changed(self, area: str) -> None:
        if area != "arshjul":
            self.refresh()

    def _on_start_month(self) -> None:
        if self.ctx.read_only:
            if self.view is not None:
                from dataclasses import replace

                self.wheel.set_view(replace(self.view, start_month=self.start_month.currentData()), self.today)
            return
        self.svc.view.set_start_month(self.start_month.currentData())
        self.refresh()

    def _on_delars(self, on: bool) -> None:
        self.svc.standard.set_condition("delarsrapport", on)

    def _on_mark_clicked(self, occurrences) -> None:
        if len(occurrences) == 1:
            self.open_occurrence(occurrences[0])
            return
        menu = QMenu(self)
        for o in occurrences:
            action = menu.addAction(f"{o.title} ({o.status.label.lower()})")
            action.triggered.connect(lambda _=False, o=o: self.open_occurrence(o))
        menu.popup(self.cursor().pos())

    def _open_index(self, proxy, index) -> None:
        o = proxy.data(proxy.index(index.row(), 0), ROW_ROLE)
        if o is not None:
            self.open_occurrence(o)

    def _on_agenda_double(self, item: QTreeWidgetItem, _col: int) -> None:
        o = item.data(0, Qt.ItemDataRole.UserRole)
        if o is not None:
            self.open_occurrence(o)

    def open_occurrence(self, o: Occurrence) -> None:
        names = {c.key: c.namn for c in self.view.categories}
        dialog = OccurrenceDialog(o, names.get(o.category, o.category), self.ctx.read_only, self)
        if dialog.exec() != OccurrenceDialog.DialogCode.Accepted or dialog.action is None:
            return
        action = dialog.action
        if action == OccurrenceDialog.ACTION_EDIT:
            self.edit_event(o.event_id)
        elif action == OccurrenceDialog.ACTION_DELETE:
            self.delete_event(o.event_id)
        elif action == OccurrenceDialog.ACTION_MOVE:
            self.move(o, dialog.move_date.value())
        elif action == OccurrenceDialog.ACTION_RESET:
            self.move(o, None)
        elif action == OccurrenceDialog.ACTION_NOTE:
            note = dialog.note.text()
            self._do(
                "Anteckning",
                lambda: self.svc.events.set_occurrence_note(o.event_id, o.key, note),
                undo=lambda prev: self.svc.events.restore_override(prev),
                redo=lambda _prev: self.svc.events.set_occurrence_note(o.event_id, o.key, note),
            )
        else:
            status = {
                OccurrenceDialog.ACTION_DONE: Status.KLAR,
                OccurrenceDialog.ACTION_CANCEL: Status.INSTALLD,
                OccurrenceDialog.ACTION_PLANNED: Status.PLANERAD,
            }[action]
            self.set_status(o, status)

    def _do(self, text: str, action, undo, redo, area: str = "arshjul"):
        try:
            return perform(
                self.undo_stack,
                text,
                action,
                undo,
                redo,
                on_changed=lambda: self._changed(area),
                on_error=lambda exc: show_error(self, exc),
            )
        except FinsamError as exc:
            show_error(self, exc)
            return None

    def set_status(self, o: Occurrence, status: Status) -> None:
        if o.event_id is None:
            return
        self._do(
            f"{status.label}: {o.title}",
            lambda: self.svc.events.set_status(o.event_id, o.key, status),
            undo=lambda prev: self.svc.events.restore_override(prev),
            redo=lambda _prev: self.svc.events.set_status(o.event_id, o.key, status),
        )

    def move(self, o: Occurrence, new_date: date | None) -> None:
        if o.meeting_id is not None:
            if new_date is None:
                return
            mid = o.meeting_id
            self._do(
                f"Flytta sammanträdet {o.date.isoformat()}",
                lambda: self.svc.plan.move_meeting(mid, new_date),
                undo=lambda old: self.svc.plan.move_meeting(mid, old),
                redo=lambda _old: self.svc.plan.move_meeting(mid, new_date),
                area="sammantraden",
            )
            return
        self._do(
            f"Flytta {o.title}",
            lambda: self.svc.events.move_occurrence(o.event_id, o.key, new_date),
            undo=lambda prev: self.svc.events.restore_override(prev),
            redo=lambda _prev: self.svc.events.move_occurrence(o.event_id, o.key, new_date),
        )

    def _event_dialog(self, event: EventDef | None) -> EventDef | None:
        view = self.view
        anchors = [e for e in view.events if e.relative is None or e.relative.anchor_event_id is None]
        responsibles = sorted({o.responsible for o in view.occurrences if o.responsible})
        dialog = EventDialog(view.year, list(view.categories), anchors, event, responsibles, self)
        if dialog.exec() != EventDialog.DialogCode.Accepted:
            return None
        return dialog.result_event

    def new_event(self) -> None:
        event = self._event_dialog(None)
        if event is None:
            return
        self._do(
            f"Ny händelse: {event.title}",
            lambda: self.svc.events.save_event(event),
            undo=lambda saved: self.svc.events.delete_event(saved.id),
            redo=lambda saved: self.svc.events.save_event(saved),
        )

    def edit_event(self, event_id: int) -> None:
        try:
            old = self.svc.events.get_event(event_id)
        except FinsamError as exc:
            show_error(self, exc)
            return
        new = self._event_dialog(old)
        if new is None:
            return
        self._do(
            f"Ändra {new.title}",
            lambda: self.svc.events.save_event(new),
            undo=lambda _saved: self.svc.events.save_event(old),
            redo=lambda _saved: self.svc.events.save_event(new),
        )

    def delete_event(self, event_id: int) -> None:
        self._do(
            "Ta bort händelse",
            lambda: self.svc.events.delete_event(event_id),
            undo=lambda snap: self.svc.events.restore_event(snap),
            redo=lambda snap: self.svc.events.delete_event(snap.event.id),
        )

    def mark_passed(self) -> None:
        year = self.year.value()
        until = min(self.today, date(year, 12, 31))
        self._do(
            "Markera passerade som klara",
            lambda: self.svc.events.mark_passed_done(year, until),
            undo=lambda prev: self.svc.events.restore_overrides(prev),
            redo=lambda _prev: self.svc.events.mark_passed_done(year, until),
        )

    # --- year, plan, template -----------------------------------------------------------------
    def create_year(self) -> None:
        default = self.year.value() if self.view is not None and not self.view.events else self.year.value() + 1
        year = ask_year(self, "Skapa årshjul", "Skapa årshjul för år:", default)
        if year is None:
            return
        try:
            result = self.svc.standard.create_year(year)
        except FinsamError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            "Årshjul skapat",
            f"Årshjulet för {year} har {result.created} händelser från standardåret"
            + (f" och {result.carried_over} egna händelser från {year - 1}" if result.carried_over else "")
            + ".",
        )
        self.year.setValue(year)
        self._changed()

    def enter_plan(self) -> None:
        year = self.year.value()
        try:
            proposal = self.svc.plan.propose_plan(year)
        except FinsamError as exc:
            show_error(self, exc)
            return
        dialog = PlanDialog(year, proposal, self)
        if dialog.exec() != PlanDialog.DialogCode.Accepted:
            return
        try:
            result = self.svc.plan.create_sammantradesplan(year, dialog.entries)
        except FinsamError as exc:
            show_error(self, exc)
            return
        text = f"{len(result.meeting_ids)} sammanträden skapades i fliken Sammanträden."
        if result.warnings:
            text += "\n\n" + "\n".join(result.warnings)
        QMessageBox.information(self, f"Sammanträdesplan {year}", text)
        self._changed("sammantraden")

    def export_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Spara standardåret", "standardar.json", "JSON (*.json)")
        if path:
            Path(path).write_text(self.svc.standard.template_text(), encoding="utf-8")

    def import_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Läs in standardår", "", "JSON (*.json)")
        if not path:
            return
        try:
            template = self.svc.standard.save_template(Path(path).read_text(encoding="utf-8"))
        except (FinsamError, OSError, UnicodeDecodeError) as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            "Standardår",
            f"Standardåret har {len(template.items)} händelser. Det används nästa gång ett årshjul skapas.",
        )

    def reset_template(self) -> None:
        self.svc.standard.reset_template()

    def edit_categories(self) -> None:
        dialog = CategoriesDialog(self.svc.categories.categories(), self)
        if dialog.exec() != CategoriesDialog.DialogCode.Accepted:
            return
        for before, after in dialog.changed():
            self._do(
                f"Ändra ringen {before.namn}",
                lambda a=after: self.svc.categories.save_category(a),
                undo=lambda _r, b=before: self.svc.categories.save_category(b),
                redo=lambda _r, a=after: self.svc.categories.save_category(a),
            )

    def import_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Importera händelser", "", "Listor (*.csv *.txt *.xlsx);;Alla filer (*)"
        )
        if not path:
            return
        try:
            result = self.svc.imports.import_calendar(Path(path).read_bytes())
        except (FinsamError, OSError) as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, "Import", result.message)
        self._changed()

    # --- export -------------------------------------------------------------------------------
    def export(self, fmt: str, size: str = "") -> None:
        year = self.year.value()
        suffix = {"ics": "ics", "pdf": "pdf", "xlsx": "xlsx"}[fmt]
        label = {"ics": "Kalender (*.ics)", "pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)"}[fmt]
        default = f"Årshjul {year}{' ' + size if size else ''}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "Exportera årshjul", default, label)
        if not path:
            return
        svc = self.svc

        def work() -> int:
            if fmt == "ics":
                data = svc.exports.export_ics(year)
            elif fmt == "pdf":
                data = svc.exports.export_pdf(year, size or "A3")
            else:
                data = svc.exports.export_xlsx(year)
            Path(path).write_bytes(data)
            return len(data)

        run_in_background(
            self,
            "Exporterar årshjulet…",
            work,
            lambda n: self._status(f"Sparade {path} ({n // 1024} kB)."),
            lambda exc: show_error(self, exc),
        )

    def _status(self, text: str) -> None:
        from PySide6.QtWidgets import QMainWindow

        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)
