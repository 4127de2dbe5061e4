"""The budget document itself: totals for the budget year and the two plan years, and the
stated-vs-computed and varav checks of the document."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam_desktop.domain.budget.lines import (
    ZERO,
    Line,
    Measure,
    Mismatch,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
    measure_label,
    q,
    scope_label,
    sum_known,
)
from finsam_desktop.domain.common.money import format_kr

# --------------------------------------------------------------------------------------------
# The budget document itself (budget year + two plan years)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanTotals:
    """Computed totals for the budget year and the two plan years."""

    intakter: tuple[Decimal, Decimal, Decimal]
    kostnader: tuple[Decimal, Decimal, Decimal]
    sections: dict  # section id → (budget, plan1, plan2)

    @property
    def resultat(self) -> tuple[Decimal, Decimal, Decimal]:
        return tuple(i - k for i, k in zip(self.intakter, self.kostnader, strict=True))  # type: ignore[return-value]


def line_amount(line: Line, children: Sequence[Line], measure: Measure) -> Decimal | None:
    own = getattr(line, measure.value)
    if own is not None:
        return own
    return sum_known(getattr(c, measure.value) for c in children)


def plan_totals(sections: Sequence[Section], lines: Sequence[Line]) -> PlanTotals:
    by_parent: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.parent_id is not None:
            by_parent.setdefault(ln.parent_id, []).append(ln)
    sec_totals = {}
    inc = [ZERO, ZERO, ZERO]
    cost = [ZERO, ZERO, ZERO]
    for sec in sections:
        tops = [x for x in lines if x.section_id == sec.id and x.parent_id is None]
        t = []
        for i, m in enumerate((Measure.BUDGET, Measure.PLAN1, Measure.PLAN2)):
            total = sum((line_amount(x, by_parent.get(x.id, []), m) or ZERO for x in tops), ZERO)
            t.append(total)
            (inc if sec.kind is SectionKind.INTAKT else cost)[i] += total
        sec_totals[sec.id] = tuple(t)
    return PlanTotals(tuple(inc), tuple(cost), sec_totals)  # type: ignore[arg-type]


def plan_mismatches(
    sections: Sequence[Section], lines: Sequence[Line], stated: Iterable[StatedTotal], year: int | None = None
) -> list[Mismatch]:
    """Stated totals of the budget document (budget and plan years) against the computed ones."""
    totals = plan_totals(sections, lines)
    idx = {Measure.BUDGET: 0, Measure.PLAN1: 1, Measure.PLAN2: 2}
    out = []
    smap = {s.id: s for s in sections}
    for st in stated:
        if st.measure not in idx:
            continue
        i = idx[st.measure]
        if st.scope is Scope.AVSNITT:
            if st.section_id not in totals.sections:
                continue
            computed = totals.sections[st.section_id][i]
        elif st.scope is Scope.INTAKTER:
            computed = totals.intakter[i]
        elif st.scope is Scope.KOSTNADER:
            computed = totals.kostnader[i]
        else:
            computed = totals.resultat[i]
        if q(computed) != q(st.amount):
            out.append(Mismatch(scope_label(st, smap), st.measure, st.amount, computed, year))
    return out


def varav_mismatches(lines: Sequence[Line], year: int | None = None) -> list[str]:
    """A parent line whose own budget differs from the sum of its varav rows' budgets."""
    out = []
    for ln in lines:
        kids = [c for c in lines if c.parent_id == ln.id]
        for m in (Measure.BUDGET, Measure.PLAN1, Measure.PLAN2):
            own = getattr(ln, m.value)
            kid_sum = sum_known(getattr(c, m.value) for c in kids)
            if kids and own is not None and kid_sum is not None and q(own) != q(kid_sum):
                out.append(
                    f"{ln.namn} ({measure_label(m, year).lower()}): {format_kr(own)}, men varav-raderna "
                    f"summerar till {format_kr(kid_sum)}."
                )
    return out
