"""The secretary's justering view (a sub-tab of Sammanträden): protocols awaiting justering with their deadline,
anslag now posted with the day each may come down, those due today or overdue highlighted, and one click for
each step (klart för justering, justera, anslå, ta ned). Transitions are legal acts: they are logged, not undone.

The view is composed of the table (``justering_model``), the detail panel (``justering_detail``), the date
dialog (``justering_dialogs``) and the action controller (``justering_actions``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.justering.actions import AREA, JusteringActions
from finsam_desktop.ui.justering.detail import JusteringDetailPanel
from finsam_desktop.ui.justering.dialogs import DateDialog
from finsam_desktop.ui.justering.model import COLUMNS, JusteringModel
from finsam_desktop.ui.widgets.column_fit import fit_columns
from finsam_desktop.ui.widgets.flow_layout import FlowLayout
from finsam_desktop.ui.widgets.keys import give_shortcut
from finsam_desktop.ui.widgets.table_model import SORT_ROLE


class JusteringView(QWidget):
    """Layout and data of the justering sub-tab; ``actions`` (``JusteringActions``) answers the buttons."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._emitting = False
        self.actions = JusteringActions(ctx, self)
        self.model = JusteringModel(COLUMNS)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel("<b>Justering och anslag</b>")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.show_done = QCheckBox("&Visa även nedtagna anslag")
        self.style_box = QComboBox()
        self.style_box.setAccessibleName("Nedtagningsdatum i anslaget")
        for style in dl.TakedownStyle:
            self.style_box.addItem(style.label, style.value)
        self.style_box.setToolTip(
            "Hur anslaget anger när det får tas ned. Appen föreslår aldrig en nedtagning "
            "under överklagandetiden, oavsett val."
        )
        self.style_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.style_box.setMinimumContentsLength(18)
        style_pick = QWidget()
        sp = QHBoxLayout(style_pick)
        sp.setContentsMargins(0, 0, 0, 0)
        style_label = QLabel("Anslaget anger:")
        style_label.setBuddy(self.style_box)
        sp.addWidget(style_label)
        sp.addWidget(self.style_box)
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        options = FlowLayout()
        options.addWidget(style_pick)
        options.addWidget(self.show_done)
        head.addLayout(options, 2)
        layout.addLayout(head)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Columns fitted to the table's width (the widest elided), so none is pushed out of sight.
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Protokoll i justering och anslag")
        fit_columns(self.table, stretch=self.table.model().columnCount() - 1)

        buttons = FlowLayout()
        self.btn_ready = QPushButton("Klart &för justering")
        self.btn_reopen = QPushButton("&Öppna igen…")
        self.btn_justera = QPushButton("R&egistrera justering…")
        self.btn_anslag = QPushButton("Registrera ans&lag…")
        self.btn_down = QPushButton("Anslaget nedtaget")
        self.btn_down.setToolTip(
            "Registrerar att anslaget tas ned i dag (tidigast dagen efter sista dag för överklagande)."
        )
        self.btn_correction = QPushButton("Rättelse…")
        self.btn_correction.setToolTip("Ange att en paragraf i detta protokoll rättar ett tidigare, justerat beslut.")
        self.btn_omedelbar = QPushButton("Justera &omedelbart…")
        self.btn_omedelbar.setToolTip(
            "Justera paragrafer som markerats ”justeras omedelbart” som eget protokollsutdrag med eget anslag."
        )
        self.btn_anslag_pdf = QPushButton("Anslag som PDF…")
        self.btn_protocol_pdf = QPushButton("Protokoll som PDF…")
        self.btn_utdrag = QPushButton("Utdrag…")
        self.btn_publish = QPushButton("Publi&ceringsversion…")
        self.btn_sign = QPushButton("Skriv under digitalt…")
        # The page shares the window with the meeting's buttons and the sub-tabs: the letters run out.
        for button, keys in (
            (self.btn_down, "Ctrl+Shift+T"),
            (self.btn_correction, "Ctrl+Shift+R"),
            (self.btn_anslag_pdf, "Ctrl+Shift+A"),
            (self.btn_protocol_pdf, "Ctrl+Shift+P"),
            (self.btn_utdrag, "Ctrl+Shift+E"),
            (self.btn_sign, "Ctrl+Shift+S"),
        ):
            give_shortcut(button, keys)
        for b in (
            self.btn_ready,
            self.btn_reopen,
            self.btn_justera,
            self.btn_anslag,
            self.btn_down,
            self.btn_omedelbar,
            self.btn_correction,
        ):
            buttons.addWidget(b)
        buttons.addStretch()
        for b in (self.btn_anslag_pdf, self.btn_protocol_pdf, self.btn_utdrag, self.btn_publish, self.btn_sign):
            buttons.addWidget(b)

        self.detail_panel = JusteringDetailPanel()
        self.history, self.details = self.detail_panel.history, self.detail_panel.details
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.table)
        tv.addLayout(buttons)
        split.addWidget(top)
        split.addWidget(self.detail_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split)

        self.show_done.toggled.connect(lambda _=False: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())
        self.style_box.setCurrentIndex(self.style_box.findData(ctx.services.justering.anslag.takedown_style().value))
        self.actions.connect()
        ctx.events.area_changed.connect(self._on_area_changed)
        ctx.events.workspace_replaced.connect(self.reload)
        self.reload()

    # --- hooks tests replace (dialogs) -------------------------------------------------------------------------

    def ask_date(
        self, title: str, label: str, value: date, hint: str = "", same_day_option: bool = False
    ) -> tuple[date, bool] | None:
        dlg = DateDialog(title, label, value, hint, same_day_option, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.date_edit.value(), dlg.same_day.isChecked()

    def ask_reason(self) -> str | None:
        text, ok = QInputDialog.getText(
            self, "Öppna protokollet igen", "Skäl (sparas i loggen tillsammans med ditt namn och tiden):"
        )
        return text if ok else None

    def ask_save_path(self, title: str, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, "PDF (*.pdf)")
        return path or None

    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text if ok else None

    def ask_signing(self) -> tuple[str, str, str] | None:
        """(certificate file, password, role) for a digital signature."""
        path, _ = QFileDialog.getOpenFileName(self, "Välj certifikatfil", "", "PKCS#12 (*.p12 *.pfx)")
        if not path:
            return None
        role, ok = QInputDialog.getItem(
            self, "Skriv under digitalt", "Roll:", ["Justerare", "Ordförande", "Sekreterare"], 0, False
        )
        if not ok:
            return None
        password, ok = QInputDialog.getText(
            self, "Skriv under digitalt", f"Lösenord för {Path(path).name}:", QLineEdit.EchoMode.Password
        )
        return (path, password, role) if ok else None

    def show_info(self, message: str) -> None:
        QMessageBox.information(self, "Justering", message)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Justering", message)

    # --- data --------------------------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or clock.today()

    def reload(self) -> None:
        selected = self.current()
        rows = self.ctx.services.justering.status.overview(today=self.today, include_done=self.show_done.isChecked())
        self.model.set_rows(rows)  # the service's order: overdue, due today, then by date
        due = sum(1 for r in rows if r.urgency == "idag")
        late = sum(1 for r in rows if r.urgency == "forsenad")
        parts = [f"{len(rows)} protokoll"]
        if due:
            parts.append(f"{due} att göra i dag")
        if late:
            parts.append(f"{late} försenade")
        self.summary.setText(" · ".join(parts))
        if selected:
            self.select(selected.meeting_id, selected.extract_id)
        self._on_selection()

    def current(self) -> dj.JusteringRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select(self, meeting_id: int, extract_id: int | None = None) -> bool:
        for r, row in enumerate(self.model.rows):
            if row.meeting_id == meeting_id and row.extract_id == extract_id:
                index = self.proxy.mapFromSource(self.model.index(r, 0))
                self.table.selectRow(index.row())
                return True
        return False

    def set_meeting(self, meeting_id: int) -> None:
        """Called by the Sammanträden tab when the user opens a meeting."""
        if not self.select(meeting_id):
            self.table.clearSelection()

    def _on_area_changed(self, area: str) -> None:
        if not self._emitting and area in ("sammantraden", AREA):
            self.reload()

    def _on_selection(self) -> None:
        row = self.current()
        ro = self.ctx.read_only
        status = row.status if row else None
        extract = bool(row and row.extract_id)
        self.btn_ready.setEnabled(not ro and status == dj.UTKAST and not extract)
        self.btn_reopen.setEnabled(not ro and status == dj.KLART and not extract)
        self.btn_justera.setEnabled(not ro and status == dj.KLART and not extract)
        self.btn_anslag.setEnabled(not ro and status == dj.JUSTERAT)
        can_down = bool(row and status == dj.ANSLAGET and row.tas_ned_tidigast and row.tas_ned_tidigast <= self.today)
        self.btn_down.setEnabled(not ro and can_down)
        if row and status == dj.ANSLAGET and row.tas_ned_tidigast and not can_down:
            self.btn_down.setToolTip(f"Anslaget får tas ned tidigast {row.tas_ned_tidigast.isoformat()}.")
        self.btn_anslag_pdf.setEnabled(bool(row and status in (dj.JUSTERAT, dj.ANSLAGET, dj.NEDTAGET)))
        self.btn_protocol_pdf.setEnabled(bool(row))
        self.btn_omedelbar.setEnabled(not ro and status in (dj.UTKAST, dj.KLART) and not extract)
        self.btn_correction.setEnabled(not ro and status == dj.UTKAST and not extract)
        immutable = bool(row) and dj.is_immutable(status) and not extract
        self.btn_utdrag.setEnabled(not ro and (immutable or extract))
        self.btn_publish.setEnabled(immutable)
        self.btn_sign.setEnabled(not ro and immutable)
        if row is None:
            self.detail_panel.show_row(None)
            return
        events = self.ctx.services.justering.status.events(row.meeting_id)
        utdrag = [] if extract else self.ctx.services.justering.utdrag.list_utdrag(row.meeting_id)
        corrections = [] if extract else self.ctx.services.justering.corrections.corrections(row.meeting_id)
        self.detail_panel.show_row(row, events, utdrag, corrections)


def create_justering_view(ctx: UiContext) -> QWidget:
    """The justering sub-tab (included by the Sammanträden tab)."""
    return JusteringView(ctx)
