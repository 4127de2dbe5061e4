"""Personalresurser: the seeds' notations and the FTE sums of their tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.verksamhet.personal import (
    Personalresurs,
    check_staffing,
    fte_per_organisation,
    fte_total,
    parse_arbetstid,
    rows_from_text,
)
from tests.fixtures import verksamhet_seed000 as seed


@pytest.mark.parametrize(
    ("text", "antal", "procent", "roll"),
    [
        ("2 x 12,5 %", 2, Decimal("12.5"), ""),
        ("2 × 12,5 % team", 2, Decimal("12.5"), "team"),
        ("2 x12,5% team", 2, Decimal("12.5"), "team"),
        ("50%", 1, Decimal(50), ""),
        ("25 %", 1, Decimal(25), ""),
        ("0,5", 1, Decimal(50), ""),
    ],
)
def test_one_notation_gives_count_and_percent(text, antal, procent, roll):
    (a,) = parse_arbetstid(text)
    assert (a.antal, a.procent, a.roll) == (antal, procent, roll)


def test_a_cell_with_several_roles_gives_one_row_each():
    parts = parse_arbetstid("100% p.led 2 x12,5% team 100%coach")
    assert [(a.antal, a.procent, a.roll) for a in parts] == [
        (1, Decimal(100), "p.led"),
        (2, Decimal("12.5"), "team"),
        (1, Decimal(100), "coach"),
    ]
    assert sum(a.fte for a in parts) == Decimal("2.25")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "ange arbetstiden"),
        ("halvtid", "kan inte läsas"),
        ("3", "skriv procent med %-tecken"),
        ("2 x 150 %", "mer än 100 %"),
        ("0 %", "större än noll"),
    ],
)
def test_unreadable_working_time_is_refused_in_swedish(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_arbetstid(text)


def test_seed000_table_sums_to_2_95_fte_and_per_organisation():
    rows = seed.mia_personal()
    assert len(rows) == 11
    assert fte_total(rows) == seed.FTE_000
    assert fte_per_organisation(rows) == seed.FTE_000_PER_ORG
    inom_ovan = [r for r in rows if r.roll == "Näringslivsutvecklare CSR"]
    assert inom_ovan[0].fte == 0 and inom_ovan[0].notering == "(inom ovan)"
    assert [r.notering for r in rows if r.organisation == "Regionen"] == ["Vakant"]


@pytest.mark.parametrize(
    ("table", "stated"),
    [(seed.STAFFING_001_MIA, seed.STATED_001_MIA), (seed.STAFFING_001_HOPPET, seed.STATED_001_HOPPET)],
)
def test_seed001_tables_agree_with_their_printed_sums(table, stated):
    rows = [r for roll, pct in table for r in rows_from_text(roll, "", pct)]
    assert fte_total(rows) == stated
    assert check_staffing("insats", rows, stated) is None


def test_seed002_mia_personal_cells_sum_to_7_625_fte():
    rows = [r for org, cell in seed.MIA_PERSONAL_002.items() for r in rows_from_text("MIA", org, cell)]
    assert fte_total(rows) == seed.FTE_002
    assert fte_per_organisation(rows)["Täby"] == Decimal("2.25")
    assert fte_per_organisation(rows)["Danderyd"] == Decimal("0.25")


def test_a_wrong_printed_sum_is_flagged_with_the_difference():
    rows = [r for roll, pct in seed.STAFFING_001_MIA for r in rows_from_text(roll, "", pct)]
    flag = check_staffing("MIA Vidare", rows, Decimal("6.00"))
    assert flag is not None and flag.difference == Decimal("0.05")
    assert "angiven summa 6,00 årsarbetare, beräknad 5,95 (skillnad 0,05)" in flag.message


def test_a_total_printed_without_rows_is_flagged():
    # 000: "Totalt finns 3 heltidstjänster inom projektramen" for UBK, with no table behind it.
    flag = check_staffing(seed.UBK, (), Decimal(3))
    assert flag is not None and flag.computed == 0 and flag.difference == 3


def test_a_row_needs_a_role_and_at_least_one_person():
    with pytest.raises(ValidationError, match="rollen får inte vara tom"):
        Personalresurs(" ", "AF", 1, Decimal(25)).validate()
    with pytest.raises(ValidationError, match="minst 1"):
        Personalresurs("Coach", "AF", 0, Decimal(25)).validate()
