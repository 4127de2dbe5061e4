"""Driftredovisning and noter of a year kept as books (SIE or typed balances), inside one session.

One truth: the year's result accounts — per kostnadsställe where the books have one (ar_movement objekt "1:<ks>"),
the rest of each account without — are put on the year's budget lines by the same mapping the SIE import feeds
Budget's utfall with (``books.BUDGET_MAPPING``, tried most specific key first as ``UtfallRow.keys``). A line's class
is its own, else its varav parent's, else its section's default; a line of an income section carrying a member's
driftbidrag (or an account whose name says so) is the huvudmän's. Only the accounts of verksamhetens intäkter,
kostnader and avskrivningar count, so the table's totals are the resultaträkning's.

What a förbundschef expects when the books do not fit the budget: the table still adds up to the resultaträkning,
and the difference is in plain view. Amounts on accounts that no budget line takes are shown on their own row
"Ej fördelat på budgetrad" (no budget) with a line under the table naming the accounts and saying where to map
them; mapped lines that have no class (nor an income line that is a driftbidrag) go to a row "Övrigt". Neither is
a reconciliation flag: nothing in the document contradicts anything else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arsredovisning.drift import DriftClass, Driftredovisning, DriftRow
from finsam_desktop.domain.arsredovisning.figures import Unit, fmt
from finsam_desktop.domain.arsredovisning.kontoplan import Kontoplan
from finsam_desktop.domain.arsredovisning.noter import IncomeSource, NoteLine
from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_figures import KOSTNADSSTALLE
from finsam_desktop.domain.arsredovisning.sie_model import SieError
from finsam_desktop.domain.budget.lines import Line, LineClass, SectionKind
from finsam_desktop.domain.budget.utfall_import import UtfallRow
from finsam_desktop.persistence.models import MemberRow
from finsam_desktop.persistence.models.arsredovisning import ArYearRow
from finsam_desktop.services.arsredovisning.books import BUDGET_MAPPING
from finsam_desktop.services.arsredovisning.rows import ZERO, account_names, balances, object_results
from finsam_desktop.services.budget.dto import BudgetDoc
from finsam_desktop.services.budget.rows import budget_doc, current_row, get_json
from finsam_desktop.services.budget.utfall import MAPPING_PREFIX

#: The statement lines the driftredovisning covers (intäkt: the first; kostnad: the others).
DRIFT_LINES = ("rr_intakter", "rr_kostnader", "rr_avskrivningar")
UNALLOTTED = "Ej fördelat på budgetrad"
OTHER = "Övrigt"
NO_KOSTNADSSTALLE = "Övrigt/ej fördelat"
_BY_LINE_CLASS = {
    LineClass.ADMINISTRATION: DriftClass.ADMINISTRATION,
    LineClass.INDIVIDINRIKTAD: DriftClass.INDIVIDINRIKTADE,
    LineClass.STRUKTURELL: DriftClass.STRUKTURPAVERKANDE,
}
_STATE_KINDS = ("forsakringskassan", "arbetsformedlingen")
_STATE_WORDS = ("försäkringskassan", "arbetsförmedlingen", "staten", "statens", "statlig")
_MEMBER_WORDS = ("kommun", "region", "landsting")
_EU_WORDS = (" eu-", " eu ", "esf", "europeiska", " bidrag")


@dataclass(frozen=True, slots=True)
class Amount:
    """One result account's year on one kostnadsställe ("" = none), SIE-signed."""

    konto: str
    kst: str
    amount: Decimal


def amounts(s: Session, row: ArYearRow) -> list[Amount]:
    """The year's result accounts per kostnadsställe, and what each account has beyond them without one."""
    _ib, _ub, res = balances(s, row)
    out, placed = [], defaultdict(Decimal)
    for (objekt, konto), amount in sorted(object_results(s, row).items()):
        dim, _, kst = objekt.partition(":")
        if dim == str(KOSTNADSSTALLE) and amount:
            out.append(Amount(konto, kst, amount))
            placed[konto] += amount
    for konto, total in res.items():
        if total - placed[konto]:
            out.append(Amount(konto, "", total - placed[konto]))
    return out


