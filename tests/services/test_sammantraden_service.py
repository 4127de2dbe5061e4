from datetime import date

import pytest
from sqlalchemy import update

from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.sammantraden.kinds import ItemKind, MeetingStatus, UppdragStatus
from finsam_desktop.persistence.models import MeetingRow
from finsam_desktop.persistence.models.sammantraden import BILAGA_MAX_BYTES
from finsam_desktop.services.check import run_checks


@pytest.fixture
def m(services):
    return services.meetings


def _labels(items):
    return [(i.label, i.rubrik) for i in items]


def test_numbers_follow_insert_move_and_delete_across_meetings(m):
    a = m.meetings.create_meeting("2026-02-13", with_agenda=False)
    b = m.meetings.create_meeting("2026-03-20", with_agenda=False)
    x = m.agenda.add_item(a.id, "Första")
    y = m.agenda.add_item(a.id, "Andra")
    z = m.agenda.add_item(b.id, "Tredje")
    assert [i.number for i in m.agenda.list_items(b.id)] == [3]
    m.agenda.add_item(a.id, "Inskjuten", position=1)
    assert _labels(m.agenda.list_items(a.id)) == [("§ 1", "Inskjuten"), ("§ 2", "Första"), ("§ 3", "Andra")]
    assert m.agenda.get_item(z.id).number == 4
    m.agenda.move_item(y.id, 1)
    assert _labels(m.agenda.list_items(a.id))[0] == ("§ 1", "Andra")
    m.agenda.delete_item(x.id)
    assert m.agenda.get_item(z.id).number == 3
    assert [f for f in run_checks(m.db) if f.area == "Sammanträden"] == []


def test_a_new_year_starts_at_paragraph_one(m):
    m.meetings.create_meeting("2026-12-11")
    jan = m.meetings.create_meeting("2027-01-29")
    assert jan.first_paragraph == 1


def test_status_flow_and_locked_meeting_refuses_edits(m, services):
    mt = m.meetings.create_meeting("2026-05-29")
    with pytest.raises(ValidationError, match="justeringsflödet"):
        m.meetings.set_status(mt.id, MeetingStatus.JUSTERAT)
    m.meetings.set_status(mt.id, MeetingStatus.PROTOKOLL_UTKAST)
    item = m.agenda.list_items(mt.id)[0]
    with services.db.session() as s:
        s.execute(update(MeetingRow).where(MeetingRow.id == mt.id).values(status="klart_for_justering"))
    with pytest.raises(ImmutableRecordError, match="klart för justering"):
        m.agenda.update_paragraph_text(item.id, "ändrat")
    with pytest.raises(ImmutableRecordError):
        m.paragraphs.add_clause(item.id, "Att ändra sig")


def test_kallelse_sent_late_warns_and_moves_status(m):
    mt = m.meetings.create_meeting("2026-04-24")
    result = m.meetings.record_kallelse_sent(mt.id, "2026-04-20")
    assert result.meeting.status is MeetingStatus.KALLAT
    assert "för sent" in result.warning and "2026-04-17" in result.warning
    assert m.meetings.record_kallelse_sent(mt.id, date(2026, 4, 10)).warning is None


def test_bilaga_referenced_twice_keeps_one_number_and_tokens_follow_moves(m):
    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    first = m.agenda.add_item(mt.id, "Budget")
    second = m.agenda.add_item(mt.id, "Verksamhetsplan")
    plan = m.bilagor.add_bilaga(mt.id, "Plan", "plan.pdf", b"%PDF plan", item_id=second.id)
    budget = m.bilagor.add_bilaga(mt.id, "Budget", "budget.pdf", b"%PDF budget", item_id=first.id)
    m.bilagor.attach_bilaga(first.id, plan.id)
    m.agenda.update_paragraph_text(second.id, f"Se {m.bilagor.bilaga_token(plan.id)}.")
    items = m.agenda.list_items(mt.id)
    assert [i.bilaga_ref_text for i in items] == ["(Bilaga 1 och 2)", "(Bilaga 2)"]
    m.agenda.move_item(second.id, 1)
    items = m.agenda.list_items(mt.id)
    assert [i.bilaga_ref_text for i in items] == ["(Bilaga 1)", "(Bilaga 1 och 2)"]
    doc = m.documents.protocol_document(mt.id)
    assert doc.paragraphs[0].text == "Se bilaga 1."
    assert m.bilagor.bilaga_bytes(budget.id) == ("budget.pdf", b"%PDF budget")


