"""The § editor (layout only): rubrik, type, föredragande, texts, att-satser, bilagor, jäv, omröstning.

``ItemPresenter`` fills it from an ``AgendaItem``; the controllers (``agenda_controller``, ``clause_controller``,
``decision_controller``, ``bilaga_controller``) answer its signals. Its building blocks are in ``editor_widgets``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.sammantraden.kinds import ItemKind, JavKind
from finsam_desktop.ui.sammantraden.editor_widgets import (
    SECTION_STYLE,
    WARN_STYLE,
    ClauseList,
    PartBox,
    RubrikEdit,
    buddy,
    line,
    section_label,
    text_box,
)
from finsam_desktop.ui.widgets.flow_layout import FlowLayout
from finsam_desktop.ui.widgets.keys import share_action


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
        self.utgar = QCheckBox("Punkten utgår")
        self.utgar.setToolTip("Punkten stryks men behåller sitt §-nummer")
        self.utgar_motivering = line(placeholder="Varför punkten utgår")
        self.utgar_motivering.setAccessibleName("Motivering till att punkten utgår")
        self.justeras_omedelbart = QCheckBox("Justeras &omedelbart")
        # Two fields a row at most, so the editor fits a laptop-wide window without scrolling sideways.
        grid.addWidget(buddy("Typ", self.typ), 0, 0)
        grid.addWidget(self.typ, 0, 1)
        grid.addWidget(buddy("Diarienr", self.diarienummer), 0, 2)
        grid.addWidget(self.diarienummer, 0, 3)
        grid.addWidget(buddy("Föredragande", self.foredragande), 1, 0)
        grid.addWidget(self.foredragande, 1, 1, 1, 3)
        grid.addWidget(buddy("Sökande", self.sokande), 2, 0)
        grid.addWidget(self.sokande, 2, 1, 1, 3)
        grid.addWidget(self.justeras_omedelbart, 3, 0, 1, 4)
        grid.addWidget(self.utgar, 4, 0, 1, 2)
        grid.addWidget(self.utgar_motivering, 4, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        outer.addLayout(grid)

        # Val av justerare: the choice writes the att-sats ("Att utse NN att jämte ordförande justera …")
        self.justerare_row = QWidget()
        jr = QHBoxLayout(self.justerare_row)
        jr.setContentsMargins(0, 4, 0, 0)
        self.justerare = QComboBox()
        self.justerare.setAccessibleName("Justerare")
        self.justerare.setMinimumWidth(180)
        jr.addWidget(buddy("&Vald justerare", self.justerare))
        jr.addWidget(self.justerare)
        hint = QLabel("Att-satsen skrivs av appen.")
        hint.setStyleSheet("color:#6b6b6b;")
        hint.setWordWrap(True)
        jr.addWidget(hint)
        jr.addStretch(1)
        self.justerare_row.hide()
        outer.addWidget(self.justerare_row)

        # --- underlag (kallelse), collapsible: after the meeting the protocol matters more ---------------
        self.underlag_toggle = QToolButton()
        self.underlag_toggle.setText("Und&erlag i kallelsen")
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
        ub.addWidget(buddy("Ärendebeskrivning", self.arendebeskrivning))
        ub.addWidget(self.arendebeskrivning)
        fb = QHBoxLayout()
        self.forslag = text_box(2, "Att …", grow_to=8)
        self.forslag.setAccessibleName("Förslag till beslut")
        self.apply_forslag = QPushButton("Gör f&örslaget till beslut")
        self.apply_forslag.setToolTip("Skapar att-satser av förslaget till beslut")
        ub.addWidget(buddy("Förslag till beslut", self.forslag))
        ub.addWidget(self.forslag)
        fb.addStretch(1)
        fb.addWidget(self.apply_forslag)
        ub.addLayout(fb)
        outer.addWidget(self.underlag_body)
        self.underlag_toggle.toggled.connect(self.set_underlag_open)

        # --- bilagor -----------------------------------------------------------------------------------
        brow = FlowLayout()
        brow.addWidget(section_label("Bilagor"))
        brow.addStretch()
        self.add_file = QPushButton("&Lägg till fil…")
        self.link_bilaga = QPushButton("Hän&visa till bilaga…")
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
        outer.addWidget(buddy("Protokollte&xt", self.text))
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
        # Short enough for a laptop-wide editor; the name and tooltip say all that is inside.
        self.more_toggle.setText("Jäv o&ch beslutförhet m.m.")
        self.more_toggle.setToolTip("Jäv och beslutförhet, omröstning, reservation")
        self.more_toggle.setAccessibleName("Jäv och beslutförhet, omröstning, reservation")
        self.more_toggle.setCheckable(True)
        self.more_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_toggle.setAutoRaise(True)
        self.more_toggle.setStyleSheet("QToolButton{" + SECTION_STYLE + "border:none;}")
        self.more_summary = QLabel()
        self.more_summary.setStyleSheet("color:#555;")
        self.more_summary.setWordWrap(True)
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
        self.jav_kind.setAccessibleName("Typ av jävsanteckning")
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
        self.res_motivering.setAccessibleName("Motivering till reservationen (valfri)")
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

        self.phrase_action = QAction("Standardfras", self)
        self.phrase_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.phrase_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.phrase_action)
        share_action(self.clauses.phrase, self.phrase_action)
        #: the tab's "Ny att-sats" (Ctrl+Retur), set by ``actions.build_actions``; a delpunkt's button shares it
        self.add_clause_action: QAction | None = None

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
            share_action(box.clauses.phrase, self.phrase_action)
            if self.add_clause_action is not None:
                share_action(box.clauses.add, self.add_clause_action)
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