@dataclass(frozen=True)
class BudgetLink:
    """The year's budget as the books meet it: lines by code, the mapping, the members."""

    doc: BudgetDoc
    mapping: dict[str, str]
    members: dict[int, tuple[str, str]]  # id → (namn, kind)

    def line_for(self, a: Amount) -> Line | None:
        keys = UtfallRow(0, a.konto, a.kst, 0, 0, a.amount).keys
        kod = next((self.mapping[k] for k in keys if k in self.mapping), None)
        return self.doc.line(kod) if kod else None

    def parent(self, line: Line) -> Line | None:
        return next((x for x in self.doc.lines if x.id == line.parent_id), None) if line.parent_id else None

    def member(self, line: Line) -> tuple[str, str] | None:
        parent = self.parent(line)
        member_id = line.member_id or (parent.member_id if parent else None)
        return self.members.get(member_id) if member_id else None

    def klass(self, line: Line, konto_name: str = "") -> DriftClass:
        section = self.doc.section(line.section_id)
        parent = self.parent(line)
        cls = line.line_class or (parent.line_class if parent else None) or section.default_class
        if section.kind is SectionKind.INTAKT:
            if self.member(line) is not None or source_of(konto_name, self, line)[0].is_huvudman:
                return DriftClass.HUVUDMAN
        return _BY_LINE_CLASS[cls] if cls else DriftClass.OVRIGT


def budget_link(s: Session, year: int) -> BudgetLink | None:
    """The year's current budget with the mapping the SIE import uses (``None`` without a budget)."""
    row = current_row(s, year)
    if row is None:
        return None
    doc = budget_doc(s, row)
    mapping = dict(get_json(s, MAPPING_PREFIX + BUDGET_MAPPING, {}))
    for x in doc.lines:
        mapping.setdefault(x.kod, x.kod)  # an account named like the line code maps to it (as the import does)
    members = {m.id: (m.namn, m.kind) for m in s.scalars(select(MemberRow))}
    return BudgetLink(doc, mapping, members)


def source_of(konto_name: str, link: BudgetLink | None, line: Line | None) -> tuple[IncomeSource, str]:
    """Where an intäkt comes from and the line it is printed on: a member line of the budget says whose
    driftbidrag it is; else the account's name (``Bidrag från Försäkringskassan``), then the budget line's."""
    member = link.member(line) if link is not None and line is not None else None
    if member is not None:
        namn, kind = member
        if kind in _STATE_KINDS:
            return IncomeSource.STATEN, "Driftbidrag från staten"
        return IncomeSource.MEDLEM, f"Driftbidrag från {namn}"
    texts = [konto_name]
    if link is not None and line is not None:
        texts += [line.namn, link.doc.section(line.section_id).namn]
    for text in texts:
        low = f" {text.lower()} "
        if any(w in low for w in _STATE_WORDS):
            return IncomeSource.STATEN, "Driftbidrag från staten"
        if any(w in low for w in _MEMBER_WORDS):
            namn = text.strip()
            for prefix in ("Driftbidrag från ", "Bidrag från ", "Medlemsbidrag från ", "Medlemsavgift "):
                if namn.lower().startswith(prefix.lower()):
                    namn = namn[len(prefix) :]
            return IncomeSource.MEDLEM, f"Driftbidrag från {namn}"
        if any(w in low for w in _EU_WORDS):
            return IncomeSource.EU_OCH_ANDRA, "EU-medel och andra bidrag"
    return IncomeSource.OVRIGA, "Övriga intäkter"


@dataclass
class _Utfall:
    intakt: dict[tuple[DriftClass, str], Decimal]
    kostnad: dict[tuple[DriftClass, str], Decimal]
    lines_in: set[str]  # budget line codes that got amounts of verksamheten
    lines_out: set[str]  # … that got only amounts outside it (finansiella poster)
    unallotted: dict[tuple[str, str], Decimal]


def _utfall(s: Session, row: ArYearRow, kp: Kontoplan, link: BudgetLink) -> _Utfall:
    names = account_names(s, row)
    out = _Utfall(defaultdict(Decimal), defaultdict(Decimal), set(), set(), defaultdict(Decimal))
    for a in amounts(s, row):
        statement_line = kp.line_of(a.konto)
        line = link.line_for(a)
        if statement_line not in DRIFT_LINES:
            if line is not None:
                out.lines_out.add(line.kod)
            continue
        if line is None:
            key = (DriftClass.OVRIGT, UNALLOTTED)
            out.unallotted[(a.konto, a.kst)] += a.amount
        else:
            out.lines_in.add(line.kod)
            klass = link.klass(line, names.get(a.konto, ""))
            key = (klass, klass.label if klass is not DriftClass.OVRIGT else OTHER)
        if statement_line == "rr_intakter":
            out.intakt[key] += -a.amount
        else:
            out.kostnad[key] += a.amount
    out.lines_out -= out.lines_in
    return out


