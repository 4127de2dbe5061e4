"""Årsredovisning domain: printed figures, computed sums, the kontoplan mapping and statements from the books,
the god-ekonomisk-hushållning verdicts."""

from decimal import Decimal

import pytest

from finsam_desktop.domain.arsredovisning.document import Arsredovisning
from finsam_desktop.domain.arsredovisning.figures import Unreadable, parse_printed
from finsam_desktop.domain.arsredovisning.kontoplan import BAS, KOMMUN_BAS, Kontoplan, build_statements
from finsam_desktop.domain.arsredovisning.overview import Balanskrav, equity_goal, individ_goal
from finsam_desktop.domain.arsredovisning.reconcile import reconcile
from finsam_desktop.domain.arsredovisning.statements import Kind, Statement
from finsam_desktop.domain.budget.lines import LineClass
from finsam_desktop.domain.common.errors import ValidationError
from tests.fixtures.arsredovisning_2021 import RR, build

D = Decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("14 531 739", D(14531739)),
        ("- 65 628", D(-65628)),
        ("+ 604 816", D(604816)),
        ("−1 672 955", D(-1672955)),
        ("2 823,5", D("2823.5")),
        ("0,0", D(0)),
        ("", None),
        ("133 84", Unreadable("133 84")),
        ("1 44O 343", Unreadable("1 44O 343")),
    ],
)
def test_a_figure_is_read_as_printed_and_a_garbled_one_is_not_guessed(text, value):
    assert parse_printed(text) == value


def test_sums_are_computed_and_a_cost_printed_without_minus_is_a_cost():
    rr = Statement.from_printed(
        Kind.RR, {2021: {k: v for k, v in RR[2021].items() if k in ("rr_intakter", "rr_kostnader", "rr_fin_kostnader")}}
    )
    assert rr.value(2021, "rr_kostnader") == D(-14597367)
    assert rr.value(2021, "rr_nettokostnader") == D(-65628)
    assert rr.value(2021, "rr_arets_resultat") == D(-65929)
    assert rr.sum_checks() == []


def test_an_error_is_reported_where_it_arises_not_in_every_sum_below_it():
    doc = build()
    assert [(c.code, c.year) for c in doc.rr.sum_checks()] == [("rr_efter_fin", 2021)]
    assert [(c.code, c.year) for c in doc.kf.sum_checks()] == [
        ("kf_lopande", 2021),
        ("kf_lopande", 2020),
        ("kf_arets_kassaflode", 2020),
    ]


# A förbund's year in BAS accounts, SIE-signed (debit +): 199 700 kr surplus, 300 kr interest cost.
IB = {"1510": D(100_000), "1930": D(3_000_000), "2010": D(-2_000_000), "2440": D(-1_100_000)}
RES = {"3010": D(-10_000_000), "5010": D(9_000_000), "7010": D(800_000), "8410": D(300)}
UB = {"1510": D(150_000), "1930": D(3_049_700), "2010": D(-2_000_000), "2440": D(-1_000_000)}


def test_statements_from_account_balances_reconcile_to_the_krona():
    rr, br, kf = build_statements(2025, BAS, IB, UB, RES)
    assert rr.value(2025, "rr_kostnader") == D(-9_800_000)
    assert rr.value(2025, "rr_arets_resultat") == D(199_700)
    assert br.value(2025, "br_eget_kapital") == D(2_199_700)
    assert br.value(2025, "br_summa_tillgangar") == br.value(2025, "br_summa_ek_skulder") == D(3_199_700)
    assert kf.value(2025, "kf_arets_kassaflode") == D(49_700)
    assert reconcile(Arsredovisning(2025, rr=rr, br=br, kf=kf)) == []


def test_the_year_before_gets_its_own_cash_flow_column_when_its_opening_is_known():
    # 2024: 100 000 kr surplus, kassa up from 2 850 000 to 3 000 000 while fordringar fell by 50 000.
    ib_2024 = {"1510": D(150_000), "1930": D(2_850_000), "2010": D(-1_900_000), "2440": D(-1_100_000)}
    res_2024 = {"3010": D(-9_000_000), "5010": D(8_900_000)}
    # The 2025 opening carries 2024's result on 2099 (booked at the bokslut), moved to 2010 during 2025.
    ib, ub = IB | {"2010": D(-1_900_000), "2099": D(-100_000)}, UB
    rr, _br, kf = build_statements(2025, BAS, ib, ub, RES, res_2024, ib_2024)
    assert rr.value(2024, "rr_arets_resultat") == D(100_000)
    assert kf.value(2024, "kf_fordringar") == D(50_000)
    assert kf.value(2024, "kf_arets_kassaflode") == D(150_000)
    assert (kf.value(2024, "kf_likvida_ib"), kf.value(2024, "kf_likvida_ub")) == (D(2_850_000), D(3_000_000))
    assert kf.value(2025, "kf_arets_kassaflode") == D(49_700)
    assert reconcile(Arsredovisning(2025, rr=rr, br=_br, kf=kf)) == []
    # Without the opening two year-ends back there is no 2024 column to print (rather than a wrong one).
    _rr, _br2, kf = build_statements(2025, BAS, ib, ub, RES, res_2024)
    assert kf.value(2024, "kf_arets_kassaflode") is None


