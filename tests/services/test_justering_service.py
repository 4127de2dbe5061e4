import io
import sqlite3
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.models import AuditLog
from finsam_desktop.reports.common.pdfa import pdfa_problems
from finsam_desktop.reports.common.signing import create_pkcs12_identity, verify_pdf
from finsam_desktop.services.check import run_checks

TODAY = date(2026, 11, 22)


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def person(services, name, org=""):
    from finsam_desktop.domain.organisation.model import Person

    found = services.forbund.find_person(name)
    return found or services.forbund.save_person(Person(0, name, org))


def make_protocol(services, datum=date(2026, 9, 4), *, omedelbar=False, justerare="Peter Pettersson"):
    """A meeting with a protocol draft: officers, a decision with att-satser, a jäv note and a personnummer."""
    m = services.meetings
    meeting = m.meetings.create_meeting(datum, plats="Kommunhuset, rum 612")
    chair = person(services, "Christina Nordenö", "Region")
    sec = person(services, "Jan Andersson", "Kansliet")
    just = person(services, justerare, "Arbetsförmedlingen")
    jonas = person(services, "Jonas Väst", "Kommunen")
    for p in (chair, just, jonas):
        m.attendance.add_attendee(meeting.id, "ordinarie", person_id=p.id, organisation=p.organisation)
    m.meetings.set_officers(
        meeting.id, ordforande_person_id=chair.id, sekreterare_person_id=sec.id, justerare_person_ids=[just.id]
    )
    item = m.agenda.add_item(
        meeting.id,
        "Ansökan om medel för Arbetskonsulent från kommunen",
        "beslut",
        text="Ansökan gäller deltagare 19121212-1212 och andra. För komplett ansökan läs bilagan.",
    )
    m.paragraphs.add_clause(item.id, "Att bevilja medel med 709 000 kr för 2027.")
    m.paragraphs.add_clause(item.id, "Att betala ut hälften när avtal tecknats.")
    m.jav.set_jav(item.id, jonas.id, "deltog_inte_i_beslutet")
    extra = m.agenda.add_item(meeting.id, "Brådskande beslut om lokalhyra", "beslut", text="Hyresavtalet löper ut.")
    m.paragraphs.add_clause(extra.id, "Att förlänga hyresavtalet.")
    if omedelbar:
        m.agenda.update_item(extra.id, justeras_omedelbart=True)
    m.meetings.set_status(meeting.id, "protokoll_utkast")
    items = {i.rubrik: i for i in m.agenda.list_items(meeting.id)}
    return meeting.id, items


def raw(services):
    return sqlite3.connect(services.db.path)


def test_full_flow_records_each_transition_with_who_and_when(services):
    j = services.justering
    mid, items = make_protocol(services)
    row = j.workflow.mark_ready(mid, user="Jan Andersson")
    assert row.status == dj.KLART and row.next_action == "Registrera justering"
    item = items["Ansökan om medel för Arbetskonsulent från kommunen"]
    with pytest.raises(ImmutableRecordError):
        services.meetings.agenda.update_paragraph_text(item.id, "ändrad")  # locked for editing
    with pytest.raises(ValidationError, match="Skäl"):
        j.workflow.reopen(mid, "  ")
    j.workflow.reopen(mid, "Fel belopp i § 2", user="Jan Andersson")
    services.meetings.agenda.update_paragraph_text(item.id, "Rättad text, deltagare 19121212-1212.")
    j.workflow.mark_ready(mid, user="Jan Andersson")
    row = j.workflow.justera(mid, date(2026, 9, 14), user="Jan Andersson", today=TODAY)
    assert row.status == dj.JUSTERAT and row.justerare == "Peter Pettersson"
    assert row.justering_senast == date(2026, 9, 18)
    assert row.warnings == ("Anslaget skulle ha satts upp senast 2026-09-16.",)  # seen from 2026-11-22
    row = j.anslag.post_anslag(mid, date(2026, 9, 15), user="Jan Andersson", today=TODAY)
    assert row.sista_overklagandedag == date(2026, 10, 6) and row.tas_ned_tidigast == date(2026, 10, 7)
    with pytest.raises(ValidationError, match="för tidigt"):
        j.anslag.take_down(mid, date(2026, 10, 6), today=TODAY)
    row = j.anslag.take_down(mid, date(2026, 10, 7), user="Jan Andersson", today=TODAY)
    assert row.status == dj.NEDTAGET and row.nedtaget_datum == date(2026, 10, 7)
    events = j.status.events(mid)
    assert [(e.from_status, e.to_status) for e in events] == [
        ("protokoll_utkast", "klart_for_justering"),
        ("klart_for_justering", "protokoll_utkast"),
        ("protokoll_utkast", "klart_for_justering"),
        ("klart_for_justering", "justerat"),
        ("justerat", "anslaget"),
        ("anslaget", "anslag_nedtaget"),
    ]
    assert events[1].reason == "Fel belopp i § 2" and events[1].label == "Återöppnat för redigering"
    assert all(e.user == "Jan Andersson" and e.at is not None for e in events)
    assert events[3].datum == date(2026, 9, 14)
    with services.db.session() as s:
        actions = [a.action for a in s.scalars(select(AuditLog).where(AuditLog.action.like("Protokoll:%")))]
    assert "Protokoll: Justerat" in actions and "Protokoll: Återöppnat för redigering" in actions


