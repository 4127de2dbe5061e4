"""The one workbook writer: every cell of every Excel export is written through :func:`put` and every workbook
is saved through :func:`save`.

The rule: **text from data is stored as text, never as a formula.** openpyxl turns any ``str`` that begins with
``=`` into a live formula (and ``#N/A``, ``#DIV/0!`` … into error values), so a supplier called
``=HYPERLINK("http://…";"klick")`` in an imported payment file would become a link in the ordförande's
workbook. Here:

* a ``str`` is always stored as an inline string (``t="inlineStr"``) exactly as typed — nothing is added to or
  removed from the value, so the cell shows the user's text and reads back equal to it;
* a text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (what Excel and LibreOffice
  would read as the start of a formula when the cell is edited, or when the sheet is saved as CSV and opened
  again) also gets the cell style's *quote prefix* (``quotePrefix="1"``): Excel and LibreOffice show it as text
  and keep it text when the cell is edited; the apostrophe is not part of the value;
* numbers, dates and ``None`` are stored as they are (a negative amount stays a number; the text ``-5 %`` stays
  text);
* characters XML cannot carry (control characters other than tab, line feed and carriage return) are shown as
  U+FFFD instead of making the export fail;
* formulas the report builds on purpose (sums, counts, ratios) are passed as :func:`formula` and are made only
  of cell references, functions and the report's own constant labels — never of data text.

:func:`save` is the guard: before writing the file it turns every formula cell that was not made by
:func:`formula` into text, so a cell written past :func:`put` can never carry a formula either.

**Every formula carries its cached value**: :func:`formula` takes the program's own figure for it
(``formula("=SUM(D4:D9)", total)``) and refuses a formula without one. openpyxl writes formulas with an empty
``<v>``, so a viewer that does not recalculate (a phone, a mail preview, pandas, a PDF converter) would show empty
cells; :func:`save` writes each value into its cell's ``<v>`` in the saved package (numbers as numbers, text with
``t="str"``, ``""`` for a cell that shows nothing, truth values with ``t="b"``). Excel and LibreOffice still
recalculate on opening (openpyxl sets ``fullCalcOnLoad``); ``tests/reports/test_every_workbook.py`` checks that
LibreOffice's recalculation gives the cached value in every formula cell of every workbook the program exports.
"""

from __future__ import annotations

import io
import re
import weakref
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

#: First characters that make a spreadsheet read a text as a formula (OWASP's CSV-injection list).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Per worksheet: coordinate → the text of each formula the report itself wrote with :func:`formula`.
_FORMULAS: weakref.WeakKeyDictionary[Worksheet, dict[str, str]] = weakref.WeakKeyDictionary()


#: Per worksheet: coordinate → the cached value of each formula that was given one.
_CACHED: weakref.WeakKeyDictionary[Worksheet, dict[str, object]] = weakref.WeakKeyDictionary()

_NO_VALUE = object()


class Formula(str):
    """A formula the report builds itself (``=SUM(F5:F9)``); made by :func:`formula`. ``cached`` is the value a
    viewer shows without recalculating."""

    cached: object = _NO_VALUE


def formula(expr: str, value: object) -> Formula:
    """Mark ``expr`` as a formula of the report's own making. It must start with ``=``; build it only from cell
    references, functions, numbers and the report's constant labels, never from data text. ``value`` is the
    program's own figure for it (a number, a text such as ``""`` for a cell that shows nothing, or a truth
    value), stored as the cached value; ``None`` is refused (say ``""`` or ``0``: what the formula gives)."""
    if not expr.startswith("="):
        raise ValueError(f"En formel ska börja med = (fick {expr!r}).")
    if value is None or value is _NO_VALUE:
        raise ValueError(f"Formeln {expr} saknar sitt beräknade värde.")
    f = Formula(expr)
    f.cached = value
    return f


def safe_text(value: str) -> str:
    """``value`` as it can be stored in a cell: unchanged, except characters XML cannot carry (shown as U+FFFD)."""
    return _ILLEGAL.sub("\ufffd", value)