def test_books_that_do_not_balance_are_flagged():
    ub = dict(UB, **{"1930": D(3_049_701)})
    rr, br, kf = build_statements(2025, BAS, IB, ub, RES)
    flags = reconcile(Arsredovisning(2025, rr=rr, br=br, kf=kf))
    assert {(f.rule, f.where, f.difference) for f in flags} == {
        ("balans", "BR 2025-12-31 Summa eget kapital, avsättningar och skulder", D(-1)),
        ("kassaflöde", "Kassaflödesanalys 2025 Årets kassaflöde", D(-1)),
    }


def test_every_account_with_a_balance_must_be_mapped():
    res = dict(RES, **{"8910": D(1_234), "8999": D(-199_700)})  # skatt: no line; 8999: the closing entry
    with pytest.raises(ValidationError) as err:
        build_statements(2025, BAS, IB, UB, res)
    assert err.value.field == "Kontoplan BAS"
    assert "1 konto med saldo saknar rad i årsredovisningen: 8910 (1 234 kr)" in err.value.message


def test_the_mapping_is_editable_text_and_the_longest_prefix_wins():
    assert BAS.line_of("7832") == "rr_avskrivningar" and BAS.line_of("7010") == "rr_kostnader"
    assert KOMMUN_BAS.line_of("68100") == "rr_avskrivningar" and KOMMUN_BAS.line_of("85") == "rr_fin_kostnader"
    own = Kontoplan.from_text("Eget", BAS.to_text() + "3990 = rr_fin_intakter\n")
    assert own.line_of("3990") == "rr_fin_intakter" and own.line_of("3010") == "rr_intakter"
    with pytest.raises(ValidationError, match="rad 2.*”rr_arets_resultat” är en summarad"):
        Kontoplan.from_text("Eget", "30-39 = rr_intakter\n89 = rr_arets_resultat")
    with pytest.raises(ValidationError, match="rad 1.*ska skrivas som"):
        Kontoplan.from_text("Eget", "3-39 = rr_intakter")


def test_the_goals_are_budgets_goals_with_a_computed_verdict():
    # Södertälje 2021: EK 2 017 318 kr, tilldelade medel 10 172 000 kr → ceiling 2 034 400 kr.
    ek = equity_goal(D(2_017_318), D(10_172_000))
    assert ek.met is True and "2 034 400 kr" in ek.goal
    assert equity_goal(D(2_100_000), D(10_172_000)).met is False
    assert equity_goal(D(399_999), D(10_172_000)).met is False
    share = individ_goal({LineClass.INDIVIDINRIKTAD: D(10_096_000)}, D(10_172_000))
    assert share.met is True and share.text.startswith("99,25 %")
    assert individ_goal({LineClass.INDIVIDINRIKTAD: D(4_710_000)}, D(7_360_000)).met is False  # Sundsvall 64 %


def test_balanskrav_equals_arets_resultat_without_adjustments_and_a_wrong_one_is_flagged():
    doc = build()
    doc.balanskrav = Balanskrav(2021, stated_result=D(-65_628))
    flags = [f for f in reconcile(doc) if f.rule == "balanskrav"]
    assert [(f.stated, f.computed) for f in flags] == [(D(-65_628), D(-65_327))]
    doc.balanskrav = Balanskrav(2021, adjustments={"Realisationsvinster": D(-5_000)}, stated_result=D(-70_327))
    assert [f for f in reconcile(doc) if f.rule == "balanskrav"] == []


def test_goal_verdicts_print_whole_kronor_like_the_statements():
    from finsam_desktop.domain.arsredovisning.overview import equity_goal

    verdict = equity_goal(Decimal("2193725.90"), Decimal(6_400_000))
    assert verdict.text.startswith("2 193 726 kr: ") and verdict.met is False
