"""The § editor (layout only): rubrik, type, föredragande, texts, att-satser, bilagor, jäv, omröstning.

The controller (``tab.py``) fills it from an ``AgendaItem`` and wires its signals to the service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.sammantraden.kinds import ItemKind, JavKind

WARN_STYLE = "background:#fff4e0;border:1px solid #e8b860;border-radius:4px;padding:6px;color:#5a3d00;"
OK_STYLE = "color:#1e6b34;"
BAD_STYLE = "color:#b3261e;font-weight:600;"
SECTION_STYLE = "font-size:11pt;font-weight:600;color:#1f3a5f;margin-top:8px;"


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(SECTION_STYLE)
    return label


class AutoTextEdit(QPlainTextEdit):
    """A plain-text box at least ``lines`` high that grows with its text up to ``grow_to`` lines (then
    scrolls). Tab moves on to the next field, as in a form."""

    def __init__(self, lines: int, grow_to: int | None = None, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._low, self._high = lines, max(lines, grow_to or lines + 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args) -> None:
        shown = int(self.document().documentLayout().documentSize().height())
        rows = min(max(shown, self._low), self._high)
        self.setFixedHeight(rows * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 10)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # the wrapping depends on the width

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()


class RubrikEdit(AutoTextEdit):
    """The § rubrik: wraps over up to three lines (long ansökan titles), but is one line of text —
    Return moves on instead of breaking the line. ``text``/``setText`` like a QLineEdit."""

    def __init__(self, parent=None):
        super().__init__(1, 3, parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        self.insertPlainText(" ".join(source.text().split()))

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.setTextCursor(cursor)


def text_box(lines: int, placeholder: str = "", grow_to: int | None = None) -> AutoTextEdit:
    box = AutoTextEdit(lines, grow_to)
    box.setPlaceholderText(placeholder)
    return box


def line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    label.setStyleSheet("color:#444;")
    return label


class ClauseRow(QWidget):
    """One att-sats: text, an uppdrag button and remove."""

    def __init__(self, clause_id: int, text: str, uppdrag_text: str, parent=None):
        super().__init__(parent)
        self.clause_id = clause_id
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = text_box(1, grow_to=6)
        self.edit.setPlainText(text)
        self.edit.setAccessibleName("Att-sats")
        self.uppdrag = QToolButton()
        self.uppdrag.setText("Uppdrag…" if not uppdrag_text else "Uppdrag ✓")
        self.uppdrag.setToolTip(uppdrag_text or "Skapa ett uppdrag (vem, vad, när) från att-satsen")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip("Ta bort att-satsen")
        self.remove.setAccessibleName("Ta bort att-satsen")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.uppdrag, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)


class ClauseList(QWidget):
    """``Styrelsen beslutade`` followed by att-satser; buttons to add one or a standard phrase."""

    add_requested = Signal(object, str)  # part_id (None = the item itself), initial text
    phrase_requested = Signal(object)  # part_id
    remove_requested = Signal(int)  # clause id
    uppdrag_requested = Signal(int)  # clause id

    def __init__(self, part_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.part_id = part_id
        self.rows: list[ClauseRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Styrelsen beslutade")
        self.heading.setStyleSheet("font-weight:600;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer.addWidget(self.heading)
        self.empty = QLabel("Inget beslut (informationsärende).")
        self.empty.setStyleSheet("color:#6b6b6b;font-style:italic;")
        outer.addWidget(self.empty)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        outer.addLayout(self.rows_box)
        buttons = QHBoxLayout()
        self.add = QPushButton("+ Att-sats")
        self.add.setToolTip("Lägg till en att-sats (Ctrl+Retur i en text)")
        self.phrase = QPushButton("Standardfras…")
        self.phrase.setToolTip("Välj en standardfras (Ctrl+Skift+F)")
        buttons.addWidget(self.add)
        buttons.addWidget(self.phrase)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.add.clicked.connect(lambda: self.add_requested.emit(self.part_id, "Att "))
        self.phrase.clicked.connect(lambda: self.phrase_requested.emit(self.part_id))

    def set_clauses(self, clauses, uppdrag_texts: dict[int, str]) -> list[ClauseRow]:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for c in clauses:
            row = ClauseRow(c.id, c.text, uppdrag_texts.get(c.id, ""))
            row.remove.clicked.connect(lambda _=False, cid=c.id: self.remove_requested.emit(cid))
            row.uppdrag.clicked.connect(lambda _=False, cid=c.id: self.uppdrag_requested.emit(cid))
            self.rows_box.addWidget(row)
            if self.isVisible():  # show at once, so focus and Tab reach it without an event round
                row.show()
            self.rows.append(row)
        self.empty.setVisible(not self.rows)
        return self.rows

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)


class PartBox(QFrame):
    """A delpunkt (the seed's Övriga frågor with several decisions): rubrik, text, att-satser."""

    remove_requested = Signal(int)

    def __init__(self, part, parent=None):
        super().__init__(parent)
        self.part_id = part.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.rubrik = line(part.rubrik, "Delpunktens rubrik")
        self.rubrik.setAccessibleName("Delpunktens rubrik")
        self.remove = QToolButton()
        self.remove.setText("Ta bort delpunkt")
        top.addWidget(self.rubrik, 1)
        top.addWidget(self.remove)
        layout.addLayout(top)
        self.text = text_box(2, "Vad som sades")
        self.text.setPlainText(part.text)
        self.text.setAccessibleName("Delpunktens text")
        layout.addWidget(self.text)
        self.clauses = ClauseList(part.id)
        layout.addWidget(self.clauses)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.part_id))