def needs_quote_prefix(value: object) -> bool:
    """Whether a text would be read as a formula by a spreadsheet if typed or imported again."""
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def write(cell: Cell, value: object) -> Cell:
    """Store ``value`` in ``cell`` by the rule above and return the cell."""
    ws = cell.parent
    for registry in (_FORMULAS, _CACHED):
        registered = registry.get(ws)
        if registered is not None:
            registered.pop(cell.coordinate, None)
    if isinstance(value, Formula):
        cell.value = str(value)
        cell.data_type = "f"
        _FORMULAS.setdefault(ws, {})[cell.coordinate] = str(value)
        if value.cached is not _NO_VALUE:
            _CACHED.setdefault(ws, {})[cell.coordinate] = value.cached
        return cell
    if isinstance(value, str):
        _store_text(cell, value)
        return cell
    cell.value = value
    return cell


def _store_text(cell: Cell, value: str) -> None:
    text = safe_text(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl made "=…" a formula and "#N/A" an error value; this is text
    if needs_quote_prefix(text):
        cell.quotePrefix = True


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: object = None,
    *,
    fmt: str | None = None,
    font=None,
    fill=None,
    alignment=None,
    border=None,
) -> Cell:
    """Write ``value`` to ``ws`` at (``row``, ``col``) through :func:`write`, with the given styles."""
    cell = write(ws.cell(row=row, column=col), value)
    if fmt:
        cell.number_format = fmt
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


def put_at(ws: Worksheet, ref: str, value: object = None, **styles) -> Cell:
    """:func:`put` addressed as ``"A1"``."""
    cell = ws[ref]
    return put(ws, cell.row, cell.column, value, **styles)


def append(ws: Worksheet, values: Iterable[object]) -> int:
    """Write ``values`` as a new row below the last one (like ``Worksheet.append``); returns the row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, start=1):
        put(ws, row, col, value)
    return row


def header_footer_text(text: str) -> str:
    """Data text for a print header or footer: ``&`` starts a control code there (``&P`` = page number), so it
    is doubled to print as itself."""
    return safe_text(text).replace("&", "&&")


def seal(wb: Workbook) -> int:
    """Make every cell of ``wb`` obey the rule; returns how many cells had to be turned into text."""
    fixed = 0
    for ws in wb.worksheets:
        registered = _FORMULAS.get(ws, {})
        for cell in ws._cells.values():
            if cell.data_type == "f":
                if registered.get(cell.coordinate) == cell.value:
                    continue
                _store_text(cell, str(cell.value))
                fixed += 1
            elif cell.data_type == "e" or (cell.data_type == "s" and isinstance(cell.value, str)):
                if cell.data_type == "e" or (needs_quote_prefix(cell.value) and not cell.quotePrefix):
                    _store_text(cell, str(cell.value))
                    fixed += 1
    return fixed


def cached_value_xml(value: object) -> tuple[str, str]:
    """(``t`` attribute, ``<v>`` text) of a cached formula value."""
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        number = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
        return "", format(number.normalize(), "f") if number else "0"
    return ' t="str"', xml_escape(safe_text(str(value)))


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', re.S)


def _with_cached_values(data: bytes, wb: Workbook) -> bytes:
    """``data`` (the saved package) with each given cached value written into its formula cell's ``<v>``."""
    parts = {}
    for ws in wb.worksheets:
        cached = _CACHED.get(ws)
        if cached and _FORMULAS.get(ws):
            live = {k: v for k, v in cached.items() if _FORMULAS[ws].get(k) == ws[k].value}
            if live:
                parts[ws.path.lstrip("/")] = live
    if not parts:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            values = parts.get(item.filename)
            if values:

                def fill(m: re.Match, values=values) -> bytes:
                    ref = m.group(1).decode()
                    if ref not in values:
                        return m.group(0)
                    t, v = cached_value_xml(values[ref])
                    attrs = re.sub(rb'\s+t="[^"]*"', b"", m.group(2))
                    return b'<c r="%s"%s%s><f>%s</f><v>%s</v></c>' % (
                        m.group(1),
                        attrs,
                        t.encode(),
                        m.group(3),
                        v.encode("utf-8"),
                    )

                body = _FORMULA_CELL.sub(fill, body)
            dst.writestr(item, body)
    return out.getvalue()


def save(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes, after :func:`seal`, with every given formula value cached."""
    seal(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return _with_cached_values(buf.getvalue(), wb)
