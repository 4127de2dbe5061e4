"""Stickprov import (all-or-nothing), the reproducible draw and the guidance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.stickprov_draw import Urval, draw, suggested_size
from finsam_desktop.domain.internkontroll.stickprov_import import (
    ImportRejected,
    Transaction,
    load_transactions,
    read_table,
)
from finsam_desktop.domain.internkontroll.stickprov_mapping import guess_mapping
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning, ItemReview, validate_item_review

HEADER = "Ver nr;Datum;Belopp;Motpart;Konto;Attestant;Utanordnare\n"
MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Datum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Konto",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}


def csv_bytes(lines: list[str]) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def test_dates_and_amounts_in_the_documents_forms_are_understood():
    data = csv_bytes(
        [
            "1;2022-11-01;12 345,50;Kontorsbolaget AB;6110;Helena Marklund;Eva Forsberg",
            "2;221101;-1 200;Ådalens kommun;3010;Helena Marklund, Eva Forsberg;",
            "3;1/11/2022;81\u00a0774,50 kr;Revisionsbyrån;6420;Anna Berglund / Eva Forsberg;Helena Marklund",
        ]
    )
    ts = load_transactions(data, "ver.csv", MAPPING)
    assert [t.datum for t in ts] == [date(2022, 11, 1)] * 3
    assert [t.belopp for t in ts] == [Decimal("12345.50"), Decimal("-1200.00"), Decimal("81774.50")]
    assert ts[1].attestanter == ("Helena Marklund", "Eva Forsberg")
    assert ts[2].attestanter == ("Anna Berglund", "Eva Forsberg")
    assert ts[0].rad == 2 and ts[2].rad == 4


def test_a_malformed_file_is_rejected_whole_with_row_numbers_and_reasons():
    data = csv_bytes(
        [
            "1;2022-11-01;1 000;A;6110;Helena Marklund;",
            "2;2022-11-02;tusen kronor;B;6110;Helena Marklund;",
            "3;2022-11-03",
            "4;2022-02-30;500;C;6110;Helena Marklund;",
            "5;2022-11-05;700;D;6110;Helena Marklund;",
        ]
    )
    with pytest.raises(ImportRejected) as err:
        load_transactions(data, "fel.csv", MAPPING)
    assert err.value.rows == (3, 4, 5)
    text = str(err.value)
    assert "Rad 3, Belopp: ”tusen kronor” är inte ett belopp." in text
    assert "Rad 4, Belopp: kolumnen saknas på raden (2 av 7 kolumner)." in text
    assert "Rad 5, Datum: ”2022-02-30” är inget giltigt datum." in text
    assert "Inget har sparats" in text


def test_mapping_is_guessed_from_swedish_headers_and_checked_against_the_file():
    headers = (
        "Verifikationsnummer",
        "Bokföringsdatum",
        "Belopp",
        "Leverantör",
        "Kostnadsställe",
        "Attesterad av",
        "Utanordnare",
    )
    m = guess_mapping(headers)
    assert m == {
        "verifikation": "Verifikationsnummer",
        "datum": "Bokföringsdatum",
        "belopp": "Belopp",
        "motpart": "Leverantör",
        "kostnadsstalle": "Kostnadsställe",
        "attestanter": "Attesterad av",
        "utanordnare": "Utanordnare",
    }
    table = read_table(csv_bytes(["1;2022-11-01;1;A;1;X;"]), "x.csv")
    with pytest.raises(ValidationError, match="saknar kolumnen ”Belopp kr”"):
        load_transactions(csv_bytes(["1;2022-11-01;1;A;1;X;"]), "x.csv", {**MAPPING, "belopp": "Belopp kr"})
    with pytest.raises(ValidationError, match="välj en kolumn för Datum"):
        load_transactions(
            csv_bytes(["1;2022-11-01;1;A;1;X;"]), "x.csv", {k: v for k, v in MAPPING.items() if k != "datum"}
        )
    assert table.headers[0] == "Ver nr"


def test_xlsx_with_real_dates_and_numbers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(list(MAPPING.values()))
    ws.append(["A-17", date(2026, 3, 4), 1234.5, "Leverantör AB", 6110, "Helena Marklund", None])
    ws.append(["A-18", "260305", "2 000,00", "Leverantör AB", "6110", "Helena Marklund", ""])
    path = tmp_path / "v.xlsx"
    wb.save(path)
    ts = load_transactions(path.read_bytes(), "v.xlsx", MAPPING)
    assert [(t.verifikation, t.datum, t.belopp, t.konto) for t in ts] == [
        ("A-17", date(2026, 3, 4), Decimal("1234.50"), "6110"),
        ("A-18", date(2026, 3, 5), Decimal("2000.00"), "6110"),
    ]


def _population(n: int) -> list[Transaction]:
    return [
        Transaction(
            i + 2,
            f"V{i:05d}",
            date(2026, 1 + i % 12, 1 + i % 28),
            Decimal(100 + (i * 37) % 90000),
            "M",
            f"6{i % 3}10",
            ("A",),
        )
        for i in range(n)
    ]


def test_same_transactions_filter_and_seed_give_the_same_sample_whatever_the_file_order():
    pop = _population(800)
    flt = PopulationFilter(date(2026, 2, 1), date(2026, 11, 30), konto="601, 621")
    a = draw(pop, flt, 20, 42)
    b = draw(list(reversed(pop)), flt, 20, 42)
    c = draw(pop, flt, 20, 43)
    verifs = [i.transaction.verifikation for i in a.items]
    assert verifs == [i.transaction.verifikation for i in b.items]
    assert verifs != [i.transaction.verifikation for i in c.items]
    assert a.fingerprint == b.fingerprint and a.population_count == b.population_count
    assert all(i.transaction.konto in ("6010", "6210") for i in a.items)
    assert all(date(2026, 2, 1) <= i.transaction.datum <= date(2026, 11, 30) for i in a.items)
    assert len(a.items) == 20 and len(set(verifs)) == 20


def test_all_items_above_an_amount_are_taken_in_addition():
    pop = _population(300)
    d = draw(pop, PopulationFilter(), 10, 7, over_belopp=Decimal(8000))
    over = [i for i in d.items if i.urval is Urval.OVER]
    expected = [t for t in pop if t.belopp > 8000]
    assert len(over) == len(expected) > 0
    assert sum(1 for i in d.items if i.urval is Urval.SLUMP) == 10
    assert "därtill samtliga" in d.method_text and "frö 7" in d.method_text


def test_size_guidance_and_empty_population():
    assert suggested_size(30) == 5 and suggested_size(120) == 12 and suggested_size(5000) == 25
    assert suggested_size(3) == 3 and suggested_size(400, plan_size=10) == 10
    with pytest.raises(ValidationError, match="inga verifikationer"):
        draw(_population(10), PopulationFilter(min_belopp=Decimal(10**9)), 5, 1)


def test_a_review_with_avvikelse_needs_a_comment_and_ok_over_findings_needs_one_too():
    with pytest.raises(ValidationError, match="beskriv"):
        validate_item_review(ItemReview("Eva Forsberg", date(2026, 10, 5), Bedomning.AVVIKELSE))
    with pytest.raises(ValidationError, match="förklara"):
        validate_item_review(ItemReview("Eva Forsberg", date(2026, 10, 5), Bedomning.OK), ["Självattest"])
    ok = validate_item_review(ItemReview(" Eva Forsberg ", date(2026, 10, 5), Bedomning.OK))
    assert ok.granskad_av == "Eva Forsberg"


def _xlsx_readers(data: bytes) -> dict[str, object]:
    """The first sheet as read by calamine, by the streaming XML reader and by openpyxl."""
    from finsam_desktop.domain.common.tabular import calamine_xlsx_rows, openpyxl_xlsx_rows, stream_xlsx_rows
    from finsam_desktop.domain.internkontroll.stickprov_import import _xlsx_table

    calamine_rows = calamine_xlsx_rows(data)
    assert calamine_rows is not None, "calamine declined a workbook it should read"
    return {
        "calamine": _xlsx_table(calamine_rows),
        "stream": _xlsx_table(stream_xlsx_rows(data)),
        "openpyxl": _xlsx_table(openpyxl_xlsx_rows(data)),
    }


def _parsed(table, mapping):
    from finsam_desktop.domain.internkontroll.stickprov_import import parse_transactions

    try:
        return parse_transactions(table, mapping)
    except ImportRejected as exc:
        return exc.rows, str(exc)


def test_the_xlsx_readers_agree_on_dates_amounts_numbers_and_empty_cells(tmp_path):
    from datetime import datetime

    wb = Workbook()
    ws = wb.active
    ws.append([])  # an empty row above the header
    ws.append(["Ver nr", "Datum", "Belopp", "Konto", "Attestant", "Utanordnare"])
    ws.append(["A-1", date(2026, 3, 4), 1234.5, 6110, "Eva Forsberg", None])
    ws.append([17, datetime(2026, 3, 5, 14, 30), 200, "6110", "Eva Forsberg, Anna Berglund", "Helena Marklund"])
    ws.append([None, None, None, None, None, None])
    ws.append(["A-3", "221101", "1 000,50", None, "Eva Forsberg"])
    ws.append(["A-4", "1/11/2022", "-81 774,50 kr", 3010.0, "Anna Berglund", None])
    ws.append(["A-5", date(2022, 11, 1), -0.5, None, "Eva Forsberg / Anna Berglund"])
    ws["B4"].number_format = "yyyy-mm-dd hh:mm"
    ws["C3"].number_format = "# ##0,00"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    mapping = {
        "verifikation": "Ver nr",
        "datum": "Datum",
        "belopp": "Belopp",
        "konto": "Konto",
        "attestanter": "Attestant",
        "utanordnare": "Utanordnare",
    }
    tables = _xlsx_readers(path.read_bytes())
    # calamine hands over exactly the streaming reader's header, row numbers and cell values.
    assert tables["calamine"] == tables["stream"]
    assert tables["calamine"].headers == ("Ver nr", "Datum", "Belopp", "Konto", "Attestant", "Utanordnare")
    assert [n for n, _ in tables["calamine"].rows] == [3, 4, 6, 7, 8]
    assert tables["calamine"].rows[0][1] == ("A-1", date(2026, 3, 4), Decimal("1234.5"), 6110, "Eva Forsberg", None)
    parsed = {name: _parsed(t, mapping) for name, t in tables.items()}
    assert parsed["calamine"] == parsed["stream"] == parsed["openpyxl"]
    assert read_table(path.read_bytes(), "t.xlsx") == tables["calamine"]
    assert [(t.rad, t.verifikation, t.datum, t.belopp, t.konto, t.attestanter) for t in parsed["calamine"]] == [
        (3, "A-1", date(2026, 3, 4), Decimal("1234.50"), "6110", ("Eva Forsberg",)),
        (4, "17", date(2026, 3, 5), Decimal("200.00"), "6110", ("Eva Forsberg", "Anna Berglund")),
        (6, "A-3", date(2022, 11, 1), Decimal("1000.50"), "", ("Eva Forsberg",)),
        (7, "A-4", date(2022, 11, 1), Decimal("-81774.50"), "3010", ("Anna Berglund",)),
        (8, "A-5", date(2022, 11, 1), Decimal("-0.50"), "", ("Eva Forsberg", "Anna Berglund")),
    ]


def test_a_malformed_workbook_is_rejected_with_the_same_rows_whichever_reader(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Ver nr", "Datum", "Belopp", "Attestant"])
    ws.append(["1", date(2022, 11, 1), 1000, "Helena Marklund"])
    ws.append(["2", "2022-11-02", "tusen kronor", "Helena Marklund"])
    ws.append([None, None, None, None])
    ws.append(["4", "2022-02-30", 500, "Helena Marklund"])
    ws.append(["5", None, 700, "Helena Marklund"])
    ws.append([None, "2022-11-06", 1.005, "Helena Marklund"])
    path = tmp_path / "fel.xlsx"
    wb.save(path)
    mapping = {"verifikation": "Ver nr", "datum": "Datum", "belopp": "Belopp", "attestanter": "Attestant"}
    parsed = {name: _parsed(t, mapping) for name, t in _xlsx_readers(path.read_bytes()).items()}
    assert parsed["calamine"] == parsed["stream"] == parsed["openpyxl"]
    with pytest.raises(ImportRejected) as err:
        load_transactions(path.read_bytes(), "fel.xlsx", mapping)
    assert err.value.rows == (3, 5, 6, 7)
    text = str(err.value)
    assert "Rad 3, Belopp: ”tusen kronor” är inte ett belopp." in text
    assert "Rad 5, Datum: ”2022-02-30” är inget giltigt datum." in text
    assert "Rad 6, Datum: saknas." in text
    assert "Rad 7, Verifikationsnummer: saknas." in text and "Rad 7, Belopp: ”1.005” har fler än två decimaler." in text


def test_workbooks_calamine_would_read_differently_go_to_the_streaming_reader(tmp_path):
    from datetime import time

    from finsam_desktop.domain.common.tabular import calamine_xlsx_rows, stream_xlsx_rows
    from finsam_desktop.domain.internkontroll.stickprov_import import _xlsx_table

    wb = Workbook()
    ws = wb.active
    ws.append(["Ver nr", "Datum", "Belopp", "Attestant"])
    ws.append(["1", date(2026, 3, 4), 45000, "Eva Forsberg"])
    ws["C2"].number_format = "mmm"  # a date to calamine, a number to the streaming reader
    mmm = tmp_path / "mmm.xlsx"
    wb.save(mmm)
    ws["C2"].number_format = "General"
    ws["B2"] = time(12, 0)
    clock = tmp_path / "klocka.xlsx"
    wb.save(clock)
    for path in (mmm, clock):
        data = path.read_bytes()
        assert calamine_xlsx_rows(data) is None
        assert read_table(data, path.name) == _xlsx_table(stream_xlsx_rows(data))
    assert read_table(mmm.read_bytes(), "mmm.xlsx").rows[0][1][2] == 45000


def test_a_1904_workbook_gives_the_same_dates_from_every_reader(tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Ver nr", "Datum", "Belopp", "Attestant"])
    ws.append(["1", date(2026, 3, 4), 100, "Eva Forsberg"])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    mapping = {"verifikation": "Ver nr", "datum": "Datum", "belopp": "Belopp", "attestanter": "Attestant"}
    parsed = {name: _parsed(t, mapping) for name, t in _xlsx_readers(path.read_bytes()).items()}
    assert [t.datum for t in parsed["calamine"]] == [t.datum for t in parsed["stream"]] == [date(2026, 3, 4)]
    assert parsed["calamine"] == parsed["openpyxl"]
