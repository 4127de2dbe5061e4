"""The demo förbund's year of aktiviteter (forum, frukostmöten, informationsinsatser, an arbetsgrupp — held ones
with participants per member, coming ones planned) and its verksamhetsplan as an utkast with the activity rows."""

from __future__ import annotations

from datetime import date

from finsam_desktop import clock
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, AktivitetTyp, Deltagande, Format
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
        None,
        0,
    ),
)

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
    _aktiviteter(services, year)
    plan = services.verksamhet.plan
    plan.create_plan(year)
    plan.save_aktiviteter(year, "strukturella", list(PLAN_ROWS))


def _aktiviteter(services: Services, year: int) -> None:
    members = services.forbund.list_members()
    today = clock.today()
    for month, day, titel, typ, fmt, malgrupp, planerat, present, ovriga in AKTIVITETER:
        datum = date(year, month, day)
        held = datum < today and present is not None
        deltagande = tuple(
            Deltagande(m.id, None, n if held else None, "")
            for m, n in zip(members, present or (0,) * len(members))
            if n or not held
        )
        services.verksamhet.aktiviteter.save_aktivitet(
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
