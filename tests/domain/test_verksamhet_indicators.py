"""Goals and indicators: "target (actual)" as the lägesrapport writes it, seed 002's MIA goals (fixture F5), shares
computed from counts and stated percentages checked against them, the standard set, and masking of small counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.verksamhet.indicators import (
    Comparison,
    Goal,
    Measurement,
    Period,
    Unit,
    check_measurement,
    check_shares,
    format_target_actual,
    is_met,
    load_standard_indicators,
    parse_value,
    percent_matches,
    share_of_target,
    share_percent,
    validate_goal,
    validate_measurement,
)
from finsam_desktop.domain.verksamhet.masking import mask_count, mask_counts
from finsam_desktop.paths import resources_dir

MARCH_2020 = date(2020, 3, 31)
MIA_PERIOD = Period(date(2017, 4, 1), date(2020, 4, 30))

#: Fixture F5: seed 002's MIA goals, target (actual at March 2020).
F5 = (
    (
        Goal(
            None, 1, "Personer erbjuds insatser", "erbjudna_deltagare", D(240), Unit.ANTAL, Comparison.MINST, MIA_PERIOD
        ),
        D(190),
    ),
    (
        Goal(
            None, 1, "Ökad egen försörjning", "arbete_studier", D(30), Unit.PROCENT, Comparison.MINST, MIA_PERIOD, True
        ),
        D(20),
    ),
    (
        Goal(None, 1, "Stegförflyttning", "stegforflyttning", D(40), Unit.PROCENT, Comparison.MINST, MIA_PERIOD, True),
        D(36),
    ),
)


def test_f5_mia_goals_read_as_in_the_lagesrapport():
    texts = [format_target_actual(g, a, sign=False) for g, a in F5]
    assert texts == ["240 (190)", "30 (20) %", "40 (36) %"]
    assert [format_target_actual(g, a) for g, a in F5][1] == "≥ 30 (20) %"


def test_f5_none_of_the_mia_goals_is_met_and_190_is_79_2_percent_of_240():
    assert [is_met(g, a) for g, a in F5] == [False, False, False]
    assert share_of_target(F5[0][0], D(190)) == D("79.2")


def test_no_measurement_yet_shows_a_dash_and_no_verdict():
    goal = F5[0][0]
    assert format_target_actual(goal, None, sign=False) == "240 (–)"
    assert is_met(goal, None) is None


def test_hogst_and_exakt_comparisons():
    g = Goal(None, None, "Kostnad per deltagare", "", D(1200), Unit.KR, Comparison.HOGST, Period.year(2026))
    assert is_met(g, D(1100)) is True and is_met(g, D(1300)) is False
    assert format_target_actual(g, D(1100)) == "≤ 1\u00a0200 (1\u00a0100) kr"


def test_a_share_is_computed_from_its_counts():
    m = Measurement(MARCH_2020, None, 68, 190)
    assert m.actual == D("35.8")
    assert share_percent(0, 0) is None


def test_a_stated_percentage_that_does_not_match_its_counts_is_flagged():
    goal = F5[2][0]
    assert check_measurement(goal, Measurement(MARCH_2020, D(36), 68, 190)) == ()  # 35,8 % rounds to 36
    assert check_measurement(goal, Measurement(MARCH_2020, D(35), 68, 190)) == ()  # truncated: 35
    flags = check_measurement(goal, Measurement(MARCH_2020, D(40), 68, 190))
    assert len(flags) == 1
    assert "angivet 40 % stämmer inte med antalen 68 av 190 (= 35,8 %)" in flags[0].text


def test_f4_per_member_shares_of_59_aktiva_truncate_and_a_wrong_one_is_caught():
    aktiva = {"Danderyd": 4, "Täby": 11, "Vaxholm": 4, "Österåker": 13, "Vallentuna": 6, "Norrtälje": 21}
    stated = {"Danderyd": 6, "Täby": 18, "Vaxholm": 6, "Österåker": 22, "Vallentuna": 10, "Norrtälje": 35}
    rows = [(k, aktiva[k], D(stated[k])) for k in aktiva]
    assert check_shares(rows, 59, "% av aktiva") == ()
    wrong = [*rows[:-1], ("Norrtälje", 21, D(38))]
    (flag,) = check_shares(wrong, 59, "% av aktiva")
    assert flag.where == "% av aktiva: Norrtälje" and "21 av 59 (= 35,6 %)" in flag.text


def test_percent_matches_to_the_stated_decimals():
    assert percent_matches(D("79.2"), 190, 240)
    assert not percent_matches(D("79.3"), 190, 240)
    assert not percent_matches(D(10), 1, 0)


def test_the_standard_indicator_set_of_section_6_2_is_ready_to_pick():
    text = (resources_dir() / "verksamhet" / "indikatorer.json").read_text("utf-8")
    indicators = {i.kod: i for i in load_standard_indicators(text)}
    assert len(indicators) >= 6
    assert indicators["arbete_studier"].namn.startswith("Fler deltagare avslutas till studier eller arbete")
    assert indicators["samverkansstruktur"].matning.startswith("NNS")
    assert indicators["stegforflyttning"].enhet is Unit.PROCENT and indicators["stegforflyttning"].andel


def test_validation_in_swedish():
    with pytest.raises(ValidationError, match="Målvärde: ett mål i procent kan inte vara 130 %"):
        validate_goal(Goal(None, None, "x", "", D(130), Unit.PROCENT, Comparison.MINST, Period.year(2026)))
    with pytest.raises(ValidationError, match="Namn: målet behöver ett namn"):
        validate_goal(Goal(None, None, " ", "", D(1), Unit.ANTAL, Comparison.MINST, Period.year(2026)))
    with pytest.raises(ValidationError, match="täljaren 200 är större än nämnaren 190"):
        validate_measurement(F5[2][0], Measurement(MARCH_2020, None, 200, 190))
    with pytest.raises(ValidationError, match="ange ett uppmätt värde"):
        validate_measurement(F5[0][0], Measurement(MARCH_2020, None))
    with pytest.raises(ValidationError, match="”trettio” är inget tal"):
        parse_value("trettio")
    assert parse_value("12,5 %") == D("12.5") and parse_value("1 200") == D(1200)


def test_period_text():
    assert Period.year(2026).text == "2026"
    assert MIA_PERIOD.text == "2017-04-01–2020-04-30"


def test_counts_1_to_4_are_masked_only_when_masking_is_on():
    assert mask_counts([0, 1, 4, 5, 74, None]) == ("0", "<5", "<5", "5", "74", "")
    assert mask_count(3, enabled=False) == "3"
