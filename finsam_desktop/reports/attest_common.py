"""Shared Excel helpers for the attest area's workbooks (Swedish formats, frozen header, print set-up)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
    ws["A1"] = heading
    ws["A1"].font = Font(bold=True, size=13)
    row = 2
    for line in sub:
        ws.cell(row=row, column=1, value=line)
        row += 1
    return ws, row + 1


def header(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    for i, (t, w) in enumerate(zip(titles, widths, strict=True), start=1):
        c = ws.cell(row=row, column=i, value=t)
        c.font, c.fill, c.border = BOLD, HEAD_FILL, BOX
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.print_title_rows = f"{row}:{row}"


def body_cell(ws: Worksheet, row: int, col: int, value, fmt: str | None = None):
    c = ws.cell(row=row, column=col, value=value)
    c.alignment, c.border = WRAP, BOX
    if fmt:
        c.number_format = fmt
    return c


def print_setup(ws: Worksheet, landscape: bool = True, footer: str = "") -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.right.text = "Sida &P av &N"
    if footer:
        ws.oddFooter.left.text = footer


def save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
