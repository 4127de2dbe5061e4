"""The årsredovisning's books through the service: SIE import stored and replaced, a refused file changes nothing,
the utfall fed to Budget replaces and never doubles, typed balances, the kontoplan mapping check."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from finsam_desktop.domain.arsredovisning.sie_generate import generate_year
from finsam_desktop.domain.arsredovisning.sie_model import SieError
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.models.arsredovisning import ArAccountRow, ArYearRow
from finsam_desktop.persistence.models.budget import UtfallKeyRow, UtfallMonthRow
from finsam_desktop.services.arsredovisning import build
from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

ORG = ("Samordningsförbundet Test", "222000-3111")


def _sie(year: int = 2024, seed: int = 3) -> bytes:
    return generate_year(year, 120, seed=seed, forbund=ORG, tilldelat_kr=8_000_000)


def test_sie_import_is_stored_and_a_reimport_replaces_it(services):
    ar = services.arsredovisning
    first = ar.books.import_sie(_sie(), "bok-2024.se")
    assert (first.year, first.verifikationer) == (2024, 121)
    assert "Bokföringen för 2024 importerad från bok-2024.se" in first.message
    assert "ingen budget för 2024" in first.message
    again = ar.books.import_sie(_sie(seed=4), "bok-2024-v2.se")
    assert "ersatte den tidigare importen (bok-2024.se" in again.message
    [year] = ar.documents.years()
    assert (year.year, year.filename, year.flags, year.unmapped) == (2024, "bok-2024-v2.se", (), ())
    with services.db.session() as s:
        row = s.scalar(select(ArYearRow))
        assert row.sie_data == _sie(seed=4)
        assert len(set(s.scalars(select(ArAccountRow.year_id)))) == 1  # the first import's balances are gone


def test_a_refused_file_changes_nothing(services):
    ar = services.arsredovisning
    ar.books.import_sie(_sie(), "bok.se")
    before = ar.documents.years()
    bad = _sie(seed=9).replace(b"#TRANS 2440 {} -", b"#TRANS 2440 {} -1", 1)
    with pytest.raises(SieError) as err:
        ar.books.import_sie(bad, "trasig.se")
    assert "Rad" in str(err.value)
    assert ar.documents.years() == before
    with pytest.raises(ValidationError, match="gäller 2024, inte 2023"):
        ar.books.import_sie(_sie(), "bok.se", year=2023)


def _feed_mapping(demo_services):
    mapping = demo_services.budget.utfall.mapping("standard")
    mapping.update({"/10": "KAN1", "/20": "IND2", "/30": "STR1"})
    mapping.update({k: "MA1" for k in ("3411", "3412", "3413", "3414", "3415", "3416")})
    demo_services.budget.utfall.save_mapping("standard", mapping)


def _budget_utfall(services, year: int):
    with services.db.session() as s:
        keys = sorted((r.month, r.konto, r.kst, r.kod, r.amount_ore) for r in s.scalars(select(UtfallKeyRow)))
        months = sorted((r.kod, r.month, r.amount_ore) for r in s.scalars(select(UtfallMonthRow)))
    return keys, months


def test_sie_feeds_budget_utfall_and_a_reimport_never_doubles(demo_services):
    _feed_mapping(demo_services)
    data = generate_year(2026, 120, seed=5, forbund=ORG, tilldelat_kr=6_000_000)
    before = _budget_utfall(demo_services, 2026)
    first = demo_services.arsredovisning.books.import_sie(data, "2026.se")
    assert first.budget is not None and first.utfall_rows > 0
    assert "Budgetens utfall" in first.message
    after_first = _budget_utfall(demo_services, 2026)
    assert after_first != before
    second = demo_services.arsredovisning.books.import_sie(data, "2026.se")
    assert second.budget.replaced
    assert _budget_utfall(demo_services, 2026) == after_first
    # income is turned positive (BAS sign): the state's share on MA1 in January
    with demo_services.db.session() as s:
        ma1 = s.scalar(select(UtfallKeyRow).where(UtfallKeyRow.konto == "3411", UtfallKeyRow.month == 1))
    assert ma1.amount_ore > 0


def test_an_unmapped_budget_key_refuses_the_whole_import(demo_services):
    data = generate_year(2026, 120, seed=5, forbund=ORG)
    before = _budget_utfall(demo_services, 2026)
    years = demo_services.arsredovisning.documents.years()  # the demo's 2026 books to date stay as they were
    with pytest.raises(ValidationError, match="inte kopplat"):
        demo_services.arsredovisning.books.import_sie(data, "2026.se")
    assert _budget_utfall(demo_services, 2026) == before
    assert demo_services.arsredovisning.documents.years() == years


# The seed's 2021 balances with the 301 kr cost taken as real (the corrected figures of the fixture).
CLOSING = "1510;281 891\n1930;3 995 278\n2081;-2 082 946\n2440;-2 260 152\n3010;-14 531 739\n4010;14 597 367\n8410;301"
OPENING = "1510;255 912\n1930;3 267 277\n2081;-2 082 946\n2440;-1 440 243"


def test_typed_balances_give_statements_that_reconcile(services):
    ar = services.arsredovisning
    result = ar.books.enter_balances(2021, CLOSING, OPENING)
    assert result.message == "Saldon för 2021: 7 konton, ingående balans för 4 konton."
    [year] = ar.documents.years()
    assert (year.resultat, year.eget_kapital, year.flags) == (-65929, 2017017, ())
    wrong = CLOSING.replace("3 995 278", "3 995 580")
    ar.books.enter_balances(2021, wrong, OPENING)
    [year] = ar.documents.years()
    assert any("302" in f.text for f in year.flags)
    with pytest.raises(ValidationError, match="rad 2"):
        ar.books.enter_balances(2021, "1930;100\n19x0;5")


def test_every_account_with_a_balance_must_be_mapped(services):
    ar = services.arsredovisning
    ar.books.enter_balances(2021, CLOSING + "\n8910;-100", OPENING)
    [year] = ar.documents.years()
    assert year.unmapped == ("8910",)
    assert any("8910" in f.message for f in run_checks(services.db))
    with pytest.raises(ValidationError, match="8910"):
        ar.publication(2021)
    ar.mapping.save_text(ar.mapping.text() + "89 = rr_extraordinara\n")
    assert ar.mapping.unmapped() == {}
    assert ar.documents.years()[0].unmapped == ()
    with pytest.raises(ValidationError, match="rad 1"):
        ar.mapping.save_text("15-17 = ingen_rad")


def test_two_years_of_balances_give_the_year_befores_kassaflode(services):
    ar = services.arsredovisning
    ar.books.enter_balances(2021, CLOSING, OPENING)
    with services.db.session() as s:
        kf = build.statements(s, s.scalar(select(ArYearRow)))[2]
    assert kf.value(2020, "kf_arets_resultat") is None  # 2020's opening balance is unknown: no column
    closing_2020 = "1510;255 912\n1930;3 267 277\n2081;-1 982 946\n2440;-1 440 243\n3010;-10 000 000\n4010;9 900 000"
    opening_2020 = "1510;200 000\n1930;2 500 000\n2081;-1 982 946\n2440;-717 054"
    ar.books.enter_balances(2020, closing_2020, opening_2020)
    with services.db.session() as s:
        rr, _, kf = build.statements(s, s.scalar(select(ArYearRow).where(ArYearRow.year == 2021)))
    assert rr.value(2020, "rr_arets_resultat") == 100_000
    assert kf.value(2020, "kf_arets_resultat") == 100_000
    # 1930 grew by 767 277 in 2020: the year before's column ends in that year's cash flow.
    assert (kf.value(2020, "kf_likvida_ib"), kf.value(2020, "kf_likvida_ub")) == (2_500_000, 3_267_277)
    assert kf.value(2020, "kf_arets_kassaflode") == 767_277
