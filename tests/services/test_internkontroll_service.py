"""InternkontrollService: versions adopted at a § then locked, next year's copy, the plan and its
status, the stickprov record (mapping remembered, reproducible, reviewed) and the granskning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, PlanRow
from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Movement, Risk
from finsam_desktop.domain.internkontroll.stickprov_import import ImportRejected
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning, ItemReview
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.services.internkontroll.dto import Granskning

MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Bokföringsdatum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Kostnadsställe",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}


def _analysis_with_risks(ik, ar=2026):
    a = ik.risk.create_analysis(ar)
    ik.risk.save_risk(a.id, Risk(0, 0, "Attest", "Attester tas på felaktig nivå", 3, 1, "Attestordningen följs"))
    ik.risk.save_risk(a.id, Risk(0, 0, "Personal", "Frånvaro längre än 6 månader", 3, 3, "Anställa vikarie"))
    return ik.risk.get_analysis(a.id)


def test_adopted_analysis_is_locked_by_service_and_database(services):
    ik = services.internkontroll
    a = _analysis_with_risks(ik)
    assert [r.nummer for r in a.risks] == [1, 2] and a.titel.endswith("2026")
    adopted = ik.risk.adopt_analysis(a.id, "§ 126, 2025-11-21", date(2025, 11, 21))
    assert adopted.locked and adopted.status_text == "Antagen § 126, 2025-11-21" and len(adopted.content_hash) == 64
    with pytest.raises(ImmutableRecordError, match="antagen"):
        ik.risk.save_risk(a.id, Risk(a.risks[0].id, 1, "Attest", "ändrad", 4, 4))
    with pytest.raises(ImmutableRecordError):
        ik.risk.remove_risk(a.risks[0].id)
    with services.db.engine.begin() as conn, pytest.raises(Exception, match="låst"):
        conn.execute(text("UPDATE ik_risk SET sannolikhet = 4 WHERE id = :id"), {"id": a.risks[0].id})
    with services.db.engine.begin() as conn, pytest.raises(Exception, match="låst"):
        conn.execute(text("DELETE FROM ik_risk_analysis WHERE id = :id"), {"id": a.id})
    assert ik.risk.get_analysis(a.id).risks == a.risks

    v2 = ik.risk.new_analysis_version(a.id)
    assert (v2.version, v2.previous_version_id, v2.locked) == (2, a.id, False)
    ik.risk.save_risk(
        v2.id, Risk(v2.risks[0].id, 1, "Attest", "Attester tas på felaktig nivå", 3, 2, key=v2.risks[0].key)
    )
    assert ik.risk.analysis(2026).version == 2 and ik.risk.get_analysis(a.id).risks[0].sannolikhet == 1


def test_next_year_starts_as_a_copy_and_the_comparison_shows_moves(services):
    ik = services.internkontroll
    a = _analysis_with_risks(ik, 2025)
    ik.risk.adopt_analysis(a.id, "§ 88, 2024-11-22", date(2024, 11, 22))
    nxt = ik.risk.copy_to_next_year(a.id)
    assert nxt.ar == 2026 and nxt.titel.endswith("2026") and nxt.copied_from_id == a.id
    assert [(r.key, r.riskvarde) for r in nxt.risks] == [(r.key, r.riskvarde) for r in a.risks]
    ik.risk.save_risk(
        nxt.id, Risk(nxt.risks[1].id, 2, "Personal", "Frånvaro längre än 6 månader", 3, 2, key=nxt.risks[1].key)
    )
    moves = ik.risk.comparison(nxt.id)
    assert [m.movement for m in moves] == [Movement.OFORANDRAD, Movement.SANKT]
    assert moves[1].previous == (3, 3) and moves[1].current == (2, 3)
    with pytest.raises(ValidationError, match="redan"):
        ik.risk.copy_to_next_year(a.id)


def test_matrix_settings_are_the_forbunds_and_a_draft_must_fit(services):
    ik = services.internkontroll
    assert ik.risk.matrix_settings() == MatrixSettings()
    a = _analysis_with_risks(ik)
    ik.risk.save_matrix_settings(MatrixSettings.for_size(5))
    assert ik.risk.matrix_settings().size == 5 and ik.risk.get_analysis(a.id).matrix_size == 5
    ik.risk.save_risk(a.id, Risk(0, 0, "IT", "Dataintrång", 5, 4))
    with pytest.raises(ValidationError, match="ryms inte i en 4×4"):
        ik.risk.save_matrix_settings(MatrixSettings.for_size(4))
    assert ik.risk.matrix_settings().size == 5


def test_plan_generated_from_risks_and_status_changes_after_adoption(services):
    ik = services.internkontroll
    a = _analysis_with_risks(ik)
    plan = ik.kontrollplan.create_plan(2026)
    ik.kontrollplan.save_plan_row(
        plan.id,
        PlanRow(
            0,
            0,
            "Attest",
            "Att attestförteckningen är aktuell",
            "Förbundschef",
            "Årligen",
            "Styrelsen",
            risk_keys=(a.risks[0].key,),
        ),
    )
    generated = ik.kontrollplan.generate_plan_rows(plan.id, a.id, 9)
    assert [r.process for r in generated] == ["Personal"] and generated[0].nummer == 2
    adopted = ik.kontrollplan.adopt_plan(plan.id, "§ 125, 2025-11-21", date(2025, 11, 21))
    assert adopted.locked
    with pytest.raises(ImmutableRecordError):
        ik.kontrollplan.save_plan_row(plan.id, PlanRow(0, 0, "X", "Y"))
    row = ik.kontrollplan.set_control_status(adopted.rows[0].id, KontrollStatus.PAGAR)
    assert row.status is KontrollStatus.PAGAR
    with pytest.raises(ValidationError, match="beskriv"):
        ik.kontrollplan.set_control_status(adopted.rows[0].id, KontrollStatus.AVVIKELSE)
    assert ik.kontrollplan.plan(2026).rows[0].status is KontrollStatus.PAGAR


def test_stickprov_is_stored_reproducible_reviewed_and_reported(demo_services):
    ik = demo_services.internkontroll
    gen = generate_transactions(2026, 600, seed=5, fault_rate=0.05)
    plan_row = ik.kontrollplan.plan(2026).rows[0]
    sp = ik.stickprov.create_stickprov(
        gen.data,
        gen.filename,
        MAPPING,
        PopulationFilter(date(2026, 1, 1), date(2026, 6, 30)),
        storlek=12,
        seed=42,
        over_belopp=Decimal(120000),
        plan_row_id=plan_row.id,
    )
    # A mapping stored with the old combined "konto" (Konto/kostnadsställe) comes back as kostnadsställe.
    upgraded = {("kostnadsstalle" if k == "konto" else k): v for k, v in MAPPING.items()}
    assert ik.stickprov.remembered_mapping() == upgraded
    assert ik.stickprov.preview_file(gen.data, gen.filename).mapping == upgraded
    assert sp.file_count == 600 and sp.population_count < 600 and len(sp.items) >= 12
    assert all(date(2026, 1, 1) <= i.transaction.datum <= date(2026, 6, 30) for i in sp.items)
    assert ik.stickprov.reproduce(sp.id) is True
    assert {i.transaction.verifikation for i in sp.items if i.auto_findings} == {
        i.transaction.verifikation for i in sp.items if i.transaction.verifikation in gen.planted
    }
    g = Granskning(
        0,
        2026,
        date(2026, 10, 12),
        "Kansliet",
        "Eva Forsberg",
        "Anna Berglund",
        "Helena Marklund",
        sp.id,
        (plan_row.id,),
        "Inga avvikelser.",
    )
    with pytest.raises(ValidationError, match="inte granskade"):
        ik.granskning.save_granskning(g)
    for item in sp.items:
        if item.auto_findings:
            ik.granskning.review_item(
                item.id, ItemReview("Eva Forsberg", date(2026, 10, 12), Bedomning.AVVIKELSE, "Fel attest", "Rättas")
            )
        else:
            ik.granskning.review_item(item.id, ItemReview("Anna Berglund", date(2026, 10, 12), Bedomning.OK))
    reviewed = ik.stickprov.get_stickprov(sp.id)
    assert reviewed.reviewed_count == len(sp.items)
    slutsats = ik.granskning.suggested_slutsats(sp.id)
    assert ("avvikelse" in slutsats) == bool(reviewed.avvikelser)
    saved = ik.granskning.save_granskning(Granskning(**{**g.__dict__, "slutsats": slutsats}))
    expected = KontrollStatus.AVVIKELSE if reviewed.avvikelser else KontrollStatus.UTAN_AVVIKELSE
    assert next(r for r in ik.kontrollplan.plan(2026).rows if r.id == plan_row.id).status is expected
    assert ik.granskning.granskningar(2026)[0] == saved
    cleared = ik.granskning.review_item(sp.items[0].id, None)
    assert cleared.bedomning is Bedomning.EJ_GRANSKAD


def test_a_malformed_file_saves_nothing(demo_services):
    ik = demo_services.internkontroll
    before = len(ik.stickprov.list_stickprov())
    bad = (
        "Ver nr;Bokföringsdatum;Belopp;Motpart;Kostnadsställe;Attestant;Utanordnare\n"
        "1;2026-01-02;100;A;Kansli;Eva Forsberg;X\n"
        "2;2026-13-01;100;A;Kansli;Eva Forsberg;X\n"
    ).encode()
    with pytest.raises(ImportRejected) as err:
        ik.stickprov.create_stickprov(bad, "fel.csv", MAPPING, PopulationFilter(), 5, 1)
    assert err.value.rows == (3,)
    assert len(ik.stickprov.list_stickprov()) == before


def test_demo_covers_the_area(demo_services):
    ik = demo_services.internkontroll
    assert [(a.ar, a.locked) for a in ik.risk.list_analyses()] == [(2025, True), (2026, True), (2027, False)]
    moves = ik.risk.comparison(ik.risk.analysis(2026).id)
    assert {m.movement for m in moves} >= {Movement.HOJD, Movement.SANKT, Movement.NY}
    assert ik.kontrollplan.plan(2026).locked and ik.kontrollplan.plan(2027) is not None
    sp = ik.stickprov.list_stickprov(2026)[0]
    assert sp.reviewed_count == len(sp.items) and ik.stickprov.reproduce(sp.id)
    assert ik.granskning.granskningar(2026)[0].stickprov_id == sp.id
    from finsam_desktop.services.check import run_checks

    assert [f for f in run_checks(demo_services.db) if f.area == "Intern kontroll"] == []


def test_finsam_check_finds_a_tampered_adopted_analysis(services):
    ik = services.internkontroll
    a = _analysis_with_risks(ik)
    ik.risk.adopt_analysis(a.id, "§ 1", date(2025, 11, 21))
    from finsam_desktop.services.check import run_checks

    assert [f for f in run_checks(services.db) if f.area == "Intern kontroll"] == []
    with services.db.engine.begin() as conn:
        on_table = "" if conn.dialect.name == "sqlite" else " ON ik_risk"  # PostgreSQL names the table
        conn.execute(text(f"DROP TRIGGER trg_ik_risk_locked_update{on_table}"))
        conn.execute(text("UPDATE ik_risk SET sannolikhet = 4 WHERE id = :id"), {"id": a.risks[0].id})
    found = [f.message for f in run_checks(services.db) if f.area == "Intern kontroll"]
    assert found == ["riskanalysen 2026 version 1 har ändrats efter att den antogs"]


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
