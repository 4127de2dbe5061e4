"""Demo årsredovisning: five years of books for Samordningsförbundet Exempelbygden (the five years before the demo
year) and the demo year's books to the last complete month, generated as SIE 4E files that balance and chain (each
year opens with the last one's closing balances) and imported through the service, the förvaltningsberättelse
pre-filled, and the latest year adopted at the March meeting's § "Årsredovisning" when that meeting has been held.

The books are the demo budget's utfall (``budget.utfall_rows``): the budget's accounts with its kostnadsställen
(dimension 1), so the standard utfall mapping takes every result row to a budget line, and one income account per
source (the state's driftbidrag, the region and each kommun). The demo year's books replace the budget's imported
utfall with the very same rows (no doubling); the earlier years have no budget and feed nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.arsredovisning.sie_generate import closing_balances, generate_books
from finsam_desktop.services.budget.dto import YearSettings
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.budget import (
    EK_OPENING,
    INCOME,
    SECTION_KST,
    STATE_ALLOCATION,
    booked_months,
    cost_plan,
    utfall_rows,
)
from finsam_desktop.services.demo.core import FORBUND

YEARS = 5
#: Costs of the years before the budget year relative to it (the förbund grew into its budget).
SCALE = {1: Decimal("0.96"), 2: Decimal("0.95"), 3: Decimal("0.97"), 4: Decimal("0.94"), 5: Decimal("0.93")}
ANSTALLDA = {
    0: Decimal("2.5"),
    1: Decimal("2.5"),
    2: Decimal("2.25"),
    3: Decimal("2.25"),
    4: Decimal("2"),
    5: Decimal("2"),
}


def tilldelat(year: int) -> int:
    """The year's tilldelade medel (kr) in the demo books: the state's driftbidrag and the members' equal part."""
    return int(STATE_ALLOCATION * 2)


def kontoplan() -> dict[str, tuple[str, str]]:
    out = {konto: (namn, "I") for konto, namn, _share in INCOME}
    out["8310"] = ("Ränteintäkter", "I")
    names = {"4000": "Köp av insatser och tjänster", "4010": "Köp av tjänster från Försäkringskassan",
             "4020": "Köp av tjänster från Arbetsförmedlingen", "4030": "Köp av tjänster från kommuner"}  # fmt: skip
    for _kod, namn, konto, _kst, _amount, _pattern in cost_plan():
        out.setdefault(konto, (names.get(konto, namn), "K"))
    return {k: (v[0].replace("–", "-"), v[1]) for k, v in sorted(out.items())}  # CP437 has no en dash


def kostnadsstallen() -> dict[str, str]:
    out = {kst: section for section, kst in SECTION_KST.items()}
    for kod, namn, konto, kst, _amount, _pattern in cost_plan():
        if konto.startswith("4"):
            out.setdefault(kst, f"{kod[:4]} {namn}"[:60].replace("–", "-"))
    return dict(sorted(out.items()))


def _rows(year: int, last_month: int, scale: Decimal) -> list[tuple[str, str, int, int]]:
    income = {konto for konto, _n, _s in INCOME} | {"8310"}
    return [
        (konto, kst, m, int(amount * 100) * (-1 if konto in income else 1))
        for konto, kst, m, amount in utfall_rows(year, last_month, scale)
    ]


def _opening(equity_ore: int) -> dict[str, int]:
    return {"1930": equity_ore + 280_000_00, "2440": -280_000_00, "2081": -equity_ore}


def _books(year: int, last_month: int, equity_ore: int) -> list[tuple[int, bytes]]:
    """The years before ``year`` and ``year`` to ``last_month``, chained from ``equity_ore`` at the first start."""
    ib = _opening(equity_ore)
    out = []
    for y in range(year - YEARS, year + 1):
        scale = SCALE.get(year - y, Decimal(1))
        data = generate_books(
            y,
            _rows(y, 12 if y < year else last_month, scale),
            kontoplan(),
            ib,
            (FORBUND["namn"], FORBUND["orgnr"]),
            kostnadsstallen(),
            12 if y < year else last_month,
        )
        ib = closing_balances(data)
        out.append((y, data))
    return out


