"""The risk matrix from the seeds' analyses, colour bands, comparison with last year."""

from __future__ import annotations

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, Metod, PlanRow, generate_rows
from finsam_desktop.domain.internkontroll.risk import (
    Band,
    MatrixSettings,
    Movement,
    Risk,
    band_counts,
    build_matrix,
    compare,
    copy_for_next_year,
    validate_risk,
)

# Seed 004, Bilaga 3 to § 126 (2022-11-25): [process, risk, V, S, riskhantering]
SEED_2023 = [
    ("Attest", "Attester tas på felaktig nivå", 3, 1, "Attest ordning antagen av styrelsen följs"),
    ("Delegation", "Beslut tas på felaktig delegation", 3, 1, "Delegationsordningen antagen av styrelsen följs"),
    ("Diarie och arkivering", "Handlingar diarieförs inte korrekt", 2, 2, "Rutiner antagna av styrelsen följs"),
    ("Diarie och arkivering", "Handlingar arkiveras inte korrekt", 2, 2, "Rutiner antagna av styrelsen följs"),
    ("Diarie och arkivering", "Handlingar gallras inte korrekt", 2, 2, "Rutiner antagna av styrelsen följs"),
    ("Uppföljning budget", "Budget följs inte", 4, 1, "Regelbunden ekonomisk rapport vid styrelsemöten"),
    (
        "Uppföljning budget",
        "Felaktiga utbetalningar",
        4,
        1,
        "Rutiner antagna av styrelsen följs Regelbunden ekonomisk rapport",
    ),
    (
        "Uppföljning av verksamhetens mål",
        "Verksamhetens mål uppfylls inte",
        1,
        1,
        "Uppföljning sker i delårsrapporter/årsrapporter",
    ),
    (
        "Uppföljning av verksamhetens mål",
        "Projekt/ Insatsplan följs inte",
        3,
        2,
        "Uppföljning sker vid styrgruppsmöten.",
    ),
    ("Personal (sjukfrånvaro)", "Sjukfrånvaro från 1 vecka upp till 6 månader", 3, 2, "Täcker upp för varandra"),
    ("Personal (sjukfrånvaro)", "längre än 6 månader", 3, 3, "Anställa vikarie"),
]

# Seed 000, Bilaga 2 "Risk- och konsekvensanalys för 2021 och 2022": risk level × påverkansfaktor.
LEVEL = {"Liten": 1, "Mellan": 2, "Hög": 3}
SEED_000 = [
    ("Liten", "Hög"),
    ("Hög", "Hög"),
    ("Hög", "Hög"),
    ("Mellan", "Mellan"),
    ("Hög", "Mellan"),
    ("Hög", "Hög"),
    ("Hög", "Hög"),
    ("Hög", "Hög"),
    ("Mellan", "Mellan"),
    ("Mellan", "Mellan"),
    ("Mellan", "Hög"),
    ("Mellan", "Hög"),
]


def seed_risks() -> list[Risk]:
    return [
        validate_risk(Risk(0, i, p, r, v, s, h), MatrixSettings())
        for i, (p, r, v, s, h) in enumerate(SEED_2023, start=1)
    ]


def test_seed_2023_gives_the_right_count_in_every_cell_of_the_4x4_matrix():
    m = build_matrix(seed_risks(), 4)
    expected = {(1, 3): 2, (2, 2): 3, (1, 4): 2, (1, 1): 1, (2, 3): 2, (3, 3): 1}
    for s in range(1, 5):
        for v in range(1, 5):
            assert m.count(s, v) == expected.get((s, v), 0), (s, v)
    assert m.numbers(2, 2) == (3, 4, 5)
    assert m.numbers(3, 3) == (11,)
    assert m.total == 11
    assert [r.riskvarde for r in seed_risks()] == [3, 3, 4, 4, 4, 4, 4, 1, 6, 6, 9]


def test_default_bands_colour_the_seed_analysis():
    settings = MatrixSettings()
    settings.validate()
    assert [(b.low, b.high) for b in settings.bands] == [(1, 3), (4, 8), (9, 16)]
    assert band_counts(seed_risks(), settings) == {"Grön": 3, "Gul": 7, "Röd": 1}