def test_bilaga_size_limit_has_a_swedish_message(m):
    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    with pytest.raises(ValidationError, match="högst 25 MB"):
        m.bilagor.add_bilaga(mt.id, "Stor", "stor.pdf", b"0" * (BILAGA_MAX_BYTES + 1))
    assert m.bilagor.list_bilagor(mt.id) == []


def test_previous_protocol_is_bilaga_1_and_uppdrag_appear_on_the_next_dagordning(m):
    first = m.meetings.create_meeting("2026-01-30")
    item = m.agenda.add_item(first.id, "Resor", ItemKind.BESLUT)
    clause = m.paragraphs.add_clause(item.id, "att uppdra åt förbundschefen att utreda resor")
    assert clause.text.startswith("Att uppdra")
    u = m.uppdrag.add_uppdrag("Utreda resor", ansvarig="Förbundschefen", clause_id=clause.id, deadline="2026-02-27")
    assert u.source == f"Styrelsen 2026-01-30 {m.agenda.get_item(item.id).label}"
    second = m.meetings.get_meeting(m.meetings.create_meeting("2026-02-27").id)
    rubriker = [i.rubrik for i in second.items]
    assert "Föregående protokoll 260130" in rubriker
    follow = next(i for i in second.items if i.rubrik == "Uppföljning av uppdrag")
    assert "Utreda resor" in follow.text
    prev = next(i for i in second.items if i.standard == "foregaende_protokoll")
    assert prev.bilaga_numbers == (1,)
    name, data = m.bilagor.bilaga_bytes(prev.bilaga_ids[0])
    assert name == "protokoll-2026-01-30.pdf" and data.startswith(b"%PDF")
    m.uppdrag.update_uppdrag(u.id, status=UppdragStatus.KLART)
    assert m.uppdrag.list_uppdrag() == []


def test_minnesanteckningar_have_no_paragraph_numbers(m):
    organ = next(o for o in m.meetings.list_organs() if not o.numbered)
    mt = m.meetings.create_meeting("2026-03-03", organ_id=organ.id)
    items = m.agenda.list_items(mt.id)
    assert all(i.number is None for i in items) and items[0].label == "1."
    doc = m.documents.protocol_document(mt.id)
    assert doc.heading.startswith("Minnesanteckningar") and doc.range_line == ""


def test_strike_requires_a_reason_and_keeps_number(m):
    mt = m.meetings.create_meeting("2026-09-25", with_agenda=False)
    a = m.agenda.add_item(mt.id, "A")
    b = m.agenda.add_item(mt.id, "B")
    with pytest.raises(ValidationError, match="varför"):
        m.agenda.strike_item(a.id, " ")
    struck = m.agenda.strike_item(a.id, "Underlaget saknas.")
    assert struck.utgar and struck.number == 1 and m.agenda.get_item(b.id).number == 2


def test_find_meeting_by_id_or_unique_date(m):
    a = m.meetings.create_meeting("2026-10-23", with_agenda=False)
    assert m.meetings.find_meeting("2026-10-23").id == a.id
    assert m.meetings.find_meeting("261023").id == a.id
    m.meetings.create_meeting("2026-10-23", with_agenda=False, organ_id=2)
    with pytest.raises(ValidationError, match="ange id"):
        m.meetings.find_meeting("2026-10-23")


def test_demo_year_has_protocols_and_search(demo_services):
    m = demo_services.meetings
    styrelse = [x for x in m.meetings.list_meetings(year=2026) if x.organ_namn == "Styrelsen"]
    assert len(styrelse) >= 8
    past = [x for x in styrelse if x.datum < date(2026, 11, 22)]
    assert all(x.status is not MeetingStatus.PLANERAT for x in past)
    assert styrelse[0].first_paragraph == 1
    hits = m.search.search("ansökan")
    assert hits and all(h.datum.year == 2026 for h in hits)
    assert [f for f in run_checks(demo_services.db) if f.area == "Sammanträden"] == []


