"""One truth between the books and the budget: the year's books close with the eget kapital the next year's budget
opens with, and ``finsam check`` says so when they differ."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


def test_the_demo_books_close_at_the_equity_the_demo_budget_opens_with(demo_workspace):
    services = demo_workspace.services
    closing = services.arsredovisning.publication(2025).report.br.value(2025, "br_eget_kapital")
    assert closing == services.budget.settings.year_settings(2026).ek_opening == Decimal("1150000")
    assert [f for f in run_checks(demo_workspace.services.db) if "eget kapital" in f.message] == []


def test_check_finds_a_budget_that_opens_with_other_equity_than_the_books_close_with(demo_workspace):
    services = demo_workspace.services
    settings = services.budget.settings.year_settings(2026)
    services.budget.settings.save_year_settings(replace(settings, ek_opening=Decimal("1000000")))
    found = [str(f) for f in run_checks(demo_workspace.services.db) if "eget kapital" in f.message]
    assert found == [
        "[Budget 2026] ingående eget kapital 1 000 000 kr skiljer sig från årsredovisningens utgående eget kapital "
        "2025 (1 150 000 kr) med −150 000 kr"
    ]
