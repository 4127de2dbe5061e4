"""The demo förbund's aktiviteter (forum, frukostmöten, informationsinsatser, an arbetsgrupp — held ones with
participants per member, coming ones planned) of the demo year and the two years before it, with those years' goal
for participants in informationsinsatser measured from them, and the demo year's verksamhetsplan as an utkast with
the activity rows."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop import clock
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, AktivitetTyp, Deltagande, Format
from finsam_desktop.domain.verksamhet.indicators import Measurement, Period
from finsam_desktop.domain.verksamhet.plan_publication import PlanAktivitet
from finsam_desktop.services.container import Services

#: (month, day, titel, typ, format, målgrupp, planned in all, present per member in member order, others)
AKTIVITETER = (
    (
        2,
        12,
        "Frukostseminarium: Psykisk ohälsa och arbete",
        AktivitetTyp.FRUKOSTMOTE,
        Format.DIGITAL,
        "Handläggare hos medlemmarna",
        60,
        (14, 9, 11, 8, 6, 5),
        3,
    ),
    (
        3,
        6,
        "Information om förbundet för Norrviks socialtjänst",
        AktivitetTyp.INFORMATION,
        Format.FYSISK,
        "Socialsekreterare",
        20,
        (0, 0, 0, 0, 17, 0),
        0,
    ),
    (
        5,
        6,
        "Samverkansforum: Unga med aktivitetsersättning",
        AktivitetTyp.FORUM,
        Format.FYSISK,
        "Chefer och handläggare",
        80,
        (16, 12, 14, 11, 9, 7),
        2,
    ),
    (
        9,
        17,
        "Arbetsgrupp rehabiliteringskedjan",
        AktivitetTyp.ARBETSGRUPP,
        Format.HYBRID,
        "Nyckelpersoner hos medlemmarna",
        12,
        (2, 2, 2, 2, 1, 1),
        0,
    ),
    (
        11,
        12,
        "Utbildning i motiverande samtal (MI)",
        AktivitetTyp.UTBILDNING,
        Format.FYSISK,
        "Medarbetare i finansierade insatser",
        30,
        (5, 4, 6, 4, 3, 3),
        1,
    ),
    (
        12,
        10,
        "Frukostseminarium: Arbetsgivarnas roll",
        AktivitetTyp.FRUKOSTMOTE,
        Format.DIGITAL,
        "Handläggare och arbetsgivare",
        60,
        (12, 10, 9, 8, 6, 4),  # recorded only when the demo is made after the day (else it is still to come)
        3,
    ),
)

#: Themes of the earlier years' events (year offset → AKTIVITETER index → titel); the others recur as they are.
EARLIER_TITLES = {
    1: {
        0: "Frukostseminarium: Våld i nära relationer – de sju frågorna",
        2: "Samverkansforum: Sjukskrivna utan sjukpenning",
        4: "Utbildning i Supported Employment",
        5: "Frukostseminarium: Digital delaktighet",
    },
    2: {
        0: "Frukostseminarium: Jämställdhet i rehabiliteringen",
        2: "Samverkansforum: Psykisk hälsa och arbete",
        4: "Utbildning i förändringsteori för insatserna",
        5: "Frukostseminarium: Insatskatalogen",
    },
}
#: Present per member at an earlier year's event that is still coming in the demo year.
EARLIER_PRESENT = (12, 8, 10, 7, 6, 5)
#: The earlier years' target for participants in informationsinsatser and kompetenshöjande insatser.
INFORMATION_TARGET = {1: Decimal(220), 2: Decimal(180)}
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))

PLAN_ROWS = (
    PlanAktivitet("aktiviteter", "Frukostseminarier", "Förbundschef", "4", "Digitala möten", "Medlemmarnas personal"),
    PlanAktivitet(
        "aktiviteter",
        "Samverkansforum",
        "Förbundschef och beredningsgrupp",
        "2",
        "Fysiska möten",
        "Chefer och handläggare",
    ),
    PlanAktivitet(
        "aktiviteter", "Utbildning i motiverande samtal", "Processledare", "1", "Heldag", "Medarbetare i insatserna"
    ),
    PlanAktivitet(
        "aktiviteter",
        "Informationsinsatser hos medlemmarna",
        "Förbundschef",
        "Vid behov",
        "Arbetsplatsträffar",
        "Nya medarbetare",
    ),
)


def build(services: Services, year: int) -> None:
    for offset in (2, 1):
        held = _aktiviteter(services, year - offset, EARLIER_TITLES[offset])
        _information_goal(services, year - offset, INFORMATION_TARGET[offset], held)
    _aktiviteter(services, year)
    plan = services.verksamhet.plan
    plan.create_plan(year)
    plan.save_aktiviteter(year, "strukturella", list(PLAN_ROWS))


def _weekday(day: date) -> date:
    """``day``, or the Monday after when it falls on a weekend (the schedule recurs on other weekdays)."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _aktiviteter(services: Services, year: int, titles: dict[int, str] | None = None) -> list[Aktivitet]:
    """The year's aktiviteter (the demo year's as in ``AKTIVITETER``; an earlier year's on the nearest weekday with
    its own themes and a few participants more or less per member); returns the held ones."""
    members = services.forbund.list_members()
    today = clock.today()
    held_ones = []
    for index, (month, day, titel, typ, fmt, malgrupp, planerat, present, ovriga) in enumerate(AKTIVITETER):
        datum = date(year, month, day)
        if titles is not None:
            datum, titel = _weekday(datum), titles.get(index, titel)
            present = tuple(
                max(0, p + _h(f"{year}-{index}-{i}") % 5 - 2) if p else 0
                for i, p in enumerate(present or EARLIER_PRESENT)
            )
        held = datum < today and present is not None and any(present)
        deltagande = tuple(
            Deltagande(m.id, None, n if held else None, "")
            for m, n in zip(members, present or (0,) * len(members))
            if n or not held
        )
        saved = services.verksamhet.aktiviteter.save_aktivitet(
            Aktivitet(
                None,
                datum,
                titel,
                typ,
                "Samordningsförbundet",
                fmt,
                malgrupp,
                planerat,
                ovriga if held else 0,
                "",
                deltagande,
            )
        )
        if held:
            held_ones.append(saved)
    return held_ones


def _h(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def _information_goal(services: Services, year: int, target: Decimal, held: list[Aktivitet]) -> None:
    """The förbund's goal for participants in informationsinsatser (``deltagare_informationsinsats``) in ``year``,
    measured at each quarter's end as the participants of the held aktiviteter to then (participations, not unique
    persons, as seed 000 counts them; the arbetsgrupp is not an informationsinsats)."""
    up = services.verksamhet.uppfoljning
    goal = up.save_goal(up.goal_from_indicator("deltagare_informationsinsats", target, Period.year(year)))
    counted = [a for a in held if a.typ is not AktivitetTyp.ARBETSGRUPP]
    for month, day in QUARTER_ENDS:
        per = date(year, month, day)
        if per < clock.today():
            total = sum(a.faktiskt or 0 for a in counted if a.datum <= per)
            up.save_measurement(goal.id, Measurement(per, Decimal(total), None, None))