class ItemEditorView(QScrollArea):
    """The right-hand § editor."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("itemEditorBody")
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(14, 8, 14, 14)
        outer.setSpacing(6)

        # --- heading: number + rubrik ----------------------------------------------------------
        head = QHBoxLayout()
        self.number = QLabel("")
        big = QFont()
        big.setPointSize(15)
        big.setBold(True)
        self.number.setFont(big)
        self.number.setMinimumWidth(70)
        self.rubrik = RubrikEdit()
        self.rubrik.setPlaceholderText("Rubrik")
        self.rubrik.setAccessibleName("Rubrik")
        rfont = QFont()
        rfont.setPointSize(13)
        rfont.setBold(True)
        self.rubrik.setFont(rfont)
        head.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.rubrik, 1)
        outer.addLayout(head)
        self.locked_note = QLabel()
        self.locked_note.setWordWrap(True)
        self.locked_note.setStyleSheet(WARN_STYLE)
        self.locked_note.hide()
        outer.addWidget(self.locked_note)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.typ = QComboBox()
        for kind in ItemKind:
            self.typ.addItem(kind.label, kind)
        self.foredragande = line(placeholder="Vem föredrar ärendet")
        self.diarienummer = line(placeholder="Valfritt")
        self.diarienummer.setMaximumWidth(140)
        self.sokande = QComboBox()
        self.sokande.setToolTip("Sökande medlemsorganisation: styr förslagen om jäv")
        self.utgar = QCheckBox("Punkten ut&går")
        self.utgar.setToolTip("Punkten stryks men behåller sitt §-nummer")
        self.utgar_motivering = line(placeholder="Varför punkten utgår")
        self.justeras_omedelbart = QCheckBox("Justeras &omedelbart")
        grid.addWidget(buddy("T&yp", self.typ), 0, 0)
        grid.addWidget(self.typ, 0, 1)
        grid.addWidget(buddy("&Föredragande", self.foredragande), 0, 2)
        grid.addWidget(self.foredragande, 0, 3)
        grid.addWidget(buddy("Diari&enr", self.diarienummer), 0, 4)
        grid.addWidget(self.diarienummer, 0, 5)
        grid.addWidget(buddy("&Sökande", self.sokande), 1, 0)
        grid.addWidget(self.sokande, 1, 1, 1, 3)
        grid.addWidget(self.justeras_omedelbart, 1, 4, 1, 2)
        grid.addWidget(self.utgar, 2, 0, 1, 2)
        grid.addWidget(self.utgar_motivering, 2, 2, 1, 4)
        grid.setColumnStretch(3, 1)
        outer.addLayout(grid)

        # Val av justerare: the choice writes the att-sats ("Att utse NN att jämte ordförande justera …")
        self.justerare_row = QWidget()
        jr = QHBoxLayout(self.justerare_row)
        jr.setContentsMargins(0, 4, 0, 0)
        self.justerare = QComboBox()
        self.justerare.setAccessibleName("Justerare")
        self.justerare.setMinimumWidth(260)
        jr.addWidget(buddy("&Vald justerare", self.justerare))
        jr.addWidget(self.justerare)
        hint = QLabel("Att-satsen skrivs av appen.")
        hint.setStyleSheet("color:#6b6b6b;")
        jr.addWidget(hint)
        jr.addStretch(1)
        self.justerare_row.hide()
        outer.addWidget(self.justerare_row)

        # --- underlag (kallelse), collapsible: after the meeting the protocol matters more ---------------
        self.underlag_toggle = QToolButton()
        self.underlag_toggle.setText("Underlag i kallelsen")
        self.underlag_toggle.setCheckable(True)
        self.underlag_toggle.setChecked(True)
        self.underlag_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.underlag_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.underlag_toggle.setAutoRaise(True)
        self.underlag_toggle.setStyleSheet("QToolButton{" + SECTION_STYLE + "border:none;}")
        self.underlag_toggle.setAccessibleName("Visa eller dölj underlaget i kallelsen")
        outer.addWidget(self.underlag_toggle)
        self.underlag_body = QWidget()
        ub = QVBoxLayout(self.underlag_body)
        ub.setContentsMargins(0, 0, 0, 0)
        self.arendebeskrivning = text_box(2, "Ärendebeskrivning: bakgrund som skickas med kallelsen", grow_to=10)
        self.arendebeskrivning.setAccessibleName("Ärendebeskrivning")
        ub.addWidget(buddy("&Ärendebeskrivning", self.arendebeskrivning))
        ub.addWidget(self.arendebeskrivning)
        fb = QHBoxLayout()
        self.forslag = text_box(2, "Att …", grow_to=8)
        self.forslag.setAccessibleName("Förslag till beslut")
        self.apply_forslag = QPushButton("Gör förslaget till beslut")
        self.apply_forslag.setToolTip("Skapar att-satser av förslaget till beslut")
        ub.addWidget(buddy("Förslag till &beslut", self.forslag))
        fb.addWidget(self.forslag, 1)
        fb.addWidget(self.apply_forslag, 0, Qt.AlignmentFlag.AlignTop)
        ub.addLayout(fb)
        outer.addWidget(self.underlag_body)
        self.underlag_toggle.toggled.connect(self.set_underlag_open)

        # --- bilagor -----------------------------------------------------------------------------------
        brow = QHBoxLayout()
        brow.addWidget(section_label("Bilagor"))
        brow.addStretch(1)
        self.add_file = QPushButton("Lägg till fil…")
        self.link_bilaga = QPushButton("Hänvisa till bilaga…")
        self.unlink_bilaga = QPushButton("Ta bort hänvisning")
        self.open_bilaga = QPushButton("Öppna")
        for b in (self.add_file, self.link_bilaga, self.unlink_bilaga, self.open_bilaga):
            brow.addWidget(b)
        outer.addLayout(brow)
        self.bilagor = QListWidget()
        self.bilagor.setAccessibleName("Bilagor till paragrafen")

        outer.addWidget(self.bilagor)

        # --- protokoll -----------------------------------------------------------------------------------
        outer.addWidget(section_label("I protokollet"))
        self.text = text_box(4, "Vad som redovisades och sades (protokolltext)", grow_to=22)
        self.text.setAccessibleName("Protokolltext")
        outer.addWidget(buddy("&Protokolltext", self.text))
        outer.addWidget(self.text)
        self.clauses = ClauseList(None)
        outer.addWidget(self.clauses)
        self.parts_box = QVBoxLayout()
        outer.addLayout(self.parts_box)
        self.part_boxes: list[PartBox] = []
        prow = QHBoxLayout()
        self.add_part = QPushButton("+ Delpunkt med eget beslut")
        self.add_part.setToolTip("För Övriga frågor och liknande: flera rubriker med egna beslut i samma §")
        prow.addWidget(self.add_part)
        prow.addStretch(1)
        outer.addLayout(prow)

        # --- jäv, beslutförhet, omröstning, reservation: collapsible, opened when the § has any of it ------
        mrow = QHBoxLayout()
        self.more_toggle = QToolButton()
        self.more_toggle.setText("Jäv och beslutförhet, omröstning, reservation")
        self.more_toggle.setCheckable(True)
        self.more_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_toggle.setAutoRaise(True)
        self.more_toggle.setStyleSheet("QToolButton{" + SECTION_STYLE + "border:none;}")
        self.more_summary = QLabel()
        self.more_summary.setStyleSheet("color:#555;")
        mrow.addWidget(self.more_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        mrow.addWidget(self.more_summary, 1, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(mrow)
        self.more_body = QWidget()
        mb = QVBoxLayout(self.more_body)
        mb.setContentsMargins(0, 0, 0, 0)
        self.jav_warning = QLabel()
        self.jav_warning.setWordWrap(True)
        self.jav_warning.setStyleSheet(WARN_STYLE)
        mb.addWidget(self.jav_warning)
        self.jav_proposals = QLabel()
        self.jav_proposals.setWordWrap(True)
        self.apply_jav = QPushButton("För in föreslagna jävsanteckningar")
        jp = QHBoxLayout()
        jp.addWidget(self.jav_proposals, 1)
        jp.addWidget(self.apply_jav, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        mb.addLayout(jp)
        self.jav_list = QListWidget()
        self.jav_list.setAccessibleName("Jävsanteckningar")
        mb.addWidget(self.jav_list)
        jrow = QHBoxLayout()
        self.jav_person = QComboBox()
        self.jav_person.setAccessibleName("Person för jävsanteckning")
        self.jav_kind = QComboBox()
        for kind in JavKind:
            self.jav_kind.addItem(kind.phrase, kind)
        self.add_jav = QPushButton("Lägg till jäv")
        self.remove_jav = QPushButton("Ta bort markerad")
        jrow.addWidget(self.jav_person, 1)
        jrow.addWidget(self.jav_kind, 1)
        jrow.addWidget(self.add_jav)
        jrow.addWidget(self.remove_jav)
        mb.addLayout(jrow)
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        mb.addWidget(self.quorum)

        # --- omröstning / reservation ----------------------------------------------------------------------
        mb.addWidget(section_label("Omröstning och reservation"))
        vrow = QHBoxLayout()
        self.vote_summary = QLabel("Ingen omröstning.")
        self.vote_summary.setWordWrap(True)
        self.vote = QPushButton("Omröstning…")
        self.clear_vote = QPushButton("Ta bort omröstning")
        vrow.addWidget(self.vote_summary, 1)
        vrow.addWidget(self.vote)
        vrow.addWidget(self.clear_vote)
        mb.addLayout(vrow)
        self.reservations = QListWidget()
        self.reservations.setAccessibleName("Reservationer")
        mb.addWidget(self.reservations)
        rrow = QHBoxLayout()
        self.res_person = QComboBox()
        self.res_person.setAccessibleName("Person som reserverar sig")
        self.res_motivering = line(placeholder="Motivering (valfri)")
        self.add_res = QPushButton("Reservera")
        self.remove_res = QPushButton("Ta bort markerad")
        rrow.addWidget(self.res_person, 1)
        rrow.addWidget(self.res_motivering, 2)
        rrow.addWidget(self.add_res)
        rrow.addWidget(self.remove_res)
        mb.addLayout(rrow)
        outer.addWidget(self.more_body)
        self.more_toggle.toggled.connect(self.set_more_open)
        self.set_more_open(False)
        outer.addStretch(1)

        self.phrase_shortcut = QShortcut(QKeySequence("Ctrl+Shift+F"), self)
        self.phrase_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_underlag_open(self, on: bool) -> None:
        self.underlag_toggle.blockSignals(True)
        self.underlag_toggle.setChecked(on)
        self.underlag_toggle.blockSignals(False)
        self.underlag_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.underlag_body.setVisible(on)

    def set_more_open(self, on: bool) -> None:
        self.more_toggle.blockSignals(True)
        self.more_toggle.setChecked(on)
        self.more_toggle.blockSignals(False)
        self.more_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.more_body.setVisible(on)
        self.more_summary.setVisible(not on)

    def set_parts(self, parts) -> list[PartBox]:
        for box in self.part_boxes:
            box.setParent(None)
            box.deleteLater()
        self.part_boxes = []
        for part in parts:
            box = PartBox(part)
            self.parts_box.addWidget(box)
            if self.isVisible():
                box.show()
            self.part_boxes.append(box)
        return self.part_boxes

    def editing_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = [
            self.rubrik,
            self.justerare,
            self.typ,
            self.foredragande,
            self.diarienummer,
            self.sokande,
            self.utgar,
            self.utgar_motivering,
            self.justeras_omedelbart,
            self.arendebeskrivning,
            self.forslag,
            self.apply_forslag,
            self.add_file,
            self.link_bilaga,
            self.unlink_bilaga,
            self.text,
            self.clauses.add,
            self.clauses.phrase,
            self.add_part,
            self.apply_jav,
            self.jav_person,
            self.jav_kind,
            self.add_jav,
            self.remove_jav,
            self.vote,
            self.clear_vote,
            self.res_person,
            self.res_motivering,
            self.add_res,
            self.remove_res,
        ]
        for row in self.clauses.rows:
            widgets += [row.edit, row.uppdrag, row.remove]
        for box in self.part_boxes:
            widgets += [box.rubrik, box.text, box.remove, box.clauses.add, box.clauses.phrase]
            for row in box.clauses.rows:
                widgets += [row.edit, row.uppdrag, row.remove]
        return widgets

    def set_editable(self, editable: bool, reason: str = "") -> None:
        """Read-only: texts stay selectable, buttons that only edit are hidden (no clutter)."""
        conditional = {self.apply_jav, self.remove_jav, self.clear_vote, self.remove_res}  # shown by content
        for w in self.editing_widgets():
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(not editable)
            elif isinstance(w, (QPushButton, QToolButton)):
                w.setEnabled(editable)
                if not editable:
                    w.setVisible(False)
                elif w not in conditional:
                    w.setVisible(True)
            else:
                w.setEnabled(editable)
        for w in (self.jav_person, self.jav_kind, self.res_person, self.res_motivering):
            w.setVisible(editable)
        self.locked_note.setText(reason)
        self.locked_note.setVisible(bool(reason))


def fit_height(lw: QListWidget, max_rows: int = 6) -> None:
    """Make a short list exactly as high as its rows (up to ``max_rows``)."""
    rows = max(1, min(lw.count(), max_rows))
    row_h = lw.sizeHintForRow(0) if lw.count() else lw.fontMetrics().height() + 4
    lw.setFixedHeight(rows * row_h + 2 * lw.frameWidth() + 2)


def list_item(text: str, data) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, data)
    return item
