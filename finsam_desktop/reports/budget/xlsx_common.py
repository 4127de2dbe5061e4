"""Shared pieces of the budget workbook's sheets: number formats, styles, page set-up, and sums whose cached
value is the program's own figure."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_desktop.reports.common.workbook import Formula, formula, put

KR = "#,##0;-#,##0"
KR_ORE = "#,##0.00;-#,##0.00"
KR_TKR = "#,##0,;-#,##0,"  # kronor shown in thousands (the cell keeps kronor, so formulas stay exact)
RED = "B00020"
PCT = "0.0%"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="E8ECEF")
SECTION_FILL = PatternFill("solid", fgColor="F3F6F8")
TOTAL_BORDER = Border(top=Side(style="thin", color="555555"))
WRAP = Alignment(wrap_text=True, vertical="top")


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _setup(ws: Worksheet, title_rows: str, freeze: str, widths: Sequence[float]) -> None:
    ws.freeze_panes = freeze
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.right.text = "Sida &P av &N"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _header(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    for col, text in enumerate(labels, start=1):
        c = put(ws, row, col, text)
        c.font, c.fill = BOLD, HEAD_FILL
        c.alignment = Alignment(wrap_text=True, horizontal="center" if col > 1 else "left", vertical="center")


def _sum_formula(col: str, rows: Sequence[int], value=None) -> Formula:
    """``=SUM(…)`` over ``rows`` of ``col``, cached as ``value`` (the program's own total)."""
    cached = 0 if value is None else _cached(value)
    if not rows:
        return formula("=0", 0)
    rows = sorted(rows)
    if rows == list(range(rows[0], rows[-1] + 1)):
        text = f"=SUM({col}{rows[0]}:{col}{rows[-1]})" if len(rows) > 1 else f"=SUM({col}{rows[0]})"
    else:
        text = "=SUM(" + ",".join(f"{col}{r}" for r in rows) + ")"
    return formula(text, cached)


def _cached(value):
    """The program's figure as a formula's cached value: a number, or ``""`` where the cell shows nothing."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return _num(value)
    return value


def _counted_sum(col: str, rows: Sequence[int], value) -> Formula:
    """SUM that stays empty when none of its cells holds a number (an unknown total is not 0)."""
    if not rows:
        return formula("=0", 0)
    rng = _sum_formula(col, rows)[5:-1]
    return formula(f'=IF(COUNT({rng})=0,"",SUM({rng}))', _cached(value))


def _has_ore(value) -> bool:
    return isinstance(value, float) and not float(value).is_integer()