def test_seed_000_analysis_fits_a_3x3_matrix_and_not_as_4x4_scores_in_3x3():
    settings = MatrixSettings.for_size(3)
    settings.validate()
    risks = [
        validate_risk(Risk(0, i, "Omvärld", f"risk {i}", LEVEL[p], LEVEL[r]), settings)
        for i, (r, p) in enumerate(SEED_000, start=1)
    ]
    m = build_matrix(risks, 3)
    # F7: Liten/hög 1, Hög/hög 5, Hög/mellan 1, Mellan/mellan 3, Mellan/hög 2 (sannolikhet, påverkan)
    assert m.counts() == {
        (1, 1): 0,
        (1, 2): 0,
        (1, 3): 1,
        (2, 1): 0,
        (2, 2): 3,
        (2, 3): 2,
        (3, 1): 0,
        (3, 2): 1,
        (3, 3): 5,
    }
    assert settings.s_label(3) == "Hög risk"
    with pytest.raises(ValidationError, match="risk 6 .* 3×3"):
        build_matrix(seed_risks(), 3)
    with pytest.raises(ValidationError):
        validate_risk(Risk(0, 1, "Attest", "x", 4, 1), settings)


def test_bands_must_cover_every_value_without_gaps():
    bad = MatrixSettings(bands=(Band(1, 3, "Grön", "#0f0"), Band(5, 16, "Röd", "#f00")))
    with pytest.raises(ValidationError, match="glapp"):
        bad.validate()
    assert MatrixSettings.from_dict(MatrixSettings.for_size(5).to_dict()) == MatrixSettings.for_size(5)


def test_residual_scores_need_both_values_and_fill_their_own_matrix():
    with pytest.raises(ValidationError, match="både"):
        validate_risk(Risk(0, 1, "Attest", "x", 3, 3, residual_vasentlighet=2), MatrixSettings())
    r = validate_risk(
        Risk(0, 1, "Attest", "x", 3, 3, residual_vasentlighet=2, residual_sannolikhet=1), MatrixSettings()
    )
    assert r.residual_varde == 2
    assert build_matrix([r], 4, residual=True).numbers(1, 2) == (1,)


def test_comparison_with_last_year_tells_where_each_moved_risk_came_from():
    last = seed_risks()
    this = copy_for_next_year(last)
    assert [r.key for r in this] == [r.key for r in last] and all(r.id == 0 for r in this)
    this[0] = Risk(**{**_asdict(this[0]), "sannolikhet": 2})  # Attest 3×1 → 3×2
    this[10] = Risk(**{**_asdict(this[10]), "sannolikhet": 2})  # vikarie 3×3 → 3×2
    del this[7]  # verksamhetens mål removed
    this.append(validate_risk(Risk(0, 12, "IT", "Dataintrång", 4, 2), MatrixSettings()))
    moves = {m.titel: m for m in compare(this, last)}
    attest = moves["Attester tas på felaktig nivå"]
    assert attest.movement is Movement.HOJD and attest.previous == (1, 3) and attest.current == (2, 3)
    assert "från S1×V3=3 till S2×V3=6" in attest.text
    assert moves["längre än 6 månader"].movement is Movement.SANKT
    assert moves["Verksamhetens mål uppfylls inte"].movement is Movement.BORTTAGEN
    assert moves["Dataintrång"].movement is Movement.NY
    assert moves["Budget följs inte"].movement is Movement.OFORANDRAD


def _asdict(r: Risk) -> dict:
    return {f: getattr(r, f) for f in Risk.__slots__}


def test_plan_rows_are_generated_from_risks_above_a_riskvarde_once():
    risks = seed_risks()
    rows = generate_rows(risks, 6)
    assert [r.process for r in rows] == ["Uppföljning av verksamhetens mål", "Personal (sjukfrånvaro)"]
    assert rows[1].risk_keys == (risks[9].key, risks[10].key)
    assert rows[1].frekvens == "Kvartalsvis"
    assert all(r.status is KontrollStatus.EJ_PABORJAD for r in rows)
    again = generate_rows(risks, 3, existing=rows)
    assert "Personal (sjukfrånvaro)" not in [r.process for r in again]
    assert [r.nummer for r in again][0] == 3
    attest = next(r for r in again if r.process == "Attest")
    assert (
        attest.metod is Metod.STICKPROV
        and attest.kontrollmoment == "Kontroll att riskhanteringen följs: Attest ordning antagen av styrelsen följs"
    )
    existing = [PlanRow(0, 1, "Attest", "x", risk_keys=(risks[0].key,))]
    assert "Attest" not in [r.process for r in generate_rows(risks, 1, existing)]
