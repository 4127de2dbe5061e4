"""The Sammanträden tab: composes the views and the controllers that wire them to ``services.meetings``.

Left: the meetings of a year (or search results). Right: the selected meeting — heading, status actions and
exports, then sub-tabs for the dagordning/protokoll (§ list + § editor), attendance, bilagor, the open uppdrag
and, when that module exists, justering och anslag.

The tab holds what its parts share: the selected meeting (``detail``), the § in the editor (``item_id``), the
id ``store``, the autosaver and the undo stack, and the command helpers (``_push``, ``_run``, ``_error``,
``_status``, ``_changed``). The views' widgets are also reachable as attributes of the tab (``tab.paragraphs``,
``tab.editor``, ``tab.year`` …).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.justering import view as justering_view
from finsam_desktop.ui.sammantraden.actions import build_actions
from finsam_desktop.ui.sammantraden.agenda_controller import AgendaController
from finsam_desktop.ui.sammantraden.agenda_view import AgendaView
from finsam_desktop.ui.sammantraden.attendance_controller import AttendanceController
from finsam_desktop.ui.sammantraden.attendance_view import AttendanceView
from finsam_desktop.ui.sammantraden.autosave import Autosaver
from finsam_desktop.ui.sammantraden.bilaga_controller import BilagaController
from finsam_desktop.ui.sammantraden.bilagor_view import BilagorView
from finsam_desktop.ui.sammantraden.clause_controller import ClauseController
from finsam_desktop.ui.sammantraden.decision_controller import DecisionController
from finsam_desktop.ui.sammantraden.export_controller import ExportController
from finsam_desktop.ui.sammantraden.item_presenter import ItemPresenter
from finsam_desktop.ui.sammantraden.meeting_controller import MeetingController
from finsam_desktop.ui.sammantraden.meeting_header_view import MeetingHeaderView
from finsam_desktop.ui.sammantraden.meeting_list_view import MeetingListPane, TopBar
from finsam_desktop.ui.sammantraden.meeting_loader import MeetingLoader
from finsam_desktop.ui.sammantraden.search_controller import SearchController
from finsam_desktop.ui.sammantraden.store import FAILED, MeetingStore
from finsam_desktop.ui.sammantraden.undo import CallCommand
from finsam_desktop.ui.sammantraden.uppdrag_controller import UppdragController
from finsam_desktop.ui.sammantraden.uppdrag_view import UppdragView
from finsam_desktop.ui.sammantraden.view_helpers import broken_view, scrolled
from finsam_desktop.ui.sammantraden.wiring import wire
from finsam_desktop.ui.widgets.splitter_state import remember_splitter
from finsam_desktop.ui.widgets.table_model import ROW_ROLE

AREA = "sammantraden"


class SammantradenTab(QWidget):
    """The tab widget; ``undo_stack`` is added to the app's undo group."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.store = MeetingStore(ctx)
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.detail = None  # MeetingDetail of the selected meeting
        self.item_id: int | None = None  # current id of the item in the editor
        self._committed: dict = {}  # field key -> last saved text (for undo)
        self._emitting = False
        self._loading = False
        self._persons = []
        self._members = []
        self._uppdrag_by_clause: dict[int, str] = {}

        # the controllers: each answers one part of the tab (see controller.py)
        self.meeting_loader = MeetingLoader(self)
        self.meeting_ctl = MeetingController(self)
        self.export_ctl = ExportController(self)
        self.item_presenter = ItemPresenter(self)
        self.agenda_ctl = AgendaController(self)
        self.clause_ctl = ClauseController(self)
        self.decision_ctl = DecisionController(self)
        self.bilaga_ctl = BilagaController(self)
        self.attendance_ctl = AttendanceController(self)
        self.search_ctl = SearchController(self)
        self.uppdrag_ctl = UppdragController(self)

        self._autosave = Autosaver(
            self,
            self.store.autosave_fn(self._committed),
            on_error=self.item_presenter._on_save_error,
            on_saved=self.item_presenter._on_saved,
        )
        self._news = QTimer(self)
        self._news.setSingleShot(True)
        self._news.setInterval(1500)
        self._news.timeout.connect(self._emit_changed)

        self._build()
        build_actions(self)
        wire(self)
        ctx.events.area_changed.connect(self._on_area_changed)
        ctx.events.workspace_replaced.connect(self.meeting_loader.reload)
        ctx.events.forbund_changed.connect(self.meeting_loader.reload)
        self.meeting_loader.reload()

    # =========================================================================================
    # construction
    # =========================================================================================
    @property
    def svc(self):
        return self.ctx.services.meetings

    @property
    def editable(self) -> bool:
        return bool(self.detail) and not self.ctx.read_only and not self.detail.meeting.locked

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 6, 8, 6)
        root.setSpacing(6)

        top = self.top_bar = TopBar()
        root.addWidget(top)
        self.year, self.status_filter, self.new_meeting, self.search = (
            top.year,
            top.status_filter,
            top.new_meeting,
            top.search,
        )
        self.more, self.more_menu = top.more, top.more_menu
        self.act_phrases, self.act_series, self.act_keys = top.act_phrases, top.act_series, top.act_keys

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(self.splitter, 1)

        # --- left: meetings / search results -------------------------------------------------
        left = self.left = MeetingListPane()
        self.meeting_model, self.meeting_proxy, self.meetings = left.meeting_model, left.meeting_proxy, left.meetings
        self.results_label, self.results_back = left.results_label, left.results_back
        self.search_model, self.results, self.hit_delegate = left.search_model, left.results, left.hit_delegate
        self.splitter.addWidget(left)

        # --- right: the meeting ------------------------------------------------------------------
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.setSpacing(4)
        head = self.header = MeetingHeaderView()
        rv.addWidget(head)
        self.title, self.status_chip, self.subtitle, self.banner = (
            head.title,
            head.status_chip,
            head.subtitle,
            head.banner,
        )
        self.next_step, self.status_menu_button, self.status_menu = (
            head.next_step,
            head.status_menu_button,
            head.status_menu,
        )
        self.edit_meeting, self.delete_meeting = head.edit_meeting, head.delete_meeting
        self.export_kallelse, self.export_protocol = head.export_kallelse, head.export_protocol
        self.send_kallelse = head.send_kallelse

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        rv.addWidget(self.pages, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1020])
        remember_splitter(self.splitter, "sammantraden/splitter")

        agenda = self.agenda_page = AgendaView()
        self.agenda_split, self.para_model, self.paragraphs = agenda.agenda_split, agenda.para_model, agenda.paragraphs
        self.from_template, self.add_item, self.move_up, self.move_down = (
            agenda.from_template,
            agenda.add_item,
            agenda.move_up,
            agenda.move_down,
        )
        self.strike, self.remove_item, self.editor = agenda.strike, agenda.remove_item, agenda.editor
        self.pages.addTab(agenda, "&Dagordning och protokoll")

        self.attendance = AttendanceView()
        self.pages.addTab(scrolled(self.attendance), "&Närvaro")

        bil = self.bilagor_page = BilagorView()
        self.bilaga_model, self.bilagor = bil.bilaga_model, bil.bilagor
        self.bilaga_open, self.bilaga_rename, self.bilaga_remove = bil.bilaga_open, bil.bilaga_rename, bil.bilaga_remove
        self.pages.addTab(bil, "B&ilagor")

        upp = self.uppdrag_page = UppdragView()
        self.uppdrag_label, self.uppdrag_model, self.uppdrag_proxy, self.uppdrag = (
            upp.uppdrag_label,
            upp.uppdrag_model,
            upp.uppdrag_proxy,
            upp.uppdrag,
        )
        self.uppdrag_edit, self.uppdrag_done, self.uppdrag_goto = upp.uppdrag_edit, upp.uppdrag_done, upp.uppdrag_goto
        self.pages.addTab(upp, "Öppna &uppdrag")

        self.justering = self._justering_view()
        # scrolled: another area's widget must not dictate this tab's minimum size
        self.pages.addTab(scrolled(self.justering), "&Justering && anslag")

    def _justering_view(self) -> QWidget:
        try:
            return justering_view.create_justering_view(self.ctx)
        except Exception as exc:  # one sub-tab failing to build must not take the Sammanträden tab with it
            return broken_view(exc)

    # =========================================================================================
    # keyboard: Ctrl+N means "ny §" inside this tab (the main window's Ctrl+N elsewhere)
    # =========================================================================================
    @staticmethod
    def _is_new_item_key(event) -> bool:
        return event.key() == Qt.Key.Key_N and event.modifiers() == Qt.KeyboardModifier.ControlModifier

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_new_item_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if self._is_new_item_key(event):
            self.agenda_ctl._on_add_item()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self.search_ctl._show_meetings()
                return True
            if event.key() == Qt.Key.Key_Down and self.left.currentIndex() == 1:
                self.results.setFocus()
                if self.search_model.rowCount():
                    self.results.setCurrentIndex(self.search_model.index(0, 2))
                return True
        return super().eventFilter(obj, event)

    def hideEvent(self, event) -> None:
        self._autosave.flush()
        super().hideEvent(event)

    # =========================================================================================
    # shared by the controllers: news for the other tabs, undoable commands, navigation, messages
    # =========================================================================================
    def _on_area_changed(self, area: str) -> None:
        if self._emitting:
            return
        if area in (AREA, "justering", "arshjul", "attest"):
            self.meeting_loader.reload()

    def _changed(self) -> None:
        """Tell the other tabs (after structural changes at once, after typing in a while)."""
        self._news.start(0)

    def _emit_changed(self) -> None:
        self._emitting = True
        try:
            self.ctx.events.area_changed.emit(AREA)
        finally:
            self._emitting = False

    def _current_item(self):
        if self.detail is None or self.item_id is None:
            return None
        for it in self.detail.items:
            if it.id == self.item_id:
                return it
        return None

    def _run(self, fn, *args, **kwargs):
        """Call the service; on a Swedish error show it and return ``FAILED``."""
        try:
            return fn(*args, **kwargs)
        except FinsamError as exc:
            self._error(exc)
            return FAILED

    def _push(self, text: str, redo, undo, *, select=None) -> bool:
        """Do ``redo`` now; if it worked, push it as an undo step."""
        self._autosave.flush()
        try:
            redo()
        except FinsamError as exc:
            self._error(exc)
            return False

        def after():
            self.meeting_loader._refresh(select() if callable(select) else None)
            self._changed()

        self.undo_stack.push(CallCommand(text, redo, self._guarded(undo), done=True, after=after))
        after()
        return True

    def _guarded(self, fn):
        def call():
            try:
                fn()
            except FinsamError as exc:
                self._error(exc)

        return call

    def goto_item(self, meeting_id: int, item_id: int | None) -> None:
        """Show ``meeting_id`` with ``item_id`` in the editor (from search hits and uppdrag)."""
        self._autosave.flush()
        try:
            summary = next((s for s in self.svc.meetings.list_meetings() if s.id == meeting_id), None)
        except FinsamError as exc:
            self._error(exc)
            return
        if summary is None:
            return
        shown = {r.id for r in self.meeting_model.rows}
        if meeting_id not in shown:
            self.year.blockSignals(True)
            self.year.setCurrentIndex(max(self.year.findData(summary.datum.year), 0))
            self.year.blockSignals(False)
            self.status_filter.blockSignals(True)
            self.status_filter.setCurrentIndex(0)
            self.status_filter.blockSignals(False)
            rows = self.svc.meetings.list_meetings(year=self.year.currentData())
            self.meeting_model.set_rows(rows)
        self.detail = None
        self.meetings.selectionModel().blockSignals(True)
        for row in range(self.meeting_proxy.rowCount()):
            idx = self.meeting_proxy.index(row, 0)
            if idx.data(ROW_ROLE).id == meeting_id:
                self.meetings.setCurrentIndex(idx)
        self.meetings.selectionModel().blockSignals(False)
        self.meeting_loader._load_meeting(meeting_id, item_id)
        self.pages.setCurrentIndex(0)

    def _on_save_now(self) -> None:
        """Ctrl+S out of habit: everything is saved as it is typed; this writes the last keystrokes at once."""
        self._autosave.flush()
        self._status("Allt är sparat.")

    # --- messages -----------------------------------------------------------------------------------------
    def _status(self, text: str, error: bool = False) -> None:
        window = self.window()
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        if bar is not None:
            bar.showMessage(text, 8000)
        self.setProperty("last_message", text)

    def _error(self, exc: Exception) -> None:
        self.setProperty("last_message", str(exc))
        if self.isVisible():
            QMessageBox.warning(self, "Sammanträden", str(exc))
