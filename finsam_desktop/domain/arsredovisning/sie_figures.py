"""Figures derived from a checked ``SieFile`` for the statements and for Budget (pure functions).

Amounts keep the sign of the books (debet positive): costs and assets are positive, intäkter, skulder and eget
kapital negative. Months are ``(year, month)`` of the verifikation's date (the date its period is booked in).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.sie_model import SieFile

ZERO = Decimal(0)

#: The dimension the standard reserves for kostnadsställe / resultatenhet.
KOSTNADSSTALLE = 1


def movements(sie: SieFile) -> dict[str, Decimal]:
    """The year's movement per account: the booked rows of the verifikationer (when the file has them), else #RES for
    result accounts and UB − IB for balance accounts."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    if sie.verifikationer:
        for ver in sie.verifikationer:
            for t in ver.transactions:
                if t.kind == "TRANS":
                    out[t.account] += t.amount
        return dict(out)
    ib, ub = sie.balances("IB"), sie.balances("UB")
    for account in set(ib) | set(ub):
        out[account] = ub.get(account, ZERO) - ib.get(account, ZERO)
    for account, amount in sie.balances("RES").items():
        out[account] = amount
    return dict(out)


def year_end_balances(sie: SieFile) -> dict[str, Decimal]:
    """Per account at the end of year 0: IB + movements for balance accounts, the year's result for result
    accounts. (The checks have made sure this equals the file's #UB and #RES when it has them.)"""
    out = dict(movements(sie))
    for account, amount in sie.balances("IB").items():
        if sie.is_balance(account):
            out[account] = out.get(account, ZERO) + amount
    return {a: v for a, v in sorted(out.items()) if v != 0 or a in sie.balances("UB")}


def monthly_movements(sie: SieFile) -> dict[tuple[str, int, int], Decimal]:
    """``{(account, year, month): movement}`` from the verifikationer, else from the #PSALDO rows without objects."""
    out: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
    if sie.verifikationer:
        for ver in sie.verifikationer:
            for t in ver.transactions:
                if t.kind == "TRANS":
                    out[(t.account, ver.datum.year, ver.datum.month)] += t.amount
    else:
        for p in sie.period_balances:
            if p.year == 0 and not p.objects:
                out[(p.account, int(p.period[:4]), int(p.period[4:]))] += p.amount
    return dict(out)


def monthly_balances(sie: SieFile) -> dict[tuple[str, int, int], Decimal]:
    """Balance-sheet accounts at the end of each month of year 0: IB plus the movements up to that month."""
    year = sie.year(0)
    if year is None:
        return {}
    months = []
    y, m = year.start.year, year.start.month
    while (y, m) <= (year.end.year, year.end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    moved = monthly_movements(sie)
    ib = sie.balances("IB")
    accounts = {a for a in ib if sie.is_balance(a)} | {a for a, _, _ in moved if sie.is_balance(a)}
    out = {}
    for account in sorted(accounts):
        running = ib.get(account, ZERO)
        for y, m in months:
            running += moved.get((account, y, m), ZERO)
            out[(account, y, m)] = running
    return out


@dataclass(frozen=True, slots=True)
class UtfallRow:
    """One row of utfall as Budget imports it: kostnadsställe ("" when the row has none), konto, year, month."""

    kostnadsstalle: str
    konto: str
    year: int
    month: int
    amount: Decimal


def utfall(sie: SieFile, dimension: int = KOSTNADSSTALLE) -> list[UtfallRow]:
    """The result accounts' outcome per kostnadsställe, konto and month, sorted; rows that sum to 0 are left out.

    From the verifikationer when the file has them; else from #PSALDO: the rows with one object of ``dimension``,
    and what the row without objects has beyond them on "" (no kostnadsställe)."""
    sums: dict[tuple[str, str, int, int], Decimal] = defaultdict(Decimal)
    if sie.verifikationer:
        for ver in sie.verifikationer:
            for t in ver.transactions:
                if t.kind != "TRANS" or sie.is_balance(t.account):
                    continue
                ks = next((o for d, o in t.objects if d == dimension), "")
                sums[(ks, t.account, ver.datum.year, ver.datum.month)] += t.amount
    else:
        total: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
        placed: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
        for p in sie.period_balances:
            if p.year != 0 or sie.is_balance(p.account):
                continue
            key = (p.account, int(p.period[:4]), int(p.period[4:]))
            if not p.objects:
                total[key] += p.amount
            elif len(p.objects) == 1 and p.objects[0][0] == dimension:
                sums[(p.objects[0][1], *key)] += p.amount
                placed[key] += p.amount
        for key, amount in total.items():
            sums[("", *key)] += amount - placed.get(key, ZERO)
    return [UtfallRow(ks, konto, y, m, amount) for (ks, konto, y, m), amount in sorted(sums.items()) if amount != 0]
