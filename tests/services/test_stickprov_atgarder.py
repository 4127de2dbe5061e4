"""The population report stored with its stickprov, the åtgärd per finding (validation, audit log), the next
year's plan showing the open ones and ``finsam check`` warning about the försenade. The analytics themselves are
replaced by a hand-made report: what is tested here is what happens to a report, whatever finds it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.atgard import Atgard, AtgardStatus, validate_atgard
from finsam_desktop.domain.internkontroll.stickprov_findings import (
    AnalysisCancelled,
    AnalysisSettings,
    NotChecked,
    PopulationFinding,
    PopulationReport,
    Rule,
    Severity,
)
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.persistence.models import AuditLog
from finsam_desktop.services.check import run_checks
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.services.internkontroll.stickprov import StickprovService

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Bokföringsdatum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Kostnadsställe",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}

FINDINGS = (
    PopulationFinding(
        Rule.DUBBLETT,
        Severity.HOG,
        "Samma leverantör, belopp, datum och fakturanummer på två verifikationer.",
        "Kontorsservice AB, 12 400,00 kr: ver 1043 och 1051",
        (12, 19),
        ("1043", "1051"),
        Decimal("12400.00"),
        "dubblett:12-19",
    ),
    PopulationFinding(
        Rule.HELGDAG,
        Severity.MEDEL,
        "Betalning på en lördag, söndag eller allmän helgdag.",
        "Ver 1100 betald lördag 2025-03-08",
        (40,),
        ("1100",),
        Decimal("950.00"),
        "helgdag:40",
    ),
    PopulationFinding(
        Rule.RUNT_BELOPP,
        Severity.LAG,
        "Jämnt belopp (hela 1 000 kr) över 10 000 kr.",
        "Ver 1200: 50 000,00 kr",
        (55,),
        ("1200",),
        Decimal("50000.00"),
        "runt:55",
    ),
)
REPORT = PopulationReport(
    600,
    Decimal("1234567.50"),
    AnalysisSettings(near_duplicate_days=5, direktupphandlingsgrans=Decimal("700000")),
    FINDINGS,
    (NotChecked("Två i förening", "filen saknar kolumn för utanordnare"),),
    ("Summaraden (rad 602) hoppades över.",),
)


@pytest.fixture
def analysed(monkeypatch):
    """Every ``analyse_population`` returns ``REPORT`` (after asking ``progress`` once, as the real one does)."""

    def fake(self, parsed, settings=None, progress=None):
        if progress is not None and progress(1, 2) is False:
            raise AnalysisCancelled()
        return REPORT

    monkeypatch.setattr(StickprovService, "analyse_population", fake)


def _create(ik, ar=2025, **kw):
    gen = generate_transactions(ar, 120, seed=3)
    return ik.stickprov.create_stickprov(gen.data, gen.filename, MAPPING, PopulationFilter(), 5, 7, ar=ar, **kw)


def _audit(services) -> list[tuple[str, str]]:
    with services.db.session() as s:
        return [(r.action, r.detail) for r in s.scalars(select(AuditLog).order_by(AuditLog.id))]


def test_the_population_report_is_stored_with_the_stickprov_and_read_back(demo_services, analysed):
    ik = demo_services.internkontroll
    sp = _create(ik)
    again = ik.stickprov.get_stickprov(sp.id)
    for got in (sp, again):
        assert got.population == REPORT
        assert [r.finding for r in got.finding_rows] == list(FINDINGS)
        assert all(r.atgard is None and r.stickprov_id == sp.id for r in got.finding_rows)
    assert again.population.settings.near_duplicate_days == 5
    assert again.population.not_checked[0].why == "filen saknar kolumn för utanordnare"
    assert ("stickprov draget" in [a for a, _ in _audit(demo_services)]) and "3 fynd" in _audit(demo_services)[-1][1]
    # A stored finding cannot be changed afterwards, not even with a database tool.
    with demo_services.db.session() as s, pytest.raises(Exception, match="kan inte ändras"):
        s.execute(text("UPDATE ik_population_finding SET summary = 'x'"))


def test_a_cancelled_analysis_stores_nothing(demo_services, analysed):
    ik = demo_services.internkontroll
    before, log = len(ik.stickprov.list_stickprov()), _audit(demo_services)
    with pytest.raises(AnalysisCancelled):
        _create(ik, progress=lambda done, total: False)
    assert len(ik.stickprov.list_stickprov()) == before
    assert _audit(demo_services) == log


def test_an_atgard_is_validated_recorded_changed_and_removed_in_the_audit_log(demo_services, analysed):
    ik = demo_services.internkontroll
    fid = _create(ik).finding_rows[0].id
    refused = {
        "Motivering": Atgard("Helena Marklund", date(2026, 12, 1), AtgardStatus.ATGARDAD, "Kreditfaktura begärd"),
        "Ansvarig": Atgard("", date(2026, 12, 1), AtgardStatus.OPPEN, "Begär kreditfaktura"),
        "Senast": Atgard("Helena Marklund", None, AtgardStatus.PAGAR, "Begär kreditfaktura"),
        "Beskrivning": Atgard("Helena Marklund", date(2026, 12, 1), AtgardStatus.OPPEN, "  "),
    }
    for field, bad in refused.items():
        with pytest.raises(ValidationError) as err:
            ik.atgarder.set_atgard(fid, bad)
        assert err.value.field == field
    with pytest.raises(ValidationError, match="motivera"):
        ik.atgarder.set_atgard(fid, Atgard("", None, AtgardStatus.INGEN_ATGARD))
    assert ik.atgarder.get_finding(fid).atgard is None

    row = ik.atgarder.set_atgard(
        fid, Atgard(" Helena Marklund ", date(2026, 12, 1), AtgardStatus.OPPEN, "Begär kreditfaktura")
    )
    assert row.atgard == Atgard("Helena Marklund", date(2026, 12, 1), AtgardStatus.OPPEN, "Begär kreditfaktura")
    done = Atgard(
        "Helena Marklund", date(2026, 12, 1), AtgardStatus.ATGARDAD, "Begär kreditfaktura", "Kredit 2026-11-10"
    )
    ik.atgarder.set_atgard(fid, done)
    assert ik.stickprov.get_stickprov(row.stickprov_id).finding_rows[0].atgard == done
    ik.atgarder.set_atgard(fid, None)
    assert ik.atgarder.get_finding(fid).atgard is None
    actions = [(a, d) for a, d in _audit(demo_services) if a.startswith("åtgärd")]
    assert [a for a, _ in actions] == ["åtgärd registrerad", "åtgärd ändrad", "åtgärd borttagen"]
    assert "Dubblett" in actions[0][1] and "Öppen, Helena Marklund, senast 2026-12-01" in actions[0][1]


def test_forsenad_is_computed_from_the_day_asked_about():
    a = validate_atgard(Atgard("Eva", date(2026, 6, 30), AtgardStatus.PAGAR, "Rätta attestlistan"))
    assert not a.forsenad(date(2026, 6, 30)) and a.forsenad(date(2026, 7, 1))
    assert a.status_text(date(2026, 7, 1)) == "Försenad (pågår)"
    closed = Atgard("Eva", date(2026, 6, 30), AtgardStatus.ATGARDAD, "Rätta attestlistan", "Rättad")
    assert not closed.forsenad(date(2027, 1, 1))


def test_next_years_plan_lists_the_open_ones_and_check_warns_about_the_forsenade(demo_services, analysed):
    ik = demo_services.internkontroll
    rows = _create(ik, ar=2025).finding_rows
    ik.atgarder.set_atgard(rows[0].id, Atgard("Helena Marklund", date(2026, 12, 31), AtgardStatus.OPPEN, "Kreditera"))
    ik.atgarder.set_atgard(rows[1].id, Atgard("Eva Forsberg", date(2026, 6, 30), AtgardStatus.PAGAR, "Ny rutin"))
    ik.atgarder.set_atgard(
        rows[2].id, Atgard("Eva Forsberg", date(2026, 3, 1), AtgardStatus.ATGARDAD, "Kontroll", "Beloppet stämmer")
    )
    still_open = ik.atgarder.open_atgarder(2026)
    # Today is 2026-11-18 (tests/conftest.py): the helgdag one is past its date, the dubblett not yet.
    assert [(o.finding.rule, o.forsenad) for o in still_open] == [(Rule.HELGDAG, True), (Rule.DUBBLETT, False)]
    assert ik.atgarder.open_atgarder(2025) == ()
    assert ik.exports.report(2026).open_atgarder == still_open
    warnings = [f.message for f in run_checks(demo_services.db) if "åtgärden" in f.message]
    assert len(warnings) == 1 and "Betalning på helgdag" in warnings[0] and "2026-06-30" in warnings[0]


def test_an_atgard_carries_over_to_a_rerun_of_the_same_year_and_counts_once(demo_services, analysed):
    ik = demo_services.internkontroll
    first = _create(ik, ar=2025)
    atgard = Atgard("Helena Marklund", date(2026, 1, 31), AtgardStatus.PAGAR, "Kreditera")
    ik.atgarder.set_atgard(first.finding_rows[0].id, atgard)
    second = _create(ik, ar=2025)
    assert second.finding_rows[0].atgard == atgard and second.finding_rows[1].atgard is None
    assert [o.stickprov_id for o in ik.atgarder.open_atgarder(2026)] == [second.id]
    # Closed in the newer stickprov: no longer open, whatever the older one says.
    ik.atgarder.set_atgard(
        second.finding_rows[0].id,
        Atgard("Helena Marklund", date(2026, 1, 31), AtgardStatus.ATGARDAD, "Kreditera", "Krediterad"),
    )
    assert ik.atgarder.open_atgarder(2026) == ()


def test_the_suggested_slutsats_of_the_granskning_names_the_findings_and_their_atgarder(demo_services, analysed):
    ik = demo_services.internkontroll
    sp = _create(ik)
    ik.atgarder.set_atgard(
        sp.finding_rows[0].id, Atgard("Helena Marklund", date(2026, 12, 1), AtgardStatus.OPPEN, "Begär kreditfaktura")
    )
    text = ik.granskning.suggested_slutsats(sp.id)
    assert "Analysen av hela filen (600 rader) gav 3 fynd (hög 1, medel 1, låg 1)." in text
    assert "– Dubblett: Kontorsservice AB, 12 400,00 kr: ver 1043 och 1051. Åtgärd: Begär kreditfaktura" in text
    assert "(öppen)" in text and "2 fynd saknar ännu registrerad åtgärd." in text
