"""The standard year, building a year, the seed 000 calendar (F6), the § 114 plan (F8), wheel geometry."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from finsam_desktop.domain.arshjul.events import EventDef
from finsam_desktop.domain.arshjul.occurrences import MeetingInfo, expand_year
from finsam_desktop.domain.arshjul.plan import parse_plan
from finsam_desktop.domain.arshjul.template import build_year, parse_calendar_csv, parse_template
from finsam_desktop.domain.arshjul.wheel import (
    WheelGeometry,
    _overlaps,
    angle_to_date,
    bands,
    layout_marks,
    mark_at,
    polar,
)
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Member, MemberKind
from finsam_desktop.paths import resources_dir

MEMBERS = [
    Member(1, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
    Member(2, "Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN),
    Member(3, "Region Mellanland", MemberKind.REGION),
    Member(4, "Ådalens kommun", MemberKind.KOMMUN, 44),
]

F6 = """datum;organ;typ;beskrivning
2021-01-22;Styrelse+Beredningsgrupp;Planerings-/teambildningsdag;Genomgång förslag årsredovisning 2020
2021-01-29;Beredningsgrupp;Ordinarie;
2021-02-12;Förbundsstyrelse;Ordinarie;
2021-03-26;Beredningsgrupp;Ordinarie;Utkast årsrapport 2020 klar för justering
2021-04-09;Förbundsstyrelse;Ordinarie;Godkännande årsrapport 2020
2021-05-07;Beredningsgrupp;Ordinarie;
2021-05-07;Medlemmar (ordf+förbundschef);Medlemssamråd;Efter revision/ansvarsfrihet
2021-06-11;Styrelse+Beredningsgrupp;Utvärdering;Utvärdering av resultat 2020
2021-08-13;Beredningsgrupp;Ordinarie;Halvårsrapport 2021 presenteras
2021-08-27;Styrelse+Beredningsgrupp;Uppstart budget/VP;Inför budget och VP 2022
2021-09-24;Förbundsstyrelse;Ordinarie;Halvårsrapport 2021
2021-10-08;Beredningsgrupp;Ordinarie;Sista möte vp/budget
2021-11-12;Beredningsgrupp;Ordinarie;Slutligt förslag VP/budget klart
2021-11-26;Förbundsstyrelse;Ordinarie;Beslut budget och VP 2022
2021-11-30;–;Deadline;Budget och VP beslutad (enligt dokumentet)
2021-12-10;Styrelse+Beredningsgrupp+Medlemmar;Medlemssamråd + avsluts-/uppstartsmöte;Information om VP
"""

SECTION_114 = """2023 års sammanträden förläggs till följande dagar kl. 09.00 -12.00
27 januari   Styrelsemöte
21 februari  Styrelsemöte, heldag gemensamt möte med strategigruppen
17 mars      Styrelsemöte, beslut om årsredovisningen, bjuda in ev. nya ledamöter
3 april      Konstituerande styrelsemöte
28 april     Styrelsemöte
26 maj       Styrelsemöte
29 augusti   Styrelsemöte, heldag , planering, verksamhetsplan och budget, gemensamt med strategigruppen
29 september Styrelsemöte
27 oktober   Styrelsemöte
24 november  Styrelsemöte, beslut om budget och verksamhetsplan
2023-2025
"""


@pytest.fixture(scope="module")
def template():
    return parse_template((resources_dir() / "arshjul" / "standardar.json").read_text(encoding="utf-8"))


def _with_ids(drafts) -> list[EventDef]:
    ids = {d.ref: i for i, d in enumerate(drafts, start=1)}
    out = []
    for d in drafts:
        e = replace(d.event, id=ids[d.ref])
        if d.anchor_ref:
            e = replace(e, relative=replace(e.relative, anchor_event_id=ids[d.anchor_ref]))
        out.append(e)
    return out


def test_standard_template_covers_the_statutory_cycle(template):
    keys = {i.key for i in template.items}
    for key in (
        "budget",
        "arsredovisning",
        "revisionsberattelse",
        "ansvarsfrihet",
        "medlemssamrad_var",
        "medlemssamrad_host",
        "delarsrapport",
        "fk_besked",
        "budgetuppfoljning",
        "ik_plan",
        "riskanalys",
        "stickprov",
        "attestordning",
        "delegationsordning",
        "signaturlista",
        "sammantradesplan",
        "arvoden",
        "indikatorenkat",
        "nns",
        "finsamkonferens",
        "beredning",
        "kallelse",
        "justering",
        "anslag",
        "nedtagning",
    ):
        assert key in keys, key
    assert template.item("ansvarsfrihet").per_member
    assert template.item("fk_besked").recurrence.week == 47


def test_template_to_next_year_every_date_a_working_day(template):
    drafts = build_year(template, 2027, MEMBERS)
    events = _with_ids(drafts)
    meetings = [
        MeetingInfo(i, 1, "Styrelsen", "styrelse", d)
        for i, d in enumerate(
            [date(2027, 1, 29), date(2027, 3, 19), date(2027, 4, 23), date(2027, 9, 24), date(2027, 11, 26)], start=1
        )
    ]
    occurrences = expand_year(2027, events, [], meetings)
    generated = [o for o in occurrences if o.meeting_id is None]
    assert len(generated) > 50
    # Planned dates are moved off weekends and holidays; the statutory justering and anslag limits are the
    # Justering & anslag tab's calendar-day limits (KL 5:69, 8:12) and are flagged when they are not a vardag.
    statutory = ("Protokollet justeras senast", "Justeringen anslås på anslagstavlan senast", "Anslaget tas ned")
    not_working = [
        (o.title, o.date)
        for o in generated
        if not deadlines.is_working_day(o.date) and not (o.title.startswith(statutory) and o.flag)
    ]
    assert not_working == []
    titles = Counter(o.title.split(":")[0] for o in generated)
    assert titles["Ansvarsfrihet 2026"] == len(MEMBERS)  # one per member
    assert "Delårsrapport januari–juni 2027 till styrelsen och revisorerna" not in titles  # condition not set
    budget = next(o for o in generated if o.title.startswith("Budget och verksamhetsplan 2028"))
    assert budget.date == date(2027, 11, 30)
    assert next(o for o in generated if "vecka 47" in o.title).date == date(2027, 11, 22)
    assert sum(1 for o in generated if o.title.startswith("Kallelse med handlingar skickas (")) == len(meetings)


def test_conditions_and_the_previous_years_dates(template):
    previous = {("medlemssamrad_var", None): [date(2026, 5, 7)], ("nns", None): [date(2026, 12, 2)]}
    drafts = build_year(template, 2027, MEMBERS, previous_dates=previous, conditions={"delarsrapport"})
    by_key = {d.event.template_key: d.event for d in drafts}
    assert "delarsrapport" in by_key
    assert by_key["medlemssamrad_var"].start == date(2027, 5, 13)  # same week and weekday
    # 2026-12-02 is the Wednesday of week 49; so is 2027-12-08.
    assert by_key["nns"].start == date(2027, 12, 8)
    # An item that moved onto a holiday is moved to the working day before.
    drafts = build_year(template, 2027, MEMBERS, previous_dates={("medlemssamrad_var", None): [date(2026, 5, 6)]})
    assert {d.event.template_key: d.event for d in drafts}["medlemssamrad_var"].start == date(2027, 5, 12)


def test_a_broken_template_is_refused_with_the_item_named(template):
    data = json.loads((resources_dir() / "arshjul" / "standardar.json").read_text(encoding="utf-8"))
    data["handelser"][3]["kategori"] = "okand"
    with pytest.raises(ValidationError, match="Händelse 4.*okänd kategori"):
        parse_template(data)
    data = json.loads((resources_dir() / "arshjul" / "standardar.json").read_text(encoding="utf-8"))
    data["handelser"].append({"nyckel": "x", "rubrik": "X", "kategori": "ekonomi", "relativ": {"ankare": "saknas"}})
    with pytest.raises(ValidationError, match="saknas"):
        parse_template(data)
    with pytest.raises(ValidationError, match="giltig JSON"):
        parse_template("{inte json")


def test_seed_000_calendar_f6_entered_with_its_stray_sunday_flagged():
    events = parse_calendar_csv(F6 + "2021-08-22;Förbundsstyrelse;Ordinarie;Datum ur löptexten\n")
    occurrences = expand_year(2021, [replace(e, id=i) for i, e in enumerate(events, start=1)])
    assert len(occurrences) == 17
    counts = Counter(o.category for o in occurrences)
    ordinarie_styrelse = [o for o in occurrences if o.title == "Förbundsstyrelse, ordinarie sammanträde"]
    ordinarie_beredning = [o for o in occurrences if o.title == "Beredningsgrupp, ordinarie sammanträde"]
    assert len(ordinarie_styrelse) == 5  # the document's four + the stray 22/8
    assert len(ordinarie_beredning) == 6
    assert counts["medlemmar"] == 2  # medlemssamråd 1 and 2
    assert counts["beredning"] == 6 and counts["styrelse"] == 5 + 3  # + the joint days 22/1, 11/6, 27/8
    flagged = [(o.date, o.flag) for o in occurrences if o.flag]
    assert flagged == [(date(2021, 8, 22), "Söndag")]
    # Every meeting date of the document is a Friday (the 30/11 deadline is a Tuesday).
    assert all(o.date.weekday() == 4 for o in occurrences if o.date not in (date(2021, 8, 22), date(2021, 11, 30)))
    # Three of four beredning → styrelse pairs are 14 days apart.
    pairs = [
        (date(2021, 1, 29), date(2021, 2, 12)),
        (date(2021, 3, 26), date(2021, 4, 9)),
        (date(2021, 8, 13), date(2021, 9, 24)),
        (date(2021, 11, 12), date(2021, 11, 26)),
    ]
    assert [(b - a).days for a, b in pairs].count(14) == 3


def test_a_bad_calendar_row_names_the_row_and_imports_nothing():
    with pytest.raises(ValidationError, match="Rad 3"):
        parse_calendar_csv("datum;organ;typ\n2021-01-22;Styrelse;Ordinarie\n2021-02-30;Styrelse;Ordinarie\n")


def test_section_114_plan_f8():
    entries = parse_plan(SECTION_114, 2023)
    assert len(entries) == 10
    weekdays = Counter(e.datum.strftime("%a") for e in entries)
    assert weekdays == {"Fri": 7, "Tue": 2, "Mon": 1}
    assert {m for m in range(1, 13)} - {e.datum.month for e in entries} == {6, 7, 12}
    assert entries[-1].datum.isocalendar()[1] == 47
    assert entries[-1].anteckning == "beslut om budget och verksamhetsplan 2023-2025"
    constituting = next(e for e in entries if e.datum == date(2023, 4, 3))
    assert constituting.typ == "konstituerande"
    heldag = next(e for e in entries if e.datum == date(2023, 2, 21))
    assert (heldag.starttid.hour, heldag.sluttid.hour) == (9, 17)
    assert (entries[0].starttid.hour, entries[0].sluttid.hour) == (9, 12)
    assert entries[2].anteckning == "beslut om årsredovisningen, bjuda in ev. nya ledamöter"


def test_plan_errors_name_the_row():
    with pytest.raises(ValidationError, match="Rad 2.*30 februari"):
        parse_plan("27 januari Styrelsemöte\n30 februari Styrelsemöte\n", 2023)
    with pytest.raises(ValidationError, match="två gånger"):
        parse_plan("27 januari Styrelsemöte\n27 januari Styrelsemöte\n", 2023)


def test_wheel_geometry_start_month_and_labels():
    geo = WheelGeometry(2026, 1)
    assert geo.angle(date(2026, 1, 1), 0.0) == 0.0
    assert geo.angle(date(2026, 7, 1), 0.0) == pytest.approx(181 / 365 * 360)
    sept = WheelGeometry(2026, 9)
    assert sept.angle(date(2026, 9, 1), 0.0) == 0.0
    assert sept.month_sectors()[0][0] == 9 and sept.month_sectors()[-1][0] == 8
    assert angle_to_date(sept, sept.angle(date(2026, 3, 15))) == date(2026, 3, 15)
    weeks = geo.week_ticks()
    assert weeks[0][0] == 1 and weeks[-1][0] == 53  # 2026 has 53 ISO weeks
    x, y = polar(100, 100, 50, 90)
    assert (round(x), round(y)) == (150, 100)


def test_label_layout_never_overlaps_and_groups_same_day(template):
    drafts = build_year(template, 2026, MEMBERS)
    events = _with_ids(drafts)
    meetings = [
        MeetingInfo(i, 1, "Styrelsen", "styrelse", d)
        for i, d in enumerate(
            [
                date(2026, 1, 30),
                date(2026, 2, 20),
                date(2026, 3, 20),
                date(2026, 4, 24),
                date(2026, 5, 29),
                date(2026, 8, 28),
                date(2026, 9, 25),
                date(2026, 10, 23),
                date(2026, 11, 27),
            ],
            start=1,
        )
    ]
    occ = expand_year(2026, events, [], meetings)
    geo = WheelGeometry(2026)
    categories = template.categories
    wheel = bands(330, len(categories))
    marks = layout_marks(occ, categories, geo, wheel, lambda t, s: len(t) * s * 0.55, 10)
    assert sum(m.count for m in marks) == len(occ)
    ansvar = [m for m in marks if m.first.label == "Ansvarsfrihet"]
    assert len(ansvar) == 1 and ansvar[0].count == len(MEMBERS) and ansvar[0].label == f"Ansvarsfrihet ×{len(MEMBERS)}"
    placed: dict = {}
    for m in marks:
        if not m.labelled:
            continue
        span = (m.label_width + 3) / m.label_radius * 57.2958
        interval = (m.label_angle - span / 2, m.label_angle + span / 2)
        key = (m.ring, round(m.label_radius, 3))
        assert not any(_overlaps(interval, other) for other in placed.get(key, [])), m.label
        placed.setdefault(key, []).append(interval)
    assert sum(m.labelled for m in marks) / len(marks) > 0.8
    meeting = next(m for m in marks if m.first.meeting_id == 9)
    mx, my = polar(400, 400, meeting.radius, meeting.angle)
    assert mark_at(marks, 400, 400, mx + 2, my - 1, 8) is meeting
