"""SIE 4 import (domain): the generated year balances and the figures Budget and the statements take from it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_desktop.domain.arsredovisning import sie_figures
from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_generate import generate_year
from finsam_desktop.domain.arsredovisning.sie_model import SieError


@pytest.fixture(scope="module")
def year_file() -> bytes:
    return generate_year(2026, verifikationer=600, seed=7)


def test_the_generated_year_is_deterministic_cp437_and_reads_whole(year_file):
    assert generate_year(2026, verifikationer=600, seed=7) == year_file
    assert generate_year(2026, verifikationer=600, seed=8) != year_file
    assert "Försäkringskassan".encode("cp437") in year_file
    sie = parse_sie(year_file, "2026.se")
    assert sie.sie_type == "4E" and sie.checksum is not None and len(sie.verifikationer) >= 600
    assert set(sie.dimensions) == {1, 6} and (6, "P01") in sie.objects


def test_one_changed_amount_in_the_generated_year_is_refused_with_its_lines(year_file):
    tampered = year_file.replace(b"#TRANS 6110 {1 10} 38500.00", b"#TRANS 6110 {1 10} 38500.10", 1)
    assert tampered != year_file
    with pytest.raises(SieError) as info:
        parse_sie(tampered)
    texts = " ".join(p.text for p in info.value.problems)
    assert "summerar till 0,10 kr, inte 0." in texts and "kontrollsumman stämmer inte" in texts
    assert "konto 6110: RES" in texts and "#PSALDO" in texts


def test_year_end_balances_reconcile_assets_to_liabilities_and_the_result(year_file):
    sie = parse_sie(year_file)
    balances = sie_figures.year_end_balances(sie)
    ub = sie.balances("UB")
    assert {a: balances[a] for a in ub} == ub
    result = sum((v for a, v in balances.items() if not sie.is_balance(a)), Decimal(0))
    balance_sheet = sum((v for a, v in balances.items() if sie.is_balance(a)), Decimal(0))
    assert balance_sheet + result == 0  # tillgångar − skulder − EK = årets resultat
    monthly = sie_figures.monthly_balances(sie)
    assert monthly[("1930", 2026, 12)] == ub["1930"]
    assert monthly[("1930", 2026, 1)] != ub["1930"]


def test_utfall_per_kostnadsstalle_and_month_is_the_result_and_matches_the_psaldo(year_file):
    sie = parse_sie(year_file)
    rows = sie_figures.utfall(sie)
    assert sum((r.amount for r in rows), Decimal(0)) == sum(sie.balances("RES").values(), Decimal(0))
    assert {r.kostnadsstalle for r in rows} == {"", "10", "20", "30"}  # bidrag carry no kostnadsställe
    assert all(r.year == 2026 and 1 <= r.month <= 12 for r in rows)
    hyra = [r for r in rows if r.konto == "6110"]
    assert len(hyra) == 12 and all(r.kostnadsstalle == "10" and r.amount == Decimal("38500.00") for r in hyra)
    # Without verifikationer (an SIE 3 file) the same utfall comes from #PSALDO.
    balances_only = year_file.split(b"\r\n#VER ")[0].replace(b"#SIETYP 4", b"#SIETYP 3")
    balances_only = balances_only.replace(b"#KSUMMA\r\n", b"")
    sie3 = parse_sie(balances_only + b"\r\n")
    assert sie3.sie_type == "3" and sie3.verifikationer == ()
    assert sie_figures.utfall(sie3) == rows


def test_a_damaged_file_is_refused_with_a_swedish_error_never_a_crash(year_file):
    import random

    rng = random.Random(15)
    small = year_file[:8_000] + year_file[year_file.index(b"\r\n#VER") :][:8_000]
    for _ in range(100):
        data = bytearray(small)
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[i] = rng.choice(b'{}" \t\r\n#-.09A\\\x1a\x84')
            else:
                del data[i : i + rng.randint(1, 30)]
        try:
            parse_sie(bytes(data), "skadad.se")
        except SieError as exc:
            assert "lästes inte in" in str(exc) and "Traceback" not in str(exc)
