"""The Verksamhet tab's models: the insats tree (delprojekt under their insats), the goal and deltagare columns,
and small widget factories (a read-only table with its accessible name, a button with a mnemonic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QPushButton, QTableView

from finsam_desktop import clock
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.verksamhet.indicators import format_value
from finsam_desktop.domain.verksamhet.personal import format_fte
from finsam_desktop.services.verksamhet.dto import VerksamhetInsats
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel
from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table

WARN = QColor("#8A5A00")
BAD = QColor("#A61B1B")
GOOD = QColor("#1B6B2A")
#: The mark before an FTE sum that does not match the total the insats states.
WARN_MARK = "⚠"
INSATS_ROLE = Qt.ItemDataRole.UserRole + 1

INSATS_HEADERS = ("Insats", "Typ", "Status", "Period", "Projektägare", "Beviljat", "Årsarbetare")


def period_text(i: VerksamhetInsats) -> str:
    if i.start is None and i.slut is None:
        return "tills vidare"
    return f"{i.start.isoformat() if i.start else '…'} – {i.slut.isoformat() if i.slut else 'tills vidare'}"


def fte_text(i: VerksamhetInsats) -> str:
    text = format_fte(i.fte)
    return f"{WARN_MARK} {text}" if i.staffing_flag is not None else text


class InsatsTreeModel(QStandardItemModel):
    """The year's insatser by name, each delprojekt as a child row of its insats (a delprojekt whose insats does
    not run that year stands at the top level)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(INSATS_HEADERS))
        self.year = 0

    def _row(self, i: VerksamhetInsats) -> list[QStandardItem]:
        beviljat = i.finansiering(self.year).forbund
        texts = (
            i.namn,
            i.typ.label if i.typ else "Administration",
            i.status.label,
            period_text(i),
            i.projektagare or i.huvudman,
            format_kr(beviljat) if beviljat else "–",
            fte_text(i),
        )
        items = []
        for col, text in enumerate(texts):
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(i, INSATS_ROLE)
            if col in (5, 6):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        flag = i.staffing_flag
        if flag is not None:
            items[6].setForeground(WARN)
            items[6].setToolTip(flag.message)
            items[6].setData(f"Varning: {flag.message}", Qt.ItemDataRole.AccessibleTextRole)
        if i.parent_id is None:
            font = QFont()
            font.setBold(True)
            items[0].setFont(font)
        return items

    def set_insatser(self, insatser: Sequence[VerksamhetInsats], year: int) -> None:
        self.year = year
        self.setHorizontalHeaderItem(5, QStandardItem(f"Beviljat {year}"))
        self.removeRows(0, self.rowCount())
        ids = {i.id for i in insatser}
        tops = [i for i in insatser if i.parent_id is None or i.parent_id not in ids]
        children: dict[int, list[VerksamhetInsats]] = {}
        for i in insatser:
            if i.parent_id in ids:
                children.setdefault(i.parent_id, []).append(i)

        def add(parent: QStandardItem, i: VerksamhetInsats) -> None:
            row = self._row(i)
            parent.appendRow(row)
            for child in children.get(i.id, ()):
                add(row[0], child)

        for i in tops:
            add(self.invisibleRootItem(), i)


# --- goals ----------------------------------------------------------------------------------------------------


def met_text(met: bool | None) -> str:
    return "–" if met is None else ("Ja" if met else "Inte ännu")


def share_text(value: Decimal | None) -> str:
    return "–" if value is None else f"{format_value(value)} %"


@dataclass(frozen=True)
class GoalLine:
    """One row of the goals table: the report's status and the check's flag text for the shown measurement."""

    status: object  # services.verksamhet.uppfoljning.GoalStatus
    flag: str

    @property
    def goal(self):
        return self.status.goal


def measured_text(line: GoalLine) -> str:
    m = line.status.measurement
    if m is None:
        return "–"
    text = m.per.isoformat()
    if m.taljare is not None and m.namnare:
        text += f" ({m.taljare} av {m.namnare})"
    return text


