"""The Öppna uppdrag page: the board's open uppdrag over all meetings, with edit, done and go-to-§."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.ui.sammantraden import models as m
from finsam_desktop.ui.sammantraden.view_helpers import make_table, sort_proxy
from finsam_desktop.ui.widgets.keys import list_action


class UppdragView(QWidget):
    """Widgets only; ``UppdragController`` fills them and answers the buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        uv = QVBoxLayout(self)
        uv.setContentsMargins(0, 6, 0, 0)
        self.uppdrag_label = QLabel("Öppna uppdrag från styrelsen (alla sammanträden)")
        self.uppdrag_label.setStyleSheet("font-weight:600;")
        uv.addWidget(self.uppdrag_label)
        self.uppdrag_model = m.uppdrag_model(self)
        self.uppdrag_proxy = sort_proxy(self.uppdrag_model, self)
        self.uppdrag = make_table(self.uppdrag_proxy, stretch_column=0)
        self.uppdrag.setAccessibleName("Öppna uppdrag")
        self.uppdrag.setSortingEnabled(True)
        self.uppdrag.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        uv.addWidget(self.uppdrag, 1)
        ub = QHBoxLayout()
        self.uppdrag_edit = QPushButton("Ändra…")
        self.uppdrag_done = QPushButton("Mark&era klart")
        self.uppdrag_goto = QPushButton("Gå ti&ll §")
        list_action(self.uppdrag, self.uppdrag_edit, "Return")
        for w in (self.uppdrag_edit, self.uppdrag_done, self.uppdrag_goto):
            ub.addWidget(w)
        ub.addStretch(1)
        uv.addLayout(ub)
