"""One tolerant reader for every file a user imports: .csv/.txt or .xlsx, whatever the encoding or line ends.

``read_table`` gives every record of the file (the first sheet of a workbook) as numbered rows of cells, or
raises ``TableReadError`` – a Swedish message naming the file, row and column – and never anything else:

- text: a BOM (UTF-8, UTF-16 LE/BE), UTF-16 without a BOM (guessed from its zero bytes), else UTF-8 and
  then Windows-1252. Swedish exports come in exactly these; a general detector (charset-normalizer) was
  tried and guessed ``hp_roman8`` for a Windows-1252 line with ``Förbundsstyrelse``, so the rule is spelt out
  here instead. A file with NUL bytes is binary, not a table.
- CR, LF and CRLF line ends alike (the csv module on ``newline=""``), delimiter ``;``, tab or ``,`` taken from
  the first line, Excel's ``sep=;`` first line obeyed and skipped (its row number still counts).
- .xlsx (recognised by content, whatever the name): python-calamine (``xlsx_calamine``) when installed and when
  it reads the workbook exactly as the streaming XML reader below would, else that reader, else openpyxl. A corrupt,
  encrypted or old-format (.xls) workbook is a Swedish error. A first sheet of ``FAST_MIN_SHEET_BYTES`` or more is
  read by ``xlsx_stream`` instead, a piece at a time, with the rows the reader it stands in for would give (calamine
  holds every cell at once); a sheet it does not take goes the way above.
- no cell longer than ``MAX_CELL_CHARS``; messages quote at most ``clip``'s 60 characters of a cell.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.domain.common.xlsx_calamine import NS as _NS
from finsam_desktop.domain.common.xlsx_calamine import (
    NotLikeOurReader,
    ReadAgain,
    calamine_rows,
    calamine_sheet,
    calamine_xlsx_rows,
    first_sheet,
)
from finsam_desktop.domain.common.xlsx_stream import NotFast, date_styles, fast_xlsx_rows, shared_strings

MAX_CELL_CHARS = 10_000
#: Excel's own limit; a row wider than this is not a list of transactions.
MAX_COLUMNS = 16_384
#: A first sheet bigger than this unpacked (a "zip bomb", or no export a förbund makes) is refused.
MAX_SHEET_BYTES = 400 * 1024 * 1024
#: A first sheet at least this big unpacked is read by ``xlsx_stream`` (calamine would hold all its cells at once,
#: about 100 bytes each: 500 MB for 500 000 rows of 10 columns); a smaller one as before.
FAST_MIN_SHEET_BYTES = 24 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx or an old .xls is an OLE compound file
_ZIP = b"PK\x03\x04"


class TableReadError(ValidationError):
    """The file cannot be read as a table; the message says why and where, in Swedish."""


@dataclass(frozen=True)
class Table:
    """Every record of the file with its number (1 = the first line or sheet row), empty ones included."""

    kind: str  # "csv" or "xlsx"
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    encoding: str = ""
    delimiter: str = ""


def is_workbook(data: bytes) -> bool:
    return data[:4] == _ZIP or data[:8] == _OLE


def read_table(data: bytes, delimiters: Sequence[str] = (";", "\t", ",")) -> Table:
    """The file's rows (see the module docstring). ``delimiters`` in order of preference for text files."""
    if is_workbook(data):
        return Table("xlsx", tuple(read_xlsx_rows(data)))
    text, encoding = decode_text(data)
    rows, delimiter = read_csv_text(text, delimiters)
    return Table("csv", tuple(rows), encoding, delimiter)


def iter_table(data: bytes, delimiters: Sequence[str] = (";", "\t", ",")) -> tuple[str, Iterator]:
    """``read_table``'s kind and rows, the rows of a text file read one at a time (a big export is never held
    as a table of strings); a read error is raised when its row is reached."""
    if is_workbook(data):
        return "xlsx", iter_xlsx_rows(data)
    text, _encoding = decode_text(data)
    rows, _delimiter = iter_csv_text(text, delimiters)
    return "csv", rows


# --- text -------------------------------------------------------------------------------------------


