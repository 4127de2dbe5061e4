"""SIE 4 import (domain): files built per the SIE 4B specification, read all or nothing."""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal

import pytest

from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_generate import write_sie
from finsam_desktop.domain.arsredovisning.sie_lexer import fields
from finsam_desktop.domain.arsredovisning.sie_model import SieError

HEAD = [
    ["#FLAGGA", "0"],
    ["#PROGRAM", "Ekonomisystemet", "9.1"],
    ["#FORMAT", "PC8"],
    ["#GEN", "20270115"],
    ["#SIETYP", "4"],
    ["#FNAMN", "Samordningsförbundet Åby-Älvdala-Örnsköping"],
    ["#ORGNR", "222000-1234"],
    ["#RAR", "0", "20260101", "20261231"],
    ["#RAR", "-1", "20250101", "20251231"],
    ["#DIM", "1", "Kostnadsställe"],
    ["#DIM", "6", "Projekt"],
    ["#OBJEKT", "1", "20", "Individinriktade insatser"],
    ["#OBJEKT", "6", "P1", "Steget vidare"],
    ["#KONTO", "1930", "Bank"],
    ["#KTYP", "1930", "T"],
    ["#KONTO", "2440", "Leverantörsskulder"],
    ["#KTYP", "2440", "S"],
    ["#KONTO", "3411", "Bidrag från Försäkringskassan"],
    ["#KTYP", "3411", "I"],
    ["#KONTO", "4610", "Köp av insatser, Älvdala"],
    ["#KTYP", "4610", "K"],
]
VERS = [
    ["#VER", "A", "1", "20260115", "Bidrag Försäkringskassan", "20260116"],
    ["{"],
    ["#TRANS", "1930", (), "500000.00"],
    ["#TRANS", "3411", (), "-500000.00"],
    ["}"],
    ["#VER", "A", "2", "20260302", 'Faktura "Steget" mars'],
    ["{"],
    ["#TRANS", "4610", ("1", "20", "6", "P1"), "12500.50", "20260302", "Insats, Åby"],
    ["#TRANS", "2440", (), "-12500.50"],
    ["}"],
]
BALANCES = [
    ["#IB", "0", "1930", "100000"],
    ["#UB", "0", "1930", "600000.00"],
    ["#IB", "0", "2440", "-100000"],
    ["#UB", "0", "2440", "-112500.50"],
    ["#RES", "0", "3411", "-500000"],
    ["#RES", "0", "4610", "12500.50"],
    ["#OIB", "0", "2440", ("1", "20"), "0"],
    ["#PSALDO", "0", "202603", "4610", (), "12500.50"],
    ["#PSALDO", "0", "202603", "4610", ("1", "20"), "12500.50"],
    ["#PBUDGET", "0", "202603", "4610", ("1", "20"), "15000"],
]


def sie_4e(*, vers=VERS, balances=BALANCES, checksum=True) -> bytes:
    return write_sie([*HEAD, *balances, *vers], checksum=checksum)


def refused(data: bytes, filename: str = "bok.se") -> SieError:
    with pytest.raises(SieError) as info:
        parse_sie(data, filename)
    return info.value


def test_an_sie_4e_in_cp437_with_two_dimensions_reads_whole():
    data = sie_4e()
    assert "Å".encode("cp437") in data and b"\xc3" not in data  # written in code page 437
    sie = parse_sie(data, "bok.se")
    assert sie.sie_type == "4E" and sie.encoding == "cp437" and sie.format == "PC8"
    assert sie.company_name == "Samordningsförbundet Åby-Älvdala-Örnsköping"
    assert sie.year(0).start == date(2026, 1, 1) and sie.year(-1).end == date(2025, 12, 31)
    assert sie.accounts["4610"].name == "Köp av insatser, Älvdala" and sie.accounts["4610"].type == "K"
    assert sie.dimensions[6].name == "Projekt" and sie.objects[(1, "20")].name == "Individinriktade insatser"
    assert sie.balances("UB")["2440"] == Decimal("-112500.50")
    faktura = sie.verifikationer[1]
    assert faktura.text == 'Faktura "Steget" mars' and faktura.regdatum is None
    row = faktura.transactions[0]
    assert row.objects == ((1, "20"), (6, "P1")) and row.amount == Decimal("12500.50") and row.text == "Insats, Åby"
    assert sie.period_budgets[0].amount == Decimal(15000)
    assert sie.checksum is not None and sie.notes == ()


