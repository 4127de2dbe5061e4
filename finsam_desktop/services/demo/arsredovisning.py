"""Demo årsredovisning: five years of books for Samordningsförbundet Exempelbygden (the five years before the demo
year), generated as SIE 4E files that balance and chain (each year opens with the last one's closing balances),
imported through the service, the förvaltningsberättelse pre-filled, and the latest year adopted at the March
meeting's § "Årsredovisning" when that meeting has been held. Small on purpose (a few hundred verifikationer a
year): the demo is built in many tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.sie_generate import IB, closing_balances, generate_year
from finsam_desktop.services.budget.dto import YearSettings
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.core import FORBUND

YEARS = 5
VERIFIKATIONER = 300


def tilldelat(year: int) -> int:
    """The year's tilldelade medel (kr) in the demo books: a little under the costs some years, over in others."""
    return 8_200_000 + 100_000 * (year % 4)


def _books(year: int, shift_ore: int = 0) -> list[tuple[int, bytes]]:
    """The five years' SIE files, chained; ``shift_ore`` more eget kapital (and bank) at the first year's start."""
    opening = dict(IB)
    opening["2081"] -= shift_ore  # eget kapital is a credit: more equity is a more negative balance
    opening["1930"] += shift_ore
    ib: dict[str, int] | None = opening
    out = []
    for y in range(year - YEARS, year):
        data = generate_year(
            y, VERIFIKATIONER, seed=y, ib=ib, forbund=(FORBUND["namn"], FORBUND["orgnr"]), tilldelat_kr=tilldelat(y)
        )
        ib = closing_balances(data)
        out.append((y, data))
    return out


def _equity_ore(data: bytes) -> int:
    return -sum(v for k, v in closing_balances(data).items() if k.startswith("20"))


def build(services: Services, year: int, today: date | None = None) -> None:
    today = today or clock.today()
    ar = services.arsredovisning
    books = _books(year)
    # One truth: the books close the year before at the eget kapital the demo budget opens the year with (the
    # results do not depend on the opening balances, so one shift of the first year's opening equity does it).
    target = services.budget.settings.year_settings(year).ek_opening
    if target is not None:
        books = _books(year, int(target * 100) - _equity_ore(books[-1][1]))
    for y, data in books:
        ar.books.import_sie(data, f"exempelbygden-{y}.se")
        ar.books.set_anstallda(y, Decimal("2.5") if y % 2 else Decimal("2.75"))
        if services.budget.settings.year_settings(y).state_allocation is None:
            services.budget.settings.save_year_settings(YearSettings(y, state_allocation=Decimal(tilldelat(y)) / 2))
        ar.texts.sections(y)
    _adopt_at_march_meeting(services, year, today)


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
