"""The stickprov import's fast path (a big export read row by row, the common cell shapes parsed directly) gives
exactly what the general path gives — the same transactions, mapping and notes — or leaves the file to it."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll import stickprov_import as imp

HEADERS = ["Ver", "Datum", "Belopp", "Leverantör", "Konto", "Attest", "Utanordnare"]
MAPPING = {"verifikation": "Ver", "datum": "Datum", "belopp": "Belopp", "motpart": "Leverantör", "konto": "Konto",
           "attestanter": "Attest", "utanordnare": "Utanordnare"}  # fmt: skip

AMOUNTS = ["1 234,50", "1234.5", "-12,00", "(1 234,50)", "1 200-", "1,234", "1.234", "1,234.50", "1.234,50",
           "12 345 678", "0,125", "5 kr", "+7", "−450", "1\u00a0000,00", " 99 ", "-0,00", "12,345", "abc", "",
           "99999999999999", "1,2345"]  # fmt: skip
DATES = ["2026-03-02", "2026-3-2", "20260302", "02.03.2026", "2/3 2026", "2026-03-02 00:00:00", "46083", "",
         "2026-02-30", "igår"]  # fmt: skip
NAMES = ["Eva Forsberg", "Eva Forsberg, Per Ek", "A/B", "", "  Per Ek  ", "A och B"]
VERS = ["V1", "V2", " V3 ", "", "Summa", "Totalt:"]


def csv_bytes(rows: list[list[str]], sep: str = ";", head: str = "") -> bytes:
    lines = [head] if head else []
    lines += [sep.join(HEADERS)] + [sep.join(r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def both(data: bytes, filename: str, mapping: dict[str, str] = MAPPING):
    """(fast, general): each the result or the error message; fast is None when it left the file."""
    try:
        general: object = imp._parse(imp.read_table(data, filename), mapping, filename)
    except ValidationError as exc:
        general = str(exc)
    try:
        fast: object = imp._parse_fast(data, filename, mapping)
    except (imp._Unusual, ValidationError):
        fast = None
    return fast, general


def same(fast, general) -> None:
    if fast is not None:
        assert fast == general
        ts_f, ts_g = fast[0], general[0]
        assert [str(t.belopp) for t in ts_f] == [str(t.belopp) for t in ts_g]  # "-0.00" is not "0.00"


def test_a_plain_export_takes_the_fast_path_and_reads_the_same():
    rows = [[f"V{i}", "2026-03-02", f"{i} 234,50", "Ådalen AB", "6550", "Eva Forsberg, Per Ek", "Ekonomi"]
            for i in range(1, 40)]  # fmt: skip
    rows.append(["", "", "", "Summa", "", "", ""])
    fast, general = both(csv_bytes(rows, head="sep=;"), "v.csv")
    assert fast is not None
    same(fast, general)
    assert fast[2] and "summarad" in fast[2][0]


def test_a_last_row_that_sums_the_rest_is_a_summa_row_in_both():
    rows = [["V1", "2026-03-02", "100,50", "A", "1", "B", "C"], ["V2", "2026-03-03", "1 000,00", "A", "1", "B", "C"],
            ["", "", "1 100,50", "", "", "", ""]]  # fmt: skip
    fast, general = both(csv_bytes(rows), "v.csv")
    assert fast is not None
    same(fast, general)


def test_ambiguous_amounts_are_settled_by_the_rest_of_the_file_as_before():
    rows = [["V1", "2026-03-02", "1,234", "A", "1", "B", "C"], ["V2", "2026-03-03", "1 000.50", "A", "1", "B", "C"]]
    fast, general = both(csv_bytes(rows), "v.csv")
    assert fast is not None
    same(fast, general)
    assert fast[0][0].belopp == Decimal("1234.00")


def test_an_unreadable_file_is_left_to_the_general_path_and_refused_the_same_way():
    rows = [["V1", "igår", "12", "A", "1", "B", "C"], ["", "2026-03-02", "12", "A", "1", "B", "C"]]
    with pytest.raises(imp.ImportRejected) as exc:
        imp.parse_file(csv_bytes(rows), "v.csv", MAPPING)
    assert exc.value.rows == (2, 3)


def test_a_workbook_reads_the_same_by_both_paths():
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for i in range(1, 30):
        ws.append([f"V{i}", date(2026, 3, i % 28 + 1), Decimal(f"{i}.5"), "Ådalen AB", 6550, "Eva, Per", None])
    ws.append(["V99", 46083, "1 234,50", "B", "6550"])  # trailing empty cells left out
    buf = io.BytesIO()
    wb.save(buf)
    fast, general = both(buf.getvalue(), "v.xlsx")
    assert fast is not None
    same(fast, general)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(VERS), st.sampled_from(DATES), st.sampled_from(AMOUNTS), st.sampled_from(NAMES)),
        min_size=1,
        max_size=6,
    )
)
def test_any_mix_of_cells_reads_the_same_by_both_paths(cells):
    rows = [[v, d, a, "Ådalen AB", "6550", n, n] for v, d, a, n in cells]
    fast, general = both(csv_bytes(rows), "v.csv")
    same(fast, general)


def _sheet(rows: list[str]) -> bytes:
    return b"<worksheet><sheetData>" + "".join(rows).encode() + b"</sheetData></worksheet>"


def test_a_cell_far_out_keeps_calamine_away_however_the_sheet_is_cut():
    from finsam_desktop.domain.common.xlsx_calamine import _calamine_fits, _exact_fits

    row = '<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>x</t></is></c><c r="J{0}"><v>1</v></c></row>'
    plain = [row.format(n) for n in range(1, 3000)]
    far_row = plain[:1500] + ['<row r="1500"><c r="A99999999"><v>1</v></c></row>'] + plain[1500:]
    far_col = plain[:10] + ['<row r="11"><c r="XFD11"><v>1</v></c></row>'] + plain[10:]
    error = plain[:5] + ['<row r="6"><c r="A6" t="e"><v>#N/A</v></c></row>'] + plain[5:]
    no_ref = plain[:7] + ['<row r="8"><c s="1"><v>1</v></c></row>'] + plain[7:]
    quoted = plain[:9] + ['<row r="10"><c r="A10" t=\'e\'><v>#REF!</v></c></row>'] + plain[9:]
    cases = ((plain, True), (far_row, False), (far_col, False), (error, False), (no_ref, False), (quoted, False))
    for rows, fits in cases:
        xml = _sheet(rows)
        cut = [i + 1 for i, ch in enumerate(xml) if ch == ord(">")][::97]  # pieces cut after a ">"
        bounds = [0, *cut, len(xml)]
        pieces = lambda b=bounds, x=xml: iter([x[a:z] for a, z in zip(b, b[1:])])  # noqa: E731
        assert _calamine_fits(pieces) is fits
        assert _calamine_fits(xml) is fits
        assert _exact_fits(pieces()) is fits