def test_deleted_item_can_be_restored_for_undo(m):
    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    a = m.agenda.add_item(mt.id, "A")
    b = m.agenda.add_item(mt.id, "Ansökan B", text="Text B", forslag_till_beslut="att bevilja")
    m.bilagor.add_bilaga(mt.id, "Ansökan", "a.pdf", b"%PDF", item_id=b.id)
    m.paragraphs.add_clause(b.id, "Att bevilja medel.")
    part = m.paragraphs.add_part(b.id, "Delfråga", "Om lokaler")
    m.paragraphs.add_clause(b.id, "Att hyra lokal.", part_id=part.id)
    snapshot = m.agenda.get_item(b.id)
    m.agenda.delete_item(b.id)
    assert [i.rubrik for i in m.agenda.list_items(mt.id)] == ["A"]
    restored = m.agenda.restore_item(mt.id, snapshot)
    assert (restored.label, restored.text, restored.bilaga_ref_text) == ("§ 2", "Text B", "(Bilaga 1)")
    assert [c.text for c in restored.all_clauses] == ["Att hyra lokal.", "Att bevilja medel."]
    assert m.agenda.get_item(a.id).number == 1


def test_undo_of_a_removed_item_brings_back_the_same_ids_uppdrag_and_search(m, services):
    mt = m.meetings.create_meeting("2026-09-18", with_agenda=False)
    a = m.agenda.add_item(mt.id, "Föregående protokoll")
    b = m.agenda.add_item(mt.id, "Ansökan Jobbverkstan", text="Ansökan om medel för Jobbverkstan i Norrvik.")
    c = m.agenda.add_item(mt.id, "Information från förbundschefen")
    later = m.meetings.create_meeting("2026-10-23", with_agenda=False)
    d = m.agenda.add_item(later.id, "Uppföljning")
    numbers_before = {i.id: i.number for i in [*m.agenda.list_items(mt.id), *m.agenda.list_items(later.id)]}
    bilaga = m.bilagor.add_bilaga(mt.id, "Ansökan", "ansokan.pdf", b"%PDF-1.4", item_id=b.id)
    c1 = m.paragraphs.add_clause(b.id, "Att bevilja 250 000 kr.")
    c2 = m.paragraphs.add_clause(b.id, "Att uppdra åt förbundschefen att följa upp insatsen.")
    part = m.paragraphs.add_part(b.id, "Lokalfrågan", "Om lokaler")
    c3 = m.paragraphs.add_clause(b.id, "Att hyra lokal.", part_id=part.id)
    jonas = m.attendance.add_attendee(mt.id, "ordinarie", namn="Jonas Väst", organisation="Norrviks kommun")
    jav = m.jav.set_jav(b.id, jonas.person_id, "deltog_inte_i_beslutet")
    upp = m.uppdrag.add_uppdrag(
        "Följ upp Jobbverkstan", ansvarig="Helena Marklund", deadline=date(2027, 3, 1), item_id=b.id, clause_id=c2.id
    )
    m.attendance.update_attendee(jonas.id, from_item_id=b.id)
    before = m.agenda.get_item(b.id)
    assert [h.item_id for h in m.search.search("Jobbverkstan")] == [b.id]

    deleted = m.agenda.delete_item(b.id)

    assert deleted.id == b.id and [u.id for u in deleted.uppdrag] == [upp.id]
    assert [i.id for i in m.agenda.list_items(mt.id)] == [a.id, c.id]
    assert m.agenda.get_item(d.id).number == numbers_before[d.id] - 1
    assert upp.id not in [u.id for u in m.uppdrag.list_uppdrag()]
    assert m.search.search("Jobbverkstan") == []
    assert m.bilagor.list_bilagor(mt.id)[0].referenced_by == ()

    restored = m.agenda.restore_item(mt.id, deleted)

    assert restored.id == b.id
    assert [i.id for i in m.agenda.list_items(mt.id)] == [a.id, b.id, c.id]
    after = {i.id: i.number for i in [*m.agenda.list_items(mt.id), *m.agenda.list_items(later.id)]}
    assert after == numbers_before
    assert [x.id for x in restored.clauses] == [c1.id, c2.id]
    assert [(p.id, [x.id for x in p.clauses]) for p in restored.parts] == [(part.id, [c3.id])]
    assert [(j.id, j.sentence) for j in restored.jav] == [(jav.id, "Jonas Väst deltog inte i beslutet.")]
    assert (restored.bilaga_ids, restored.bilaga_ref_text) == ((bilaga.id,), "(Bilaga 1)")
    assert restored.clauses[1].uppdrag_id == upp.id
    back = next(u for u in m.uppdrag.list_uppdrag() if u.id == upp.id)
    assert (back.item_id, back.clause_id, back.deadline) == (b.id, c2.id, date(2027, 3, 1))
    assert back.source.endswith(before.label)
    assert next(x for x in m.meetings.get_meeting(mt.id).attendance if x.id == jonas.id).from_item_id == b.id
    assert [h.item_id for h in m.search.search("Jobbverkstan")] == [b.id]
    assert restored == before
    assert [f for f in run_checks(m.db) if f.area == "Sammanträden"] == []


