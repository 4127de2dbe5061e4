"""The lägesrapport built from data: seed 002 entered as data (fixtures F4, F5, F3) gives the seed's per-member table,
the MIA targets "240 (190)", the uppdrag with their decision dates and the ekonomirapport in tkr."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from tests.acceptance.test_budget_seeds import enter_f3
from tests.fixtures.verksamhet_seed002 import seed002

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


@pytest.fixture
def rapport_services(services):
    seed002(services)
    return services


def test_f4_the_per_member_table_has_the_seeds_numbers(rapport_services):
    r = rapport_services.verksamhet.lagesrapport.build(date(2020, 6, 30))
    assert r.title == "Lägesrapport Halvår 2020" and r.insats == "MIA"
    t = r.members
    assert t.columns[0] == "Medlem (andel av population)" and t.columns[3] == "Aktiva i SAMSUS arbetsgrupp"
    assert t.columns[5].startswith("Inskrivna deltagare per medlem i MIA (201704-202003)")
    rows = {row[0].rsplit(" ", 1)[0] if row[0][-1] == "%" else row[0]: row for row in t.rows}
    # The seed's per-member rows (share, info, forum, SAMSUS, MIA personal, inskrivna and their share).
    assert rows["Gemensamt"] == ("Gemensamt", "", "Totalt 22", "", "", "Totalt 196")
    assert rows["Regionen"] == ("Regionen", "", "6/5 2st", "JA, reko", "", "")
    assert rows["AF"] == ("AF", "6/3", "6/5 2st", "JA", "100% team 175% coach 25% kursled.", "")
    assert rows["FK"] == ("FK", "", "6/5 2st", "JA", "100% team", "")
    assert rows["Danderyd"] == ("Danderyd 12%", "4/3", "6/5 1 enhet", "JA", "2 x12,5% team", "5 3%")
    assert rows["Täby"] == ("Täby 28%", "5/3", "6/5 10st", "JA", "100% p.led 2 x12,5% team 100% coach", "74 38%")
    assert rows["Vaxholm"] == ("Vaxholm 5%", "3/3", "", "", "12,5% team", "4 2%")
    assert rows["Österåker"] == ("Österåker 18%", "", "6/5 1 enhet", "JA", "2 x12,5% team 25% kursled.", "84 43%")
    assert rows["Vallentuna"] == ("Vallentuna 14%", "28/2", "6/5 4st", "", "2 x12,5% team", "8 4%")
    assert rows["Norrtälje"] == ("Norrtälje 23%", "13/2 5/3", "", "JA", "2 x12,5% team", "21 11%")
    assert t.anvisade == (
        ("Danderyd", 5),
        ("Täby", 74),
        ("Vaxholm", 4),
        ("Österåker", 84),
        ("Vallentuna", 8),
        ("Norrtälje", 21),
    )
    assert "Täby 74" in r.chart_alt and "Österåker 84" in r.chart_alt


def test_a_quarter_leaves_out_what_happened_after_its_end(rapport_services):
    r = rapport_services.verksamhet.lagesrapport.build(date(2020, 3, 31))
    assert r.title == "Lägesrapport Q1 2020"
    assert r.members.rows[0][2] == ""  # the 6 May forum is not in Q1
    assert all("6/5" not in row[2] for row in r.members.rows)
    assert [a.datum for a in r.aktiviteter][-1] <= date(2020, 3, 31)
    # … and lists it among the year's planned aktiviteter, with its planned number (seed 002: "(30p)").
    assert [a.plan_text for a in r.planerade] == [
        "6/5 Digitalt SAMSUS forum FK/AF om arbete med sjukskrivna utan sjukpenning (30p)"
    ]


def test_f5_mia_targets_and_the_uppdrag_with_their_decision_dates(rapport_services):
    r = rapport_services.verksamhet.lagesrapport.build(date(2020, 3, 31))
    assert [(g.insats, g.text, g.status) for g in r.goals] == [
        ("MIA", "≥ 240 (190)", "Ej uppnått"),
        ("MIA", "≥ 30 (20) %", "Ej uppnått"),
        ("MIA", "≥ 40 (36) %", "Ej uppnått"),
    ]
    by = {g.ansvarig: [line.heading for line in g.lines] for g in r.uppdrag}
    assert by["Kansli och Förbundschef"] == [
        "Kommunikationsplan (20190123)",
        "Se över Delegations- & attestordning (20191126 & 20200219)",
    ]
    assert (
        "Ta reda på vad befintliga Arbetsintegrerade sociala företag (ASF) behöver för stöd (20191126 & 20200219)"
        in (by["Beredningsgrupp"])
    )
    assert [x.varde for x in r.risks] == [9, 6] and r.risk_title == "Riskanalys COVID19"


def test_an_uppdrag_given_after_the_period_and_a_finished_one_are_left_out(rapport_services):
    m = rapport_services.meetings
    later = m.meetings.create_meeting("2020-05-20", with_agenda=False)
    item = m.agenda.add_item(later.id, "Ny utredning")
    m.uppdrag.add_uppdrag("Ny utredning", ansvarig="Kansli", item_id=item.id)
    done = next(u for u in m.uppdrag.list_uppdrag() if u.beskrivning == "Kommunikationsplan")
    m.uppdrag.update_uppdrag(done.id, status="klart")
    texts = [
        line.text for g in rapport_services.verksamhet.lagesrapport.build(date(2020, 3, 31)).uppdrag for line in g.lines
    ]
    assert "Ny utredning" not in texts and "Kommunikationsplan" not in texts


def test_f3_the_ekonomirapport_in_tkr_at_the_period_end(rapport_services):
    enter_f3(rapport_services.budget)
    r = rapport_services.verksamhet.lagesrapport.build(date(2020, 3, 31))
    names = [t.namn for t in r.ekonomi]
    assert names == ["Administrativa kostnader", "Strukturella insats", "Operativinsats - MIA och MIA Vidare", "Totalt"]
    adm = {x.namn: x for x in r.ekonomi[0].rows}
    styrelse = adm["Styrelse- Arvoden/ Förlorad arbetsinkomst / resor"]
    assert (styrelse.budget, styrelse.prognos, styrelse.utfall) == ("230", "57,5", "Faktureras per kvartal")
    assert (adm["Revision"].prognos, adm["Revision"].utfall) == ("0", "Faktureras april")
    strukt = {x.namn: x for x in r.ekonomi[1].rows}
    assert strukt["Kartläggning och behovsanalys"].prognos == "6,25"
    # The sums are computed, never the document's wrong ones (F3: 477,5 not 500; 895 not 890; 617 not 721).
    sums = [t.rows[-1] for t in r.ekonomi]
    assert [(s.budget, s.prognos, s.utfall) for s in sums] == [
        ("2 000", "477,5", "38"),
        ("895", "223,75", "33"),
        ("8 100", "2 025", "617"),
        ("10 995", "2 726,25", "688"),
    ]
    assert any("890 000 kr men raderna summerar till 895 000 kr" in f for f in r.flags)


def test_no_budget_says_so_and_a_backwards_period_is_refused(rapport_services):
    r = rapport_services.verksamhet.lagesrapport.build(date(2020, 3, 31))
    assert r.ekonomi == () and r.ekonomi_note == "Det finns ingen budget för 2020."
    with pytest.raises(ValidationError, match="periodens början ligger efter dess slut"):
        rapport_services.verksamhet.lagesrapport.build(date(2020, 3, 31), fran=date(2020, 4, 1))