def test_justering_requires_justerare_and_sane_dates(services):
    j = services.justering
    mid, _ = make_protocol(services)
    services.meetings.meetings.set_officers(mid, justerare_person_ids=[])
    j.workflow.mark_ready(mid)
    with pytest.raises(ValidationError, match="Justerare saknas"):
        j.workflow.justera(mid, date(2026, 9, 14), today=TODAY)
    j.workflow.reopen(mid, "justerare glömdes")
    services.meetings.meetings.set_officers(mid, justerare_person_ids=[person(services, "Peter Pettersson").id])
    j.workflow.mark_ready(mid)
    with pytest.raises(ValidationError, match="före sammanträdesdatum"):
        j.workflow.justera(mid, date(2026, 9, 1), today=TODAY)
    with pytest.raises(ValidationError, match="framtiden"):
        j.workflow.justera(mid, date(2026, 12, 1), today=TODAY)
    with pytest.raises(ValidationError, match="kräver status"):
        j.anslag.post_anslag(mid, date(2026, 9, 14), today=TODAY)
    late = j.workflow.justera(mid, date(2026, 9, 25), today=TODAY)
    assert any("efter fristen 2026-09-18" in w for w in late.warnings)
    assert "7 dagar efter fristen" in j.status.events(mid)[-1].reason


def test_deadline_warnings_and_urgency(services):
    j = services.justering
    mid, _ = make_protocol(services, date(2026, 11, 9))
    j.workflow.mark_ready(mid)
    assert j.status.get(mid, today=date(2026, 11, 20)).warnings == ("Justeras senast 2026-11-23 (3 dagar kvar).",)
    assert j.status.get(mid, today=date(2026, 11, 23)).urgency == "idag"
    over = j.status.get(mid, today=date(2026, 11, 25))
    assert over.urgency == "forsenad" and "2 dagar sedan" in over.warnings[0]
    j.workflow.justera(mid, date(2026, 11, 16), today=TODAY)
    assert j.status.get(mid, today=date(2026, 11, 18)).urgency == "idag"  # anslag due (justering + 2)
    assert j.status.get(mid, today=date(2026, 11, 19)).urgency == "forsenad"
    j.anslag.post_anslag(mid, date(2026, 11, 16), today=TODAY)
    # 2026-12-07 is the last appeal day; the notice may come down 2026-12-08.
    assert j.status.get(mid, today=date(2026, 12, 8)).urgency == "idag"
    assert j.status.get(mid, today=date(2026, 12, 7)).urgency == ""
    rows = j.status.overview(today=date(2026, 12, 8))
    assert rows[0].meeting_id == mid and rows[0].urgency == "idag"


def _justerat(services, **kw):
    mid, items = make_protocol(services, **kw)
    services.justering.workflow.mark_ready(mid)
    services.justering.workflow.justera(mid, date(2026, 9, 14), anslagsdatum=date(2026, 9, 14), today=TODAY)
    return mid, items


