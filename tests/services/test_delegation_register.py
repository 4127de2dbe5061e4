"""Delegationsordning and the register of delegationsbeslut: prisbasbelopp limits per year, the
right delegat, and anmälan on the next styrelse dagordning until the protocol is justerat."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from finsam_desktop.domain.attest.delegation import DecisionStatus, DelegationRow, Limit, LimitKind, kl638_warnings
from finsam_desktop.domain.attest.rules import KIND_DELEGATION
from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.organisation.model import Mandate, Person, Role
from finsam_desktop.persistence.models import AgendaItem, MeetingRow
from finsam_desktop.services.attest.dto import DecisionInput

UPPHANDLING = "Direktupphandling upp till ett prisbasbelopp per objekt"


@pytest.fixture
def ordning(services):
    fb = services.forbund
    chair = fb.save_person(Person(0, "Christina Nordenö"))
    vice = fb.save_person(Person(0, "Jonas Väst"))
    chef = fb.save_person(Person(0, "Jan Andersson"))
    fb.save_mandate(Mandate(0, chair.id, Role.ORDFORANDE, date(2019, 4, 1), None))
    fb.save_mandate(Mandate(0, vice.id, Role.VICE_ORDFORANDE, date(2019, 4, 1), None))
    fb.save_mandate(Mandate(0, chef.id, Role.FORBUNDSCHEF, date(2018, 1, 1), None))
    att = services.attest
    ids = {}
    for year in (2023, 2025):
        v = att.versions.create_version(
            KIND_DELEGATION, f"Delegationsordning {year}", date(year, 1, 1), date(year, 12, 31)
        )
        att.rows.save_delegation_row(v.id, DelegationRow(0, 0, "Deltagande i kurser och konferenser", Role.ORDFORANDE))
        row = att.rows.save_delegation_row(
            v.id,
            DelegationRow(
                0, 0, UPPHANDLING, Role.ORDFORANDE, Role.VICE_ORDFORANDE, Limit(LimitKind.PRISBASBELOPP, Decimal(1))
            ),
        )
        att.versions.adopt_version(v.id, adopted_text=f"Styrelsen {year - 1}-11-25 § 128")
        ids[year] = row.id
    return ids


def _decide(services, datum, belopp, row_id, who="Christina Nordenö", arende="Direktupphandling"):
    return services.attest.decisions.save_decision(
        DecisionInput(datum, who, row_id, arende, belopp, "Beslut enligt offert.", "2023/17")
    )


def test_direktupphandling_over_one_prisbasbelopp_is_flagged(services, ordning):
    d2023 = _decide(services, date(2023, 5, 10), Decimal(60000), ordning[2023])
    assert not d2023.check.ok
    assert d2023.check.limit_kr == Decimal("52500.00")
    assert any("60 000 kr överstiger delegationens gräns 52 500 kr" in w for w in d2023.check.warnings)

    d2025 = _decide(services, date(2025, 5, 10), Decimal(60000), ordning[2025])
    assert not d2025.check.ok and d2025.check.limit_kr == Decimal("58800.00")
    assert any("58 800 kr" in w for w in d2025.check.warnings)

    fine = _decide(services, date(2025, 5, 10), Decimal(50000), ordning[2025])
    assert fine.check.ok and fine.check.warnings == ()


def test_prisbasbelopp_table_is_editable(services, ordning):
    att = services.attest
    assert att.rows.prisbasbelopp()[2023] == Decimal("52500.00")
    decision = _decide(services, date(2023, 5, 10), Decimal(53000), ordning[2023])
    assert not decision.check.ok
    att.rows.set_prisbasbelopp(2023, Decimal(55000))  # as if the table had a wrong figure
    assert att.decisions.get_decision(decision.id).check.ok
    with pytest.raises(ValidationError):
        att.rows.set_prisbasbelopp(2023, Decimal(0))


def test_wrong_delegat_and_row_from_another_version(services, ordning):
    wrong = _decide(services, date(2023, 5, 10), Decimal(1000), ordning[2023], who="Jan Andersson")
    assert not wrong.check.ok
    assert any("Fel delegat" in w and "ordförande" in w for w in wrong.check.warnings)
    ers = _decide(services, date(2023, 5, 10), Decimal(1000), ordning[2023], who="Jonas Väst")
    assert ers.check.ok and ers.check.as_ersattare
    stale = _decide(services, date(2025, 2, 1), Decimal(1000), ordning[2023])
    assert any("ingår inte i den delegationsordning som gällde 2025-02-01" in w for w in stale.check.warnings)
    none = _decide(services, date(2024, 2, 1), Decimal(1000), ordning[2023])
    assert any("Ingen antagen delegationsordning gäller 2024-02-01" in w for w in none.check.warnings)


def test_kl_6_38_matters_are_refused_and_warned(services, ordning):
    att = services.attest
    draft = att.versions.copy_version(att.versions.version_for_year(KIND_DELEGATION, 2025).id)
    with pytest.raises(ValidationError, match="38 §"):
        att.rows.save_delegation_row(
            draft.id, DelegationRow(0, 0, "Fastställa budget", Role.ORDFORANDE), kl638_ticked=("mal",)
        )
    assert kl638_warnings("Yttrande till fullmäktige om förbundsordningen")
    assert kl638_warnings("Deltagande i kurser och konferenser") == []


def _meeting(services, datum, status="planerat", items=3):
    with services.db.session() as s:
        m = MeetingRow(organ_id=1, datum=datum, status=status)
        s.add(m)
        s.flush()
        for pos in range(1, items + 1):
            s.add(AgendaItem(meeting_id=m.id, position=pos, rubrik=f"Punkt {pos}", kind="beslut"))
        return m.id


def _set_status(services, meeting_id, status, numbers=True):
    if numbers:  # the § numbers are fixed before the protocol is locked
        with services.db.session() as s:
            items = s.scalars(
                select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
            )
            for i, item in enumerate(items):
                item.paragraph_number = 120 + i
    with services.db.session() as s:
        s.get(MeetingRow, meeting_id).status = status


def test_unreported_decisions_go_on_the_next_dagordning_and_become_anmalda(services, ordning):
    att = services.attest
    services.meetings.paragraphs.set_series_start(1, 2023, 120)  # the förbund started using the app mid-year at § 120
    a = _decide(services, date(2023, 3, 2), Decimal(12000), ordning[2023], arende="Kurs i offentlig upphandling")
    b = _decide(services, date(2023, 5, 10), Decimal(60000), ordning[2023])
    later = _decide(services, date(2023, 9, 1), Decimal(3000), ordning[2023], arende="Konferens i september")
    meeting = _meeting(services, date(2023, 6, 9))

    unreported = att.anmalan.unreported_decisions(date(2023, 6, 9))
    assert [d.id for d in unreported] == [a.id, b.id]

    item_id = att.anmalan.add_anmalan_item(meeting)
    with services.db.session() as s:
        item = s.get(AgendaItem, item_id)
        assert (item.rubrik, item.kind, item.position) == ("Anmälan av delegationsbeslut", "anmalan", 4)
    assert att.anmalan.add_anmalan_item(meeting) == item_id  # idempotent: no second item
    listed = att.anmalan.decisions_for_item(item_id)
    assert [d.id for d in listed] == [a.id, b.id]
    assert all(d.status is DecisionStatus.PA_DAGORDNING for d in listed)
    assert "Kurs i offentlig upphandling" in att.anmalan.anmalan_text(item_id)
    assert "60 000 kr" in att.anmalan.anmalan_text(item_id)
    pdf = att.anmalan.anmalan_bilaga_pdf(item_id)
    assert pdf.startswith(b"%PDF")
    bilagor = [b for b in services.meetings.bilagor.list_bilagor(meeting) if b.titel == "Anmälan av delegationsbeslut"]
    assert len(bilagor) == 1  # the list as a bilaga to the §, not duplicated by the second call
    with services.db.session() as s:
        item = s.get(AgendaItem, item_id)
        assert f"[[bilaga:{bilagor[0].id}]]" in item.text
        assert "Kurs i offentlig upphandling" in item.arendebeskrivning

    with pytest.raises(ValidationError, match="inte justerat"):
        att.anmalan.mark_reported_for_meeting(meeting)
    _set_status(services, meeting, "justerat")
    assert att.anmalan.mark_reported_for_meeting(meeting) == 2
    assert att.anmalan.mark_reported_for_meeting(meeting) == 0

    reported = att.decisions.get_decision(b.id)
    assert reported.status is DecisionStatus.ANMALT
    assert reported.status_text == "Anmält vid § 123 (Styrelsen 2023-06-09)"
    assert [d.id for d in att.anmalan.unreported_decisions(date(2023, 12, 31))] == [later.id]
    assert att.decisions.get_decision(later.id).status_text == "Ej anmält"

    with pytest.raises(ImmutableRecordError):
        att.decisions.save_decision(DecisionInput(b.datum, b.delegat_namn, b.row_id, "Ändrat", b.belopp, id=b.id))
    with pytest.raises(ImmutableRecordError):
        att.decisions.remove_decision(b.id)
    with services.db.engine.connect() as conn, pytest.raises(IntegrityError, match="Anmält delegationsbeslut"):
        conn.execute(text("UPDATE delegation_decision SET arende = 'x' WHERE id = :id"), {"id": b.id})

    # The next meeting picks up only what is left.
    nxt = _meeting(services, date(2023, 10, 20), items=0)
    second = att.anmalan.add_anmalan_item(nxt)
    assert [d.id for d in att.anmalan.decisions_for_item(second)] == [later.id]
    with services.db.session() as s:
        assert s.get(AgendaItem, second).position == 1


def test_nothing_to_report_adds_no_item(services, ordning):
    meeting = _meeting(services, date(2023, 6, 9))
    assert services.attest.anmalan.add_anmalan_item(meeting) is None
    with services.db.session() as s:
        assert s.scalar(select(AgendaItem).where(AgendaItem.kind == "anmalan")) is None


def test_decisions_that_need_no_anmalan_stay_off_the_dagordning(services, ordning):
    att = services.attest
    draft = att.versions.copy_version(
        att.versions.version_for_year(KIND_DELEGATION, 2025).id, valid_from=date(2026, 1, 1), valid_to=None
    )
    rep = att.rows.save_delegation_row(
        draft.id,
        DelegationRow(
            0, 0, "Representation", Role.ORDFORANDE, limit=Limit(LimitKind.KRONOR, Decimal(5000)), anmalas=False
        ),
    )
    att.versions.adopt_version(draft.id, adopted_text="Styrelsen 2025-11-21 § 140")
    d = _decide(services, date(2026, 2, 2), Decimal(1200), rep.id, arende="Blommor")
    assert d.status is DecisionStatus.ANMALS_EJ
    assert att.anmalan.unreported_decisions(date(2026, 12, 31)) == []
    over = _decide(services, date(2026, 2, 2), Decimal(6000), rep.id, arende="Middag")
    assert any("5 000 kr" in w for w in over.check.warnings)


def test_attachments_are_stored_in_the_file(services, ordning):
    att = services.attest
    d = _decide(services, date(2023, 5, 10), Decimal(10000), ordning[2023])
    a = att.decisions.add_attachment(d.id, "offert.pdf", b"%PDF-1.4 offert")
    assert att.decisions.get_decision(d.id).attachments[0].filnamn == "offert.pdf"
    assert att.decisions.attachment_data(a.id) == ("offert.pdf", b"%PDF-1.4 offert")
    snapshot, files = att.decisions.remove_decision(d.id)
    assert files == [("offert.pdf", "application/pdf", b"%PDF-1.4 offert")]
    restored = att.decisions.save_decision(snapshot)
    assert restored.id == d.id


def test_a_new_styrelse_meeting_gets_the_unreported_decisions_on_its_dagordning(services, ordning):
    first = _decide(services, date(2023, 5, 10), Decimal(60000), ordning[2023])
    summary = services.meetings.meetings.create_meeting(date(2023, 6, 9), plats="Kansliet")
    items = services.meetings.agenda.list_items(summary.id)
    rubriker = [i.rubrik for i in items]
    assert "Anmälan av delegationsbeslut" in rubriker
    # placed among the §§, before the closing standing items, and numbered like the others
    assert rubriker.index("Anmälan av delegationsbeslut") < rubriker.index("Sammanträdet avslutas")
    anmalan = next(i for i in items if i.rubrik == "Anmälan av delegationsbeslut")
    assert [d.id for d in services.attest.anmalan.decisions_for_item(anmalan.id)] == [first.id]
    assert summary.last_paragraph == max(i.number for i in items if i.number is not None)

    # a beredningsgrupp meeting does not get it, and nothing is left to report for the next styrelse
    services.meetings.meetings.create_meeting(date(2023, 6, 1), organ_id=2)
    later = services.meetings.meetings.create_meeting(date(2023, 8, 25))
    assert "Anmälan av delegationsbeslut" not in [i.rubrik for i in services.meetings.agenda.list_items(later.id)]


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
