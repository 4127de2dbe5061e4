"""Stickprov import on files shaped like real ekonomisystem exports (issue 14, points 1–4): which fields have a
column, Konto and Kostnadsställe apart, an honest guess, several names in one attest cell, ``sep=;``, Summa
rows, English and Swedish amounts, Excel serial dates, cp1252 / UTF-8 with BOM / UTF-16 and CR line ends."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.domain.internkontroll.stickprov_import import ImportRejected, parse_file, split_names
from finsam_desktop.domain.internkontroll.stickprov_mapping import (
    guess_columns,
    upgrade_mapping,
    validate_mapping,
)

VISMA = "Ver.nr;Bokf.datum;Konto;Kst;Projekt;Leverantör;Fakturanr;Belopp;Beslutsattest;Mottagningsattest"
ROWS = [
    "A-101;2026-03-02;6110;200;P-12;Kontorsbolaget AB;F-9001;1 234,50;Helena Marklund;Tobias Rönn",
    "A-102;2026-03-03;6420;300;;Revisionsbyrån;F-9002;-2 000,00;Eva Forsberg, Anna Berglund;Tobias Rönn/Eva Forsberg",
    "A-103;2026-03-04;5410;200;P-12;Datorhuset;F-9003;12 345,00;Helena Marklund;",
]


def visma(rows=ROWS, summa: str | None = "Summa;;;;;;;11 579,50;;", encoding="cp1252", newline="\r\n") -> bytes:
    lines = ["sep=;", VISMA, *rows] + ([summa] if summa is not None else [])
    text = newline.join(lines) + newline
    return text.encode(encoding)


def mapping_of(headers: str) -> dict[str, str]:
    guess = guess_columns(headers.split(";"))
    assert guess.resolved, guess.ambiguous
    return guess.mapping


# --- point 1: the fields a file has a column for -------------------------------------------------


def test_a_file_without_attest_or_utanordnare_columns_is_a_population_and_says_what_it_has():
    data = "Ver nr;Datum;Belopp;Leverantör\n1;2026-03-02;100,00;A AB\n2;2026-03-03;200,00;B AB\n".encode()
    parsed = parse_file(data, "utan_attest.csv", mapping_of("Ver nr;Datum;Belopp;Leverantör"))
    assert parsed.columns == {"verifikation", "datum", "belopp", "motpart"}
    assert [(t.attestanter, t.utanordnare, t.mottagningsattest) for t in parsed.transactions] == [((), "", ())] * 2
    with pytest.raises(ValidationError, match="välj en kolumn för Belopp"):
        parse_file(data, "utan_attest.csv", {"verifikation": "Ver nr", "datum": "Datum"})


# --- point 2: Konto and Kostnadsställe apart, and an honest guess --------------------------------


def test_a_visma_like_export_maps_konto_kostnadsstalle_fakturanummer_and_both_attests():
    assert mapping_of(VISMA) == {
        "verifikation": "Ver.nr",
        "datum": "Bokf.datum",
        "konto": "Konto",
        "kostnadsstalle": "Kst",
        "motpart": "Leverantör",
        "fakturanummer": "Fakturanr",
        "belopp": "Belopp",
        "attestanter": "Beslutsattest",
        "mottagningsattest": "Mottagningsattest",
    }
    parsed = parse_file(visma(), "visma.csv", mapping_of(VISMA))
    first = parsed.transactions[0]
    assert (first.konto, first.kostnadsstalle, first.fakturanummer, first.attest_scope) == (
        "6110",
        "200",
        "F-9001",
        "200",
    )
    assert parsed.columns == set(mapping_of(VISMA)) and "utanordnare" not in parsed.columns


@pytest.mark.parametrize(
    "headers,role,candidates",
    [
        ("Ver nr;Datum;Belopp;Belopp SEK", "belopp", ("Belopp", "Belopp SEK")),
        ("Ver nr;Datum;Belopp;Attestant;Attestant 2", "attestanter", ("Attestant", "Attestant 2")),
        ("Ver nr;Datum;Belopp;Konto;Ansvar;Verksamhet", "kostnadsstalle", ("Ansvar", "Verksamhet")),
    ],
)
def test_the_guess_does_not_pick_between_two_equally_good_columns(headers, role, candidates):
    guess = guess_columns(headers.split(";"))
    assert role not in guess.mapping and guess.ambiguous == {role: candidates}
    assert guess.mapping["verifikation"] == "Ver nr" and guess.mapping["datum"] == "Datum"


def test_an_unresolved_required_role_is_refused_naming_the_candidates():
    headers = ("Ver nr", "Datum", "Belopp", "Belopp SEK")
    with pytest.raises(ValidationError, match="välj kolumn för Belopp: ”Belopp”, ”Belopp SEK”"):
        validate_mapping(guess_columns(headers).mapping, headers)
    assert validate_mapping({**guess_columns(headers).mapping, "belopp": "Belopp SEK"}, headers)["belopp"] == (
        "Belopp SEK"
    )


def test_the_old_guess_took_konto_over_kostnadsstalle_now_each_has_its_own_field():
    headers = ("Verifikationsnummer", "Datum", "Konto", "Kostnadsställe", "Belopp", "Attestant")
    guess = guess_columns(headers)
    assert guess.mapping["konto"] == "Konto" and guess.mapping["kostnadsstalle"] == "Kostnadsställe"


def test_a_stored_mapping_from_before_the_split_still_loads():
    # Stored as {"konto": "Kostnadsställe"} when the field was "Konto/kostnadsställe".
    old = {"verifikation": "Ver nr", "datum": "Datum", "belopp": "Belopp", "konto": "Kostnadsställe"}
    assert upgrade_mapping(old) == {
        **{k: v for k, v in old.items() if k != "konto"},
        "kostnadsstalle": "Kostnadsställe",
    }
    assert upgrade_mapping({**old, "konto": "Konto"})["konto"] == "Konto"
    data = "Ver nr;Datum;Belopp;Kostnadsställe\n1;2026-03-02;100,00;Steget vidare\n".encode()
    as_stored = parse_file(data, "gammal.csv", old).transactions[0]
    assert as_stored.konto == "Steget vidare" and as_stored.attest_scope == "Steget vidare"
    upgraded = parse_file(data, "gammal.csv", upgrade_mapping(old)).transactions[0]
    assert upgraded.kostnadsstalle == "Steget vidare" and upgraded.attest_scope == "Steget vidare"


# --- point 3: several names in one attest cell ---------------------------------------------------


@pytest.mark.parametrize(
    "cell,names",
    [
        ("Anna Berglund, Eva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna Berglund/Eva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna Berglund; Eva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna Berglund och Eva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna Berglund OCH Eva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna Berglund & Eva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna Berglund\nEva Forsberg", ("Anna Berglund", "Eva Forsberg")),
        ("Anna-Karin Öberg", ("Anna-Karin Öberg",)),
        ("Per Olof", ("Per Olof",)),
        ("Jochen Ochs", ("Jochen Ochs",)),
        # Documented choice: a comma always separates people ("Efternamn, Förnamn" cannot be told from two
        # people by first name or signature, and merging two attestants would hide a missing attest).
        ("Öberg, Anna", ("Öberg", "Anna")),
        ("", ()),
    ],
)
def test_an_attest_cell_with_several_names_is_split_but_a_name_stays_whole(cell, names):
    assert split_names(cell) == names


def test_mottagningsattest_is_read_beside_beslutsattest():
    ts = parse_file(visma(), "visma.csv", mapping_of(VISMA)).transactions
    assert ts[1].attestanter == ("Eva Forsberg", "Anna Berglund")
    assert ts[1].mottagningsattest == ("Tobias Rönn", "Eva Forsberg")
    assert ts[2].mottagningsattest == ()


# --- point 4: what real exports contain ------------------------------------------------------------


def test_sep_line_cp1252_cr_lf_and_a_summa_row_are_understood_and_the_summa_row_is_said_once():
    parsed = parse_file(visma(), "visma.csv", mapping_of(VISMA))
    assert [t.rad for t in parsed.transactions] == [3, 4, 5]
    assert [t.belopp for t in parsed.transactions] == [Decimal("1234.50"), Decimal("-2000.00"), Decimal("12345.00")]
    assert parsed.transactions[0].motpart == "Kontorsbolaget AB" and parsed.transactions[1].motpart == "Revisionsbyrån"
    assert parsed.notes == ("Rad 6 (”Summa”) är en summarad och lästes inte in.",)


@pytest.mark.parametrize(
    "encoding,newline",
    [("utf-8-sig", "\n"), ("utf-16", "\r\n"), ("utf-16-le", "\n"), ("cp1252", "\r"), ("utf-8", "\r\n")],
)
def test_encodings_and_line_ends_of_real_exports(encoding, newline):
    parsed = parse_file(visma(encoding=encoding, newline=newline), "visma.csv", mapping_of(VISMA))
    assert [t.motpart for t in parsed.transactions] == ["Kontorsbolaget AB", "Revisionsbyrån", "Datorhuset"]
    assert parsed.transactions[1].attestanter == ("Eva Forsberg", "Anna Berglund")
    assert len(parsed.notes) == 1


@pytest.mark.parametrize(
    "summa,label",
    [
        ("Summa totalt;;;;;;;11 579,50;;", "Summa totalt"),
        ("99999;2026-03-31;;;;Totalt:;;11 579,50;;", "Totalt:"),  # with a verifikation number
        (";;;;;;;11 579,50;;", "11 579,50"),  # no text: the amount is the sum of the rows above
    ],
)
def test_a_trailing_summary_row_is_recognised_with_or_without_a_verifikation_number(summa, label):
    parsed = parse_file(visma(summa=summa), "visma.csv", mapping_of(VISMA))
    assert len(parsed.transactions) == 3
    assert parsed.notes == (f"Rad 6 (”{label}”) är en summarad och lästes inte in.",)


def test_a_row_numbered_in_thousands_is_said_with_a_space_and_a_blank_row_that_is_no_sum_is_refused():
    rows = [f"A-{i};2026-03-02;6110;200;;Lev AB;F-{i};1,00;Helena Marklund;" for i in range(1, 1986)]
    parsed = parse_file(visma(rows=rows, summa="Summa;;;;;;;1 985,00;;"), "stor.csv", mapping_of(VISMA))
    assert parsed.notes == ("Rad 1 988 (”Summa”) är en summarad och lästes inte in.",)
    with pytest.raises(ImportRejected) as err:
        parse_file(visma(summa=";;;;;;;999,00;;"), "fel.csv", mapping_of(VISMA))
    assert err.value.rows == (6,) and "Rad 6, Verifikationsnummer: saknas." in str(err.value)


@pytest.mark.parametrize(
    "text,amount",
    [
        ("1,234.50", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1 234.50", "1234.50"),
        ("−1 200", "-1200"),
        ("1 200-", "-1200"),
        ("(1 234,50)", "-1234.50"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("0,125", "0.125"),
        ("12,50 kr", "12.50"),
    ],
)
def test_amounts_in_swedish_and_english_forms(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["1,234", "1.234", "12.345"])
def test_a_lone_thousands_or_three_decimals_amount_is_refused_as_ambiguous(text):
    # Documented choice: "1,234" could be 1 234 kr (English thousands) or 1,234 kr; the kronor have two
    # decimals, but a guess either way could be a thousandfold error, so it is refused unless the column
    # shows its convention elsewhere.
    with pytest.raises(ValidationError, match="tvetydigt"):
        parse_amount(text)
    thousands = Decimal(text.replace(",", "").replace(".", ""))
    other = "," if "." in text else "."  # the file's decimal mark is the other sign: this one is thousands
    assert parse_amount(text, decimal=other) == thousands


def test_the_column_convention_settles_an_ambiguous_amount():
    english = [
        "A-1;2026-03-02;6110;200;;Lev AB;F-1;12,345.50;Helena Marklund;",
        "A-2;2026-03-03;6110;200;;Lev AB;F-2;1,234;Helena Marklund;",
    ]
    ts = parse_file(visma(rows=english, summa=None), "en.csv", mapping_of(VISMA)).transactions
    assert [t.belopp for t in ts] == [Decimal("12345.50"), Decimal("1234.00")]
    alone = ["A-2;2026-03-03;6110;200;;Lev AB;F-2;1,234;Helena Marklund;"]
    with pytest.raises(ImportRejected, match="Rad 3, Belopp: ”1,234” är tvetydigt"):
        parse_file(visma(rows=alone, summa=None), "en.csv", mapping_of(VISMA))


@pytest.mark.parametrize(
    "cell",
    ["2026-03-02", "2026-03-02 00:00:00", "02.03.2026", "20260302", "260302", "2/3 2026"],
)
def test_date_texts_of_real_exports(cell):
    row = f"A-1;{cell};6110;200;;Lev AB;F-1;100,00;Helena Marklund;"
    assert parse_file(visma(rows=[row], summa=None), "d.csv", mapping_of(VISMA)).transactions[0].datum == date(
        2026, 3, 2
    )


def test_xlsx_dates_as_serial_numbers_date_cells_and_text(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(VISMA.split(";"))
    ws.append(["A-1", 46083, 6110, 200, None, "Lev AB", "F-1", 1234.5, "Helena Marklund", None])
    ws.append(["A-2", date(2026, 3, 2), 6110, 200, None, "Lev AB", "F-2", -200, "Helena Marklund", None])
    ws.append(["A-3", datetime(2026, 3, 2, 0, 0), 6110, 200, None, "Lev AB", "F-3", "1,234.50", "X", None])
    ws.append(["A-4", "2026-03-02 00:00:00", 6110, 200, None, "Lev AB", "F-4", "(100,00)", "X", None])
    ws.append(["A-5", 20260302, 6110, 200, None, "Lev AB", "F-5", "1 200-", "X", None])
    ws.append([None, None, None, None, None, "Summa", None, 2134.5, None, None])
    path = tmp_path / "agresso.xlsx"
    wb.save(path)
    parsed = parse_file(path.read_bytes(), "agresso.xlsx", mapping_of(VISMA))
    assert [t.datum for t in parsed.transactions] == [date(2026, 3, 2)] * 5
    assert [t.belopp for t in parsed.transactions] == [
        Decimal("1234.50"),
        Decimal("-200.00"),
        Decimal("1234.50"),
        Decimal("-100.00"),
        Decimal("-1200.00"),
    ]
    assert parsed.transactions[0].konto == "6110" and parsed.transactions[0].kostnadsstalle == "200"
    assert parsed.notes == ("Rad 7 (”Summa”) är en summarad och lästes inte in.",)


def test_an_unreadable_real_export_is_still_refused_whole_with_row_numbers():
    rows = [
        ROWS[0],
        "A-102;2026-02-30;6420;300;;Revisionsbyrån;F-9002;-2 000,00;Eva Forsberg;",
        "A-103;2026-03-04;5410;200;;Datorhuset;F-9003;tolv tusen;Helena Marklund;",
    ]
    with pytest.raises(ImportRejected) as err:
        parse_file(visma(rows=rows), "fel.csv", mapping_of(VISMA))
    assert err.value.rows == (4, 5)
    text = str(err.value)
    assert "Rad 4, Datum: ”2026-02-30” är inget giltigt datum." in text
    assert "Rad 5, Belopp: ”tolv tusen” är inte ett belopp." in text and "Inget har sparats" in text
