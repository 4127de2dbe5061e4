"""A realistic, fictitious year of payments for the whole-population analytics and its benchmark: a förbund's
suppliers (consultancies, lokalhyra, IT, kommuner and regioner, travel), attested according to the demo
attestordning, on a *clean* background — only working days, no round amounts, no supplier whose first payment
comes late, no supplier over the direktupphandlingsgräns, no amount repeated for one supplier, unique invoice
numbers — so that the planted faults are the only thing the analytics can find.

Some verifikationer have two lines (one payment split over two kostnadsställen) and some are credit notes
(a negative amount crediting an earlier invoice of the same supplier): neither may look like a duplicate.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop.domain.common.deadlines import is_working_day
from finsam_desktop.domain.internkontroll.stickprov_findings import Rule
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction
from finsam_desktop.services.demo.attest import EKONOMISERVICE
from finsam_desktop.services.demo.internkontroll import CHEF, DEV, FORMER, ORDF, VICE

HEADERS = (
    "Ver nr",
    "Bokföringsdatum",
    "Belopp",
    "Leverantör",
    "Konto",
    "Kostnadsställe",
    "Fakturanummer",
    "Beslutsattestant",
    "Mottagningsattest",
    "Utanordnare",
)
MAPPING = dict(
    zip(
        ("verifikation", "datum", "belopp", "motpart", "konto", "kostnadsstalle", "fakturanummer", "attestanter",
         "mottagningsattest", "utanordnare"),
        HEADERS,
    )
)  # fmt: skip
FIELDS = tuple(MAPPING)

_PLACES = ("Ådalen", "Norrvik", "Sjöbacka", "Älvnäs", "Kusten", "Bergby", "Lidvik", "Storsund", "Mellanby", "Åsen")
_KINDS = (
    ("{} Konsult AB", "6550"),
    ("Processutveckling {} AB", "6550"),
    ("Fastighets AB {}", "5010"),
    ("Lokalservice {} AB", "5010"),
    ("IT-partner {} AB", "6540"),
    ("Datadrift {} AB", "6540"),
    ("{}s kommun", "4010"),
    ("Region {}", "4010"),
    ("Resebyrån {}", "5800"),
    ("Hotell {}", "5800"),
    ("Tryckeri {} AB", "6110"),
    ("Kursgården {}", "6990"),
)
#: Which kostnadsställe, attestant and mottagningsattestant a payment has (the demo attestordning).
_KOST = (("Kansli", ORDF, CHEF), ("Kansli", ORDF, CHEF), ("Steget vidare", CHEF, DEV), ("Arbetstorget", ORDF, CHEF))
SPLIT_SUPPLIER = "Utredningshuset {} AB"


@dataclass(frozen=True)
class Population:
    transactions: tuple[Transaction, ...]
    #: rule → the verifikationer of each planted fault (a duplicate is two verifikationer, a split purchase many)
    planted: dict[Rule, list[frozenset[str]]]

    def without(self, field: str) -> tuple[Transaction, ...]:
        """The rows as read from a file without ``field``'s column."""
        empty = () if field in ("attestanter", "mottagningsattest") else ""
        return tuple(replace(t, **{field: empty}) for t in self.transactions)


