"""The top bar (year, status, new meeting, Mer-menu, search) and the left pane: the meetings of a year, or the
search results in their place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.sammantraden.kinds import MeetingStatus
from finsam_desktop.ui.sammantraden import models as m
from finsam_desktop.ui.sammantraden.hit_delegate import HitDelegate
from finsam_desktop.ui.sammantraden.view_helpers import make_table, sort_proxy


class TopBar(QWidget):
    """Year and status filters, "Nytt sammanträde…", the Mer-menu and the search field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
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
        self.search.setMinimumWidth(180)
        bar.addWidget(year_label)
        bar.addWidget(self.year)
        bar.addSpacing(8)
        bar.addWidget(status_label)
        bar.addWidget(self.status_filter)
        bar.addSpacing(8)
        bar.addWidget(self.new_meeting)
        bar.addStretch(1)
        self.more = QToolButton()
        self.more.setText("&Mer")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.act_phrases = self.more_menu.addAction("&Standardfraser…")
        self.act_series = self.more_menu.addAction("&Första §-nummer för året…")
        self.more_menu.addSeparator()
        self.act_keys = self.more_menu.addAction("&Kortkommandon")
        self.more.setMenu(self.more_menu)
        bar.addWidget(self.more)
        bar.addWidget(self.search)


class MeetingListPane(QStackedWidget):
    """Page 0: the meetings (sortable table); page 1: the search hits with a way back."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.meeting_model = m.meeting_model(self)
        self.meeting_proxy = sort_proxy(self.meeting_model, self)
        self.meetings = make_table(self.meeting_proxy, stretch_column=1)
        self.meetings.setAccessibleName("Sammanträden")
        self.meetings.setSortingEnabled(True)
        self.meetings.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.addWidget(self.meetings)

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
        self.addWidget(results)
        self.setMinimumWidth(220)
