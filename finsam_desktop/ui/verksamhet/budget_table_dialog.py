"""The verksamhetsplan's own budget table, typed as the document prints it (seed 000 §7 "Budgetplan 2021 med
prognos för 2022 och 2023"): its columns (heading, year, budget/prognos/utfall) and its rows (what each row is, its
text, the cost line a specification belongs to, an amount per column). It can start from Budget's figures. While
typing, the stated totals are checked against the rows, as ``finsam check`` does; bad input is shown in the dialog,
which stays open, and nothing is saved until "Spara tabellen"."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.common.money import format_number, parse_amount
from finsam_desktop.domain.verksamhet import plan_budget
from finsam_desktop.domain.verksamhet.plan_budget import BudgetColumn, ColumnKind, RowKind, TypedBudget, TypedRow
from finsam_desktop.ui.verksamhet.models import button

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_KINDS = {
    ColumnKind.BUDGET: "Budget",
    ColumnKind.PROGNOS: "Prognos / förväntat utfall",
    ColumnKind.UTFALL: "Utfall",
}
FIXED = 3  # the row table's columns before the amounts: Slag, Text, Specificerar
INTRO = (
    "Skriv tabellen som dokumentet ska visa den; den ersätter Budget-flikens siffror i planen. Summor och resultat "
    "som du anger jämförs med raderna (belopp i kronor, t.ex. 1 150 000)."
)


class _ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell by choosing from ``choices`` (value, text); the value is kept under ``KIND_ROLE``."""

    def __init__(self, choices: list[tuple[str, str]], name: str, parent: QWidget):
        super().__init__(parent)
        self.choices, self.name = choices, name

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.setAccessibleName(self.name)
        for value, text in self.choices:
            box.addItem(text, value)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(KIND_ROLE))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), KIND_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


def _kind_item(value: str, text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(KIND_ROLE, value)
    return item


def _amount_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if value == value.to_integral_value() else 2)


def _table(title: str, headers: list[str], name: str, description: str) -> tuple[QTableWidget, QLabel]:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    label = QLabel(title)
    label.setBuddy(table)
    return table, label