def test_one_unbalanced_verifikation_refuses_the_whole_file_with_its_line():
    vers = [list(r) for r in VERS]
    vers[8] = ["#TRANS", "2440", (), "-12500.00"]
    error = refused(sie_4e(vers=vers, checksum=False))
    texts = [str(p) for p in error.problems]
    assert any("verifikation A 2 (2026-03-02) summerar till 0,50 kr, inte 0." in t for t in texts)
    ver_line = next(i for i, line in enumerate(sie_4e(vers=vers, checksum=False).split(b"\r\n"), 1)
                    if line.startswith(b"#VER A 2"))  # fmt: skip
    assert ver_line in error.rows
    assert "Inget har sparats" in str(error)


def test_ub_that_is_not_ib_plus_the_movements_is_refused_and_so_is_a_wrong_res():
    balances = [list(r) for r in BALANCES]
    balances[1] = ["#UB", "0", "1930", "600001.00"]
    balances[4] = ["#RES", "0", "3411", "-499999"]
    error = refused(sie_4e(balances=balances))
    texts = " ".join(p.text for p in error.problems)
    assert "konto 1930: UB 600 001 kr är inte IB 100 000 kr + årets transaktioner 500 000 kr" in texts
    assert "konto 3411: RES −499 999 kr är inte årets transaktioner −500 000 kr" in texts
    # The KSUMMA was written for the changed content, so it still agrees: only the two sums are wrong.
    assert len(error.problems) == 2


def test_a_psaldo_that_disagrees_with_the_months_transactions_is_refused():
    balances = [list(r) for r in BALANCES]
    balances[8] = ["#PSALDO", "0", "202603", "4610", ("1", "20"), "12000"]
    error = refused(sie_4e(balances=balances))
    assert [p.text.split(":")[0] for p in error.problems] == ["#PSALDO 202603 konto 4610"]


def test_a_wrong_ksumma_is_refused():
    data = sie_4e().replace(b"#TRANS 3411 {} -500000.00", b"#TRANS 3411 {} -500000.0")
    error = refused(data)
    assert len(error.problems) == 1 and "kontrollsumman stämmer inte" in error.problems[0].text
    assert error.problems[0].rad == data.count(b"\r\n")


def test_ksumma_is_the_crc32_of_labels_and_field_contents_as_the_standard_computes_it():
    # Label and field contents, without separators, quotes, braces or line ends; from the first #KSUMMA on.
    crc = zlib.crc32("#FNAMNFörbundet i Åby#VER20260101#TRANS1930125#TRANS1930-5".encode("cp437"))
    body = '#FLAGGA 0\r\n#KSUMMA\r\n#FNAMN "Förbundet i Åby"\r\n#VER "" "" 20260101\r\n{\r\n'
    body += '#TRANS 1930 {"1" "2"} 5\r\n\t#TRANS\t1930  {}\t-5\r\n}\r\n'
    assert parse_sie((body + f"#KSUMMA {crc}\r\n").encode("cp437"), "k.si").checksum == crc
    assert "kontrollsumman stämmer inte" in str(refused((body + f"#KSUMMA {crc + 1}\r\n").encode("cp437")))


def test_malformed_lines_are_all_reported_with_their_row_numbers():
    vers = [
        ["#VER", "A", "1", "20261301", "Fel datum"],
        ["{"],
        ["#TRANS", "1930", (), "12,50"],
        ["#TRANS", "3411", (), "-12.50"],
        ["#TRANS", "KASSA", (), "0"],
        ["}"],
        ["#VER", "A", "2", "20270105", "Efter årets slut"],
        ["{"],
        ["#TRANS", "1930", (), "1"],
        ["#TRANS", "3411", (), "-1"],
        ["}"],
    ]
    data = write_sie([*HEAD, *vers], checksum=False) + b"#RAR 1 20270101\r\n"
    error = refused(data)
    texts = [str(p) for p in error.problems]
    n = len(HEAD)
    assert f"Rad {n + 1}: #VER: verifikationsdatumet ”20261301” är inte ett datum (ÅÅÅÅMMDD)" in texts
    assert any(t.startswith(f"Rad {n + 3}: #TRANS: beloppet ”12,50” har decimalkomma") for t in texts)
    assert any(t.startswith(f"Rad {n + 5}: #TRANS: kontonumret ”KASSA”") for t in texts)
    assert any(
        t.startswith(f"Rad {n + 7}: verifikation A 2 är daterad 2027-01-05, utanför räkenskapsåret") for t in texts
    )
    assert any(t.startswith(f"Rad {n + 12}: #RAR: #RAR ska ha minst 3 fält") for t in texts)


