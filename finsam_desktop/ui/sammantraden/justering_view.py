"""The secretary's justering view (a sub-tab of Sammanträden): protocols awaiting justering with their deadline,
anslag now posted with the day each may come down, those due today or overdue highlighted, and one click for
each step (klart för justering, justera, anslå, ta ned). Transitions are legal acts: they are logged, not undone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit
from finsam_desktop.ui.widgets.flow_layout import FlowLayout
from finsam_desktop.ui.widgets.table_model import SORT_ROLE, Column, RowTableModel

AREA = "justering"
DUE_TODAY = QColor("#FFF2CC")
OVERDUE = QColor("#F8D7DA")


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


COLUMNS: tuple[Column[dj.JusteringRow], ...] = (
    Column("Sammanträde", lambda r: r.title, lambda r: f"{r.datum.isoformat()} {r.extract_id or 0:08d}"),
    Column("Paragrafer", lambda r: r.paragrafer),
    Column("Status", lambda r: r.status_label),
    Column(
        "Justeras senast",
        lambda r: _d(r.justering_senast) if r.status in (dj.UTKAST, dj.KLART) else "",
        lambda r: _d(r.justering_senast),
    ),
    Column("Justerat", lambda r: _d(r.justeringsdatum)),
    Column("Justerare", lambda r: r.justerare),
    Column(
        "Anslaget", lambda r: _d(r.anslagsdatum) or (f"senast {_d(r.anslag_senast)}" if r.status == dj.JUSTERAT else "")
    ),
    Column("Sista dag för överklagande", lambda r: _d(r.sista_overklagandedag)),
    Column("Tas ned tidigast", lambda r: _d(r.tas_ned_tidigast)),
    Column("Nedtaget", lambda r: _d(r.nedtaget_datum)),
    Column(
        "Att göra",
        lambda r: (
            r.next_action
            if not r.extract_id
            else {dj.JUSTERAT: "Registrera anslag", dj.ANSLAGET: "Ta ned anslaget"}.get(r.status, "")
        ),
    ),
    Column("Varningar", lambda r: " ".join(r.warnings), tooltip=lambda r: "\n".join(r.warnings)),
)


class JusteringModel(RowTableModel[dj.JusteringRow]):
    """Rows of the justering view; due today is yellow, overdue red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and 0 <= index.row() < len(self.rows):
            urgency = self.rows[index.row()].urgency
            if urgency == "idag":
                return QBrush(DUE_TODAY)
            if urgency == "forsenad":
                return QBrush(OVERDUE)
            return None
        return super().data(index, role)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return super().headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
        text = super().headerData(section, orientation, role)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and text:
            return _two_lines(text)
        return text


def _two_lines(heading: str, longest: int = 12) -> str:
    """A long column heading broken at the space nearest its middle, so the column can stay narrow."""
    if len(heading) <= longest or " " not in heading:
        return heading
    spaces = [i for i, ch in enumerate(heading) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(heading) / 2))
    return heading[:cut] + "\n" + heading[cut + 1 :]


