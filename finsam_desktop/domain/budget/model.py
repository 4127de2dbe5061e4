"""Budget arithmetic: hierarchical lines, follow-up (budget, prognos, utfall), totals, stated-vs-computed
checks, the share going to individinriktade insatser, årets resultat and eget kapital.

Everything here is pure and works in Decimal kronor. A missing figure is ``None`` ("not yet known"),
never zero: it is left out of sums and the sum is marked incomplete.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr

ZERO = Decimal(0)
_ORE = Decimal("0.01")


class SectionKind(StrEnum):
    INTAKT = "intakt"
    KOSTNAD = "kostnad"

    @property
    def label(self) -> str:
        return "Intäkter" if self is SectionKind.INTAKT else "Kostnader"


class LineClass(StrEnum):
    """What a cost line is for; drives the share going to individinriktade insatser."""

    ADMINISTRATION = "administration"
    STRUKTURELL = "strukturell"
    INDIVIDINRIKTAD = "individinriktad"

    @property
    def label(self) -> str:
        return LINE_CLASS_LABELS[self]


LINE_CLASS_LABELS = {
    LineClass.ADMINISTRATION: "Administration",
    LineClass.STRUKTURELL: "Strukturell insats",
    LineClass.INDIVIDINRIKTAD: "Individinriktad insats",
}


class BudgetStatus(StrEnum):
    FORSLAG = "forslag"
    FASTSTALLD = "faststalld"

    @property
    def label(self) -> str:
        return "Förslag" if self is BudgetStatus.FORSLAG else "Fastställd"


class Measure(StrEnum):
    """A column of a budget or a follow-up."""

    BUDGET = "budget"
    PLAN1 = "plan1"
    PLAN2 = "plan2"
    PROGNOS = "prognos"
    UTFALL = "utfall"
    HELAR = "helarsprognos"


class Scope(StrEnum):
    """What a stated total sums."""

    AVSNITT = "avsnitt"
    INTAKTER = "intakter"
    KOSTNADER = "kostnader"
    RESULTAT = "resultat"


#: The way a förbund usually groups its budget (finsam.se: styrelse, administration, revision, insatser).
DEFAULT_SECTIONS: tuple[tuple[str, SectionKind, LineClass | None], ...] = (
    ("Medlemsavgifter", SectionKind.INTAKT, None),
    ("ESF-medel", SectionKind.INTAKT, None),
    ("Övriga intäkter", SectionKind.INTAKT, None),
    ("Styrelse", SectionKind.KOSTNAD, LineClass.ADMINISTRATION),
    ("Kansli och administration", SectionKind.KOSTNAD, LineClass.ADMINISTRATION),
    ("Revision", SectionKind.KOSTNAD, LineClass.ADMINISTRATION),
    ("Strukturella insatser", SectionKind.KOSTNAD, LineClass.STRUKTURELL),
    ("Individinriktade insatser", SectionKind.KOSTNAD, LineClass.INDIVIDINRIKTAD),
)


@dataclass(frozen=True, slots=True)
class Section:
    id: int
    namn: str
    kind: SectionKind
    position: int = 0
    default_class: LineClass | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One budget line. ``parent_id`` makes it a "varav" sub-row of another line."""

    id: int
    section_id: int
    kod: str
    namn: str
    line_class: LineClass | None = None
    parent_id: int | None = None
    position: int = 0
    budget: Decimal | None = None
    plan1: Decimal | None = None
    plan2: Decimal | None = None
    member_id: int | None = None
    insats_id: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class LineFollowup:
    """What the user entered for one line in one follow-up (all optional)."""

    kod: str
    utfall: Decimal | None = None
    utfall_note: str = ""
    prognos: Decimal | None = None
    prognos_comment: str = ""
    helar: Decimal | None = None
    helar_comment: str = ""


@dataclass(frozen=True, slots=True)
class StatedTotal:
    """A total as printed in a document, kept beside the computed one."""

    scope: Scope
    measure: Measure
    amount: Decimal
    section_id: int | None = None