GOAL_COLUMNS = (
    Column("Nivå", lambda g: g.status.insats or "Förbundet"),
    Column("Mål", lambda g: g.goal.namn, tooltip=lambda g: g.goal.namn),
    Column("Period", lambda g: g.goal.period.text),
    Column("Målvärde (utfall)", lambda g: g.status.text, align_right=True),
    Column("Uppmätt per", measured_text),
    Column("Andel av målet", lambda g: share_text(g.status.share_of_target), align_right=True),
    Column(
        "Uppfyllt",
        lambda g: met_text(g.status.met),
        foreground=lambda g: None if g.status.met is None else (GOOD if g.status.met else WARN),
    ),
    Column(
        "Flagga",
        lambda g: f"{WARN_MARK} {g.flag}" if g.flag else "",
        tooltip=lambda g: g.flag,
        foreground=lambda g: BAD if g.flag else None,
    ),
)

# --- deltagare ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatRow:
    """A month of an insats, or its year total (``total``): the deltagare table's rows."""

    insats: str
    period: str
    inskrivna: int
    pagaende: int | None
    avslutade: int
    kvinnor: int
    man: int
    annat: int
    stegforflyttning: int
    avslut: str
    total: bool = False
    #: The insats's name is written on its first month only (the rows below are its months); ``insats`` keeps it.
    first: bool = True


def insats_cell(r: StatRow) -> str:
    if r.total:
        return "Summa" if r.insats else "Totalt, alla insatser"
    return r.insats if r.first else ""


def _n(value: int | None) -> str:
    return "–" if value is None else str(value)


DELTAGARE_COLUMNS = (
    Column("Insats", insats_cell, tooltip=lambda r: r.insats),
    Column("Månad", lambda r: r.period),
    Column("Inskrivna", lambda r: _n(r.inskrivna), align_right=True),
    Column("Pågående", lambda r: _n(r.pagaende), align_right=True),
    Column("Avslutade", lambda r: _n(r.avslutade), align_right=True),
    Column("Kvinnor", lambda r: _n(r.kvinnor), align_right=True),
    Column("Män", lambda r: _n(r.man), align_right=True),
    Column("Annat kön", lambda r: _n(r.annat), align_right=True),
    Column("Stegförflyttning", lambda r: _n(r.stegforflyttning), align_right=True),
    Column("Avslut per anledning", lambda r: r.avslut, tooltip=lambda r: r.avslut),
)


class StatModel(RowTableModel):
    """The deltagare rows; a year total in bold."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self.row_at(index.row()).total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() == 0:
            r = self.row_at(index.row())
            return f"Summa {r.insats}" if r.total and r.insats else (insats_cell(r) if r.total else r.insats)
        return super().data(index, role)


# --- widgets --------------------------------------------------------------------------------------------------


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


# --- aktiviteter ----------------------------------------------------------------------------------------------

AKTIVITET_COLUMNS = (
    Column("Datum", lambda a: a.datum.isoformat()),
    Column("Typ", lambda a: a.typ.label),
    Column("Aktivitet", lambda a: a.titel, tooltip=lambda a: a.titel),
    Column("Arrangör", lambda a: a.arrangor, tooltip=lambda a: a.arrangor),
    Column("Format", lambda a: a.format.label),
    Column("Målgrupp", lambda a: a.malgrupp, tooltip=lambda a: a.malgrupp),
    Column("Planerade", lambda a: _n(a.planerat_totalt), align_right=True),
    Column(
        "Deltog",
        lambda a: "saknas" if _unrecorded(a) else _n(a.faktiskt),
        align_right=True,
        tooltip=lambda a: "Aktiviteten är genomförd men deltagarna är inte registrerade" if _unrecorded(a) else "",
    ),
)


def _unrecorded(a) -> bool:
    """A held aktivitet (before today) whose participants nobody has entered yet."""
    return a.faktiskt is None and a.datum < clock.today()
