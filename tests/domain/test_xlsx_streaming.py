"""The fast streaming reader of big sheets (``xlsx_stream``) gives exactly the rows of the reader it stands in for:
calamine's where calamine reads the workbook, else the ElementTree streaming reader's — and leaves every workbook
it does not take to them, so a big export reads the same as before in a fraction of the memory."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from finsam_desktop.domain.common import tabular
from finsam_desktop.domain.common.tabular import read_table, stream_xlsx_rows
from finsam_desktop.domain.common.xlsx_calamine import calamine_xlsx_rows
from finsam_desktop.domain.common.xlsx_stream import NotFast, fast_xlsx_rows
from finsam_desktop.domain.internkontroll import stickprov_import as imp

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>
<numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;kr&quot;"/></numFmts>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="4"/>
</cellXfs></styleSheet>"""
SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4"><si><t>Ver nr</t></si><si><t xml:space="preserve"> Datum </t></si>
<si><r><rPr><b/></rPr><t>Bel</t></r><r><t>opp</t></r></si><si><t>Eva &amp; Per</t></si></sst>"""


def workbook(rows_xml: str, shared: str | None = SHARED, second: str = "") -> bytes:
    """An .xlsx (as openpyxl packs one) whose first sheet's ``<sheetData>`` is ``rows_xml``; a second sheet with
    ``second``."""
    wb = Workbook()
    wb.create_sheet("Mer")
    packed = io.BytesIO()
    wb.save(packed)
    parts = {
        "xl/styles.xml": STYLES,
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
        f'xmlns="{MAIN}"><dimension ref="A1"/><sheetData>{rows_xml}</sheetData><pageMargins/></worksheet>',
        "xl/worksheets/sheet2.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{second}</sheetData></worksheet>',
    }
    if shared:
        parts["xl/sharedStrings.xml"] = shared
    buf = io.BytesIO()
    with zipfile.ZipFile(packed) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            if name not in parts:
                zf.writestr(name, src.read(name))
        for name, text in parts.items():
            zf.writestr(name, text)
    return buf.getvalue()


def is_(text: str) -> str:
    return f"<is><t>{text}</t></is>"


# Every kind of cell the readers meet: shared strings (plain, spaces kept, rich text, an entity), inline strings
# (with character and entity references, empty, spaces kept), numbers (integer, decimals, Excel's 17 digits,
# exponent, a number format that is no date), dates by a built-in (14) and a custom (164) format, a boolean, a
# formula with its value, empty and styled empty cells, gaps between cells and rows, an empty row.
EVERY_KIND = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
    '<c r="D1" t="inlineStr"><is><t>Leverant&#246;r</t></is></c><c r="E1" t="s"><v>3</v></c></row>'
    '<row r="2" spans="1:6"><c r="A2" t="inlineStr">' + is_("A&amp;B &lt;1&gt; &#x00C5;dalen") + "</c>"
    '<c r="B2" s="1"><v>46024</v></c><c r="C2" s="3"><v>852.69000000000005</v></c>'
    '<c r="D2" t="inlineStr"><is><t xml:space="preserve">  Kansli  </t></is></c><c r="E2" t="b"><v>1</v></c>'
    '<c r="F2" s="1"/></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t></t></is></c><c r="B4" s="2"><v>46027.75</v></c>'
    '<c r="C4" s="4"><v>-1.5E3</v></c><c r="E4"><f>SUM(C2:C4)</f><v>6268.53</v></c></row>'
    '<row r="5"/>'
    '<row r="6"><c r="A6" t="str"><v>=A&amp;B</v></c><c r="C6"><v>12</v></c><c r="D6" t="b"><v>0</v></c>'
    '<c r="G6" t="s"><v>3</v></c><c r="H6"></c></row>'
    '<row r="7"><c r="A7"><v>0.30000000000000004</v></c><c r="B7" s="2"><v>45292</v></c></row>'
)
SECOND_SHEET = '<row r="1"><c r="A1" t="inlineStr"><is><t>annat blad</t></is></c></row>'


@pytest.mark.parametrize("piece", [64, 1 << 22])
def test_every_kind_of_cell_reads_as_calamine_and_the_streaming_reader_read_it(piece):
    data = workbook(EVERY_KIND, second=SECOND_SHEET)
    like_calamine = list(fast_xlsx_rows(data, piece=piece))
    assert like_calamine == calamine_xlsx_rows(data)
    assert list(fast_xlsx_rows(data, like_calamine=False, piece=piece)) == list(stream_xlsx_rows(data))
    rows = dict(like_calamine)
    assert rows[1] == ("Ver nr", " Datum ", "Belopp", "Leverantör", "Eva & Per")  # the first sheet only
    assert rows[2][:5] == ("A&B <1> Ådalen", date(2026, 1, 2), Decimal("852.69"), "  Kansli  ", True)
    assert rows[4] == (None, date(2026, 1, 5), -1500, None, Decimal("6268.53"))
    assert rows[3] == rows[5] == ()  # an empty row
    assert rows[7] == (Decimal("0.30000000000000004"), date(2024, 1, 1))  # the float the text is


def test_the_streaming_readers_values_where_calamine_is_not_used():
    data = workbook(EVERY_KIND + '<row r="8"><c r="A8" t="e"><v>#N/A</v></c></row>')
    assert calamine_xlsx_rows(data) is None  # an error cell: calamine reads it as empty
    with pytest.raises(NotFast):
        list(fast_xlsx_rows(data))  # so the fast reader leaves it (to the streaming reader) ...
    fast = list(fast_xlsx_rows(data, like_calamine=False))  # ... whose rows it could give
    assert fast == list(stream_xlsx_rows(data))
    assert fast[-1] == (8, ("#N/A",))


@pytest.mark.parametrize(
    "odd",
    [
        '<row r="9"><c r="A9" t="inlineStr"><is><r><t>rik</t></r><r><t> text</t></r></is></c></row>',  # rich inline
        '<row r="9"><c r="A9" t="s" s="1"><v>0</v></c></row>',  # attributes in another order
        '<row r="9"><c r="A9" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>',
        '<row r="9"><!-- en kommentar --><c r="A9"><v>1</v></c></row>',
        '<row r="9"><c r="A9"><v>1&nbsp;</v></c></row>',  # an entity XML does not know: a damaged file
        '<row><c r="A9"><v>1</v></c></row>',  # a row without its number
        '<row r="9"><c><v>1</v></c></row>',  # a cell without its reference
        '<row r="9"><c r="A9" t="d"><v>2026-01-02</v></c></row>',  # an ISO date cell
        '<row r="9"><c r="A9"><v>1_000</v></c></row>',
        '<row r="9"><c r="A10"><v>1</v></c></row>',  # a cell that says it is in another row
        '<row r="9"><c r="A9" s="1"><v>0.5</v></c></row>',  # a time of day in a date format
    ],
)
def test_what_the_fast_reader_does_not_take_is_read_as_before(monkeypatch, odd):
    data = workbook(EVERY_KIND + odd)
    before = _read_all(data)
    monkeypatch.setattr(tabular, "FAST_MIN_SHEET_BYTES", 0)
    assert _read_all(data) == before


def _read_all(data: bytes) -> tuple:
    """What every way in reads: the table, the rows one at a time (or that they must be read again)."""
    try:
        table: object = read_table(data)
    except tabular.TableReadError as exc:
        table = str(exc)
    try:
        _kind, rows = tabular.iter_table(data)
        one_by_one: object = list(rows)
    except tabular.ReadAgain:
        one_by_one = "ReadAgain"
    except tabular.TableReadError as exc:
        one_by_one = str(exc)
    return table, one_by_one


def test_a_damaged_or_foreign_sheet_is_left_to_the_other_readers(monkeypatch):
    monkeypatch.setattr(tabular, "FAST_MIN_SHEET_BYTES", 0)
    cases = [
        workbook(EVERY_KIND).replace(b"<sheetData>", b'<sheetData><row r="99"><c r="A99"><v>1</v>'),  # unclosed
        workbook(EVERY_KIND).replace(
            f'<worksheet xmlns="{MAIN}">'.encode(), f'<x:worksheet xmlns:x="{MAIN}">'.encode()
        ),
        workbook(EVERY_KIND + '<row r="9"><c r="A9"><v>1\x01</v></c></row>'),  # a control character
    ]
    for data in cases:
        monkeypatch.setattr(tabular, "FAST_MIN_SHEET_BYTES", 1 << 40)
        before = _read_all(data)
        monkeypatch.setattr(tabular, "FAST_MIN_SHEET_BYTES", 0)
        assert _read_all(data) == before


def export(rows: int, gaps: bool = True) -> bytes:
    """An export as openpyxl writes one (inline strings, real dates, float amounts), some rows with empty cells."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["Ver nr", "Datum", "Belopp", "Leverantör", "Konto", "Attestant"])
    for i in range(rows):
        supplier = None if gaps and i % 7 == 3 else f"Ådalen & Söner {i % 13}"
        ws.append(
            [f"V{i}", date(2026, 1, 1 + i % 28), (i * 3701 % 100000) / 100, supplier, 6110 + i % 3, "Eva Forsberg"]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_big_export_reads_the_same_by_every_path(monkeypatch):
    data = export(3000)
    # rows of one shape read by one pattern, the others cell by cell, in many pieces
    assert list(fast_xlsx_rows(data, piece=4096)) == calamine_xlsx_rows(data)
    assert list(fast_xlsx_rows(data, like_calamine=False, piece=4096)) == list(stream_xlsx_rows(data))
    mapping = {"verifikation": "Ver nr", "datum": "Datum", "belopp": "Belopp", "motpart": "Leverantör",
               "konto": "Konto", "attestanter": "Attestant"}  # fmt: skip
    before = imp.parse_file(data, "export.xlsx", mapping)
    monkeypatch.setattr(tabular, "FAST_MIN_SHEET_BYTES", 0)
    after = imp.parse_file(data, "export.xlsx", mapping)
    assert after == before
    assert len(after.transactions) == 3000
    assert after.transactions[1].motpart == "Ådalen & Söner 1"


cell = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["&", "<a>", "&amp;", " x ", "Å", "\u00a0"]),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 30)).map(
        lambda d: d.replace(microsecond=0)
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, max_size=6), max_size=12))
def test_any_cells_read_as_calamine_and_the_streaming_reader_read_them(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    calamine = calamine_xlsx_rows(data)
    try:
        fast = list(fast_xlsx_rows(data, piece=256))
    except NotFast:
        fast = None
    if fast is not None:
        assert fast == calamine
    try:
        stream: object = list(stream_xlsx_rows(data))
    except Exception:
        stream = None
    try:
        fast_stream = list(fast_xlsx_rows(data, like_calamine=False, piece=256))
    except NotFast:
        fast_stream = None
    if fast_stream is not None:
        assert fast_stream == stream