@dataclass(frozen=True, slots=True)
class Mismatch:
    scope_label: str
    measure: Measure
    stated: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    @property
    def message(self) -> str:
        return (
            f"{self.scope_label}, {MEASURE_LABELS[self.measure].lower()}: dokumentet anger "
            f"{format_kr(self.stated)} men raderna summerar till {format_kr(self.computed)} "
            f"(skillnad {format_kr(self.difference)})."
        )


MEASURE_LABELS = {
    Measure.BUDGET: "Budget",
    Measure.PLAN1: "Plan år 2",
    Measure.PLAN2: "Plan år 3",
    Measure.PROGNOS: "Prognos",
    Measure.UTFALL: "Utfall",
    Measure.HELAR: "Helårsprognos",
}


def q(amount: Decimal) -> Decimal:
    return amount.quantize(_ORE, rounding=ROUND_HALF_UP)


def elapsed_months(per: date) -> int:
    """Whole months elapsed on ``per``: 2020-03-31 → 3, 2020-03-15 → 2."""
    last = calendar.monthrange(per.year, per.month)[1]
    return per.month if per.day == last else per.month - 1


def default_prognos(budget: Decimal | None, months: int) -> Decimal | None:
    """Linear periodisation: budget × elapsed months / 12 (Roslagen: 230 → 57,5 per 31 mars)."""
    if budget is None:
        return None
    return q(budget * months / 12)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


def validate_line(line: Line, lines: Sequence[Line]) -> None:
    """Rules for saving a line: a name and a code, unique code, varav only one level deep."""
    if not line.namn.strip():
        raise ValidationError("får inte vara tomt.", "Benämning")
    if not line.kod.strip():
        raise ValidationError("får inte vara tomt.", "Kod")
    for other in lines:
        if other.id != line.id and other.kod == line.kod:
            raise ValidationError(f"koden ”{line.kod}” används redan av ”{other.namn}”.", "Kod")
    if line.parent_id is not None:
        parent = next((x for x in lines if x.id == line.parent_id), None)
        if parent is None:
            raise ValidationError("raden som den ska vara en varav-rad till finns inte.", "Varav till")
        if parent.parent_id is not None:
            raise ValidationError("en varav-rad kan inte ha egna varav-rader.", "Varav till")
        if parent.section_id != line.section_id:
            raise ValidationError("en varav-rad måste ligga i samma avsnitt som sin huvudrad.", "Varav till")


# --------------------------------------------------------------------------------------------
# Follow-up computation
# --------------------------------------------------------------------------------------------


class RowKind(StrEnum):
    SECTION = "section"  # heading row of a section
    LINE = "line"
    SUB = "sub"  # varav row
    SUBTOTAL = "subtotal"  # sum of a section
    TOTAL = "total"  # summa intäkter / summa kostnader
    RESULT = "result"  # årets resultat


@dataclass(frozen=True, slots=True)
class FollowupRow:
    """One row of the follow-up view, every figure computed."""

    kind: RowKind
    namn: str
    section_id: int | None = None
    section_kind: SectionKind | None = None
    kod: str = ""
    line_id: int | None = None
    line_class: LineClass | None = None
    budget: Decimal | None = None
    prognos: Decimal | None = None
    utfall: Decimal | None = None
    utfall_note: str = ""
    utfall_complete: bool = True
    helar: Decimal | None = None
    comment: str = ""
    prognos_overridden: bool = False
    helar_overridden: bool = False
    off_budget: bool = False

    @property
    def avvikelse(self) -> Decimal | None:
        """Utfall − prognos for the period (negative = less spent than planned)."""
        if self.utfall is None or self.prognos is None:
            return None
        return self.utfall - self.prognos

    @property
    def avvikelse_pct(self) -> Decimal | None:
        a = self.avvikelse
        if a is None or not self.prognos:
            return None
        return q(a * 100 / self.prognos)

    @property
    def forbrukat_pct(self) -> Decimal | None:
        if self.utfall is None or not self.budget:
            return None
        return q(self.utfall * 100 / self.budget)

    @property
    def helar_avvikelse(self) -> Decimal | None:
        if self.helar is None or self.budget is None:
            return None
        return self.helar - self.budget

    @property
    def is_figure_row(self) -> bool:
        return self.kind in (RowKind.LINE, RowKind.SUB)


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """Budget, prognos, utfall and helårsprognos of a group (for the chart)."""

    namn: str
    kind: SectionKind
    budget: Decimal
    prognos: Decimal
    utfall: Decimal | None
    helar: Decimal


