"""Demo Verksamhet for Samordningsförbundet Exempelbygden: the budget's insatser with type, målgrupp, Syfte/Mål,
personalresurser and co-financing (shaped like seed 000's insatser and staffing tables), two delprojekt of the team,
goals from the standard indicators with quarterly measurements ("240 (190)"), and deltagare statistics per insats
and month for the demo year only (January to the last complete month), imported as the follow-up system's export.
Earlier years keep the årsredovisning's typed deltagarflöden. All names and figures invented."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from finsam_desktop import clock
from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.verksamhet.indicators import Measurement, Period
from finsam_desktop.domain.verksamhet.insats import Finansiar, InsatsTyp, Malgrupp
from finsam_desktop.domain.verksamhet.personal import Personalresurs
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.budget import booked_months
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

#: Deltagare per month: (inskrivna per month, pågående at the start of the year, avslutade per month, share of
#: kvinnor in per cent, annat kön per year).
FLOW = {
    "IND1": (6, 38, 4, 56, 3),
    "IND2": (2, 14, 1, 48, 0),
    "IND3": (3, 12, 2, 62, 1),
    "IND4": (4, 21, 2, 66, 2),
    "IND5": (2, 11, 1, 52, 0),
}
REASONS = (("arbete", 30), ("studier", 14), ("annan_insats", 16), ("fortsatt_rehabilitering", 26), ("sjukdom", 8))
ANVISARE = ("Försäkringskassan", "Arbetsförmedlingen", "Ådalens kommun", "Norrviks kommun", "Region Mellanland")


def _h(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def _vary(base: int, key: str, spread: int = 2) -> int:
    return max(0, base + _h(key) % (2 * spread + 1) - spread)


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
    _goals(services, year, by_kod)
    _deltagare(services, year, by_kod)


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


def _deltagare(services: Services, year: int, by_kod: dict[str, VerksamhetInsats]) -> None:
    months = booked_months(year)
    if months < 1:
        return
    reason_headers = [f"Avslut {kod.replace('_', ' ')}" for kod, _share in REASONS] + ["Avslut övrigt"]
    headers = [
        "Insats",
        "Period",
        "Inskrivna",
        "Pågående",
        "Avslutade",
        "Kvinnor",
        "Män",
        "Annat kön",
        "Stegförflyttning",
        *reason_headers,
        *(f"Anvisade från {org}" for org in ANVISARE),
    ]
    lines = [";".join(headers)]
    for kod, (inskrivna, pagaende, avslutade, kvinnor_pct, annat_year) in FLOW.items():
        insats = by_kod.get(kod)
        if insats is None:
            continue
        active = pagaende
        for m in range(1, months + 1):
            key = f"{kod}-{year}-{m}"
            ins = _vary(inskrivna, key + "i")
            avs = min(_vary(avslutade, key + "a", 1), active)
            annat = 1 if annat_year and m % (12 // annat_year) == 0 and ins else 0
            kvinnor = (ins - annat) * kvinnor_pct // 100 + (_h(key + "k") % 2 if ins - annat else 0)
            kvinnor = min(kvinnor, ins - annat)
            man = ins - annat - kvinnor
            after = active + ins - avs
            steg = min(_vary(max(1, active // 6), key + "s"), after + ins)
            avslut = [avs * share // 100 for _kod, share in REASONS]
            # The avslut a rounding leaves go to the reasons in turn, then to Övrigt.
            rest = avs - sum(avslut)
            for i in range(len(avslut)):
                if rest and _h(key + str(i)) % 2:
                    avslut[i] += 1
                    rest -= 1
            avslut.append(rest)
            anvisade = [0] * len(ANVISARE)
            for n in range(ins):
                anvisade[_h(f"{key}-{n}") % len(ANVISARE)] += 1
            active = after
            row = [insats.namn, f"{year}-{m:02d}", ins, active, avs, kvinnor, man, annat, steg, *avslut, *anvisade]
            lines.append(";".join(str(c) for c in row))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    services.verksamhet.deltagare.import_file(data, f"uppfoljning-finsam-{year}-01--{months:02d}.csv")
