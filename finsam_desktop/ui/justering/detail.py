"""The lower half of the justering view: the selected protocol's title, status and warnings, and its history
(logged events, utdrag given out, rättelser)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from finsam_desktop.domain.justering import model as dj


class JusteringDetailPanel(QWidget):
    """``details`` (a label) and ``history`` (a list); ``show_row`` fills both."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history = QListWidget()
        self.history.setAccessibleName("Händelser för protokollet")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lv = QVBoxLayout(self)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.details)
        lv.addWidget(QLabel("Händelser"))
        lv.addWidget(self.history)

    def show_row(self, row: dj.JusteringRow | None, events=(), utdrag=(), corrections=()) -> None:
        """Show ``row`` with its events (only the extract's own for an omedelbar extract), utdrag and rättelser."""
        self.history.clear()
        if row is None:
            self.details.setText("Välj ett protokoll.")
            return
        extract = bool(row.extract_id)
        lines = [f"<b>{row.title}</b> – {row.status_label}"]
        lines += [f"⚠ {w}" for w in row.warnings]
        self.details.setText("<br>".join(lines))
        for e in events:
            if extract and e.extract_id != row.extract_id:
                continue
            when = e.at.strftime("%Y-%m-%d %H:%M") if hasattr(e.at, "strftime") else str(e.at)
            legal = f" ({e.datum.isoformat()})" if e.datum else ""
            reason = f" – {e.reason}" if e.reason else ""
            self.history.addItem(f"{when}  {e.label}{legal}  av {e.user}{reason}")
        for u in utdrag:
            self.history.addItem(
                f"Utdrag {u.datum.isoformat()}  {u.paragrafer} till {u.mottagare or '–'}, bestyrkt av {u.bestyrkt_av}"
            )
        for c in corrections:
            note = f" ({c.anteckning})" if c.anteckning else ""
            self.history.addItem(
                f"Rättelse: {c.meeting_label} {c.item_label} rättar {c.corrects_meeting_label} {c.corrects_label}{note}"
            )