def test_restoring_a_removed_item_is_refused_when_the_meeting_is_locked(m, services):
    mt = m.meetings.create_meeting("2026-09-18", with_agenda=False)
    m.agenda.add_item(mt.id, "A")
    b = m.agenda.add_item(mt.id, "B")
    deleted = m.agenda.delete_item(b.id)
    with services.db.session() as s:
        s.execute(update(MeetingRow).where(MeetingRow.id == mt.id).values(status="klart_for_justering"))
    with pytest.raises(ImmutableRecordError):
        m.agenda.restore_item(mt.id, deleted)
    assert [i.rubrik for i in m.agenda.list_items(mt.id)] == ["A"]


def test_autosaved_text_survives_reopening(workspace, tmp_path):
    from finsam_desktop.services.workspace import open_workspace

    m = workspace.services.meetings
    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    item = m.agenda.add_item(mt.id, "Information")
    m.agenda.update_paragraph_text(item.id, "Halvskriven men sparad")
    path = workspace.path
    workspace.close()
    again = open_workspace(path, read_only=True)
    try:
        assert again.services.meetings.agenda.get_item(item.id).text == "Halvskriven men sparad"
    finally:
        again.close()


def test_vote_reservation_and_justeras_omedelbart_reach_the_protocol(m, services):
    from finsam_desktop.domain.organisation.model import Person
    from finsam_desktop.domain.sammantraden.kinds import Rost

    p1 = services.forbund.save_person(Person(0, "Anna Ja"))
    p2 = services.forbund.save_person(Person(0, "Bo Nej"))
    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    item = m.agenda.add_item(mt.id, "Lokalbeslut")
    m.paragraphs.add_clause(item.id, "Att hyra lokalen.")
    vote = m.votes.set_vote(item.id, "förslaget att hyra lokalen", votes={p1.id: Rost.JA, p2.id: "nej"})
    assert (vote.ja, vote.nej, vote.avstar) == (1, 1, 0)
    m.votes.add_reservation(item.id, p2.id, "Lokalen är för dyr.")
    m.agenda.update_item(item.id, justeras_omedelbart=True)
    para = m.documents.protocol_document(mt.id).paragraphs[0]
    assert "1 ja, 1 nej, 0 avstår" in para.vote and "Nej: Bo Nej" in para.vote
    assert para.reservations == ("Bo Nej reserverar sig mot beslutet: Lokalen är för dyr.",)
    assert para.justeras_omedelbart
    with pytest.raises(ValidationError, match="sluten"):
        m.votes.set_vote(item.id, "x", votes={p1.id: Rost.JA}, sluten=True)


def test_check_finds_a_gap_in_the_series(m, services):
    from finsam_desktop.persistence.models import AgendaItem

    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    m.agenda.add_item(mt.id, "A")
    b = m.agenda.add_item(mt.id, "B")
    with services.db.session() as s:
        s.execute(update(AgendaItem).where(AgendaItem.id == b.id).values(paragraph_number=5))
    findings = [f.message for f in run_checks(services.db) if f.area == "Sammanträden"]
    assert any("luckor" in f and "§ 2" in f for f in findings)


