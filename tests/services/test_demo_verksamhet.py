"""The demo's Verksamhet covers three years (issue 16): deltagare statistics per insats and month that chain from
month to month and year to year, an avslutad insats that empties by its slut, the earlier years' goals measured at
each quarter's end and their aktiviteter held."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

ENDED = "Steget vidare – arbetsträning i Sjöbacka"


def test_the_statistics_chain_over_three_years(demo_services):
    by_insats = defaultdict(list)
    for p in demo_services.verksamhet.deltagare.periods():
        by_insats[p.insats].append(p)
    assert {p.period.year for months in by_insats.values() for p in months} == {2024, 2025, 2026}
    for months in by_insats.values():
        months.sort(key=lambda p: p.period)
        for before, after in zip(months, months[1:]):
            assert after.pagaende == before.pagaende + after.inskrivna - after.avslutade, after
        for p in months:
            assert p.kvinnor + p.man + p.annat == p.inskrivna
            assert sum(n for _k, n in p.avslut) == p.avslutade
    team = by_insats["Myndighetsgemensamt team"]
    assert team[0].period == date(2024, 1, 1) and team[0].pagaende > team[0].inskrivna  # it ran before 2024
    assert team[-1].period == date(2026, 10, 1)  # the last complete month before the pinned 18 November
    ended = by_insats[ENDED]
    assert (ended[0].period, ended[-1].period, ended[-1].pagaende) == (date(2024, 3, 1), date(2025, 8, 1), 0)
    assert ended[0].pagaende == ended[0].inskrivna - ended[0].avslutade  # it started empty
    insats = next(i for i in demo_services.verksamhet.insatser.list_insatser() if i.namn == ENDED)
    assert insats.status.label == "Avslutad"
    assert demo_services.verksamhet.deltagare.check() == ()  # no month with more avslut or steg than deltagare


def test_the_earlier_years_goals_are_measured_from_the_statistics_and_aktiviteter(demo_services):
    up = demo_services.verksamhet.uppfoljning
    report = {(s.goal.period.fran.year, s.insats, s.goal.indikator): s for s in up.report(date(2025, 12, 31))}
    offered = report[(2025, "", "erbjudna_deltagare")]
    starts = sum(
        p.pagaende - p.inskrivna + p.avslutade
        for p in demo_services.verksamhet.deltagare.periods(year=2025)
        if p.period.month == 1
    )
    inskrivna = sum(f.inskrivna for f in demo_services.verksamhet.deltagare.year_totals(2025))
    assert offered.measurement.per == date(2025, 12, 31) and offered.measurement.actual == starts + inskrivna
    team = report[(2025, "Myndighetsgemensamt team", "arbete_studier")]
    flow = next(
        f for f in demo_services.verksamhet.deltagare.year_totals(2025) if f.insats == "Myndighetsgemensamt team"
    )
    avslut = dict(flow.avslut)
    assert (team.measurement.taljare, team.measurement.namnare) == (
        avslut["Arbete"] + avslut["Studier"],
        flow.avslutade,
    )
    goal = report[(2024, "", "deltagare_informationsinsats")].goal
    assert [m.per.month for m in up.measurements(goal.id)] == [3, 6, 9, 12]
    held = [
        a
        for a in demo_services.verksamhet.aktiviteter.list_aktiviteter()
        if a.datum.year == 2024 and a.typ.value != "arbetsgrupp"
    ]
    assert up.measurements(goal.id)[-1].actual == sum(a.faktiskt for a in held)
    assert up.check() == ()
