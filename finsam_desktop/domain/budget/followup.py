"""Budgetuppföljning arithmetic: periodised prognos, the follow-up rows and group figures
(budget, prognos, utfall, helår), avvikelser and the stated-vs-computed check of a follow-up.

The prognos for the period defaults to the periodised budget (``periodisation.py``: linear or the line's profile)."""

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.budget.lines import (
    ZERO,
    Line,
    LineClass,
    LineFollowup,
    Measure,
    Mismatch,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
    q,
    scope_label,
    sum_known,
)
from finsam_desktop.domain.budget.periodisation import Profile, periodised_budget, profile_note


def elapsed_months(per: date) -> int:
    """Whole months elapsed on ``per``: 2020-03-31 → 3, 2020-03-15 → 2."""
    last = calendar.monthrange(per.year, per.month)[1]
    return per.month if per.day == last else per.month - 1


def default_prognos(budget: Decimal | None, months: int) -> Decimal | None:
    """Linear periodisation: budget × elapsed months / 12 (Roslagen: 230 → 57,5 per 31 mars)."""
    if budget is None:
        return None
    return q(budget * months / 12)


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
    periodiserad: Decimal | None = None  # the budget expected by ``per`` (linear or the line's profile)
    periodisering: str = ""  # what the line's profile is, when it is not linear

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


@dataclass(frozen=True, slots=True)
class Periodiser:
    """Each line's periodised budget after ``months`` months: its profile (default linear) and, for
    "som föregående år", last year's utfall per month of the same line code."""

    months: int
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    prior: Mapping[str, Mapping[int, Decimal]] = field(default_factory=dict)

    def budget(self, kod: str, budget: Decimal | None, months: int | None = None) -> Decimal | None:
        m = self.months if months is None else months
        return periodised_budget(budget, m, self.profiles.get(kod), self.prior.get(kod))

    def note(self, kod: str) -> str:
        profile = self.profiles.get(kod)
        return profile_note(profile, self.prior.get(kod)) if profile else ""


def _line_values(
    line: Line,
    children: Sequence[Line],
    entries: dict[str, LineFollowup],
    monthly: dict[str, dict[int, Decimal]],
    months: int,
    periodiser: Periodiser | None = None,
) -> dict:
    periodiser = periodiser or Periodiser(months)
    entry = entries.get(line.kod, LineFollowup(line.kod))
    child_budgets = [c.budget for c in children]
    budget = line.budget if line.budget is not None else sum_known(child_budgets)
    if line.budget is None and children:
        periodiserad = sum_known(periodiser.budget(c.kod, c.budget) for c in children)
    else:
        periodiserad = periodiser.budget(line.kod, budget)
    if entry.prognos is not None:
        prognos, overridden = entry.prognos, True
    elif line.budget is None and children:
        overridden = False
        prognos = sum_known(
            entries[c.kod].prognos
            if c.kod in entries and entries[c.kod].prognos is not None
            else periodiser.budget(c.kod, c.budget)
            for c in children
        )
    else:
        prognos, overridden = periodiserad, False
    utfall = entry.utfall
    complete = True
    if utfall is None and line.kod in monthly:
        utfall = sum((v for m, v in monthly[line.kod].items() if m <= months), ZERO)
    if utfall is None and children:
        child_utfall = [_own_utfall(c, entries, monthly, months) for c in children]
        utfall = sum_known(child_utfall)
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
        "periodiserad": periodiserad,
        "periodisering": periodiser.note(line.kod),
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
    profiles: Mapping[str, Profile] | None = None,
    prior: Mapping[str, Mapping[int, Decimal]] | None = None,
) -> FollowupResult:
    """The follow-up per ``per``: every line with budget, prognos for the period, utfall, avvikelse
    and helårsprognos, subtotals per section, summa intäkter/kostnader and årets resultat.

    ``monthly`` holds imported utfall per line code and month (1–12); typed utfall in ``entries``
    wins over imported. ``stated`` totals from a document are compared with the computed ones.
    ``profiles`` (line code → periodisation profile; default linear) and ``prior`` (last year's utfall per line
    code and month, for "som föregående år") give each line's periodised budget, the default prognos.
    """
    months = elapsed_months(per)
    periodiser = Periodiser(months, profiles or {}, prior or {})
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
            values = _line_values(ln, kids, entry_map, monthly, months, periodiser)
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
                kv = _line_values(kid, [], entry_map, monthly, months, periodiser)
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
        periodiserad=_diff(intakter.periodiserad, kostnader.periodiserad),
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
        budget=sum_known(p.budget for p in parts) if parts else ZERO,
        prognos=sum_known(p.prognos for p in parts) if parts else ZERO,
        periodiserad=sum_known(p.periodiserad for p in parts) if parts else ZERO,
        utfall=sum_known(p.utfall for p in parts),
        utfall_complete=all(p.utfall_complete for p in parts) if parts else False,
        helar=sum_known(p.helar for p in parts) if parts else ZERO,
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
            label = scope_label(st, sections)
        elif st.scope is Scope.AVSNITT:
            row = section_rows.get(st.section_id or -1)
            if row is None:
                continue
            computed, label = _figure(row, st.measure), scope_label(st, sections)
        else:
            row = {Scope.INTAKTER: intakter, Scope.KOSTNADER: kostnader, Scope.RESULTAT: resultat}[st.scope]
            computed, label = _figure(row, st.measure), scope_label(st, sections)
        computed = computed if computed is not None else ZERO
        if q(computed) != q(st.amount):
            out.append(Mismatch(label, st.measure, st.amount, computed))
    return out
