"""The table of the justering view: its columns and the model that colours due-today and overdue rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from finsam_desktop.domain.justering import model as dj
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel, two_line_header

DUE_TODAY = QColor("#FFF2CC")
OVERDUE = QColor("#F8D7DA")


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


COLUMNS: tuple[Column[dj.JusteringRow], ...] = (
    Column("Sammanträde", lambda r: r.title, lambda r: f"{r.datum.isoformat()} {r.extract_id or 0:08d}"),
    Column("Paragrafer", lambda r: r.paragrafer),
    Column("Status", lambda r: r.status_label),
    Column(
        "Justeras senast",
        lambda r: date_text(r.justering_senast) if r.status in (dj.UTKAST, dj.KLART) else "",
        lambda r: date_text(r.justering_senast),
    ),
    Column("Justerat", lambda r: date_text(r.justeringsdatum)),
    Column("Justerare", lambda r: r.justerare),
    Column(
        "Anslaget",
        lambda r: (
            date_text(r.anslagsdatum) or (f"senast {date_text(r.anslag_senast)}" if r.status == dj.JUSTERAT else "")
        ),
    ),
    Column("Sista dag för överklagande", lambda r: date_text(r.sista_overklagandedag)),
    Column("Tas ned tidigast", lambda r: date_text(r.tas_ned_tidigast)),
    Column("Nedtaget", lambda r: date_text(r.nedtaget_datum)),
    Column(
        "Att göra",
        lambda r: (
            r.next_action
            if not r.extract_id
            else {dj.JUSTERAT: "Registrera anslag", dj.ANSLAGET: "Ta ned anslaget"}.get(r.status, "")
        ),
    ),
    Column("Varningar", lambda r: " ".join(r.warnings), tooltip=lambda r: "\n".join(r.warnings)),
)


class JusteringModel(RowTableModel[dj.JusteringRow]):
    """Rows of the justering view; due today is yellow, overdue red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and 0 <= index.row() < len(self.rows):
            urgency = self.rows[index.row()].urgency
            if urgency == "idag":
                return QBrush(DUE_TODAY)
            if urgency == "forsenad":
                return QBrush(OVERDUE)
            return None
        return super().data(index, role)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return super().headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
        text = super().headerData(section, orientation, role)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and text:
            return two_line_header(text)
        return text
