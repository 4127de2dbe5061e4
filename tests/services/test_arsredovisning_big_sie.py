"""A full year of a big förbund's books (5 000 verifikationer, CP437, kostnadsställe and projekt) imports through
the service, feeds Budget, and its statements reconcile to the krona with the file's own balances."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_generate import MEMBER_ACCOUNTS, closing_balances, generate_year
from finsam_desktop.persistence.models.arsredovisning import ArYearRow
from finsam_desktop.services.demo.core import FORBUND


def test_a_5000_verifikation_year_imports_and_reconciles(demo_services):
    mapping = demo_services.budget.utfall.mapping("standard")
    mapping.update({"/10": "KAN1", "/20": "IND2", "/30": "STR1"} | {k: "MA1" for k in MEMBER_ACCOUNTS})
    demo_services.budget.utfall.save_mapping("standard", mapping)
    with demo_services.db.session() as s:  # the year opens where the demo's 2025 books close
        ib = closing_balances(s.scalar(select(ArYearRow.sie_data).where(ArYearRow.year == 2025)))
    data = generate_year(2026, 5000, seed=11, ib=ib, forbund=(FORBUND["namn"], FORBUND["orgnr"]))
    assert data.decode("cp437").count("#VER ") >= 5000
    sie = parse_sie(data, "stor.se")
    result = demo_services.arsredovisning.books.import_sie(data, "stor.se")
    assert result.verifikationer == len(sie.verifikationer) >= 5000
    assert result.budget is not None and result.utfall_rows > 0
    pub = demo_services.arsredovisning.publication(2026)
    assert pub.flags == ()
    rr, br = pub.report.rr, pub.report.br
    res, ub = sie.balances("RES"), sie.balances("UB")
    assert rr.value(2026, "rr_arets_resultat") == -sum(res.values(), Decimal(0))
    assert br.value(2026, "br_kassa_bank") == ub["1930"]
    equity = -sum((v for k, v in ub.items() if k.startswith("20")), Decimal(0)) - sum(res.values(), Decimal(0))
    assert br.value(2026, "br_eget_kapital") == equity
