"""The verksamhetsplan: seed 000's plan entered as data reproduces its tables and flags its wrong totals (F1); the
two seed outlines as templates with texts pre-filled from the data; edited texts; adoption at a styrelse § with the
PDF stored and the plan locked; next year's plan as a copy; the budget, årshjul and risk analysis from their
areas."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.verksamhet.plan import SectionKind, Template
from finsam_desktop.domain.verksamhet.plan_budget import RowKind, TypedBudget, TypedRow
from finsam_desktop.reports.common.typst_blocks import Heading
from finsam_desktop.reports.verksamhet.plan_content import document
from finsam_desktop.services.check import run_checks
from tests.fixtures import verksamhetsplan_f1 as f1
from tests.fixtures.verksamhet_seed000 import MIA

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

D = Decimal


@pytest.fixture
def sundbyberg(workspace):
    plan = f1.enter_seed000(workspace.services)
    return workspace.services, plan


def _section(pub, key):
    return next(s for s in pub.sections if s.key == key)


def test_f1_seed000_budget_entered_as_data_flags_exactly_its_wrong_totals(sundbyberg):
    services, _plan = sundbyberg
    flags = services.verksamhet.plan.set_budget_table(2021, f1.F1)
    found = {(f.row, f.column): (f.stated, f.computed) for f in flags}
    assert found == {
        ("Totalt", "Budget 2020"): (D(2_400_000), D(2_660_000)),
        ("Resultatraden", "Budget 2020"): (D(150_000), D(-115_000)),
        ("Eget kapital", "Budget 2021"): (D(840_000), D(834_443)),
        # the individinsatser specification (likely reading) does not give its summary line
        ("Individinsatser", "Budget 2020"): (D(1_160_000), D(1_178_000)),
        ("Individinsatser", "Förväntat utfall 2020"): (D(1_100_000), D(1_098_000)),
        ("Individinsatser", "Budget 2021"): (D(2_700_000), D(2_698_000)),
        ("Individinsatser", "Budget 2022"): (D(2_370_000), D(2_368_000)),
    }
    result = next(f for f in flags if f.row == "Resultatraden")
    assert "dokumentets egna summor ger 145 000 kr" in result.text
    ek = next(f for f in flags if f.row == "Eget kapital")
    assert "Förväntat utfall 2020: 714 443 kr + årets resultat 120 000 kr ger 834 443 kr" in ek.text


def test_f1_the_plan_reproduces_the_seed_tables(sundbyberg):
    services, _plan = sundbyberg
    pub = services.verksamhet.plan.publication(2021)
    budget = _section(pub, "budget").budget
    assert budget.columns == ("Budget 2020", "Förväntat utfall 2020", "Budget 2021", "Budget 2022", "Budget 2023")
    rows = {r.label: r for r in budget.rows}
    # printed as the seed prints them, the stated totals included
    assert rows["TOTALT"].amounts == (D(2_545_000), D(2_500_000), D(4_000_000), D(3_700_000), D(2_000_000))
    assert rows["Totalt"].amounts[0] == D(2_400_000)
    assert rows["- Individinsatser"].amounts[2] == D(2_700_000)
    assert [r.label for r in budget.rows if r.kind == "group"][:3] == [
        "Intäkter",
        "Utgifter/Kostnader",
        "Fasta kostnader",
    ]
    assert any("Totalt, Budget 2020" in f for f in pub.flags)
    # the activity tables of §5.1.1 and §5.1.2, in order
    akt = _section(pub, "strukturella").aktiviteter
    assert [(a.tabell, a.tillfallen) for a in akt[:5]] == [("aktiviteter", n) for n in ("2", "4", "2", "6", "1")]
    assert [a.nar for a in akt if a.tabell == "bevakning"] == ["Löpande", "Inför vp 2022"]
    # each table under its insats, with Syfte/Mål, numbered as in the seed (5.1.1, 5.1.2)
    blocks = [b for b in document(pub).blocks if isinstance(b, Heading)]
    titles = [b.text for b in blocks]
    assert titles[titles.index("5.1 Strukturella insatser") + 1 :][:2] == [
        "5.1.1 Kunskapshöjande insatser",
        f"5.1.2 {f1.OMVARLD}",
    ]
    assert {a.insats for a in akt} == {"Kunskapshöjande insatser", f1.OMVARLD}
    # individinsatser: MIA Vidare with its delprojekt, Syfte/Mål and the staffing table's 2,95 årsarbetare
    insatser = _section(pub, "individinsatser").insatser
    assert [(i.namn, i.depth) for i in insatser][:2] == [(MIA, 0), ("MIA Vidare – projekt Upplands Bro kommun", 1)]
    mia = insatser[0]
    assert mia.syfte.startswith("Växla upp förbundet medel") and "**40**" in mia.mal
    assert sum(p.fte for p in mia.personal) == D("2.95")
    assert ("2021", "ESF 2 000 000 kr") in mia.finansiering
    # UBK's printed "3 heltidstjänster" without rows behind it is flagged
    assert any("Upplands Bro kommun: angiven summa 3,00 årsarbetare, beräknad 0,00" in f for f in pub.flags)


def test_seed000_outline_with_the_plan_years_in_its_headings(sundbyberg):
    services, _plan = sundbyberg
    pub = services.verksamhet.plan.publication(2021)
    assert [s.title for s in pub.sections if s.level == 1] == [
        "Förord",
        "1 Bakgrund samordningsförbund",
        "2 Samordningsförbundet Testbygden",
        "3 Ändamål och syfte",
        "4 Målgrupper 2021",
        "5 Planerade insatser 2021",
        "6 Uppföljning",
        "7 Budgetplan 2021 med prognos för 2022 och 2023",
        "Bilaga 1. Årshjul för Samordningsförbundet Testbygden 2021",
        "Bilaga 2. Riskanalys 2021 och 2022",
    ]
    assert [s.title for s in pub.sections if s.level == 2][:2] == [
        "3.1 Strukturella insatser – syfte",
        "3.2 Individinsatser – syfte",
    ]


def test_texts_are_prefilled_from_the_data_and_editable(sundbyberg):
    services, plan = sundbyberg
    vp = services.verksamhet.plan
    assert "organisationsnummer 222000-3079" in plan.section("forbundet").body
    assert "- Individer med svårdefinierat behov" in plan.section("malgrupper").body
    assert f"- {MIA} (individinriktad, pågående)" in plan.section("planerade").body
    vp.save_section(2021, "forord", "Verksamhetsplan 2021 blir förbundets **tredje**.")
    with pytest.raises(ValidationError, match="stängs inte"):
        vp.save_section(2021, "forord", "en **trasig text")
    assert vp.get(2021).section("forord").body == "Verksamhetsplan 2021 blir förbundets **tredje**."
    vp.reset_section(2021, "forord")
    assert vp.get(2021).section("forord").body.startswith("Verksamhetsplan 2021 beskriver")
    with pytest.raises(ValidationError, match="Vad"):
        vp.save_aktiviteter(2021, "strukturella", [f1.AKTIVITETER[0], f1.AKTIVITETER[0].__class__("aktiviteter", " ")])
    assert len(vp.get(2021).rows_of("strukturella")) == len(f1.AKTIVITETER) + len(f1.BEVAKNING)


def test_seed001_template_outline(workspace):
    vp = workspace.services.verksamhet.plan
    plan = vp.create_plan(2022, Template.SEED001)
    assert [plan.heading(s.key) for s in plan.sections if s.level == 1] == [
        "Inledning",
        "Uppdrag",
        "Organisation",
        "Verksamhetsplan 2022",
        "Budgetram 2022–2024",
    ]
    assert plan.section("intakter_kostnader").kind is SectionKind.BUDGET
    assert plan.section("samverkan").kind is SectionKind.AKTIVITETER
    with pytest.raises(ValidationError, match="redan en verksamhetsplan"):
        vp.create_plan(2022)


def test_next_years_plan_starts_as_a_copy(sundbyberg):
    services, _plan = sundbyberg
    vp = services.verksamhet.plan
    vp.save_section(2021, "forord", "Vårt eget förord.")
    nxt = vp.create_plan(2022)
    assert nxt.copied_from_year == 2021
    assert nxt.section("forord").body == "Vårt eget förord."
    assert nxt.heading("budget") == "Budgetplan 2022 med prognos för 2023 och 2024"
    assert len(nxt.rows_of("strukturella")) == len(vp.get(2021).rows_of("strukturella"))
    assert not nxt.budget_table  # the typed table belongs to its year's document


def test_a_typed_budget_table_is_refused_whole_when_a_row_is_wrong(sundbyberg):
    services, _plan = sundbyberg
    bad = TypedBudget(f1.COLUMNS, (TypedRow(RowKind.SPEC, "Lös rad", (D(1),)), *f1.ROWS))
    with pytest.raises(ValidationError, match="specifikationsrubrik"):
        services.verksamhet.plan.set_budget_table(2021, bad)
    assert services.verksamhet.plan.get(2021).budget_table.rows == f1.ROWS


def test_finsam_check_reports_the_wrong_totals(sundbyberg):
    services, _plan = sundbyberg
    messages = [str(f) for f in run_checks(services.db)]
    assert any("Verksamhetsplan 2021: Totalt, Budget 2020: dokumentet anger 2 400 000 kr" in m for m in messages)


# --- adoption ------------------------------------------------------------------------------------------------------


def _styrelse_item(services, since: date) -> int:
    paragraphs = services.attest.versions.styrelse_paragraphs(since=since)
    assert paragraphs
    return paragraphs[-1][0]


def _fresh_plan(vp, year: int):
    """The demo has an utkast of its year's plan; these tests start that year's plan anew."""
    if vp.plan(year) is not None:
        vp.delete_plan(year)
    return vp.create_plan(year)


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_adopted_at_a_styrelse_paragraph_the_pdf_is_stored_and_the_plan_locked(demo_services):
    vp = demo_services.verksamhet.plan
    _fresh_plan(vp, 2026)
    item = _styrelse_item(demo_services, date(2026, 1, 1))
    plan = vp.adopt(2026, item)
    assert plan.locked and plan.adopted_text.startswith("2026-")
    stored = vp.adopted_document(2026)
    assert stored.data.startswith(b"%PDF") and stored.sha256 == hashlib.sha256(stored.data).hexdigest()
    assert vp.publication(2026).draft is False
    with pytest.raises(ImmutableRecordError, match="antagen"):
        vp.save_section(2026, "forord", "ändrad")
    with pytest.raises(ImmutableRecordError):
        vp.delete_plan(2026)
    conn = sqlite3.connect(demo_services.db.path)
    for sql in (
        "UPDATE vplan_section SET body = 'x'",
        "INSERT INTO vplan_aktivitet (plan_id, section_key, position, tabell, vad, vem, tillfallen, hur, for_vem, "
        "nar, uppfoljning) SELECT id, 'planerade', 0, 'aktiviteter', 'x', '', '', '', '', '', '' FROM vplan",
        "UPDATE vplan SET titel = 'x'",
        "UPDATE vplan_document SET pdf_data = x'00'",
        "DELETE FROM vplan_document",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="låst"):
            conn.execute(sql)
    conn.close()
    # next year's plan is still made as a copy of the locked one
    assert vp.create_plan(2027).copied_from_year == 2026


def test_adoption_is_refused_after_the_plan_year_and_leaves_an_utkast(demo_services, monkeypatch):
    vp = demo_services.verksamhet.plan
    vp.create_plan(2025)
    item = _styrelse_item(demo_services, date(2026, 1, 1))
    with pytest.raises(ValidationError, match="efter planårets slut"):
        vp.adopt(2025, item)
    _fresh_plan(vp, 2026)

    def broken(_pub):
        raise ValidationError("PDF:en kunde inte skapas.")

    monkeypatch.setattr("finsam_desktop.reports.verksamhet.plan_pdf.plan_pdf", broken)
    with pytest.raises(ValidationError, match="PDF"):
        vp.adopt(2026, item)
    assert not vp.get(2026).locked and vp.adopted_document(2026) is None


def test_budget_arshjul_and_riskanalys_come_from_their_areas(demo_services):
    vp = demo_services.verksamhet.plan
    _fresh_plan(vp, 2026)
    pub = vp.publication(2026)
    budget = _section(pub, "budget").budget
    assert budget.columns[-3:] == ("Budget 2026", "Plan 2027", "Plan 2028")
    doc = demo_services.budget.versions.current_budget(2026)
    result = next(r for r in budget.rows if r.label == "Årets resultat")
    assert result.amounts[-3:] == doc.totals.resultat
    events = _section(pub, "bilaga_arshjul").events
    assert events and all(e.datum.year == 2026 for e in events)
    assert len(events) == len(demo_services.arshjul.view.occurrences(2026))
    risks = _section(pub, "bilaga_risk").risks
    analysis = demo_services.internkontroll.risk.analysis(2026) or demo_services.internkontroll.risk.analysis(2025)
    assert [r.risk for r in risks] == [r.risk for r in analysis.risks]
    assert "För 2026 budgeterar förbundet intäkter om" in vp.get(2026).section("forbundet").body


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_the_antagen_plan_is_sealed_and_tampering_is_found(demo_services):
    vp = demo_services.verksamhet.plan
    _fresh_plan(vp, 2026)
    vp.adopt(2026, _styrelse_item(demo_services, date(2026, 1, 1)))
    assert run_checks(demo_services.db) == []
    conn = sqlite3.connect(demo_services.db.path)
    conn.execute("DROP TRIGGER trg_vplan_section_locked_update")
    conn.execute("UPDATE vplan_section SET body = 'Förfalskad text' WHERE key = 'forord'")
    conn.commit()
    conn.close()
    messages = [str(f) for f in run_checks(demo_services.db)]
    assert any("trg_vplan_section_locked_update" in m for m in messages)
    assert any("Den antagna verksamhetsplanen 2026" in m for m in messages)


def test_an_insats_with_activities_in_a_plan_is_not_removed(sundbyberg):
    services, plan = sundbyberg
    kunskap = next(a.insats_id for a in plan.rows_of("strukturella"))
    with pytest.raises(ValidationError, match="aktiviteter i en verksamhetsplan"):
        services.verksamhet.insatser.delete(kunskap)
    assert services.verksamhet.insatser.get(kunskap).namn == "Kunskapshöjande insatser"


def test_the_demo_has_an_utkast_plan_with_its_activity_rows_and_aktiviteter_in_the_arshjul(demo_services):
    plan = demo_services.verksamhet.plan.get(2026)
    assert not plan.locked
    pub = demo_services.verksamhet.plan.publication(2026)
    rows = _section(pub, "strukturella").aktiviteter
    assert [r.vad for r in rows][:2] == ["Frukostseminarier", "Samverkansforum"]
    titles = [o.title for o in demo_services.arshjul.view.occurrences(2026)]
    assert "Samverkansforum: Unga med aktivitetsersättning" in titles
