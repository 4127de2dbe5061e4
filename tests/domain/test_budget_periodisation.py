"""The periodised budget (issue 14 point 5): utfall for January–April is compared with what the budget expects by
30 April – linearly, or by each line's profile – not with the helårsbudget."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from finsam_desktop.domain.budget.followup import compute_followup
from finsam_desktop.domain.budget.lines import Line, Section, SectionKind
from finsam_desktop.domain.budget.periodisation import (
    LINEAR,
    Profile,
    ProfileKind,
    parse_profile,
    periodised_budget,
    profile_note,
)
from finsam_desktop.domain.common.errors import ValidationError


def test_linear_is_budget_times_months_over_twelve():
    assert periodised_budget(D(230), 3) == D("57.50")  # Roslagen: 230 → 57,5 per 31 mars
    assert periodised_budget(D(1_200_000), 4, LINEAR) == D(400_000)
    assert periodised_budget(None, 4) is None


@pytest.mark.parametrize(
    ("text", "months", "expected"),
    [
        ("kvartal i förskott", 3, D(30_000)),  # lokalhyra 120 000: January's quarter paid in advance
        ("kvartal i förskott", 4, D(60_000)),
        ("kvartal i efterskott", 4, D(30_000)),
        ("månader: 2, 4, 6, 9, 11", 4, D(48_000)),  # arvoden per sammanträdesmånad: two of five by April
        ("Månader: feb, apr, jun, sep, nov", 1, D(0)),
        ("procent: 20; 5; 5; 10; 5; 5; 5; 5; 10; 10; 10; 10", 4, D(48_000)),
        ("jämnt", 4, D(40_000)),
    ],
)
def test_profiles(text, months, expected):
    budget = D(120_000)
    assert periodised_budget(budget, months, parse_profile(text)) == expected


def test_previous_year_shape_and_its_fallback():
    prior = {1: D(10), 2: D(10), 3: D(40), 12: D(40)}
    profile = parse_profile("som föregående års utfall")
    assert profile.kind is ProfileKind.FOREGAENDE
    assert periodised_budget(D(1_000), 3, profile, prior) == D(600)
    assert periodised_budget(D(1_000), 3, profile, {}) == D(250)  # no prior utfall: jämnt
    assert "saknar utfall" in profile_note(profile, {})


def test_profile_text_round_trips_and_bad_input_is_explained():
    for text in ("kvartal i förskott", "månader: 2, 4, 6, 9, 11", "procent: 10, 5, 5, 10, 5, 5, 5, 5, 10, 10, 15, 15"):
        profile = parse_profile(text)
        assert parse_profile(profile.text()) == profile
    assert parse_profile("") == LINEAR == Profile()
    with pytest.raises(ValidationError, match="summerar till 90 %, inte 100 %"):
        parse_profile("procent: 10 10 10 10 10 10 10 10 10 0 0 0")
    with pytest.raises(ValidationError, match="tolv procentsatser"):
        parse_profile("procent: 50, 50")
    with pytest.raises(ValidationError, match="”13” är ingen månad"):
        parse_profile("månader: 2, 13")
    with pytest.raises(ValidationError, match="är ingen periodisering"):
        parse_profile("ibland")


def test_followup_after_january_to_april_compares_with_the_periodised_budget():
    sections = [
        Section(1, "Medlemsavgifter", SectionKind.INTAKT, 1),
        Section(2, "Kansli", SectionKind.KOSTNAD, 2),
    ]
    lines = [
        Line(1, 1, "INT", "Medlemsavgifter", None, None, 1, D(2_400_000)),
        Line(2, 2, "LON", "Personal", None, None, 1, D(1_200_000)),
        Line(3, 2, "LOK", "Lokaler", None, None, 2, D(120_000)),
        Line(4, 2, "ARV", "Arvoden", None, None, 3, D(50_000)),
    ]
    # Utfall as booked: income quarterly in advance, salaries monthly, rent quarterly in advance, arvoden
    # in the months with a sammanträde (February and April).
    monthly = {
        "INT": {1: D(600_000), 4: D(600_000)},
        "LON": {m: D(100_000) for m in (1, 2, 3, 4)},
        "LOK": {1: D(30_000), 4: D(30_000)},
        "ARV": {2: D(10_000), 4: D(10_000)},
    }
    profiles = {
        "INT": parse_profile("kvartal i förskott"),
        "LOK": parse_profile("kvartal i förskott"),
        "ARV": parse_profile("månader: 2, 4, 6, 9, 11"),
    }
    result = compute_followup(sections, lines, date(2026, 4, 30), monthly=monthly, profiles=profiles)
    rows = {r.kod: r for r in result.rows if r.kod}
    assert {k: r.periodiserad for k, r in rows.items()} == {
        "INT": D(1_200_000),
        "LON": D(400_000),
        "LOK": D(60_000),
        "ARV": D(20_000),
    }
    assert all(r.avvikelse == 0 and not r.off_budget for r in rows.values())
    assert rows["LOK"].periodisering.startswith("Periodisering: Kvartalsvis i förskott")
    assert result.kostnader.periodiserad == D(480_000) and result.kostnader.avvikelse == 0
    # Without profiles the same lines are compared linearly; the helårsbudget is never the comparison.
    linear = {r.kod: r for r in compute_followup(sections, lines, date(2026, 4, 30), monthly=monthly).rows if r.kod}
    assert linear["LOK"].prognos == D(40_000) and linear["LON"].avvikelse_pct == D(0)
