"""Demo budget for Samordningsförbundet Exempelbygden: the year's budget with two plan years
(adopted in November the year before), insatser with grants and payouts, utfall imported month by
month from the ekonomisystem, quarterly follow-ups and eget kapital. Shaped like the seeds
(Sundsvall's budget 2023, Roslagen's Ekonomirapport); all figures invented."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal as D

from finsam_desktop import clock
from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.budget.lines import Line, LineClass, LineFollowup
from finsam_desktop.services.budget.dto import Insats, YearSettings
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.core import november_meeting, november_reference

STATE_ALLOCATION = D(3_200_000)
EK_OPENING = D(1_150_000)

# section → [(kod, namn, budget, plan growth per year, konto, class override, utfall pattern)]
# pattern: "m" monthly, "q" quarterly in arrears, "y:<month>" once, "-" nothing booked
COSTS = {
    "Styrelse": [
        ("STY1", "Arvoden och förlorad arbetsinkomst", 180_000, D("1.02"), "7010", None, "q"),
        ("STY2", "Styrelsens utbildning och konferenser", 30_000, D("1.00"), "7630", None, "y:5"),
    ],
    "Kansli och administration": [
        ("KAN1", "Förbundschef (köpt tjänst från Ådalens kommun)", 960_000, D("1.025"), "7020", None, "m"),
        ("KAN2", "Administratör 25 %", 160_000, D("1.025"), "7021", None, "m"),
        ("KAN3", "Lokaler", 90_000, D("1.02"), "5010", None, "q"),
        ("KAN4", "IT och telefoni", 45_000, D("1.02"), "6210", None, "m"),
        ("KAN5", "Ekonomi- och redovisningstjänster", 110_000, D("1.02"), "6550", None, "m"),
        ("KAN6", "Medlemsavgift NNS och andra avgifter", 15_000, D("1.00"), "7690", None, "y:2"),
        ("KAN7", "Information och hemsida", 40_000, D("1.00"), "6110", None, "m"),
    ],
    "Revision": [
        ("REV1", "Revision", 85_000, D("1.02"), "6420", None, "y:4"),
    ],
    "Strukturella insatser": [
        ("STR1", "Insatskatalogen", 60_000, D("1.00"), "4000/210", None, "m"),
        ("STR2", "Frukostseminarier och gemensamma forum", 80_000, D("1.00"), "4000/220", None, "y:3,5,9,10"),
        ("STR3", "Kompetensutveckling – gemensamma utbildningar", 120_000, D("1.00"), "4000/230", None, "y:4,10"),
        ("STR4", "Utvecklingsledare 50 %", 380_000, D("1.025"), "4000/240", None, "m"),
    ],
}

INSATSER = [
    # kod, namn, huvudman, samverkansparter, budget, index of the granting § (core.NOVEMBER_PARAGRAPHS)
    (
        "IND1",
        "Myndighetsgemensamt team",
        "Ådalens kommun",
        "Försäkringskassan, Arbetsförmedlingen, Region Mellanland",
        1_600_000,
        0,
    ),
    (
        "IND2",
        "Arbetskonsulent för personer med aktivitetsersättning",
        "Ådalens kommun, Arbetsmarknadsenheten",
        "Försäkringskassan",
        720_000,
        1,
    ),
    ("IND3", "Försäkringsutredare från Försäkringskassan (25 %)", "Försäkringskassan", "Ådalens kommun", 163_549, 2),
    ("IND4", "Psykolog i Arbetsmarknadstorget", "Norrviks kommun", "Arbetsförmedlingen, Region Mellanland", 900_000, 3),
    (
        "IND5",
        "IPS – arbetslivsinriktad rehabilitering",
        "Region Mellanland",
        "Sjöbacka kommun, Arbetsförmedlingen",
        640_000,
        3,
    ),
]
#: Years an insats has run before the budget year (the team since three years, the psykolog since last year).
INSATS_SINCE = {"IND1": 3, "IND2": 2, "IND4": 1}
NEW_INSATSER = ("IND6", "Nya insatser 2026 (utlysning våren)", 500_000)
TEAM_PARTS = [
    ("IND1A", "Försäkringskassan, fakturerat", "4010/310"),
    ("IND1B", "Arbetsförmedlingen, fakturerat", "4020/310"),
    ("IND1C", "Ådalens kommun, fakturerat", "4030/310"),
]


def _wobble(key: str, spread: int = 12) -> D:
    """A stable pseudo-random factor 1 ± spread % for invented utfall."""
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return D(100 + (h % (2 * spread + 1)) - spread) / 100


def _months_for(pattern: str, last_month: int) -> list[int]:
    if pattern == "m":
        return list(range(1, last_month + 1))
    if pattern == "q":
        return [m for m in (3, 6, 9, 12) if m <= last_month]
    if pattern.startswith("y:"):
        return [int(x) for x in pattern[2:].split(",") if int(x) <= last_month]
    return []


#: Kostnadsställe (dimension 1) of each cost section's accounts; the insatser's accounts carry theirs (4000/310).
SECTION_KST = {"Styrelse": "100", "Kansli och administration": "110", "Revision": "120"}
#: Income accounts per source: the state (Försäkringskassan's driftbidrag) and each member, and interest.
INCOME = (
    ("3010", "Driftbidrag från staten (Försäkringskassan)", D("0.5")),
    ("3020", "Medlemsbidrag Region Mellanland", D("0.25")),
    ("3030", "Medlemsbidrag Ådalens kommun", D("0.11")),
    ("3031", "Medlemsbidrag Norrviks kommun", D("0.0675")),
    ("3032", "Medlemsbidrag Sjöbacka kommun", D("0.0725")),
)


def booked_months(year: int, today: date | None = None) -> int:
    """The months of ``year`` the ekonomisystem has closed by today: to the last complete month (all twelve for a
    past year, none for a future one)."""
    today = today or clock.today()
    return today.month - 1 if today.year == year else (12 if today.year > year else 0)


def cost_plan() -> list[tuple[str, str, str, str, D, str]]:
    """(kod, namn, konto, kostnadsställe, annual amount, utfall pattern) of every line the utfall is booked on."""
    out = []
    for section_name, rows in COSTS.items():
        for kod, namn, amount, _growth, konto, _cls, pattern in rows:
            account, _, kst = konto.partition("/")
            out.append((kod, namn, account, kst or SECTION_KST[section_name], D(amount), pattern))
    for kod, namn, _huvudman, _parter, amount, _paragraph in INSATSER[1:]:
        out.append((kod, namn, "4000", str(300 + int(kod[3:]) * 10), D(amount), "q"))
    for kod, namn, konto in TEAM_PARTS:
        account, _, kst = konto.partition("/")
        out.append((kod, f"Myndighetsgemensamt team, {namn}", account, kst, D(1_600_000) / 3, "q"))
    nkod, nnamn, namount = NEW_INSATSER
    out.append((nkod, nnamn, "4000", "390", D(namount), "y:10"))
    return out


def utfall_rows(year: int, last_month: int, scale: D = D(1)) -> list[tuple[str, str, int, D]]:
    """The demo's utfall (konto, kostnadsställe, month, amount; costs and income both positive) from January to
    ``last_month``: what the ekonomisystem exports and what the demo books hold. ``scale`` scales the costs (the
    years before the budget year were a little cheaper)."""
    out = []
    for kod, _namn, account, kst, annual, pattern in cost_plan():
        months = _months_for(pattern, last_month)
        if kod == "IND4":
            months = [m for m in months if m not in (3,)]  # vacancy: Q1 invoice reduced below
        per_period = {"m": annual / 12, "q": annual / 4}.get(
            pattern, annual / max(1, len(pattern[2:].split(","))) if pattern.startswith("y:") else annual
        )
        for m in months:
            factor = _wobble(f"{kod}-{m}-{year}" if scale != 1 else f"{kod}-{m}")
            if kod == "IND4" and m == 6:
                factor = D("0.55")
            if kod == "STR4" and m >= 7:
                factor = D("1.18")
            out.append((account, kst, m, (per_period * factor * scale).quantize(D("0.01"))))
    for m in range(1, last_month + 1):
        if m in (1, 4, 7, 10):
            for konto, _namn, share in INCOME:
                out.append((konto, "", m, (STATE_ALLOCATION * 2 * share / 4).quantize(D("0.01"))))
        out.append(("8310", "", m, (D(5000) / 12 * _wobble(f"r{m}")).quantize(D("0.01"))))
    return out


def build(services: Services, year: int) -> None:
    bs = services.budget
    bs.settings.save_year_settings(
        YearSettings(
            year,
            STATE_ALLOCATION,
            date(year - 1, 11, 19),
            EK_OPENING,
            "Enligt årsredovisningen för föregående år (fastställd i mars).",
        )
    )
    doc = bs.versions.create_budget(year, f"Budget {year} med plan för {year + 1} och {year + 2}")
    bid = doc.info.id
    sections = {s.namn: s for s in doc.sections}
    pos = 100
    # Member lines come from the template; plan years unchanged (contributions are not uplifted).
    bs.lines.save_line(
        bid,
        Line(0, sections["Övriga intäkter"].id, "OVR1", "Ränteintäkter", None, None, pos, D(5_000), D(5_000), D(5_000)),
    )
    mapping = {"3010": "MA1", "3020": "MA2", "3030": "MA3", "3031": "MA4", "3032": "MA5", "8310": "OVR1"}
    patterns: dict[str, tuple[D, str]] = {}
    for section_name, rows in COSTS.items():
        for kod, namn, amount, growth, konto, cls, pattern in rows:
            pos += 1
            a = D(amount)
            bs.lines.save_line(
                bid,
                Line(
                    0,
                    sections[section_name].id,
                    kod,
                    namn,
                    cls,
                    None,
                    pos,
                    a,
                    (a * growth).quantize(D(1)),
                    (a * growth * growth).quantize(D(1)),
                ),
            )
            mapping[konto] = kod
            patterns[kod] = (a, pattern)
    ind = sections["Individinriktade insatser"]
    insats_ids = {}
    for kod, namn, huvudman, parter, amount, _paragraph in INSATSER:
        ins = bs.insatser.save_insats(
            Insats(
                0,
                namn,
                huvudman,
                parter,
                date(year - INSATS_SINCE.get(kod, 0), 1, 1),
                date(year + 1, 12, 31) if kod == "IND1" else date(year, 12, 31),
                LineClass.INDIVIDINRIKTAD,
                kod,
                InsatsStatus.PAGAENDE,
            )
        )
        insats_ids[kod] = ins.id
        pos += 1
        plan1 = D(amount) if kod in ("IND1", "IND2", "IND4") else D(0)
        plan2 = D(amount) if kod == "IND4" else D(0)
        bs.lines.save_line(bid, Line(0, ind.id, kod, namn, None, None, pos, D(amount), plan1, plan2, insats_id=ins.id))
        patterns[kod] = (D(amount), "q")
        mapping[f"4000/{300 + int(kod[3:]) * 10}"] = kod
    team = bs.versions.budget(bid).line("IND1")
    for kod, namn, konto in TEAM_PARTS:
        pos += 1
        bs.lines.save_line(bid, Line(0, ind.id, kod, namn, None, team.id, pos))
        mapping[konto] = kod
        patterns[kod] = (D(1_600_000) / 3, "q")
    del mapping["4000/310"]
    patterns.pop("IND1")
    pos += 1
    nkod, nnamn, namount = NEW_INSATSER
    bs.lines.save_line(bid, Line(0, ind.id, nkod, nnamn, None, None, pos, D(namount), D(1_200_000), D(3_100_000)))
    mapping["4000/390"] = nkod
    patterns[nkod] = (D(namount), "y:10")
    bs.utfall.save_mapping("standard", mapping)

    choices = bs.versions.agenda_choices(year)
    budget_item = next(
        (c for c in choices if "budget" in c.label.lower() and c.label.split(" – ")[0].count(str(year - 1))), None
    )
    bs.versions.adopt_budget(
        bid,
        november_meeting(year - 1),
        budget_item.id if budget_item else None,
        "" if budget_item else november_reference(year - 1, "budget"),
    )
    # Last year's budget, fastställd the November before: the årsredovisning's driftredovisning and its goal on
    # individinriktade insatser compare last year's books with it (the demo's books are at the same scale).
    last = bs.versions.create_budget(year - 1, f"Budget {year - 1} med plan för {year} och {year + 1}", copy_from=bid)
    bs.versions.adopt_budget(last.info.id, november_meeting(year - 2), None, november_reference(year - 2, "budget"))

    # Grants and payouts: half at avtal (signed in January), the rest after the redovisning next year.
    for kod, _namn, _huvudman, _parter, amount, paragraph in INSATSER:
        villkor = (
            "Under förutsättning att förbundet får bidrag från huvudmännen för " + str(year + 1)
            if kod == "IND1"
            else ""
        )
        g = bs.grants.add_grant(
            insats_ids[kod], year, D(amount), beslut_text=november_reference(year - 1, "insatser", paragraph)
        )
        if kod == "IND1":
            bs.grants.add_grant(
                insats_ids[kod],
                year + 1,
                D(1_600_000),
                beslut_text=november_reference(year - 1, "insatser", paragraph),
                villkor=villkor,
            )
        signed = date(year, 1, 12 + int(kod[3:]) * 2)
        g = bs.grants.set_grant_dates(g.id, signed, None)
        bs.grants.mark_paid(g.payments[0].id, date(year, 1, 31) if signed.day < 25 else date(year, 2, 15))
    # Last year's grants to the insatser that ran then (the årsredovisning lists them), paid in full.
    last_year = {kod: round(amount * 0.95, -4) for kod, _n, _h, _p, amount, _i in INSATSER if INSATS_SINCE.get(kod)}
    last_year["IND1"] = 1_480_000
    for n, (kod, amount) in enumerate(sorted(last_year.items())):
        beslut = f"§ {88 + n}, {year - 2}-11-25"
        g = bs.grants.add_grant(insats_ids[kod], year - 1, D(amount), beslut_text=beslut)
        g = bs.grants.set_grant_dates(g.id, date(year - 1, 1, 20), date(year, 3, 20))
        for p in g.payments:
            bs.grants.mark_paid(p.id, date(year - 1, 1, 31) if p.seq == 1 else date(year, 3, 31))

    # Utfall month by month from the ekonomisystem, January to the last complete month (the same rows the demo
    # books have).
    last_month = booked_months(year)
    lines = ["Konto;Kostnadsställe;Period;Belopp"]
    for konto, kst, m, amount in utfall_rows(year, last_month):
        lines.append(f"{konto};{kst};{year}-{m:02d};{str(amount).replace('.', ',')}")
    if last_month:
        bs.utfall.import_utfall("\n".join(lines).encode("utf-8"), f"huvudbok-{year}-01--{last_month:02d}.csv")
    # The förbundschef periodises what is not booked evenly: the members pay per quarter in advance, arvoden
    # and lokaler are invoiced per quarter afterwards, single invoices fall in their month.
    for kod in ("MA1", "MA2", "MA3", "MA4", "MA5"):
        bs.periodisation.set_profile(year, kod, "kvartal i förskott")
    for rows in COSTS.values():
        for kod, _namn, _budget, _growth, _konto, _cls, pattern in rows:
            if pattern == "q":
                bs.periodisation.set_profile(year, kod, "kvartal i efterskott")
            elif pattern.startswith("y:"):
                bs.periodisation.set_profile(year, kod, "månader: " + ", ".join(pattern[2:].split(",")))

    # Quarterly follow-ups with overrides and comments, as reported to the styrelse.
    q1 = bs.followup.create_followup(year, date(year, 3, 31), "Redovisad för styrelsen i april.")
    bs.followup.save_followup_entry(
        q1.id, LineFollowup("REV1", prognos=D(0), prognos_comment="Revisionen faktureras i april.")
    )
    bs.followup.save_followup_entry(q1.id, LineFollowup("STY1", utfall_note="Faktureras per kvartal"))
    q2 = bs.followup.create_followup(year, date(year, 6, 30), "Delårsrapport, redovisad för styrelsen i augusti.")
    bs.followup.save_followup_entry(
        q2.id,
        LineFollowup(
            "IND4", helar=D(760_000), helar_comment="Psykologtjänsten vakant februari–april; rekryterad från maj."
        ),
    )
    q3 = bs.followup.create_followup(year, date(year, 9, 30), "Budgetuppföljning till styrelsens möte i oktober.")
    bs.followup.save_followup_entry(
        q3.id,
        LineFollowup(
            "IND4", helar=D(760_000), helar_comment="Psykologtjänsten vakant februari–april; rekryterad från maj."
        ),
    )
    bs.followup.save_followup_entry(
        q3.id,
        LineFollowup(
            "STR4", helar=D(430_000), helar_comment="Utökad tid för utvecklingsledaren från juli enligt beslut § 61."
        ),
    )
    bs.followup.save_followup_entry(
        q3.id,
        LineFollowup(
            "IND6", helar=D(300_000), helar_comment="Två nya insatser beviljade i september; start i november."
        ),
    )
