"""The styrelse PDF and the Excel exports, read back."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Risk, validate_risk
from finsam_desktop.reports.internkontroll.pdf import matrix_drawing


def test_pdf_has_matrix_tables_stickprov_and_signature_lines(demo_services):
    ik = demo_services.internkontroll
    data = ik.exports.export_pdf(2026)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert reader.metadata.title == "Intern styrning och kontroll 2026"
    sp = ik.stickprov.list_stickprov(2026)[0]
    for expected in (
        "Risk före åtgärd",
        "Kvarstående risk efter åtgärd",
        "Risk- och väsentlighetsanalys för Samordningsförbundet",
        "Plan för intern styrning och kontroll för 2026",
        "Kontrollmoment",
        "Pågår",
        "Status: ej påbörjad 0, pågår 1",
        "Förändringar jämfört med 2025",
        f"{sp.population_count} verifikationer",
        f"frö {sp.seed}",
        "Slumpfrö",
        "Granskning",
        "Slutsats",
        "Eva Forsberg, Ordförande",
        "Anna Berglund, Vice ordförande",
        "Förbundschef Helena Marklund var närvarande",
    ):
        assert expected in text, expected
    for item in sp.items:
        assert item.transaction.verifikation in text
    assert f"Sida 1 av {len(reader.pages)}" in text
    assert ik.exports.export_pdf(2026) == data  # byte-stable


def test_matrix_picture_places_every_risk():
    settings = MatrixSettings()
    risks = [
        validate_risk(Risk(0, i, "P", f"r{i}", v, s), settings)
        for i, (v, s) in enumerate([(3, 1), (3, 1), (2, 2), (4, 3)], 1)
    ]
    d = matrix_drawing(risks, settings)
    strings = [c.text for c in d.contents if hasattr(c, "text")]
    assert "2" in strings and "1, 2" in strings and "4" in strings and "Väsentlighet (konsekvens) →" in strings


def test_risk_xlsx_has_formulas_colours_and_a_legend(demo_services):
    wb = load_workbook(io.BytesIO(demo_services.internkontroll.exports.export_risk_xlsx(2026)))
    ws = wb["Risker"]
    assert ws["A4"].value == "Nr" and ws.freeze_panes == "A5"
    assert ws["F5"].value == "=D5*E5" and ws["D5"].value == 3 and ws["E5"].value == 2
    assert ws["K5"].value.startswith("=IF(AND(ISNUMBER(I5)")
    assert sum(len(cf.rules) for cf in ws.conditional_formatting) == 6
    assert [ws.cell(row=r, column=1).value for r in range(5, 17)] == list(range(1, 13))
    legend = wb["Förklaring"]
    values = [c.value for row in legend.iter_rows() for c in row if c.value]
    assert "Försumbar" in values and "Allvarlig" in values and "9–16" in values
    matrix = wb["Matris"]
    assert "3 (3, 4, 7)" in [c.value for row in matrix.iter_rows() for c in row]


def test_stickprov_xlsx_lists_items_with_findings(demo_services):
    ik = demo_services.internkontroll
    sp = ik.stickprov.list_stickprov(2026)[0]
    wb = load_workbook(io.BytesIO(ik.exports.export_stickprov_xlsx(sp.id)))
    ws = wb["Stickprov"]
    rows = list(ws.iter_rows(min_row=5, max_row=4 + len(sp.items), values_only=True))
    assert [r[3] for r in rows] == [i.transaction.verifikation for i in sp.items]
    flagged = [r for r in rows if r[10] != "Inga anmärkningar"]
    assert len(flagged) == sp.findings_count
    total_row = 4 + len(sp.items) + 2
    assert ws.cell(row=total_row, column=6).value == f"=SUM(F5:F{4 + len(sp.items)})"
    assert ws.cell(row=5, column=6).number_format == "#,##0.00"
    urval = {r[0]: r[1] for r in wb["Urval"].iter_rows(values_only=True)}
    assert urval["Slumpfrö"] == sp.seed and urval["Population (efter urvalsfilter)"] == sp.population_count