@dataclass(frozen=True, slots=True)
class FollowupResult:
    per: date
    months: int
    rows: tuple[FollowupRow, ...]
    groups: tuple[GroupFigures, ...]
    intakter: FollowupRow
    kostnader: FollowupRow
    resultat: FollowupRow
    mismatches: tuple[Mismatch, ...] = ()
    class_totals: dict = field(default_factory=dict)  # LineClass → budget (Decimal)

    def off_budget_rows(self) -> list[FollowupRow]:
        return [r for r in self.rows if r.off_budget]


def _line_values(
    line: Line,
    children: Sequence[Line],
    entries: dict[str, LineFollowup],
    monthly: dict[str, dict[int, Decimal]],
    months: int,
) -> dict:
    entry = entries.get(line.kod, LineFollowup(line.kod))
    child_budgets = [c.budget for c in children]
    budget = line.budget if line.budget is not None else _sum(child_budgets)
    if entry.prognos is not None:
        prognos, overridden = entry.prognos, True
    elif line.budget is None and children:
        overridden = False
        prognos = _sum(
            entries[c.kod].prognos
            if c.kod in entries and entries[c.kod].prognos is not None
            else default_prognos(c.budget, months)
            for c in children
        )
    else:
        prognos, overridden = default_prognos(budget, months), False
    utfall = entry.utfall
    complete = True
    if utfall is None and line.kod in monthly:
        utfall = sum((v for m, v in monthly[line.kod].items() if m <= months), ZERO)
    if utfall is None and children:
        child_utfall = [_own_utfall(c, entries, monthly, months) for c in children]
        utfall = _sum(child_utfall)
        complete = all(v is not None for v in child_utfall)
    if utfall is None:
        complete = False
    helar_over = entry.helar is not None
    helar = entry.helar if helar_over else budget
    comment = "; ".join(t for t in (entry.prognos_comment, entry.helar_comment) if t.strip())
    return {
        "budget": budget,
        "prognos": prognos,
        "utfall": utfall,
        "utfall_note": entry.utfall_note,
        "utfall_complete": complete,
        "helar": helar,
        "comment": comment,
        "prognos_overridden": overridden,
        "helar_overridden": helar_over,
    }


def _own_utfall(line: Line, entries, monthly, months) -> Decimal | None:
    entry = entries.get(line.kod)
    if entry is not None and entry.utfall is not None:
        return entry.utfall
    if line.kod in monthly:
        return sum((v for m, v in monthly[line.kod].items() if m <= months), ZERO)
    return None


def _is_off(values: dict, threshold: Decimal) -> bool:
    utfall, prognos, budget, helar = values["utfall"], values["prognos"], values["budget"], values["helar"]
    if helar is not None and budget is not None and helar != budget:
        base = abs(budget) or Decimal(1)
        if abs(helar - budget) * 100 / base >= threshold:
            return True
    if utfall is None or prognos is None:
        return False
    if prognos == 0:
        return utfall != 0
    return abs(utfall - prognos) * 100 / abs(prognos) >= threshold


