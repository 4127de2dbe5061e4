"""A fast streaming reader of a big first sheet: the sheet's XML read in pieces of 4 MB and cut into rows and cells
by compiled patterns, so a sheet of millions of cells is never held whole (calamine holds it: about 100 bytes a
cell, 500 MB for 500 000 rows of 10 columns).

``fast_xlsx_rows`` gives exactly the rows of the reader ``tabular`` would otherwise use: calamine's
(``xlsx_calamine.calamine_rows``) where calamine reads the workbook, else the ElementTree streaming reader's
(``tabular.stream_xlsx_rows``). It takes the XML that Excel, LibreOffice and openpyxl write: cells ``<c r="B2"
s="1" t="s">`` with their attributes in that order and a ``<v>`` value, an inline string ``<is><t>…</t></is>``
or nothing, perhaps a formula ``<f>`` before the value. Once a row of plain cells has been seen, rows of the same
shape (the same cells, attributes and kinds of value) are read by one pattern each, the others cell by cell. At
anything else (other attributes or their order, rich inline text, a CDATA section, a comment, an unknown
entity, an illegal character, a namespace prefix, a value calamine would read otherwise) it raises ``NotFast``
and the caller reads the sheet as before. Every piece is checked whole: each ``<`` and ``&`` in it must belong
to a row or cell the patterns took."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop.domain.common.xlsx_calamine import (
    CALAMINE_MAX_CELLS,
    NS,
    calamine_takes,
    fast_date_format,
    first_sheet,
)

#: Built-in number formats that are dates.
DATE_FORMAT_IDS = set(range(14, 23)) | {45, 46, 47}
_MAX_COLUMNS = 16_384
_MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


class NotFast(Exception):
    """The sheet has something the fast reader does not take: read it with the ElementTree reader."""


def shared_strings(zf: zipfile.ZipFile, names: set[str], phonetic: list[bool] | None = None) -> list[str]:
    """The workbook's shared strings (a rich-text string's runs joined); ``phonetic`` gets True appended when
    a string has a phonetic guide (``<rPh>``, which calamine leaves out)."""
    from xml.etree.ElementTree import iterparse

    shared: list[str] = []
    if "xl/sharedStrings.xml" in names:
        for _ev, el in iterparse(zf.open("xl/sharedStrings.xml")):
            if el.tag == NS + "si":
                shared.append("".join(t.text or "" for t in el.iter(NS + "t")))
                el.clear()
            elif el.tag == NS + "rPh" and phonetic is not None:
                phonetic.append(True)
    return shared


def date_styles(zf: zipfile.ZipFile, names: set[str]) -> set[int]:
    """The cell styles (indexes into ``cellXfs``) whose number format is a date, built-in or custom."""
    from xml.etree.ElementTree import fromstring

    found: set[int] = set()
    if "xl/styles.xml" in names:
        styles = fromstring(zf.read("xl/styles.xml"))
        custom = {}
        numfmts = styles.find(NS + "numFmts")
        for nf in numfmts if numfmts is not None else ():
            custom[int(nf.get("numFmtId"))] = fast_date_format(nf.get("formatCode", ""))
        xfs = styles.find(NS + "cellXfs")
        for i, xf in enumerate(xfs if xfs is not None else ()):
            fid = int(xf.get("numFmtId", "0"))
            if fid in DATE_FORMAT_IDS or custom.get(fid):
                found.add(i)
    return found


# A cell, row tag or row end. Groups: 1 column letters, 2 row, 3 the cell's other attributes, 4 "/" of an empty
# cell, 5 a value, 6 an inline string, 7 any other content (read by ``_BODY``), 8 row number, 9 the row's other
# attributes, 10 "</row>".
_TOKEN = re.compile(
    r'<c r="([A-Z]{1,3})(\d{1,9})"([^<>/]*)(?:(/)>|>(?:<v>([^<]+)</v>|<is><t>([^<]+)</t></is>|((?:<(?!/c>)[^<]*)*))</c>)'
    r'|<row r="(\d{1,9})"([^<>]*)>|(</row>)'
)
#: The pattern before a row shape is known: the token pattern after two groups that never take part.
_NO_SHAPE = re.compile(r"()()(?!)|" + _TOKEN.pattern)
_ATTRS = re.compile(r'(?: s="(\d{1,9})")?(?: t="([a-zA-Z]{1,9})")?')
_BODY = re.compile(
    r"(<f>[^<]*</f>|<f(?: [^<>/]*)?/>)?(?:<v>([^<]*)</v>|<v/>)?"
    r"|()<is>(?:<t(?: [^<>/]*)?>([^<]*)</t>|<t(?: [^<>/]*)?/>)</is>"
)
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ILLEGAL = bytes(c for c in range(32) if c not in (9, 10, 13))  # no XML 1.0 document has these
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_CHARREF = re.compile(r"&#(?:[0-9]{1,7}|x[0-9a-fA-F]{1,6});")


def _legal(code: int) -> bool:
    return code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _char(m: re.Match[str]) -> str:
    if m[1]:
        return _NAMED[m[1]]
    code = int(m[2]) if m[2] else int(m[3], 16)
    if not _legal(code):
        raise NotFast
    return chr(code)


_ROW_TAG = re.compile(rb"<row[\s/>]")
_HEAD = re.compile(
    rb'(?:\xef\xbb\xbf)?\s*(?:<\?xml(?: [^<>?]*?)?(?: encoding=["\'](?i:utf-8)["\'])?[^<>?]*\?>\s*)?<worksheet[\s>]'
)


def _pieces(zf: zipfile.ZipFile, sheet: str, size: int) -> Iterator[bytes]:
    """The rows of ``<sheetData>`` in pieces of about ``size`` bytes, each ending after a ``</row>``."""
    with zf.open(sheet) as f:
        head = b""
        while (start := head.find(b"<sheetData")) < 0:
            chunk = f.read(size)
            if not chunk:
                raise NotFast  # no sheetData: let the ElementTree reader decide
            head += chunk
        before, buf = head[:start], head[start:]
        if (
            not _HEAD.match(before)
            or (b"encoding=" in before and not re.search(rb'encoding=["\'](?i:utf-8)["\']', before))
            or _MAIN_NS not in before
            or b"<!" in before
            or _ROW_TAG.search(before)
        ):
            raise NotFast  # another encoding or namespace, a prefix, a DTD, a row outside sheetData
        if buf.startswith(b"<sheetData/>"):
            end, buf = 0, buf[12:]
        elif buf.startswith(b"<sheetData>"):
            buf = buf[11:]
            while (end := buf.find(b"</sheetData>")) < 0:
                cut = buf.rfind(b"</row>") + 6
                if cut > 6 and len(buf) >= size:
                    yield buf[:cut]
                    buf = buf[cut:]
                chunk = f.read(size)
                if not chunk:
                    raise NotFast  # no </sheetData>: a damaged sheet
                buf += chunk
            if end:
                yield buf[:end]
        else:
            raise NotFast
        tail = buf[end:]
        while chunk := f.read(size):
            tail += chunk
        if _ROW_TAG.search(tail):
            raise NotFast


def fast_xlsx_rows(
    data: bytes, like_calamine: bool | None = None, piece: int = 1 << 22
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The first sheet's rows exactly as the reader ``tabular.read_xlsx_rows`` would use gives them, or
    ``NotFast`` (possibly after some rows) where the sheet has something this reader does not take.

    ``like_calamine`` (by default: whether calamine is installed, opens the workbook and reads the workbook's date formats as the
    streaming reader does): the rows of ``xlsx_calamine.calamine_rows`` — a number as the nearest float (Excel's
    ``852.69000000000005`` is 852.69), every row from 1 to the last with a value, an empty text as None and no
    empty cells at a row's end; a cell calamine would read otherwise (an error, a time of day, a date before
    1 March 1900, a sheet without anything in column A) is ``NotFast``. Else the rows of
    ``tabular.stream_xlsx_rows``."""
    import io

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    if like_calamine is None:
        like_calamine = calamine_takes(data, zf, names)
    phonetic: list[bool] = []
    shared = shared_strings(zf, names, phonetic)
    if like_calamine and phonetic:
        raise NotFast
    styles = date_styles(zf, names)
    sheet, date1904 = first_sheet(zf, names)
    epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    columns: dict[bytes, int] = {}
    dates: dict[str, object] = {}
    kinds: dict[str, str] = {}
    findall = _TOKEN.findall

    refs: dict[str, str] = {}

    def charref(m: re.Match[str]) -> str:
        """A character reference as its character (``&#38;`` and ``&#60;`` stay, for ``text``)."""
        ref = m[0]
        hit = refs.get(ref)
        if hit is None:
            code = int(ref[3:-1], 16) if ref[2] == "x" else int(ref[2:-1])
            if not _legal(code):
                raise NotFast
            hit = refs[ref] = ref if code in (38, 60) else chr(code)
        return hit

    def text(s: str) -> tuple[str, int]:
        """A value's entities decoded, and how many there were."""
        n = s.count("&")
        s, done = _ENTITY.subn(_char, s)
        if done != n:
            raise NotFast
        return s, n

    def number(t: str, as_date: bool) -> object:
        """The value of a number cell (a date where its style is a date format)."""
        if "&" in t:
            t = text(t)[0]
        if like_calamine:
            if not _FLOAT.fullmatch(t):
                raise NotFast
            f = float(t)
            if as_date:
                if not 61 <= f < 2_958_466 or f % 1 > 0.99998:
                    raise NotFast  # a time, Excel's 1900 leap day, no date, or a time calamine rounds up
                return epoch + timedelta(days=int(f))
            if f != f or f in (float("inf"), float("-inf")):
                raise NotFast
            return int(f) if f.is_integer() and abs(f) < 1e16 else Decimal(repr(f))
        try:
            value: object = int(t) if _INT.fullmatch(t) else Decimal(t)
        except Exception:
            raise NotFast from None
        if as_date:
            try:
                return epoch + timedelta(days=int(float(t)))
            except (OverflowError, ValueError):
                pass
        return value

    def boolean(t: str) -> bool:
        t = text(t)[0] if "&" in t else t
        if like_calamine and t not in ("0", "1"):
            raise NotFast
        return t == "1"

    def column(letters: str) -> int:
        idx = 0
        for ch in letters:
            idx = idx * 26 + ord(ch) - 64
        if idx > _MAX_COLUMNS:
            raise NotFast  # the ElementTree reader says where
        return idx - 1

    def cell_kind(attrs: str) -> str:
        """The cell's type from its attributes: "N" a number, "D" a number in a date style."""
        m = _ATTRS.fullmatch(attrs)
        if m is None:
            raise NotFast
        kind = m[2] or "n"
        if like_calamine and kind == "e":
            raise NotFast  # calamine reads an error as an empty cell
        if kind in ("s", "str", "e", "b", "inlineStr"):
            return kind
        if like_calamine and kind != "n":
            raise NotFast
        return "D" if m[1] and int(m[1]) in styles else "N"  # any other type is read as a number

    def shape_of(
        row_attrs: str, cells: list[tuple[str, str, str, str]]
    ) -> tuple[re.Pattern[str], list[tuple[int, str]], list[int], int]:
        """A pattern for whole rows like this one (the same attributes, cells and value forms), the columns that
        are no inline strings with their kinds, the inline strings' columns, and the count of ``<`` in a row."""
        pattern, convert, inline, lt = [], [], [], 2
        for i, (col, attrs, v, kind) in enumerate(cells):
            pattern.append(f'<c r="{col}(?P=row)"{re.escape(attrs)}>')
            if v:
                pattern.append("<v>([^<]+)</v></c>")
                convert.append((i, kind))
                lt += 4
            else:
                pattern.append("<is><t>([^<]+)</t></is></c>")
                inline.append(i)
                lt += 6
        row = r'()<row r="(?P<row>\d{1,9})"' + re.escape(row_attrs) + ">"
        return re.compile(row + "".join(pattern) + "</row>|" + _TOKEN.pattern), convert, inline, lt

    findall, width, convert, inline_columns, shape_lt = _NO_SHAPE.findall, 0, [], [], 0
    last_row, column_a, row_text = 0, False, ""
    shape_attrs = ""
    for raw in _pieces(zf, sheet, piece):
        if (
            len(raw.translate(None, _ILLEGAL)) != len(raw)
            or b"\xef\xbf\xbe" in raw  # U+FFFE and U+FFFF are no characters either
            or b"\xef\xbf\xbf" in raw
            or b"xmlns" in raw
            or b"<!" in raw
            or b"<?" in raw
        ):
            raise NotFast
        try:
            part = raw.decode()
        except UnicodeDecodeError:
            raise NotFast from None
        del raw
        if "\r" in part:
            part = part.replace("\r\n", "\n").replace("\r", "\n")  # XML's line ends
        if "&#" in part:
            part = _CHARREF.sub(charref, part)
        entities = "&" in part
        shape = None
        lt = amp = 0
        rows: list[tuple[int, tuple[object, ...]]] = []
        values: list[object] | None = None
        row_number = 0
        last: list[tuple[str, str, str, str]] | None = []  # the last row's cells, while they could be a shape
        for t in findall(part):
            if t[1]:  # a row of the common shape
                if values is not None:
                    raise NotFast
                cells = list(t[2 : width + 2])
                for i, kind in convert:
                    x = cells[i]
                    if "&" in x:
                        amp += x.count("&")
                    if kind == "D":
                        hit = dates.get(x)
                        if hit is None:
                            hit = dates[x] = number(x, True)
                        cells[i] = hit
                    elif kind == "N":
                        cells[i] = (
                            int(x)
                            if x.isdecimal() and (not like_calamine or (x.isascii() and len(x) < 16))
                            else number(x, False)
                        )
                    elif kind == "s":
                        try:
                            cells[i] = shared[int(x)]
                        except (ValueError, IndexError):
                            raise NotFast from None
                    elif kind == "b":
                        cells[i] = boolean(x)
                    elif "&" in x:  # str, e
                        cells[i] = text(x)[0]
                if entities:
                    for i in inline_columns:
                        if "&" in cells[i]:
                            cells[i], n = text(cells[i])
                            amp += n
                lt += shape_lt
                rows.append((int(t[1]), tuple(cells)))
                continue
            col, cell_row, attrs, slash, v, inline, body, rn, rattrs, _end = t[width + 2 :]
            if col:
                if values is None or (like_calamine and cell_row != row_text):
                    raise NotFast  # a cell outside a row, or (to calamine) in another row
                idx = columns.get(col)
                if idx is None:
                    idx = columns[col] = column(col)
                if len(values) < idx:
                    values.extend([None] * (idx - len(values)))
                kind = kinds.get(attrs)
                if kind is None:
                    kind = kinds[attrs] = cell_kind(attrs)
                if last is not None:
                    if idx == len(last) and ((v and kind != "inlineStr") or (inline and kind == "inlineStr")):
                        last.append((col, attrs, v, kind))
                    else:
                        last = None
                if v:
                    lt += 4
                elif inline:
                    if kind != "inlineStr":
                        raise NotFast
                    lt += 6
                    if "&" in inline:
                        inline, n = text(inline)
                        amp += n
                    values.append(inline)
                    continue
                elif slash:
                    lt += 1
                    values.append("" if kind == "inlineStr" else None)
                    continue
                else:
                    m = _BODY.fullmatch(body)
                    if m is None:
                        raise NotFast
                    lt += 2 + body.count("<")
                    amp += body.count("&")
                    if kind == "inlineStr":
                        if m[3] is None:
                            values.append("")  # the ElementTree reader reads an inline string's <t>s only
                        else:
                            values.append(text(m[4])[0] if m[4] else "")
                        continue
                    if m[3] is not None:
                        raise NotFast  # an inline string on a cell of another type
                    v = m[2]
                    if not v:
                        values.append(None)
                        continue
                    amp -= v.count("&")
                if "&" in v:
                    amp += v.count("&")
                if kind == "N" or kind == "D":
                    if kind == "D":
                        hit = dates.get(v)
                        if hit is None:
                            hit = dates[v] = number(v, True)
                        values.append(hit)
                    else:
                        values.append(
                            int(v)
                            if v.isdecimal() and (not like_calamine or (v.isascii() and len(v) < 16))
                            else number(v, False)
                        )
                elif kind == "s":
                    try:
                        values.append(shared[int(v)])
                    except (ValueError, IndexError):
                        raise NotFast from None
                elif kind == "str" or (kind == "e" and not like_calamine):
                    values.append(text(v)[0] if "&" in v else v)
                elif kind == "b":
                    values.append(boolean(v))
                elif kind == "inlineStr":
                    values.append("")
                else:
                    raise NotFast
            elif rn:
                if values is not None:
                    raise NotFast
                lt += 1
                if rattrs.endswith("/"):
                    rows.append((int(rn), ()))
                else:
                    row_number, row_text = int(rn), rn
                    values = []
                    last = [] if not width else None
                    shape_attrs = rattrs
            else:
                if values is None:
                    raise NotFast
                lt += 1
                rows.append((row_number, tuple(values)))
                values = None
                if last is not None and len(last) > 1:
                    shape = (shape_attrs, last)
        if values is not None or lt != part.count("<") or amp != part.count("&"):
            raise NotFast
        if not width and shape:
            pattern, convert, inline_columns, shape_lt = shape_of(*shape)
            findall, width = pattern.findall, len(shape[1])
        if not like_calamine:
            yield from rows
        else:
            for number_, cells_ in rows:
                if number_ <= last_row:
                    raise NotFast  # rows out of order: calamine sorts them
                if None in cells_ or "" in cells_:
                    cells_ = tuple([None if c == "" else c for c in cells_])  # type: ignore[comparison-overlap]
                    n = len(cells_)
                    while n and cells_[n - 1] is None:
                        n -= 1
                    cells_ = cells_[:n]
                if not cells_:
                    continue  # yielded only if a row with values follows (calamine ends at the last one)
                if not column_a and cells_[0] is not None:
                    column_a = True
                for gap in range(last_row + 1, number_):
                    yield gap, ()
                last_row = number_
                yield number_, cells_
            if last_row * (max(columns.values(), default=0) + 1) > CALAMINE_MAX_CELLS:
                raise NotFast
    if like_calamine and last_row and not column_a:
        raise NotFast  # calamine's rows would start at the first column with a value