class DateDialog(QDialog):
    """Ask for a legal date (justering/anslag/nedtagning), optionally "anslag samma dag"."""

    def __init__(
        self,
        title: str,
        label: str,
        value: date,
        hint: str = "",
        same_day_option: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.date_edit = IsoDateEdit(value)
        form.addRow(label, self.date_edit)
        self.same_day = QCheckBox("Anslaget sätts upp samma dag (Bevis/anslag fylls i på protokollet)")
        self.same_day.setChecked(True)
        if same_day_option:
            form.addRow("", self.same_day)
        if hint:
            h = QLabel(hint)
            h.setWordWrap(True)
            form.addRow(h)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class JusteringView(QWidget):
    """Controller and layout of the justering sub-tab."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._emitting = False
        self.model = JusteringModel(COLUMNS)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel("<b>Justering och anslag</b>")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.show_done = QCheckBox("Visa även nedtagna anslag")
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
        style_label = QLabel("Anslaget an&ger:")
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
        # Interactive columns, fitted to their contents once (capped), so the user can narrow them and
        # the table scrolls instead of widening the window.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self._columns_fitted = False
        self.table.setAccessibleName("Protokoll i justering och anslag")

        buttons = FlowLayout()
        self.btn_ready = QPushButton("Klart för &justering")
        self.btn_reopen = QPushButton("Öppna &igen…")
        self.btn_justera = QPushButton("&Registrera justering…")
        self.btn_anslag = QPushButton("Registrera &anslag…")
        self.btn_down = QPushButton("Anslaget &nedtaget")
        self.btn_down.setToolTip(
            "Registrerar att anslaget tas ned i dag (tidigast dagen efter sista dag för överklagande)."
        )
        self.btn_correction = QPushButton("Rä&ttelse…")
        self.btn_correction.setToolTip("Ange att en paragraf i detta protokoll rättar ett tidigare, justerat beslut.")
        self.btn_omedelbar = QPushButton("Justera &omedelbart…")
        self.btn_omedelbar.setToolTip(
            "Justera paragrafer som markerats ”justeras omedelbart” som eget protokollsutdrag med eget anslag."
        )
        self.btn_anslag_pdf = QPushButton("Anslag som PDF…")
        self.btn_protocol_pdf = QPushButton("Protokoll som PDF…")
        self.btn_utdrag = QPushButton("&Utdrag…")
        self.btn_publish = QPushButton("&Publiceringsversion…")
        self.btn_sign = QPushButton("Skriv under &digitalt…")
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

        self.history = QListWidget()
        self.history.setAccessibleName("Händelser för protokollet")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.details)
        lv.addWidget(QLabel("Händelser"))
        lv.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.table)
        tv.addLayout(buttons)
        split.addWidget(top)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split)

        self.show_done.toggled.connect(lambda _=False: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())
        self.btn_ready.clicked.connect(self._on_ready)
        self.btn_reopen.clicked.connect(self._on_reopen)
        self.btn_justera.clicked.connect(self._on_justera)
        self.btn_anslag.clicked.connect(self._on_anslag)
        self.btn_down.clicked.connect(self._on_take_down)
        self.btn_anslag_pdf.clicked.connect(self._on_anslag_pdf)
        self.btn_protocol_pdf.clicked.connect(self._on_protocol_pdf)
        self.btn_omedelbar.clicked.connect(self._on_omedelbar)
        self.btn_correction.clicked.connect(self._on_correction)
        self.btn_utdrag.clicked.connect(self._on_utdrag)
        self.btn_publish.clicked.connect(self._on_publish)
        self.btn_sign.clicked.connect(self._on_sign)
        self.style_box.setCurrentIndex(self.style_box.findData(ctx.services.justering.anslag.takedown_style().value))
        self.style_box.currentIndexChanged.connect(self._on_style)
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
        from PySide6.QtWidgets import QLineEdit

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
        if rows and not self._columns_fitted:
            self._fit_columns()
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

    def _fit_columns(self, cap: int = 220) -> None:
        """Size the columns to their contents once (long headings on two lines, long texts capped),
        so the table fits a laptop-wide window; the user can still resize every column."""
        self._columns_fitted = True
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount()):
            width = max(self.table.sizeHintForColumn(col) + 8, header.sectionSizeHint(col))
            self.table.setColumnWidth(col, min(width, cap))

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
        self.history.clear()
        if row is None:
            self.details.setText("Välj ett protokoll.")
            return
        lines = [f"<b>{row.title}</b> – {row.status_label}"]
        lines += [f"⚠ {w}" for w in row.warnings]
        self.details.setText("<br>".join(lines))
        for e in self.ctx.services.justering.status.events(row.meeting_id):
            if extract and e.extract_id != row.extract_id:
                continue
            when = e.at.strftime("%Y-%m-%d %H:%M") if hasattr(e.at, "strftime") else str(e.at)
            legal = f" ({e.datum.isoformat()})" if e.datum else ""
            reason = f" – {e.reason}" if e.reason else ""
            self.history.addItem(f"{when}  {e.label}{legal}  av {e.user}{reason}")
        if not extract:
            for u in self.ctx.services.justering.utdrag.list_utdrag(row.meeting_id):
                self.history.addItem(
                    f"Utdrag {u.datum.isoformat()}  {u.paragrafer} till {u.mottagare or '–'}, "
                    f"bestyrkt av {u.bestyrkt_av}"
                )
            for c in self.ctx.services.justering.corrections.corrections(row.meeting_id):
                note = f" ({c.anteckning})" if c.anteckning else ""
                self.history.addItem(
                    f"Rättelse: {c.meeting_label} {c.item_label} rättar "
                    f"{c.corrects_meeting_label} {c.corrects_label}{note}"
                )

    # --- actions -----------------------------------------------------------------------------------------------

    def _run(self, fn) -> bool:
        try:
            fn()
        except FinsamError as exc:
            self.show_error(str(exc))
            return False
        self._emitting = True
        try:
            self.ctx.events.area_changed.emit(AREA)
        finally:
            self._emitting = False
        self.reload()
        return True

    def _on_ready(self) -> None:
        row = self.current()
        if row:
            self._run(lambda: self.ctx.services.justering.workflow.mark_ready(row.meeting_id))

    def _on_reopen(self) -> None:
        row = self.current()
        if not row:
            return
        reason = self.ask_reason()
        if reason is None:
            return
        self._run(lambda: self.ctx.services.justering.workflow.reopen(row.meeting_id, reason))

    def _on_justera(self) -> None:
        row = self.current()
        if not row:
            return
        default = min(self.today, row.justering_senast)
        answer = self.ask_date(
            "Registrera justering",
            "Justeringsdatum",
            default,
            f"Justeras senast {row.justering_senast.isoformat()} (KL 5:69). Justerare och "
            "ordförande hämtas från protokollet; innehållet låses och en kontrollsumma sparas.",
            same_day_option=True,
        )
        if answer is None:
            return
        day, same = answer
        self._run(
            lambda: self.ctx.services.justering.workflow.justera(
                row.meeting_id, day, anslagsdatum=day if same else None, today=self.today
            )
        )

    def _on_anslag(self) -> None:
        row = self.current()
        if not row:
            return
        answer = self.ask_date(
            "Registrera anslag", "Anslagsdatum", self.today, f"Anslås senast {_d(row.anslag_senast)} (KL 8:12)."
        )
        if answer is None:
            return
        day = answer[0]
        if row.extract_id:
            self._run(
                lambda: self.ctx.services.justering.omedelbar.post_anslag_omedelbart(
                    row.extract_id, day, today=self.today
                )
            )
        else:
            self._run(lambda: self.ctx.services.justering.anslag.post_anslag(row.meeting_id, day, today=self.today))

    def _on_take_down(self) -> None:
        row = self.current()
        if not row:
            return
        if row.extract_id:
            self._run(
                lambda: self.ctx.services.justering.omedelbar.take_down_omedelbart(
                    row.extract_id, self.today, today=self.today
                )
            )
        else:
            self._run(
                lambda: self.ctx.services.justering.anslag.take_down(row.meeting_id, self.today, today=self.today)
            )

    def _save(self, title: str, suggested: str, produce) -> None:
        path = self.ask_save_path(title, suggested)
        if not path:
            return
        try:
            Path(path).write_bytes(produce())
        except (FinsamError, OSError) as exc:
            self.show_error(str(exc))

    def _on_anslag_pdf(self) -> None:
        row = self.current()
        if row:
            self._save(
                "Spara anslag",
                f"anslag-{row.datum.isoformat()}.pdf",
                lambda: self.ctx.services.justering.anslag.anslag_pdf(row.meeting_id, extract_id=row.extract_id),
            )

    def _on_protocol_pdf(self) -> None:
        row = self.current()
        if row:
            if row.extract_id:
                self._save(
                    "Spara protokollsutdrag",
                    f"protokollsutdrag-{row.datum.isoformat()}-omedelbart.pdf",
                    lambda: self.ctx.services.justering.omedelbar.omedelbar_pdf(row.extract_id),
                )
                return
            self._save(
                "Spara protokoll",
                f"protokoll-{row.datum.isoformat()}.pdf",
                lambda: self.ctx.services.justering.archive.protocol_pdf(row.meeting_id),
            )

    def _on_style(self) -> None:
        value = self.style_box.currentData()
        if value and value != self.ctx.services.justering.anslag.takedown_style().value:
            self._run(lambda: self.ctx.services.justering.anslag.set_takedown_style(value))

    def _paragraphs(self, title: str, label: str, default: str = "", allow_empty: bool = False) -> list[int] | None:
        text = self.ask_text(title, label, default)
        if text is None or (allow_empty and not text.strip()):
            return [] if text is not None else None
        try:
            return dj.parse_paragraph_list(text)
        except ValueError as exc:
            self.show_error(str(exc))
            return None

    def _on_omedelbar(self) -> None:
        row = self.current()
        if not row:
            return
        paragraphs = self._paragraphs(
            "Justera omedelbart", "Paragrafer som justeras omedelbart (t.ex. 132 eller 132,134):"
        )
        if not paragraphs:
            return
        answer = self.ask_date("Justera omedelbart", "Justeringsdatum", min(self.today, row.datum))
        if answer is None:
            return
        self._run(
            lambda: self.ctx.services.justering.omedelbar.justera_omedelbart(
                row.meeting_id, paragraphs, answer[0], today=self.today
            )
        )

    def _on_correction(self) -> None:
        row = self.current()
        if not row:
            return
        paragraphs = self._paragraphs("Rättelse", "Paragraf i detta protokoll som rättar ett tidigare beslut:")
        if not paragraphs:
            return
        corrects = self.ask_text(
            "Rättelse", "Beslutet som rättas (sammanträdets datum och paragraf, t.ex. 2026-09-04 § 4):"
        )
        if not corrects:
            return
        note = self.ask_text("Rättelse", "Anteckning (visas vid båda paragraferna):")
        if note is None:
            return
        self._run(
            lambda: self.ctx.services.justering.corrections.add_correction_by_reference(
                row.meeting_id, paragraphs[0], corrects, note
            )
        )

    def _on_utdrag(self) -> None:
        row = self.current()
        if not row:
            return
        default = row.paragrafer.replace("§", "").strip() if row.extract_id else ""
        paragraphs = self._paragraphs("Protokollsutdrag", "Paragrafer (t.ex. 132 eller 132,134-135):", default)
        if not paragraphs:
            return
        mottagare = self.ask_text("Protokollsutdrag", "Till (mottagare, sparas i utdragsregistret):")
        if mottagare is None:
            return
        suffix = "-".join(str(n) for n in paragraphs[:3])
        self._save(
            "Spara protokollsutdrag",
            f"utdrag-{row.datum.isoformat()}-{suffix}.pdf",
            lambda: self.ctx.services.justering.utdrag.utdrag_pdf(row.meeting_id, paragraphs, mottagare=mottagare),
        )
        self.reload()

    def _on_publish(self) -> None:
        row = self.current()
        if not row:
            return
        omit = self._paragraphs(
            "Publiceringsversion",
            "Paragrafer som inte publiceras (tomt = alla publiceras; "
            "personnummer och namn i jävsanteckningar maskeras alltid):",
            allow_empty=True,
        )
        if omit is None:
            return
        choice = dj.RedactionChoice(paragraphs=frozenset(omit))
        self._save(
            "Spara publiceringsversion",
            f"protokoll-{row.datum.isoformat()}-webb.pdf",
            lambda: self.ctx.services.justering.publication.publication_pdf(row.meeting_id, choice),
        )

    def _on_sign(self) -> None:
        row = self.current()
        if not row:
            return
        answer = self.ask_signing()
        if answer is None:
            return
        path, password, role = answer
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.show_error(f"Certifikatfilen kunde inte läsas: {exc}")
            return
        result: list[list[str]] = []
        if self._run(
            lambda: result.append(self.ctx.services.justering.archive.sign(row.meeting_id, data, password, role))
        ):
            self.show_info("Underskriven. Underskrifter hittills: " + ", ".join(result[0]) + ".")


def create_justering_view(ctx: UiContext) -> QWidget:
    """The justering sub-tab (included by the Sammanträden tab)."""
    return JusteringView(ctx)