def compute_followup(
    sections: Sequence[Section],
    lines: Sequence[Line],
    per: date,
    entries: Iterable[LineFollowup] = (),
    monthly: dict[str, dict[int, Decimal]] | None = None,
    stated: Iterable[StatedTotal] = (),
    threshold_pct: Decimal = Decimal(10),
) -> FollowupResult:
    """The follow-up per ``per``: every line with budget, prognos for the period, utfall, avvikelse
    and helårsprognos, subtotals per section, summa intäkter/kostnader and årets resultat.

    ``monthly`` holds imported utfall per line code and month (1–12); typed utfall in ``entries``
    wins over imported. ``stated`` totals from a document are compared with the computed ones.
    """
    months = elapsed_months(per)
    entry_map = {e.kod: e for e in entries}
    monthly = monthly or {}
    rows: list[FollowupRow] = []
    groups: list[GroupFigures] = []
    section_rows: dict[int, FollowupRow] = {}
    kind_rows: dict[SectionKind, list[FollowupRow]] = {SectionKind.INTAKT: [], SectionKind.KOSTNAD: []}
    class_totals: dict[LineClass, Decimal] = {c: ZERO for c in LineClass}
    by_parent: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.parent_id is not None:
            by_parent.setdefault(ln.parent_id, []).append(ln)
    for kids in by_parent.values():
        kids.sort(key=lambda x: (x.position, x.id))

    ordered = sorted(sections, key=lambda s: (0 if s.kind is SectionKind.INTAKT else 1, s.position, s.id))
    for sec in ordered:
        top = sorted(
            (x for x in lines if x.section_id == sec.id and x.parent_id is None), key=lambda x: (x.position, x.id)
        )
        rows.append(FollowupRow(RowKind.SECTION, sec.namn, sec.id, sec.kind))
        tops: list[FollowupRow] = []
        for ln in top:
            kids = by_parent.get(ln.id, [])
            values = _line_values(ln, kids, entry_map, monthly, months)
            cls = ln.line_class or sec.default_class
            row = FollowupRow(
                RowKind.LINE,
                ln.namn,
                sec.id,
                sec.kind,
                ln.kod,
                ln.id,
                cls,
                off_budget=_is_off(values, threshold_pct),
                **values,
            )
            rows.append(row)
            tops.append(row)
            if sec.kind is SectionKind.KOSTNAD and cls is not None and row.budget is not None:
                class_totals[cls] += row.budget
            for kid in kids:
                kv = _line_values(kid, [], entry_map, monthly, months)
                rows.append(
                    FollowupRow(
                        RowKind.SUB,
                        kid.namn,
                        sec.id,
                        sec.kind,
                        kid.kod,
                        kid.id,
                        kid.line_class or cls,
                        off_budget=_is_off(kv, threshold_pct),
                        **kv,
                    )
                )
        if not top:
            rows.pop()  # a section without lines is left out of the follow-up
            continue
        subtotal = _total_row(RowKind.SUBTOTAL, summa_label(sec.namn), tops, sec)
        rows.append(subtotal)
        section_rows[sec.id] = subtotal
        kind_rows[sec.kind].append(subtotal)
        groups.append(
            GroupFigures(
                sec.namn,
                sec.kind,
                subtotal.budget or ZERO,
                subtotal.prognos or ZERO,
                subtotal.utfall,
                subtotal.helar or ZERO,
            )
        )

    intakter = _total_row(
        RowKind.TOTAL, "Summa intäkter", kind_rows[SectionKind.INTAKT], section_kind=SectionKind.INTAKT
    )
    kostnader = _total_row(
        RowKind.TOTAL, "Summa kostnader", kind_rows[SectionKind.KOSTNAD], section_kind=SectionKind.KOSTNAD
    )
    resultat = FollowupRow(
        RowKind.RESULT,
        "Årets resultat",
        budget=_diff(intakter.budget, kostnader.budget),
        prognos=_diff(intakter.prognos, kostnader.prognos),
        utfall=_diff(intakter.utfall, kostnader.utfall),
        utfall_complete=intakter.utfall_complete and kostnader.utfall_complete,
        helar=_diff(intakter.helar, kostnader.helar),
    )
    if any(r.kind is RowKind.SECTION for r in rows):
        has_income = bool(kind_rows[SectionKind.INTAKT])
        if has_income:
            rows.append(intakter)
        rows.append(kostnader)
        if has_income:
            rows.append(resultat)
    mismatches = check_stated(stated, {s.id: s for s in sections}, section_rows, intakter, kostnader, resultat)
    return FollowupResult(
        per, months, tuple(rows), tuple(groups), intakter, kostnader, resultat, tuple(mismatches), class_totals
    )


