"""How the follow-up's figures are shown — one function for each, used by the Budget tab, the PDF, the workbook and
``finsam list budget``, so the four never disagree. Figures are kept exact and rounded once, here.

- percentages on a tiny base are shown as ``–`` (``avvikelse_share``, ``forbrukat_share``, ``pct_text``);
- whether a deviation is better or worse than the prognos (``unfavourable``): costs under, income over and a
  better result are good news, never red;
- a Summa row that repeats the row above or the total below is left out (``presented_rows``);
- plan years are named by their year (``measure_label``);
- amounts in kr or tkr (``Unit``, ``amount_text``), and a sum with a negative part written as an economist would
  (``sum_text``: ``1 150 000 kr − 183 549 kr``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from finsam_desktop.domain.budget.followup import FollowupRow, RowKind
from finsam_desktop.domain.budget.lines import SectionKind, measure_label  # noqa: F401 (re-exported)
from finsam_desktop.domain.common.money import format_number

DASH = "–"
#: A percentage is not shown when its base is below this share of the row's largest figure …
BASE_SHARE = Decimal("0.01")
#: … or when it is above this (as a ratio: 999 %).
MAX_RATIO = Decimal("9.99")


def _share(numerator: Decimal, base: Decimal, scale: Decimal) -> Decimal | str:
    if base == 0 or abs(base) < BASE_SHARE * scale or abs(numerator) > MAX_RATIO * abs(base):
        return DASH
    return numerator / abs(base)


def avvikelse_share(row: FollowupRow) -> Decimal | str:
    """(Utfall − prognos) / |prognos| as an exact ratio; ``""`` with nothing to compare, ``–`` on a tiny base.
    Divided by the base's size, so a better result than a negative prognos is a positive share."""
    if row.utfall is None or row.prognos is None or (row.utfall == 0 and row.prognos == 0):
        return ""
    scale = max(abs(row.budget or 0), abs(row.prognos), abs(row.utfall))
    return _share(row.utfall - row.prognos, row.prognos, scale)


def forbrukat_share(row: FollowupRow) -> Decimal | str:
    """Utfall / budget as an exact ratio; ``""`` without utfall or budget, ``–`` beyond 999 %."""
    if row.utfall is None or not row.budget:
        return ""
    if abs(row.utfall) > MAX_RATIO * abs(row.budget):
        return DASH
    return row.utfall / row.budget


def pct_text(share: Decimal | str, decimals: int = 1) -> str:
    """A share from the functions above as Swedish text, rounded once: ``12,3 %``, ``−4,0 %``, ``–``."""
    if isinstance(share, str):
        return share
    rounded = (share * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:.{decimals}f} %".replace(".", ",").replace("-", "−")


def unfavourable(row: FollowupRow) -> bool:
    """The deviation is bad news: costs over the prognos, income or the result under it."""
    a = row.avvikelse
    if a is None or a == 0:
        return False
    if row.kind is RowKind.RESULT:
        return a < 0
    return a > 0 if row.section_kind is SectionKind.KOSTNAD else a < 0


#: The sign that a deviation is bad news and over the förbund's threshold: red is never the only sign (a
#: colour-blind reader, a grey print, a screen reader), the text says it too.
BAD_NEWS = "⚠"


def deviation_pct_text(row: FollowupRow) -> str:
    """The "Avvikelse %" cell as every report shows it: the rounded share, marked ⚠ when it is bad news."""
    text = pct_text(avvikelse_share(row))
    return f"{BAD_NEWS} {text}" if row.off_budget and unfavourable(row) else text


def helar_unfavourable(row: FollowupRow) -> bool:
    a = row.helar_avvikelse
    if not a:
        return False
    if row.kind is RowKind.RESULT:
        return a < 0
    return a > 0 if row.section_kind is SectionKind.KOSTNAD else a < 0


def redundant_rows(rows: Sequence[FollowupRow]) -> frozenset[int]:
    """Indexes of Summa rows that repeat what is already shown: a section's Summa when the section is the only
    one of its kind (Summa intäkter/kostnader follows with the same figures) or has one line without varav rows."""
    out = set()
    sections_of_kind: dict[SectionKind | None, int] = {}
    for r in rows:
        if r.kind is RowKind.SUBTOTAL:
            sections_of_kind[r.section_kind] = sections_of_kind.get(r.section_kind, 0) + 1
    has_total = {r.section_kind for r in rows if r.kind is RowKind.TOTAL}
    figures_since_heading = 0
    for i, r in enumerate(rows):
        if r.kind is RowKind.SECTION:
            figures_since_heading = 0
        elif r.is_figure_row:
            figures_since_heading += 1
        elif r.kind is RowKind.SUBTOTAL:
            alone = sections_of_kind.get(r.section_kind, 0) == 1 and r.section_kind in has_total
            if alone or figures_since_heading == 1:
                out.add(i)
    return frozenset(out)


