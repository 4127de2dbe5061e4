"""The Stickprov page's "Hela populationen" view: what the analysis of every row of the file found — the figures,
what was not checked (said once) and a table of the findings (allvarlighet, regel, vad, rader, åtgärd, status),
most severe first — with the button that records the åtgärd of the selected finding. A view; the findings
controller connects it. Also the table of åtgärder still open from earlier years, which the plan page shows."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.domain.internkontroll.population_text import (
    rows_text,
    settings_text,
    severity_counts_text,
)
from finsam_desktop.domain.internkontroll.stickprov_findings import Severity
from finsam_desktop.ui.formatting import format_kr
from finsam_desktop.ui.internkontroll.models import ColouredTableModel, PredicateProxy, proxy_table
from finsam_desktop.ui.widgets.flow_layout import flow_row
from finsam_desktop.ui.widgets.table_model import Column

SEVERITY_COLOURS = {Severity.HOG: "#F6D0CC", Severity.MEDEL: "#FBE7C2", Severity.LAG: "#E8ECEF"}
LATE_COLOUR = "#F6D0CC"
DONE_COLOUR = "#CFE8CF"


def findings_model(today_ref: list[date]) -> ColouredTableModel:
    """Rows are ``FindingRow``s; ``today_ref[0]`` is the day that decides what is försenad."""

    def status(r) -> str:
        return r.status_text(today_ref[0])

    columns = [
        Column(
            "Allvarlighet",
            lambda r: r.finding.severity.label,
            sort_key=lambda r: (r.finding.severity.rank, r.id),
        ),
        Column("Regel", lambda r: r.finding.rule.label, tooltip=lambda r: r.finding.rule_text),
        Column("Vad", lambda r: r.finding.summary, tooltip=lambda r: r.finding.summary),
        Column(
            "Rader",
            lambda r: rows_text(r.finding.rows, 8),
            sort_key=lambda r: r.finding.rows[:1],
            tooltip=lambda r: rows_text(r.finding.rows, 200),
        ),
        Column(
            "Belopp",
            lambda r: format_kr(r.finding.belopp) if r.finding.belopp is not None else "",
            sort_key=lambda r: r.finding.belopp or 0,
            align_right=True,
        ),
        Column("Åtgärd", lambda r: r.atgard_text(), tooltip=lambda r: r.atgard_text()),
        Column("Status", status),
    ]

    def background(r, col: int) -> str | None:
        if col == 0:
            return SEVERITY_COLOURS[r.finding.severity]
        if col == 6 and r.atgard is not None:
            if r.atgard.forsenad(today_ref[0]):
                return LATE_COLOUR
            if not r.atgard.status.is_open:
                return DONE_COLOUR
        return None

    return ColouredTableModel(columns, background)


def open_atgarder_model() -> ColouredTableModel:
    """Rows are ``OpenAtgard``s (from earlier years' stickprov)."""
    columns = [
        Column("Stickprov", lambda o: f"{o.stickprov_titel} ({o.stickprov_ar})"),
        Column("Fynd", lambda o: f"{o.finding.rule.label}: {o.finding.summary}", tooltip=lambda o: o.finding.summary),
        Column("Åtgärd", lambda o: o.atgard.beskrivning, tooltip=lambda o: o.atgard.beskrivning),
        Column("Ansvarig", lambda o: o.atgard.ansvarig),
        Column(
            "Senast",
            lambda o: o.atgard.senast.isoformat() if o.atgard.senast else "",
            sort_key=lambda o: o.atgard.senast or date.max,
        ),
        Column(
            "Status", lambda o: f"Försenad ({o.atgard.status.label.lower()})" if o.forsenad else o.atgard.status.label
        ),
    ]
    return ColouredTableModel(columns, lambda o, col: LATE_COLOUR if col == 5 and o.forsenad else None)


class FindingsView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info)
        self.b_atgard = QPushButton("Registrera åtgär&d…")
        self.b_atgard.setAccessibleName("Registrera åtgärd för det valda fyndet")
        layout.addWidget(flow_row(self.b_atgard))
        self.today_ref = [date.min]
        self.model = findings_model(self.today_ref)
        self.proxy = PredicateProxy(self)
        self.view = proxy_table(
            self.model, self.proxy, (80, 180, 290, 140, 100, 240, 150), name="Fynd i hela populationen"
        )
        layout.addWidget(self.view)

    def show_population(self, sp, today: date) -> None:
        self.today_ref[0] = today
        report = sp.population if sp is not None else None
        self.model.set_rows(sp.finding_rows if report is not None else ())
        if sp is None:
            self.info.setText("")
        elif report is None:
            self.info.setText("Stickprovet drogs innan hela filen analyserades; ingen populationsanalys finns.")
        else:
            rows = sp.finding_rows
            late = sum(1 for r in rows if r.atgard is not None and r.atgard.forsenad(today))
            without = sum(1 for r in rows if r.atgard is None)
            parts = [
                f"<b>Varje rad kontrollerad:</b> {report.row_count} rader, {format_kr(report.total)}. "
                f"{len(rows)} fynd ({severity_counts_text(rows, lambda r: r.finding.severity)}); "
                f"{without} utan registrerad åtgärd, {late} försenade.",
                f"<small>{escape(settings_text(report.settings))}</small>",
            ]
            if report.not_checked:
                parts.append(
                    "<b>Inte kontrollerat:</b> "
                    + "; ".join(escape(f"{n.what} ({n.why})") for n in report.not_checked)
                    + "."
                )
            parts += [f"<i>{escape(note)}</i>" for note in report.notes]
            self.info.setText("<br>".join(parts))
        self.update_enabled(False)

    def update_enabled(self, read_only: bool) -> None:
        self.b_atgard.setEnabled(self.model.rowCount() > 0 and not read_only)
