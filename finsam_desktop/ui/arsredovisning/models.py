"""Table columns of the Årsredovisning tab (stored years, reconciliation flags, unmapped accounts) and small
widget factories: a read-only table with its accessible name and description, a button with a mnemonic."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QTableView

from finsam_desktop.domain.common.money import format_number
from finsam_desktop.services.arsredovisning.dto import YearSummary
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel
from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table

WARN = QColor("#8A5A00")


def amount(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal | int):
        return format_number(value)
    return str(value)


def status_text(y: YearSummary) -> str:
    return f"fastställd {y.adopted_text}" if y.adopted else "utkast"


def flags_text(y: YearSummary) -> str:
    if y.unmapped:
        return f"{len(y.unmapped)} okopplade konton"
    return str(len(y.flags)) if y.flags else "–"


YEAR_COLUMNS = (
    Column("År", lambda y: str(y.year), sort_key=lambda y: y.year),
    Column("Källa", lambda y: y.source_text),
    Column("Status", status_text, foreground=lambda y: None if y.adopted else WARN),
    Column("Intäkter", lambda y: amount(y.intakter), align_right=True),
    Column("Kostnader", lambda y: amount(y.kostnader), align_right=True),
    Column("Årets resultat", lambda y: amount(y.resultat), align_right=True),
    Column("Eget kapital", lambda y: amount(y.eget_kapital), align_right=True),
    Column("Flaggor", flags_text, align_right=True, tooltip=lambda y: "\n".join(f.text for f in y.flags)),
)

FLAG_COLUMNS = (
    Column("Regel", lambda f: f.rule),
    Column("Var", lambda f: f.where),
    Column("Angivet", lambda f: amount(f.stated), align_right=True),
    Column("Beräknat", lambda f: amount(f.computed), align_right=True),
    Column("Differens", lambda f: amount(f.difference), align_right=True),
    Column("Text", lambda f: f.text, tooltip=lambda f: f.text),
)

UNMAPPED_COLUMNS = (
    Column("Konto", lambda r: r[0]),
    Column("Saldo", lambda r: amount(r[1]), align_right=True),
)


def table(columns, name: str, description: str, stretch: int | None = None) -> tuple[RowTableModel, QTableView]:
    model: RowTableModel = RowTableModel(columns)
    view = read_only_table(model, resize=ResizeMode.ResizeToContents, stretch=stretch, row_height=22)
    view.setAccessibleName(name)
    view.setAccessibleDescription(description)
    return model, view


def button(text: str, name: str, tooltip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(name)
    if tooltip:
        b.setToolTip(tooltip)
    return b