def presented_rows(rows: Sequence[FollowupRow]) -> tuple[FollowupRow, ...]:
    """The follow-up's rows as shown: without the Summa rows :func:`redundant_rows` names."""
    skip = redundant_rows(rows)
    return tuple(r for i, r in enumerate(rows) if i not in skip)


class Unit(StrEnum):
    """What the förbund works in: kronor or thousands of kronor (tkr)."""

    KR = "kr"
    TKR = "tkr"

    @property
    def factor(self) -> Decimal:
        return Decimal(1000) if self is Unit.TKR else Decimal(1)

    @property
    def label(self) -> str:
        return "kronor" if self is Unit.KR else "tusental kronor (tkr)"

    def to_kr(self, typed: Decimal) -> Decimal:
        """A typed amount in this unit as kronor (``12,5`` tkr → ``12 500`` kr)."""
        return typed * self.factor

    def from_kr(self, amount: Decimal) -> Decimal:
        return amount / self.factor


def amount_text(amount: Decimal | None, unit: Unit = Unit.KR, *, suffix: bool = False) -> str:
    """An amount in the förbund's unit, rounded once: kr with öre only when there are öre, tkr whole
    (one decimal below 10 tkr); ``−`` as the minus sign; ``""`` when unknown."""
    if amount is None:
        return ""
    value = unit.from_kr(amount)
    if unit is Unit.TKR:
        decimals = 1 if value and abs(value) < 10 and value != value.to_integral_value() else 0
    else:
        decimals = 0 if value == value.to_integral_value() else 2
    text = format_number(value, decimals).replace("-", "−")
    return f"{text} {unit.value}" if suffix else text


def sum_text(first: Decimal | None, second: Decimal | None, total: Decimal | None, unit: Unit = Unit.KR) -> str:
    """``1 150 000 kr − 183 549 kr = 966 451 kr``: the sign of the second term is the operator."""
    if first is None:
        return "–"
    op = "−" if second is not None and second < 0 else "+"
    return (
        f"{amount_text(first, unit, suffix=True)} {op} {amount_text(abs(second or 0), unit, suffix=True)} = "
        f"{amount_text(total, unit, suffix=True)}"
    )


def prior_figures(rows: Sequence[FollowupRow], prior: dict[str, Decimal] | None) -> tuple[Decimal | None, ...]:
    """Föregående års utfall for each row (aligned with ``rows``): lines by their code (a parent without its own
    figure sums its varav rows), Summa rows as the sum of their section's lines, the totals and the result from
    those; ``None`` where nothing is known."""
    if prior is None:
        return tuple(None for _ in rows)
    out: list[Decimal | None] = []
    section_lines: list[Decimal | None] = []
    kind_totals: dict[SectionKind | None, list[Decimal | None]] = {}
    parent_index: int | None = None
    for r in rows:
        value: Decimal | None = None
        if r.kind is RowKind.SECTION:
            section_lines = []
        elif r.kind is RowKind.LINE:
            value = prior.get(r.kod)
            parent_index = len(out)
            section_lines.append(value)
        elif r.kind is RowKind.SUB:
            value = prior.get(r.kod)
            if parent_index is not None and r.kod not in ("",) and prior.get(rows[parent_index].kod) is None:
                if value is not None:
                    out[parent_index] = (out[parent_index] or Decimal(0)) + value
                    section_lines[-1] = out[parent_index]
        elif r.kind is RowKind.SUBTOTAL:
            value = _sum(section_lines)
            kind_totals.setdefault(r.section_kind, []).append(value)
        elif r.kind is RowKind.TOTAL:
            value = _sum(kind_totals.get(r.section_kind, []))
        elif r.kind is RowKind.RESULT:
            inc = _sum(kind_totals.get(SectionKind.INTAKT, []))
            cost = _sum(kind_totals.get(SectionKind.KOSTNAD, []))
            value = None if inc is None and cost is None else (inc or Decimal(0)) - (cost or Decimal(0))
        out.append(value)
    return tuple(out)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None
