"""Pure budget rules: periodisation, unknown utfall, varav rows, stated totals, import parsing,
payout schedules and member contributions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from finsam_desktop.domain.budget.contributions import contribution_plan, proportion_problems
from finsam_desktop.domain.budget.equity import Equity, EquityLimits
from finsam_desktop.domain.budget.followup import compute_followup, default_prognos, elapsed_months, summa_label
from finsam_desktop.domain.budget.insatser import (
    PaymentStatus,
    PayoutRule,
    Trigger,
    payment_status,
    payout_schedule,
)
from finsam_desktop.domain.budget.lines import (
    Line,
    LineClass,
    LineFollowup,
    Measure,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
    format_pct,
    validate_line,
)
from finsam_desktop.domain.budget.plan import plan_mismatches, varav_mismatches
from finsam_desktop.domain.budget.utfall_import import UtfallFileError, map_rows, parse_period, parse_utfall_rows
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Member, MemberKind

SEC = Section(1, "Administrativa kostnader", SectionKind.KOSTNAD, 1, LineClass.ADMINISTRATION)


def test_linear_periodisation_like_roslagen():
    assert elapsed_months(date(2020, 3, 31)) == 3
    assert elapsed_months(date(2020, 3, 30)) == 2
    assert elapsed_months(date(2024, 2, 29)) == 2
    assert default_prognos(D(230_000), 3) == D(57_500)
    assert default_prognos(D(25_000), 3) == D("6250.00")
    assert default_prognos(None, 3) is None


def test_unknown_utfall_is_not_zero():
    lines = [Line(1, 1, "A", "Kanslipersonal", budget=D(1_040_000)), Line(2, 1, "B", "Ekonomi", budget=D(130_000))]
    r = compute_followup(
        [SEC],
        lines,
        date(2020, 3, 31),
        [LineFollowup("A", utfall_note="Faktureras per kvartal"), LineFollowup("B", utfall=D(24_000))],
    )
    rows = {x.kod: x for x in r.rows if x.kod}
    assert rows["A"].utfall is None and rows["A"].avvikelse is None and not rows["A"].off_budget
    sub = next(x for x in r.rows if x.kind.value == "subtotal")
    assert sub.utfall == D(24_000) and sub.utfall_complete is False
    empty = compute_followup([SEC], lines, date(2020, 3, 31))
    assert next(x for x in empty.rows if x.kind.value == "subtotal").utfall is None


def test_imported_months_count_up_to_the_date_and_typed_utfall_wins():
    lines = [Line(1, 1, "A", "Personal", budget=D(1_200_000))]
    monthly = {"A": {1: D(100_000), 2: D(100_000), 3: D(110_000), 4: D(90_000)}}
    r = compute_followup([SEC], lines, date(2026, 3, 31), monthly=monthly)
    assert next(x for x in r.rows if x.kod == "A").utfall == D(310_000)
    r = compute_followup([SEC], lines, date(2026, 3, 31), [LineFollowup("A", utfall=D(305_000))], monthly)
    assert next(x for x in r.rows if x.kod == "A").utfall == D(305_000)


def test_stated_totals_and_varav_checks():
    inc = Section(2, "Intäkter", SectionKind.INTAKT, 0)
    lines = [
        Line(1, 2, "K", "Medlemsavgift kommunerna, varav", budget=D(1_732_500)),
        Line(2, 2, "K1", "Sollentuna", parent_id=1, budget=D(762_300)),
        Line(3, 2, "K2", "Upplands Väsby", parent_id=1, budget=D(467_775)),
        Line(4, 2, "K3", "Sigtuna", parent_id=1, budget=D(502_425)),
        Line(5, 1, "X", "Styrelse", budget=D(120_000)),
    ]
    assert varav_mismatches(lines) == []
    wrong = [*lines[:3], Line(4, 2, "K3", "Sigtuna", parent_id=1, budget=D(500_000)), lines[4]]
    assert varav_mismatches(wrong) == [
        "Medlemsavgift kommunerna, varav (budget): 1 732 500 kr, men varav-raderna summerar till 1 730 075 kr."
    ]
    stated = [
        StatedTotal(Scope.INTAKTER, Measure.BUDGET, D(1_732_500)),
        StatedTotal(Scope.RESULTAT, Measure.BUDGET, D(1_600_000)),
    ]
    (m,) = plan_mismatches([inc, SEC], lines, stated)
    assert m.scope_label == "Årets resultat" and m.computed == D(1_612_500)


def test_validate_line_rules():
    lines = [Line(1, 1, "A", "Huvud"), Line(2, 1, "B", "Varav", parent_id=1)]
    with pytest.raises(ValidationError, match="används redan"):
        validate_line(Line(0, 1, "A", "Ny"), lines)
    with pytest.raises(ValidationError, match="egna varav-rader"):
        validate_line(Line(0, 1, "C", "Ny", parent_id=2), lines)
    with pytest.raises(ValidationError, match="samma avsnitt"):
        validate_line(Line(0, 9, "C", "Ny", parent_id=1), lines)


def test_equity_limits_and_labels():
    eq = Equity(D(1_221_000), D(-656_000), D(-466_000), D(7_360_000), EquityLimits())
    assert eq.closing_prognos == D(755_000) and eq.within(D(755_000))
    assert eq.within(D(350_000)) is False and "Under förbundets lägsta nivå 400 000 kr" in eq.verdict(D(350_000))
    assert format_pct(D("63.99")) == "64,0 %"
    assert summa_label("ESF-medel") == "Summa ESF-medel"
    assert summa_label("Styrelse") == "Summa styrelse"


def test_parse_period_forms():
    assert parse_period("2026-03") == (2026, 3)
    assert parse_period("202603") == (2026, 3)
    assert parse_period(202603) == (2026, 3)
    assert parse_period("2026-03-31") == (2026, 3)
    assert parse_period("mars 2026") == (2026, 3)
    assert parse_period(datetime(2026, 4, 30)) == (2026, 4)
    for bad in ("2026-13", "vår 2026", ""):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_parse_rows_reports_every_bad_row_and_header_problems():
    with pytest.raises(UtfallFileError) as err:
        parse_utfall_rows([["Konto", "Månad"]])
    assert "saknar kolumnen belopp" in err.value.problems[0]
    rows = parse_utfall_rows(
        [
            ["Konto", "Kst", "Period", "Belopp"],
            ["7010", "", "2026-01", "1 000,50"],
            ["", "", "", ""],
            ["5010", "100", "2026-02", -200.0],
        ]
    )
    assert [(r.row_number, r.konto, r.kst, r.month, r.belopp) for r in rows] == [
        (2, "7010", "", 1, D("1000.50")),
        (4, "5010", "100", 2, D("-200.0")),
    ]
    assert rows[1].keys == ("5010/100", "5010", "/100")
    with pytest.raises(UtfallFileError) as err:
        map_rows(rows, {"7010": "A"}, {"A"}, 2026)
    assert err.value.problems == ("Rad 4: 5010 / 100 är inte kopplat till någon budgetrad.",)
    assert map_rows(rows, {"7010": "A", "5010": "A"}, {"A"}, 2026) == {"A": {1: D("1000.50"), 2: D("-200.0")}}


def test_payout_rules():
    assert [p.amount for p in payout_schedule(D(709_000), PayoutRule.HALF_AVTAL_HALF_REDOVISNING, 2023)] == [
        D(354_500),
        D(354_500),
    ]
    assert [p.amount for p in payout_schedule(D("163549"), PayoutRule.HALF_AVTAL_HALF_REDOVISNING, 2023)] == [
        D("81774.50"),
        D("81774.50"),
    ]
    q = payout_schedule(D("100000.01"), PayoutRule.KVARTALSVIS, 2023)
    assert sum(p.amount for p in q) == D("100000.01") and q[-1].due == date(2023, 12, 31)
    with pytest.raises(ValidationError):
        payout_schedule(D(0), PayoutRule.HELA_VID_AVTAL, 2023)
    assert (
        payment_status(Trigger.REDOVISNING, None, date(2023, 1, 10), None, None, date(2023, 6, 1))
        is PaymentStatus.VANTAR
    )
    assert (
        payment_status(Trigger.AVTAL, None, date(2023, 1, 10), None, None, date(2023, 6, 1)) is PaymentStatus.ATT_BETALA
    )


def test_one_kommun_contributions_f8_case_2():
    members = [
        Member(1, "FK", MemberKind.FORSAKRINGSKASSAN),
        Member(2, "AF", MemberKind.ARBETSFORMEDLINGEN),
        Member(3, "Region Stockholm", MemberKind.REGION),
        Member(4, "Sundbybergs stad", MemberKind.KOMMUN),
    ]
    plan = contribution_plan(D(1_000_000), members)
    assert [plan.amount_for(i) for i in (1, 3, 4)] == [D(1_000_000), D(500_000), D(500_000)]
    assert plan.total == D(2_000_000)
    assert proportion_problems({1: D(1_000_000), 3: D(500_000), 4: D(500_000)}, members) == []
    assert proportion_problems({1: D(1_000_000), 3: D(450_000), 4: D(500_000)}, members) == [
        "Regionens bidrag 450 000 kr följer inte 2:1:1 – det ska vara hälften av statens 1 000 000 kr, alltså 500 000 kr."
    ]