def _row_of(data: bytes, offset: int, unit: bytes = b"\n") -> int:
    return data[:offset].count(unit) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte of the start is zero, as in UTF-16 text of Latin script."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """The file as text and the encoding it was read in; ``TableReadError`` for binary or undecodable data."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = ("utf-16-le" if data[0] == 0xFF else "utf-16-be"), data[2:]
    else:
        encoding, body = _utf16_without_bom(data) or "", data
    if encoding.startswith("utf-16"):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            newline = b"\n\0" if encoding.endswith("le") else b"\0\n"
            raise TableReadError(
                f"filen ser ut att vara UTF-16-kodad men rad {_row_of(body, exc.start, newline)} "
                "går inte att läsa så. Spara den som CSV (UTF-8) eller Excel.",
                "Fil",
            ) from None
    elif encoding == "utf-8":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TableReadError(
                f"filen börjar som UTF-8 men rad {_row_of(body, exc.start)} har tecken som inte är UTF-8. "
                "Spara den som CSV (UTF-8) eller Excel.",
                "Fil",
            ) from None
    else:
        try:
            text, encoding = body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = body.decode("cp1252"), "cp1252"
            except UnicodeDecodeError as exc:
                raise TableReadError(
                    f"filen är varken UTF-8, UTF-16 eller Windows-1252 (rad {_row_of(body, exc.start)}) och ser "
                    "inte ut att vara en textfil. Spara den som CSV eller Excel.",
                    "Fil",
                ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise TableReadError(
            f"filen innehåller binära data (rad {text.count(chr(10), 0, nul) + 1}) och är ingen tabell. "
            "Välj en CSV- eller Excel-fil.",
            "Fil",
        )
    return text, encoding


def read_text(data: bytes) -> str:
    """A free-text file (a sammanträdesplan) decoded like a table, refusing control characters by row."""
    text, _ = decode_text(data)
    text = text.rstrip("\x1a")
    first, sep, rest = text.partition("\n")
    if _SEP_LINE.match(first):
        text = sep + rest  # Excel's "sep=;" line; the row numbers stay those of the file
    if m := _CONTROL.search(text):
        raise TableReadError(
            f"rad {text.count(chr(10), 0, m.start()) + 1} innehåller styrtecknet U+{ord(m[0]):04X} "
            "(filen är skadad eller ingen textfil).",
            "Fil",
        )
    return text


_SEP_LINE = re.compile(r'^\s*"?sep=(.)"?\s*$', re.IGNORECASE)


def _first_line(text: str) -> str:
    for line in io.StringIO(text[:65536], newline=""):
        if line.strip():
            return line
    return ""


def sniff_delimiter(line: str, delimiters: Sequence[str]) -> str:
    """The candidate that occurs most often in ``line`` outside quotes; ties go to the earlier candidate."""
    unquoted = re.sub(r'"[^"]*"', "", line)
    best = max(delimiters, key=lambda d: (unquoted.count(d), -delimiters.index(d)))
    return best if unquoted.count(best) else delimiters[0]


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def _too_long(row: int, col: int, cell: str, exact: bool = True) -> TableReadError:
    if not exact:
        return TableReadError(
            f"cellen är för lång (över 131\u00a0000 tecken, högst {_count(MAX_CELL_CHARS)}); "
            "kanske ett citattecken som inte avslutas.",
            f"Rad {row}",
        )
    hint = " (ett citattecken som inte avslutas?)" if "\n" in cell else ""
    return TableReadError(
        f"cellen är för lång ({_count(len(cell))} tecken, högst {_count(MAX_CELL_CHARS)}) och börjar "
        f"”{clip(cell)}”{hint}.",
        f"Rad {row}, kolumn {col}",
    )


def read_csv_text(
    text: str, delimiters: Sequence[str] = (";", "\t", ",")
) -> tuple[list[tuple[int, tuple[object, ...]]], str]:
    """Numbered records of delimited text (any line ends) and the delimiter used."""
    rows, delimiter = iter_csv_text(text, delimiters)
    return list(rows), delimiter


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, split as ``io.StringIO(text, newline="")`` splits them, without
    the StringIO's copy of the text (four bytes a character: 250 MB for a 60 MB export)."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        yield from io.StringIO(text, newline="")  # a lone CR ends a line too
        return
    find, start, end = text.find, 0, len(text)
    while start < end:
        i = find("\n", start)
        if i < 0:
            yield text[start:]
            return
        yield text[start : i + 1]
        start = i + 1


def iter_csv_text(
    text: str, delimiters: Sequence[str] = (";", "\t", ",")
) -> tuple[Iterator[tuple[int, tuple[object, ...]]], str]:
    """``read_csv_text``'s records one at a time (each checked by ``check_row`` as it is read)."""
    first = _first_line(text)
    skip_first = False
    if m := _SEP_LINE.match(first):
        delimiter, skip_first = m[1], True
    else:
        delimiter = sniff_delimiter(first, delimiters)
    text = text.rstrip("\x1a")  # the end-of-file mark of old DOS programs
    controls = _CONTROL.search(text) is not None

    def rows() -> Iterator[tuple[int, tuple[object, ...]]]:
        nonlocal skip_first
        reader = csv.reader(_lines(text), delimiter=delimiter)
        number = 0
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise _too_long(number, 0, "", exact=False) from None
                raise TableReadError(f"raden går inte att läsa som CSV ({exc}).", f"Rad {number}") from None
            if skip_first and number == 1 and cells and _SEP_LINE.match(delimiter.join(cells)):
                skip_first = False
                yield number, ()
                continue
            skip_first = False
            if controls or len(cells) > MAX_COLUMNS or (cells and max(map(len, cells)) > MAX_CELL_CHARS):
                check_row(number, cells, controls)
            yield number, tuple(cells)

    return rows(), delimiter


#: Control characters no export has in its text (and that no workbook may hold); tab and line ends are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check_row(number: int, cells: Sequence[object], controls: bool = True) -> None:
    """Refuse a row too wide, a cell too long or (when ``controls``) a cell with a control character."""
    if len(cells) > MAX_COLUMNS:
        raise TableReadError(f"raden har {len(cells)} kolumner; högst {MAX_COLUMNS} går att läsa.", f"Rad {number}")
    for col, cell in enumerate(cells, start=1):
        if isinstance(cell, str):
            if len(cell) > MAX_CELL_CHARS:
                raise _too_long(number, col, cell)
            if controls and (m := _CONTROL.search(cell)):
                raise TableReadError(
                    f"cellen innehåller styrtecknet U+{ord(m[0]):04X}, som inte hör hemma i en tabell "
                    "(filen är skadad eller ingen textfil).",
                    f"Rad {number}, kolumn {col}",
                )


# --- .xlsx ------------------------------------------------------------------------------------------

_BROKEN = "filen kunde inte läsas som Excel-arbetsbok (den är skadad eller ofullständig). Öppna och spara om den i Excel, eller spara den som CSV."


def _open_checked(data: bytes) -> int:
    """Refuse an encrypted or old workbook, a broken package and a first sheet too big to read; the size of the
    first sheet's XML."""
    if data[:8] == _OLE:
        raise TableReadError(
            "filen är en lösenordsskyddad arbetsbok eller i det gamla Excel-formatet (.xls). "
            "Spara den i Excel som .xlsx utan lösenord, eller som CSV.",
            "Fil",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        sheet, _ = first_sheet(zf, names)
        info = zf.getinfo(sheet)
    except Exception:
        raise TableReadError(_BROKEN, "Fil") from None
    if info.file_size > MAX_SHEET_BYTES:
        raise TableReadError("arbetsbokens första blad är för stort för att läsas in.", "Fil")
    return info.file_size


def _fast_rows(data: bytes) -> list[tuple[int, tuple[object, ...]]] | None:
    """A big sheet's rows by ``xlsx_stream``, or None where it does not take the sheet."""
    try:
        return list(fast_xlsx_rows(data))
    except NotFast:
        return None
    except Exception:  # a damaged package: the other readers say what is wrong
        return None


def read_xlsx_rows(data: bytes) -> list[tuple[int, tuple[object, ...]]]:
    """The first sheet's rows by the fastest reader that reads it right; ``TableReadError`` if none can."""
    big = _open_checked(data) >= FAST_MIN_SHEET_BYTES
    rows: list[tuple[int, tuple[object, ...]]] | None = _fast_rows(data) if big else None
    try:
        if rows is None:
            rows = calamine_xlsx_rows(data)
    except TableReadError:
        raise
    except BaseException as exc:  # a Rust panic in calamine is a BaseException (pyo3's PanicException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        rows = None
    if rows is None:
        try:
            rows = list(stream_xlsx_rows(data))
        except TableReadError:
            raise
        except Exception:
            try:
                rows = list(openpyxl_xlsx_rows(data))
            except TableReadError:
                raise
            except Exception:
                raise TableReadError(_BROKEN, "Fil") from None
    for number, cells in rows:
        check_row(number, cells)
    return rows


def _col_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
        if n > MAX_COLUMNS:
            raise TableReadError(f"cellen {clip(ref, 20)} ligger utanför Excels {MAX_COLUMNS} kolumner.", "Fil")
    return n - 1


def stream_xlsx_rows(data: bytes) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Stream the first sheet's rows straight from the XML (much faster than openpyxl for big lists).

    Yields (row number, tuple of values); dates come back as ``date`` where the cell style is a date format."""
    from xml.etree.ElementTree import iterparse

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    shared = shared_strings(zf, names)
    date_styles_ = date_styles(zf, names)
    sheet, date1904 = first_sheet(zf, names)
    epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    for _ev, el in iterparse(zf.open(sheet)):
        if el.tag != _NS + "row":
            continue
        number = int(el.get("r", "0"))
        values: list[object] = []
        for c in el.iter(_NS + "c"):
            ref = c.get("r")
            if ref:
                idx = _col_index(ref)
                while len(values) < idx:
                    values.append(None)
            t = c.get("t", "n")
            v = c.find(_NS + "v")
            if t == "inlineStr":
                value: object = "".join(x.text or "" for x in c.iter(_NS + "t"))
            elif v is None or v.text is None:
                value = None
            elif t == "s":
                value = shared[int(v.text)]
            elif t in ("str", "e"):
                value = v.text
            elif t == "b":
                value = v.text == "1"
            else:
                text = v.text
                number_value: object = int(text) if re.fullmatch(r"-?\d+", text) else Decimal(text)
                if int(c.get("s", "0")) in date_styles_:
                    try:
                        value = epoch + timedelta(days=int(float(text)))
                    except (OverflowError, ValueError):  # no date: leave the number for the field to refuse
                        value = number_value
                else:
                    value = number_value
            values.append(value)
        el.clear()
        yield number, tuple(values)


def iter_xlsx_rows(data: bytes) -> Iterator[tuple[int, tuple[object, ...]]]:
    """``read_xlsx_rows``'s rows one at a time where calamine reads the workbook (each checked by ``check_row``
    as it is read); ``ReadAgain`` when calamine meets a value the streaming reader reads differently (or the fast
    reader of a big sheet something it does not take, after some rows)."""
    if _open_checked(data) >= FAST_MIN_SHEET_BYTES:
        fast = fast_xlsx_rows(data)
        try:
            first = next(fast, None)
        except Exception:  # NotFast, or a damaged package the other readers report
            first = fast = None
        if fast is not None:
            yield from _checked(_fast_or_again(first, fast))
            return
    try:
        ws = calamine_sheet(data)
    except TableReadError:
        raise
    except BaseException as exc:  # a Rust panic in calamine is a BaseException (pyo3's PanicException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        ws = None
    if ws is None:
        yield from read_xlsx_rows(data)
        return
    yield from _checked(_calamine_or_again(calamine_rows(ws)))


def _fast_or_again(first, rows: Iterator) -> Iterator[tuple[int, tuple[object, ...]]]:
    if first is None:
        return
    yield first
    try:
        yield from rows
    except Exception:
        raise ReadAgain from None


def _calamine_or_again(rows: Iterator) -> Iterator[tuple[int, tuple[object, ...]]]:
    while True:
        try:
            number, cells = next(rows)
        except StopIteration:
            return
        except NotLikeOurReader:
            raise ReadAgain from None
        except BaseException as exc:  # a Rust panic in calamine
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
                raise
            raise ReadAgain from None
        yield number, cells


def _checked(rows: Iterator) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Each row checked by ``check_row`` where it could fail (a row too wide, a cell too long or with a control
    character)."""
    for number, cells in rows:
        strings = [c for c in cells if type(c) is str]
        if (
            len(cells) > MAX_COLUMNS
            or (strings and max(map(len, strings)) > MAX_CELL_CHARS)
            or _CONTROL.search("".join(strings))
        ):
            check_row(number, cells)
        yield number, cells


def openpyxl_xlsx_rows(data: bytes) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The first sheet's rows by openpyxl (the slowest reader, for workbooks the others cannot read)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # a damaged <dimension> must not make it pad a million empty rows
        for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, tuple(cells)
    finally:
        wb.close()
