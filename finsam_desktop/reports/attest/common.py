"""Shared Excel helpers for the attest area's workbooks (Swedish formats, frozen header, print set-up); every cell
goes through the one workbook writer, :mod:`finsam_desktop.reports.common.workbook`."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_desktop.reports.common.workbook import header_footer_text, put
from finsam_desktop.reports.common.workbook import save as save

KR = '#,##0" kr"'
KR_ORE = '#,##0.00" kr"'
HEAD_FILL = PatternFill("solid", fgColor="E8ECEF")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="9AA5AE")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def titled_sheet(wb: Workbook, title: str, heading: str, sub: Sequence[str] = ()) -> tuple[Worksheet, int]:
    ws = wb.active if wb.active and wb.active.max_row == 1 and wb.active["A1"].value is None else wb.create_sheet()
    ws.title = title[:31]
    put(ws, 1, 1, heading, font=Font(bold=True, size=13))
    row = 2
    for line in sub:
        put(ws, row, 1, line)
        row += 1
    return ws, row + 1


def header(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    for i, (t, w) in enumerate(zip(titles, widths, strict=True), start=1):
        c = put(ws, row, i, t)
        c.font, c.fill, c.border = BOLD, HEAD_FILL, BOX
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.print_title_rows = f"{row}:{row}"


def body_cell(ws: Worksheet, row: int, col: int, value, fmt: str | None = None):
    return put(ws, row, col, value, fmt=fmt, alignment=WRAP, border=BOX)


def print_setup(ws: Worksheet, landscape: bool = True, footer: str = "") -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.right.text = "Sida &P av &N"
    if footer:
        ws.oddFooter.left.text = header_footer_text(footer)
