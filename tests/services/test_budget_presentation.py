"""Issue 14 point 10: how the follow-up is shown, the same in the Budget tab's model, the PDF, the workbook and
``finsam list budget``: "–" for a percentage on a tiny base, no duplicate Summa rows, plan years by their year,
kr or tkr, signs as an economist writes them, a better result not as "−190,4 %" in red, föregående års utfall,
and percentages rounded once (the PDF and the workbook never differ by 0,1)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.cli import main
from finsam_desktop.domain.budget.lines import Line, LineFollowup, Measure, Scope, Section, SectionKind, StatedTotal
from finsam_desktop.domain.budget.presentation import Unit, avvikelse_share, pct_text, presented_rows
from finsam_desktop.services.budget.dto import YearSettings

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

PER = date(2026, 3, 31)


@pytest.fixture
def budget(services):
    bs = services.budget
    # Last year, for the prior-year column: Personal cost 1 180 000 kr.
    old = bs.versions.create_budget(2025, with_template=False).info.id
    s_inc = bs.lines.save_section(old, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    s_adm = bs.lines.save_section(old, Section(0, "Kansli", SectionKind.KOSTNAD, 2))
    bs.lines.save_line(old, Line(0, s_inc.id, "INT", "Medlemsavgifter", None, None, 1, D(2_300_000)))
    bs.lines.save_line(old, Line(0, s_adm.id, "LON", "Personal", None, None, 2, D(1_200_000)))
    fu = bs.followup.create_followup(2025, date(2025, 12, 31))
    bs.followup.save_followup_entry(fu.id, LineFollowup("LON", utfall=D(1_180_000)))

    bid = bs.versions.create_budget(2026, with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    adm = bs.lines.save_section(bid, Section(0, "Kansli", SectionKind.KOSTNAD, 2))
    ind = bs.lines.save_section(bid, Section(0, "Insatser", SectionKind.KOSTNAD, 3))
    bs.lines.save_line(bid, Line(0, inc.id, "INT", "Medlemsavgifter", None, None, 1, D(2_400_000), D(1), D(1)))
    bs.lines.save_line(bid, Line(0, adm.id, "LON", "Personal", None, None, 2, D(1_200_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LOK", "Lokaler", None, None, 3, D(400_000)))
    bs.lines.save_line(bid, Line(0, ind.id, "TEAM", "Team", None, None, 4, D(1_200_000)))
    bs.lines.save_line(bid, Line(0, ind.id, "NY", "Ny insats", None, None, 5, D(400)))
    # A plan-year total in the document that does not add up.
    bs.lines.set_stated_totals(bid, [StatedTotal(Scope.KOSTNADER, Measure.PLAN2, D(5))])
    bs.settings.save_year_settings(YearSettings(2026, D(1_200_000), ek_opening=D(1_150_000)))
    fu = bs.followup.create_followup(2026, PER)
    bs.followup.save_followup_entry(fu.id, LineFollowup("INT", utfall=D(600_000)))
    # 100 000 kr prognos; 102 049,99 kr utfall: exactly 2,04999 % — rounded once that is 2,0 %, not 2,1 %.
    bs.followup.save_followup_entry(fu.id, LineFollowup("LOK", utfall=D("102049.99")))
    bs.followup.save_followup_entry(fu.id, LineFollowup("LON", utfall=D(290_000)))
    bs.followup.save_followup_entry(fu.id, LineFollowup("TEAM", utfall=D(150_000)))
    # 100 kr prognos, 1 201 kr utfall: 1 101 % says nothing; shown as –.
    bs.followup.save_followup_entry(fu.id, LineFollowup("NY", utfall=D(1_201)))
    return bs


def _cli(services, capsys, *args) -> str:
    assert (
        main(["--db", services.db.location, "list", "budget", "--year", "2026", "--per", PER.isoformat(), *args]) == 0
    )
    return capsys.readouterr().out


def _pdf_text(bs) -> str:
    return " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bs.exports.export_pdf(2026, PER))).pages).split()
    )


def test_tiny_base_shows_a_dash_and_percentages_are_rounded_once(budget, services, capsys):
    view = budget.followup.followup_view(2026, PER)
    rows = {r.kod: r for r in view.result.rows if r.kod}
    assert pct_text(avvikelse_share(rows["NY"])) == "–"
    assert pct_text(avvikelse_share(rows["LOK"])) == "2,0 %"
    out = _cli(services, capsys)
    ny = next(line for line in out.splitlines() if line.strip().startswith("Ny insats"))
    assert "%" not in ny and "–" in ny  # neither "1 101,0 %" nor "1101 %"
    lok = next(line for line in out.splitlines() if line.strip().startswith("Lokaler"))
    assert "2,0 %" in lok and "2,1 %" not in lok
    pdf = _pdf_text(budget)
    assert "1 101,0 %" not in pdf and "2,1 %" not in pdf and "2,0 %" in pdf
    # The workbook shows the same percentage as the PDF: the exact share, formatted 0.0 %.
    ws = load_workbook(io.BytesIO(budget.exports.export_xlsx(2026, PER)), data_only=True)["Uppföljning"]
    lok_row = next(c.row for c in ws["A"] if c.value == "Lokaler")
    assert f"{ws[f'H{lok_row}'].value * 100:.1f}" == "2.0"


def test_a_better_result_is_a_positive_share_and_not_flagged(budget, services, capsys):
    view = budget.followup.followup_view(2026, PER)
    res = view.result.resultat
    assert res.prognos < 0 < res.utfall  # budgeted a deficit, came out with a surplus
    share = avvikelse_share(res)
    assert share == "–" or share > 0
    result_line = next(line for line in _cli(services, capsys).splitlines() if line.startswith("Årets resultat"))
    assert "−" not in result_line.split()[-1] and "!" not in result_line


def test_no_duplicate_summa_rows(budget, services, capsys):
    view = budget.followup.followup_view(2026, PER)
    shown = [r.namn for r in presented_rows(view.result.rows)]
    # One income section: "Summa medlemsavgifter" would repeat "Summa intäkter".
    assert "Summa medlemsavgifter" not in shown and "Summa intäkter" in shown
    assert "Summa kansli" in shown and "Summa kostnader" in shown
    for text in (_cli(services, capsys), _pdf_text(budget)):
        assert "Summa medlemsavgifter" not in text
    ws = load_workbook(io.BytesIO(budget.exports.export_xlsx(2026, PER)))["Uppföljning"]
    names = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert "Summa medlemsavgifter" not in names and names.count("Summa intäkter") == 1


def test_plan_years_are_named_by_their_year(budget):
    doc = budget.versions.current_budget(2026)
    messages = [m.message for m in doc.mismatches]
    assert messages and all("plan år" not in m.lower() for m in messages)
    assert any("plan 2028" in m for m in messages)


def test_eget_kapital_signs_as_an_economist_writes_them(budget, services, capsys):
    out = _cli(services, capsys)
    line = next(x for x in out.splitlines() if x.startswith("Eget kapital:"))
    assert "+ −" not in line and "+ -" not in line
    assert re.search(r"1 150 000 kr [−+] [\d ]+ kr = ", line)


def test_prior_year_and_expected_outcome_columns(budget, services, capsys):
    out = _cli(services, capsys)
    assert "Utfall 2025" in out and "Förv. helår" in out
    personal = next(line for line in out.splitlines() if line.strip().startswith("Personal"))
    assert "1 180 000" in personal
    pdf = _pdf_text(budget)
    assert "Utfall 2025" in pdf and "1 180 000" in pdf and "Förväntat utfall helår" in pdf
    ws = load_workbook(io.BytesIO(budget.exports.export_xlsx(2026, PER)))["Uppföljning"]
    assert ws["L3"].value == "Utfall 2025" and ws["J3"].value == "Förväntat utfall helår"
    row = next(c.row for c in ws["A"] if c.value == "Personal")
    assert ws[f"L{row}"].value == 1_180_000


def test_amounts_in_tkr_where_the_forbund_works_in_tkr(budget, services, capsys):
    assert budget.settings.unit() is Unit.KR
    budget.settings.set_unit(Unit.TKR)
    out = _cli(services, capsys)
    assert "Belopp i tusental kronor (tkr)" in out
    personal = next(line for line in out.splitlines() if line.strip().startswith("Personal"))
    assert "1 200" in personal and "1 200 000" not in personal
    assert "1 150 tkr" in out
    pdf = _pdf_text(budget)
    assert "Belopp i tusental kronor (tkr)" in pdf and "1 200 000" not in pdf
    ws = load_workbook(io.BytesIO(budget.exports.export_xlsx(2026, PER)))["Uppföljning"]
    row = next(c.row for c in ws["A"] if c.value == "Personal")
    assert ws[f"D{row}"].value == 1_200_000 and ws[f"D{row}"].number_format.endswith(",")  # shown in thousands


def test_the_tab_model_uses_the_same_functions(budget, qtbot):
    from PySide6.QtCore import Qt

    from finsam_desktop.ui.budget.models import FollowupModel

    view = budget.followup.followup_view(2026, PER)
    model = FollowupModel()
    model.set_context(view.prior_utfall, view.prior_year, view.unit)
    model.set_rows(view.result.rows, 2026, PER.isoformat())
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "Summa medlemsavgifter" not in names
    ny = names.index("Ny insats")
    # Costs over the prognos, beyond the threshold: bad news, said by ⚠ and not by the red colour alone.
    assert model.data(model.index(ny, 5)) == "⚠ –"
    assert model.data(model.index(ny, 5), Qt.ItemDataRole.ForegroundRole) is not None
    assert "till det sämre" in model.data(model.index(ny, 5), Qt.ItemDataRole.ToolTipRole)
    # Half the team's money unspent is far off the budget too, but good news: neither red nor ⚠.
    team = names.index("Team")
    assert model.data(model.index(team, 5)) == "−50,0 %"
    assert model.data(model.index(team, 5), Qt.ItemDataRole.ForegroundRole) is None
    result = names.index("Årets resultat")
    assert not model.data(model.index(result, 5)).startswith(("−", "⚠"))
    # The PDF marks the same row, and says what the mark means.
    pdf = _pdf_text(budget)
    assert "⚠ = avvikelse till det sämre" in pdf and pdf.count("⚠") == 2
    assert model.headerData(9, Qt.Orientation.Horizontal) == "Utfall 2025"
    assert model.data(model.index(names.index("Personal"), 9)) == "1 180 000"


def test_amounts_are_typed_in_tkr_and_an_unchanged_form_keeps_ore(budget, qtbot):
    from finsam_desktop.ui.budget.dialogs import LineDialog

    doc = budget.versions.current_budget(2026)
    line = doc.line("LON")
    exact = replace(line, budget=D("1234567.89"))
    dlg = LineDialog(exact, doc.sections, doc.lines, 2026, unit=Unit.TKR)
    qtbot.addWidget(dlg)
    assert dlg.budget.text() == "1 234,56789"  # exact: saving unchanged does not round to whole tkr
    assert dlg.collect().budget == D("1234567.89")
    dlg.budget.setText("1 300")
    dlg.plan1.setText("12,5")
    value = dlg.collect()
    assert value.budget == D(1_300_000) and value.plan1 == D(12_500)
