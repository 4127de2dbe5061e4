"""The stickprov workbook's sheet "Hela populationen": the figures and settings of the analysis of every row, what
was not checked (said once), and one row per finding — most severe first — with the rule in words, all its rows
and verifikationer, the amount and the åtgärd. Every text goes through the one workbook writer (never a formula)."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from finsam_desktop.domain.internkontroll.population_text import (
    by_severity,
    rows_text,
    settings_lines,
    severity_counts_text,
    verifikationer_text,
)
from finsam_desktop.domain.internkontroll.stickprov_findings import Severity
from finsam_desktop.reports.common.workbook import put

SHEET = "Hela populationen"
AMOUNT = "#,##0.00"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="E8ECEF")
SEVERITY_FILLS = {
    Severity.HOG: PatternFill("solid", fgColor="F6D0CC"),
    Severity.MEDEL: PatternFill("solid", fgColor="FBE7C2"),
    Severity.LAG: PatternFill("solid", fgColor="E8ECEF"),
}
#: Excel holds at most 32 767 characters in a cell; a longer list of rows is shortened (and says so).
CELL_LIMIT = 32_000
HEADS = (
    ("Allvarlighet", 11),
    ("Regel", 22),
    ("Regeln i ord", 40),
    ("Vad", 48),
    ("Rader i filen", 20),
    ("Verifikationer", 20),
    ("Belopp", 14),
    ("Åtgärd", 36),
    ("Ansvarig", 18),
    ("Senast", 11),
    ("Status", 18),
    ("Motivering", 36),
)


def _fit(full: str, shorter) -> str:
    return full if len(full) <= CELL_LIMIT else shorter(2000)


def add_population_sheet(wb: Workbook, sp, today: date | None) -> None:
    """Add the sheet for stickprov ``sp`` (a ``Stickprov``); ``today`` decides what is försenad (none without it)."""
    ws = wb.create_sheet(SHEET)
    put(ws, 1, 1, "Hela populationen: varje rad kontrollerad", font=Font(bold=True, size=13))
    report = sp.population
    if report is None:
        put(ws, 2, 1, "Ingen analys av hela filen finns för detta stickprov.")
        return
    today = today or date.min
    rows = sp.finding_rows
    late = sum(1 for r in rows if r.atgard is not None and r.atgard.forsenad(today))
    facts: list[tuple[str, object]] = [
        ("Rader i filen", report.row_count),
        ("Summa", report.total),
        *settings_lines(report.settings),
        (
            "Fynd",
            f"{len(rows)} ({severity_counts_text(rows, lambda r: r.finding.severity)}); {late} försenade åtgärder",
        ),
    ]
    facts += [(f"Inte kontrollerat: {n.what}", n.why) for n in report.not_checked]
    facts += [("Anmärkning vid importen", note) for note in report.notes]
    line = 3
    for key, value in facts:
        put(ws, line, 1, key, font=BOLD)
        c = put(ws, line, 2, value, alignment=WRAP)
        if key == "Summa":
            c.number_format = AMOUNT
        line += 1
    head_row = line + 1
    for col, (title, width) in enumerate(HEADS, start=1):
        put(ws, head_row, col, title, font=BOLD, fill=HEAD_FILL, alignment=Alignment(wrap_text=True, vertical="center"))
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    ws.print_title_rows = f"{head_row}:{head_row}"
    r = head_row + 1
    for severity, group in by_severity(rows, lambda x: x.finding.severity):
        for fr in group:
            f, a = fr.finding, fr.atgard
            values = [
                severity.label,
                f.rule.label,
                f.rule_text,
                f.summary,
                _fit(rows_text(f.rows), lambda n, f=f: rows_text(f.rows, n)),
                _fit(verifikationer_text(f.verifikationer), lambda n, f=f: verifikationer_text(f.verifikationer, n)),
                f.belopp,
                a.beskrivning if a else "",
                a.ansvarig if a else "",
                a.senast if a else None,
                fr.status_text(today),
                a.motivering if a else "",
            ]
            for col, value in enumerate(values, start=1):
                put(ws, r, col, value, alignment=WRAP)
            ws.cell(row=r, column=1).fill = SEVERITY_FILLS[severity]
            ws.cell(row=r, column=7).number_format = AMOUNT
            ws.cell(row=r, column=10).number_format = "yyyy-mm-dd"
            r += 1
    if not rows:
        put(ws, r, 1, "Analysen av hela filen gav inga fynd.")
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