def test_a_utf8_file_that_says_so_and_one_with_a_bom_are_read_as_utf8():
    text = '#FLAGGA 0\n#FORMAT UTF8\n#SIETYP 4\n#FNAMN "Förbundet i Åby"\n#KONTO 4610 "Köp av insatser"\n'
    sie = parse_sie(text.encode("utf-8"), "bok.si")
    assert sie.encoding == "utf-8" and sie.company_name == "Förbundet i Åby" and sie.sie_type == "4I"
    bom = '\ufeff#FLAGGA 0\n#FORMAT PC8\n#FNAMN "Älvdala"\n'.encode()
    assert parse_sie(bom).company_name == "Älvdala"
    mislabelled = parse_sie('#FLAGGA 0\n#FORMAT PC8\n#FNAMN "Örnsköping"\n'.encode())
    assert mislabelled.company_name == "Örnsköping" and "UTF-8" in mislabelled.notes[0]


def test_cr_line_ends_quotes_with_escapes_and_unknown_labels():
    text = '#FLAGGA 1\r#SIETYP 4\r#FNAMN "Sägs \\"Förbundet\\""\r#NYETIKETT 1 2\r#ADRESS "C:\\kansli" x\r'
    sie = parse_sie(text.encode("cp437"), "order.si")
    assert sie.flagga == 1 and sie.company_name == 'Sägs "Förbundet"'
    assert [(u.label, u.first_rad) for u in sie.unknown_labels] == [("#NYETIKETT", 4)]
    assert "#NYETIKETT" in sie.notes[0]
    assert fields('#TRANS 1930 { "1" "Nord"  6 P1 } -5.5 "" "a \\"b\\""') == [
        "#TRANS", "1930", ("1", "Nord", "6", "P1"), "-5.5", "", 'a "b"'
    ]  # fmt: skip


def test_an_sie_4i_file_has_only_verifikationer_and_rtrans_btrans_are_history_not_bookings():
    records = [
        ["#FLAGGA", "0"],
        ["#SIETYP", "4"],
        ["#VER", "", "", "20260131", "Löner januari"],
        ["{"],
        ["#TRANS", "5011", ("1", "10"), "30000"],
        ["#BTRANS", "1930", (), "-30000"],
        ["#RTRANS", "2710", (), "-9000"],
        ["#TRANS", "2710", (), "-9000"],
        ["#TRANS", "1930", (), "-21000"],
        ["}"],
    ]
    sie = parse_sie(write_sie(records, checksum=False), "lon.si")
    assert sie.sie_type == "4I" and sie.years == ()
    ver = sie.verifikationer[0]
    assert ver.label == "utan nummer" and len(ver.transactions) == 5 and len(ver.booked) == 3
    assert any("5011" in n and "utan #KONTO" in n for n in sie.notes) is False  # no kontoplan in the file: no remark


def test_structure_errors_unclosed_verifikation_and_missing_flagga():
    text = "#SIETYP 4\n#VER A 1 20260101\n{\n#TRANS 1930 {} 1\n#TRANS 3411 {} -1\n"
    error = refused(text.encode())
    texts = [str(p) for p in error.problems]
    assert "Rad 1: filen ska börja med #FLAGGA (SIE-standardens flaggpost)" in texts
    assert "Rad 2: verifikation A 1 avslutas aldrig med ”}”" in texts


def test_labels_are_read_whatever_their_case_and_extra_fields_are_noted_not_refused():
    text = '#FLAGGA 0\n#SIETYP 4\n#rar 0 20260101 20261231\n#konto 1930 Bank framtida\n#oib 0 1930 {1 "10"} 5\n'
    sie = parse_sie(text.encode("cp437"), "x.se")
    assert sie.year(0) is not None and sie.accounts["1930"].name == "Bank"
    assert sie.object_opening[0].objects == ((1, "10"),)
    assert any("#KONTO har fler fält än standarden" in n for n in sie.notes)
