"""Stickprov, the whole population: the patterns in the payments themselves — duplicates, the same invoice twice,
split purchases, weekend and holiday payments, new suppliers and round amounts.

The unit is the *payment*: all lines with the same verifikationsnummer are one payment (their amounts summed, the
earliest date, the first motpart and fakturanummer), so the lines of one verifikation never duplicate each other.
Credit notes (a payment whose sum is zero or negative) are left out of every pattern: they would otherwise pair
with the invoice they credit. Each function returns the findings of one rule.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop.domain.common.deadlines import day_name
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.stickprov_findings import (
    AnalysisSettings,
    PopulationFinding,
    Rule,
    Severity,
)
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction

#: A supplier is "new" when its first payment in the file comes this many days after the file's first date.
NEW_SUPPLIER_AFTER_DAYS = 90

SEVERITY = {
    Rule.DUBBLETT: Severity.HOG,
    Rule.NARA_DUBBLETT: Severity.MEDEL,
    Rule.SAMMA_FAKTURA: Severity.MEDEL,
    Rule.UPPDELAT_KOP: Severity.MEDEL,
    Rule.HELGDAG: Severity.LAG,
    Rule.NY_LEVERANTOR: Severity.LAG,
    Rule.RUNT_BELOPP: Severity.LAG,
    Rule.SJALVATTEST: Severity.HOG,
    Rule.OVER_MAXBELOPP: Severity.HOG,
    Rule.UTAN_MANDAT: Severity.HOG,
    Rule.UTAN_ATTEST: Severity.HOG,
    Rule.TVA_I_FORENING: Severity.HOG,
    Rule.SAMMA_PERSON: Severity.HOG,
    Rule.INGEN_ORDNING: Severity.HOG,
}


@dataclass(frozen=True, slots=True)
class Payment:
    """The lines of one verifikation taken together."""

    verifikation: str
    datum: date
    belopp: Decimal
    motpart: str
    fakturanummer: str
    rows: tuple[int, ...]
    supplier: str = ""  # the motpart, normalised (spaces, case) for comparison

    @property
    def text(self) -> str:
        return f"ver {self.verifikation} ({self.datum.isoformat()})"


def payments(transactions: Iterable[Transaction]) -> list[Payment]:
    """One payment per verifikationsnummer, in the order of first appearance."""
    lines: dict[str, Transaction | list[Transaction]] = {}
    for t in transactions:
        seen = lines.get(t.verifikation)
        if seen is None:
            lines[t.verifikation] = t  # most verifikationer have one line: no list for them
        elif type(seen) is list:
            seen.append(t)
        else:
            lines[t.verifikation] = [seen, t]  # type: ignore[list-item]
    norm: dict[str, str] = {}

    def supplier(motpart: str) -> str:
        hit = norm.get(motpart)
        if hit is None:
            hit = norm[motpart] = " ".join(motpart.split()).casefold()
        return hit

    out = []
    for ver, ts in lines.items():
        if type(ts) is not list:
            t = ts  # type: ignore[assignment]
            out.append(Payment(ver, t.datum, t.belopp, t.motpart, t.fakturanummer, (t.rad,), supplier(t.motpart)))
            continue
        motpart = next((t.motpart for t in ts if t.motpart), "")
        out.append(
            Payment(
                ver,
                min(t.datum for t in ts),
                sum((t.belopp for t in ts), Decimal("0.00")),
                motpart,
                next((t.fakturanummer for t in ts if t.fakturanummer), ""),
                tuple(sorted(t.rad for t in ts)),
                supplier(motpart),
            )
        )
    return out


def finding_key(rule: Rule, pairs: Iterable[tuple[str, int]]) -> str:
    """Stable for the same rule and rows, so an åtgärd recorded on a finding survives a re-run."""
    h = hashlib.sha256(rule.value.encode())
    for ver, rad in sorted(set(pairs)):
        h.update(f"\x1e{ver}\x1f{rad}".encode())
    return h.hexdigest()[:32]


def make_finding(
    rule: Rule, rule_text: str, summary: str, group: Sequence[Payment], belopp: Decimal | None = None
) -> PopulationFinding:
    group = sorted(group, key=lambda p: (p.rows[0], p.verifikation))
    pairs = [(p.verifikation, r) for p in group for r in p.rows]
    return PopulationFinding(
        rule,
        SEVERITY[rule],
        rule_text,
        summary,
        tuple(sorted(r for _v, r in pairs)),
        tuple(dict.fromkeys(p.verifikation for p in group)),
        belopp if belopp is not None else sum((p.belopp for p in group), Decimal("0.00")),
        finding_key(rule, pairs),
    )


def _listing(group: Sequence[Payment]) -> str:
    texts = [p.text for p in sorted(group, key=lambda p: (p.datum, p.verifikation))]
    return ", ".join(texts[:-1]) + " och " + texts[-1] if len(texts) > 1 else texts[0]


def _debits(pays: Iterable[Payment]) -> list[Payment]:
    return [p for p in pays if p.belopp > 0 and p.supplier]


def _by_supplier(debits: Sequence[Payment]) -> dict[str, list[Payment]]:
    out: dict[str, list[Payment]] = {}
    for p in debits:
        group = out.get(p.supplier)
        if group is None:
            out[p.supplier] = [p]
        else:
            group.append(p)
    return out


def _groups(debits: Sequence[Payment], key: Callable[[Payment], object]) -> list[list[Payment]]:
    """The groups of two or more debits with the same supplier and ``key``, each in payment order, the groups in
    the order of their first payment — as one dict over (supplier, key) would give them, but grouped supplier by
    supplier so that no key is kept for the hundreds of thousands of payments that have no match."""
    found: list[list[Payment]] = []
    for group in _by_supplier(debits).values():
        if len(group) < 2:
            continue
        seen: dict[object, Payment | list[Payment]] = {}
        for p in group:
            k = key(p)
            hit = seen.get(k)
            if hit is None:
                seen[k] = p
            elif type(hit) is list:
                hit.append(p)
            else:
                seen[k] = [hit, p]  # type: ignore[list-item]
        found += [g for g in seen.values() if type(g) is list]  # type: ignore[misc]
    first = {id(g[0]): g for g in found}
    return [first[id(p)] for p in debits if id(p) in first] if len(found) > 1 else found


def duplicates(pays: Sequence[Payment], with_invoice: bool) -> list[list[Payment]]:
    """Groups of two or more verifikationer with the same supplier, amount, date (and invoice number)."""
    if with_invoice:
        return _groups(_debits(pays), lambda p: (p.belopp, p.datum, p.fakturanummer.strip().casefold()))
    return _groups(_debits(pays), lambda p: (p.belopp, p.datum))


def exact_duplicates(groups: Sequence[Sequence[Payment]], with_invoice: bool) -> list[PopulationFinding]:
    words = "belopp, datum och fakturanummer" if with_invoice else "belopp och datum"
    text = f"Samma leverantör, {words} på två eller fler verifikationer."
    return [
        make_finding(Rule.DUBBLETT, text, f"{g[0].motpart}, {format_kr(g[0].belopp)}: {_listing(g)}", g, g[0].belopp)
        for g in groups
    ]


def near_duplicates(
    pays: Sequence[Payment], settings: AnalysisSettings, reported: Iterable[frozenset[str]]
) -> list[PopulationFinding]:
    """Same supplier and amount within ``near_duplicate_days`` (chained); a group already reported as an exact
    duplicate or as the same invoice is not reported again."""
    days = settings.near_duplicate_days
    text = f"Samma leverantör och belopp inom {days} dagar."
    seen = [set(r) for r in reported]
    out = []
    for group in _groups(_debits(pays), lambda p: p.belopp):
        group.sort(key=lambda p: (p.datum, p.verifikation))
        cluster = [group[0]]
        for p in [*group[1:], None]:
            if p is not None and (p.datum - cluster[-1].datum).days <= days:
                cluster.append(p)
                continue
            vers = {c.verifikation for c in cluster}
            if len(cluster) > 1 and not any(vers <= s for s in seen):
                summary = f"{cluster[0].motpart}, {format_kr(cluster[0].belopp)}: {_listing(cluster)}"
                out.append(make_finding(Rule.NARA_DUBBLETT, text, summary, cluster, cluster[0].belopp))
            cluster = [p] if p is not None else []
    return out


def same_invoice(pays: Sequence[Payment], reported: Iterable[frozenset[str]]) -> list[PopulationFinding]:
    text = "Samma leverantör och fakturanummer på två eller fler verifikationer."
    seen = [set(r) for r in reported]
    out = []
    with_number = [p for p in _debits(pays) if p.fakturanummer.strip()]
    for g in _groups(with_number, lambda p: p.fakturanummer.strip().casefold()):
        if not any({p.verifikation for p in g} <= s for s in seen):
            summary = f"{g[0].motpart}, faktura {g[0].fakturanummer.strip()}: {_listing(g)}"
            out.append(make_finding(Rule.SAMMA_FAKTURA, text, summary, g))
    return out


def split_purchases(pays: Sequence[Payment], settings: AnalysisSettings) -> list[PopulationFinding]:
    """Same supplier, each payment under the direktupphandlingsgräns, together over it within
    ``split_period_days``: one finding per supplier and run of overlapping windows."""
    limit, period = settings.direktupphandlingsgrans, settings.split_period_days
    text = (
        f"Samma leverantör, varje betalning under direktupphandlingsgränsen {format_kr(limit)} men tillsammans "
        f"över den inom {period} dagar."
    )
    buckets: dict[str, list[Payment]] = defaultdict(list)
    for p in _debits(pays):
        if p.belopp < limit:
            buckets[p.supplier].append(p)
    out = []
    for group in buckets.values():
        group.sort(key=lambda p: (p.datum, p.verifikation))
        total, i = Decimal(0), 0
        runs: list[tuple[int, int]] = []
        for j, p in enumerate(group):
            total += p.belopp
            while (p.datum - group[i].datum).days >= period:
                total -= group[i].belopp
                i += 1
            if total > limit:
                if runs and i <= runs[-1][1]:
                    runs[-1] = (runs[-1][0], j)
                else:
                    runs.append((i, j))
        for a, b in runs:
            run = group[a : b + 1]
            s = sum((p.belopp for p in run), Decimal("0.00"))
            summary = (
                f"{run[0].motpart}: {len(run)} betalningar {run[0].datum.isoformat()}–{run[-1].datum.isoformat()}, "
                f"sammanlagt {format_kr(s)}"
            )
            out.append(make_finding(Rule.UPPDELAT_KOP, text, summary, run, s))
    return out


def holiday_payments(pays: Sequence[Payment]) -> list[PopulationFinding]:
    text = "Betald eller bokförd på en lördag, söndag, allmän helgdag eller midsommar-, jul- eller nyårsafton."
    names: dict[date, str | None] = {}
    out = []
    for p in pays:
        if p.datum not in names:
            names[p.datum] = day_name(p.datum)
        name = names[p.datum]
        if name:
            summary = f"{p.text}: {name.lower()}, {p.motpart or 'okänd motpart'}, {format_kr(p.belopp)}"
            out.append(make_finding(Rule.HELGDAG, text, summary, [p]))
    return out


def new_suppliers(pays: Sequence[Payment]) -> list[PopulationFinding]:
    """A supplier whose first payment in the file comes after the file's first ``NEW_SUPPLIER_AFTER_DAYS`` days."""
    if not pays:
        return []
    start = min(p.datum for p in pays)
    cutoff = start + timedelta(days=NEW_SUPPLIER_AFTER_DAYS)
    text = (
        f"Leverantören förekommer första gången i filen {cutoff.isoformat()} eller senare, mer än "
        f"{NEW_SUPPLIER_AFTER_DAYS} dagar efter filens första datum."
    )
    first: dict[
        str, Payment
    ] = {}  # each supplier's first payment by (date, verifikation), the earliest listed on a tie
    for p in pays:
        if p.supplier:
            q = first.get(p.supplier)
            if q is None or (p.datum, p.verifikation) < (q.datum, q.verifikation):
                first[p.supplier] = p
    return [
        make_finding(Rule.NY_LEVERANTOR, text, f"{p.motpart}: första betalning {p.text}, {format_kr(p.belopp)}", [p])
        for p in sorted(first.values(), key=lambda p: (p.datum, p.verifikation))
        if p.datum >= cutoff
    ]


def round_amounts(pays: Sequence[Payment], settings: AnalysisSettings) -> list[PopulationFinding]:
    step, floor = settings.round_amount_step, settings.round_amount_floor
    text = f"Jämnt belopp: en multipel av {format_kr(step)}, minst {format_kr(floor)}."
    return [
        make_finding(Rule.RUNT_BELOPP, text, f"{p.text}: {p.motpart or 'okänd motpart'}, {format_kr(p.belopp)}", [p])
        for p in pays
        if p.belopp >= floor and p.belopp % step == 0
    ]
