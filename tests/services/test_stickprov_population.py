"""Done-when: a generated 20 000-row export with planted faults (4 duplicates, 2 split purchases, 3 weekend
payments, 5 self-attests, 3 over-limit, 2 without mandate) — every planted fault is found in the population
report, with no false findings, whichever of the optional columns the file lacks (then the rules that need it are
reported as not checked, once); the drawn items show exactly the population's findings for their rows."""

from __future__ import annotations

import pytest

from finsam_desktop.domain.internkontroll.stickprov_draw import draw
from finsam_desktop.domain.internkontroll.stickprov_findings import AnalysisCancelled, Rule
from finsam_desktop.domain.internkontroll.stickprov_import import ParsedFile
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.services.demo.population import FIELDS, generate

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

ALL = frozenset(FIELDS)
NEEDS = {  # the planted faults a rule can find only with these columns
    Rule.DUBBLETT: {"motpart"},
    Rule.UPPDELAT_KOP: {"motpart"},
    Rule.HELGDAG: set(),
    Rule.SJALVATTEST: {"motpart", "attestanter"},
    Rule.OVER_MAXBELOPP: {"attestanter"},
    Rule.UTAN_MANDAT: {"attestanter"},
}
NOT_CHECKED_WITHOUT = {
    "motpart": {Rule.DUBBLETT, Rule.UPPDELAT_KOP, Rule.NY_LEVERANTOR, Rule.SJALVATTEST},
    "attestanter": {Rule.UTAN_ATTEST, Rule.TVA_I_FORENING},
    "utanordnare": {Rule.TVA_I_FORENING},
    "fakturanummer": {Rule.SAMMA_FAKTURA},
}


@pytest.fixture(scope="module")
def population():
    return generate(2026, 20000, seed=14)


@pytest.mark.parametrize("absent", [None, *[f for f in FIELDS if f not in ("verifikation", "datum", "belopp")]])
def test_every_planted_fault_is_found_and_nothing_else(demo_services, population, absent):
    columns = ALL - {absent}
    rows = population.without(absent) if absent else population.transactions
    report = demo_services.internkontroll.stickprov.analyse_population(ParsedFile(rows, columns))
    assert report.row_count == len(rows)

    found = {(f.rule, frozenset(f.verifikationer)) for f in report.findings}
    expected = {
        (rule, vers) for rule, planted in population.planted.items() if NEEDS[rule] <= columns for vers in planted
    }
    assert found == expected, sorted((r.value, sorted(v)) for r, v in found ^ expected)
    not_checked = {n.what for n in report.not_checked}
    for rule in NOT_CHECKED_WITHOUT.get(absent, ()):
        assert rule.label in not_checked, (absent, rule)
    assert len(not_checked) == len(report.not_checked), "each check that was not made is said once"
    if absent is None:
        assert not report.not_checked


def test_findings_have_severity_rule_text_rows_and_a_stable_key(demo_services, population):
    ik = demo_services.internkontroll.stickprov
    parsed = ParsedFile(population.transactions, ALL)
    report = ik.analyse_population(parsed)
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule[Rule.SJALVATTEST].severity.label == "Hög"
    assert by_rule[Rule.DUBBLETT].severity.label == "Hög"
    assert by_rule[Rule.UPPDELAT_KOP].severity.label == "Medel"
    assert by_rule[Rule.HELGDAG].severity.label == "Låg"
    assert "700 000 kr" in by_rule[Rule.UPPDELAT_KOP].rule_text
    assert all(f.rows and f.rule_text and f.summary and len(f.key) == 32 for f in report.findings)
    assert [f.severity.rank for f in report.findings] == sorted(f.severity.rank for f in report.findings)
    again = ik.analyse_population(parsed)
    assert [f.key for f in again.findings] == [f.key for f in report.findings]
    assert len({f.key for f in report.findings}) == len(report.findings)


def test_drawn_items_show_exactly_the_population_findings_for_their_rows(demo_services, population):
    ik = demo_services.internkontroll.stickprov
    for absent in (None, "utanordnare"):
        columns = ALL - {absent}
        rows = population.without(absent) if absent else population.transactions
        report = ik.analyse_population(ParsedFile(rows, columns))
        planted_rows = [t for t in rows if t.verifikation.startswith("26-9")]
        d = draw(planted_rows, PopulationFilter(), len(planted_rows), seed=1)
        items = ik.check_items(d.items, columns)
        attest_rules = {Rule.SJALVATTEST, Rule.OVER_MAXBELOPP, Rule.UTAN_MANDAT, Rule.TVA_I_FORENING}
        for item, texts in zip(d.items, items, strict=True):
            in_report = [f for f in report.findings if f.rule in attest_rules and item.transaction.rad in f.rows]
            assert bool(texts) == bool(in_report), (item.transaction, texts)
            for f in in_report:
                assert all(text in f.summary for text in texts)


def test_a_file_without_utanordnare_is_not_flagged_row_by_row(demo_services, population):
    """Issue 14 point 1: no Utanordnare column → "två i förening" not checked, said once; no finding per row."""
    rows = population.without("utanordnare")
    columns = ALL - {"utanordnare"}
    ik = demo_services.internkontroll.stickprov
    report = ik.analyse_population(ParsedFile(rows, columns))
    assert not report.by_rule(Rule.TVA_I_FORENING)
    assert [n.what for n in report.not_checked].count(Rule.TVA_I_FORENING.label) == 1
    d = draw(rows, PopulationFilter(), 200, seed=3)
    assert not any("två i förening" in text for texts in ik.check_items(d.items, columns) for text in texts)


def test_progress_is_reported_and_cancel_stops_the_analysis(demo_services, population):
    ik = demo_services.internkontroll.stickprov
    parsed = ParsedFile(population.transactions, ALL)
    calls = []
    ik.analyse_population(parsed, progress=lambda done, total: calls.append((done, total)) is None)
    total = calls[-1][1]
    assert calls[-1] == (total, total) and 50 <= len(calls) <= 150
    assert all(b[0] >= a[0] for a, b in zip(calls, calls[1:]))
    seen = []
    with pytest.raises(AnalysisCancelled):
        ik.analyse_population(parsed, progress=lambda done, total: seen.append(done) or done < total // 3)
    assert max(seen) < total