def summa_label(namn: str) -> str:
    """``Administrativa kostnader`` → ``Summa administrativa kostnader``; acronyms (``ESF-medel``) kept."""
    if len(namn) > 1 and namn[1].islower():
        namn = namn[0].lower() + namn[1:]
    return f"Summa {namn}"


def _diff(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None and b is None:
        return None
    return (a or ZERO) - (b or ZERO)


def _total_row(
    row_kind: RowKind,
    namn: str,
    parts: Sequence[FollowupRow],
    sec: Section | None = None,
    section_kind: SectionKind | None = None,
) -> FollowupRow:
    return FollowupRow(
        row_kind,
        namn,
        sec.id if sec else None,
        sec.kind if sec else section_kind,
        budget=_sum(p.budget for p in parts) if parts else ZERO,
        prognos=_sum(p.prognos for p in parts) if parts else ZERO,
        utfall=_sum(p.utfall for p in parts),
        utfall_complete=all(p.utfall_complete for p in parts) if parts else False,
        helar=_sum(p.helar for p in parts) if parts else ZERO,
    )


def _figure(row: FollowupRow, measure: Measure) -> Decimal | None:
    return {
        Measure.BUDGET: row.budget,
        Measure.PROGNOS: row.prognos,
        Measure.UTFALL: row.utfall,
        Measure.HELAR: row.helar,
    }.get(measure)


def check_stated(
    stated: Iterable[StatedTotal],
    sections: dict[int, Section],
    section_rows: dict[int, FollowupRow],
    intakter: FollowupRow,
    kostnader: FollowupRow,
    resultat: FollowupRow,
    plan_totals: dict[tuple[Scope, int | None, Measure], Decimal] | None = None,
) -> list[Mismatch]:
    """Compare totals printed in a document with the computed ones; list the ones that differ."""
    out = []
    for st in stated:
        if st.measure in (Measure.PLAN1, Measure.PLAN2):
            if plan_totals is None:
                continue
            computed = plan_totals.get((st.scope, st.section_id, st.measure), ZERO)
            label = _scope_label(st, sections)
        elif st.scope is Scope.AVSNITT:
            row = section_rows.get(st.section_id or -1)
            if row is None:
                continue
            computed, label = _figure(row, st.measure), _scope_label(st, sections)
        else:
            row = {Scope.INTAKTER: intakter, Scope.KOSTNADER: kostnader, Scope.RESULTAT: resultat}[st.scope]
            computed, label = _figure(row, st.measure), _scope_label(st, sections)
        computed = computed if computed is not None else ZERO
        if q(computed) != q(st.amount):
            out.append(Mismatch(label, st.measure, st.amount, computed))
    return out


def _scope_label(st: StatedTotal, sections: dict[int, Section]) -> str:
    if st.scope is Scope.AVSNITT:
        sec = sections.get(st.section_id or -1)
        return f"Summa {sec.namn}" if sec else "Summa avsnitt"
    return {Scope.INTAKTER: "Summa intäkter", Scope.KOSTNADER: "Summa kostnader", Scope.RESULTAT: "Årets resultat"}[
        st.scope
    ]


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
    return _sum(getattr(c, measure.value) for c in children)


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
    sections: Sequence[Section], lines: Sequence[Line], stated: Iterable[StatedTotal]
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
            out.append(Mismatch(_scope_label(st, smap), st.measure, st.amount, computed))
    return out


def varav_mismatches(lines: Sequence[Line]) -> list[str]:
    """A parent line whose own budget differs from the sum of its varav rows' budgets."""
    out = []
    for ln in lines:
        kids = [c for c in lines if c.parent_id == ln.id]
        for m in (Measure.BUDGET, Measure.PLAN1, Measure.PLAN2):
            own = getattr(ln, m.value)
            kid_sum = _sum(getattr(c, m.value) for c in kids)
            if kids and own is not None and kid_sum is not None and q(own) != q(kid_sum):
                out.append(
                    f"{ln.namn} ({MEASURE_LABELS[m].lower()}): {format_kr(own)}, men varav-raderna "
                    f"summerar till {format_kr(kid_sum)}."
                )
    return out


# --------------------------------------------------------------------------------------------
# Goals: individinriktade insatser and eget kapital
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndividShare:
    individ: Decimal
    base: Decimal
    goal_pct: Decimal

    @property
    def pct(self) -> Decimal | None:
        return q(self.individ * 100 / self.base) if self.base else None

    @property
    def met(self) -> bool:
        return self.pct is not None and self.pct >= self.goal_pct


def individ_share(class_totals: dict, tilldelade: Decimal, goal_pct: Decimal = Decimal(70)) -> IndividShare:
    """Individinriktade insatser as a share of the year's tilldelade medel (Sundsvall: ≥ 70 %)."""
    return IndividShare(class_totals.get(LineClass.INDIVIDINRIKTAD, ZERO), tilldelade, goal_pct)


@dataclass(frozen=True, slots=True)
class EquityLimits:
    """The förbund's own range for eget kapital (Sundsvall: 400 000 kr to 20 % of tilldelade medel)."""

    min_kr: Decimal = Decimal(400_000)
    max_share_pct: Decimal = Decimal(20)
    recommendation: str = (
        "Nationella rådets rekommendation (2013-10-02) om rimlig storlek på eget kapital: ligger "
        "kapitalet över rimlig nivå kan den statliga medelstilldelningen begränsas kommande år."
    )

    def validate(self) -> None:
        if self.min_kr < 0:
            raise ValidationError("kan inte vara negativt.", "Lägsta eget kapital")
        if not 0 < self.max_share_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Högsta andel av tilldelade medel")


@dataclass(frozen=True, slots=True)
class Equity:
    opening: Decimal | None
    result_budget: Decimal
    result_prognos: Decimal
    tilldelade: Decimal
    limits: EquityLimits

    @property
    def closing_budget(self) -> Decimal | None:
        return None if self.opening is None else self.opening + self.result_budget

    @property
    def closing_prognos(self) -> Decimal | None:
        return None if self.opening is None else self.opening + self.result_prognos

    @property
    def max_kr(self) -> Decimal:
        return q(self.tilldelade * self.limits.max_share_pct / 100)

    def pct_of_tilldelade(self, amount: Decimal | None) -> Decimal | None:
        if amount is None or not self.tilldelade:
            return None
        return q(amount * 100 / self.tilldelade)

    def verdict(self, amount: Decimal | None) -> str:
        if amount is None:
            return "Ingående eget kapital är inte angivet."
        if amount < self.limits.min_kr:
            return f"Under förbundets lägsta nivå {format_kr(self.limits.min_kr)}."
        if self.tilldelade and amount > self.max_kr:
            return (
                f"Över förbundets högsta nivå {format_kr(self.max_kr)} "
                f"({format_kr(self.limits.max_share_pct)[:-3]} % av tilldelade medel)."
            )
        return "Inom förbundets mål för eget kapital."

    def within(self, amount: Decimal | None) -> bool | None:
        if amount is None:
            return None
        if amount < self.limits.min_kr:
            return False
        return not (self.tilldelade and amount > self.max_kr)


def format_pct(value: Decimal | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:.{decimals}f}".replace(".", ",")
    return f"{text} %".replace("-", "−")