def _outside(link: BudgetLink, kp: Kontoplan, inside: set[str]) -> set[str]:
    """Budget line codes whose mapped accounts all lie outside verksamheten (``8310`` ränteintäkter →
    finansiella poster) and that got no amount of verksamheten: their budget is not the driftredovisning's."""
    verdicts: dict[str, set[bool]] = defaultdict(set)
    for key, kod in link.mapping.items():
        konto = key.partition("/")[0]
        if key == kod or not konto.isdigit():
            continue  # a line's own code, or a kostnadsställe of any account
        statement_line = kp.line_of(konto)
        if statement_line is not None:
            verdicts[kod].add(statement_line in DRIFT_LINES)
    return {kod for kod, seen in verdicts.items() if seen == {False}} - inside


def _budget(link: BudgetLink, outside: set[str]) -> dict[tuple[DriftClass, str], Decimal]:
    """Budget netto per row (income +, cost −) of the top lines (a top line's own budget, else its varav rows'),
    leaving out the lines ``outside`` verksamheten (all of a line's codes)."""
    doc = link.doc
    out: dict[tuple[DriftClass, str], Decimal] = defaultdict(Decimal)
    for line in doc.lines:
        if line.parent_id is not None:
            continue
        kids = [x for x in doc.lines if x.parent_id == line.id]
        if ({x.kod for x in kids} or {line.kod}) <= outside:  # the codes utfall is booked on
            continue
        amount = line.budget if line.budget is not None else sum((x.budget or ZERO for x in kids), ZERO)
        if not amount:
            continue
        klass = link.klass(line)
        sign = 1 if doc.section(line.section_id).kind is SectionKind.INTAKT else -1
        out[(klass, klass.label if klass is not DriftClass.OVRIGT else OTHER)] += sign * amount
    return out


def driftredovisning(s: Session, row: ArYearRow, kp: Kontoplan, previous: ArYearRow | None) -> Driftredovisning | None:
    """The year's driftredovisning from the books (``None`` without a budget for the year)."""
    link = budget_link(s, row.year)
    if link is None:
        return None
    now = _utfall(s, row, kp, link)
    before = _utfall(s, previous, kp, link) if previous is not None else None
    budget = _budget(link, _outside(link, kp, now.lines_in) | now.lines_out)
    keys = [(k, k.label) for k in DriftClass if k is not DriftClass.OVRIGT]
    extra = [(DriftClass.OVRIGT, OTHER), (DriftClass.OVRIGT, UNALLOTTED)]
    for key in extra:
        tables = (now.intakt, now.kostnad, budget) + ((before.intakt, before.kostnad) if before else ())
        if any(t.get(key) for t in tables):
            keys.append(key)
    # In tkr, as the seed prints it: each figure rounded, netto and avvikelse from the rounded figures so that a
    # row adds up as printed (the totals agree with the resultaträkning within rounding, as reconcile allows).
    rows = []
    for key in keys:
        intakt, kostnad = _tkr(now.intakt.get(key, ZERO)), _tkr(now.kostnad.get(key, ZERO))
        netto = intakt - kostnad
        planned = _tkr(budget.get(key, ZERO)) if key[1] != UNALLOTTED else None
        fg = {}
        if before is not None:
            fi, fk = _tkr(before.intakt.get(key, ZERO)), _tkr(before.kostnad.get(key, ZERO))
            fg = {"fg_intakt": fi, "fg_kostnad": fk, "fg_netto": fi - fk}
        rows.append(
            DriftRow(
                key[0],
                key[1],
                intakt,
                kostnad,
                netto,
                planned,
                None if planned is None else netto - planned,
                **fg,
            )
        )
    return Driftredovisning(row.year, rows, unit=Unit.TKR, text=_unallotted_text(row.year, now.unallotted))


