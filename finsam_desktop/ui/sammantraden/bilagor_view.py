"""The Bilagor page: the meeting's bilagor (numbered in order of first reference) with open, rename, remove."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.ui.sammantraden import models as m
from finsam_desktop.ui.sammantraden.view_helpers import make_table


class BilagorView(QWidget):
    """Widgets only; ``BilagaController`` answers the buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        bv = QVBoxLayout(self)
        bv.setContentsMargins(0, 6, 0, 0)
        note = QLabel(
            "Bilagorna numreras automatiskt per sammanträde i den ordning de först hänvisas till. "
            "En bilaga som flera paragrafer hänvisar till behåller sitt nummer."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#444;")
        bv.addWidget(note)
        self.bilaga_model = m.bilaga_model(self)
        self.bilagor = make_table(self.bilaga_model, stretch_column=1)
        self.bilagor.setAccessibleName("Bilagor")
        bv.addWidget(self.bilagor, 1)
        bb = QHBoxLayout()
        self.bilaga_open = QPushButton("&Öppna")
        self.bilaga_rename = QPushButton("B&yt titel…")
        self.bilaga_remove = QPushButton("Ta b&ort…")
        for w in (self.bilaga_open, self.bilaga_rename, self.bilaga_remove):
            bb.addWidget(w)
        bb.addStretch(1)
        bv.addLayout(bb)
