"""The demo's deltagare statistics: per insats and month for the demo year and the two years before it (January to
the last complete month of the demo year), one export of the follow-up system per year, and the earlier years' goals
measured from them at each quarter's end (the demo year's goals are typed in ``verksamhet``).

One flow model keeps the figures consistent from month to month and year to year: the pågående at a month's end are
the pågående before it plus the inskrivna less the avslutade; each month about one in ``stay`` of the pågående is
avslutad (the average time in the insats), an insats starts empty, and one that ends stops taking in deltagare three
months before its slut and avslutar the rest by then. Kön and avslutsanledningar keep to their shares over time, anvisare spread over the
members, like seed 002's lägesrapport and seed 003's Tabell 6 (every count adds up). All figures invented."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

from finsam_desktop.domain.verksamhet.indicators import Measurement, Period
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.budget import booked_months
from finsam_desktop.services.verksamhet.dto import VerksamhetInsats

#: Years of statistics: the demo year and the ones before it.
YEARS = 3

#: Per insats (budget kod, or the name of an insats without one): inskrivna per month, average stay in months,
#: share of kvinnor in per cent, annat kön per year, pågående in January of the first year of statistics (when the
#: insats ran before it).
FLOW = {
    "IND1": (6, 10, 56, 3, 34),
    "IND2": (2, 12, 48, 0, 0),
    "IND3": (3, 5, 62, 1, 0),
    "IND4": (4, 6, 66, 2, 0),
    "IND5": (2, 12, 52, 0, 0),
}
#: Avslut per avslutsanledning in per cent (the rest is Övrigt): about a quarter to arbete or studier, as in seed 002
#: (MIA: 20 % against the target 30).
REASONS = (("arbete", 18), ("studier", 8), ("annan_insats", 20), ("fortsatt_rehabilitering", 36), ("sjukdom", 12))
ANVISARE = ("Försäkringskassan", "Arbetsförmedlingen", "Ådalens kommun", "Norrviks kommun", "Region Mellanland")

#: Goals of the years before the demo year, measured from the statistics: (insats kod or None for the förbund,
#: indicator, target per year offset (1 = last year, 2 = the year before)).
HISTORY_GOALS = (
    (None, "erbjudna_deltagare", {2: D(180), 1: D(240)}),
    ("IND1", "arbete_studier", {2: D(30), 1: D(30)}),
    ("IND1", "stegforflyttning", {2: D(40), 1: D(40)}),
    ("IND2", "arbete_studier", {2: D(25), 1: D(25)}),
)
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


def _h(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def _vary(base: int, key: str, spread: int = 2) -> int:
    return max(0, base + _h(key) % (2 * spread + 1) - spread)


@dataclass(frozen=True)
class Month:
    period: date
    inskrivna: int
    pagaende: int  # at the month's end
    avslutade: int
    kvinnor: int
    man: int
    annat: int
    stegforflyttning: int
    avslut: tuple[int, ...]  # per REASONS, then övrigt
    anvisade: tuple[int, ...]  # per ANVISARE


def _months(first: date, year: int, last_month: int) -> list[date]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (year, last_month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def simulate(insats: VerksamhetInsats, flow: tuple[int, int, int, int, int], year: int, last_month: int) -> list[Month]:
    """The insats's months from the first year of statistics (or its start) to ``last_month`` of ``year`` (or its
    slut)."""
    inskrivna, stay, kvinnor_pct, annat_year, opening = flow
    first_year = year - YEARS + 1
    started_before = insats.start is not None and insats.start < date(first_year, 1, 1)
    first = date(first_year, 1, 1) if started_before or insats.start is None else insats.start.replace(day=1)
    active = opening if started_before else 0
    out = []
    # Kön and avslutsanledning are handed out so that the running totals keep to their shares (largest deficit
    # first): every month varies, every year comes out near the shares.
    people = kvinnor_total = 0
    shares = [share for _kod, share in REASONS] + [100 - sum(share for _kod, share in REASONS)]  # then Övrigt
    ended, per_reason = 0, [0] * len(shares)
    for period in _months(first, year, last_month):
        if insats.slut is not None and period > insats.slut:
            break
        key = f"{insats.budget_kod or insats.namn}-{period:%Y-%m}"
        left = None if insats.slut is None else (insats.slut.year - period.year) * 12 + insats.slut.month - period.month
        ins = 0 if left is not None and left < 3 else _vary(inskrivna, key + "i")
        if left is not None and left < 3:
            avs = -(-active // (left + 1))  # the last deltagare are avslutade by the slut
        else:
            avs = min(_vary(active // stay, key + "a", 1), active)
        annat = 1 if annat_year and period.month % (12 // annat_year) == 0 and ins else 0
        kvinnor = 0
        for _n in range(ins - annat):
            people += 1
            if people * kvinnor_pct / 100 - kvinnor_total >= 0.5:
                kvinnor, kvinnor_total = kvinnor + 1, kvinnor_total + 1
        after = active + ins - avs
        steg = min(_vary(active // 12, key + "s", 1), active + ins)
        avslut = [0] * len(shares)
        for n in range(avs):
            ended += 1
            deficit = [ended * share / 100 - have for share, have in zip(shares, per_reason)]
            # the largest deficit, ties broken by a draw so that equal shares take turns unevenly
            i = max(range(len(shares)), key=lambda j: (round(deficit[j], 6), _h(f"{key}r{n}{j}")))
            per_reason[i] += 1
            avslut[i] += 1
        anvisade = [0] * len(ANVISARE)
        for n in range(ins):
            anvisade[_h(f"{key}-{n}") % len(ANVISARE)] += 1
        out.append(
            Month(period, ins, after, avs, kvinnor, ins - annat - kvinnor, annat, steg, tuple(avslut), tuple(anvisade))
        )
        active = after
    return out


def _export(rows: list[tuple[VerksamhetInsats, Month]]) -> bytes:
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
    for insats, m in rows:
        row = [insats.namn, f"{m.period:%Y-%m}", m.inskrivna, m.pagaende, m.avslutade, m.kvinnor, m.man, m.annat]
        lines.append(";".join(str(c) for c in (*row, m.stegforflyttning, *m.avslut, *m.anvisade)))
    return ("\n".join(lines) + "\n").encode("utf-8")


def build(
    services: Services, year: int, insatser: list[VerksamhetInsats], flows: dict[str, tuple[int, int, int, int, int]]
) -> dict[str, list[Month]]:
    """Import the statistics of the demo year and the years before it (one file per year, as the follow-up system
    exports them) for ``insatser`` with a flow in ``flows`` (by budget kod, else name; ``FLOW`` and the caller's
    own), and measure the earlier years' goals; returns the months per budget kod (or name)."""
    last_month = booked_months(year)
    months: dict[str, list[Month]] = {}
    per_year: dict[int, list[tuple[VerksamhetInsats, Month]]] = {}
    for insats in insatser:
        key = insats.budget_kod or insats.namn
        flow = flows.get(key)
        if flow is None:
            continue
        months[key] = simulate(insats, flow, year, last_month)
        for m in months[key]:
            per_year.setdefault(m.period.year, []).append((insats, m))
    for y, rows in sorted(per_year.items()):
        last = 12 if y < year else last_month
        services.verksamhet.deltagare.import_file(_export(rows), f"uppfoljning-finsam-{y}-01--{last:02d}.csv")
    _history_goals(services, year, {i.budget_kod: i for i in insatser if i.budget_kod}, months)
    return months


