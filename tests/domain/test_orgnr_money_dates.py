from datetime import date
from decimal import Decimal

import pytest

from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr, from_ore, parse_amount, to_ore
from finsam_desktop.domain.organisation.orgnr import is_valid_orgnr, luhn_check_digit, normalize_orgnr


def test_seed_orgnr_is_valid():
    assert luhn_check_digit("222000307") == 9
    assert normalize_orgnr("222000-3079") == "222000-3079"
    assert normalize_orgnr("2220003079") == "222000-3079"


@pytest.mark.parametrize("bad", ["222000-3078", "22200-3079", "abc", "", "222000-30799"])
def test_invalid_orgnr_rejected_with_swedish_message(bad):
    assert not is_valid_orgnr(bad)
    with pytest.raises(ValidationError) as info:
        normalize_orgnr(bad)
    assert "Organisationsnummer" in str(info.value)


def test_money_round_trip_and_swedish_format():
    assert format_kr(Decimal("3680000")) == "3 680 000 kr"
    assert format_kr(Decimal("81774.50")) == "81 774,50 kr"
    assert format_kr(Decimal("-1200")) == "\u22121 200 kr"
    assert to_ore(Decimal("81774.50")) == 8177450
    assert from_ore(8177450) == Decimal("81774.50")
    assert parse_amount("3 680 000") == Decimal("3680000")
    assert parse_amount("81 774,50 kr") == Decimal("81774.50")
    with pytest.raises(ValidationError):
        parse_amount("tusen")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2022-11-25", date(2022, 11, 25)),
        ("221125", date(2022, 11, 25)),
        ("25/11 2022", date(2022, 11, 25)),
        ("1/11/2022", date(2022, 11, 1)),
        ("20221125", date(2022, 11, 25)),
    ],
)
def test_dates_in_document_forms(text, expected):
    assert parse_date(text) == expected


def test_impossible_date_rejected():
    with pytest.raises(ValidationError):
        parse_date("2022-02-30")
