"""The budget workbook (real formulas that recompute to the service's totals) and the PDF."""

from __future__ import annotations

import importlib.util
import io
import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader


def _load_f3_helper():
    """Roslagen's Ekonomirapport Q1 (fixture F3) is entered by the acceptance test's helper."""
    path = Path(__file__).parents[1] / "acceptance" / "test_budget_seeds.py"
    spec = importlib.util.spec_from_file_location("budget_seed_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.enter_f3


enter_f3 = _load_f3_helper()


class Sheet:
    """Recomputes the formula subset the workbook uses (SUM, ROUND, IF, ISNUMBER, COUNT, N, AND)."""

    def __init__(self, ws):
        self.ws = ws
        self.cache: dict[str, object] = {}

    def value(self, ref: str):
        if ref not in self.cache:
            raw = self.ws[ref].value
            self.cache[ref] = self._eval(raw[1:]) if isinstance(raw, str) and raw.startswith("=") else raw
        return self.cache[ref]

    def _range(self, a: str, b: str) -> list:
        ca, ra = re.match(r"([A-Z]+)(\d+)", a).groups()
        cb, rb = re.match(r"([A-Z]+)(\d+)", b).groups()
        assert ca == cb
        return [self.value(f"{ca}{r}") for r in range(int(ra), int(rb) + 1)]

    def _eval(self, expr: str):
        def flat(args):
            for a in args:
                if isinstance(a, list):
                    yield from a
                else:
                    yield a

        env = {
            "SUM": lambda *a: sum(x for x in flat(a) if isinstance(x, int | float)),
            "COUNT": lambda *a: sum(1 for x in flat(a) if isinstance(x, int | float)),
            "ROUND": lambda x, n: round(x, int(n)),
            "IF": lambda c, a, b: a if c else b,
            "ISNUMBER": lambda x: isinstance(x, int | float) and not isinstance(x, bool),
            "N": lambda x: x if isinstance(x, int | float) else 0,
            "AND": lambda *a: all(a),
            "_rng": self._range,
            "_c": self.value,
        }
        py = re.sub(r"([A-Z]+\d+):([A-Z]+\d+)", r'_rng("\1","\2")', expr)
        py = re.sub(r'(?<![A-Z_"])([A-Z]{1,2}\d+)(?!["\w])', r'_c("\1")', py)
        py = py.replace("<>", "!=")
        py = re.sub(r"(?<![<>!=])=(?!=)", "==", py)
        return eval(py, env)


@pytest.fixture
def f3_workbook(services):
    enter_f3(services.budget)
    data = services.budget.exports.export_xlsx(2020, date(2020, 3, 31))
    return load_workbook(io.BytesIO(data)), services.budget.followup.followup_view(2020, date(2020, 3, 31))


def _find(ws, text: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value and str(row[0].value).strip() == text:
            return row[0].row
    raise AssertionError(f"{text} not found")


def test_workbook_formulas_recompute_to_the_service_totals(f3_workbook):
    wb, view = f3_workbook
    assert wb.sheetnames == [
        "Uppföljning",
        "Budget 2020–2022",
        "Utbetalningar",
        "Eget kapital",
        "Medlemsavgifter",
        "Per månad",
    ]
    ws = wb["Uppföljning"]
    assert (
        ws["D3"].value == "Budget 2020"
        and ws["E3"].value == "Periodiserad budget per 2020-03-31"
        and ws["F3"].value == "Utfall per 2020-03-31"
    )
    sheet = Sheet(ws)
    adm = _find(ws, "Summa administrativa kostnader")
    first = _find(ws, "Styrelse- Arvoden/ Förlorad arbetsinkomst / resor")
    assert ws[f"D{adm}"].value == f"=SUM(D{first}:D{adm - 1})"
    total = _find(ws, "Summa kostnader")
    assert ws[f"D{total}"].value.startswith("=SUM(D")
    # Every subtotal and the grand total recompute to what the app shows.
    for row in view.result.rows:
        if row.kind.value in ("subtotal", "total"):
            r = _find(ws, row.namn)
            assert D(str(sheet.value(f"D{r}"))) == row.budget, row.namn
            assert D(str(sheet.value(f"E{r}"))) == row.prognos, row.namn
            assert D(str(sheet.value(f"F{r}"))) == row.utfall, row.namn
    assert sheet.value(f"D{total}") == 10_995_000
    assert sheet.value(f"E{total}") == 2_726_250
    assert sheet.value(f"F{total}") == 688_000
    # A parent line sums its varav rows; a note stays text and blank stays blank.
    radg = _find(ws, "Rådgivandeteam")
    assert ws[f"F{radg}"].value.startswith("=IF(COUNT(F") and sheet.value(f"F{radg}") == 210_000
    kansli = _find(ws, "Kanslipersonal (1,5 resurs)")
    assert ws[f"F{kansli}"].value == "Faktureras per kvartal"
    assert ws[f"E{kansli}"].value == f"=ROUND(D{kansli}*3/12,2)" and sheet.value(f"E{kansli}") == 260_000
    revision = _find(ws, "Revision")
    assert ws[f"E{revision}"].value == 0  # the override is a typed figure
    # Avvikelse only where both utfall and prognos are numbers (issue 14 point 9).
    assert (
        ws[f"G{revision}"].value == f'=IF(AND(ISNUMBER(F{revision}),ISNUMBER(E{revision})),F{revision}-E{revision},"")'
    )
    # Presentation: frozen header, Swedish number format, landscape fit to width, title rows.
    assert ws.freeze_panes == "B4"
    assert ws[f"D{adm}"].number_format.startswith("#,##0")
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$3"
    # The document's wrong totals are listed under the table.
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any("dokumentet anger 890 000 kr men raderna summerar till 895 000 kr" in t for t in texts)


def test_plan_and_equity_sheets_have_formulas(demo_services):
    wb = load_workbook(io.BytesIO(demo_services.budget.exports.export_xlsx(2026)))
    plan = wb["Budget 2026–2028"]
    sheet = Sheet(plan)
    result = _find(plan, "Budgeterat resultat")
    doc = demo_services.budget.versions.current_budget(2026)
    assert plan[f"D{result}"].value.startswith("=D")
    assert D(sheet.value(f"D{result}")) == doc.totals.resultat[0]
    assert D(sheet.value(f"E{result}")) == doc.totals.resultat[1]
    eq = wb["Eget kapital"]
    # A blank opening equity is not 0 (issue 14 point 9).
    assert eq["B6"].value == '=IF(ISNUMBER(B4),B4+N(B5),"")' and eq["B5"].value.startswith("=Uppföljning!D")
    assert eq["B11"].value == "=B8*B10"
    mem = wb["Medlemsavgifter"]
    msheet = Sheet(mem)
    total_row = _find(mem, "Summa")
    assert mem[f"C{total_row}"].value == f"=SUM(C4:C{total_row - 1})" and msheet.value(f"C{total_row}") == 6_400_000
    adalen = _find(mem, "Ådalens kommun")
    assert mem[f"E{adalen}"].value.startswith(f"=C{adalen}/(SUM(C")
    assert abs(msheet.value(f"E{adalen}") - 0.44) < 1e-9
    pay = wb["Utbetalningar"]
    last = _find(pay, "Summa")
    assert pay[f"F{last}"].value == f"=SUM(F4:F{last - 1})"
    total = sum(r.payment.amount for r in demo_services.budget.grants.payout_schedule(2026))
    assert D(str(round(Sheet(pay).value(f"F{last}"), 2))) == total


def test_pdf_renders_table_chart_and_comments(demo_services):
    data = demo_services.budget.exports.export_pdf(2026, date(2026, 9, 30))
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert reader.metadata.title == "Budgetuppföljning per 2026-09-30"
    assert "Budgetuppföljning per 2026-09-30" in text
    assert "Periodiserad budget per" in text and "Utfall per" in text
    assert re.search(r"Summa individinriktade\s+insatser", text)
    assert re.search(r"Psykologtjänsten\s+vakant\s+februari–april", text)  # comment on a deviating line
    assert "Kommentarer till rader som avviker mer än 10 %" in text
    assert "Eget kapital vid årets slut" in text
    assert "Helårsprognos" in text and "Kostnader ackumulerat, tkr" in text  # the charts' labels
    assert re.search(r"Sida 1 av \d", text)


def test_pdf_lists_the_documents_wrong_totals(services):
    enter_f3(services.budget)
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(services.budget.exports.export_pdf(2020, date(2020, 3, 31)))).pages
    )
    assert "Summor i underlaget som inte stämmer" in text
    assert "721 000 kr" in text and "617 000 kr" in text
