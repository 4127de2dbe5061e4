"""The Dagordning och protokoll page: the § list with its buttons on the left, the § editor on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.ui.sammantraden.item_editor import ItemEditorView
from finsam_desktop.ui.sammantraden.paragraph_model import ParagraphListModel
from finsam_desktop.ui.sammantraden.view_helpers import make_table
from finsam_desktop.ui.widgets.splitter_state import remember_splitter


class AgendaView(QWidget):
    """Widgets only; ``ItemPresenter`` fills them, ``AgendaController`` and ``ClauseController`` answer them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        av = QHBoxLayout(self)
        av.setContentsMargins(0, 6, 0, 0)
        self.agenda_split = QSplitter(Qt.Orientation.Horizontal)
        av.addWidget(self.agenda_split)
        listpane = QWidget()
        lv = QVBoxLayout(listpane)
        lv.setContentsMargins(0, 0, 0, 0)
        self.para_model = ParagraphListModel(self)
        self.paragraphs = make_table(self.para_model, stretch_column=1)
        self.paragraphs.setAccessibleName("Paragrafer")
        self.paragraphs.setDragEnabled(True)
        self.paragraphs.setAcceptDrops(True)
        self.paragraphs.setDropIndicatorShown(True)
        self.paragraphs.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.paragraphs.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.paragraphs.setDragDropOverwriteMode(False)
        self.paragraphs.setAlternatingRowColors(False)
        self.from_template = QPushButton("Skapa dagordning &från mall")
        self.from_template.hide()
        lv.addWidget(self.from_template)
        lv.addWidget(self.paragraphs, 1)
        pb = QHBoxLayout()
        self.add_item = QPushButton("+ N&y §")
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
        self.agenda_split.setSizes([260, 760])
        remember_splitter(self.agenda_split, "sammantraden/agenda")
