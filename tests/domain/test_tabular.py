"""The one tolerant reader every importer uses: encodings, line ends, delimiters, workbooks, bounds."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from finsam_desktop.domain.common.errors import clip
from finsam_desktop.domain.common.money import AmountRangeError, parse_amount
from finsam_desktop.domain.common.tabular import MAX_CELL_CHARS, TableReadError, decode_text, read_table, read_text

TEXT = "Datum;Organ;Belopp\n2026-03-01;Förbundsstyrelse;1 200,50\n2026-04-02;Ådalens kommun;-81 774,50\n"
EXPECTED = [
    ("Datum", "Organ", "Belopp"),
    ("2026-03-01", "Förbundsstyrelse", "1 200,50"),
    ("2026-04-02", "Ådalens kommun", "-81 774,50"),
]


def cells(data: bytes) -> list[tuple[object, ...]]:
    return [row for _n, row in read_table(data).rows if any(row)]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),  # Excel's "CSV UTF-8"
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-16"), "utf-16-le"),  # with BOM
        (TEXT.encode("utf-16-be"), "utf-16-be"),  # no BOM: found from the zero bytes
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_every_encoding_swedish_exports_use_gives_the_same_rows(data, encoding):
    table = read_table(data)
    assert table.encoding == encoding
    assert cells(data) == EXPECTED


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_end_gives_the_same_rows_and_numbers(newline):
    data = TEXT.replace("\n", newline).encode("utf-8")
    assert [n for n, row in read_table(data).rows] == [1, 2, 3]
    assert cells(data) == EXPECTED


def test_delimiters_are_sniffed_and_excels_sep_line_is_obeyed():
    assert cells(TEXT.replace(";", "\t").encode()) == EXPECTED
    assert cells(b"a,b\n1,2\n") == [("a", "b"), ("1", "2")]
    # A decimal comma inside quotes does not make the file comma separated.
    assert cells(b'a;b\n"1,5";2\n') == [("a", "b"), ("1,5", "2")]
    table = read_table(("sep=,\n" + TEXT.replace(";", ",").replace(",50", ".50")).encode())
    assert table.delimiter == ","
    assert [(n, row) for n, row in table.rows if row][0] == (2, ("Datum", "Organ", "Belopp"))


def test_a_cell_over_the_limit_is_refused_naming_row_and_column_and_quoting_little():
    data = f"a;b\n1;{'x' * (MAX_CELL_CHARS + 1)}\n".encode()
    with pytest.raises(TableReadError) as err:
        read_table(data)
    text = str(err.value)
    assert text.startswith("Rad 2, kolumn 2: cellen är för lång")
    assert len(text) < 200
    # Beyond the csv module's own limit too (131 072), and an unterminated quote says so.
    with pytest.raises(TableReadError, match="Rad 2.*citattecken"):
        read_table(b'a;b\n1;"' + b"y" * 200_000 + b"\n")


def test_binary_and_broken_files_are_refused_in_swedish():
    with pytest.raises(TableReadError, match="binära data"):
        read_table(bytes(range(32)) * 8)
    with pytest.raises(TableReadError, match="varken UTF-8, UTF-16 eller Windows-1252"):
        read_table(bytes(range(256)) * 4)
    with pytest.raises(TableReadError, match="Excel-arbetsbok"):
        read_table(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(TableReadError, match="lösenordsskyddad"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(TableReadError, match="rad 2 har tecken som inte är UTF-8"):
        read_table(b"\xef\xbb\xbfa;b\n\xff\xfe;1\n")
    with pytest.raises(TableReadError, match="Rad 2, kolumn 1: cellen innehåller styrtecknet U\\+0007"):
        read_table(b"a;b\n\x07;1\n")


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_workbook_is_read_by_content_and_a_damaged_one_refused():
    data = _xlsx([["Datum", "Belopp"], [date(2026, 3, 1), 1200.5], ["x", 7]])
    table = read_table(data)
    assert table.kind == "xlsx"
    assert [row for _n, row in table.rows] == [("Datum", "Belopp"), (date(2026, 3, 1), Decimal("1200.5")), ("x", 7)]
    for cut in (len(data) // 2, len(data) - 30):
        with pytest.raises(TableReadError, match="skadad"):
            read_table(data[:cut])
    with pytest.raises(TableReadError, match="Rad 2, kolumn 1: cellen är för lång"):
        read_table(_xlsx([["a"], ["z" * (MAX_CELL_CHARS + 5)]]))


def test_free_text_is_decoded_like_a_table():
    plan = "29 januari Styrelsemöte\r19 mars Styrelsemöte\r"
    assert read_text(plan.encode("utf-16")) == plan
    assert read_text(b"sep=;\n" + plan.encode("cp1252")).splitlines()[1] == "29 januari Styrelsemöte"
    assert decode_text("Förbund".encode("cp1252")) == ("Förbund", "cp1252")


def test_amounts_are_bounded_and_messages_quote_at_most_sixty_characters():
    assert parse_amount("9 999 999 999 999,99") == Decimal("9999999999999.99")
    for text in ("1" * 22, "9" * 29, "-" + "8" * 40, "1e300"):
        with pytest.raises(AmountRangeError, match="orimligt stort"):
            parse_amount(text if text != "1e300" else 1e300)
    with pytest.raises(Exception, match="inte ett belopp") as err:
        parse_amount("x" * 100_000)
    assert len(str(err.value)) < 100
    assert clip("a\n b" + "c" * 100) == "a b" + "c" * 56 + "…"
