"""Issue 14 point 9: the Budgetuppföljning workbook. Every formula carries the program's own figure as its cached
value (a viewer that does not recalculate shows it), LibreOffice recalculates every formula to that same figure,
the avvikelse is empty without a prognos, and a blank opening equity is not 0."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from finsam_desktop.domain.budget.lines import Line, LineClass, LineFollowup, Section, SectionKind
from finsam_desktop.services.budget.dto import YearSettings
from tests.reports.xlsx_check import formula_cells, needs_soffice, recalculated, same


@pytest.fixture
def small_followup(services):
    """A budget with a line without budget (so without prognos) that has utfall, and no opening equity."""
    bs = services.budget
    bid = bs.versions.create_budget(2026, with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    adm = bs.lines.save_section(bid, Section(0, "Kansli", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION))
    ind = bs.lines.save_section(bid, Section(0, "Insatser", SectionKind.KOSTNAD, 3, LineClass.INDIVIDINRIKTAD))
    bs.lines.save_line(bid, Line(0, inc.id, "INT", "Medlemsavgifter", None, None, 1, D(2_400_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LON", "Personal", None, None, 2, D(1_200_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "OFO", "Oförutsett", None, None, 3, None))
    bs.lines.save_line(bid, Line(0, ind.id, "TEAM", "Team", None, None, 4, D(960_000)))
    bs.lines.save_line(bid, Line(0, ind.id, "NY", "Ny insats", None, None, 5, D(333)))
    bs.settings.save_year_settings(YearSettings(2026, D(1_200_000)))  # no ingående eget kapital
    fu = bs.followup.create_followup(2026, date(2026, 4, 30))
    bs.followup.save_followup_entry(fu.id, LineFollowup("LON", utfall=D("401234.56")))
    bs.followup.save_followup_entry(fu.id, LineFollowup("OFO", utfall=D(12_500)))
    bs.followup.save_followup_entry(fu.id, LineFollowup("TEAM", utfall=D(250_000)))
    bs.followup.save_followup_entry(fu.id, LineFollowup("NY", utfall=D(40_000)))
    return bs.exports.export_xlsx(2026, date(2026, 4, 30)), bs.followup.followup_view(2026, date(2026, 4, 30))


def _find(ws, text: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value and str(row[0].value).strip() == text:
            return row[0].row
    raise AssertionError(f"{text} not found")


def test_every_formula_has_the_programs_figure_as_cached_value(small_followup):
    data, view = small_followup
    cells = list(formula_cells(data))
    assert len(cells) > 50
    # In the package: every <f> has a <v> with a figure, or is text (t="str"; "" is an empty text).
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml_cells = [c for n in sheets for c in re.findall(r"<c [^>]*>(?:(?!</c>).)*<f>.*?</c>", z.read(n).decode())]
    assert len(xml_cells) == len(cells)
    missing = [c for c in xml_cells if 't="str"' not in c.split(">")[0] and not re.search(r"<v>[^<]+</v>", c)]
    assert not missing, f"formler utan sparat värde: {missing[:5]}"
    wb = load_workbook(io.BytesIO(data), data_only=True)
    ws = wb["Uppföljning"]
    rows = {r.kod: r for r in view.result.rows if r.kod}
    lon = _find(ws, "Personal")
    assert ws[f"G{lon}"].value == pytest.approx(float(rows["LON"].avvikelse))
    # A line without prognos: the avvikelse is empty, not the utfall.
    ofo = _find(ws, "Oförutsett")
    assert ws[f"F{ofo}"].value == 12_500 and ws[f"G{ofo}"].value in ("", None)
    # A tiny base: no "1101,2 %", a dash.
    assert ws[f"H{_find(ws, 'Ny insats')}"].value == "–"
    # No opening equity: closing equity is empty, not the year's result.
    eq = wb["Eget kapital"]
    assert eq["B4"].value is None and eq["B6"].value in ("", None) and eq["C6"].value in ("", None)


@needs_soffice
def test_libreoffice_recalculates_every_formula_to_the_cached_figure(small_followup, demo_services, tmp_path):
    data, _view = small_followup
    demo = demo_services.budget.exports.export_xlsx(2026, date(2026, 9, 30))
    files = []
    for name, content in (("liten.xlsx", data), ("demo.xlsx", demo)):
        (tmp_path / name).write_bytes(content)
        files.append(tmp_path / name)
    redone = recalculated(files, tmp_path)
    for name, content in (("liten.xlsx", data), ("demo.xlsx", demo)):
        lo = load_workbook(redone[name], data_only=True)
        checked = 0
        wrong = []
        for sheet, ref, text, cached in formula_cells(content):
            value = lo[sheet][ref].value
            checked += 1
            if not same(value, cached):
                wrong.append(f"{name} {sheet}!{ref} {text}: LibreOffice {value!r}, sparat {cached!r}")
        assert checked > 50
        assert not wrong, "\n".join(wrong[:10])