class BudgetTableDialog(QDialog):
    """``submit(table)`` saves (a ``FinsamError`` keeps the dialog open); ``remove()`` goes back to Budget's figures.
    ``suggestion`` is Budget's version of the year as a typed table (None when the year has no budget)."""

    def __init__(
        self,
        year: int,
        table: TypedBudget | None,
        suggestion: TypedBudget | None,
        submit: Callable[[TypedBudget], None],
        remove: Callable[[], None] | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Budgettabell i verksamhetsplan {year}")
        self.resize(1200, 700)
        self.year, self.suggestion, self.submit, self.remove = year, suggestion, submit, remove
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        # --- the columns ---
        self.columns, columns_label = _table(
            "K&olumner",
            ["Rubrik", "År", "Slag"],
            "Tabellens kolumner",
            "En kolumn per rad: rubriken som dokumentet visar, året och om beloppen är budget, prognos eller utfall.",
        )
        self.columns.setItemDelegateForColumn(
            2, _ChoiceDelegate([(k.value, t) for k, t in COLUMN_KINDS.items()], "Slag", self)
        )
        head = self.columns.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):
            head.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.add_col_btn = button("Lägg till ko&lumn", "Lägg till kolumn")
        self.remove_col_btn = button("Ta bort kolu&mn", "Ta bort kolumn")
        # --- the rows ---
        self.rows, rows_label = _table(
            "&Rader",
            ["Slag", "Text", "Specificerar"],
            "Tabellens rader",
            "En rad per rad i dokumentet: vad raden är, dess text, kostnadsraden en specifikation hör till och ett "
            "belopp per kolumn.",
        )
        self.rows.setItemDelegateForColumn(
            0, _ChoiceDelegate([(k.value, k.label) for k in RowKind], "Radens slag", self)
        )
        self.add_row_btn = button("Lägg till ra&d", "Lägg till rad")
        self.remove_row_btn = button("Ta bor&t rad", "Ta bort rad")
        self.up_btn = button("Flytta &upp", "Flytta raden upp")
        self.down_btn = button("Flytta &ned", "Flytta raden ned")
        self.from_budget_btn = button(
            "Hämta från &Budget", "Hämta från Budget", "Fyller tabellen med Budget-flikens siffror för året"
        )
        self.from_budget_btn.setEnabled(suggestion is not None)
        # --- the check and the buttons ---
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setAccessibleName("Kontroll av summorna")
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A61B1B")
        self.error.setAccessibleName("Fel")
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_btn = self.box.button(QDialogButtonBox.StandardButton.Save)
        self.save_btn.setText("&Spara tabellen")
        self.save_btn.setAccessibleName("Spara tabellen")
        cancel = self.box.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Avbryt")
        cancel.setAccessibleName("Avbryt")
        self.remove_btn: QPushButton | None = None
        if remove is not None:
            self.remove_btn = self.box.addButton("&Visa Budgets siffror", QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_btn.setAccessibleName("Ta bort tabellen och visa Budget-flikens siffror")
            self.remove_btn.clicked.connect(self.on_remove)
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        # --- layout ---
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(columns_label)
        tv.addWidget(self.columns, 1)
        cb = QHBoxLayout()
        cb.addWidget(self.add_col_btn)
        cb.addWidget(self.remove_col_btn)
        cb.addStretch(1)
        tv.addLayout(cb)
        bottom = QWidget()
        bv = QVBoxLayout(bottom)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(rows_label)
        bv.addWidget(self.rows, 1)
        rb = QHBoxLayout()
        for b in (self.add_row_btn, self.remove_row_btn, self.up_btn, self.down_btn):
            rb.addWidget(b)
        rb.addStretch(1)
        rb.addWidget(self.from_budget_btn)
        bv.addLayout(rb)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setSizes([175, 425])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.check)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.box)
        self.add_col_btn.clicked.connect(self.on_add_column)
        self.remove_col_btn.clicked.connect(self.on_remove_column)
        self.add_row_btn.clicked.connect(self.on_add_row)
        self.remove_row_btn.clicked.connect(self.on_remove_row)
        self.up_btn.clicked.connect(lambda: self.on_move(-1))
        self.down_btn.clicked.connect(lambda: self.on_move(1))
        self.from_budget_btn.clicked.connect(self.on_from_budget)
        self.columns.itemChanged.connect(self._columns_changed)
        self.rows.itemChanged.connect(lambda _item: self._recheck())
        self.fill(table if table else self._blank())

    # --- filling ------------------------------------------------------------------------------------------------
    def _blank(self) -> TypedBudget:
        y = self.year
        cols = (
            BudgetColumn(f"Budget {y}", y),
            BudgetColumn(f"Budget {y + 1}", y + 1),
            BudgetColumn(f"Budget {y + 2}", y + 2),
        )
        rows = (
            TypedRow(RowKind.RUBRIK, "Intäkter"),
            TypedRow(RowKind.SUMMA_INTAKTER, "Summa intäkter"),
            TypedRow(RowKind.RUBRIK, "Kostnader"),
            TypedRow(RowKind.SUMMA_KOSTNADER, "Summa kostnader"),
            TypedRow(RowKind.RESULTAT, "Årets resultat"),
        )
        return TypedBudget(cols, rows)

    def fill(self, tb: TypedBudget) -> None:
        for t in (self.columns, self.rows):
            t.blockSignals(True)
            t.setRowCount(0)
        for c in tb.columns:
            self._insert_column_row(self.columns.rowCount(), c)
        self._sync_amount_columns()
        for r in tb.rows:
            self._insert_row(self.rows.rowCount(), r)
        for t in (self.columns, self.rows):
            t.blockSignals(False)
        self._recheck()

    def _insert_column_row(self, at: int, c: BudgetColumn) -> None:
        self.columns.insertRow(at)
        self.columns.setItem(at, 0, QTableWidgetItem(c.label))
        self.columns.setItem(at, 1, QTableWidgetItem(str(c.year)))
        self.columns.setItem(at, 2, _kind_item(c.kind.value, COLUMN_KINDS[c.kind]))

    def _insert_row(self, at: int, r: TypedRow) -> None:
        self.rows.insertRow(at)
        self.rows.setItem(at, 0, _kind_item(r.kind.value, r.kind.label))
        self.rows.setItem(at, 1, QTableWidgetItem(r.label))
        self.rows.setItem(at, 2, QTableWidgetItem(r.ref))
        for i in range(self.rows.columnCount() - FIXED):
            item = QTableWidgetItem(_amount_text(r.amount(i)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.rows.setItem(at, FIXED + i, item)

    def _sync_amount_columns(self) -> None:
        """The row table has one amount column per column row, headed by its heading."""
        labels = [self._text(self.columns, r, 0) or f"Kolumn {r + 1}" for r in range(self.columns.rowCount())]
        blocked = self.rows.blockSignals(True)
        self.rows.setColumnCount(FIXED + len(labels))
        self.rows.setHorizontalHeaderLabels(["Slag", "Text", "Specificerar", *labels])
        for r in range(self.rows.rowCount()):
            for c in range(FIXED, self.rows.columnCount()):
                if self.rows.item(r, c) is None:
                    item = QTableWidgetItem("")
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.rows.setItem(r, c, item)
        self.rows.blockSignals(blocked)
        head = self.rows.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rows.setColumnWidth(0, 200)
        self.rows.setColumnWidth(2, 130)
        for c in range(FIXED, self.rows.columnCount()):
            self.rows.setColumnWidth(c, 120)

    def _columns_changed(self, _item) -> None:
        self._sync_amount_columns()
        self._recheck()

    # --- reading ------------------------------------------------------------------------------------------------
    @staticmethod
    def _text(table: QTableWidget, r: int, c: int) -> str:
        item = table.item(r, c)
        return item.text().strip() if item is not None else ""

    def typed(self) -> TypedBudget:
        """What is typed, as a table (a ``ValidationError`` naming the row and column when something is wrong)."""
        for t in (self.columns, self.rows):
            t.setCurrentItem(None)  # commits a cell being edited
        cols = []
        for r in range(self.columns.rowCount()):
            label, year = self._text(self.columns, r, 0), self._text(self.columns, r, 1)
            if not year.isdigit():
                raise ValidationError(f"kolumn {r + 1} (”{label}”): ”{year}” är inget år.", "Budgettabell")
            kind = self.columns.item(r, 2).data(KIND_ROLE) if self.columns.item(r, 2) else ColumnKind.BUDGET.value
            cols.append(BudgetColumn(label, int(year), ColumnKind(kind)))
        rows = []
        for r in range(self.rows.rowCount()):
            texts = [self._text(self.rows, r, c) for c in range(1, self.rows.columnCount())]
            if not any(texts):
                continue
            kind = RowKind(self.rows.item(r, 0).data(KIND_ROLE) or RowKind.KOSTNAD.value)
            amounts = []
            for i, text in enumerate(texts[FIXED - 1 :]):
                where = f"rad {r + 1} (”{texts[0]}”), kolumn ”{cols[i].label if i < len(cols) else i + 1}”"
                try:
                    amounts.append(parse_amount(text) if text else None)
                except ValidationError as exc:
                    raise ValidationError(f"{where}: {exc.message}", "Budgettabell") from None
            while amounts and amounts[-1] is None:
                amounts.pop()
            rows.append(TypedRow(kind, texts[0], tuple(amounts), texts[1]))
        table = TypedBudget(tuple(cols), tuple(rows))
        plan_budget.validate(table)
        return table

    def _recheck(self) -> None:
        try:
            table = self.typed()
        except FinsamError as exc:
            self.check.setText(f"Kan inte kontrolleras: {exc}")
            return
        flags = plan_budget.check(table)
        if flags:
            self.check.setText("\n".join(f"⚠ {f.text}" for f in flags))
        else:
            self.check.setText("✓ De angivna summorna och resultatet stämmer med raderna.")

    # --- actions ------------------------------------------------------------------------------------------------
    def on_add_column(self) -> None:
        years = [int(t) for r in range(self.columns.rowCount()) if (t := self._text(self.columns, r, 1)).isdigit()]
        y = max(years) + 1 if years else self.year
        at = self.columns.rowCount()
        self.columns.blockSignals(True)
        self._insert_column_row(at, BudgetColumn(f"Budget {y}", y))
        self.columns.blockSignals(False)
        self._columns_changed(None)
        self.columns.setCurrentCell(at, 0)
        self.columns.setFocus()

    def on_remove_column(self) -> None:
        r = self.columns.currentRow()
        if r < 0:
            return
        self.columns.removeRow(r)
        self.rows.removeColumn(FIXED + r)
        self._columns_changed(None)

    def on_add_row(self) -> None:
        at = self.rows.currentRow() + 1 if self.rows.currentRow() >= 0 else self.rows.rowCount()
        blocked = self.rows.blockSignals(True)
        self._insert_row(at, TypedRow(RowKind.KOSTNAD, ""))
        self.rows.blockSignals(blocked)
        self.rows.setCurrentCell(at, 1)
        self.rows.setFocus()
        self.rows.editItem(self.rows.item(at, 1))

    def on_remove_row(self) -> None:
        r = self.rows.currentRow()
        if r >= 0:
            self.rows.removeRow(r)
            self._recheck()

    def on_move(self, step: int) -> None:
        r, c = self.rows.currentRow(), max(0, self.rows.currentColumn())
        to = r + step
        if r < 0 or not 0 <= to < self.rows.rowCount():
            return
        blocked = self.rows.blockSignals(True)
        for col in range(self.rows.columnCount()):
            a, b = self.rows.takeItem(r, col), self.rows.takeItem(to, col)
            self.rows.setItem(r, col, b)
            self.rows.setItem(to, col, a)
        self.rows.blockSignals(blocked)
        self.rows.setCurrentCell(to, c)
        self._recheck()

    def on_from_budget(self) -> None:
        if self.suggestion is not None:
            self.fill(self.suggestion)
            self.error.setText("")
            self.note.setText("Tabellen har fyllts med Budget-flikens siffror. Inget är sparat ännu.")

    def on_remove(self) -> None:
        if self.remove is not None:
            self.remove()
            super().accept()

    def accept(self) -> None:
        try:
            self.submit(self.typed())
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
