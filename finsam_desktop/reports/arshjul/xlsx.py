"""The årshjul as an Excel list: one row per occurrence, filterable, with a summary per category
(counts by formula)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from finsam_desktop.domain.arshjul.occurrences import YearView
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS
from finsam_desktop.reports.common.workbook import append, formula, put, save

HEADERS = (
    "Datum",
    "Till och med",
    "Vecka",
    "Veckodag",
    "Tid",
    "Händelse",
    "Kategori",
    "Ansvarig",
    "Status",
    "Gäller",
    "Anmärkning",
    "Anteckning",
)
WIDTHS = (12, 12, 7, 10, 12, 60, 28, 28, 11, 34, 40, 50)


def build_xlsx(view: YearView, forbund_namn: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Årshjul {view.year}"
    names = {c.key: c.namn for c in view.categories}
    put(ws, 1, 1, f"Årshjul {view.year} – {forbund_namn}", font=Font(bold=True, size=14))
    for col, title in enumerate(HEADERS, start=1):
        put(ws, 3, col, title)
    head_fill = PatternFill("solid", fgColor="E8ECEF")
    for col in range(1, len(HEADERS) + 1):
        cell = ws.cell(row=3, column=col)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    for o in view.occurrences:
        remarks = [
            t for t in (o.flag_text, o.adjust_text, f"Flyttad från {o.generated.isoformat()}" if o.moved else "") if t
        ]
        row = append(
            ws,
            [
                o.date,
                o.end if o.end and o.end != o.date else None,
                o.week,
                SWEDISH_WEEKDAYS[o.date.weekday()],
                o.time_text,
                o.title,
                names.get(o.category, o.category),
                o.responsible,
                o.status.label,
                o.link.label if o.link else "",
                "; ".join(remarks),
                "\n".join(t for t in (o.notes, o.occurrence_note) if t),
            ],
        )
        for col in (1, 2):
            ws.cell(row=row, column=col).number_format = "yyyy-mm-dd"
        if o.flag:
            ws.cell(row=row, column=1).font = Font(color="C62828", bold=True)
        if o.status is Status.INSTALLD:
            for col in range(1, len(HEADERS) + 1):
                ws.cell(row=row, column=col).font = Font(color="9AA0A6", strike=True)
        ws.cell(row=row, column=12).alignment = Alignment(wrap_text=True, vertical="top")
    last = ws.max_row
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(HEADERS))}{last}"
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"

    summary = wb.create_sheet("Sammanställning")
    append(summary, ["Kategori", "Antal", "Klara", "Inställda", "Planerade"])
    for col in range(1, 6):
        summary.cell(row=1, column=col).font = Font(bold=True)
        summary.cell(row=1, column=col).fill = head_fill
    summary.column_dimensions["A"].width = 34
    # The rows below the heading; with no occurrence one empty row (G4:G3 would take in the heading).
    end = max(last, 4)
    rng = f"'{ws.title}'!$G$4:$G${end}"
    status_rng = f"'{ws.title}'!$I$4:$I${end}"
    totals = [0, 0, 0, 0]
    for i, cat in enumerate(view.categories, start=2):
        # SUMPRODUCT(EXACT(…)) compares exactly, as the program does: COUNTIF would read a category name such as
        # "=x", ">0" or "a*" as a criterion (operator or wildcard), and "=" ignores case ("Möte" = "möte").
        of_category = [o for o in view.occurrences if names.get(o.category, o.category) == cat.namn]
        counts = [
            len(of_category),
            sum(1 for o in of_category if o.status is Status.KLAR),
            sum(1 for o in of_category if o.status is Status.INSTALLD),
        ]
        counts.append(counts[0] - counts[1] - counts[2])
        totals = [t + n for t, n in zip(totals, counts, strict=True)]
        append(
            summary,
            [
                cat.namn,
                formula(f"=SUMPRODUCT(--EXACT({rng},A{i}))", counts[0]),
                formula(f'=SUMPRODUCT(EXACT({rng},A{i})*({status_rng}="{Status.KLAR.label}"))', counts[1]),
                formula(f'=SUMPRODUCT(EXACT({rng},A{i})*({status_rng}="{Status.INSTALLD.label}"))', counts[2]),
                formula(f"=B{i}-C{i}-D{i}", counts[3]),
            ],
        )
    total = len(view.categories) + 2
    append(
        summary,
        ["Totalt"] + [formula(f"=SUM({c}2:{c}{total - 1})", n) for c, n in zip("BCDE", totals, strict=True)],
    )
    summary.cell(row=total, column=1).font = Font(bold=True)
    return save(wb)
