"""The årshjul services: the year from the template, the sammanträdesplan with its deadlines, moving,
statuses, undo helpers, imports, checks, the demo year."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from finsam_desktop.domain.arshjul.events import EventDef, Relative
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.plan import PlanEntry, parse_plan
from finsam_desktop.domain.arshjul.recurrence import Freq, Recurrence
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Member, MemberKind
from finsam_desktop.persistence.models import MeetingRow
from finsam_desktop.services.check import run_checks

SECTION_114 = """27 januari   Styrelsemöte
21 februari  Styrelsemöte, heldag gemensamt möte med strategigruppen
17 mars      Styrelsemöte, beslut om årsredovisningen, bjuda in ev. nya ledamöter
3 april      Konstituerande styrelsemöte
28 april     Styrelsemöte
26 maj       Styrelsemöte
29 augusti   Styrelsemöte, heldag , planering, verksamhetsplan och budget, gemensamt med strategigruppen
29 september Styrelsemöte
27 oktober   Styrelsemöte
24 november  Styrelsemöte, beslut om budget och verksamhetsplan
"""


@pytest.fixture
def with_members(services):
    for namn, kind in (
        ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
        ("Region Testland", MemberKind.REGION),
        ("Testby kommun", MemberKind.KOMMUN),
    ):
        services.forbund.save_member(Member(0, namn, kind))
    return services


def _of(view, template_key):
    ids = {e.id for e in view.events if e.template_key == template_key}
    return [o for o in view.occurrences if o.event_id in ids]


def test_sammantradesplan_creates_meetings_and_their_deadlines_in_one_step(services):
    result = services.arshjul.plan.create_sammantradesplan(2023, parse_plan(SECTION_114, 2023), plats="Kansliet")
    assert len(result.meeting_ids) == 10
    assert result.deadline_rules_created == 5
    with services.db.session() as s:
        rows = list(s.scalars(select(MeetingRow).order_by(MeetingRow.datum)))
    assert [r.status for r in rows] == ["planerat"] * 10
    assert rows[0].organ_id == 1 and rows[0].starttid == time(9) and rows[0].plats == "Kansliet"
    assert rows[3].typ == "konstituerande"
    assert rows[2].anteckning == "beslut om årsredovisningen, bjuda in ev. nya ledamöter"
    view = services.arshjul.view.year_view(2023)
    assert sum(1 for o in view.occurrences if o.meeting_id) == 10
    justering = _of(view, "justering")
    assert len(justering) == 10
    # Meeting 24/11 2023 → justering by 8/12 (Friday).
    assert justering[-1].date == date(2023, 12, 8)
    beredning = _of(view, "beredning")
    assert beredning[0].date == date(2023, 1, 13)  # 14 days before 27/1
    kallelse = _of(view, "kallelse")
    assert kallelse[-1].date == date(2023, 11, 17)  # the förbund's 7 days
    assert all(deadlines.is_working_day(o.date) for o in justering + beredning + kallelse)


def test_moving_a_meeting_moves_its_deadlines(services):
    result = services.arshjul.plan.create_sammantradesplan(2023, parse_plan(SECTION_114, 2023))
    march = result.meeting_ids[2]
    before = {
        o.title: o.date
        for o in services.arshjul.view.occurrences(2023, date(2023, 3, 1), date(2023, 4, 2))
        if o.meeting_id is None
    }
    # Each deadline names its meeting.
    assert before["Protokollet justeras senast (styrelsemöte 2023-03-17)"] == date(2023, 3, 31)
    old = services.arshjul.plan.move_meeting(march, date(2023, 3, 24))
    assert old == date(2023, 3, 17)
    view = services.arshjul.view.year_view(2023)
    beredning = [o for o in _of(view, "beredning") if o.key == f"m{march}"][0]
    justering = [o for o in _of(view, "justering") if o.key == f"m{march}"][0]
    # The limit is the Justering & anslag tab's (KL 5:69): 7/4, långfredagen, flagged as not a vardag.
    assert (beredning.date, justering.date) == (date(2023, 3, 10), date(2023, 4, 7))
    assert justering.title == "Protokollet justeras senast (styrelsemöte 2023-03-24)"
    assert justering.flag == "Långfredagen"
    assert justering.date == services.justering.status.deadlines(march).justering_senast
    with pytest.raises(ValidationError, match="redan ett sammanträde"):
        services.arshjul.plan.move_meeting(march, date(2023, 4, 28))


def test_a_bad_plan_saves_nothing(services):
    entries = [PlanEntry(date(2023, 1, 27)), PlanEntry(date(2024, 1, 26))]
    with pytest.raises(ValidationError, match="Rad 2.*ligger inte i 2023"):
        services.arshjul.plan.create_sammantradesplan(2023, entries)
    services.arshjul.plan.create_sammantradesplan(2023, [PlanEntry(date(2023, 1, 27))])
    with pytest.raises(ValidationError, match="redan sammanträde 2023-01-27"):
        services.arshjul.plan.create_sammantradesplan(2023, [PlanEntry(date(2023, 2, 3)), PlanEntry(date(2023, 1, 27))])
    view = services.arshjul.view.year_view(2023)
    assert [o.date for o in view.occurrences if o.meeting_id] == [date(2023, 1, 27)]


def test_create_year_from_template_then_next_year_from_this_years_dates(with_members):
    svc = with_members.arshjul
    first = svc.standard.create_year(2026)
    assert first.created > 25
    with pytest.raises(ValidationError, match="finns redan"):
        svc.standard.create_year(2026)
    view = svc.view.year_view(2026)
    assert len(_of(view, "ansvarsfrihet")) == 3  # one per member
    assert not _of(view, "delarsrapport")
    spring = _of(view, "medlemssamrad_var")[0]
    svc.events.move_occurrence(spring.event_id, spring.key, date(2026, 5, 20))
    own = svc.events.save_event(
        EventDef(0, 2026, "Kansliets planeringsmöte", "styrning", recurrence=Recurrence(Freq.MANAD, weekday=4, nth=-1))
    )
    svc.standard.set_condition("delarsrapport", True)
    second = svc.standard.create_year(2027)
    assert second.carried_over == 1
    nxt = svc.view.year_view(2027)
    assert _of(nxt, "delarsrapport")
    assert _of(nxt, "medlemssamrad_var")[0].date == date(2027, 5, 26)  # week 21, Wednesday, like 2026-05-20
    assert sum(1 for o in nxt.occurrences if o.title == own.title) == 12
    assert all(deadlines.is_working_day(o.date) for o in nxt.occurrences)


def test_status_move_and_undo_helpers(with_members):
    svc = with_members.arshjul
    svc.standard.create_year(2026)
    q = _of(svc.view.year_view(2026), "budgetuppfoljning")
    assert [o.date for o in q] == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 30)]
    previous = svc.events.set_status(q[0].event_id, q[0].key, Status.KLAR)
    assert previous.status is Status.PLANERAD
    moved_prev = svc.events.move_occurrence(q[1].event_id, q[1].key, date(2026, 7, 3))
    after = _of(svc.view.year_view(2026), "budgetuppfoljning")
    assert [(o.date, o.status) for o in after] == [
        (date(2026, 3, 31), Status.KLAR),
        (date(2026, 7, 3), Status.PLANERAD),
        (date(2026, 9, 30), Status.PLANERAD),
        (date(2026, 12, 30), Status.PLANERAD),
    ]
    svc.events.restore_override(previous)
    svc.events.restore_override(moved_prev)
    assert [(o.date, o.status) for o in _of(svc.view.year_view(2026), "budgetuppfoljning")] == [
        (o.date, o.status) for o in q
    ]
    with pytest.raises(ValidationError, match="ligger inte i 2026"):
        svc.events.move_occurrence(q[1].event_id, q[1].key, date(2027, 1, 4))
    done = svc.events.mark_passed_done(2026, date(2026, 6, 30))
    assert len(done) > 5
    assert all(
        o.status is Status.KLAR
        for o in svc.view.year_view(2026).occurrences
        if o.event_id and o.date <= date(2026, 6, 30)
    )
    svc.events.restore_overrides(done)
    assert all(o.status is Status.PLANERAD for o in svc.view.year_view(2026).occurrences if o.event_id)


def test_delete_refuses_anchors_and_restore_brings_back_overrides(with_members):
    svc = with_members.arshjul
    svc.standard.create_year(2026)
    view = svc.view.year_view(2026)
    arsred = next(e for e in view.events if e.template_key == "arsredovisning")
    with pytest.raises(ValidationError, match="räknas från den"):
        svc.events.delete_event(arsred.id)
    nns = next(e for e in view.events if e.template_key == "nns")
    svc.events.set_status(nns.id, "2026-12-02", Status.INSTALLD)
    snapshot = svc.events.delete_event(nns.id)
    assert not [e for e in svc.events.list_events(2026) if e.id == nns.id]
    svc.events.restore_event(snapshot)
    restored = [o for o in svc.view.year_view(2026).occurrences if o.event_id == nns.id]
    assert restored[0].status is Status.INSTALLD


def test_relative_event_validation_in_the_service(with_members):
    svc = with_members.arshjul
    svc.standard.create_year(2026)
    anchor = next(e for e in svc.events.list_events(2026) if e.template_key == "arsredovisning")
    revision = svc.events.save_event(
        EventDef(
            0,
            2026,
            "Revisionsmöte",
            "medlemmar",
            relative=Relative(anchor_event_id=anchor.id, offset=-2, unit="veckor"),
        )
    )
    occ = [o for o in svc.view.year_view(2026).occurrences if o.event_id == revision.id]
    assert occ[0].date == date(2026, 3, 17)
    svc.events.move_occurrence(anchor.id, "2026-03-31", date(2026, 3, 27))
    occ = [o for o in svc.view.year_view(2026).occurrences if o.event_id == revision.id]
    assert occ[0].date == date(2026, 3, 13)
    with pytest.raises(ValidationError, match="cirkel"):
        svc.events.save_event(
            EventDef(
                anchor.id, 2026, anchor.title, anchor.category, relative=Relative(anchor_event_id=revision.id, offset=1)
            )
        )
    assert svc.events.get_event(anchor.id).recurrence is not None  # nothing was saved


def test_meetings_created_elsewhere_show_as_events(services):
    with services.db.session() as s:
        s.add(
            MeetingRow(
                organ_id=2,
                datum=date(2026, 3, 6),
                starttid=time(13),
                typ="ordinarie",
                status="genomfort",
                anteckning="",
            )
        )
    (o,) = services.arshjul.view.year_view(2026).occurrences
    assert o.category == "beredning" and o.title == "Möte i Beredningsgruppen" and o.status is Status.KLAR


def test_import_calendar_and_check_findings(services):
    result = services.arshjul.imports.import_calendar(
        "datum;organ;typ;beskrivning\n2021-02-12;Förbundsstyrelse;Ordinarie;\n2021-08-22;Förbundsstyrelse;Ordinarie;\n"
    )
    assert result.imported == 2
    view = services.arshjul.view.year_view(2021)
    assert [o.flag for o in view.occurrences] == ["", "Söndag"]
    assert view.warnings == ("Förbundsstyrelse, ordinarie sammanträde: 2021-08-22 är söndag – inte en vardag",)
    with pytest.raises(ValidationError, match="Rad 2"):
        services.arshjul.imports.import_calendar("2021-02-12;Styrelse;Ordinarie\n2021-13-01;Styrelse;Ordinarie\n")
    assert len(services.arshjul.events.list_events(2021)) == 2
    assert [f for f in run_checks(services.db) if f.area == "Årshjul"] == []


def test_check_reports_an_override_for_a_meeting_that_is_gone(services):
    ids = services.arshjul.plan.create_sammantradesplan(
        2026,
        [
            PlanEntry(date(2026, 2, 20)),
            PlanEntry(date(2026, 4, 24)),
            PlanEntry(date(2026, 9, 25)),
            PlanEntry(date(2026, 11, 27)),
        ],
    )
    kallelse = next(e for e in services.arshjul.events.list_events(2026) if e.template_key == "kallelse")
    services.arshjul.events.set_status(kallelse.id, f"m{ids.meeting_ids[0]}", Status.KLAR)
    with services.db.session() as s:
        s.delete(s.get(MeetingRow, ids.meeting_ids[0]))
    findings = [str(f) for f in run_checks(services.db) if f.area == "Årshjul"]
    assert len(findings) == 1 and "inte längre finns" in findings[0]


def test_template_edit_is_validated_and_used(with_members):
    svc = with_members.arshjul
    text = svc.standard.template_text()
    with pytest.raises(ValidationError):
        svc.standard.save_template(text.replace('"kategori": "ekonomi"', '"kategori": "saknas"', 1))
    assert svc.standard.template_text() == text
    svc.standard.save_template(text.replace("Arvodenas grundbelopp indexeras", "Arvoden räknas upp"))
    svc.standard.create_year(2026)
    assert any(e.title == "Arvoden räknas upp" for e in svc.events.list_events(2026))
    svc.standard.reset_template()
    assert "Arvodenas grundbelopp indexeras" in svc.standard.template_text()


def test_demo_year_is_full(demo_services):
    view = demo_services.arshjul.view.year_view(2026)
    meetings = [o for o in view.occurrences if o.meeting_id and o.category == "styrelse"]
    assert len(meetings) >= 4
    for key in ("budget", "arsredovisning", "fk_besked", "ik_plan", "kallelse", "justering", "delarsrapport"):
        assert _of(view, key), key
    assert len(_of(view, "ansvarsfrihet")) == 6
    assert any(o.moved for o in view.occurrences)
    assert any(o.status is Status.INSTALLD for o in view.occurrences)
    assert {c.key for c in view.categories} == {o.category for o in view.occurrences}
    assert [f for f in run_checks(demo_services.db) if f.area == "Årshjul"] == []


def test_demo_module_creates_the_sammantradesplan_when_no_meetings_exist(with_members):
    from finsam_desktop.services.demo import arshjul as demo

    demo.build(with_members, 2027)
    view = with_members.arshjul.view.year_view(2027)
    meetings = [o for o in view.occurrences if o.meeting_id]
    assert len(meetings) == 10  # nine ordinary + the konstituerande after the 2026 election
    assert {o.date.month for o in meetings}.isdisjoint({6, 7, 12})
    assert all(deadlines.is_working_day(o.date) for o in meetings)
    assert len(_of(view, "justering")) == 10


def test_next_year_keeps_own_events_anchored_to_template_events(with_members):
    svc = with_members.arshjul
    svc.standard.create_year(2026)
    anchor = next(e for e in svc.events.list_events(2026) if e.template_key == "arsredovisning")
    svc.events.save_event(
        EventDef(
            0,
            2026,
            "Revisionsmöte",
            "medlemmar",
            relative=Relative(anchor_event_id=anchor.id, offset=-2, unit="veckor"),
        )
    )
    result = svc.standard.create_year(2027)
    assert result.carried_over == 1
    view = svc.view.year_view(2027)
    (meeting,) = [o for o in view.occurrences if o.title == "Revisionsmöte"]
    assert meeting.date == date(2027, 3, 17)  # two weeks before 31 March 2027
    new_anchor = next(e for e in view.events if e.template_key == "arsredovisning")
    assert next(e for e in view.events if e.title == "Revisionsmöte").relative.anchor_event_id == new_anchor.id


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