@pytest.mark.sqlite_only
def test_justerat_paragraph_cannot_change_through_service_or_sql(services):
    mid, items = _justerat(services)
    item = items["Ansökan om medel för Arbetskonsulent från kommunen"]
    with pytest.raises(ImmutableRecordError):
        services.meetings.agenda.update_item_rubrik(item.id, "Ny rubrik")
    with pytest.raises(ImmutableRecordError):
        services.justering.workflow.reopen(mid, "vill ändra")
    con = raw(services)
    for sql in (
        f"UPDATE agenda_item SET rubrik = 'x' WHERE id = {item.id}",
        f"UPDATE decision_clause SET text = 'Att avslå.' WHERE agenda_item_id = {item.id}",
        f"DELETE FROM jav_note WHERE agenda_item_id = {item.id}",
        f"UPDATE meeting SET status = 'protokoll_utkast' WHERE id = {mid}",  # would unlock everything
        f"UPDATE meeting SET plats = 'Annat rum' WHERE id = {mid}",
        f"DELETE FROM meeting WHERE id = {mid}",
        f"UPDATE protocol_justering SET content_sha256 = 'x' WHERE meeting_id = {mid}",
        f"UPDATE protocol_justering SET justeringsdatum = '2026-09-15' WHERE meeting_id = {mid}",
        "DELETE FROM justering_event",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="kan inte ändras"):
            con.execute(sql)
    # The forward flow is still allowed.
    con.execute(f"UPDATE meeting SET status = 'anslag_nedtaget' WHERE id = {mid}")
    con.rollback()
    con.close()


@pytest.mark.sqlite_only
def test_check_detects_raw_edit_with_triggers_dropped(services):
    mid, items = _justerat(services)
    assert not [f for f in run_checks(services.db) if f.area == "Justering"]
    con = raw(services)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    item = items["Ansökan om medel för Arbetskonsulent från kommunen"]
    con.execute(
        "UPDATE decision_clause SET text = 'Att bevilja medel med 907 000 kr för 2027.' "
        "WHERE agenda_item_id = ? AND text LIKE 'Att bevilja%'",
        (item.id,),
    )
    con.commit()
    con.close()
    findings = [f for f in run_checks(services.db) if f.area == "Justering"]
    assert len(findings) == 1
    assert "har ändrats efter justering" in findings[0].message and "att-sats" in findings[0].message
    check = services.justering.archive.verify_hashes(mid)[0]
    assert not check.ok and check.stored != check.current


def test_justerat_pdf_has_signatures_bevis_and_initial_boxes(services):
    mid, _ = _justerat(services)
    pdf = services.justering.archive.protocol_pdf(mid)
    text = pdf_text(pdf)
    for needle in (
        "Underskrifter",
        "Christina Nordenö Ordförande",
        "Jan Andersson Sekreterare",
        "Peter Pettersson Justerare",
        "Bevis/anslag",
        "Protokollet är justerat",
        "Justeringsdatum 2026-09-14",
        "Anslagsdatum 2026-09-14",
        "Sista dag för överklagande 2026-10-05",
        "Anslaget tas ned tidigast 2026-10-06",
        "Styrelsen beslutade",
        "Att bevilja medel med 709 000 kr för 2027.",
        "Jonas Väst deltog inte i beslutet.",
    ):
        assert needle in text, needle
    assert "UTKAST" not in text
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert "Justerandes signatur" in page.extract_text()
        assert "Sida" in page.extract_text()
    assert pdfa_problems(pdf) == []
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert doc.check_pdf_syntax() == []  # qpdf finds no structural problems
    assert services.justering.archive.protocol_pdf(mid) == pdf  # the archived file, not a re-render


def test_justerat_without_anslag_leaves_lines_to_fill_in(services):
    mid, _ = make_protocol(services)
    services.justering.workflow.mark_ready(mid)
    services.justering.workflow.justera(mid, date(2026, 9, 14), today=TODAY)
    text = pdf_text(services.justering.archive.protocol_pdf(mid))
    assert "Bevis/anslag" in text and "Justeringsdatum 2026-09-14" in text
    # Blank lines for the hand-written dates: each label is followed straight by the next cell's.
    assert "Anslagsdatum Förvaringsplats för protokollet" in text
    assert "Sista dag för överklagande Anslaget tas ned tidigast Enligt uppdrag (namnteckning)" in text


def test_anslag_pdf_from_service_uses_setting(services):
    mid, _ = _justerat(services)
    text = pdf_text(services.justering.anslag.anslag_pdf(mid))
    assert "Anslaget tas ned tidigast 2026-10-06" in text and "§ 1–10" in text
    services.justering.anslag.set_takedown_style("sista_overklagandedag")
    text = pdf_text(services.justering.anslag.anslag_pdf(mid))
    assert "Anslaget tas ned efter 2026-10-05" in text
    with pytest.raises(ValidationError):
        services.justering.anslag.set_takedown_style("fel")


