"""The Sammanträden tab: the controller that wires the views to ``services.meetings``.

Left: the meetings of a year (or search results). Right: the selected meeting — heading, status actions and
exports, then sub-tabs for the dagordning/protokoll (§ list + § editor), attendance, bilagor, the open uppdrag
and, when that module exists, justering och anslag.
"""

from __future__ import annotations

import logging
import tempfile
from contextlib import suppress
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import EDITABLE_STATUSES, AttendanceRole, ItemKind, JavKind, MeetingStatus
from finsam_desktop.services.sammantraden.documents import protocol_pdf_bytes
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.sammantraden import models as m
from finsam_desktop.ui.sammantraden.attendance_controller import AttendanceMixin
from finsam_desktop.ui.sammantraden.attendance_view import AttendanceView
from finsam_desktop.ui.sammantraden.autosave import Autosaver
from finsam_desktop.ui.sammantraden.dialogs import (
    KallelseSentDialog,
    NewMeetingDialog,
    PhraseDialog,
    VoteDialog,
)
from finsam_desktop.ui.sammantraden.hit_delegate import HitDelegate
from finsam_desktop.ui.sammantraden.item_editor import (
    WARN_STYLE,
    ItemEditorView,
    fit_height,
    list_item,
)
from finsam_desktop.ui.sammantraden.lookup_controller import LookupMixin
from finsam_desktop.ui.sammantraden.paragraph_model import (
    ParagraphListModel,
    ParagraphRow,
)
from finsam_desktop.ui.sammantraden.store import FAILED, MeetingStore
from finsam_desktop.ui.sammantraden.undo import CallCommand, FieldEditCommand
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, SORT_ROLE
from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table

AREA = "sammantraden"
TEXT_FIELDS = {
    "rubrik": "rubrik",
    "foredragande": "föredragande",
    "diarienummer": "diarienummer",
    "arendebeskrivning": "ärendebeskrivning",
    "forslag_till_beslut": "förslag till beslut",
    "text": "protokolltext",
    "utgar_motivering": "motivering",
}

KEYS_HELP = """Ctrl+Skift+N	Nytt sammanträde
Ctrl+N	Ny § efter den markerade
Alt+Upp / Alt+Ner	Flytta § upp / ner (numren följer)
Alt+PgUp / Alt+PgDn	Föregående / nästa §
Alt+L	Till §-listan
Alt+R	Till rubriken
Ctrl+Retur	Ny att-sats
Ctrl+Skift+F	Infoga standardfras som att-sats
Ctrl+Skift+U	Punkten utgår / tas tillbaka
Ctrl+Delete	Ta bort § (i §-listan)
Ctrl+F	Sök i alla protokoll (Esc tillbaka, Ner till träffarna)
Ctrl+Z / Ctrl+Y	Ångra / gör om
Alt+D, Alt+N, Alt+I, Alt+U	Flikarna Dagordning, Närvaro, Bilagor, Uppdrag
Texter sparas medan du skriver."""

HEADER_STYLE = "font-size:15pt;font-weight:600;color:#1f3a5f;"
CHIP = "border-radius:9px;padding:2px 10px;font-weight:600;"
STATUS_COLOURS = {
    MeetingStatus.PLANERAT: ("#e8eef7", "#1f3a5f"),
    MeetingStatus.KALLAT: ("#e3f0fb", "#0b4f8a"),
    MeetingStatus.GENOMFORT: ("#fff4e0", "#6b4500"),
    MeetingStatus.PROTOKOLL_UTKAST: ("#fdecea", "#8a1c12"),
    MeetingStatus.KLART_FOR_JUSTERING: ("#ede7f6", "#4a2a7a"),
    MeetingStatus.JUSTERAT: ("#e6f4ea", "#1e4d2b"),
    MeetingStatus.ANSLAGET: ("#e6f4ea", "#1e4d2b"),
    MeetingStatus.ANSLAG_NEDTAGET: ("#eeeeee", "#333333"),
}

log = logging.getLogger(__name__)


def _table(model, stretch_column: int | None = None) -> QTableView:
    view = read_only_table(
        model,
        resize=ResizeMode.ResizeToContents,
        stretch=stretch_column,
        word_wrap=False,
    )
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move between panes
    view.horizontalHeader().setHighlightSections(False)
    return view


def _broken_view(exc: Exception) -> QLabel:
    label = QLabel(f"Justeringsvyn kunde inte visas: {exc}")
    label.setWordWrap(True)
    return label


def _first_gap(text: str) -> int | None:
    """Where a standard phrase leaves a blank to fill in ("med  kr", "vid ."), or None."""
    positions = [i + 1 for i in (text.find("  "), text.find(" .")) if i >= 0]
    if "…" in text:
        positions.append(text.index("…"))
    return min(positions) if positions else None


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _proxy(model, parent) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy


