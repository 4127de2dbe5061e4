"""The head of the selected meeting: title, status chip, subtitle, the status actions and exports, the banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from finsam_desktop.ui.sammantraden.editor_widgets import WARN_STYLE
from finsam_desktop.ui.widgets.flow_layout import FlowLayout

HEADER_STYLE = "font-size:15pt;font-weight:600;color:#1f3a5f;"


class MeetingHeaderView(QWidget):
    """Widgets only; ``MeetingLoader`` fills them and ``MeetingController`` answers the buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        rv = QVBoxLayout(self)
        rv.setContentsMargins(0, 0, 0, 0)
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

        self.subtitle.setWordWrap(True)
        self.title.setWordWrap(True)
        # A flow: on a narrow window the buttons take a second row instead of widening the window.
        actions = FlowLayout()
        self.next_step = QPushButton()
        self.next_step.setStyleSheet("font-weight:600;")
        self.status_menu_button = QToolButton()
        self.status_menu_button.setText("&Ändra status")
        self.status_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_menu_button.setMenu(self.status_menu)
        self.edit_meeting = QPushButton("Ändra upp&gifter…")
        self.delete_meeting = QPushButton("Ta &bort…")
        self.export_kallelse = QPushButton("&Kallelse (PDF)")
        self.export_protocol = QPushButton("&Protokollutkast (PDF)")
        self.send_kallelse = QPushButton("Skicka kallelse…")
        self.send_kallelse.setAccessibleName("Skicka kallelse med e-post")
        # Every letter of the page is taken: a key of its own (K for kallelse).
        self.send_kallelse.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.send_kallelse.setToolTip(
            "Ett e-postmeddelande till de kallade med kallelsen, handlingarna och en kalenderinbjudan, "
            "som öppnas i ditt e-postprogram (Ctrl+Skift+K)"
        )
        for w in (self.next_step, self.status_menu_button, self.edit_meeting, self.delete_meeting):
            actions.addWidget(w)
        actions.addStretch()
        actions.addWidget(self.export_kallelse)
        actions.addWidget(self.send_kallelse)
        actions.addWidget(self.export_protocol)
        rv.addLayout(actions)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(WARN_STYLE)
        self.banner.hide()
        rv.addWidget(self.banner)
