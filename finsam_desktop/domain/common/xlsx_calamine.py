"""The .xlsx pieces both workbook readers share (the first sheet, which formats are dates) and the calamine reader
(Rust; python-calamine), used where it reads a workbook exactly as ``tabular``'s streaming XML reader would."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
#: calamine allocates the sheet's whole rectangle; beyond this many cells the streaming reader is used.
CALAMINE_MAX_CELLS = 20_000_000


def first_sheet(zf, names: set[str]) -> tuple[str, bool]:
    """The first sheet's part name in the package, and whether the workbook counts dates from 1904."""
    from xml.etree.ElementTree import fromstring

    sheet, date1904 = "xl/worksheets/sheet1.xml", False
    if "xl/workbook.xml" in names:
        wb = fromstring(zf.read("xl/workbook.xml"))
        pr = wb.find(NS + "workbookPr")
        date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
        first = wb.find(f"{NS}sheets/{NS}sheet")
        if first is not None and "xl/_rels/workbook.xml.rels" in names:
            rid = first.get(RELNS + "id")
            for rel in fromstring(zf.read("xl/_rels/workbook.xml.rels")):
                if rel.get("Id") == rid:
                    target = rel.get("Target", "").lstrip("/")
                    sheet = target if target.startswith("xl/") else "xl/" + target
    return sheet, date1904


def fast_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^]]*\]', "", code.lower())
    return "y" in code or "d" in code


def _calamine_date_format(code: str) -> bool:
    """Whether calamine reads a number in this custom format as a date, time or duration (its own rule)."""
    escaped = quoted = ap = hms = False
    brackets = 0
    prev = " "
    for ch in code:
        if escaped:
            escaped = False
        elif ch in "_\\":
            escaped = True
        elif quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch == ";":
            return False
        elif ch == "[":
            brackets += 1
        elif ch == "]" and brackets == 1 and hms:
            return True
        elif ch == "]":
            brackets = max(0, brackets - 1)
        elif ch in "aA" and not ap and brackets == 0:
            ap = True
        elif brackets == 0 and ch in ("pmPM/" if ap else "dmhysDMHYS"):
            return True
        elif not (hms and ch.lower() == prev.lower()):
            hms = prev == "[" and ch in "mhsMHS"
        prev = ch
    return False


# Built-in formats calamine reads as dates/durations but the streaming reader as numbers (East Asian
# date formats, [h]:mm:ss).
_CALAMINE_ONLY_DATE_IDS = set(range(27, 37)) | {46} | set(range(50, 59))


class NotLikeOurReader(Exception):
    """calamine would read this workbook differently from the streaming reader: use that one instead."""


class ReadAgain(Exception):
    """The streaming calamine reader met a cell the streaming XML reader would read differently: read the file
    again with ``read_table``."""


_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,4})\d')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,4}(\d{1,9})"')


