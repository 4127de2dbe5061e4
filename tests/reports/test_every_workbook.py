"""Every workbook the program exports stores a cached value for every formula (issue 21): a viewer that does not
recalculate (a phone, a mail preview, pandas) shows the program's figures, not empty cells. The cached values are
the program's own figures, and LibreOffice's recalculation of every formula gives the same values.

The workbooks are exported once from the demo förbund (``documents.py``), and the demo's stickprov through its
service (the GUI's export)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.attest.delegation import LimitKind
from finsam_desktop.domain.attest.rules import KIND_DELEGATION
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning
from finsam_desktop.reports.common import workbook
from finsam_desktop.services.workspace import open_workspace
from tests.reports.documents import EXPORTS, export_all
from tests.reports.xlsx_check import (
    count_formulas,
    formula_cells,
    formulas_without_value,
    needs_soffice,
    recalculated,
    same,
)

WORKBOOKS = [name for name, _ in EXPORTS if name.endswith(".xlsx")] + ["stickprov.xlsx"]
#: The workbooks that compute something (the attest lists are plain tables).
WITH_FORMULAS = {
    n + ".xlsx" for n in ("delegationsordning", "delegationsbeslut", "risk", "budget", "arshjul", "stickprov")
}


@pytest.fixture(scope="module")
def exported(_demo_template, tmp_path_factory):
    """(workbooks by name, the services of the förbund they were exported from)."""
    folder = tmp_path_factory.mktemp("workbooks")
    files = export_all(_demo_template, folder, ".xlsx")
    ws = open_workspace(folder / "demo.sqlite", auto_backup=False, lock=False)
    ik = ws.services.internkontroll
    sp = ik.stickprov.list_stickprov()[0]
    files["stickprov.xlsx"] = folder / "stickprov.xlsx"
    files["stickprov.xlsx"].write_bytes(ik.exports.export_stickprov_xlsx(sp.id))
    yield files, ws.services
    ws.close()


def _cached(path, sheet: str):
    return load_workbook(path, data_only=True)[sheet]


def _row_of(ws, col: str, text: str) -> int:
    for cell in ws[col]:
        if cell.value == text:
            return cell.row
    raise AssertionError(f"{text!r} saknas i kolumn {col} på {ws.title}")


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_formula_carries_a_cached_value(exported, name):
    files, _services = exported
    data = files[name].read_bytes()
    if name in WITH_FORMULAS:
        assert count_formulas(data) > 0, f"{name} har inga formler längre: ta bort den ur WITH_FORMULAS"
    assert formulas_without_value(data) == []
    # The file stays valid: openpyxl reads every formula with its value.
    assert len(list(formula_cells(data))) == count_formulas(data)


def test_risk_values_are_the_programs(exported):
    files, services = exported
    ws = _cached(files["risk.xlsx"], "Risker")
    risks = services.internkontroll.risk.analysis(2026).risks
    assert risks
    for i, r in enumerate(risks):
        assert ws[f"F{5 + i}"].value == r.riskvarde
        assert ws[f"K{5 + i}"].value == (r.residual_varde if r.has_residual else None)
    assert ws[f"C{_row_of(ws, 'B', 'Antal risker')}"].value == len(risks)


def test_arshjul_summary_counts_are_the_programs(exported):
    files, services = exported
    ws = _cached(files["arshjul.xlsx"], "Sammanställning")
    view = services.arshjul.view.year_view(2026)
    totals = [0, 0, 0, 0]
    for cat in view.categories:
        of_cat = [o for o in view.occurrences if o.category == cat.key]
        klara = sum(1 for o in of_cat if o.status is Status.KLAR)
        installda = sum(1 for o in of_cat if o.status is Status.INSTALLD)
        expected = [len(of_cat), klara, installda, len(of_cat) - klara - installda]
        row = _row_of(ws, "A", cat.namn)
        assert [ws.cell(row, c).value for c in range(2, 6)] == expected, cat.namn
        totals = [t + n for t, n in zip(totals, expected, strict=True)]
    assert sum(totals[:1]) > 0
    row = _row_of(ws, "A", "Totalt")
    assert [ws.cell(row, c).value for c in range(2, 6)] == totals


def test_delegation_limits_and_register_sum_are_the_programs(exported):
    files, services = exported
    attest = services.attest
    version = attest.versions.version_for_year(KIND_DELEGATION, 2026)
    doc = attest.exports.delegation_document(version.id)
    ws = _cached(files["delegationsordning.xlsx"], "Delegationsordning")
    pbb = {version.valid_from.year: doc.prisbasbelopp}
    first = _row_of(ws, "A", 1)
    checked = 0
    for i, r in enumerate(doc.rows):
        if r.limit.kind in (LimitKind.KRONOR, LimitKind.PRISBASBELOPP) and r.limit.value is not None:
            assert ws[f"H{first + i}"].value == pytest.approx(float(r.limit.amount_in(version.valid_from.year, pbb)))
            checked += 1
    assert checked > 0

    ws = _cached(files["delegationsbeslut.xlsx"], "Delegationsbeslut")
    decisions = attest.decisions.list_decisions(2026)
    total = sum((d.belopp for d in decisions if d.belopp is not None), Decimal(0))
    assert total > 0
    assert ws[f"F{_row_of(ws, 'E', 'Summa')}"].value == pytest.approx(float(total))


def test_stickprov_totals_are_the_programs(exported):
    files, services = exported
    sp = services.internkontroll.stickprov.list_stickprov()[0]
    ws = _cached(files["stickprov.xlsx"], "Stickprov")
    total = sum((it.transaction.belopp for it in sp.items), Decimal(0))
    assert ws[f"F{_row_of(ws, 'D', 'Summa')}"].value == pytest.approx(float(total))
    assert ws[f"F{_row_of(ws, 'D', 'Med anmärkning')}"].value == sum(1 for it in sp.items if it.auto_findings)
    avvikelser = sum(1 for it in sp.items if it.bedomning is Bedomning.AVVIKELSE)
    assert ws[f"F{_row_of(ws, 'D', 'Avvikelser')}"].value == avvikelser


def test_a_formula_without_its_value_is_refused():
    with pytest.raises(ValueError, match="saknar sitt beräknade värde"):
        workbook.formula("=A1*2", None)


@needs_soffice
def test_libreoffice_recalculates_every_formula_to_the_cached_value(exported, tmp_path):
    files, _services = exported
    redone = recalculated([files[n] for n in WORKBOOKS], tmp_path)
    wrong, checked = [], 0
    for name in WORKBOOKS:
        lo = load_workbook(redone[name], data_only=True)
        for sheet, ref, text, cached in formula_cells(files[name].read_bytes()):
            checked += 1
            value = lo[sheet][ref].value
            if not same(value, cached):
                wrong.append(f"{name} {sheet}!{ref} {text}: LibreOffice {value!r}, sparat {cached!r}")
    assert checked > 300
    assert not wrong, "\n".join(wrong[:10])
