"""Demo Verksamhet for Samordningsförbundet Exempelbygden: the budget's insatser with type, målgrupp, Syfte/Mål,
personalresurser and co-financing (shaped like seed 000's insatser and staffing tables), two delprojekt of the team,
goals from the standard indicators with quarterly measurements ("240 (190)"), an insats of the two years before that
is avslutad, and deltagare statistics per insats and month for the demo year and the two years before it
(``verksamhet_deltagare``), imported as the follow-up system's exports; those years' årsredovisningar take their
deltagarflöden from them, earlier years keep the typed ones. All names and figures invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from finsam_desktop import clock
from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.verksamhet.indicators import Measurement, Period
from finsam_desktop.domain.verksamhet.insats import Finansiar, InsatsTyp, Malgrupp
from finsam_desktop.domain.verksamhet.personal import Personalresurs
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo import verksamhet_deltagare
from finsam_desktop.services.verksamhet.dto import Medfinansiering, Styrgruppsledamot, VerksamhetInsats

KOMMUNER = ("Ådalens kommun", "Norrviks kommun", "Sjöbacka kommun")


def _p(roll: str, org: str, procent: str, antal: int = 1, notering: str = "") -> Personalresurs:
    return Personalresurs(roll, org, antal, D(procent), notering)


#: budget kod → (projektägare, målgrupp, Syfte, Mål, personal, stated FTE, co-financing per year offset)
DETAILS = {
    "IND1": (
        "Ådalens kommun",
        Malgrupp(16, 64, KOMMUNER, ("Individer med svårdefinierat behov", "Långtidssjukskrivna")),
        "Ge individer i behov av samordnad rehabilitering ett gemensamt stöd från kommun, Försäkringskassan, "
        "Arbetsförmedlingen och regionen, så att ingen faller mellan myndigheternas uppdrag.",
        "Individer i målgruppen ska tillsammans med teamet ta fram en samordnad plan mot egen försörjning genom "
        "arbete eller studier.\n\n- Teamet: **60** individer per år\n- Minst **30 %** avslutas till arbete eller "
        "studier\n- Samtliga deltagare tillfrågas om våld i nära relationer (de sju frågorna)",
        (
            _p("Teamledare", "Ådalens kommun", "50"),
            _p("Handläggare", "Försäkringskassan", "25"),
            _p("Arbetsförmedlare", "Arbetsförmedlingen", "25"),
            _p("Socialsekreterare", "Ådalens kommun", "12.5", 2),
            _p("Kurator", "Region Mellanland", "25", notering="Vakant till 1 mars"),
        ),
        D("1.50"),
        (),
    ),
    "IND2": (
        "Ådalens kommun, Arbetsmarknadsenheten",
        Malgrupp(19, 29, ("Ådalens kommun",), ("Unga vuxna (16–29 år)",), "med aktivitetsersättning"),
        "Öka möjligheten för unga med aktivitetsersättning att närma sig arbetsmarknaden genom individuellt "
        "anpassat stöd och praktik.",
        "- **20** deltagare per år\n- Minst **25 %** börjar arbeta eller studera efter avslutad insats",
        (_p("Arbetskonsulent", "Ådalens kommun", "100"), _p("Handläggare", "Försäkringskassan", "10")),
        None,
        (),
    ),
    "IND3": (
        "Försäkringskassan",
        Malgrupp(16, 64, KOMMUNER, ("Långtidssjukskrivna",)),
        "Ge kommunernas handläggare tillgång till socialförsäkringskompetens i gemensamma ärenden.",
        "Alla ärenden med behov av samordning mellan kommun och Försäkringskassan ska ha en gemensam planering.",
        (_p("Försäkringsutredare", "Försäkringskassan", "25"),),
        None,
        (),
    ),
    "IND4": (
        "Norrviks kommun",
        Malgrupp(18, 64, ("Norrviks kommun",), ("Psykisk ohälsa",)),
        "Erbjuda psykologisk bedömning och samtalsstöd inom Arbetsmarknadstorget för personer med psykisk ohälsa "
        "som står långt från arbetsmarknaden.",
        "Deltagarna upplever att de fått hjälp att hantera sin situation (minst **70 %**) och har en planering "
        "som tar vid när insatsen avslutas.",
        (_p("Psykolog", "Region Mellanland", "100"), _p("Arbetsförmedlare", "Arbetsförmedlingen", "20")),
        D("1.20"),
        (),
    ),
    "IND5": (
        "Region Mellanland",
        Malgrupp(18, 64, ("Sjöbacka kommun", "Ådalens kommun"), ("Psykisk ohälsa",)),
        "Införa IPS-metoden (Individual Placement and Support) så att personer med psykisk ohälsa får stöd att "
        "hitta och behålla ett arbete på den öppna arbetsmarknaden.",
        "- **25** deltagare under året\n- Minst **40 %** gör en stegförflyttning\n- Metodtrohet enligt "
        "IPS-skalan (minst 100 poäng) vid extern granskning",
        (
            _p("IPS-coach", "Region Mellanland", "100", 2),
            _p("Arbetsförmedlare", "Arbetsförmedlingen", "25"),
        ),
        D("2.25"),
        ((0, Finansiar.ANNAN, D(180_000), "Region Mellanland, egen medfinansiering"),),
    ),
}

STYRGRUPP_TEAM = (
    Styrgruppsledamot("", "Ådalens kommun", "enhetschef, ordförande"),
    Styrgruppsledamot("", "Försäkringskassan", "teamchef"),
    Styrgruppsledamot("", "Arbetsförmedlingen", "sektionschef"),
    Styrgruppsledamot("", "Region Mellanland", "verksamhetschef psykiatri"),
    Styrgruppsledamot("Förbundschef", "Samordningsförbundet Exempelbygden", "sammankallande"),
)

#: Delprojekt of the team (kod IND1): (namn, status, projektägare, Syfte, Mål, personal).
DELPROJEKT = (
    (
        "Finsamlots (Case Manager)",
        InsatsStatus.PAGAENDE,
        "Norrviks kommun",
        "Samordna insatserna runt den enskilde när flera aktörer är inblandade.",
        "**20** individer per år har en lots som följer dem genom hela insatsen.",
        (_p("Case Manager", "Norrviks kommun", "50"), _p("Case Manager", "Ådalens kommun", "25")),
    ),
    (
        "Supported Employment-handledning",
        InsatsStatus.IMPLEMENTERING,
        "Arbetsförmedlingen",
        "Stöd på arbetsplatsen för deltagare som är redo för arbete med stöd.",
        "**10** individer per år får en anställning eller praktik med handledning.",
        (_p("SE-handledare", "Arbetsförmedlingen", "50"),),
    ),
)

#: Goals: (insats kod or None for the förbund, standard indicator, target, [(quarter end month, value, täljare,
#: nämnare)]). A share's value is computed from the counts (value None).
GOALS = (
    (None, "erbjudna_deltagare", D(240), ((3, 62, None, None), (6, 121, None, None), (9, 190, None, None))),
    (None, "deltagare_informationsinsats", D(100), ((6, 45, None, None), (9, 71, None, None))),
    ("IND1", "arbete_studier", D(30), ((3, None, 4, 17), (6, None, 9, 35), (9, None, 14, 52))),
    ("IND1", "stegforflyttning", D(40), ((6, None, 21, 58), (9, None, 26, 64))),
    ("IND4", "hantera_situation", D(70), ((6, D(75), 15, 20),)),
    ("IND5", "stegforflyttning", D(40), ((9, None, 7, 19),)),
)

#: An insats that ran two years before the demo year and is avslutad: (namn, projektägare, målgrupp, Syfte, Mål,
#: personal, start (year offset, month), slut (year offset, month, day)).
AVSLUTAD = (
    "Steget vidare – arbetsträning i Sjöbacka",
    "Sjöbacka kommun",
    Malgrupp(18, 64, ("Sjöbacka kommun",), ("Långtidsarbetslösa", "Försörjningsstöd")),
    "Ge personer med försörjningsstöd en väg till arbete genom arbetsträning i kommunens verksamheter med stöd "
    "av Arbetsförmedlingen.",
    "- **30** deltagare under projekttiden\n- Minst **25 %** avslutas till arbete eller studier\n- Arbetssättet "
    "överförs till kommunens ordinarie arbetsmarknadsenhet när projektet avslutas",
    (_p("Arbetsmarknadskonsulent", "Sjöbacka kommun", "75"), _p("Arbetsförmedlare", "Arbetsförmedlingen", "10")),
    (-2, 3),
    (-1, 8, 31),
)
#: The avslutad insats's deltagare flow (see ``verksamhet_deltagare.FLOW``).
AVSLUTAD_FLOW = (3, 6, 44, 1, 0)


def build(services: Services, year: int) -> None:
    vs = services.verksamhet.insatser
    by_kod = {i.budget_kod: i for i in vs.list_insatser() if i.budget_kod}
    for kod, (agare, malgrupp, syfte, mal, personal, stated, medfin) in DETAILS.items():
        insats = by_kod.get(kod)
        if insats is None:
            continue
        by_kod[kod] = vs.save(
            replace(
                insats,
                typ=InsatsTyp.INDIVIDINRIKTAD,
                projektagare=agare,
                malgrupp=malgrupp,
                syfte=syfte,
                mal=mal,
                personal=personal,
                stated_fte=stated,
                styrgrupp=STYRGRUPP_TEAM if kod == "IND1" else (),
                medfinansiering=tuple(Medfinansiering(year + dy, f, amount, namn) for dy, f, amount, namn in medfin),
            )
        )
    team = by_kod.get("IND1")
    if team is not None:
        for namn, status, agare, syfte, mal, personal in DELPROJEKT:
            vs.save(
                VerksamhetInsats(
                    None,
                    namn,
                    InsatsTyp.INDIVIDINRIKTAD,
                    status,
                    parent_id=team.id,
                    projektagare=agare,
                    start=team.start,
                    slut=team.slut,
                    malgrupp=team.malgrupp,
                    syfte=syfte,
                    mal=mal,
                    personal=personal,
                )
            )
    avslutad = _avslutad(services, year)
    _goals(services, year, by_kod)
    flows = {**verksamhet_deltagare.FLOW, avslutad.namn: AVSLUTAD_FLOW}
    verksamhet_deltagare.build(services, year, [*by_kod.values(), avslutad], flows)


def _avslutad(services: Services, year: int) -> VerksamhetInsats:
    namn, agare, malgrupp, syfte, mal, personal, (sy, sm), (ey, em, ed) = AVSLUTAD
    insats = services.verksamhet.insatser.save(
        VerksamhetInsats(
            None,
            namn,
            InsatsTyp.INDIVIDINRIKTAD,
            InsatsStatus.AVSLUTAD,
            projektagare=agare,
            huvudman=agare,
            samverkansparter="Arbetsförmedlingen",
            start=date(year + sy, sm, 1),
            slut=date(year + ey, em, ed),
            malgrupp=malgrupp,
            syfte=syfte,
            mal=mal,
            personal=personal,
        )
    )
    # Its grants, one per year it ran, paid in full (the årsredovisning of each year lists them).
    grants = services.budget.grants
    for dy, amount in ((sy, 520_000), (ey, 360_000)):
        g = grants.add_grant(insats.id, year + dy, D(amount), beslut_text=f"§ 92, {year + dy - 1}-11-25")
        g = grants.set_grant_dates(g.id, date(year + dy, 3 if dy == sy else 1, 15), date(year + dy + 1, 2, 20))
        for p in g.payments:
            grants.mark_paid(
                p.id, date(year + dy, 3 if dy == sy else 1, 31) if p.seq == 1 else date(year + dy + 1, 2, 28)
            )
    return insats


def _goals(services: Services, year: int, by_kod: dict[str, VerksamhetInsats]) -> None:
    up = services.verksamhet.uppfoljning
    today = clock.today()
    for kod, indikator, target, values in GOALS:
        insats = by_kod.get(kod) if kod else None
        if kod and insats is None:
            continue
        goal = up.save_goal(up.goal_from_indicator(indikator, target, Period.year(year), insats.id if insats else None))
        for month, value, taljare, namnare in values:
            per = date(year, month, {3: 31, 6: 30, 9: 30, 12: 31}[month])
            if per >= today:
                continue
            up.save_measurement(goal.id, Measurement(per, None if value is None else D(value), taljare, namnare))