def _tkr(kronor: Decimal) -> Decimal:
    return (kronor / 1000).quantize(Decimal(1), ROUND_HALF_UP)


def _unallotted_text(year: int, unallotted: dict[tuple[str, str], Decimal]) -> str:
    if not unallotted:
        return ""
    parts = [
        f"konto {konto}" + (f" på kostnadsställe {kst}" if kst else "") + f" ({fmt(abs(amount))} kr)"
        for (konto, kst), amount in sorted(unallotted.items())
        if amount
    ]
    return (
        f"{UNALLOTTED}: {', '.join(parts)} har ingen budgetrad i budgeten {year}. Koppla kontona till budgetrader "
        "(Budget › Kontokoppling) så fördelas de på rätt rad."
    )


def income_lines(
    s: Session, row: ArYearRow, kp: Kontoplan, link: BudgetLink | None
) -> dict[tuple[IncomeSource, str], tuple[Decimal, str]]:
    """``{(source, label): (amount, first account)}`` of the year's verksamhetens intäkter (amounts positive)."""
    names = account_names(s, row)
    out: dict[tuple[IncomeSource, str], tuple[Decimal, str]] = {}
    for a in amounts(s, row):
        if kp.line_of(a.konto) != "rr_intakter":
            continue
        line = link.line_for(a) if link is not None else None
        key = source_of(names.get(a.konto, ""), link, line)
        total, first = out.get(key, (ZERO, a.konto))
        out[key] = (total - a.amount, min(first, a.konto))
    return out


def kostnadsstalle_names(row: ArYearRow) -> dict[str, str]:
    """The kostnadsställen's names as the year's SIE file has them (none for typed balances)."""
    if not row.sie_data:
        return {}
    return dict(_names_in_sie(bytes(row.sie_data), row.sie_filename or ""))


@lru_cache(maxsize=8)
def _names_in_sie(data: bytes, filename: str) -> tuple[tuple[str, str], ...]:
    """Parsing a year's SIE file takes tens of milliseconds and the notes ask for its names for every year shown:
    read once per file content (the stored file of a year never changes in place)."""
    try:
        sie = parse_sie(data, filename)
    except SieError:
        return ()
    return tuple((number, o.name) for (dim, number), o in sie.objects.items() if dim == KOSTNADSSTALLE)


def cost_lines(s: Session, row: ArYearRow, kp: Kontoplan) -> dict[str, Decimal]:
    """``{kostnadsställe: amount}`` of the year's verksamhetens kostnader ("" = no kostnadsställe)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for a in amounts(s, row):
        if kp.line_of(a.konto) == "rr_kostnader":
            out[a.kst] += a.amount
    return {k: v for k, v in out.items() if v}


def income_note_lines(s: Session, row: ArYearRow, previous: ArYearRow | None, kp: Kontoplan) -> list[NoteLine]:
    """The note on verksamhetens intäkter by source: staten, each member, EU-medel och andra bidrag, övriga."""
    link = budget_link(s, row.year)
    years = {row.year: income_lines(s, row, kp, link)}
    if previous is not None:
        years[row.year - 1] = income_lines(s, previous, kp, link)
    order = list(IncomeSource)
    first = {k: v[1] for table in years.values() for k, v in table.items()}
    keys = sorted(first, key=lambda k: (order.index(k[0]), first[k], k[1]))  # by source, then as the books go
    return [
        NoteLine(label, {y: t[(src, label)][0] for y, t in years.items() if (src, label) in t}, src)
        for src, label in keys
    ]


def cost_note_lines(s: Session, row: ArYearRow, previous: ArYearRow | None, kp: Kontoplan) -> list[NoteLine]:
    """The note on verksamhetens kostnader per kostnadsställe (``"10 Kansli"``), then what has none."""
    years = {row.year: cost_lines(s, row, kp)}
    names = kostnadsstalle_names(row)
    if previous is not None:
        years[row.year - 1] = cost_lines(s, previous, kp)
        names = kostnadsstalle_names(previous) | names
    codes = sorted({k for t in years.values() for k in t}, key=lambda k: (k == "", k.zfill(10)))
    out = []
    for kst in codes:
        label = f"{kst} {names.get(kst, '')}".strip() if kst else NO_KOSTNADSSTALLE
        out.append(NoteLine(label, {y: t[kst] for y, t in years.items() if kst in t}))
    return out
