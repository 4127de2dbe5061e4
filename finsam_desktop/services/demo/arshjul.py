"""Demo årshjul: the standard year for Exempelbygden, the styrelse's meetings (the ones the other
demo modules created, or a sammanträdesplan shaped like seed 004 § 114), the förbund's own
routines, and a year that has been lived: passed occurrences done, one moved, one cancelled."""

from __future__ import annotations

from datetime import date, time, timedelta

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.events import EventDef, Link, LinkKind, Relative
from finsam_desktop.domain.arshjul.legal import Adjust
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.plan import PlanEntry
from finsam_desktop.domain.arshjul.recurrence import Freq, Recurrence
from finsam_desktop.domain.arshjul.template import STYRELSE_ORGAN_ID
from finsam_desktop.domain.common import deadlines
from finsam_desktop.services.container import Services

PLACE = "Förbundets kansli, Storgatan 12, Ådalen"

# (month, nth weekday from the end/start, weekday, note, type, heldag) — the shape of § 114.
PLAN = (
    (1, -1, 4, "", "ordinarie", False),
    (2, 3, 1, "heldag, gemensamt möte med beredningsgruppen", "ordinarie", True),
    (3, 3, 4, "beslut om årsredovisningen", "ordinarie", False),
    (4, -1, 4, "", "ordinarie", False),
    (5, -1, 4, "", "ordinarie", False),
    (8, -1, 1, "heldag, planering, verksamhetsplan och budget", "ordinarie", True),
    (9, -1, 4, "", "ordinarie", False),
    (10, -1, 4, "", "ordinarie", False),
    (11, -1, 4, "beslut om budget och verksamhetsplan", "ordinarie", False),
)


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    days = [date(year, month, d) for d in range(1, 32) if _valid(year, month, d)]
    matching = [d for d in days if d.weekday() == weekday]
    return matching[nth - 1] if nth > 0 else matching[nth]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def plan_entries(year: int) -> list[PlanEntry]:
    """The demo förbund's sammanträdesplan: nine meetings, none in June, July or December."""
    entries = []
    for month, nth, weekday, note, typ, heldag in PLAN:
        d = deadlines.previous_working_day(_nth_weekday(year, month, nth, weekday))
        end = time(16, 0) if heldag else time(12, 0)
        entries.append(PlanEntry(d, time(9, 0), end, note, typ, PLACE))
    if (year - 2023) % 4 == 0:
        # Election year + 1: the new styrelse meets for the first time in April.
        d = deadlines.next_working_day(date(year, 4, 3))
        entries.append(PlanEntry(d, time(9, 0), time(12, 0), "Konstituerande styrelsemöte", "konstituerande", PLACE))
    return sorted(entries, key=lambda e: e.datum)


def build(services: Services, year: int) -> None:
    arshjul = services.arshjul
    arshjul.standard.set_condition("delarsrapport", True)
    arshjul.standard.create_year(year)
    existing = [
        o for o in arshjul.view.year_view(year).occurrences if o.meeting_id is not None and o.category == "styrelse"
    ]
    if not existing:
        arshjul.plan.create_sammantradesplan(year, plan_entries(year), STYRELSE_ORGAN_ID, PLACE)

    events = {e.template_key: e for e in arshjul.events.list_events(year) if e.template_key}
    own = [
        EventDef(
            0,
            year,
            "Månadsavstämning med ekonomibyrån (attestlistor, avstämning av konton)",
            "ekonomi",
            short="Månadsavstämning",
            recurrence=Recurrence(Freq.MANAD, weekday=4, nth=-1, months=tuple(m for m in range(1, 13) if m != 7)),
            responsible="Förbundschef",
            adjust=Adjust.TIDIGARE,
            link=Link(LinkKind.BUDGET, None, f"Budget {year}"),
        ),
        EventDef(
            0,
            year,
            "Utvärderingsdag för styrelse och beredningsgrupp",
            "styrelse",
            short="Utvärderingsdag",
            start=deadlines.previous_working_day(_nth_weekday(year, 6, 2, 4)),
            starttid=time(9, 0),
            sluttid=time(15, 0),
            responsible="Förbundschef",
            notes="Utvärdering av föregående års resultat.",
        ),
        EventDef(
            0,
            year,
            "Informationsträff för nya ledamöter och ersättare",
            "styrelse",
            short="Introduktion",
            start=deadlines.previous_working_day(date(year, 9, 10)),
            starttid=time(13, 0),
            sluttid=time(16, 0),
            responsible="Ordförande och förbundschef",
        ),
    ]
    for e in own:
        arshjul.events.save_event(e)
    if "arsredovisning" in events:
        arshjul.events.save_event(
            EventDef(
                0,
                year,
                "Revisionsmöte: genomgång av årsredovisningen med revisorerna",
                "medlemmar",
                short="Revisionsmöte",
                relative=Relative(anchor_event_id=events["arsredovisning"].id, offset=-2, unit="veckor"),
                responsible="Förbundschef",
                starttid=time(13, 0),
                sluttid=time(15, 0),
                link=Link(LinkKind.RAPPORT, None, f"Årsredovisning {year - 1}"),
            )
        )

    view = arshjul.view.year_view(year)
    today = clock.today()
    cutoff = min(today, date(year, 12, 31)) if year <= today.year else date(year, 1, 1) - timedelta(days=1)
    # A summer beredningsgrupp is replaced by the planning day; the spring medlemssamråd was moved a week.
    cancelled = moved = None
    for o in view.occurrences:
        if o.event_id is None:
            continue
        e = next((x for x in view.events if x.id == o.event_id), None)
        if e is None:
            continue
        if cancelled is None and e.template_key == "beredning" and o.date.month == 8:
            arshjul.events.set_status(o.event_id, o.key, Status.INSTALLD)
            arshjul.events.set_occurrence_note(o.event_id, o.key, "Ersätts av planeringsdagen.")
            cancelled = o
        elif moved is None and e.template_key == "medlemssamrad_var":
            new_date = deadlines.next_working_day(o.date + timedelta(days=7))
            arshjul.events.move_occurrence(o.event_id, o.key, new_date)
            arshjul.events.set_occurrence_note(o.event_id, o.key, "Flyttat en vecka på Region Mellanlands begäran.")
            moved = o
    arshjul.events.mark_passed_done(year, cutoff)
