"""The stickprov PDF and workbook show the population analysis beside the random sample: the figures and settings,
what was not checked (once), the findings by severity with the rule in words, rows, amount and åtgärd, and the
plan lists the åtgärder still open from earlier years. The analytics are replaced by a hand-made report."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.domain.internkontroll.atgard import Atgard, AtgardStatus
from finsam_desktop.domain.internkontroll.stickprov_findings import (
    AnalysisSettings,
    NotChecked,
    PopulationFinding,
    PopulationReport,
    Rule,
    Severity,
)
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.services.internkontroll.stickprov import StickprovService

MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Bokföringsdatum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Kostnadsställe",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}
REPORT = PopulationReport(
    300,
    Decimal("987654.25"),
    AnalysisSettings(near_duplicate_days=9),
    (
        PopulationFinding(
            Rule.SJALVATTEST,
            Severity.HOG,
            "Attestanten har attesterat en betalning till sig själv.",
            "Eva Forsberg attesterade ersättning till sig själv",
            (31,),
            ("26-00031",),
            Decimal("4200.00"),
            "sjalv:31",
        ),
        PopulationFinding(
            Rule.UPPDELAT_KOP,
            Severity.MEDEL,
            "Samma leverantör, var för sig under direktupphandlingsgränsen, tillsammans över den.",
            "Byggtjänst AB: fyra fakturor",
            tuple(range(100, 160)),
            tuple(f"26-{n:05d}" for n in range(100, 160)),
            Decimal("812000.00"),
            "split:100",
        ),
        PopulationFinding(
            Rule.RUNT_BELOPP,
            Severity.LAG,
            "Jämnt belopp.",
            '=HYPERLINK("http://example.invalid","klicka")',
            (7,),
            ("26-00007",),
            Decimal("20000.00"),
            "runt:7",
        ),
    ),
    (NotChecked("Två i förening", "filen saknar kolumn för utanordnare"),),
    ("Summaraden (rad 302) hoppades över.",),
)


@pytest.fixture
def with_findings(demo_services, monkeypatch):
    monkeypatch.setattr(
        StickprovService, "analyse_population", lambda self, parsed, settings=None, progress=None: REPORT
    )
    ik = demo_services.internkontroll
    made = {}
    for ar in (2025, 2026):
        gen = generate_transactions(ar, 80, seed=ar)
        made[ar] = ik.stickprov.create_stickprov(gen.data, gen.filename, MAPPING, PopulationFilter(), 4, 11, ar=ar)
    old = made[2025].finding_rows
    ik.atgarder.set_atgard(
        old[0].id, Atgard("Helena Marklund", date(2026, 5, 31), AtgardStatus.PAGAR, "Ny attestlista")
    )
    new = made[2026].finding_rows
    ik.atgarder.set_atgard(new[0].id, Atgard("Helena Marklund", date(2026, 10, 1), AtgardStatus.OPPEN, "Återkräv"))
    ik.atgarder.set_atgard(new[2].id, Atgard("", None, AtgardStatus.INGEN_ATGARD, motivering="Avtalat fast pris"))
    return ik, made[2026]


def test_pdf_shows_sample_and_population_findings_by_severity_with_atgarder(with_findings):
    ik, sp = with_findings
    reader = PdfReader(io.BytesIO(ik.exports.export_pdf(2026, sp.id)))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in (
        f"frö {sp.seed}",  # the random sample as before
        "Hela populationen",
        "300 rader i filen",
        "987 654,25 kr",
        "inom 9 dagar",
        "Inte kontrollerat",
        "Allvarlighet hög (1 fynd)",
        "Allvarlighet medel (1 fynd)",
        "Allvarlighet låg (1 fynd)",
        "Attest av betalning till sig själv",
        "Uppdelat köp",
        "812 000 kr",
        "och 48 till",  # 60 rows: the PDF lists 12, the workbook all
        "Återkräv",
        "Försenad",  # open, senast 2026-10-01, today 2026-11-18
        "Ingen åtgärd behövs",
        "Avtalat fast pris",
        "Öppna åtgärder från stickprov före 2026",
        "Ny attestlista",
    ):
        assert expected in text, expected
    assert text.count("filen saknar kolumn för utanordnare") == 1
    assert text.index("Allvarlighet hög") < text.index("Allvarlighet medel") < text.index("Allvarlighet låg")
    for item in sp.items:
        assert item.transaction.verifikation in text


def test_workbook_has_a_population_sheet_with_every_row_and_no_formula_from_data(with_findings):
    ik, sp = with_findings
    wb = load_workbook(io.BytesIO(ik.exports.export_stickprov_xlsx(sp.id)))
    assert {"Stickprov", "Urval", "Hela populationen"} <= set(wb.sheetnames)
    ws = wb["Hela populationen"]
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row if c.value is not None}
    values = [c.value for c in cells.values()]
    assert 300 in values and Decimal("987654.25") in [Decimal(str(v)) for v in values if isinstance(v, float)]
    assert sum(1 for v in values if v == "filen saknar kolumn för utanordnare") == 1
    head = next(c.row for c in cells.values() if c.value == "Allvarlighet")
    table = [[ws.cell(row=r, column=c).value for c in range(1, 13)] for r in range(head + 1, ws.max_row + 1)]
    assert [row[0] for row in table] == ["Hög", "Medel", "Låg"]
    assert table[0][1] == "Attest av betalning till sig själv" and table[0][7] == "Återkräv"
    assert table[0][10] == "Försenad (öppen)"
    assert table[1][4] == "rader " + ", ".join(str(n) for n in range(100, 160))
    assert table[2][10] == "Ingen åtgärd behövs" and table[2][11] == "Avtalat fast pris"
    formula_cell = ws.cell(row=head + 3, column=4)
    assert formula_cell.value.startswith("=HYPERLINK") and formula_cell.data_type == "s"


def test_pdf_names_each_rule_once_and_sums_up_a_long_low_severity_list(demo_services, monkeypatch):
    """A board document must not run to dozens of pages of weekend payments: each rule is named once, and of a
    low-severity rule with many findings the PDF lists those with an åtgärd and the first ten others."""
    weekend = tuple(
        PopulationFinding(
            Rule.HELGDAG,
            Severity.LAG,
            "Betald eller bokförd på en lördag, söndag eller helgdag.",
            f"ver 26-{n:05d} (söndag), Hotell Kusten",
            (n,),
            (f"26-{n:05d}",),
            Decimal("1500.00"),
            f"helg:{n}",
        )
        for n in range(201, 215)
    )
    report = PopulationReport(300, Decimal("100000.00"), AnalysisSettings(), weekend)
    monkeypatch.setattr(
        StickprovService, "analyse_population", lambda self, parsed, settings=None, progress=None: report
    )
    ik = demo_services.internkontroll
    gen = generate_transactions(2026, 80, seed=3)
    sp = ik.stickprov.create_stickprov(gen.data, gen.filename, MAPPING, PopulationFilter(), 4, 11, ar=2026)
    last = sp.finding_rows[-1]
    ik.atgarder.set_atgard(last.id, Atgard("Helena Marklund", date(2026, 12, 15), AtgardStatus.OPPEN, "Fråga hotellet"))
    reader = PdfReader(io.BytesIO(ik.exports.export_pdf(2026, sp.id)))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    # named once (a table continued on the next page repeats its head), not once per finding
    assert text.count("Betald eller bokförd på en lördag") <= 2
    assert "Betalning på helgdag (14 fynd)" in text
    shown = [n for n in range(201, 215) if f"ver 26-{n:05d} (söndag)" in text]
    assert shown == [*range(201, 211), 214]  # the first ten, and the one with an åtgärd
    assert "och 3 fynd till av samma slag" in text and "Hela populationen" in text
