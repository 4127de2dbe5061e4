"""Issue 14 point 8: eget kapital. The förbund's band (lowest level to a share of tilldelade medel) can be empty;
it is then said in words, never shown as an empty band. The opening equity is checked against the previous year's
closing equity (in the view, in ``finsam check`` and in the PDF), and the plan years roll eget kapital forward."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

from pypdf import PdfReader

from finsam_desktop.domain.budget.equity import Equity, EquityLimits, PreviousClosing
from finsam_desktop.domain.budget.lines import Line, LineFollowup, Section, SectionKind
from finsam_desktop.services.budget.dto import YearSettings
from finsam_desktop.services.check import run_checks


def test_a_band_that_cannot_be_met_is_said_in_words():
    # 20 % of 1 500 000 kr is 300 000 kr, below the lowest level 400 000 kr: no amount is "within".
    eq = Equity(D(500_000), D(0), D(0), D(1_500_000), EquityLimits(D(400_000), D(20)))
    assert eq.impossible
    assert eq.within(D(350_000)) is None and eq.within(D(500_000)) is None
    text = eq.verdict(D(500_000))
    assert "kan inte nås" in text and "300 000 kr" in text and "400 000 kr" in text
    assert "400 000 kr – 300 000 kr" not in eq.band_text
    # A possible band is shown as one.
    ok = Equity(D(500_000), D(0), D(0), D(2_400_000), EquityLimits(D(400_000), D(20)))
    assert not ok.impossible and ok.band_text.startswith("400 000 kr – 480 000 kr")
    assert ok.within(D(450_000)) is True


def test_plan_years_roll_eget_kapital_forward():
    eq = Equity(
        D(1_150_000),
        D(-473_549),
        D(-183_549),
        D(6_400_000),
        EquityLimits(),
        plan_results=((2027, D(-417_700)), (2028, D(-46_542))),
    )
    plan = eq.plan_rows()
    # The first plan year opens with this year's closing equity by prognos, the next with the one before's closing.
    assert [(p.year, p.opening, p.closing) for p in plan] == [
        (2027, D(966_451), D(548_751)),
        (2028, D(548_751), D(502_209)),
    ]


def test_opening_equity_against_the_previous_years_closing():
    eq = Equity(D(840_000), D(0), D(0), D(2_000_000), EquityLimits(), PreviousClosing(2020, D(834_443), "prognos"))
    assert "840 000 kr" in eq.opening_finding and "834 443 kr" in eq.opening_finding
    same = Equity(D(834_443), D(0), D(0), D(2_000_000), EquityLimits(), PreviousClosing(2020, D(834_443), "prognos"))
    assert same.opening_finding is None


def _year(bs, year: int, income: D, cost: D, opening: D | None):
    bid = bs.versions.create_budget(year, with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    kost = bs.lines.save_section(bid, Section(0, "Kansli", SectionKind.KOSTNAD, 2))
    bs.lines.save_line(bid, Line(0, inc.id, "INT", "Medlemsavgifter", None, None, 1, income, income, income))
    bs.lines.save_line(bid, Line(0, kost.id, "LON", "Personal", None, None, 2, cost, cost + 50_000, cost + 80_000))
    bs.settings.save_year_settings(YearSettings(year, income / 2, ek_opening=opening))
    return bid


def test_opening_equity_mismatch_is_found_in_the_view_the_check_and_the_pdf(services):
    bs = services.budget
    _year(bs, 2025, D(2_000_000), D(1_900_000), D(700_000))
    # 2025 closed with utfall for the whole year: 2 000 000 − 1 850 000 = +150 000 → 850 000 kr.
    fu = bs.followup.create_followup(2025, date(2025, 12, 31))
    bs.followup.save_followup_entry(fu.id, LineFollowup("INT", utfall=D(2_000_000)))
    bs.followup.save_followup_entry(fu.id, LineFollowup("LON", utfall=D(1_850_000)))
    _year(bs, 2026, D(1_500_000), D(1_600_000), D(800_000))

    view = bs.followup.followup_view(2026, date(2026, 6, 30))
    finding = view.equity.opening_finding
    assert finding and "800 000 kr" in finding and "850 000 kr" in finding and "utfall" in finding
    assert any("2026" in f.message and "850 000 kr" in f.message for f in run_checks(services.db))
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bs.exports.export_pdf(2026))).pages)
    assert "stämmer inte med eget kapital vid slutet av 2025" in " ".join(pdf.split())
    # 20 % of 1 500 000 kr is below the lowest level: said in words in the PDF, not an empty band.
    assert "kan inte nås" in " ".join(pdf.split())
    # Once corrected, the finding is gone.
    bs.settings.save_year_settings(YearSettings(2026, D(750_000), ek_opening=D(850_000)))
    assert bs.followup.followup_view(2026, date(2026, 6, 30)).equity.opening_finding is None
    assert not any("eget kapital vid årets början" in f.message.lower() for f in run_checks(services.db))
    # The plan years roll forward from this year's closing equity.
    plan = bs.followup.followup_view(2026, date(2026, 6, 30)).equity.plan_rows()
    assert [p.year for p in plan] == [2027, 2028]
    assert plan[0].opening == D(750_000) and plan[1].opening == plan[0].closing == D(750_000) - D(150_000)