class SammantradenTab(AttendanceMixin, LookupMixin, QWidget):
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

        self._autosave = Autosaver(self, self.store.save_field, on_error=self._on_save_error, on_saved=self._on_saved)
        self._news = QTimer(self)
        self._news.setSingleShot(True)
        self._news.setInterval(1500)
        self._news.timeout.connect(self._emit_changed)

        self._build()
        self._wire()
        ctx.events.area_changed.connect(self._on_area_changed)
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.forbund_changed.connect(self.reload)
        self.reload()

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

        # --- top bar ---------------------------------------------------------------------------
        bar = QHBoxLayout()
        self.year = QComboBox()
        self.year.setAccessibleName("År")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status")
        self.status_filter.addItem("Alla statusar", None)
        for s in MeetingStatus:
            self.status_filter.addItem(s.label, s)
        year_label = QLabel("&År")
        year_label.setBuddy(self.year)
        status_label = QLabel("Sta&tus")
        status_label.setBuddy(self.status_filter)
        self.new_meeting = QPushButton("Nytt sammanträde…")
        self.new_meeting.setToolTip("Nytt sammanträde (Ctrl+Skift+N)")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Sök i alla protokoll (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Sök i protokoll")
        self.search.setMinimumWidth(300)
        bar.addWidget(year_label)
        bar.addWidget(self.year)
        bar.addSpacing(8)
        bar.addWidget(status_label)
        bar.addWidget(self.status_filter)
        bar.addSpacing(8)
        bar.addWidget(self.new_meeting)
        bar.addStretch(1)
        self.more = QToolButton()
        self.more.setText("Mer")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.act_phrases = self.more_menu.addAction("Standardfraser…")
        self.act_series = self.more_menu.addAction("Första §-nummer för året…")
        self.more_menu.addSeparator()
        self.act_keys = self.more_menu.addAction("Kortkommandon (F1)")
        self.more.setMenu(self.more_menu)
        bar.addWidget(self.more)
        bar.addWidget(self.search)
        root.addLayout(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(self.splitter, 1)

        # --- left: meetings / search results -------------------------------------------------
        self.left = QStackedWidget()
        self.meeting_model = m.meeting_model(self)
        self.meeting_proxy = _proxy(self.meeting_model, self)
        self.meetings = _table(self.meeting_proxy, stretch_column=1)
        self.meetings.setAccessibleName("Sammanträden")
        self.meetings.setSortingEnabled(True)
        self.meetings.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.left.addWidget(self.meetings)

        results = QWidget()
        rl = QVBoxLayout(results)
        rl.setContentsMargins(0, 0, 0, 0)
        rh = QHBoxLayout()
        self.results_label = QLabel()
        self.results_label.setWordWrap(True)
        self.results_back = QPushButton("← Sammanträden")
        self.results_back.setToolTip("Tillbaka till listan (Esc i sökfältet)")
        rh.addWidget(self.results_label, 1)
        rh.addWidget(self.results_back)
        rl.addLayout(rh)
        self.search_model = m.search_model(self)
        self.results = QListView()
        self.results.setModel(self.search_model)
        self.results.setModelColumn(2)
        self.hit_delegate = HitDelegate(self.results)
        self.results.setItemDelegate(self.hit_delegate)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(1)
        self.results.setAccessibleName("Sökträffar")
        rl.addWidget(self.results, 1)
        self.left.addWidget(results)
        self.left.setMinimumWidth(370)
        self.splitter.addWidget(self.left)

        # --- right: the meeting ------------------------------------------------------------------
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.setSpacing(4)
        head = QHBoxLayout()
        self.title = QLabel("Inget sammanträde valt")
        self.title.setStyleSheet(HEADER_STYLE)
        self.status_chip = QLabel()
        head.addWidget(self.title)
        head.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        rv.addLayout(head)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color:#444;")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rv.addWidget(self.subtitle)

        actions = QHBoxLayout()
        self.next_step = QPushButton()
        self.next_step.setStyleSheet("font-weight:600;")
        self.status_menu_button = QToolButton()
        self.status_menu_button.setText("Ändra status")
        self.status_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_menu_button.setMenu(self.status_menu)
        self.edit_meeting = QPushButton("Ändra uppgifter…")
        self.delete_meeting = QPushButton("Ta bort…")
        self.export_kallelse = QPushButton("Kallelse (PDF)")
        self.export_protocol = QPushButton("Protokollutkast (PDF)")
        for w in (self.next_step, self.status_menu_button, self.edit_meeting, self.delete_meeting):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.export_kallelse)
        actions.addWidget(self.export_protocol)
        rv.addLayout(actions)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(WARN_STYLE)
        self.banner.hide()
        rv.addWidget(self.banner)

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        rv.addWidget(self.pages, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([370, 1030])

        # dagordning page
        agenda = self.agenda_page = QWidget()
        av = QHBoxLayout(agenda)
        av.setContentsMargins(0, 6, 0, 0)
        self.agenda_split = QSplitter(Qt.Orientation.Horizontal)
        av.addWidget(self.agenda_split)
        listpane = QWidget()
        lv = QVBoxLayout(listpane)
        lv.setContentsMargins(0, 0, 0, 0)
        self.para_model = ParagraphListModel(self)
        self.paragraphs = _table(self.para_model, stretch_column=1)
        self.paragraphs.setAccessibleName("Paragrafer")
        self.paragraphs.setDragEnabled(True)
        self.paragraphs.setAcceptDrops(True)
        self.paragraphs.setDropIndicatorShown(True)
        self.paragraphs.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.paragraphs.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.paragraphs.setDragDropOverwriteMode(False)
        self.paragraphs.setAlternatingRowColors(False)
        self.from_template = QPushButton("Skapa dagordning från mall")
        self.from_template.hide()
        lv.addWidget(self.from_template)
        lv.addWidget(self.paragraphs, 1)
        pb = QHBoxLayout()
        self.add_item = QPushButton("+ Ny §")
        self.add_item.setToolTip("Ny punkt efter den markerade (Ctrl+N)")
        self.move_up = QToolButton()
        self.move_up.setText("↑")
        self.move_up.setToolTip("Flytta upp (Alt+Upp)")
        self.move_up.setAccessibleName("Flytta upp")
        self.move_down = QToolButton()
        self.move_down.setText("↓")
        self.move_down.setToolTip("Flytta ner (Alt+Ner)")
        self.move_down.setAccessibleName("Flytta ner")
        self.strike = QPushButton("Utgår")
        self.strike.setToolTip("Stryk punkten (numret behålls) eller ta tillbaka den (Ctrl+Skift+U)")
        self.remove_item = QPushButton("Ta bort")
        self.remove_item.setToolTip("Ta bort punkten (Ctrl+Delete i listan)")
        for w in (self.add_item, self.move_up, self.move_down, self.strike, self.remove_item):
            pb.addWidget(w)
        pb.addStretch(1)
        lv.addLayout(pb)
        self.agenda_split.addWidget(listpane)
        self.editor = ItemEditorView()
        self.agenda_split.addWidget(self.editor)
        self.agenda_split.setStretchFactor(0, 0)
        self.agenda_split.setStretchFactor(1, 1)
        self.agenda_split.setSizes([380, 680])
        self.pages.addTab(agenda, "&Dagordning och protokoll")

        self.attendance = AttendanceView()
        self.pages.addTab(_scrolled(self.attendance), "&Närvaro")

        bil = QWidget()
        bv = QVBoxLayout(bil)
        bv.setContentsMargins(0, 6, 0, 0)
        note = QLabel(
            "Bilagorna numreras automatiskt per sammanträde i den ordning de först hänvisas till. "
            "En bilaga som flera paragrafer hänvisar till behåller sitt nummer."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#444;")
        bv.addWidget(note)
        self.bilaga_model = m.bilaga_model(self)
        self.bilagor = _table(self.bilaga_model, stretch_column=1)
        self.bilagor.setAccessibleName("Bilagor")
        bv.addWidget(self.bilagor, 1)
        bb = QHBoxLayout()
        self.bilaga_open = QPushButton("Öppna")
        self.bilaga_rename = QPushButton("Byt titel…")
        self.bilaga_remove = QPushButton("Ta bort…")
        for w in (self.bilaga_open, self.bilaga_rename, self.bilaga_remove):
            bb.addWidget(w)
        bb.addStretch(1)
        bv.addLayout(bb)
        self.pages.addTab(bil, "B&ilagor")

        upp = QWidget()
        uv = QVBoxLayout(upp)
        uv.setContentsMargins(0, 6, 0, 0)
        self.uppdrag_label = QLabel("Öppna uppdrag från styrelsen (alla sammanträden)")
        self.uppdrag_label.setStyleSheet("font-weight:600;")
        uv.addWidget(self.uppdrag_label)
        self.uppdrag_model = m.uppdrag_model(self)
        self.uppdrag_proxy = _proxy(self.uppdrag_model, self)
        self.uppdrag = _table(self.uppdrag_proxy, stretch_column=0)
        self.uppdrag.setAccessibleName("Öppna uppdrag")
        self.uppdrag.setSortingEnabled(True)
        self.uppdrag.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        uv.addWidget(self.uppdrag, 1)
        ub = QHBoxLayout()
        self.uppdrag_edit = QPushButton("Ändra…")
        self.uppdrag_done = QPushButton("Markera klart")
        self.uppdrag_goto = QPushButton("Gå till §")
        for w in (self.uppdrag_edit, self.uppdrag_done, self.uppdrag_goto):
            ub.addWidget(w)
        ub.addStretch(1)
        uv.addLayout(ub)
        self.pages.addTab(upp, "Öppna &uppdrag")

        self.justering = self._justering_view()
        # scrolled: another area's widget must not dictate this tab's minimum size
        self.pages.addTab(_scrolled(self.justering), "&Justering && anslag")

        self._build_actions()

    def _justering_view(self) -> QWidget:
        from finsam_desktop.ui.sammantraden.justering_view import create_justering_view

        try:
            return create_justering_view(self.ctx)
        except Exception as exc:  # one sub-tab failing to build must not take the Sammanträden tab with it
            return _broken_view(exc)

    def _action(self, text: str, shortcut: str, slot, widget: QWidget | None = None) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (widget or self).addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_new_meeting = self._action("Nytt sammanträde", "Ctrl+Shift+N", self._on_new_meeting)
        self.act_search = self._action("Sök", "Ctrl+F", self._focus_search)
        # the § shortcuts work while the focus is on the dagordning page (not in the other sub-tabs)
        page = self.agenda_page
        self.act_move_up = self._action("Flytta upp", "Alt+Up", lambda: self._on_move(-1), page)
        self.act_move_down = self._action("Flytta ner", "Alt+Down", lambda: self._on_move(+1), page)
        self.act_prev = self._action("Föregående §", "Alt+PgUp", lambda: self._step_item(-1), page)
        self.act_next = self._action("Nästa §", "Alt+PgDown", lambda: self._step_item(+1), page)
        self.act_strike = self._action("Utgår", "Ctrl+Shift+U", self._on_strike, page)
        self.act_list = self._action("Till §-listan", "Alt+L", lambda: self.paragraphs.setFocus(), page)
        self.act_editor = self._action("Till rubriken", "Alt+R", lambda: self.editor.rubrik.setFocus(), page)
        self.act_help = self._action("Kortkommandon", "F1", self._show_keys)
        self.act_save = self._action("Spara nu", "Ctrl+S", self._on_save_now)
        self.act_delete = self._action("Ta bort §", "Ctrl+Del", self._on_remove_item, self.paragraphs)
        self.act_add_clause = self._action(
            "Ny att-sats", "Ctrl+Return", lambda: self._on_add_clause(None, "Att "), self.editor
        )
        self.editor.phrase_shortcut.activated.connect(lambda: self._on_phrase(self._focused_part()))

    # =========================================================================================
    # wiring
    # =========================================================================================
    def _wire(self) -> None:
        self.year.currentIndexChanged.connect(lambda _i: self._reload_meetings())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._reload_meetings())
        self.new_meeting.clicked.connect(self._on_new_meeting)
        self.act_keys.triggered.connect(self._show_keys)
        self.act_phrases.triggered.connect(self._on_phrases)
        self.act_series.triggered.connect(self._on_series_start)
        self.meetings.selectionModel().currentRowChanged.connect(self._on_meeting_row)
        self.search.returnPressed.connect(self._on_search)
        self.search.installEventFilter(self)
        self.results_back.clicked.connect(self._show_meetings)
        self.results.activated.connect(self._on_result)
        self.results.clicked.connect(self._on_result)

        self.next_step.clicked.connect(self._on_next_step)
        self.edit_meeting.clicked.connect(self._on_edit_meeting)
        self.delete_meeting.clicked.connect(self._on_delete_meeting)
        self.export_kallelse.clicked.connect(lambda: self._export("kallelse"))
        self.export_protocol.clicked.connect(lambda: self._export("protokoll"))

        self.paragraphs.selectionModel().currentRowChanged.connect(self._on_item_row)
        self.para_model.move_requested.connect(lambda src, dst: QTimer.singleShot(0, lambda: self._move_row(src, dst)))
        self.from_template.clicked.connect(self._on_from_template)
        self.add_item.clicked.connect(self._on_add_item)
        self.move_up.clicked.connect(lambda: self._on_move(-1))
        self.move_down.clicked.connect(lambda: self._on_move(+1))
        self.strike.clicked.connect(self._on_strike)
        self.remove_item.clicked.connect(self._on_remove_item)

        e = self.editor
        for widget, field in (
            (e.rubrik, "rubrik"),
            (e.foredragande, "foredragande"),
            (e.diarienummer, "diarienummer"),
            (e.arendebeskrivning, "arendebeskrivning"),
            (e.forslag, "forslag_till_beslut"),
            (e.text, "text"),
            (e.utgar_motivering, "utgar_motivering"),
        ):
            self._autosave.watch(widget, lambda f=field: self._item_key(f))
        e.typ.activated.connect(self._on_typ)
        e.sokande.activated.connect(self._on_sokande)
        e.utgar.clicked.connect(lambda _c: self._on_strike())
        e.justeras_omedelbart.clicked.connect(self._on_justeras_omedelbart)
        e.apply_forslag.clicked.connect(self._on_apply_forslag)
        e.clauses.add_requested.connect(self._on_add_clause)
        e.clauses.phrase_requested.connect(self._on_phrase)
        e.clauses.remove_requested.connect(self._on_remove_clause)
        e.clauses.uppdrag_requested.connect(self._on_uppdrag_from_clause)
        e.add_part.clicked.connect(self._on_add_part)
        e.add_file.clicked.connect(self._on_add_file)
        e.link_bilaga.clicked.connect(self._on_link_bilaga)
        e.unlink_bilaga.clicked.connect(self._on_unlink_bilaga)
        e.open_bilaga.clicked.connect(self._on_open_item_bilaga)
        e.bilagor.itemActivated.connect(lambda _i: self._on_open_item_bilaga())
        e.apply_jav.clicked.connect(self._on_apply_jav)
        e.add_jav.clicked.connect(self._on_add_jav)
        e.remove_jav.clicked.connect(self._on_remove_jav)
        e.vote.clicked.connect(self._on_vote)
        e.clear_vote.clicked.connect(self._on_clear_vote)
        e.add_res.clicked.connect(self._on_add_reservation)
        e.remove_res.clicked.connect(self._on_remove_reservation)

        a = self.attendance
        a.prefill.clicked.connect(self._on_prefill)
        a.ordforande.activated.connect(lambda _i: self._set_officers(ordforande_person_id=a.ordforande.currentData()))
        a.sekreterare.activated.connect(
            lambda _i: self._set_officers(sekreterare_person_id=a.sekreterare.currentData())
        )
        a.justerare.activated.connect(lambda _i: self._on_justerare_combo())
        a.justerare2.activated.connect(lambda _i: self._on_justerare_combo())
        self.editor.justerare.activated.connect(
            lambda _i: self._set_justerare(
                [self.editor.justerare.currentData()] if self.editor.justerare.currentData() else []
            )
        )
        for table in a.tables.values():
            table.selectionModel().currentRowChanged.connect(lambda cur, _prev, t=table: self._on_attendee_row(t, cur))
        a.sel_roll.activated.connect(lambda _i: self._update_attendee(roll=a.sel_roll.currentData()))
        a.sel_present.clicked.connect(lambda on: self._update_attendee(narvarande=on))
        a.sel_org.editingFinished.connect(self._on_attendee_org)
        a.sel_replaces.activated.connect(
            lambda _i: self._update_attendee(ersatter_person_id=a.sel_replaces.currentData())
        )
        a.sel_from.activated.connect(lambda _i: self._update_attendee(from_item_id=a.sel_from.currentData()))
        a.sel_to.activated.connect(lambda _i: self._update_attendee(to_item_id=a.sel_to.currentData()))
        a.sel_up.clicked.connect(lambda: self._move_attendee(-1))
        a.sel_down.clicked.connect(lambda: self._move_attendee(+1))
        a.sel_remove.clicked.connect(self._on_remove_attendee)
        a.add_button.clicked.connect(self._on_add_attendee)
        a.add_person.activated.connect(self._on_add_person_chosen)

        self.bilagor.activated.connect(lambda _i: self._on_open_bilaga())
        self.bilaga_open.clicked.connect(self._on_open_bilaga)
        self.bilaga_rename.clicked.connect(self._on_rename_bilaga)
        self.bilaga_remove.clicked.connect(self._on_remove_bilaga)

        self.uppdrag_edit.clicked.connect(self._on_edit_uppdrag)
        self.uppdrag.activated.connect(lambda _i: self._on_edit_uppdrag())
        self.uppdrag_done.clicked.connect(self._on_uppdrag_done)
        self.uppdrag_goto.clicked.connect(self._on_uppdrag_goto)

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
            self._on_add_item()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self._show_meetings()
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
    # loading
    # =========================================================================================
    def _on_area_changed(self, area: str) -> None:
        if self._emitting:
            return
        if area in (AREA, "justering", "arshjul", "attest"):
            self.reload()

    def _changed(self) -> None:
        """Tell the other tabs (after structural changes at once, after typing in a while)."""
        self._news.start(0)

    def _emit_changed(self) -> None:
        self._emitting = True
        try:
            self.ctx.events.area_changed.emit(AREA)
        finally:
            self._emitting = False

    def reload(self) -> None:
        self._autosave.flush()
        try:
            self._persons = self.ctx.services.forbund.list_persons()
            self._members = self.ctx.services.forbund.list_members()
            years = self.svc.meetings.list_years()
        except FinsamError as exc:
            self._error(exc)
            return
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        this_year = clock.today().year
        for y in sorted(set(years) | {this_year}, reverse=True):
            self.year.addItem(str(y), y)
        self.year.addItem("Alla år", None)
        wanted = current if current is not None or self.year.count() == 0 else None
        index = self.year.findData(wanted if wanted is not None else this_year)
        if current is None and self.year.property("initialised"):
            index = self.year.findData(None)
        self.year.setCurrentIndex(max(index, 0))
        self.year.setProperty("initialised", True)
        self.year.blockSignals(False)
        self._reload_meetings()
        self._reload_uppdrag()

    def _reload_meetings(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.detail.meeting.id if self.detail else None)
        try:
            rows = self.svc.meetings.list_meetings(
                year=self.year.currentData(), status=self.status_filter.currentData()
            )
        except FinsamError as exc:
            self._error(exc)
            return
        self.meeting_model.set_rows(rows)
        if not rows:
            self._show_meeting(None)
            return
        if keep is not None and any(r.id == keep for r in rows):
            target = keep
        else:  # the next meeting to prepare, else the latest one
            upcoming = [r for r in rows if r.datum >= clock.today()]
            target = (upcoming[0] if upcoming else rows[-1]).id
        self._select_meeting_row(target)

    def _select_meeting_row(self, meeting_id: int) -> None:
        for row in range(self.meeting_proxy.rowCount()):
            idx = self.meeting_proxy.index(row, 0)
            if idx.data(ROW_ROLE).id == meeting_id:
                self.meetings.selectionModel().blockSignals(True)
                self.meetings.setCurrentIndex(idx)
                self.meetings.selectionModel().blockSignals(False)
                self.meetings.viewport().update()
                self.meetings.scrollTo(idx)
                keep_item = self.item_id if self.detail and self.detail.meeting.id == meeting_id else None
                self._load_meeting(meeting_id, keep_item)
                return

    def _on_meeting_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        summary = current.data(ROW_ROLE)
        if summary is not None and (self.detail is None or self.detail.meeting.id != summary.id):
            self._autosave.flush()
            self.item_id = None
            self._load_meeting(summary.id)

    def _load_meeting(self, meeting_id: int, item_id: int | None = None) -> None:
        try:
            detail = self.svc.meetings.get_meeting(meeting_id)
        except FinsamError as exc:
            self._error(exc)
            return
        self._show_meeting(detail, item_id)

    def _refresh(self, item_id: int | None = None) -> None:
        """Reload the selected meeting (after a change) and keep or move the § selection."""
        if self.detail is None:
            return
        keep = item_id if item_id is not None else self.item_id
        self._load_meeting(self.detail.meeting.id, keep)
        # keep the list row (status, § range) in step
        try:
            rows = self.svc.meetings.list_meetings(
                year=self.year.currentData(), status=self.status_filter.currentData()
            )
        except FinsamError:
            return
        self.meeting_model.set_rows(rows)
        for row in range(self.meeting_proxy.rowCount()):
            idx = self.meeting_proxy.index(row, 0)
            if idx.data(ROW_ROLE).id == self.detail.meeting.id:
                self.meetings.selectionModel().blockSignals(True)
                self.meetings.setCurrentIndex(idx)
                self.meetings.selectionModel().blockSignals(False)

    def _show_meeting(self, detail, item_id: int | None = None) -> None:
        self._loading = True
        try:
            self.detail = detail
            if detail is None:
                self.title.setText("Inget sammanträde valt")
                self.subtitle.setText("Välj ett sammanträde i listan eller skapa ett nytt (Ctrl+Skift+N).")
                self.status_chip.clear()
                self.banner.hide()
                self.para_model.set_rows([])
                self.pages.setEnabled(False)
                for w in (
                    self.next_step,
                    self.status_menu_button,
                    self.edit_meeting,
                    self.delete_meeting,
                    self.export_kallelse,
                    self.export_protocol,
                ):
                    w.setEnabled(False)
                self.item_id = None
                return
            self.pages.setEnabled(True)
            mt = detail.meeting
            if getattr(self, "_underlag_for", None) != mt.id:
                self._underlag_for = mt.id
                self.editor.set_underlag_open(mt.status in (MeetingStatus.PLANERAT, MeetingStatus.KALLAT))
            typ = "" if mt.typ.value == "ordinarie" else f" ({mt.typ.label.lower()})"
            self.title.setText(f"{mt.organ_namn}{typ} {mt.datum.isoformat()}")
            bg, fg = STATUS_COLOURS.get(mt.status, ("#eee", "#333"))
            self.status_chip.setText(mt.status.label)
            self.status_chip.setStyleSheet(f"{CHIP}background:{bg};color:{fg};")
            parts = [p for p in (mt.time_text, mt.place_text) if p]
            if mt.paragraph_range_text:
                parts.append(mt.paragraph_range_text)
            parts.append(
                f"kallelse skickad {detail.kallelse_skickad.isoformat()}"
                if detail.kallelse_skickad
                else "kallelse ej skickad"
            )
            self.subtitle.setText(" · ".join(parts))
            self._show_banner()
            self._show_actions()
            self._fill_paragraphs(item_id)
            self._fill_attendance()
            self.bilaga_model.set_rows(detail.bilagor)
            if self.justering is not None and hasattr(self.justering, "set_meeting"):
                try:
                    self.justering.set_meeting(mt.id)
                except Exception:
                    log.exception("Justering & anslag kunde inte visa sammanträde %s", mt.id)
        finally:
            self._loading = False

    def _lock_reason(self) -> str:
        if self.detail is None:
            return ""
        if self.ctx.read_only:
            return "Filen är öppnad skrivskyddad: ingenting kan ändras."
        if self.detail.meeting.locked:
            return (
                f"Protokollet är låst ({self.detail.meeting.status.label.lower()}): det kan inte längre ändras här. "
                "Rättelser görs som en ny version under Justering och anslag."
            )
        return ""

    def _show_banner(self) -> None:
        d = self.detail
        lines = []
        reason = self._lock_reason()
        if reason:
            lines.append(reason)
        lines += [f"⚠ {w}" for w in d.warnings]
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def _show_actions(self) -> None:
        d = self.detail
        status = d.meeting.status
        writable = not self.ctx.read_only
        steps = {
            MeetingStatus.PLANERAT: "Registrera skickad kallelse…",
            MeetingStatus.KALLAT: "Markera som genomfört",
            MeetingStatus.GENOMFORT: "Skapa protokoll",
        }
        self.next_step.setVisible(status in steps)
        self.next_step.setText(steps.get(status, ""))
        self.next_step.setEnabled(writable)
        self.status_menu.clear()
        for s in EDITABLE_STATUSES:
            action = self.status_menu.addAction(s.label)
            action.setCheckable(True)
            action.setChecked(s is status)
            action.triggered.connect(lambda _c=False, st=s: self._set_status(st))
        for w in (self.status_menu_button, self.edit_meeting, self.delete_meeting):
            w.setEnabled(writable and not d.meeting.locked)
            w.setVisible(writable and not d.meeting.locked)
        self.export_kallelse.setEnabled(bool(d.items))
        self.export_protocol.setEnabled(bool(d.items))
        final = status in (MeetingStatus.JUSTERAT, MeetingStatus.ANSLAGET, MeetingStatus.ANSLAG_NEDTAGET)
        self.export_protocol.setText("Protokoll (PDF)" if final or not d.meeting.numbered else "Protokollutkast (PDF)")

    # --- § list -------------------------------------------------------------------------------
    def _fill_paragraphs(self, item_id: int | None) -> None:
        d = self.detail
        rows = [
            ParagraphRow(
                it.id,
                it.label,
                it.rubrik,
                it.typ.label,
                it.utgar,
                it.jav_warning,
                it.bilaga_ref_text.strip("()") if it.bilaga_ref_text else "",
            )
            for it in d.items
        ]
        self.para_model.set_rows(rows, movable=self.editable)
        self.from_template.setVisible(not d.items and self.editable)
        for w in (self.add_item, self.move_up, self.move_down, self.strike, self.remove_item):
            w.setEnabled(self.editable)
            w.setVisible(self.editable)
        for act in (self.act_move_up, self.act_move_down, self.act_strike, self.act_delete, self.act_add_clause):
            act.setEnabled(self.editable)
        self.paragraphs.setDragEnabled(self.editable)
        target = item_id if item_id is not None else (d.items[0].id if d.items else None)
        row = self.para_model.row_of(target) if target is not None else -1
        if row < 0 and d.items:
            row = 0
        if row >= 0:
            self.paragraphs.selectionModel().blockSignals(True)
            self.paragraphs.setCurrentIndex(self.para_model.index(row, 1))
            self.paragraphs.selectionModel().blockSignals(False)
            self.paragraphs.scrollTo(self.para_model.index(row, 1))
            self._show_item(d.items[row])
        else:
            self._show_item(None)

    def _on_item_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid() or self.detail is None:
            return
        self._autosave.flush()
        row = self.para_model.rows[current.row()]
        # the texts may have been saved since the meeting was loaded: read the item fresh
        try:
            item = self.svc.agenda.get_item(row.item_id)
        except FinsamError as exc:
            self._error(exc)
            return
        self._show_item(item)

    def _current_item(self):
        if self.detail is None or self.item_id is None:
            return None
        for it in self.detail.items:
            if it.id == self.item_id:
                return it
        return None

    # --- § editor -----------------------------------------------------------------------------
    def _item_key(self, field: str):
        if self.item_id is None or self._loading:
            return None
        return ("item", self.store.canonical("item", self.item_id), field)

    def _show_item(self, item) -> None:
        e = self.editor
        if item is None or item.id != self.item_id:
            e.verticalScrollBar().setValue(0)
            if item is not None:
                e.set_more_open(bool(item.jav or item.jav_warning or item.vote or item.reservations))
        self.item_id = item.id if item else None
        e.setEnabled(item is not None)
        with self._autosave.suspended():
            if item is None:
                e.number.setText("")
                for w in (e.rubrik, e.foredragande, e.diarienummer, e.utgar_motivering):
                    w.clear()
                for w in (e.arendebeskrivning, e.forslag, e.text):
                    w.clear()
                e.clauses.set_clauses([], {})
                e.set_parts([])
                return
            e.number.setText(item.label)
            values = {
                "rubrik": item.rubrik,
                "foredragande": item.foredragande,
                "diarienummer": item.diarienummer,
                "arendebeskrivning": item.arendebeskrivning,
                "forslag_till_beslut": item.forslag_till_beslut,
                "text": item.text,
                "utgar_motivering": item.utgar_motivering,
            }
            widgets = {
                "rubrik": e.rubrik,
                "foredragande": e.foredragande,
                "diarienummer": e.diarienummer,
                "arendebeskrivning": e.arendebeskrivning,
                "forslag_till_beslut": e.forslag,
                "text": e.text,
                "utgar_motivering": e.utgar_motivering,
            }
            canon = self.store.canonical("item", item.id)
            for field, value in values.items():
                w = widgets[field]
                if isinstance(w, QLineEdit):
                    if w.text() != value:
                        w.setText(value)
                elif w.toPlainText() != value:
                    w.setPlainText(value)
                self._committed[("item", canon, field)] = value
            e.rubrik.setToolTip(item.rubrik)
            e.typ.setCurrentIndex(e.typ.findData(item.typ))
            e.sokande.clear()
            e.sokande.addItem("Ingen sökande medlem", None)
            for mem in self._members:
                e.sokande.addItem(mem.namn, mem.id)
            idx = e.sokande.findData(item.sokande_member_id) if item.sokande_member_id else 0
            e.sokande.setCurrentIndex(max(idx, 0))
            is_justerare = item.standard == "justerare"
            e.justerare_row.setVisible(is_justerare)
            if is_justerare:
                e.justerare.clear()
                e.justerare.addItem("Välj justerare …", None)
                for pid, namn in self._voting_people():
                    e.justerare.addItem(namn, pid)
                chosen = self.detail.justerare_person_ids if self.detail else ()
                e.justerare.setCurrentIndex(max(e.justerare.findData(chosen[0]), 0) if chosen else 0)
            e.utgar.setChecked(item.utgar)
            e.utgar_motivering.setVisible(item.utgar)
            e.justeras_omedelbart.setChecked(item.justeras_omedelbart)
            organ = self.detail.meeting.organ_namn if self.detail else "Styrelsen"
            e.clauses.set_heading(f"{organ} beslutade")
            e.clauses.empty.setText(
                "Inga att-satser ännu (Ctrl+Retur lägger till en)."
                if item.typ is ItemKind.BESLUT
                else "Inget beslut (informationsärende)."
            )
            self._fill_clauses(item)
            self._fill_bilagor(item)
            self._fill_jav(item)
            self._fill_vote(item)
        e.set_editable(self.editable, "")
        e.utgar_motivering.setReadOnly(not (self.editable and item.utgar))
        # rows and buttons were shown/hidden: lay the form out again at once, inner layouts first
        for w in [e.clauses, *e.part_boxes, *(b.clauses for b in e.part_boxes), e.widget()]:
            w.layout().invalidate()
            w.layout().activate()

    def _fill_clauses(self, item) -> None:
        e = self.editor
        rows = e.clauses.set_clauses(item.clauses, self._uppdrag_by_clause)
        boxes = e.set_parts(item.parts)
        for box, part in zip(boxes, item.parts, strict=True):
            pcanon = self.store.canonical("part", part.id)
            self._committed[("part", pcanon, "rubrik")] = part.rubrik
            self._committed[("part", pcanon, "text")] = part.text
            self._autosave.watch(box.rubrik, lambda pc=pcanon: ("part", pc, "rubrik"))
            self._autosave.watch(box.text, lambda pc=pcanon: ("part", pc, "text"))
            box.remove_requested.connect(self._on_remove_part)
            box.clauses.set_heading(e.clauses.heading.text())
            rows += box.clauses.set_clauses(part.clauses, self._uppdrag_by_clause)
            box.clauses.add_requested.connect(self._on_add_clause)
            box.clauses.phrase_requested.connect(self._on_phrase)
            box.clauses.remove_requested.connect(self._on_remove_clause)
            box.clauses.uppdrag_requested.connect(self._on_uppdrag_from_clause)
        for row in rows:
            canon = self.store.canonical("clause", row.clause_id)
            self._committed[("clause", canon)] = row.edit.toPlainText()
            self._autosave.watch(row.edit, lambda c=canon: ("clause", c))
            row.edit.installEventFilter(self._clause_keys)
        # tab order: protokolltext → each att-sats with its Uppdrag and ✕ → "+ Att-sats" → "Standardfras…"
        chain = [e.text] + [w for r in e.clauses.rows for w in (r.edit, r.uppdrag, r.remove)]
        chain += [e.clauses.add, e.clauses.phrase]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    @property
    def _clause_keys(self):
        if not hasattr(self, "_clause_filter"):
            self._clause_filter = _ClauseKeys(self)
        return self._clause_filter

    def _fill_bilagor(self, item) -> None:
        e = self.editor
        e.bilagor.clear()
        by_id = {b.id: b for b in self.detail.bilagor} if self.detail else {}
        for bid in item.bilaga_ids:
            b = by_id.get(bid)
            if b is None:
                continue
            number = f"Bilaga {b.number}" if b.number else "Bilaga"
            e.bilagor.addItem(list_item(f"{number} – {b.titel} ({b.filnamn}, {m.size_text(b.storlek)})", b.id))
        if not item.bilaga_ids:
            e.bilagor.addItem(list_item("Inga bilagor till denna punkt.", None))
        fit_height(e.bilagor)

    def _board_people(self):
        """Present attendees who may have jäv or reserve themselves (name, person id)."""
        if self.detail is None:
            return []
        return [(a.person_id, a.namn) for a in self.detail.attendance if a.narvarande]

    def _voting_people(self):
        """Present ledamöter and tjänstgörande ersättare (who may be chosen as justerare)."""
        if self.detail is None:
            return []
        voting = (AttendanceRole.ORDINARIE, AttendanceRole.TJANSTGORANDE)
        return [(a.person_id, a.namn) for a in self.detail.attendance if a.narvarande and a.roll in voting]

    def _fill_jav(self, item) -> None:
        e = self.editor
        e.jav_warning.setText("⚠ " + item.jav_warning if item.jav_warning else "")
        e.jav_warning.setVisible(bool(item.jav_warning))
        recorded = {j.person_id for j in item.jav}
        pending = [p for p in item.jav_proposals if p.person_id not in recorded]
        e.jav_proposals.setVisible(not item.jav_warning)
        if pending:
            e.jav_proposals.setText("Förslag: " + " ".join(f"{p.sentence[:-1]} ({p.reason})." for p in pending))
        else:
            e.jav_proposals.setText(
                "Inga förslag om jäv." if not item.jav_proposals else "Föreslagna jävsanteckningar är gjorda."
            )
        e.apply_jav.setVisible(bool(pending))
        e.jav_list.clear()
        for j in item.jav:
            e.jav_list.addItem(list_item(j.sentence, j.id))
        fit_height(e.jav_list)
        e.jav_list.setVisible(bool(item.jav))
        e.remove_jav.setVisible(bool(item.jav))
        e.jav_person.clear()
        for pid, namn in self._board_people():
            e.jav_person.addItem(namn, pid)
        summary = []
        if item.jav_warning:
            summary.append("⚠ jävsanteckning saknas")
        elif item.jav:
            summary.append(f"{len(item.jav)} jävsanteckning{'ar' if len(item.jav) != 1 else ''}")
        if item.quorum is not None:
            summary.append("beslutför" if item.quorum.beslutfor else "⚠ inte beslutför")
        if item.vote:
            summary.append("omröstning")
        if item.reservations:
            summary.append(f"{len(item.reservations)} reservation{'er' if len(item.reservations) != 1 else ''}")
        if item.justeras_omedelbart:
            summary.append("justeras omedelbart")
        e.more_summary.setText(" · ".join(summary) if summary else "Inget antecknat.")
        if item.jav_warning or (item.quorum is not None and not item.quorum.beslutfor):
            e.set_more_open(True)  # warnings are never hidden
        if item.quorum is not None:
            prefix = "✔ " if item.quorum.beslutfor else "⚠ "
            e.quorum.setText(prefix + item.quorum.message)
            e.quorum.setStyleSheet("color:#1e6b34;" if item.quorum.beslutfor else "color:#b3261e;font-weight:600;")
        else:
            e.quorum.setText("")

    def _fill_vote(self, item) -> None:
        e = self.editor
        e.vote_summary.setText(item.vote.summary if item.vote else "Ingen omröstning.")
        e.clear_vote.setVisible(item.vote is not None)
        e.vote.setText("Ändra omröstning…" if item.vote else "Omröstning…")
        e.reservations.clear()
        for r in item.reservations:
            e.reservations.addItem(list_item(r.sentence, r.id))
        fit_height(e.reservations)
        e.reservations.setVisible(bool(item.reservations))
        e.remove_res.setVisible(bool(item.reservations))
        e.res_person.clear()
        for pid, namn in self._board_people():
            e.res_person.addItem(namn, pid)

    # --- autosave callbacks ---------------------------------------------------------------------
    def _on_saved(self, key, text: str) -> None:
        old = self._committed.get(key, "")
        self._committed[key] = text
        if old != text:
            label = {
                "item": "Ändra " + TEXT_FIELDS.get(key[-1], "text"),
                "clause": "Ändra att-sats",
                "part": "Ändra delpunkt",
            }
            self.undo_stack.push(FieldEditCommand(label[key[0]], key, old, text, self._apply_field))
        if key[0] == "item" and key[2] == "rubrik":
            row = self.para_model.row_of(self.store.resolve("item", key[1]))
            if row >= 0:
                r = self.para_model.rows[row]
                rows = list(self.para_model.rows)
                rows[row] = ParagraphRow(r.item_id, r.number_text, text, r.kind_label, r.struck, r.warning, r.bilagor)
                self.para_model.set_rows(rows, movable=self.editable)
                self.paragraphs.selectionModel().blockSignals(True)
                self.paragraphs.setCurrentIndex(self.para_model.index(row, 1))
                self.paragraphs.selectionModel().blockSignals(False)
        self._news.start()

    def _on_save_error(self, key, exc: Exception) -> None:
        self._status(f"Sparades inte: {exc}", error=True)

    def _apply_field(self, key, value: str) -> None:
        """Undo/redo of a text edit: save it and show it if the record is on screen."""
        try:
            self.store.save_field(key, value)
        except FinsamError as exc:
            self._error(exc)
            return
        self._committed[key] = value
        target_item = None
        if key[0] == "item":
            target_item = self.store.resolve("item", key[1])
        elif self.item_id is not None:
            target_item = self.item_id
        self._refresh(target_item)
        self._changed()

    # =========================================================================================
    # commands (undoable)
    # =========================================================================================
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
            self._refresh(select() if callable(select) else None)
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

    # --- items ---------------------------------------------------------------------------------
    def _on_add_item(self) -> None:
        if not self.editable:
            return
        current = self._current_item()
        position = current.position + 1 if current else None
        box: dict = {}
        mid = self.detail.meeting.id

        def redo():
            item = self.svc.agenda.add_item(mid, "Ny punkt", ItemKind.BESLUT, position=position)
            if "id" in box:
                self.store.remap("item", box["id"], item.id)
            else:
                box["id"] = item.id

        def undo():
            self.svc.agenda.delete_item(self.store.resolve("item", box["id"]))

        if self._push("Ny §", redo, undo, select=lambda: self.store.resolve("item", box["id"])):
            self.editor.rubrik.setFocus()
            self.editor.rubrik.selectAll()

    def _on_move(self, delta: int) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        target = item.position + delta
        if not 1 <= target <= len(self.detail.items):
            return
        self._move_to(item, target)
        self.paragraphs.setFocus() if self.paragraphs.hasFocus() else None

    def _move_row(self, src: int, dst: int) -> None:
        if self.detail is None or not self.editable:
            return
        item = self.detail.items[src]
        self._move_to(item, self.detail.items[dst].position)

    def _move_to(self, item, to_position: int) -> None:
        iid, old = item.id, item.position
        self._push(
            f"Flytta {item.label}".strip(),
            lambda: self.svc.agenda.move_item(self.store.resolve("item", iid), to_position),
            lambda: self.svc.agenda.move_item(self.store.resolve("item", iid), old),
            select=lambda: self.store.resolve("item", iid),
        )

    def _step_item(self, delta: int) -> None:
        row = self.paragraphs.currentIndex().row() + delta
        if 0 <= row < self.para_model.rowCount():
            self.paragraphs.setCurrentIndex(self.para_model.index(row, 1))

    def _on_strike(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            self.editor.utgar.setChecked(bool(item and item.utgar))
            return
        iid = item.id
        if item.utgar:
            motivering = item.utgar_motivering
            self._push(
                "Ta tillbaka punkt",
                lambda: self.svc.agenda.unstrike_item(self.store.resolve("item", iid)),
                lambda: self.svc.agenda.strike_item(self.store.resolve("item", iid), motivering),
                select=lambda: self.store.resolve("item", iid),
            )
            return
        motivering, ok = QInputDialog.getText(
            self, "Punkten utgår", f"Varför utgår {item.label} {item.rubrik}?\n(Numret behålls i protokollet.)"
        )
        if not ok:
            self.editor.utgar.setChecked(False)
            return
        self._push(
            "Punkten utgår",
            lambda: self.svc.agenda.strike_item(self.store.resolve("item", iid), motivering.strip()),
            lambda: self.svc.agenda.unstrike_item(self.store.resolve("item", iid)),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_remove_item(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        self._autosave.flush()
        try:
            item = self.svc.agenda.get_item(item.id)
        except FinsamError as exc:
            self._error(exc)
            return
        canon = self.store.canonical("item", item.id)
        mid = self.detail.meeting.id
        rows = self.para_model.rowCount()
        row = self.para_model.row_of(item.id)
        box: dict = {}

        def redo():
            box["deleted"] = self.svc.agenda.delete_item(self.store.resolve("item", canon))
            if box["deleted"].uppdrag:
                self._reload_uppdrag()

        def undo():
            self._restore_item(mid, box["deleted"])
            if box["deleted"].uppdrag:
                self._reload_uppdrag()

        def select():
            if self.detail is None or not self.detail.items:
                return None
            items = self.svc.agenda.list_items(mid)
            if len(items) < rows:  # after the removal: the row that took its place
                return items[min(row, len(items) - 1)].id if items else None
            return self.store.resolve("item", canon)

        self._push(f"Ta bort {item.label} {item.rubrik}".strip(), redo, undo, select=select)

    def _restore_item(self, meeting_id: int, deleted) -> None:
        """Undo of a removal: the service brings the § back with its ids, uppdrag and references. Only a
        record whose id was taken in the meantime comes back under a new id; the store maps that one."""
        new = self.svc.agenda.restore_item(meeting_id, deleted)
        old = deleted.item
        self.store.remap("item", self.store.canonical("item", old.id), new.id)
        pairs = list(zip(old.clauses, new.clauses))
        for p_old, p_new in zip(old.parts, new.parts):
            self.store.remap("part", self.store.canonical("part", p_old.id), p_new.id)
            pairs += zip(p_old.clauses, p_new.clauses)
        for c_old, c_new in pairs:
            self.store.remap("clause", self.store.canonical("clause", c_old.id), c_new.id)

    def _on_typ(self, _index: int) -> None:
        item = self._current_item()
        new = ItemKind(self.editor.typ.currentData())  # Qt hands enum data back as str
        if item is None or not self.editable or new == item.typ:
            return
        iid, old = item.id, item.typ
        self._push(
            f"Ändra typ till {new.label.lower()}",
            lambda: self.svc.agenda.update_item(self.store.resolve("item", iid), typ=new),
            lambda: self.svc.agenda.update_item(self.store.resolve("item", iid), typ=old),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_sokande(self, _index: int) -> None:
        item = self._current_item()
        new = self.editor.sokande.currentData()
        if item is None or not self.editable or new == item.sokande_member_id:
            return
        iid, old, old_org = item.id, item.sokande_member_id, item.sokande_organisation
        new_org = self.editor.sokande.currentText() if new else ""
        self._push(
            "Ändra sökande",
            lambda: self.svc.agenda.update_item(
                self.store.resolve("item", iid), sokande_member_id=new, sokande_organisation=new_org
            ),
            lambda: self.svc.agenda.update_item(
                self.store.resolve("item", iid), sokande_member_id=old, sokande_organisation=old_org
            ),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_justeras_omedelbart(self, on: bool) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        iid = item.id
        self._push(
            "Justeras omedelbart" if on else "Inte omedelbar justering",
            lambda: self.svc.agenda.update_item(self.store.resolve("item", iid), justeras_omedelbart=on),
            lambda: self.svc.agenda.update_item(self.store.resolve("item", iid), justeras_omedelbart=not on),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_from_template(self) -> None:
        if self.detail is None or not self.editable:
            return
        mid = self.detail.meeting.id
        box: dict = {}

        def redo():
            box["ids"] = [i.id for i in self.svc.agenda.create_agenda_from_template(mid)]

        def undo():
            for iid in reversed(box.get("ids", [])):
                self.svc.agenda.delete_item(iid)

        self._push("Skapa dagordning från mall", redo, undo)

    # --- att-satser -----------------------------------------------------------------------------
    def _focused_part(self):
        w = self.focusWidget()
        for box in self.editor.part_boxes:
            if w is not None and box.isAncestorOf(w):
                return box.part_id
        return None

    def _on_add_clause(self, part_id, text: str) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        iid = item.id
        pcanon = self.store.canonical("part", part_id) if part_id else None
        box: dict = {}

        def redo():
            pid = self.store.resolve("part", pcanon) if pcanon else None
            clause = self.svc.paragraphs.add_clause(self.store.resolve("item", iid), text, part_id=pid)
            if "id" in box:
                self.store.remap("clause", box["id"], clause.id)
            else:
                box["id"] = clause.id

        def undo():
            self.svc.paragraphs.remove_clause(self.store.resolve("clause", box["id"]))

        if self._push("Ny att-sats", redo, undo, select=lambda: self.store.resolve("item", iid)):
            self._focus_clause(self.store.resolve("clause", box["id"]))

    def _focus_clause(self, clause_id: int) -> None:
        rows = list(self.editor.clauses.rows)
        for box in self.editor.part_boxes:
            rows += box.clauses.rows
        for row in rows:
            if row.clause_id == clause_id:
                if row.edit.toPlainText().strip() == "Att":
                    with self._autosave.suspended():
                        row.edit.setPlainText("Att ")
                row.edit.setFocus()
                cursor = row.edit.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                gap = _first_gap(row.edit.toPlainText())
                if gap is not None:  # a standard phrase with blanks to fill: start at the first one
                    cursor.setPosition(gap)
                row.edit.setTextCursor(cursor)
                self.editor.ensureWidgetVisible(row)

    def _on_phrase(self, part_id) -> None:
        if not self.editable:
            return
        try:
            phrases = self.svc.paragraphs.list_phrases()
        except FinsamError as exc:
            self._error(exc)
            return
        if not phrases:
            self._status("Det finns inga standardfraser.", error=True)
            return
        labels = [f"{p.text}" + (f"   [{p.kategori}]" if p.kategori else "") for p in phrases]
        choice, ok = QInputDialog.getItem(
            self, "Standardfras", "Välj en fras att lägga till som att-sats:", labels, 0, False
        )
        if ok and choice in labels:
            self._on_add_clause(part_id, phrases[labels.index(choice)].text)

    def _on_remove_clause(self, clause_id: int) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        self._autosave.flush()
        clause = next((c for c in item.all_clauses if c.id == clause_id), None)
        if clause is None:
            return
        with suppress(FinsamError):  # fall back to the clause as shown
            text = self.svc.agenda.get_item(item.id)
            clause = next((c for c in text.all_clauses if c.id == clause_id), clause)
        iid = item.id
        canon = self.store.canonical("clause", clause_id)
        part_id = clause.part_id or None
        pcanon = self.store.canonical("part", part_id) if part_id else None
        position, ctext = clause.position, clause.text

        def redo():
            self.svc.paragraphs.remove_clause(self.store.resolve("clause", canon))

        def undo():
            pid = self.store.resolve("part", pcanon) if pcanon else None
            new = self.svc.paragraphs.add_clause(self.store.resolve("item", iid), ctext, part_id=pid, position=position)
            self.store.remap("clause", canon, new.id)

        self._push("Ta bort att-sats", redo, undo, select=lambda: self.store.resolve("item", iid))

    def _on_apply_forslag(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        self._autosave.flush()
        iid = item.id
        box: dict = {}

        def redo():
            before = {c.id for c in self.svc.agenda.get_item(self.store.resolve("item", iid)).all_clauses}
            after = self.svc.paragraphs.apply_forslag(self.store.resolve("item", iid))
            box["new"] = [c.id for c in after.all_clauses if c.id not in before]

        def undo():
            for cid in box.get("new", []):
                self.svc.paragraphs.remove_clause(cid)

        self._push("Gör förslaget till beslut", redo, undo, select=lambda: self.store.resolve("item", iid))

    def _on_add_part(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        iid = item.id
        box: dict = {}

        def redo():
            part = self.svc.paragraphs.add_part(self.store.resolve("item", iid), "", "")
            if "id" in box:
                self.store.remap("part", box["id"], part.id)
            else:
                box["id"] = part.id

        def undo():
            self.svc.paragraphs.remove_part(self.store.resolve("part", box["id"]))

        if self._push("Ny delpunkt", redo, undo, select=lambda: self.store.resolve("item", iid)):
            for b in self.editor.part_boxes:
                if b.part_id == self.store.resolve("part", box["id"]):
                    b.rubrik.setFocus()

    def _on_remove_part(self, part_id: int) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        self._autosave.flush()
        part = next((p for p in self.svc.agenda.get_item(item.id).parts if p.id == part_id), None)
        if part is None:
            return
        iid = item.id
        canon = self.store.canonical("part", part_id)

        def redo():
            self.svc.paragraphs.remove_part(self.store.resolve("part", canon))

        def undo():
            new = self.svc.paragraphs.add_part(self.store.resolve("item", iid), part.rubrik, part.text)
            self.store.remap("part", canon, new.id)
            for c in part.clauses:
                clause = self.svc.paragraphs.add_clause(new.item_id, c.text, part_id=new.id)
                self.store.remap("clause", self.store.canonical("clause", c.id), clause.id)

        self._push("Ta bort delpunkt", redo, undo, select=lambda: self.store.resolve("item", iid))

    # --- jäv, omröstning, reservation -----------------------------------------------------------
    def _on_apply_jav(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        iid = item.id
        box: dict = {}

        def redo():
            before = {j.id for j in self.svc.agenda.get_item(self.store.resolve("item", iid)).jav}
            after = self.svc.jav.apply_jav_proposals(self.store.resolve("item", iid))
            box["new"] = [j.id for j in after.jav if j.id not in before]

        def undo():
            for jid in box.get("new", []):
                self.svc.jav.remove_jav(jid)

        self._push("För in jävsanteckningar", redo, undo, select=lambda: self.store.resolve("item", iid))

    def _on_add_jav(self) -> None:
        item = self._current_item()
        person_id = self.editor.jav_person.currentData()
        kind = JavKind(self.editor.jav_kind.currentData())
        if item is None or person_id is None or not self.editable:
            return
        iid = item.id
        box: dict = {}

        def redo():
            box["id"] = self.svc.jav.set_jav(self.store.resolve("item", iid), person_id, kind).id

        def undo():
            self.svc.jav.remove_jav(box["id"])

        self._push("Lägg till jäv", redo, undo, select=lambda: self.store.resolve("item", iid))

    def _on_remove_jav(self) -> None:
        self._remove_from_item(
            self.editor.jav_list,
            lambda item: item.jav,
            self.svc.jav.remove_jav,
            lambda item_id, note: self.svc.jav.set_jav(item_id, note.person_id, note.kind),
            "Ta bort jäv",
        )

    def _remove_from_item(self, list_widget, records_of, remove, add_back, label: str) -> None:
        """Remove the record selected in ``list_widget`` (a jäv note, a reservation) from the current §
        as one undoable step; undo adds it back and follows its new id."""
        item = self._current_item()
        current = list_widget.currentItem()
        if item is None or current is None or not self.editable:
            return
        record_id = current.data(Qt.ItemDataRole.UserRole)
        record = next((r for r in records_of(item) if r.id == record_id), None)
        if record is None:
            return
        iid = item.id
        box = {"id": record_id}

        def redo():
            remove(box["id"])

        def undo():
            box["id"] = add_back(self.store.resolve("item", iid), record).id

        self._push(label, redo, undo, select=lambda: self.store.resolve("item", iid))

    def _on_vote(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        dialog = VoteDialog(self._board_people(), self, item.vote)
        if not dialog.exec():
            return
        v = dialog.values()
        old = item.vote
        iid = item.id

        def undo():
            if old is None:
                self.svc.votes.clear_vote(self.store.resolve("item", iid))
            else:
                self.svc.votes.set_vote(
                    self.store.resolve("item", iid),
                    old.proposition,
                    votes={pid: r for pid, _n, r in old.votes} or None,
                    ja=old.ja,
                    nej=old.nej,
                    avstar=old.avstar,
                    sluten=old.sluten,
                )

        self._push(
            "Omröstning",
            lambda: self.svc.votes.set_vote(
                self.store.resolve("item", iid),
                v["proposition"],
                votes=v["votes"],
                ja=v["ja"],
                nej=v["nej"],
                avstar=v["avstar"],
                sluten=v["sluten"],
            ),
            undo,
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_clear_vote(self) -> None:
        item = self._current_item()
        if item is None or item.vote is None or not self.editable:
            return
        old, iid = item.vote, item.id
        self._push(
            "Ta bort omröstning",
            lambda: self.svc.votes.clear_vote(self.store.resolve("item", iid)),
            lambda: self.svc.votes.set_vote(
                self.store.resolve("item", iid),
                old.proposition,
                votes={pid: r for pid, _n, r in old.votes} or None,
                ja=old.ja,
                nej=old.nej,
                avstar=old.avstar,
                sluten=old.sluten,
            ),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_add_reservation(self) -> None:
        item = self._current_item()
        pid = self.editor.res_person.currentData()
        if item is None or pid is None or not self.editable:
            return
        motivering = self.editor.res_motivering.text().strip()
        iid = item.id
        box: dict = {}

        def redo():
            box["id"] = self.svc.votes.add_reservation(self.store.resolve("item", iid), pid, motivering).id

        def undo():
            self.svc.votes.remove_reservation(box["id"])

        if self._push("Reservation", redo, undo, select=lambda: self.store.resolve("item", iid)):
            self.editor.res_motivering.clear()

    def _on_remove_reservation(self) -> None:
        self._remove_from_item(
            self.editor.reservations,
            lambda item: item.reservations,
            self.svc.votes.remove_reservation,
            lambda item_id, res: self.svc.votes.add_reservation(item_id, res.person_id, res.motivering),
            "Ta bort reservation",
        )

    # --- bilagor ---------------------------------------------------------------------------------
    def _on_add_file(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Lägg till bilaga", str(Path.home()), "Alla filer (*)")
        if path:
            self.add_bilaga_file(Path(path))

    def add_bilaga_file(self, path: Path, titel: str | None = None) -> None:
        """Store ``path`` as a bilaga referenced by the current §."""
        item = self._current_item()
        if item is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._error(FinsamError(f"Filen {path.name} kunde inte läsas: {exc.strerror or exc}"))
            return
        iid, mid = item.id, self.detail.meeting.id
        box: dict = {}
        title = titel or path.stem

        def redo():
            if "id" in box:
                self.svc.bilagor.attach_bilaga(self.store.resolve("item", iid), box["id"])
            else:
                box["id"] = self.svc.bilagor.add_bilaga(
                    mid, title, path.name, data, item_id=self.store.resolve("item", iid)
                ).id

        def undo():
            self.svc.bilagor.detach_bilaga(self.store.resolve("item", iid), box["id"])

        self._push(f"Bilaga {path.name}", redo, undo, select=lambda: self.store.resolve("item", iid))

    def _on_link_bilaga(self) -> None:
        item = self._current_item()
        if item is None or not self.editable:
            return
        choices = [b for b in self.detail.bilagor if b.id not in item.bilaga_ids]
        if not choices:
            self._status("Sammanträdet har inga andra bilagor att hänvisa till.", error=True)
            return
        labels = [f"Bilaga {b.number or '–'}: {b.titel}" for b in choices]
        choice, ok = QInputDialog.getItem(self, "Hänvisa till bilaga", "Bilaga:", labels, 0, False)
        if not ok:
            return
        bid = choices[labels.index(choice)].id
        iid = item.id
        self._push(
            "Hänvisa till bilaga",
            lambda: self.svc.bilagor.attach_bilaga(self.store.resolve("item", iid), bid),
            lambda: self.svc.bilagor.detach_bilaga(self.store.resolve("item", iid), bid),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_unlink_bilaga(self) -> None:
        item = self._current_item()
        current = self.editor.bilagor.currentItem()
        if item is None or current is None or current.data(Qt.ItemDataRole.UserRole) is None or not self.editable:
            return
        bid = current.data(Qt.ItemDataRole.UserRole)
        iid = item.id
        self._push(
            "Ta bort hänvisning till bilaga",
            lambda: self.svc.bilagor.detach_bilaga(self.store.resolve("item", iid), bid),
            lambda: self.svc.bilagor.attach_bilaga(self.store.resolve("item", iid), bid),
            select=lambda: self.store.resolve("item", iid),
        )

    def _on_open_item_bilaga(self) -> None:
        current = self.editor.bilagor.currentItem()
        if current is not None and current.data(Qt.ItemDataRole.UserRole) is not None:
            self._open_bilaga(current.data(Qt.ItemDataRole.UserRole))

    def _selected_bilaga(self):
        idx = self.bilagor.currentIndex()
        return self.bilaga_model.row_at(idx.row()) if idx.isValid() else None

    def _on_open_bilaga(self) -> None:
        b = self._selected_bilaga()
        if b is not None:
            self._open_bilaga(b.id)

    def _open_bilaga(self, bilaga_id: int) -> None:
        def done(result):
            name, data = result
            self._open_bytes(name, data)

        run_in_background(self, "Hämtar bilagan…", lambda: self.svc.bilagor.bilaga_bytes(bilaga_id), done, self._error)

    def _on_rename_bilaga(self) -> None:
        b = self._selected_bilaga()
        if b is None or not self.editable:
            return
        titel, ok = QInputDialog.getText(self, "Byt titel", "Bilagans titel:", text=b.titel)
        if ok and titel.strip() and titel.strip() != b.titel:
            old = b.titel
            self._push(
                "Byt titel på bilaga",
                lambda: self.svc.bilagor.rename_bilaga(b.id, titel.strip()),
                lambda: self.svc.bilagor.rename_bilaga(b.id, old),
            )

    def _on_remove_bilaga(self) -> None:
        b = self._selected_bilaga()
        if b is None or not self.editable:
            return
        answer = QMessageBox.question(
            self,
            "Ta bort bilaga",
            f"Ta bort bilagan ”{b.titel}” ({b.filnamn}) från sammanträdet?\n"
            "Filen tas bort ur databasen och övriga bilagor numreras om. Det går inte att ångra.",
        )
        if answer == QMessageBox.StandardButton.Yes and self._run(self.svc.bilagor.remove_bilaga, b.id) is not FAILED:
            self._refresh()
            self._changed()

    # --- meetings: create, edit, status ---------------------------------------------------------------
    def _on_new_meeting(self) -> None:
        if self.ctx.read_only:
            self._status("Filen är skrivskyddad.", error=True)
            return
        try:
            organs = self.svc.meetings.list_organs()
        except FinsamError as exc:
            self._error(exc)
            return
        last_place = self.detail.meeting.plats if self.detail else ""
        dialog = NewMeetingDialog(organs, clock.today(), self, default_place=last_place)
        while dialog.exec():
            try:
                created = self.svc.meetings.create_meeting(**dialog.values())
            except FinsamError as exc:
                dialog.show_error(str(exc))
                continue
            self._after_create(created)
            return

    def _after_create(self, created) -> None:
        index = self.year.findData(created.datum.year)
        if index < 0:
            self.reload()
            index = self.year.findData(created.datum.year)
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(0)
        self.status_filter.blockSignals(False)
        self.year.blockSignals(True)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self._show_meetings()
        self._reload_meetings(select_id=created.id)
        self._changed()
        self.pages.setCurrentIndex(0)
        self.paragraphs.setFocus()

    def _on_edit_meeting(self) -> None:
        if self.detail is None or not self.editable:
            return
        mt = self.detail.meeting
        try:
            organs = self.svc.meetings.list_organs()
        except FinsamError as exc:
            self._error(exc)
            return
        dialog = NewMeetingDialog(organs, mt.datum, self, default_place=mt.plats)
        dialog.setWindowTitle("Ändra sammanträde")
        dialog.organ.setCurrentIndex(max(dialog.organ.findData(mt.organ_id), 0))
        dialog.organ.setEnabled(False)
        dialog.typ.setCurrentIndex(dialog.typ.findData(mt.typ))
        from PySide6.QtCore import QTime

        if mt.starttid:
            dialog.starttid.setTime(QTime(mt.starttid.hour, mt.starttid.minute))
        if mt.sluttid:
            dialog.sluttid.setTime(QTime(mt.sluttid.hour, mt.sluttid.minute))
        dialog.digital.setChecked(mt.digital)
        dialog.mall.hide()
        while dialog.exec():
            v = dialog.values()
            try:
                self.svc.meetings.update_meeting(
                    mt.id,
                    datum=v["datum"],
                    starttid=v["starttid"],
                    sluttid=v["sluttid"],
                    plats=v["plats"],
                    digital=v["digital"],
                    typ=v["typ"],
                )
            except FinsamError as exc:
                dialog.show_error(str(exc))
                continue
            self._reload_meetings(select_id=mt.id)
            self._refresh()
            self._changed()
            return

    def _on_delete_meeting(self) -> None:
        if self.detail is None or not self.editable:
            return
        mt = self.detail.meeting
        answer = QMessageBox.question(
            self,
            "Ta bort sammanträde",
            f"Ta bort {mt.title} med dagordning, närvaro och bilagor ({mt.item_count} punkter)?\n"
            "Det går inte att ångra.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._run(self.svc.meetings.delete_meeting, mt.id) is not FAILED:
            self.detail = None
            self.undo_stack.clear()
            self.reload()
            self._changed()

    def _on_next_step(self) -> None:
        if self.detail is None or self.ctx.read_only:
            return
        status = self.detail.meeting.status
        if status is MeetingStatus.PLANERAT:
            self._on_kallelse_sent()
        elif status is MeetingStatus.KALLAT:
            self._set_status(MeetingStatus.GENOMFORT)
        elif status is MeetingStatus.GENOMFORT:
            self._set_status(MeetingStatus.PROTOKOLL_UTKAST)

    def _on_kallelse_sent(self) -> None:
        mt = self.detail.meeting
        try:
            days = self.ctx.services.forbund.settings().kallelse_dagar
        except FinsamError:
            days = 7
        dialog = KallelseSentDialog(mt.datum, days, self)
        if not dialog.exec():
            return
        self.record_kallelse_sent(dialog.value())

    def record_kallelse_sent(self, sent: date):
        """Record the date the kallelse went out; warn when late. Returns the service result."""
        result = self._run(self.svc.meetings.record_kallelse_sent, self.detail.meeting.id, sent)
        if result is FAILED:
            return None
        if result.warning:
            QMessageBox.warning(self, "Kallelsen gick ut sent", result.warning)
        else:
            self._status(f"Kallelsen registrerad som skickad {sent.isoformat()}.")
        self._refresh()
        self._changed()
        return result

    def _set_status(self, status: MeetingStatus) -> None:
        if self.detail is None:
            return
        if self._run(self.svc.meetings.set_status, self.detail.meeting.id, status) is not FAILED:
            self._status(f"Status: {status.label}.")
            self._refresh()
            self._changed()

    # --- exports ----------------------------------------------------------------------------------
    def _export(self, kind: str) -> None:
        if self.detail is None:
            return
        self._autosave.flush()
        mt = self.detail.meeting
        mid = mt.id
        if kind == "kallelse":
            fn, label, name = (
                (lambda: self.svc.documents.kallelse_pdf(mid)),
                "Skapar kallelsen…",
                f"Kallelse {mt.title}.pdf",
            )
        else:
            services = self.ctx.services
            fn, label = (lambda: protocol_pdf_bytes(services, mid)), "Skapar protokollet…"
            final = mt.status in (MeetingStatus.JUSTERAT, MeetingStatus.ANSLAGET, MeetingStatus.ANSLAG_NEDTAGET)
            name = f"Protokoll {mt.title}{'' if final or not mt.numbered else ' UTKAST'}.pdf"
        run_in_background(self, label, fn, lambda data: self._offer_pdf(name, data), self._error)

    def _offer_pdf(self, name: str, data: bytes) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("PDF klar")
        box.setText(f"{name} är klar ({m.size_text(len(data))}).")
        open_b = box.addButton("Öppna", QMessageBox.ButtonRole.AcceptRole)
        save_b = box.addButton("Spara som…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Stäng", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_b)
        box.exec()
        if box.clickedButton() is open_b:
            self._open_bytes(name, data)
        elif box.clickedButton() is save_b:
            path, _ = QFileDialog.getSaveFileName(self, "Spara PDF", str(Path.home() / name), "PDF (*.pdf)")
            if path:
                try:
                    Path(path).write_bytes(data)
                except OSError as exc:
                    self._error(FinsamError(f"Kunde inte spara {path}: {exc.strerror or exc}"))
                    return
                self._status(f"Sparad: {path}")

    def _open_bytes(self, name: str, data: bytes) -> None:
        folder = Path(tempfile.mkdtemp(prefix="finsam-"))
        path = folder / Path(name).name
        path.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _on_save_now(self) -> None:
        """Ctrl+S out of habit: everything is saved as it is typed; this writes the last keystrokes at once."""
        self._autosave.flush()
        self._status("Allt är sparat.")

    def _on_phrases(self) -> None:
        PhraseDialog(self.svc, self, read_only=self.ctx.read_only).exec()

    def _on_series_start(self) -> None:
        """A förbund that starts using the app mid-year sets the first § number of the year once."""
        if self.ctx.read_only:
            return
        year = self.year.currentData() or clock.today().year
        organ = self.detail.meeting if self.detail else None
        organ_id = organ.organ_id if organ else None
        try:
            organs = self.svc.meetings.list_organs()
            organ_id = organ_id or next(o.id for o in organs if o.numbered)
            organ_name = next(o.namn for o in organs if o.id == organ_id)
            current = self.svc.paragraphs.series_start(organ_id, year)
        except (FinsamError, StopIteration) as exc:
            self._error(exc if isinstance(exc, FinsamError) else FinsamError("Inget organ numrerar paragrafer."))
            return
        number, ok = QInputDialog.getInt(
            self,
            "Första §-nummer",
            f"{organ_name} {year}: vilket nummer har årets första § i appen?\n"
            "(För ett förbund som börjar använda appen mitt i året. Alla olåsta protokoll numreras om.)",
            current,
            1,
            100000,
        )
        if (
            ok
            and number != current
            and self._run(self.svc.paragraphs.set_series_start, organ_id, year, number) is not FAILED
        ):
            self._reload_meetings()
            self._changed()

    def _show_keys(self) -> None:
        QMessageBox.information(self, "Kortkommandon i Sammanträden", KEYS_HELP)

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


class _ClauseKeys(QWidget):
    """Event filter on att-sats editors: Ctrl+Return adds the next att-sats."""

    def __init__(self, tab: SammantradenTab):
        super().__init__(tab)
        self.hide()
        self._tab = tab

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                part = self._tab._focused_part()
                self._tab._on_add_clause(part, "Att ")
                return True
        return False