def test_utdrag_and_register(services):
    mid, items = _justerat(services)
    number = items["Brådskande beslut om lokalhyra"].number
    pdf = services.justering.utdrag.utdrag_pdf(mid, [number], mottagare="Ådalens kommun", datum=date(2026, 9, 20))
    text = pdf_text(pdf)
    assert "Protokollsutdrag" in text and f"§ {number} Brådskande beslut om lokalhyra" in text
    assert "Utdrag bestyrkes" in text and "Jan Andersson" in text and "Datum 2026-09-20" in text
    assert "Att bevilja medel" not in text  # only the chosen §
    assert "Till Ådalens kommun" in text
    reg = services.justering.utdrag.list_utdrag(mid)
    assert [(r.paragrafer, r.mottagare, r.datum) for r in reg] == [(f"§ {number}", "Ådalens kommun", date(2026, 9, 20))]
    with pytest.raises(ValidationError, match="§ 99 finns inte"):
        services.justering.utdrag.utdrag_pdf(mid, [99])


def test_utdrag_refused_before_justering(services):
    mid, items = make_protocol(services)
    with pytest.raises(ValidationError, match="justerat protokoll"):
        services.justering.utdrag.utdrag_pdf(mid, [items["Brådskande beslut om lokalhyra"].number])


def test_publication_copy_redacts_and_is_marked(services):
    mid, items = _justerat(services)
    omit = items["Brådskande beslut om lokalhyra"].number
    pdf = services.justering.publication.publication_pdf(mid, dj.RedactionChoice(paragraphs=frozenset({omit})))
    text = pdf_text(pdf)
    assert "Publiceringsversion" in text
    assert "19121212-1212" not in text and "[personnummer maskerat]" in text
    assert "Jonas Väst deltog inte" not in text and "[maskerat] deltog inte i beslutet." in text
    assert "Brådskande beslut om lokalhyra" not in text and "publiceras inte i denna version" in text
    assert "Underskrifter" not in text and "Justerandes signatur" not in text
    assert "Christina Nordenö" in text  # förtroendevalda in their roles stay


@pytest.mark.sqlite_only
def test_omedelbar_justering_freezes_only_those_paragraphs(services):
    j = services.justering
    mid, items = make_protocol(services, omedelbar=True)
    urgent = items["Brådskande beslut om lokalhyra"]
    other = items["Ansökan om medel för Arbetskonsulent från kommunen"]
    with pytest.raises(ValidationError, match="inte markerad"):
        j.omedelbar.justera_omedelbart(mid, [other.number], date(2026, 9, 4), today=TODAY)
    row = j.omedelbar.justera_omedelbart(mid, [urgent.number], date(2026, 9, 4), today=TODAY)
    assert row.extract_id and row.status == dj.JUSTERAT and row.paragrafer == f"§ {urgent.number}"
    con = raw(services)
    with pytest.raises(sqlite3.IntegrityError, match="justerad omedelbart"):
        con.execute(f"UPDATE agenda_item SET text = 'x' WHERE id = {urgent.id}")
    with pytest.raises(sqlite3.IntegrityError, match="justerad omedelbart"):
        con.execute(f"DELETE FROM decision_clause WHERE agenda_item_id = {urgent.id}")
    con.close()
    services.meetings.agenda.update_paragraph_text(other.id, "Fortfarande ett utkast.")  # the rest stays editable
    j.omedelbar.post_anslag_omedelbart(row.extract_id, date(2026, 9, 4), today=TODAY)
    text = pdf_text(j.anslag.anslag_pdf(mid, extract_id=row.extract_id))
    assert "Tillkännagivande om justerat protokollsutdrag" in text and f"§ {urgent.number}" in text
    assert "2026-09-25" in text  # last appeal day
    pdf = j.utdrag.utdrag_pdf(
        mid, [urgent.number]
    )  # an extract of the omedelbart justerade § is possible before the rest
    assert "Brådskande beslut om lokalhyra" in pdf_text(pdf)
    assert any(r.extract_id == row.extract_id for r in j.status.overview(today=TODAY))
    extract_text = pdf_text(j.omedelbar.omedelbar_pdf(row.extract_id))
    assert (
        "Protokollsutdrag – justerat omedelbart" in extract_text
        and f"Protokollet omfattar § {urgent.number}" in extract_text
    )
    assert "Brådskande beslut om lokalhyra" in extract_text and "Ansökan om medel" not in extract_text
    assert "Underskrifter" in extract_text and "Peter Pettersson Justerare" in extract_text
    assert "Protokollsutdraget är justerat" in extract_text and "Anslagsdatum 2026-09-04" in extract_text
    assert all(c.ok for c in j.archive.verify_hashes(mid))