def _col_number(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col


def _above(s: bytes, lo: int, hi: int, most: int) -> bytes:
    """A pattern for a run of the characters ``lo``…``hi`` (digits or capitals) that is longer than ``s`` (at most
    ``most``) or as long and greater: a greater row number or column (a leading zero only makes it match more)."""
    cls = b"[%c-%c]" % (lo, hi)
    alts = [cls + b"{%d,%d}" % (len(s) + 1, most)] if len(s) < most else []
    for i, ch in enumerate(s):
        if ch < hi:
            alts.append(re.escape(s[:i]) + b"[%c-%c]" % (ch + 1, hi) + (cls + b"{%d}" % (len(s) - i - 1)))
    return b"(?:" + b"|".join(alts) + b")" if alts else b"(?!)"


_ROW_TAG = re.compile(rb'<row r="(\d{1,9})"')


@lru_cache(maxsize=64)
def _beyond(col: bytes, row: int) -> re.Pattern[bytes]:
    """Finds a cell reference beyond column ``col`` or row ``row``."""
    return re.compile(
        rb'<c r="(?:' + _above(col, 65, 90, 4) + rb"\d|[A-Z]{1,4}" + _above(str(row).encode(), 48, 57, 9) + b'")'
    )


_ERROR_CELL = re.compile(rb""" t=["']e["']""")
_NO_REFERENCE = re.compile(rb'<c(?:>| (?!r="))')


def _odd(part: bytes) -> bool:
    """An error cell (calamine gives "" where the streaming reader gives the error text), or a cell without a
    plain leading reference (let the streaming reader place it)."""
    return _ERROR_CELL.search(part) is not None or _NO_REFERENCE.search(part) is not None


def _quick_bounds(part: bytes) -> tuple[int, int] | None:
    """An upper bound of the columns and rows ``part``'s cells reach: its last rows' widest column and number
    (rounded up to two figures, so that one pattern serves many pieces), when one search finds nothing beyond
    them; else None."""
    tail = part.rfind(b'<row r="')
    row = _ROW_TAG.match(part, tail) if tail >= 0 else None
    # The widest column of the last two rows (the last one may go on in the next piece).
    letters = set(_CELL_COLUMN.findall(part, max(0, part.rfind(b'<row r="', 0, tail)))) if row is not None else ()
    if not letters:
        return None
    widest = max(letters, key=lambda x: (len(x), x))
    n = int(row[1])  # type: ignore[index]
    step = 10 ** max(0, len(str(n)) - 2)
    n = -(-n // step) * step
    if _beyond(widest, n).search(part) is not None:
        return None
    return _col_number(widest), n


def _exact_fits(pieces: Iterable[bytes]) -> bool:
    max_col, max_row = 0, 0
    for part in pieces:
        if _odd(part):
            return False
        max_col = max(max_col, max((_col_number(x) for x in set(_CELL_COLUMN.findall(part))), default=0))
        rows = _CELL_ROW.findall(part)
        max_row = max(max_row, max(map(int, rows)) if rows else 0)
    return max_col * max_row <= CALAMINE_MAX_CELLS


def _calamine_fits(xml: bytes | Callable[[], Iterator[bytes]]) -> bool:
    """Whether the rectangle calamine allocates (first to last cell) stays small; a cell far out (a damaged
    reference) would make it allocate billions of cells. Also False for an error cell (calamine gives "" where
    the streaming reader gives the error text) and for cells without a plain leading reference. ``xml``: the
    sheet, or a function giving it in pieces cut after a ``>``.

    Quickly, by one search a piece (``_quick_bounds``); where that finds something or the bound is too big,
    by reading every reference."""
    pieces = (lambda: iter((xml,))) if isinstance(xml, bytes) else xml
    max_col, max_row = 0, 0
    for part in pieces():
        if _odd(part):
            return False
        bounds = _quick_bounds(part)
        if bounds is None:
            return _exact_fits(pieces())
        max_col, max_row = max(max_col, bounds[0]), max(max_row, bounds[1])
    return max_col * max_row <= CALAMINE_MAX_CELLS or _exact_fits(pieces())


def _sheet_pieces(zf, sheet: str, size: int = 1 << 22) -> Iterator[bytes]:
    """The sheet's XML in pieces of about ``size`` bytes, each cut right after a ``>`` (never inside a tag)."""
    with zf.open(sheet) as f:
        rest = b""
        while chunk := f.read(size):
            buf = rest + chunk
            cut = buf.rfind(b">") + 1
            rest = buf[cut:]
            yield buf[:cut]
        if rest:
            yield rest


def _same_date_formats(zf, names: set[str]) -> bool:
    """Whether calamine takes the same number formats for dates as the streaming reader."""
    from xml.etree.ElementTree import fromstring

    if "xl/styles.xml" in names:
        styles = fromstring(zf.read("xl/styles.xml"))
        numfmts = styles.find(NS + "numFmts")
        custom = {int(nf.get("numFmtId")): nf.get("formatCode", "") for nf in (numfmts if numfmts is not None else ())}
        xfs = styles.find(NS + "cellXfs")
        for xf in xfs if xfs is not None else ():
            fid = int(xf.get("numFmtId", "0"))
            if fid in custom:
                if _calamine_date_format(custom[fid]) != fast_date_format(custom[fid]):
                    return False
            elif fid in _CALAMINE_ONLY_DATE_IDS:
                return False
    return True


def calamine_takes(data: bytes, zf, names: set[str]) -> bool:
    """Whether calamine is installed, opens the workbook and reads its date formats as the streaming reader does
    (what else ``calamine_sheet`` looks at is in the sheet's cells)."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return False
    try:
        CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names  # noqa: B018 (opening is the test)
    except BaseException as exc:  # calamine's own error, or a Rust panic (pyo3's PanicException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return False
    return _same_date_formats(zf, names)


def calamine_sheet(data: bytes):
    """The first sheet opened by calamine, or None when calamine is not installed or the workbook has something
    the two readers would read differently."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    sheet, _ = first_sheet(zf, names)
    if not _calamine_fits(lambda: _sheet_pieces(zf, sheet)):
        return None
    if not _same_date_formats(zf, names):
        return None
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)


def _calamine_value(v: object) -> object:
    t = type(v)
    if t is str:
        return v or None
    if t is float:
        if v != v or v in (float("inf"), float("-inf")):
            raise NotLikeOurReader
        return int(v) if v.is_integer() and abs(v) < 1e16 else Decimal(repr(v))
    if t is datetime:
        return v.date()  # type: ignore[attr-defined]
    if t is date or t is bool or t is int:
        return v
    raise NotLikeOurReader  # a time of day or a duration: the streaming reader makes a date of it


def calamine_rows(ws) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The sheet's rows with the streaming reader's values; ``NotLikeOurReader`` at a value it would read
    differently."""
    value = _calamine_value
    for number, cells in enumerate(ws.iter_rows(), start=1):
        values = [v if type(v) is str and v else value(v) for v in cells]
        while values and values[-1] is None:
            values.pop()
        yield number, tuple(values)


def calamine_xlsx_rows(data: bytes) -> list[tuple[int, tuple[object, ...]]] | None:
    """The first sheet's rows read by calamine (Rust) with the streaming reader's values, or None when
    calamine is not installed or the workbook has something the two would read differently."""
    ws = calamine_sheet(data)
    if ws is None:
        return None
    try:
        return list(calamine_rows(ws))
    except NotLikeOurReader:
        return None
