"""The strict checks of a read SIE file: does it add up?

``check(sie)`` returns every problem (with its line) that refuses the file:

- every verifikation balances (its #TRANS rows sum to 0);
- verifikationer and their rows are dated inside räkenskapsår 0 (when the file has ``#RAR 0``);
- for every balance-sheet account, UB(0) = IB(0) + the year's transactions; for every result account, RES(0) = the
  year's transactions; per object, OUB(0) = OIB(0) + the object's transactions; each #PSALDO of year 0 = the month's
  transactions (each only when the file has both the balances and verifikationer, i.e. SIE 4E; the per-object ones
  only when the transactions carry objects at all — some systems give objects to balances only);

``remarks(sie)`` gives what does not refuse it: accounts used without #KONTO and objects used without #OBJEKT (the
standard makes #KONTO optional in 4I files, and the account number, not its name, carries the BAS meaning), a
verifikation number used twice and a verifikation without rows (real exports have both; the figures still add up). The standard reads a missing balance as 0, so an account with
transactions but no UB is a difference like any other.

Accounts or verifikationer with a malformed line (``tainted``) are left out of the sums, so one bad amount is
reported once and not again as an imbalance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.sie_model import SieFile, SieProblem
from finsam_desktop.domain.common.money import format_kr

ZERO = Decimal(0)


def _kr(amount: Decimal) -> str:
    return format_kr(amount, 2 if amount != amount.to_integral_value() else 0)


def check(sie: SieFile, tainted_accounts: Iterable[str] = (), tainted_vers: Iterable[int] = ()) -> list[SieProblem]:
    tainted_a, tainted_v = set(tainted_accounts), set(tainted_vers)
    problems: list[SieProblem] = []
    year = sie.year(0)
    movement: dict[str, Decimal] = defaultdict(Decimal)
    first_use: dict[str, int] = {}
    by_month: dict[str, dict[tuple[str, frozenset], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for ver in sie.verifikationer:
        booked = [t for t in ver.transactions if t.kind == "TRANS"]
        when = ver.datum.isoformat()
        if ver.rad not in tainted_v:
            total = sum((t.amount for t in booked), ZERO)
            if total != 0:
                problems.append(
                    SieProblem(ver.rad, f"verifikation {ver.label} ({when}) summerar till {_kr(total)}, inte 0.")
                )
        if year is not None and not year.contains(ver.datum):
            problems.append(
                SieProblem(
                    ver.rad,
                    f"verifikation {ver.label} är daterad {when}, utanför räkenskapsåret "
                    f"{year.start.isoformat()}–{year.end.isoformat()}.",
                )
            )
        month = f"{ver.datum.year:04d}{ver.datum.month:02d}"
        for t in booked:
            first_use.setdefault(t.account, t.rad)
            if year is not None and t.date is not None and not year.contains(t.date):
                problems.append(
                    SieProblem(
                        t.rad, f"transaktionen på konto {t.account} är daterad {t.date}, utanför räkenskapsåret."
                    )
                )
            movement[t.account] += t.amount
            by_month[t.account][(month, frozenset(t.objects))] += t.amount
    if sie.verifikationer and sie.sie_type == "4E":
        problems += _year_balances(sie, movement, first_use, tainted_a)
        with_objects = any(t.objects for v in sie.verifikationer for t in v.transactions)
        problems += _object_balances(sie, by_month, tainted_a) if with_objects else []
        problems += _period_balances(sie, by_month, tainted_a, with_objects)
    return problems


def _year_balances(
    sie: SieFile, movement: dict[str, Decimal], first_use: dict[str, int], tainted: set[str]
) -> list[SieProblem]:
    problems = []
    ib, ub, res = sie.balances("IB"), sie.balances("UB"), sie.balances("RES")
    rad_of = {(b.account, kind): b.rad for kind, rows in (("IB", sie.opening), ("UB", sie.closing)) for b in rows}
    rad_of.update({(b.account, "RES"): b.rad for b in sie.results if b.year == 0})
    if any(b.year == 0 for b in sie.closing):
        for account in sorted(set(ib) | set(ub) | {a for a in movement if sie.is_balance(a)}):
            if account in tainted or not sie.is_balance(account):
                continue
            opening, moved, closing = ib.get(account, ZERO), movement.get(account, ZERO), ub.get(account, ZERO)
            if opening + moved != closing:
                rad = rad_of.get((account, "UB")) or rad_of.get((account, "IB")) or first_use.get(account, 0)
                problems.append(
                    SieProblem(
                        rad,
                        f"konto {account}: UB {_kr(closing)} är inte IB {_kr(opening)} + årets transaktioner "
                        f"{_kr(moved)} = {_kr(opening + moved)} (skillnad {_kr(closing - opening - moved)}).",
                    )
                )
    if any(b.year == 0 for b in sie.results):
        for account in sorted(set(res) | {a for a in movement if not sie.is_balance(a)}):
            if account in tainted or sie.is_balance(account):
                continue
            moved, result = movement.get(account, ZERO), res.get(account, ZERO)
            if moved != result:
                rad = rad_of.get((account, "RES")) or first_use.get(account, 0)
                problems.append(
                    SieProblem(
                        rad,
                        f"konto {account}: RES {_kr(result)} är inte årets transaktioner {_kr(moved)} "
                        f"(skillnad {_kr(result - moved)}).",
                    )
                )
    return problems


def _sum_over(by_month: dict, account: str, objects: frozenset, month: str | None = None) -> Decimal:
    total = ZERO
    for (mon, objs), amount in by_month.get(account, {}).items():
        if (month is None or mon == month) and objects <= objs:
            total += amount
    return total


def _object_balances(sie: SieFile, by_month: dict, tainted: set[str]) -> list[SieProblem]:
    problems = []
    opening = {(b.account, b.objects): b.amount for b in sie.object_opening if b.year == 0}
    for b in sie.object_closing:
        if b.year != 0 or b.account in tainted or not sie.is_balance(b.account):
            continue
        start = opening.get((b.account, b.objects), ZERO)
        moved = _sum_over(by_month, b.account, frozenset(b.objects))
        if start + moved != b.amount:
            what = ", ".join(f"{d}:{o}" for d, o in b.objects)
            problems.append(
                SieProblem(
                    b.rad,
                    f"konto {b.account} objekt {what}: OUB {_kr(b.amount)} är inte OIB {_kr(start)} + årets "
                    f"transaktioner {_kr(moved)} (skillnad {_kr(b.amount - start - moved)}).",
                )
            )
    return problems


def _period_balances(sie: SieFile, by_month: dict, tainted: set[str], with_objects: bool) -> list[SieProblem]:
    problems = []
    for p in sie.period_balances:
        if p.year != 0 or p.account in tainted or (p.objects and not with_objects):
            continue
        moved = _sum_over(by_month, p.account, frozenset(p.objects), p.period)
        if moved != p.amount:
            problems.append(
                SieProblem(
                    p.rad,
                    f"#PSALDO {p.period} konto {p.account}: {_kr(p.amount)} är inte periodens transaktioner "
                    f"{_kr(moved)} (skillnad {_kr(p.amount - moved)}).",
                )
            )
    return problems


def remarks(sie: SieFile) -> list[str]:
    """Swedish remarks that do not refuse the file: accounts without #KONTO, objects without #OBJEKT."""
    out = []
    used: dict[str, int] = {}
    used_objects: dict[tuple[int, str], int] = {}
    for rows in (sie.opening, sie.closing, sie.results, sie.object_opening, sie.object_closing):
        for b in rows:
            used.setdefault(b.account, b.rad)
    for ver in sie.verifikationer:
        for t in ver.transactions:
            used.setdefault(t.account, t.rad)
            for pair in t.objects:
                used_objects.setdefault(pair, t.rad)
    seen: dict[tuple[str, str], int] = {}
    for ver in sie.verifikationer:
        if not any(t.kind == "TRANS" for t in ver.transactions):
            out.append(f"Verifikation {ver.label} ({ver.datum}, rad {ver.rad}) har inga transaktioner.")
        if ver.serie and ver.nr:
            if (ver.serie, ver.nr) in seen:
                first = seen[(ver.serie, ver.nr)]
                out.append(f"Verifikation {ver.label} (rad {ver.rad}) har samma nummer som den på rad {first}.")
            else:
                seen[(ver.serie, ver.nr)] = ver.rad
    if sie.accounts:
        missing = sorted(a for a in used if a not in sie.accounts)
        if missing:
            shown = ", ".join(f"{a} (rad {used[a]})" for a in missing[:10])
            more = f" och {len(missing) - 10} till" if len(missing) > 10 else ""
            out.append(f"{len(missing)} konton används utan #KONTO i filen: {shown}{more}.")
    if sie.objects:
        loose = sorted(p for p in used_objects if p not in sie.objects)
        if loose:
            shown = ", ".join(f"{d}:{o} (rad {used_objects[(d, o)]})" for d, o in loose[:10])
            out.append(f"{len(loose)} objekt används utan #OBJEKT i filen: {shown}.")
    return out