def test_correction_references_old_paragraph(services):
    j = services.justering
    old_mid, old_items = _justerat(services)
    old = old_items["Ansökan om medel för Arbetskonsulent från kommunen"]
    new_mid, _new_items = make_protocol(services, date(2026, 10, 9))
    new = services.meetings.agenda.add_item(
        new_mid, "Rättelse av beslut om Arbetskonsulent", "beslut", text="Beloppet i tidigare beslut var felskrivet."
    )
    with pytest.raises(ValidationError, match="inte justerad"):
        j.corrections.add_correction(old.id, new.id)
    ref = j.corrections.add_correction(new.id, old.id, "rätt belopp 790 000 kr")
    assert ref.corrects_label == f"§ {old.number}" and ref.corrects_meeting_label == "Styrelsen 2026-09-04"
    assert [c.id for c in j.corrections.corrections(old_mid)] == [ref.id]
    j.workflow.mark_ready(new_mid)
    j.workflow.justera(new_mid, date(2026, 10, 19), today=TODAY)
    text = pdf_text(j.archive.protocol_pdf(new_mid))
    assert f"Rättelse av beslut Styrelsen 2026-09-04 § {old.number} (rätt belopp 790 000 kr)." in text
    utdrag = pdf_text(j.utdrag.utdrag_pdf(old_mid, [old.number]))
    assert "Rättad genom beslut Styrelsen 2026-10-09" in utdrag


@pytest.mark.sqlite_only
def test_three_digital_signatures_stored_and_checked(services):
    mid, _ = _justerat(services)
    _, ca_cert, ca_key = create_pkcs12_identity("Test-CA", "x", ca=True)
    for name, role in (
        ("Peter Pettersson", "Justerare"),
        ("Christina Nordenö", "Ordförande"),
        ("Jan Andersson", "Sekreterare"),
    ):
        p12, _, _ = create_pkcs12_identity(name, "pw", issuer_key=ca_key, issuer_cert=ca_cert)
        signers = services.justering.archive.sign(mid, p12, "pw", role)
    assert signers == ["Peter Pettersson", "Christina Nordenö", "Jan Andersson"]
    signed = services.justering.archive.protocol_pdf(mid)
    report = verify_pdf(signed, trust_roots=[ca_cert])
    assert report.intact and all(s.trusted for s in report.signatures)
    assert services.justering.status.get(mid).signed
    assert not [f for f in run_checks(services.db) if f.area == "Justering"]
    con = raw(services)
    data = bytearray(signed)
    data[data.find(b"stream") + 30] ^= 1
    con.execute("UPDATE protocol_justering SET signed_pdf = ? WHERE meeting_id = ?", (bytes(data), mid))
    con.commit()
    con.close()
    assert any("verifieras inte" in f.message for f in run_checks(services.db))


@pytest.mark.sqlite_only
def test_check_flags_status_set_outside_the_workflow(services):
    mid, _ = make_protocol(services)
    con = raw(services)
    con.execute(f"UPDATE meeting SET status = 'justerat' WHERE id = {mid}")
    con.commit()
    con.close()
    findings = [f.message for f in run_checks(services.db) if f.area == "Justering"]
    assert any("ingen registrerad justering" in m for m in findings)


def test_justering_marks_delegationsbeslut_anmalda(services):
    from finsam_desktop.services.attest.dto import DecisionInput

    mid, _ = make_protocol(services)
    person(services, "Jan Andersson")
    decision = services.attest.decisions.save_decision(
        DecisionInput(date(2026, 8, 20), "Jan Andersson", None, "Avtal om lokalhyra")
    )
    item_id = services.attest.anmalan.add_anmalan_item(mid)
    assert item_id is not None
    services.justering.workflow.mark_ready(mid)
    services.justering.workflow.justera(mid, date(2026, 9, 14), today=TODAY)
    reported = services.attest.decisions.get_decision(decision.id)
    assert reported.status.value == "anmalt" and "(Styrelsen 2026-09-04)" in reported.status_text


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
