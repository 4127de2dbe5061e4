"""The tables of the protocol import wizard where the user corrects what was recognised: närvarande (roll, name,
organisation or role, partial §), the att-satser of the chosen § and its jäv notes. Each edits the parsed objects
in place (``ParsedAttendee``, ``ParsedParagraph.parts``/``.jav``), so what the tables show is what is imported.
Keyboard: F2 or typing edits a cell, Insert adds a row, Delete removes the chosen row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.sammantraden.protocol_attendance import ParsedAttendee
from finsam_desktop.domain.sammantraden.protocol_parser import ParsedParagraph
from finsam_desktop.ui.widgets.keys import list_action

ROLL_LABELS = {
    "ordinarie": "Ledamot",
    "tjanstgorande": "Tjänstgörande ersättare",
    "ersattare": "Ersättare",
    "ovrig": "Övrig",
}
JAV_LABELS = {
    "deltog inte i beslutet": "Deltog inte i beslutet",
    "deltog inte i diskussionen": "Deltog inte i diskussionen",
    "anmälde jäv": "Anmälde jäv",
}
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class Problem(str):
    """A message about an edit that must be corrected before importing (shown as an error)."""


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell by choosing from ``choices`` (value → text), or by typing when ``editable``; the value is
    kept under ``VALUE_ROLE``."""

    def __init__(self, choices: Callable[[], dict[str, str]], name: str, parent: QWidget, editable: bool = False):
        super().__init__(parent)
        self.choices, self.name, self.editable = choices, name, editable

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.setAccessibleName(self.name)
        box.setEditable(self.editable)
        for value, text in self.choices().items():
            box.addItem(text, value)
        return box

    def setEditorData(self, editor, index):
        found = editor.findData(index.data(VALUE_ROLE))
        if found >= 0:
            editor.setCurrentIndex(found)
        elif self.editable:
            editor.setEditText(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def setModelData(self, editor, model, index):
        text = editor.currentText().strip()
        value = editor.currentData() if editor.findText(text) >= 0 else text
        model.setData(index, value, VALUE_ROLE)
        model.setData(index, text, Qt.ItemDataRole.DisplayRole)


class TableEditor(QWidget):
    """A table with "Lägg till" and "Ta bort" beside it; subclasses fill it and write edits back."""

    def __init__(self, name: str, headers: list[str], add: str, remove: str, on_change: Callable[[str], None]):
        super().__init__()
        self.on_change = on_change
        self.loading = False
        self.stretch: int | None = None  # the column that takes the free width (default: the last)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(name)
        self.table.setAccessibleDescription("F2 ändrar cellen, Insert lägger till en rad, Delete tar bort raden.")
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.itemChanged.connect(self._changed)
        self.add_button = QPushButton(add)
        self.add_button.setAccessibleName(add.replace("&", "").replace("…", ""))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(remove)
        self.remove_button.setAccessibleName(remove.replace("&", ""))
        self.remove_button.clicked.connect(self.remove_row)
        list_action(self.table, self.add_button, "Insert")
        list_action(self.table, self.remove_button, "Delete")
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[list[tuple[str, object]]], editable: set[int]) -> None:
        """Each row: (text, value) per column; ``editable`` columns can be changed."""
        self.loading = True
        try:
            self.table.setRowCount(0)
            for cells in rows:
                row = self.table.rowCount()
                self.table.insertRow(row)
                for col, (text, value) in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(VALUE_ROLE, value)
                    if col not in editable:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, col, item)
            header = self.table.horizontalHeader()
            for col in range(self.table.columnCount()):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            if self.stretch is None:
                header.setStretchLastSection(True)
            else:
                header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        finally:
            self.loading = False
        self.update_enabled()

    def update_enabled(self) -> None:
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def _changed(self, item: QTableWidgetItem) -> None:
        if self.loading:
            return
        value = item.data(VALUE_ROLE)
        text = item.text().strip()
        message = self.write(item.row(), item.column(), text, value)
        self.on_change(message)

    def edit_new_row(self, row: int, column: int) -> None:
        self.table.setCurrentCell(row, column)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, column))

    def selected_row(self) -> int:
        row = self.table.currentRow()
        return row if 0 <= row < self.table.rowCount() else -1

    # subclasses
    def write(self, row: int, col: int, text: str, value) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def add_row(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def remove_row(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def _paragraph_text(value: int | None) -> str:
    return "" if value is None else str(value)


class AttendanceEditor(TableEditor):
    """Närvarande of the chosen meeting: Roll (a choice), Namn, Organisation/roll, Från §, Till §."""

    def __init__(self, on_change: Callable[[str], None]):
        super().__init__(
            "Närvarande",
            ["Roll", "Namn", "Organisation eller roll", "Från §", "Till §"],
            "Lägg &till närvarande",
            "T&a bort närvarande",
            on_change,
        )
        self.people: list[ParsedAttendee] = []
        self.stretch = 2
        self.table.setItemDelegateForColumn(0, ChoiceDelegate(lambda: ROLL_LABELS, "Roll", self.table))

    def show_people(self, people: list[ParsedAttendee] | None) -> None:
        self.people = people if people is not None else []
        self.add_button.setEnabled(people is not None)
        rows = [
            [
                (ROLL_LABELS[a.roll], a.roll),
                (a.namn, None),
                (a.organisation, None),
                (_paragraph_text(a.from_paragraph), None),
                (_paragraph_text(a.to_paragraph), None),
            ]
            for a in self.people
        ]
        self.set_rows(rows, {0, 1, 2, 3, 4})

    def write(self, row: int, col: int, text: str, value) -> str:
        a = self.people[row]
        if col == 0:
            a.roll = value if value in ROLL_LABELS else a.roll
            return f"{a.namn or 'Raden'}: {ROLL_LABELS[a.roll].lower()}."
        if col == 1:
            a.namn = " ".join(text.split())
            return f"Närvarande: {a.namn}." if a.namn else Problem("Namnet saknas; skriv ett namn eller ta bort raden.")
        if col == 2:
            a.organisation = text
            return f"{a.namn}: {text or 'ingen organisation'}."
        if not text:
            number = None
        elif text.isdigit():
            number = int(text)
        else:
            return Problem(f"”{text}” är inget paragrafnummer; skriv en siffra, t.ex. 124, eller lämna tomt.")
        if col == 3:
            a.from_paragraph = number
            if a.to_paragraph is None and number is not None:
                a.to_paragraph = number
                self._set_text(row, 4, str(number))
        else:
            a.to_paragraph = number
        span = f"§ {a.from_paragraph}–{a.to_paragraph}" if a.from_paragraph else "hela sammanträdet"
        return f"{a.namn}: närvarande {span}."

    def _set_text(self, row: int, col: int, text: str) -> None:
        self.loading = True
        try:
            self.table.item(row, col).setText(text)
        finally:
            self.loading = False

    def add_row(self) -> None:
        row = self.selected_row()
        roll = self.people[row].roll if row >= 0 else "ordinarie"
        self.people.append(ParsedAttendee(roll, ""))
        self.show_people(self.people)
        self.edit_new_row(len(self.people) - 1, 1)
        self.on_change("Skriv namnet (Retur när du är klar).")

    def remove_row(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        gone = self.people.pop(row)
        self.show_people(self.people)
        if self.people:
            self.table.setCurrentCell(min(row, len(self.people) - 1), 1)
        self.on_change(f"{gone.namn or 'Raden'} är borttagen ur närvarolistan.")


class ClauseEditor(TableEditor):
    """The att-satser (beslut) of the chosen §, with the delpunkt each belongs to."""

    def __init__(self, on_change: Callable[[str], None]):
        super().__init__(
            "Att-satser för vald paragraf",
            ["Delpunkt", "Att-sats"],
            "Lägg &till att-sats",
            "T&a bort att-sats",
            on_change,
        )
        self.par: ParsedParagraph | None = None
        self.where: list[tuple[int, int]] = []  # row → (part, index in the part's att-satser)

    def show_paragraph(self, par: ParsedParagraph | None) -> None:
        self.par = par
        self.add_button.setEnabled(par is not None)
        self.where, rows = [], []
        if par is not None:
            for k, (rubrik, _text, atts) in enumerate(par.parts):
                for n, att in enumerate(atts):
                    self.where.append((k, n))
                    rows.append([(rubrik or ("–" if len(par.parts) == 1 else f"del {k + 1}"), None), (att, None)])
        self.set_rows(rows, {1})

    def write(self, row: int, col: int, text: str, value) -> str:
        k, n = self.where[row]
        self.par.parts[k][2][n] = text
        if text.lower() in ("", "att"):
            return Problem(f"§ {self.par.nummer}: att-satsen är tom; skriv den eller ta bort raden.")
        return f"§ {self.par.nummer}: {text}"

    def add_row(self) -> None:
        par = self.par
        if par is None:
            return
        row = self.selected_row()
        k = self.where[row][0] if row >= 0 else len(par.parts) - 1
        if not par.parts:
            par.parts.append(("", "", []))
            k = 0
        par.parts[k][2].append("Att ")
        self.show_paragraph(par)
        new = max(i for i, (kk, _n) in enumerate(self.where) if kk == k)
        self.edit_new_row(new, 1)
        self.on_change(f"§ {par.nummer}: skriv att-satsen (Retur när du är klar).")

    def remove_row(self) -> None:
        row = self.selected_row()
        if row < 0 or self.par is None:
            return
        k, n = self.where[row]
        gone = self.par.parts[k][2].pop(n)
        self.show_paragraph(self.par)
        if self.where:
            self.table.setCurrentCell(min(row, len(self.where) - 1), 1)
        self.on_change(f"§ {self.par.nummer}: ”{gone}” är borttagen.")


class JavEditor(TableEditor):
    """Jäv notes of the chosen §: who (among närvarande) and what kind."""

    def __init__(self, on_change: Callable[[str], None], names: Callable[[], list[str]]):
        super().__init__(
            "Jäv i vald paragraf",
            ["Namn (bland närvarande)", "Jäv"],
            "Lägg till j&äv",
            "&Stryk jäv",
            on_change,
        )
        self.names = names
        self.par: ParsedParagraph | None = None
        self.table.setItemDelegateForColumn(
            0, ChoiceDelegate(lambda: {n: n for n in self.names()}, "Namn", self.table, editable=True)
        )
        self.table.setItemDelegateForColumn(1, ChoiceDelegate(lambda: JAV_LABELS, "Jäv", self.table))

    def show_paragraph(self, par: ParsedParagraph | None) -> None:
        self.par = par
        self.add_button.setEnabled(par is not None)
        rows = [[(name, name), (JAV_LABELS.get(kind, kind), kind)] for name, kind in (par.jav if par else [])]
        self.set_rows(rows, {0, 1})

    def write(self, row: int, col: int, text: str, value) -> str:
        name, kind = self.par.jav[row]
        if col == 0:
            name = " ".join(text.split())
        elif value in JAV_LABELS:
            kind = value
        self.par.jav[row] = (name, kind)
        if name not in self.names():
            return Problem(
                f"§ {self.par.nummer}: {name or 'namnet'} finns inte bland närvarande; välj ett namn ur listan."
            )
        return f"§ {self.par.nummer}: {name} {kind}."

    def add_row(self) -> None:
        if self.par is None:
            return
        self.par.jav.append(("", "deltog inte i beslutet"))
        self.show_paragraph(self.par)
        self.edit_new_row(len(self.par.jav) - 1, 0)
        self.on_change(f"§ {self.par.nummer}: välj vem som har jäv.")

    def remove_row(self) -> None:
        row = self.selected_row()
        if row < 0 or self.par is None:
            return
        name, _kind = self.par.jav.pop(row)
        self.show_paragraph(self.par)
        self.on_change(f"§ {self.par.nummer}: jävet för {name or 'raden'} är borttaget.")


class ParagraphDetail(QWidget):
    """Att-satser and jäv of the chosen §, one above the other."""

    def __init__(self, on_change: Callable[[str], None], names: Callable[[], list[str]]):
        super().__init__()
        self.clauses = ClauseEditor(on_change)
        self.jav = JavEditor(on_change, names)
        self.heading = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.clauses, 3)
        layout.addWidget(QLabel("Jäv i paragrafen:"))
        layout.addWidget(self.jav, 2)

    def show_paragraph(self, par: ParsedParagraph | None) -> None:
        self.heading.setText(f"Att-satser i § {par.nummer} {par.rubrik}" if par else "Välj en paragraf ovan.")
        self.clauses.show_paragraph(par)
        self.jav.show_paragraph(par)
