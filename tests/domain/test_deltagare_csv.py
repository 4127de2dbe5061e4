"""The deltagare export: real-shaped files (encodings, line ends, Summa rows, missing optional columns, other header
names) are read whole, and a bad row refuses the whole file with the row number and the column, in Swedish."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.verksamhet.deltagare_csv import (
    InsatsRef,
    guess_columns,
    load_reasons,
    parse_period,
    parse_rows,
    read_file,
)
from finsam_desktop.paths import resources_dir
from tests.fixtures.deltagare_exports import HEADERS, ROWS, drop_columns, export, with_cell

REASONS = load_reasons((resources_dir() / "verksamhet" / "avslutsanledningar.json").read_text("utf-8"))
INSATSER = (InsatsRef(1, "MIA", "IND1"), InsatsRef(2, "Resursteam", "IND2"))


def parse(data: bytes, mapping=None):
    raw = read_file(data)
    guess = guess_columns(raw.headers, REASONS)
    return parse_rows(raw, mapping or guess.mapping, INSATSER, REASONS)


def refused(data: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        parse(data)
    return str(exc.value)


def test_cp1252_crlf_with_summa_row_reads_every_month_and_skips_the_summa():
    parsed = parse(export())
    assert len(parsed.rows) == 5
    first = parsed.rows[0]
    assert (first.insats_id, first.period, first.inskrivna, first.pagaende, first.avslutade) == (
        1,
        date(2026, 1, 1),
        12,
        58,
        5,
    )
    assert (first.kvinnor, first.man, first.annat, first.stegforflyttning) == (7, 5, 0, 4)
    assert first.avslut == (("arbete", 2), ("studier", 1))
    assert dict(first.anvisade) == {"Försäkringskassan": 3, "Arbetsförmedlingen": 4, "Täby kommun": 3, "Regionen": 2}
    assert parsed.notes == ("Rad 7 (”Summa”) är en summarad och lästes inte in.",)


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("utf-8", "\r", True), ("utf-8", "\n", False), ("cp1252", "\r", False), ("utf-8", "\r\n", True)],
)
def test_encodings_and_line_ends_read_the_same(encoding, newline, bom):
    assert parse(export(encoding=encoding, newline=newline, bom=bom)).rows == parse(export()).rows


def test_optional_columns_missing_count_as_zero():
    rows, headers = drop_columns(
        ("Pågående", "Kvinnor", "Män", "Annat kön", "Stegförflyttning", *[h for h in HEADERS if h.startswith("A")])
    )
    parsed = parse(export(rows, headers))
    assert [(r.inskrivna, r.pagaende, r.kvinnor, r.avslut, r.anvisade) for r in parsed.rows][0] == (12, 0, 0, (), ())


def test_insats_by_code_instead_of_name():
    rows = tuple(("IND1" if r[0] == "MIA" else "IND2", *r[1:]) for r in ROWS)
    headers = ("Insatskod", *HEADERS[1:])
    assert [r.insats for r in parse(export(rows, headers)).rows] == ["MIA"] * 3 + ["Resursteam"] * 2


def test_excel_sep_line_is_skipped_and_counts_in_row_numbers():
    data = export(with_cell(1, "Män", "x"), preamble=("sep=;",))
    assert "Rad 4, kolumn ”Män”" in refused(data)


def test_other_usual_header_names_are_recognised():
    headers = (
        "Projekt",
        "Månad",
        "Nya deltagare",
        "Aktiva",
        "Antal avslutade",
        "Varav kvinnor",
        "Varav män",
        "Okänt kön",
        "Stegförflyttningar",
        "Till arbete",
        "Avslutsanledning: Studier",
        "Avslutade till annan insats",
        "Remittent FK",
        "Remittent AF",
        "Anvisade Täby kommun",
        "Anvisad från Region",
    )
    guess = guess_columns(headers, REASONS)
    assert guess.ambiguous == {} and guess.unknown_reasons == ()
    parsed = parse(export(headers=headers))
    assert parsed.rows == parse(export()).rows


@pytest.mark.parametrize("text", ["202603", "2026-03", "2026-3", "2026/03", "2026-03-01", "mars 2026", "Mar 2026"])
def test_month_formats(text):
    assert parse_period(text) == date(2026, 3, 1)


@pytest.mark.parametrize("text", ["2026-13", "26-03", "mars", "2026-02-30", ""])
def test_not_a_month(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (0, "Kvinnor", "sju", "Rad 2, kolumn ”Kvinnor”: ”sju” är inget antal."),
        (1, "Avslutade", "-3", "Rad 3, kolumn ”Avslutade”: antal kan inte vara negativa"),
        (2, "Pågående", "2,5", "Rad 4, kolumn ”Pågående”: ”2,5” är inget antal."),
        (3, "Avslut arbete", "<5", "Rad 5, kolumn ”Avslut arbete”: värdet ”<5” är maskerat"),
        (4, "Period", "2026-13", "Rad 6, kolumn ”Period”: ”2026-13” är ingen månad"),
        (2, "Insats", "Okänd insats", "Rad 4, kolumn ”Insats”: det finns ingen insats ”Okänd insats”"),
    ],
)
def test_a_bad_cell_refuses_the_whole_file_naming_row_and_column(row, column, value, expected):
    assert expected in refused(export(with_cell(row, column, value)))


def test_the_same_insats_and_month_twice_is_refused():
    rows = (*ROWS, ROWS[0])
    assert "Rad 7: MIA 2026-01 finns redan på rad 2" in refused(export(rows, summa=False))


def test_kon_split_must_add_up_to_the_inskrivna():
    message = refused(export(with_cell(0, "Kvinnor", 9)))
    assert "Rad 2: kvinnor + män + annat kön = 14 men inskrivna = 12" in message


def test_two_columns_for_the_same_field_are_left_for_the_user():
    headers = ("Insats", "Projekt", *HEADERS[1:])
    rows = tuple((r[0], r[0], *r[1:]) for r in ROWS)
    raw = read_file(export(rows, headers))
    guess = guess_columns(raw.headers, REASONS)
    assert guess.ambiguous == {"insats": ("Insats", "Projekt")}
    with pytest.raises(ValidationError, match="välj kolumn för Insats: ”Insats”, ”Projekt”"):
        parse_rows(raw, guess.mapping, INSATSER, REASONS)
    chosen = parse_rows(raw, {**guess.mapping, "insats": "Projekt"}, INSATSER, REASONS)
    assert len(chosen.rows) == 5


def test_an_avslut_column_outside_the_code_list_is_reported():
    headers = (*HEADERS[:9], "Avslut flytt", *HEADERS[10:])
    guess = guess_columns(headers, REASONS)
    assert guess.unknown_reasons == ("Avslut flytt",)
    assert "avslut:arbete" not in guess.mapping


def test_a_file_without_an_inskrivna_column_says_so():
    rows, headers = drop_columns(("Inskrivna",))
    assert "filen saknar en kolumn för Inskrivna" in refused(export(rows, headers, summa=False))


def test_an_empty_file_and_a_header_only_file_are_refused():
    with pytest.raises(ValidationError, match="filen är tom"):
        read_file(b"\r\n\r\n")
    assert "filen har inga datarader" in refused(export(rows=(), summa=False))


def test_a_title_above_the_table_is_skipped_and_row_numbers_stay_those_of_the_file():
    preamble = ("Deltagarstatistik Samordningsförbundet Testbygden;;", "Uttag 2026-04-02;;", "")
    data = export(with_cell(0, "Kvinnor", "x"), preamble=preamble)
    assert "Rad 5, kolumn ”Kvinnor”" in refused(data)
    with_title = parse(export(preamble=preamble)).rows
    assert [replace(r, rad=0) for r in with_title] == [replace(r, rad=0) for r in parse(export()).rows]
    assert with_title[0].rad == 5


def test_an_xlsx_export_reads_like_the_csv(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(HEADERS))
    for row in ROWS:
        ws.append([row[0], row[1], *row[2:]])
    ws.append(["Totalt", None, *[sum(r[i] for r in ROWS) for i in range(2, len(HEADERS))]])
    path = tmp_path / "sus.xlsx"
    wb.save(path)
    parsed = parse(path.read_bytes())
    assert [(r.insats, r.period, r.inskrivna) for r in parsed.rows] == [
        (r.insats, r.period, r.inskrivna) for r in parse(export()).rows
    ]
    assert parsed.notes == ("Rad 7 (”Totalt”) är en summarad och lästes inte in.",)


def test_insats_names_match_whatever_the_case_and_spacing():
    rows = tuple((" mia " if r[0] == "MIA" else "RESURSTEAM", *r[1:]) for r in ROWS)
    assert [r.insats_id for r in parse(export(rows)).rows] == [1, 1, 1, 2, 2]


def test_separate_ar_and_manad_columns_make_the_month():
    rows = tuple((r[0], r[1][:4], str(int(r[1][5:])), *r[2:]) for r in ROWS)
    headers = ("Insats", "År", "Månad", *HEADERS[2:])
    parsed = parse(export(rows, headers))
    assert [r.period for r in parsed.rows] == [r.period for r in parse(export()).rows]
    bad = with_cell(1, "Månad", "13", rows=rows, headers=headers)
    assert "Rad 3, kolumn ”Månad”: ”2026 13” är ingen månad" in refused(export(bad, headers))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_mutation_of_a_good_export_is_read_or_refused_in_swedish(data):
    """Arbitrary cells dropped into a good export: read whole, or a ``ValidationError`` – never anything else."""
    rows = [list(r) for r in ROWS]
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(rows) - 1))
        j = data.draw(st.integers(0, len(HEADERS) - 1))
        rows[i][j] = data.draw(
            st.one_of(
                st.sampled_from(["", "-1", "1e308", "9" * 30, "<5", "2026-00", "NaN", '"', "Summa", "12,0", "1 200"]),
                st.text(max_size=12),
            )
        )
    text = "\r\n".join(";".join(str(c) for c in r) for r in [list(HEADERS), *rows])
    try:
        parsed = parse(text.encode("utf-8"))
    except ValidationError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert all(r.inskrivna == r.kvinnor + r.man + r.annat for r in parsed.rows)