def suppliers(count: int) -> list[tuple[str, str]]:
    out = []
    for i in range(count):
        pattern, konto = _KINDS[i % len(_KINDS)]
        place = _PLACES[(i // len(_KINDS)) % len(_PLACES)]
        n = i // (len(_KINDS) * len(_PLACES))
        out.append((pattern.format(place + (f" {n + 1}" if n else "")), konto))
    return out


def generate(year: int, count: int, seed: int = 1, faults: bool = True) -> Population:
    """``count`` background rows (plus the planted faults' rows when ``faults``)."""
    rng = random.Random(seed)
    days = [d for d in (date(year, 1, 1) + timedelta(days=i) for i in range(366)) if d.year == year]
    workdays = [d for d in days if is_working_day(d)]
    early = [d for d in workdays if d < date(year, 3, 1)]
    sups = suppliers(max(60, count // 50))
    used: set[tuple[str, int]] = set()
    invoice: dict[str, int] = {}
    rows: list[Transaction] = []
    rad = 1

    def amount(sup: str, low: int, high: int) -> Decimal:
        while True:
            ore = rng.randint(low * 100, high * 100)
            if ore % 100 and (sup, ore) not in used:
                used.add((sup, ore))
                return Decimal(ore) / 100

    def add(ver: str, day: date, belopp: Decimal, sup: str, konto: str, kost: str, att, mott, utan=EKONOMISERVICE):
        nonlocal rad
        rad += 1
        invoice[sup] = invoice.get(sup, 1000) + 1
        rows.append(
            Transaction(rad, ver, day, belopp, sup, konto, tuple(att), utan, kost, f"F{invoice[sup]}", tuple(mott))
        )
        return rows[-1]

    for i in range(count):
        ver = f"{year % 100:02d}-{i + 1:06d}"
        sup, konto = sups[i % len(sups)]
        day = early[i % len(early)] if i < len(sups) else rng.choice(workdays)
        if i % 97 == 5:  # the ordförande's reseräkning, attested by the vice ordförande
            add(ver, day, amount(ORDF, 150, 4000), ORDF, "5800", "Styrelse", [VICE], [CHEF])
            continue
        kost, att, mott = _KOST[rng.randrange(len(_KOST))]
        if i % 211 == 7 and i > len(sups):  # one payment on two kostnadsställen
            add(ver, day, amount(sup, 300, 4000), sup, konto, "Kansli", [ORDF], [CHEF])
            add(ver, day, amount(sup, 300, 4000), sup, konto, "Arbetstorget", [ORDF], [CHEF])
            continue
        t = add(ver, day, amount(sup, 300, 8000), sup, konto, kost, [att], [mott])
        if i % 331 == 11 and i > len(sups):  # a credit note for the invoice, a little later
            later = next((d for d in workdays if d > day + timedelta(days=3)), day)
            add(ver + "K", later, -t.belopp, sup, konto, kost, [att], [mott])

    planted: dict[Rule, list[frozenset[str]]] = {r: [] for r in Rule}
    if faults:
        n = 0

        def fault_ver() -> str:
            nonlocal n
            n += 1
            return f"{year % 100:02d}-9{n:05d}"

        lines: dict[str, int] = {}
        for t in rows:
            lines[t.verifikation] = lines.get(t.verifikation, 0) + 1
        singles = [t for t in rows if lines[t.verifikation] == 1 and t.belopp > 0 and t.motpart != ORDF]
        for t in rng.sample(singles, 4):
            ver = fault_ver()
            rad += 1
            rows.append(replace(t, rad=rad, verifikation=ver))
            planted[Rule.DUBBLETT].append(frozenset({t.verifikation, ver}))
        for k in range(2):
            sup = SPLIT_SUPPLIER.format(_PLACES[k])
            vers = []
            for j in range(8):
                ver = fault_ver()
                day = next(d for d in workdays if d >= date(year, 1, 12) + timedelta(days=14 * j + k))
                add(ver, day, amount(sup, 94000, 96000), sup, "6550", "Kansli", [ORDF], [CHEF])
                vers.append(ver)
            planted[Rule.UPPDELAT_KOP].append(frozenset(vers))
        weekend = [d for d in days if not is_working_day(d) and d.month in (3, 5, 6, 12)]
        for day in rng.sample(weekend, 3):
            sup, konto = rng.choice(sups)
            ver = fault_ver()
            add(ver, day, amount(sup, 300, 8000), sup, konto, "Kansli", [ORDF], [CHEF])
            planted[Rule.HELGDAG].append(frozenset({ver}))
        for _ in range(5):
            ver = fault_ver()
            add(ver, rng.choice(workdays), amount(ORDF, 150, 4000), ORDF, "5800", "Styrelse", [ORDF], [CHEF])
            planted[Rule.SJALVATTEST].append(frozenset({ver}))
        for _ in range(3):
            sup, konto = rng.choice(sups)
            ver = fault_ver()
            add(ver, rng.choice(workdays), amount(sup, 50001, 90000), sup, konto, "Steget vidare", [CHEF], [])
            planted[Rule.OVER_MAXBELOPP].append(frozenset({ver}))
        for _ in range(2):
            sup, konto = rng.choice(sups)
            ver = fault_ver()
            add(ver, rng.choice(workdays), amount(sup, 300, 8000), sup, konto, "Kansli", [FORMER], [CHEF])
            planted[Rule.UTAN_MANDAT].append(frozenset({ver}))
    return Population(tuple(rows), {r: v for r, v in planted.items() if v})


def _fmt_amount(value: Decimal) -> str:
    whole, _, frac = f"{value:.2f}".partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return f"{sign}{' '.join(groups)},{frac}"


def cells(t: Transaction) -> tuple[str, ...]:
    return (
        t.verifikation,
        t.datum.isoformat(),
        _fmt_amount(t.belopp),
        t.motpart,
        t.konto,
        t.kostnadsstalle,
        t.fakturanummer,
        ", ".join(t.attestanter),
        ", ".join(t.mottagningsattest),
        t.utanordnare,
    )


def to_csv(transactions: tuple[Transaction, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(cells(t) for t in transactions)
    return out.getvalue().encode("utf-8")
