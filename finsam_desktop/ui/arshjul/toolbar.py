"""The bar above the Årshjul tab's views: year, start month, the editing buttons, the export menu and
the Standardår menu. It only builds widgets and says what was asked for; the controllers act."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QPushButton, QSpinBox, QToolButton, QWidget

from finsam_desktop.domain.arshjul.wheel import MONTH_NAMES
from finsam_desktop.ui.widgets.flow_layout import FlowLayout

EXPORTS = (
    ("&Kalender för Outlook (.ics)…", "ics", ""),
    ("Affisch PDF, A&3 liggande…", "pdf", "A3"),
    ("Affisch PDF, A&4 liggande…", "pdf", "A4"),
    ("&Excel-lista…", "xlsx", ""),
)


class ArshjulToolbar(QWidget):
    export_requested = Signal(str, str)  # format, paper size

    def __init__(self, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        # A flow: on a narrow window the buttons go on to a second row instead of widening the window.
        bar = FlowLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        year_label = QLabel("&År")
        bar.addWidget(year_label)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName("År")
        year_label.setBuddy(self.year)
        bar.addWidget(self.year)
        month_label = QLabel("Hjulet &börjar i")
        bar.addWidget(month_label)
        self.start_month = QComboBox()
        for i, name in enumerate(MONTH_NAMES, start=1):
            self.start_month.addItem(name.lower(), i)
        self.start_month.setAccessibleName("Månad som hjulet börjar i")
        month_label.setBuddy(self.start_month)
        bar.addWidget(self.start_month)
        self.new_button = QPushButton("&Ny händelse…")
        self.create_button = QPushButton("&Skapa årshjul…")
        self.plan_button = QPushButton("Sammanträdes&plan…")
        self.done_button = QPushButton("&Markera passerade som klara")
        for button in (self.new_button, self.create_button, self.plan_button, self.done_button):
            bar.addWidget(button)
        bar.addStretch()
        self.export_button = QToolButton()
        self.export_button.setText("&Exportera")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for text, fmt, size in EXPORTS:
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, f=fmt, s=size: self.export_requested.emit(f, s))
            menu.addAction(action)
        self.export_button.setMenu(menu)
        bar.addWidget(self.export_button)
        self.template_button = QToolButton()
        self.template_button.setText("S&tandardår")
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tmenu = QMenu(self.template_button)
        self.delars_action = QAction("&Förbundsordningen kräver delårsrapport", tmenu)
        self.delars_action.setCheckable(True)
        self.delars_action.setToolTip("Tar med delårsrapporten när ett nytt årshjul skapas från standardåret.")
        tmenu.addAction(self.delars_action)
        tmenu.addSeparator()
        self.export_template_action = tmenu.addAction("&Spara standardåret som fil…")
        self.import_template_action = tmenu.addAction("&Läs in standardår från fil…")
        self.reset_template_action = tmenu.addAction("&Återställ programmets standardår")
        tmenu.addSeparator()
        self.categories_action = tmenu.addAction("&Ringar och färger…")
        self.import_list_action = tmenu.addAction("&Importera händelser från lista (datum;organ;typ;beskrivning)…")
        self.template_button.setMenu(tmenu)
        bar.addWidget(self.template_button)

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.new_button, self.create_button, self.plan_button, self.done_button, self.template_button):
            w.setEnabled(not read_only)

    def show_year(self, year: int, start_month: int, has_events: bool, delarsrapport: bool) -> None:
        """Reflect the year's state without firing the change signals."""
        self.start_month.blockSignals(True)
        self.start_month.setCurrentIndex(start_month - 1)
        self.start_month.blockSignals(False)
        self.delars_action.blockSignals(True)
        self.delars_action.setChecked(delarsrapport)
        self.delars_action.blockSignals(False)
        self.create_button.setText(f"&Skapa årshjul för {year}…" if not has_events else "&Skapa årshjul…")
        self.plan_button.setText(f"Sammanträdes&plan {year}…")