def _history_goals(
    services: Services, year: int, by_kod: dict[str, VerksamhetInsats], months: dict[str, list[Month]]
) -> None:
    up = services.verksamhet.uppfoljning
    for offset in range(YEARS - 1, 0, -1):
        y = year - offset
        for kod, indikator, targets in HISTORY_GOALS:
            insats = by_kod.get(kod) if kod else None
            series = [months.get(kod, [])] if kod else list(months.values())
            if (kod and insats is None) or not any(m.period.year == y for s in series for m in s):
                continue
            goal = up.goal_from_indicator(indikator, targets[offset], Period.year(y), insats.id if insats else None)
            goal = up.save_goal(goal)
            for month, day in QUARTER_ENDS:
                in_year = [[m for m in s if m.period.year == y and m.period.month <= month] for s in series]
                m = _measure(indikator, date(y, month, day), in_year)
                if m.namnare != 0:
                    up.save_measurement(goal.id, m)


def _measure(indikator: str, per: date, series: list[list[Month]]) -> Measurement:
    """The indicator at ``per`` from the year's months to then: participants (pågående at the start of the year and
    inskrivna since), the share of the avslutade who went to arbete or studier, or the share of the participants
    with a stegförflyttning."""
    participants = sum(
        s[0].pagaende - s[0].inskrivna + s[0].avslutade + sum(m.inskrivna for m in s) for s in series if s
    )
    if indikator == "erbjudna_deltagare":
        return Measurement(per, D(participants), None, None)
    if indikator == "arbete_studier":
        avslutade = sum(m.avslutade for s in series for m in s)
        to_work = sum(m.avslut[0] + m.avslut[1] for s in series for m in s)
        return Measurement(per, None, to_work, avslutade)
    steg = sum(m.stegforflyttning for s in series for m in s)
    return Measurement(per, None, min(steg, participants), participants)
