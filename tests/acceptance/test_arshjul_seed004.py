"""Seed 004 (Sundsvall 2023) rebuilt: § 114's sammanträdesplan entered as text, the standard year
created, and the year read back the way the förbundschef uses it."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.plan import parse_plan
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.organisation.model import Member, MemberKind

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


def test_sundsvall_2023(services):
    for namn, kind in (
        ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
        ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN),
        ("Region Västernorrland", MemberKind.REGION),
        ("Sundsvalls kommun", MemberKind.KOMMUN),
        ("Timrå kommun", MemberKind.KOMMUN),
        ("Ånge kommun", MemberKind.KOMMUN),
    ):
        services.forbund.save_member(Member(0, namn, kind))
    arshjul = services.arshjul
    arshjul.standard.create_year(2023)
    result = arshjul.plan.create_sammantradesplan(2023, parse_plan(SECTION_114, 2023), plats="Arbetsmarknadstorget")
    assert len(result.meeting_ids) == 10 and result.warnings == ()
    assert result.deadline_rules_created == 0  # the year already had them from the standard year
    view = arshjul.view.year_view(2023)
    meetings = [o for o in view.occurrences if o.meeting_id]
    november = meetings[-1]
    assert (november.date, november.week) == (date(2023, 11, 24), 47)
    fk = next(o for o in view.occurrences if "vecka 47" in o.title)
    assert (fk.date, fk.end) == (date(2023, 11, 20), date(2023, 11, 24))  # FK's besked the week of the meeting
    budget = next(o for o in view.occurrences if o.title.startswith("Budget och verksamhetsplan 2024"))
    assert budget.date == date(2023, 11, 30) and november.date < budget.date
    arsredovisning = next(o for o in view.occurrences if o.title.startswith("Årsredovisning 2022 upprättas"))
    march = next(o for o in meetings if o.date.month == 3)
    assert march.notes.startswith("beslut om årsredovisningen") and march.date <= arsredovisning.date
    assert sum(1 for o in view.occurrences if o.title.startswith("Ansvarsfrihet 2022")) == 6
    # Every derived deadline is on a working day; the konstituerande meeting keeps its type.
    derived = [o for o in view.occurrences if o.category in ("protokoll", "beredning")]
    # (the statutory justering/anslag limits excepted: they are the Justering & anslag tab's, flagged)
    assert len(derived) == 49 and all(deadlines.is_working_day(o.date) or o.flag for o in derived)
    # The 24/11 meeting's anslag (planned Friday 8/12) comes down after new year: shown in 2024.
    spilled = [o for o in arshjul.view.year_view(2024).occurrences if o.title.startswith("Anslaget tas ned tidigast")]
    assert [(o.date, o.title) for o in spilled] == [
        (date(2024, 1, 3), "Anslaget tas ned tidigast (styrelsemöte 2023-11-24)")
    ]
    assert next(o for o in meetings if o.date == date(2023, 4, 3)).title == "Konstituerande styrelsemöte"
    # Monday 20 November 2023: what is due in the next 30 days.
    due = [
        o for o in arshjul.view.occurrences(2023, date(2023, 11, 20), date(2023, 12, 20)) if o.status is Status.PLANERAD
    ]
    titles = [o.title for o in due]
    for expected in (
        "Styrelsemöte",
        "Plan för intern styrning och kontroll 2024 antas",
        "Protokollet justeras senast (styrelsemöte 2023-11-24)",
        "NNS medlemsmöte",
    ):
        assert expected in titles, expected
