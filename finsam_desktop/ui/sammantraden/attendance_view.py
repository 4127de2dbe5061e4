"""The attendance pane (layout only): the protocol's four lists, the selected person, beslutförhet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.sammantraden.kinds import AttendanceRole
from finsam_desktop.ui.sammantraden.editor_widgets import SECTION_STYLE, WARN_STYLE
from finsam_desktop.ui.sammantraden.models import attendance_model

QUORUM_OK = "background:#e6f4ea;border:1px solid #8cc59b;border-radius:4px;padding:6px;color:#1e4d2b;"


class AttendanceView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        outer.addWidget(self.quorum)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        scroll.setWidget(holder)
        lists = QVBoxLayout(holder)
        lists.setContentsMargins(0, 0, 6, 0)
        body.addWidget(scroll, 3)
        self.models = {}
        self.tables: dict[AttendanceRole, QTableView] = {}
        self.headings: dict[AttendanceRole, QLabel] = {}
        for roll in AttendanceRole:
            heading = QLabel(roll.label)
            heading.setStyleSheet(SECTION_STYLE)
            lists.addWidget(heading)
            model = attendance_model(self)
            table = QTableView()
            table.setModel(model)
            table.setAccessibleName(roll.label)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.setAlternatingRowColors(True)
            table.setTabKeyNavigation(False)
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            heading.setBuddy(table)
            self.models[roll] = model
            self.tables[roll] = table
            self.headings[roll] = heading
            lists.addWidget(table)
        lists.addStretch(1)

        self.side = QWidget()
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.side, 2)
        officers = QGroupBox("Ordförande, sekreterare och justerare")
        oform = QFormLayout(officers)
        self.ordforande = QComboBox()
        self.sekreterare = QComboBox()
        self.justerare = QComboBox()
        self.justerare2 = QComboBox()
        oform.addRow("Ordf&örande", self.ordforande)
        oform.addRow("Sekreterare", self.sekreterare)
        oform.addRow("Justerare", self.justerare)
        oform.addRow("Andra justerare", self.justerare2)
        side.addWidget(officers)
        self.prefill = QPushButton("&Fyll i från mandaten")
        self.prefill.setToolTip("Lägger till ledamöter och ersättare med mandat på sammanträdesdagen som saknas")
        side.addWidget(self.prefill)

        self.selected_box = QGroupBox("Vald person")
        form = QFormLayout(self.selected_box)
        self.sel_name = QLabel("–")
        self.sel_name.setStyleSheet("font-weight:600;")
        self.sel_roll = QComboBox()
        for roll in AttendanceRole:
            self.sel_roll.addItem(roll.short, roll)
        self.sel_present = QCheckBox("När&varande")
        self.sel_org = QLineEdit()
        self.sel_org.setPlaceholderText("Organisation eller roll, t.ex. Förtroendevald revisor")
        self.sel_replaces = QComboBox()
        self.sel_from = QComboBox()
        self.sel_to = QComboBox()
        self.sel_up = QPushButton("Fl&ytta upp")
        self.sel_down = QPushButton("Flytta n&er")
        self.sel_remove = QPushButton("Ta b&ort ur närvarolistan")
        form.addRow("Namn", self.sel_name)
        form.addRow("Lista", self.sel_roll)
        form.addRow("", self.sel_present)
        form.addRow("Organisation/roll", self.sel_org)
        form.addRow("Ersätter", self.sel_replaces)
        form.addRow("Närvarande från", self.sel_from)
        form.addRow("till och med", self.sel_to)
        moves = QHBoxLayout()
        moves.addWidget(self.sel_up)
        moves.addWidget(self.sel_down)
        form.addRow("", moves)
        form.addRow("", self.sel_remove)
        side.addWidget(self.selected_box)

        add_box = QGroupBox("Lägg till närvarande")
        aform = QFormLayout(add_box)
        self.add_person = QComboBox()
        self.add_person.setEditable(True)
        self.add_person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_person.lineEdit().setPlaceholderText("Välj eller skriv ett namn")
        self.add_roll = QComboBox()
        for roll in AttendanceRole:
            self.add_roll.addItem(roll.short, roll)
        self.add_roll.setCurrentIndex(self.add_roll.findData(AttendanceRole.OVRIG))
        self.add_org = QLineEdit()
        self.add_org.setPlaceholderText("Organisation eller roll")
        self.add_button = QPushButton("&Lägg till")
        aform.addRow("Person", self.add_person)
        aform.addRow("Lista", self.add_roll)
        aform.addRow("Organisation/roll", self.add_org)
        aform.addRow("", self.add_button)
        side.addWidget(add_box)
        side.addStretch(1)

    def set_quorum(self, result) -> None:
        if result is None:
            self.quorum.setText("")
            return
        self.quorum.setText(("✔ " if result.beslutfor else "⚠ ") + result.message)
        self.quorum.setStyleSheet(QUORUM_OK if result.beslutfor else WARN_STYLE)

    def fit_tables(self) -> None:
        """Each list exactly as high as its rows, so the four lists read like the protocol."""
        for roll, table in self.tables.items():
            rows = self.models[roll].rowCount()
            height = table.horizontalHeader().height() + max(rows, 1) * table.verticalHeader().defaultSectionSize()
            table.setFixedHeight(height + 2 * table.frameWidth() + 2)

    def editing_widgets(self) -> list[QWidget]:
        return [
            self.ordforande,
            self.sekreterare,
            self.justerare,
            self.justerare2,
            self.prefill,
            self.sel_roll,
            self.sel_present,
            self.sel_org,
            self.sel_replaces,
            self.sel_from,
            self.sel_to,
            self.sel_up,
            self.sel_down,
            self.sel_remove,
            self.add_person,
            self.add_roll,
            self.add_org,
            self.add_button,
        ]

    def set_editable(self, editable: bool) -> None:
        for w in self.editing_widgets():
            w.setEnabled(editable)
        self.side.setVisible(editable)
