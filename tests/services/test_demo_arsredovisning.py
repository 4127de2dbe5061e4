"""The demo's books: five closed years and the demo year to date at the demo budget's scale, the budget's
kostnadsställen and income per source, the eget kapital chain closing into the budget, the same utfall in Budget
as the ekonomisystem's file (never doubled), and the delårsrapport of the demo year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_figures import utfall
from finsam_desktop.domain.budget.utfall_import import UtfallRow, map_rows
from finsam_desktop.persistence.models.arsredovisning import ArYearRow
from finsam_desktop.persistence.models.budget import UtfallMonthRow
from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

CLOSED = [2021, 2022, 2023, 2024, 2025]


def _sie(services, year: int):
    with services.db.session() as s:
        row = s.scalar(select(ArYearRow).where(ArYearRow.year == year))
        return parse_sie(row.sie_data, row.sie_filename)


def test_the_demo_years_reconcile_at_the_budgets_scale(demo_services):
    ar = demo_services.arsredovisning
    years = {y.year: y for y in ar.documents.years()}
    assert sorted(years) == [*CLOSED, 2026]
    for year in CLOSED:
        assert (years[year].flags, years[year].unmapped) == ((), ()), year
        rr = ar.publication(year).report.rr
        assert rr.value(year, "rr_intakter") == Decimal("6400000.00")  # the budget's 3,2 Mkr from the state, doubled
        assert Decimal("5900000") < -rr.value(year, "rr_kostnader") < Decimal("6600000"), year


def test_the_eget_kapital_chain_closes_into_the_budget(demo_services):
    ar = demo_services.arsredovisning
    closing = {y: ar.publication(y).report.br.value(y, "br_eget_kapital") for y in CLOSED}
    for year in CLOSED[1:]:
        br = ar.publication(year).report.br
        assert br.value(year - 1, "br_eget_kapital") == closing[year - 1]
    assert closing[2025] == demo_services.budget.settings.year_settings(2026).ek_opening
    assert not [f for f in run_checks(demo_services.db) if "eget kapital" in f.message]


def test_costs_carry_the_budgets_kostnadsstallen_and_income_is_per_source(demo_services):
    mapping = demo_services.budget.utfall.mapping("standard")
    codes = set(mapping.values())
    for year in [*CLOSED, 2026]:
        sie = _sie(demo_services, year)
        rows = utfall(sie)
        costs = [r for r in rows if r.konto[:1] in "4567"]
        assert costs and all(r.kostnadsstalle for r in costs), year
        budget_rows = [UtfallRow(i, r.konto, r.kostnadsstalle, r.year, r.month, r.amount) for i, r in enumerate(rows)]
        assert set(map_rows(budget_rows, mapping, codes, year)) <= codes  # every row reaches a budget line
        income = {sie.accounts[r.konto].name for r in rows if r.konto.startswith("30")}
        assert income == {
            "Driftbidrag från staten (Försäkringskassan)",
            "Medlemsbidrag Region Mellanland",
            "Medlemsbidrag Ådalens kommun",
            "Medlemsbidrag Norrviks kommun",
            "Medlemsbidrag Sjöbacka kommun",
        }


def _budget_months(services):
    with services.db.session() as s:
        return sorted((r.kod, r.month, r.amount_ore) for r in s.scalars(select(UtfallMonthRow)))


def test_the_demo_years_books_are_budgets_utfall_to_the_last_complete_month(demo_services):
    bs = demo_services.budget
    assert bs.utfall.imported_months(2026) == list(range(1, 11))  # today is 18 November
    assert bs.followup.default_per(2026) == date(2026, 10, 31)
    from_books = _budget_months(demo_services)
    bs.utfall.undo_last_import(2026)  # back to the ekonomisystem's file: the very same utfall, nothing doubled
    assert _budget_months(demo_services) == from_books


def test_the_delarsrapport_and_the_flows_of_the_demo(demo_services):
    ar = demo_services.arsredovisning
    interim = ar.interim(date(2026, 8, 31))
    assert interim.flags == ()
    rr = interim.report.rr
    assert rr.value(2026, "rr_intakter") == Decimal("4800000.00")  # three quarters paid in advance
    assert Decimal("3000000") < -rr.value(2026, "rr_kostnader") < Decimal("4200000")  # quarterly invoices behind
    flows = ar.publication(2025).flows
    assert len(flows) >= 3
    for f in flows:
        assert f.kvinnor + f.man + f.annat == f.inskrivna and sum(n for _r, n in f.avslut) == f.avslutade
        assert 0 < f.avslutade
    # 2025's flows are Verksamhet's statistics, kept at the adoption: the avslutad insats takes no one in during its
    # last months and avslutar everyone, so it avslutar more than it skrev in that year.
    assert ar.documents.flows(2025).source == "fastställda"
    by_name = {f.insats: f for f in flows}
    assert set(by_name) == {f.insats for f in demo_services.verksamhet.deltagare.year_totals(2025)}
    ended = by_name["Steget vidare – arbetsträning i Sjöbacka"]
    assert ended.avslutade > ended.inskrivna
    assert all(f.avslutade < f.inskrivna for f in flows if f is not ended)
