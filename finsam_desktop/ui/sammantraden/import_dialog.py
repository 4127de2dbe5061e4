"""Arkiv → Importera protokoll…: a historical protocol (PDF, Word or text) read beside its source text. The user
sees each recognised meeting (header, officers, närvarande, every § with its bilaga references and att-satser),
corrects the header fields, § headings, närvarande, the att-satser and jäv of each § (``import_editors``), reads
what could not be placed, and stores only with "Importera" (all meetings of the file in one transaction, as
justerade; ``ProtocolImportService``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.sammantraden.import_editors import AttendanceEditor, ParagraphDetail, Problem


def _choose_file(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Välj protokoll", "", "Protokoll (*.pdf *.docx *.txt);;Alla filer (*)"
    )
    return path


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class ProtocolImportDialog(QDialog):
    """The import wizard; ``choose_file`` returns a path ("" when cancelled) — tests pass their own."""

    def __init__(self, services, parent: QWidget | None = None, choose_file: Callable[[QWidget], str] = _choose_file):
        super().__init__(parent)
        self.setWindowTitle("Importera protokoll")
        self.service = services.justering.protocol_import
        self._choose = choose_file
        self.preview = None
        self.data = b""
        self.filename = ""
        self.protocols = []
        self.result = None
        self.weeks = self.service.appeal_weeks()
        self._loading = False
        self._build()
        self._update_enabled()

    # --- layout ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setAccessibleName("Vald fil")
        self.file_edit.setPlaceholderText("Ingen fil vald")
        self.choose_button = QPushButton("&Välj fil…")
        self.choose_button.setAccessibleName("Välj protokollfil")
        self.choose_button.clicked.connect(self.on_choose)
        self.organ_combo = QComboBox()
        self.organ_combo.setAccessibleName("Organ")
        for organ_id, namn in self.service.organs():
            self.organ_combo.addItem(namn, organ_id)
        top.addWidget(QLabel("Fil:"))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        top.addWidget(_label("&Organ:", self.organ_combo))
        top.addWidget(self.organ_combo)

        self.source = QPlainTextEdit()
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.source.setAccessibleName("Källtext")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(_label("&Källtext", self.source))
        lv.addWidget(self.source)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.meeting_combo = QComboBox()
        self.meeting_combo.setAccessibleName("Sammanträde i filen")
        self.meeting_combo.currentIndexChanged.connect(self._show_protocol)
        form = QFormLayout()
        form.addRow(_label("Sa&mmanträde:", self.meeting_combo), self.meeting_combo)
        self.date_edit = self._line("Sammanträdesdatum", "datum")
        self.place_edit = self._line("Plats", "plats")
        self.ordf_edit = self._line("Ordförande", "ordforande")
        self.just_edit = self._line("Justerare", "justerare")
        self.sekr_edit = self._line("Sekreterare", "sekreterare")
        grid = QGridLayout()
        for row, (text, edit) in enumerate(
            [("&Datum:", self.date_edit), ("&Plats:", self.place_edit), ("Ord&förande:", self.ordf_edit)]
        ):
            grid.addWidget(_label(text, edit), row, 0)
            grid.addWidget(edit, row, 1)
        for row, (text, edit) in enumerate([("&Justerare:", self.just_edit), ("Sekr&eterare:", self.sekr_edit)]):
            grid.addWidget(_label(text, edit), row, 2)
            grid.addWidget(edit, row, 3)
        self.dates_label = QLabel()
        grid.addWidget(self.dates_label, 2, 2, 1, 2)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8a4b00;")
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label.setVisible(False)
        rv.addLayout(form)
        rv.addLayout(grid)
        rv.addWidget(self.warning_label)

        self.paragraphs = QTableWidget(0, 4)
        self.paragraphs.setHorizontalHeaderLabels(["§", "Rubrik (kan ändras)", "Bilagor", "Att-satser"])
        self.paragraphs.setAccessibleName("Paragrafer som känts igen")
        self.paragraphs.verticalHeader().setVisible(False)
        header = self.paragraphs.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.paragraphs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.paragraphs.itemChanged.connect(self._on_heading_changed)
        self.paragraphs.currentCellChanged.connect(self._on_row)
        rv.addWidget(_label("Pa&ragrafer", self.paragraphs))
        rv.addWidget(self.paragraphs, 2)

        self.attendance = AttendanceEditor(self._on_edited)
        self.detail = ParagraphDetail(self._on_edited, self._names)
        self.unplaced = QListWidget()
        self.unplaced.setAccessibleName("Rader som inte kunde placeras")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Närvarande, beslut och jäv, ej placerat")
        self.tabs.addTab(self.attendance, "&Närvarande")
        self.tabs.addTab(self.detail, "Besl&ut och jäv i vald §")
        self.tabs.addTab(self.unplaced, "Kunde inte p&laceras")
        rv.addWidget(self.tabs, 3)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([480, 760])

        self.accept_box = QCheckBox("&Godkänn att raderna som inte kunde placeras lämnas utanför")
        self.accept_box.setAccessibleName("Godkänn att rader lämnas utanför")
        self.accept_box.toggled.connect(self._update_enabled)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton("&Importera")
        self.import_button.setAccessibleName("Importera protokollen")
        self.import_button.clicked.connect(self.on_import)
        self.cancel_button = QPushButton("Av&bryt")
        self.cancel_button.setAccessibleName("Avbryt importen")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_box, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1240, 760)

    def _line(self, name: str, attr: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.textEdited.connect(lambda text, a=attr: self._on_field(a, text))
        return edit

    # --- loading --------------------------------------------------------------------------------------------
    def on_choose(self) -> None:
        path = self._choose(self)
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
            preview = self.service.preview(data, path.name)
        except (FinsamError, OSError) as exc:
            self._error(f"Filen kunde inte läsas: {exc}")
            return False
        self.data, self.filename, self.preview = data, path.name, preview
        self.protocols = copy.deepcopy(preview.protocols)
        self.file_edit.setText(str(path))
        self.source.setPlainText(preview.text)
        self.unplaced.clear()
        self.unplaced.addItems(preview.problems + preview.unplaced_summary())
        self.accept_box.setChecked(False)
        self.meeting_combo.blockSignals(True)
        self.meeting_combo.clear()
        for p in self.protocols:
            numbers = [x.nummer for x in p.paragraphs]
            span = f"§ {numbers[0]}–{numbers[-1]}" if numbers else "inga §"
            self.meeting_combo.addItem(f"{p.label} ({span})")
        self.meeting_combo.blockSignals(False)
        self._show_protocol(0)
        found = f"{len(self.protocols)} sammanträden känns igen"
        warned = len(preview.warnings(self.weeks))
        if warned:
            found += f" ({warned} med en varning om anslagets datum, se ovan)"
        left = self.service.problems(self.protocols, corrected=True) if self.protocols else []
        if preview.problems:
            self._error(f"{found}, men filen kan inte importeras: " + " ".join(preview.problems))
        elif left:
            self._error(f"{found}. Rätta först: " + " ".join(left))
        elif preview.unplaced:
            self._info(f"{found}. {len(preview.unplaced)} rader kunde inte placeras; granska listan och godkänn.")
        else:
            self._info(f"{found}. Allt i filen kunde placeras.")
        self._update_enabled()
        return True

    def current(self):
        k = self.meeting_combo.currentIndex()
        return self.protocols[k] if 0 <= k < len(self.protocols) else None

    def _show_protocol(self, _index: int = 0) -> None:
        p = self.current()
        self._loading = True
        try:
            for edit, value in (
                (self.date_edit, p.datum.isoformat() if p and p.datum else ""),
                (self.place_edit, p.plats if p else ""),
                (self.ordf_edit, p.ordforande if p else ""),
                (self.just_edit, ", ".join(p.justerare) if p else ""),
                (self.sekr_edit, p.sekreterare if p else ""),
            ):
                edit.setText(value)
            dates = []
            if p:
                for label, d in (
                    ("justerat", p.justeringsdatum),
                    ("anslaget", p.anslagsdatum),
                    ("tas ned", p.anslag_ned_tidigast),
                ):
                    dates.append(f"{label} {d.isoformat() if d else '–'}")
            self.dates_label.setText("; ".join(dates))
            warnings = self.service.takedown_warnings([p], self.weeks) if p else []
            self.warning_label.setText("\n".join(f"Varning: {w.split(': ', 1)[1]}" for w in warnings))
            self.warning_label.setVisible(bool(warnings))
            self.paragraphs.setRowCount(0)
            for x in p.paragraphs if p else []:
                row = self.paragraphs.rowCount()
                self.paragraphs.insertRow(row)
                cells = [
                    f"§ {x.nummer}",
                    x.rubrik,
                    ", ".join(x.bilagor),
                    "stryks" if x.struken else str(len(x.att_satser)),
                ]
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if col != 1:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.paragraphs.setItem(row, col, item)
            self.attendance.show_people(p.attendance if p else None)
            self.detail.show_paragraph(p.paragraphs[0] if p and p.paragraphs else None)
        finally:
            self._loading = False

    # --- editing --------------------------------------------------------------------------------------------
    def _on_field(self, attr: str, text: str) -> None:
        p = self.current()
        if p is None or self._loading:
            return
        if attr == "datum":
            try:
                p.datum = date.fromisoformat(text.strip())
                self._info(f"Sammanträdesdatum {p.datum.isoformat()}.")
            except ValueError:
                p.datum = None
                self._error(f"”{text.strip()}” är inget datum; skriv ÅÅÅÅ-MM-DD.")
        elif attr == "justerare":
            p.justerare = [x.strip() for x in text.split(",") if x.strip()]
        else:
            setattr(p, attr, text.strip())
        self._update_enabled()

    def _on_heading_changed(self, item: QTableWidgetItem) -> None:
        p = self.current()
        if self._loading or p is None or item.column() != 1:
            return
        p.paragraphs[item.row()].rubrik = item.text().strip()
        self._update_enabled()

    def _names(self) -> list[str]:
        p = self.current()
        return [a.namn for a in p.attendance if a.namn] if p else []

    def _on_edited(self, message: str) -> None:
        """A correction in närvarande, att-satser or jäv: the § table's counts and the import button follow."""
        p = self.current()
        if p is not None:
            self._loading = True
            try:
                for row, par in enumerate(p.paragraphs):
                    item = self.paragraphs.item(row, 3)
                    if item is not None:
                        item.setText("stryks" if par.struken else str(len(par.att_satser)))
            finally:
                self._loading = False
        left = self.service.problems(self.protocols, corrected=True) if self.protocols else []
        if isinstance(message, Problem):
            self._error(message)
        elif left:
            self._error(f"{message} Kvar att rätta: {left[0]}")
        else:
            self._info(message)
        self._update_enabled()

    def _on_row(self, row: int, *_args) -> None:
        p = self.current()
        if p is None or not 0 <= row < len(p.paragraphs):
            return
        self.detail.show_paragraph(p.paragraphs[row])
        block = self.source.document().findBlockByNumber(max(0, p.paragraphs[row].line - 1))
        cursor = QTextCursor(block)
        self.source.setTextCursor(cursor)
        self.source.centerCursor()

    # --- storing --------------------------------------------------------------------------------------------
    def _update_enabled(self, *_args) -> None:
        ready = self.preview is not None and not self.service.problems(self.protocols, corrected=True)
        if ready and self.preview.unplaced:
            ready = self.accept_box.isChecked()
        self.import_button.setEnabled(ready)
        self.accept_box.setEnabled(bool(self.preview and self.preview.unplaced))

    def on_import(self) -> None:
        problems = self.service.problems(self.protocols, corrected=True)
        if problems:
            self._error("Rätta först: " + " ".join(problems) + " (datum skrivs ÅÅÅÅ-MM-DD)")
            return
        try:
            self.result = self.service.import_protocols(
                self.data,
                self.filename,
                organ=self.organ_combo.currentData(),
                protocols=self.protocols,
                accept_unplaced=self.accept_box.isChecked(),
            )
        except FinsamError as exc:
            self._error(str(exc))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.status.setStyleSheet("color: #a00000;")
        self.status.setText(text)

    def _info(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)