def test_attendance_prefilled_from_mandates_on_the_meeting_date(demo_services):
    m = demo_services.meetings
    mt = m.meetings.create_meeting("2026-12-18")
    attendance = m.attendance.list_attendance(mt.id)
    roles = {a.namn: (a.roll.value, a.organisation) for a in attendance}
    assert roles["Eva Forsberg"] == ("ordinarie", "Ådalens kommun")
    assert roles["Sara Åkesson"] == ("ersattare", "Norrviks kommun")
    assert roles["Helena Marklund"] == ("ovrig", "Förbundschef/sekreterare")
    assert "Gunnar Palm" not in roles  # his mandate ended before this date
    detail = m.meetings.get_meeting(mt.id)
    assert detail.quorum.beslutfor and detail.quorum.seats == 6
    olof = next(a for a in attendance if a.namn == "Olof Strand")
    eva = next(a for a in attendance if a.namn == "Eva Forsberg")
    hedlund = next(a for a in attendance if a.namn == "Mikael Hedlund")
    berglund = next(a for a in attendance if a.namn == "Anna Berglund")
    m.attendance.update_attendee(olof.id, ersatter_person_id=eva.person_id)
    for absent in (hedlund, berglund, next(a for a in attendance if a.namn == "Karin Lindqvist")):
        m.attendance.update_attendee(absent.id, narvarande=False)
    q = m.attendance.quorum(mt.id)
    assert (q.voting_present, q.beslutfor) == (3, False)
    assert "Inte beslutför" in m.meetings.get_meeting(mt.id).warnings[0]


def test_keyboard_moves_up_and_down_stay_inside_the_list(m):
    mt = m.meetings.create_meeting("2026-06-12", with_agenda=False)
    a, _b, c = (m.agenda.add_item(mt.id, r) for r in "ABC")
    assert [i.rubrik for i in m.agenda.move_item_up(c.id)] == ["A", "C", "B"]
    assert [i.rubrik for i in m.agenda.move_item_down(a.id)] == ["C", "A", "B"]
    assert [i.rubrik for i in m.agenda.move_item_up(c.id)] == ["C", "A", "B"]
    assert [i.number for i in m.agenda.list_items(mt.id)] == [1, 2, 3]


def test_exactly_half_present_is_beslutfor_only_under_minst_halften(demo_services):
    m = demo_services.meetings
    mt = m.meetings.create_meeting("2026-12-18")
    beslut = m.agenda.add_item(mt.id, "Verksamhetsplan 2027", typ=ItemKind.BESLUT)
    attendance = m.attendance.list_attendance(mt.id)
    for namn in ("Mikael Hedlund", "Anna Berglund", "Karin Lindqvist"):
        m.attendance.update_attendee(next(a for a in attendance if a.namn == namn).id, narvarande=False)
    q = m.attendance.quorum(mt.id)
    assert (q.seats, q.voting_present, q.needed, q.beslutfor) == (6, 3, 4, False)
    assert any("Inte beslutför: 3 av 6" in w for w in m.meetings.get_meeting(mt.id).warnings)
    assert not m.attendance.quorum(mt.id, beslut.id).beslutfor

    demo_services.forbund.set_beslutforhet("minst_halften")
    q = m.attendance.quorum(mt.id)
    assert (q.voting_present, q.needed, q.beslutfor) == (3, 3, True)
    assert m.attendance.quorum(mt.id, beslut.id).beslutfor
    assert not any("beslutför" in w.lower() for w in m.meetings.get_meeting(mt.id).warnings)
    # jäv takes one more away from this §: then even "minst hälften" is not met.
    eva = next(a for a in attendance if a.namn == "Eva Forsberg")
    m.jav.set_jav(beslut.id, eva.person_id, "anmalde_jav")
    q = m.attendance.quorum(mt.id, beslut.id)
    assert (q.voting_present, q.beslutfor) == (2, False)
    assert "minst hälften (3) krävs enligt förbundsordningen" in q.message


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
