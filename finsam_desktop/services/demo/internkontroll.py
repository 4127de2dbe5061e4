"""Demo intern kontroll: last year's and this year's risk analysis (with moved risks), next year's
draft copy, the kontrollplaner with status, and this autumn's stickprov on a fictitious
verifikationslista with a completed granskning — shaped like the seed's 2023 bilagor 2–3 and § 104.

``generate_transactions`` is also the generator the tests and the benchmark use: realistic rows for
the demo attestordning, with faults planted at known verifikationer.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop.domain.common.deadlines import is_working_day, next_working_day
from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, Metod, PlanRow
from finsam_desktop.domain.internkontroll.risk import Risk
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning, ItemReview
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.core import november_meeting, november_reference
from finsam_desktop.services.internkontroll.dto import NO_AVVIKELSE, Granskning

ORDF, VICE, CHEF, DEV = "Eva Forsberg", "Anna Berglund", "Helena Marklund", "Tobias Rönn"
FORMER = "Gunnar Palm"  # ersättare whose mandate ended at the start of the current period
UTANORDNARE = "Ekonomiservice, Ådalens kommun"
HEADERS = ("Ver nr", "Bokföringsdatum", "Belopp", "Motpart", "Kostnadsställe", "Attestant", "Utanordnare")

SUPPLIERS = (
    "Kontorsbolaget Norr AB",
    "Ådalens Fastighets AB",
    "Telia Sverige AB",
    "Revisionsbyrån Lind & Co",
    "Processkraft AB",
    "Analysgruppen Norr",
    "Webbverkstan i Ådalen",
    "Hotell Kusten",
    "SJ AB",
    "Studieförbundet Vuxenskolan",
    "Region Mellanland",
    "Norrviks kommun",
    "Sjöbacka kommun",
    "Konferensgården Älvnäs",
    "Tryckeriet Ådalen AB",
    "Microsoft Ireland",
    "Postnord Sverige AB",
)
KOST = ("Kansli", "Kansli", "Kansli", "Styrelse", "Steget vidare", "Steget vidare", "Arbetstorget")

FAULTS = ("sjalvattest", "over_maxbelopp", "en_signatur", "utan_mandat")
FAULT_LABELS = {
    "sjalvattest": "attesterar utgift för sig själv",
    "over_maxbelopp": "över attestantens maxbelopp",
    "en_signatur": "betalning med en signatur",
    "utan_mandat": "attestant utan giltigt uppdrag",
}


@dataclass(frozen=True)
class GeneratedFile:
    data: bytes
    filename: str
    planted: dict[str, str]  # verifikationsnummer → fault kind
    count: int


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    value = Decimal(int(rng.lognormvariate(8.3, 1.0)) % (high - low) + low)
    if rng.random() < 0.6:
        value += Decimal(rng.randint(0, 99)) / 100
    return value


def _fmt_amount(value: Decimal) -> str:
    whole, _, frac = f"{value:.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return f"{sign}{' '.join(groups)},{frac}"


def _fmt_date(d: date, style: int) -> str:
    if style == 0:
        return d.isoformat()
    if style == 1:
        return d.strftime("%y%m%d")
    return f"{d.day}/{d.month}/{d.year}"


def _working_day(d: date, fran: date, till: date) -> date:
    """A ledger pays on vardagar: ``d`` moved to the next working day (or back, at the end of the period)."""
    ahead = next_working_day(d)
    if ahead <= till:
        return ahead
    while not is_working_day(d) and d > fran:
        d -= timedelta(days=1)
    return d


def generate_transactions(
    year: int,
    count: int,
    seed: int,
    fault_rate: float = 0.0,
    fran: date | None = None,
    till: date | None = None,
) -> GeneratedFile:
    """A verifikationslista (CSV, ``;``, decimal comma, space thousands, mixed date styles).

    Correct rows follow the demo attestordning: ordföranden attests generally, the vice ordförande
    payments to the ordförande, the förbundschef invoices within the insats Steget vidare up to
    50 000 kr; Ekonomiservice utanordnar (two in union). With ``fault_rate`` a share of rows gets one
    planted fault each, recorded in ``planted``.
    """
    rng = random.Random(seed)
    fran = fran or date(year, 1, 1)
    till = till or date(year, 12, 31)
    span = (till - fran).days
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADERS)
    planted: dict[str, str] = {}
    for i in range(count):
        ver = f"{year % 100:02d}-{i + 1:05d}"
        datum = _working_day(fran + timedelta(days=rng.randint(0, span)), fran, till)
        kost = rng.choice(KOST)
        motpart = rng.choice(SUPPLIERS)
        attestanter = [ORDF]
        utanordnare = UTANORDNARE
        if kost == "Steget vidare":
            attestanter = [CHEF]
            belopp = _amount(rng, 300, 49000)
        elif kost == "Styrelse" and rng.random() < 0.4:
            motpart = ORDF
            attestanter = [VICE]
            belopp = _amount(rng, 150, 6000)
        else:
            belopp = _amount(rng, 150, 140000)
        if rng.random() < 0.03:
            belopp = -belopp  # a credit note
        if fault_rate and rng.random() < fault_rate:
            kind = FAULTS[i % len(FAULTS)]
            if kind == "sjalvattest":
                kost, motpart, attestanter, belopp = "Styrelse", ORDF, [ORDF], _amount(rng, 300, 6000)
            elif kind == "over_maxbelopp":
                kost, attestanter, belopp = "Steget vidare", [CHEF], Decimal(rng.randint(50001, 130000))
            elif kind == "en_signatur":
                kost, attestanter, utanordnare = "Kansli", [ORDF], ""
                motpart = rng.choice(SUPPLIERS[:10])
            else:
                kost, attestanter = "Kansli", [FORMER]
                motpart = rng.choice(SUPPLIERS[:10])
            planted[ver] = kind
        writer.writerow(
            (ver, _fmt_date(datum, i % 3), _fmt_amount(belopp), motpart, kost, ", ".join(attestanter), utanordnare)
        )
    return GeneratedFile(out.getvalue().encode("utf-8"), f"verifikationer_{year}.csv", planted, count)


# --- the analyses --------------------------------------------------------------------------------

# (process, risk, V, S, riskhantering, ansvarig, residual V, residual S)
RISKS_LAST_YEAR = [
    ("Attest", "Attester tas på felaktig nivå", 3, 1, "Attestordning antagen av styrelsen följs", CHEF, None, None),
    (
        "Delegation",
        "Beslut tas på felaktig delegation",
        3,
        1,
        "Delegationsordningen antagen av styrelsen följs",
        CHEF,
        None,
        None,
    ),
    (
        "Diarie och arkivering",
        "Handlingar diarieförs inte korrekt",
        2,
        2,
        "Rutiner antagna av styrelsen följs",
        CHEF,
        None,
        None,
    ),
    (
        "Diarie och arkivering",
        "Handlingar arkiveras inte korrekt",
        2,
        2,
        "Rutiner antagna av styrelsen följs",
        CHEF,
        None,
        None,
    ),
    (
        "Uppföljning budget",
        "Budget följs inte",
        4,
        1,
        "Regelbunden ekonomisk rapport vid styrelsemöten",
        CHEF,
        None,
        None,
    ),
    (
        "Uppföljning budget",
        "Felaktiga utbetalningar",
        4,
        2,
        "Två i förening vid utbetalning; stickprov av ordförande och vice ordförande",
        CHEF,
        4,
        1,
    ),
    (
        "Uppföljning av verksamhetens mål",
        "Verksamhetens mål uppfylls inte",
        2,
        2,
        "Uppföljning i delårsrapport och årsredovisning",
        CHEF,
        None,
        None,
    ),
    ("Insatser", "Projekt/insatsplan följs inte", 3, 2, "Uppföljning vid styrgruppsmöten", DEV, 3, 1),
    (
        "Personal",
        "Förbundschef eller utvecklingsledare frånvarande upp till 6 månader",
        3,
        2,
        "Förbundschef och utvecklingsledare täcker upp för varandra; ordföranden stödjer",
        ORDF,
        2,
        2,
    ),
    ("Personal", "Frånvaro längre än 6 månader", 3, 3, "Anställa vikarie", ORDF, 3, 2),
]

# This year: attest risk raised after a finding, budget risk lowered, sjukfrånvaro lowered, two new risks.
RISKS_THIS_YEAR = [
    (
        "Attest",
        "Attester tas på felaktig nivå",
        3,
        2,
        "Attestordning antagen av styrelsen följs; signaturlistan uppdateras vid varje förändring",
        CHEF,
        3,
        1,
    ),
    (
        "Delegation",
        "Beslut tas på felaktig delegation",
        3,
        1,
        "Delegationsordningen antagen av styrelsen följs; beslut anmäls vid nästa sammanträde",
        CHEF,
        None,
        None,
    ),
    (
        "Diarie och arkivering",
        "Handlingar diarieförs inte korrekt",
        2,
        2,
        "Rutiner antagna av styrelsen följs",
        CHEF,
        None,
        None,
    ),
    (
        "Diarie och arkivering",
        "Handlingar arkiveras inte korrekt",
        2,
        2,
        "Rutiner antagna av styrelsen följs",
        CHEF,
        None,
        None,
    ),
    (
        "Uppföljning budget",
        "Budget följs inte",
        4,
        1,
        "Regelbunden ekonomisk rapport vid styrelsemöten",
        CHEF,
        None,
        None,
    ),
    (
        "Uppföljning budget",
        "Felaktiga utbetalningar",
        4,
        3,
        "Två i förening vid utbetalning; stickprov av ordförande och vice ordförande",
        CHEF,
        4,
        1,
    ),
    (
        "Uppföljning av verksamhetens mål",
        "Verksamhetens mål uppfylls inte",
        2,
        2,
        "Uppföljning i delårsrapport och årsredovisning",
        CHEF,
        None,
        None,
    ),
    ("Insatser", "Projekt/insatsplan följs inte", 3, 2, "Uppföljning vid styrgruppsmöten", DEV, 3, 1),
    (
        "Personal",
        "Förbundschef eller utvecklingsledare frånvarande upp till 6 månader",
        3,
        1,
        "Förbundschef och utvecklingsledare täcker upp för varandra; ordföranden stödjer",
        ORDF,
        2,
        1,
    ),
    ("Personal", "Frånvaro längre än 6 månader", 3, 3, "Anställa vikarie", ORDF, 3, 2),
    (
        "Informationssäkerhet",
        "Personuppgifter om deltagare sprids till obehöriga",
        4,
        2,
        "Deltagaruppgifter endast i SUS; årlig uppföljning med dataskyddsombudet",
        CHEF,
        4,
        1,
    ),
    (
        "Medelsutbetalning till insatser",
        "Utbetalning till insats utan rekvisition eller redovisning",
        3,
        2,
        "Utbetalning endast mot rekvisition; redovisning prövas före nästa utbetalning",
        CHEF,
        3,
        1,
    ),
]

PLAN = [
    # (process, kontrollmoment, frekvens, rapportering till, metod, tidpunkt, risk texts covered, storlek)
    (
        "Attest",
        "Att gällande rutiner och regelverk följs och att attestförteckning är aktuell",
        "Årligen",
        "Styrelsen",
        Metod.STICKPROV,
        "Oktober, före styrelsens novembermöte",
        ("Attester tas på felaktig nivå", "Felaktiga utbetalningar"),
        25,
    ),
    (
        "Delegering",
        "Kontroll att delegeringsordningen följs och att beslut anmäls",
        "Efter prioritering i styrelse",
        "Styrelsen",
        Metod.GENOMGANG,
        "Oktober",
        ("Beslut tas på felaktig delegation",),
        None,
    ),
    (
        "Diarie och arkivering",
        "Kontroll att diarie och arkivering sker enligt regelverk",
        "Efter prioritering i styrelse",
        "Styrelsen",
        Metod.GENOMGANG,
        "Oktober",
        ("Handlingar diarieförs inte korrekt", "Handlingar arkiveras inte korrekt"),
        None,
    ),
    (
        "Uppföljning budget",
        "Budget i balans",
        "Kvartalsvis samt delårsbokslut och årsbokslut",
        "Styrelsen",
        Metod.AVSTAMNING,
        "Vid varje ordinarie sammanträde",
        ("Budget följs inte",),
        None,
    ),
    (
        "Uppföljning av verksamhetens mål",
        "Verksamhetsplan",
        "Kvartalsvis samt delårsbokslut och årsbokslut",
        "Styrelsen",
        Metod.GENOMGANG,
        "Delårsrapport och årsredovisning",
        ("Verksamhetens mål uppfylls inte", "Projekt/insatsplan följs inte"),
        None,
    ),
]


def _fill_analysis(services: Services, ar: int, rows, adopt_on: date, keys: dict[str, str]) -> None:
    ik = services.internkontroll
    a = ik.risk.create_analysis(ar)
    for n, (process, risk, v, s, handling, ansvarig, rv, rs) in enumerate(rows, start=1):
        saved = ik.risk.save_risk(a.id, Risk(0, n, process, risk, v, s, handling, ansvarig, rv, rs, keys.get(risk, "")))
        keys.setdefault(risk, saved.key)
    _adopt(services, "analysis", a.id, adopt_on, ("risk", "väsentlighet"))


def _adopt(services: Services, what: str, record_id: int, on: date, words: tuple[str, ...]) -> None:
    ik = services.internkontroll
    item = next(
        (
            c
            for c in ik.lookups.agenda_choices(on.year + 1)
            if c.datum == on and any(w in c.text.lower() for w in words)
        ),
        None,
    )
    text = "" if item else november_reference(on.year, "risk" if what == "analysis" else "plan")
    if what == "analysis":
        ik.risk.adopt_analysis(record_id, text, on, item.agenda_item_id if item else None)
    else:
        ik.kontrollplan.adopt_plan(record_id, text, on, item.agenda_item_id if item else None)


def _fill_plan(services: Services, ar: int, keys: dict[str, str], adopt_on: date) -> None:
    ik = services.internkontroll
    plan = ik.kontrollplan.create_plan(ar, copy_from_previous_year=False)
    for n, (process, moment, frekvens, till, metod, tid, risks, storlek) in enumerate(PLAN, start=1):
        ik.kontrollplan.save_plan_row(
            plan.id,
            PlanRow(
                0,
                n,
                process,
                moment,
                "Förbundschef",
                frekvens,
                till,
                metod,
                tid,
                None,
                tuple(keys[r] for r in risks if r in keys),
                storlek,
            ),
        )
    _adopt(services, "plan", plan.id, adopt_on, ("intern", "kontroll"))


def build(services: Services, year: int) -> None:
    ik = services.internkontroll
    keys: dict[str, str] = {}
    adopt_last, adopt_this = november_meeting(year - 2), november_meeting(year - 1)
    _fill_analysis(services, year - 1, RISKS_LAST_YEAR, adopt_last, keys)
    _fill_analysis(services, year, RISKS_THIS_YEAR, adopt_this, keys)
    this = ik.risk.analysis(year)
    ik.risk.copy_to_next_year(this.id)

    _fill_plan(services, year - 1, keys, adopt_last)
    last_plan = ik.kontrollplan.plan(year - 1)
    for row in last_plan.rows:
        ik.kontrollplan.set_control_status(row.id, KontrollStatus.UTAN_AVVIKELSE, f"Granskad {year - 1}-10-09")
    _fill_plan(services, year, keys, adopt_this)
    plan = ik.kontrollplan.plan(year)
    by_process = {r.process: r for r in plan.rows}
    # Generate a control for this year's new high risks (riskvärde ≥ 8) in a next-year draft plan.
    next_plan = ik.kontrollplan.create_plan(year + 1)
    ik.kontrollplan.generate_plan_rows(next_plan.id, ik.risk.analysis(year + 1).id, 8)

    ik.kontrollplan.set_control_status(
        by_process["Uppföljning budget"].id,
        KontrollStatus.UTAN_AVVIKELSE,
        "Ekonomisk rapport vid samtliga sammanträden; delårsbokslut per 31 augusti.",
    )
    ik.kontrollplan.set_control_status(
        by_process["Uppföljning av verksamhetens mål"].id,
        KontrollStatus.PAGAR,
        "Delårsrapporten klar; årsredovisningen återstår.",
    )

    # The autumn stickprov on the verifikationslista January–September.
    generated = generate_transactions(
        year, 1150, seed=year, fault_rate=0.006, fran=date(year, 1, 1), till=date(year, 9, 30)
    )
    mapping = {
        "verifikation": "Ver nr",
        "datum": "Bokföringsdatum",
        "belopp": "Belopp",
        "motpart": "Motpart",
        "kostnadsstalle": "Kostnadsställe",
        "attestanter": "Attestant",
        "utanordnare": "Utanordnare",
    }
    attest_row = by_process["Attest"]
    sp = ik.stickprov.create_stickprov(
        generated.data,
        generated.filename,
        mapping,
        PopulationFilter(date(year, 1, 1), date(year, 9, 30)),
        storlek=25,
        seed=270415,
        over_belopp=Decimal(100000),
        ar=year,
        plan_row_id=attest_row.id,
        titel=f"Stickprov attest och utbetalningar januari–september {year}",
    )
    review_day = date(year, 10, 12)
    for item in sp.items:
        who = ORDF if item.position % 2 else VICE
        if who in item.transaction.attestanter or item.transaction.motpart == who:
            who = VICE if who == ORDF else ORDF
        if item.auto_findings:
            finding = item.auto_findings[0].split(": ", 1)[-1]
            review = ItemReview(
                who,
                review_day,
                Bedomning.AVVIKELSE,
                finding,
                "Rutinen gås igenom med Ekonomiservice; rättelse av attest i efterhand.",
            )
        else:
            review = ItemReview(who, review_day, Bedomning.OK, "Underlag och attester stämmer.")
        ik.granskning.review_item(item.id, review)
    reviewed = ik.stickprov.get_stickprov(sp.id)
    slutsats = ik.granskning.suggested_slutsats(sp.id)
    if reviewed.avvikelser:
        slutsats += "\nFörbundschefen ser över rutinen och återrapporterar till styrelsen i december."
    ik.granskning.save_granskning(
        Granskning(
            0,
            year,
            review_day,
            "Förbundets kansli, Storgatan 12, Ådalen",
            ORDF,
            VICE,
            CHEF,
            sp.id,
            (attest_row.id, by_process["Delegering"].id, by_process["Diarie och arkivering"].id),
            slutsats or NO_AVVIKELSE,
        )
    )