def _equity_ore(data: bytes) -> int:
    return -sum(v for k, v in closing_balances(data).items() if k.startswith("20"))


def build(services: Services, year: int, today: date | None = None) -> None:
    today = today or clock.today()
    ar = services.arsredovisning
    last_month = booked_months(year, today)
    target = services.budget.settings.year_settings(year).ek_opening
    target_ore = int((target if target is not None else EK_OPENING) * 100)
    # One truth: the books close the year before at the eget kapital the demo budget opens the year with (the
    # results do not depend on the opening balances, so one shift of the first year's opening equity does it).
    books = _books(year, last_month, target_ore)
    books = _books(year, last_month, 2 * target_ore - _equity_ore(books[-2][1]))
    for y, data in books:
        if y == year and last_month < 1:
            continue
        ar.books.import_sie(data, f"exempelbygden-{y}.se")
        ar.books.set_anstallda(y, ANSTALLDA[year - y])
        if services.budget.settings.year_settings(y).state_allocation is None:
            services.budget.settings.save_year_settings(YearSettings(y, state_allocation=STATE_ALLOCATION))
        ar.texts.sections(y)
        _flows(services, year, y, 12 if y < year else last_month)
    _adopt_at_march_meeting(services, year, today)


#: Deltagarflöden per insats and full year (shaped like S003's Bilaga): aktuella deltagare, avslutade, share of
#: kvinnor (per cent of those who give their kön), anonyma, and the avslutade's share per avslutsanledning.
FLOWS = {
    "IND1": (104, 46, 58, 6),
    "IND2": (34, 15, 47, 0),
    "IND3": (41, 22, 62, 2),
    "IND4": (58, 21, 66, 4),
    "IND5": (27, 9, 52, 0),
}
AVSLUT = (("Arbete", 30), ("Studier", 14), ("Arbetssökande", 12), ("Fortsatt rehabilitering", 26), ("Sjukdom", 10))


def _flows(services: Services, year: int, y: int, months: int) -> None:
    """The year's deltagarflöden for the insatser that ran in ``y`` (``months`` of it for the demo year); none for a
    year that has Verksamhet's deltagare statistics (the demo year: they are the flows then)."""
    if months < 1 or services.verksamhet.deltagare.periods(year=y):
        return
    for insats in services.budget.insatser.list_insatser():
        base = FLOWS.get(insats.budget_kod)
        if base is None or insats.start is None or insats.start.year > y:
            continue
        aktuella, avslutade, kvinnor_pct, anonyma = base
        growth = Decimal(1) + Decimal("0.06") * (y - insats.start.year) - Decimal("0.03") * (year - y)
        inskrivna = int(aktuella * growth * (Decimal(months + 12) / 24))
        avslutade = int(avslutade * growth * months / 12)
        annat = min(anonyma, inskrivna)
        kvinnor = (inskrivna - annat) * kvinnor_pct // 100
        avslut = [(reason, avslutade * share // 100) for reason, share in AVSLUT]
        avslut.append(("Övrigt", avslutade - sum(n for _r, n in avslut)))
        services.arsredovisning.documents.save_flow(
            y,
            insats.id,
            FlowRow(insats.namn, inskrivna, avslutade, kvinnor, inskrivna - annat - kvinnor, annat, tuple(avslut)),
        )


def _adopt_at_march_meeting(services: Services, year: int, today: date) -> None:
    meetings = [
        m
        for m in services.meetings.meetings.list_meetings(year)
        if m.datum.month == 3 and m.datum < today and m.organ_namn.lower().startswith("styrelse")
    ]
    for m in meetings:
        detail = services.meetings.meetings.get_meeting(m.id)
        item = next((i for i in detail.items if i.rubrik.startswith("Årsredovisning")), None)
        if item is not None:
            services.arsredovisning.documents.adopt(year - 1, item.id)
            return
