"""A verksamhetsplan's budget table typed as the document prints it (seed 000 §7 "Budgetplan 2021 med prognos för
2022 och 2023"): columns such as "Budget 2020 | Förväntat utfall 2020 | Budget 2021 | Budget 2022 | Budget 2023",
income lines and their stated TOTALT, the opening eget kapital, cost lines with their specifications, the stated
Totalt and the result row.

Stated totals are kept as printed and compared with what the rows give (fixture F1):

- TOTALT (summa intäkter) against the income lines;
- Totalt (summa kostnader) against the cost lines (a specification row never counts twice);
- a specification ("Individinsatser: 1. MIA Vidare …") against the cost line it specifies;
- the result row against income − costs;
- eget kapital at the start of a year against the previous year's opening plus its result, taken from the
  previous year's utfall or prognos column when there is one (seed 001 rule 5), else its budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.budget.presentation import Unit, amount_text
from finsam_desktop.domain.common.errors import ValidationError

ZERO = Decimal(0)


class ColumnKind(StrEnum):
    BUDGET = "budget"
    PROGNOS = "prognos"  # also "Förväntat utfall"
    UTFALL = "utfall"


class RowKind(StrEnum):
    RUBRIK = "rubrik"  # a heading row without amounts ("Utgifter/Kostnader", "Fasta kostnader")
    INTAKT = "intakt"
    SUMMA_INTAKTER = "summa_intakter"  # stated: "TOTALT"
    EGET_KAPITAL = "eget_kapital"  # stated opening equity of the column's year
    KOSTNAD = "kostnad"
    SPEC_RUBRIK = "spec_rubrik"  # "Individinsatser": the rows after it specify the cost line named in ``ref``
    SPEC = "spec"
    SUMMA_KOSTNADER = "summa_kostnader"  # stated: "Totalt"
    RESULTAT = "resultat"  # stated result row

    @property
    def label(self) -> str:
        return {
            "rubrik": "Rubrik",
            "intakt": "Intäkt",
            "summa_intakter": "Summa intäkter (angiven)",
            "eget_kapital": "Eget kapital vid årets början (angivet)",
            "kostnad": "Kostnad",
            "spec_rubrik": "Specifikation av kostnadsrad",
            "spec": "Specifikationsrad",
            "summa_kostnader": "Summa kostnader (angiven)",
            "resultat": "Resultat (angivet)",
        }[self.value]


AMOUNTLESS = (RowKind.RUBRIK, RowKind.SPEC_RUBRIK)


@dataclass(frozen=True)
class BudgetColumn:
    label: str  # "Förväntat utfall 2020"
    year: int
    kind: ColumnKind = ColumnKind.BUDGET


@dataclass(frozen=True)
class TypedRow:
    kind: RowKind
    label: str
    amounts: tuple[Decimal | None, ...] = ()  # one per column, kronor; None = an empty cell
    ref: str = ""  # SPEC_RUBRIK: the label of the cost line it specifies

    def amount(self, i: int) -> Decimal | None:
        return self.amounts[i] if i < len(self.amounts) else None


@dataclass(frozen=True)
class TypedBudget:
    columns: tuple[BudgetColumn, ...]
    rows: tuple[TypedRow, ...]
    unit: Unit = Unit.KR
    caption: str = ""

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class BudgetFlag:
    row: str
    column: str
    stated: Decimal
    computed: Decimal
    text: str


def validate(tb: TypedBudget) -> None:
    if not tb.columns:
        raise ValidationError("ange minst en kolumn (t.ex. ”Budget 2021”).", "Budgettabell")
    for c in tb.columns:
        if not c.label.strip():
            raise ValidationError("en kolumn saknar rubrik.", "Budgettabell")
        if not 1900 <= c.year <= 2200:
            raise ValidationError(f"kolumnen ”{c.label}”: året {c.year} är inte rimligt.", "Budgettabell")
    labels = set()
    for i, r in enumerate(tb.rows, start=1):
        if not r.label.strip() and r.kind is not RowKind.RESULTAT:
            raise ValidationError(f"rad {i} saknar text.", "Budgettabell")
        if len(r.amounts) > len(tb.columns):
            raise ValidationError(f"rad {i} (”{r.label}”) har fler belopp än tabellen har kolumner.", "Budgettabell")
        if r.kind in AMOUNTLESS and any(a is not None for a in r.amounts):
            raise ValidationError(f"rad {i} (”{r.label}”) är en rubrik och kan inte ha belopp.", "Budgettabell")
        if r.kind is RowKind.KOSTNAD:
            labels.add(_norm(r.label))
    for i, r in enumerate(tb.rows, start=1):
        if r.kind is RowKind.SPEC_RUBRIK and _norm(r.ref or r.label) not in labels:
            raise ValidationError(
                f"rad {i} (”{r.label}”) specificerar en kostnadsrad ”{r.ref or r.label}” som inte finns.",
                "Budgettabell",
            )
        if r.kind is RowKind.SPEC and not _spec_owner(tb.rows, i - 1):
            raise ValidationError(f"rad {i} (”{r.label}”) står inte under en specifikationsrubrik.", "Budgettabell")


def _norm(label: str) -> str:
    return " ".join(label.lstrip("-*• ").split()).casefold()


def _spec_owner(rows: Sequence[TypedRow], index: int) -> TypedRow | None:
    for r in reversed(rows[:index]):
        if r.kind is RowKind.SPEC_RUBRIK:
            return r
        if r.kind is not RowKind.SPEC:
            return None
    return None


def _sum(values) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


@dataclass(frozen=True)
class Computed:
    intakter: tuple[Decimal | None, ...]
    kostnader: tuple[Decimal | None, ...]

    def resultat(self, i: int) -> Decimal | None:
        if self.intakter[i] is None and self.kostnader[i] is None:
            return None
        return (self.intakter[i] or ZERO) - (self.kostnader[i] or ZERO)


def computed(tb: TypedBudget) -> Computed:
    n = len(tb.columns)
    inc = tuple(_sum(r.amount(i) for r in tb.rows if r.kind is RowKind.INTAKT) for i in range(n))
    cost = tuple(_sum(r.amount(i) for r in tb.rows if r.kind is RowKind.KOSTNAD) for i in range(n))
    return Computed(inc, cost)


def _stated(tb: TypedBudget, kind: RowKind) -> TypedRow | None:
    return next((r for r in tb.rows if r.kind is kind), None)


def _previous_column(tb: TypedBudget, i: int) -> int | None:
    """The column a year's opening equity rolls forward from: the year before, utfall before prognos before
    budget."""
    year = tb.columns[i].year - 1
    rank = {ColumnKind.UTFALL: 0, ColumnKind.PROGNOS: 1, ColumnKind.BUDGET: 2}
    candidates = [j for j, c in enumerate(tb.columns) if c.year == year]
    return min(candidates, key=lambda j: rank[tb.columns[j].kind]) if candidates else None


def check(tb: TypedBudget) -> list[BudgetFlag]:
    """Every stated figure that the rows do not give, in column order per check."""
    flags: list[BudgetFlag] = []
    comp = computed(tb)
    unit = tb.unit

    def kr(v: Decimal | None) -> str:
        return amount_text(v, unit, suffix=True) if v is not None else "–"

    def flag(row: TypedRow, i: int, stated: Decimal, value: Decimal, how: str) -> None:
        col = tb.columns[i].label
        name = row.label.lstrip("-*• ").strip() or "Resultatraden"
        flags.append(
            BudgetFlag(
                name, col, stated, value, f"{name}, {col}: dokumentet anger {kr(stated)}, men {how} {kr(value)}."
            )
        )

    inc_row, cost_row = _stated(tb, RowKind.SUMMA_INTAKTER), _stated(tb, RowKind.SUMMA_KOSTNADER)
    for i in range(len(tb.columns)):
        if inc_row and (s := inc_row.amount(i)) is not None and comp.intakter[i] is not None and s != comp.intakter[i]:
            flag(inc_row, i, s, comp.intakter[i], "intäktsraderna ger")
        if cost_row and (s := cost_row.amount(i)) is not None and comp.kostnader[i] is not None:
            if s != comp.kostnader[i]:
                flag(cost_row, i, s, comp.kostnader[i], "kostnadsraderna ger")
    by_label = {_norm(r.label): r for r in tb.rows if r.kind is RowKind.KOSTNAD}
    for idx, head in enumerate(tb.rows):
        if head.kind is not RowKind.SPEC_RUBRIK:
            continue
        line = by_label.get(_norm(head.ref or head.label))
        specs = []
        for r in tb.rows[idx + 1 :]:
            if r.kind is not RowKind.SPEC:
                break
            specs.append(r)
        if line is None or not specs:
            continue
        for i in range(len(tb.columns)):
            total = _sum(r.amount(i) for r in specs)
            if (s := line.amount(i)) is not None and total is not None and s != total:
                flag(line, i, s, total, f"specifikationen ”{head.label}” ger")
    result_row = _stated(tb, RowKind.RESULTAT)
    for i in range(len(tb.columns)):
        if result_row is None or (s := result_row.amount(i)) is None:
            continue
        value = comp.resultat(i)
        if value is not None and s != value:
            how = "intäkter − kostnader ger"
            stated_inc = inc_row.amount(i) if inc_row else None
            stated_cost = cost_row.amount(i) if cost_row else None
            if stated_inc is not None and stated_cost is not None and stated_inc - stated_cost not in (s, value):
                how = f"dokumentets egna summor ger {kr(stated_inc - stated_cost)} och raderna ger"
            flag(result_row, i, s, value, how)
    ek_row = _stated(tb, RowKind.EGET_KAPITAL)
    if ek_row is not None:
        for i in range(len(tb.columns)):
            j = _previous_column(tb, i)
            if j is None or (s := ek_row.amount(i)) is None or (opening := ek_row.amount(j)) is None:
                continue
            result = comp.resultat(j)
            if result is None:
                continue
            value = opening + result
            if s != value:
                prev = tb.columns[j].label
                flag(ek_row, i, s, value, f"{prev}: {kr(opening)} + årets resultat {kr(result)} ger")
    return flags
