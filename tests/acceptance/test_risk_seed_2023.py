"""The seed's 2023 risk analysis and plan (Sundsvall, bilagor 2–3 to §§ 125–126, 2022-11-25) entered
through the service: the 4×4 matrix counts, the seed's plan columns, adoption and the Excel matrix."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from finsam_desktop.domain.internkontroll.kontrollplan import SEED_COLUMNS, PlanRow
from finsam_desktop.domain.internkontroll.risk import Risk, build_matrix

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

PLAN_2023 = [
    (
        "Attest",
        "Att gällande rutiner och regelverk följs och att attestförteckning är aktuell",
        "Efter prioritering i styrelse",
    ),
    ("Delegering", "Kontroll att delegeringsordningen följs", "Efter prioritering i styrelse"),
    (
        "Diarie och arkivering",
        "Kontroll att diarie och arkivering sker enligt regelverk",
        "Efter prioritering i styrelse",
    ),
    ("Uppföljning budget", "Budget i balans", "Kvartalsvis samt delårsbokslut och årsbokslut"),
    ("Uppföljning av verksamhetens mål", "Verksamhetsplan", "Kvartalsvis samt delårsbokslut och årsbokslut"),
]


def test_seed_2023_analysis_and_plan_through_the_service(services):
    ik = services.internkontroll
    a = ik.risk.create_analysis(2023, "Risk- och väsentlighetsanalys för Samordningsförbundet Sundsvall 2023")
    for process, risk, v, s, handling in SEED_2023:
        ik.risk.save_risk(a.id, Risk(0, 0, process, risk, v, s, handling))
    adopted = ik.risk.adopt_analysis(a.id, "§ 126, 2022-11-25", date(2022, 11, 25))
    m = build_matrix(adopted.risks, adopted.matrix_size)
    assert adopted.matrix_size == 4
    assert m.counts() == {
        (s, v): {(1, 3): 2, (2, 2): 3, (1, 4): 2, (1, 1): 1, (2, 3): 2, (3, 3): 1}.get((s, v), 0)
        for s in range(1, 5)
        for v in range(1, 5)
    }
    plan = ik.kontrollplan.create_plan(2023, "Plan för intern styrning och kontroll för 2023")
    for process, moment, frekvens in PLAN_2023:
        ik.kontrollplan.save_plan_row(
            plan.id, PlanRow(0, 0, process, moment, "Verkställande tjänsteman", frekvens, "Styrelsen")
        )
    plan = ik.kontrollplan.adopt_plan(plan.id, "§ 125, 2022-11-25", date(2022, 11, 25))
    assert [(r.process, r.kontrollansvarig, r.rapportering_till) for r in plan.rows][0] == (
        "Attest",
        "Verkställande tjänsteman",
        "Styrelsen",
    )
    assert SEED_COLUMNS == ("Process/ rutin", "Kontrollmoment", "Kontrollansvarig", "Frekvens", "Rapportering till")
    matrix = load_workbook(io.BytesIO(ik.exports.export_risk_xlsx(2023)))["Matris"]
    cells = {c.value for row in matrix.iter_rows() for c in row if c.value}
    assert {"2 (1, 2)", "3 (3, 4, 5)", "2 (6, 7)", "1 (8)", "2 (9, 10)", "1 (11)"} <= cells
    assert ik.exports.export_pdf(2023).startswith(b"%PDF")
