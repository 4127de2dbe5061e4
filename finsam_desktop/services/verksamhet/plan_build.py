"""The verksamhetsplan's content from the data: the proposals that pre-fill its text sections, and the
``PlanPublication`` the reports lay out (insatser, activity rows, indicators, the budget, the årshjul and the risk
analysis as bilagor).

``gather`` reads the other areas (each through its own service, outside any write); ``compose`` is pure, so the
adoption can render the final PDF inside its own transaction from what was gathered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.verksamhet import plan_budget
from finsam_desktop.domain.verksamhet.insats import InsatsTyp
from finsam_desktop.domain.verksamhet.plan import SectionKind, Template, fill_heading, numbering
from finsam_desktop.domain.verksamhet.plan_publication import (
    BudgetOut,
    BudgetRowOut,
    PlanEvent,
    PlanIndicator,
    PlanInsats,
    PlanPublication,
    PlanRisk,
    PubSection,
)
from finsam_desktop.services.verksamhet.dto import VerksamhetInsats
from finsam_desktop.services.verksamhet.plan_dto import VPlan

FINSAM_LAW = "lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser"


@dataclass(frozen=True)
class Gathered:
    """What the plan shows from the other areas, read once."""

    forbund: str = ""
    orgnr: str = ""
    members: tuple[str, ...] = ()
    insatser: tuple[VerksamhetInsats, ...] = ()
    indicators: tuple[tuple[int | None, PlanIndicator], ...] = ()  # (insats id, row)
    budget: BudgetOut | None = None
    budget_totals: tuple[Decimal, Decimal] | None = None  # (intäkter, kostnader) of the plan year
    events: tuple[PlanEvent, ...] = ()
    risks: tuple[PlanRisk, ...] = ()
    risk_source: str = ""
    unit: Unit = Unit.KR


def _join(names) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def proposal(key: str, year: int, g: Gathered) -> str:
    """The pre-filled text of a section (empty when the data has nothing to say)."""
    forbund = g.forbund or "Förbundet"
    members = _join(g.members)
    active = [i for i in g.insatser if i.parent_id is None]
    if key in ("forord", "inledning"):
        text = f"Verksamhetsplan {year} beskriver hur {forbund} ska arbeta under {year}, med budget för {year} och "
        text += f"plan för {year + 1} och {year + 2}."
        if members:
            text += f" Medlemmarna i förbundet är {members}."
        if active:
            text += f"\n\nUnder {year} pågår eller planeras {len(active)} insatser: {_join([i.namn for i in active])}."
        return text
    if key == "bakgrund":
        return (
            f"Samordningsförbund bildas enligt {FINSAM_LAW} (Finsam). Lagen gör det möjligt för Arbetsförmedlingen, "
            "Försäkringskassan, region och kommun att samverka finansiellt inom rehabiliteringsområdet. Resurserna "
            "ska användas till att den enskilde ska få eller förbättra sin förmåga till självförsörjning."
        )
    if key in ("forbundet", "organisation"):
        text = f"{forbund} är ett samordningsförbund enligt {FINSAM_LAW} och en egen juridisk person"
        text += f" med organisationsnummer {g.orgnr}." if g.orgnr else "."
        if members:
            text += f" Medlemmar är {members}."
        if g.budget_totals is not None:
            inc, cost = g.budget_totals
            text += (
                f"\n\nFör {year} budgeterar förbundet intäkter om {format_kr(inc, 0)} och kostnader om "
                f"{format_kr(cost, 0)}."
            )
        return text
    if key == "styrelse" and members:
        return f"Styrelsen består av ledamöter och ersättare som medlemmarna utser: {members}."
    if key == "revision":
        return "Förbundets verksamhet och förvaltning granskas av revisorer som medlemmarna utser."
    if key == "andamal":
        return (
            "Förbundets ändamål är att svara för en finansiell samordning av insatser för individer som är i behov "
            "av samordnade rehabiliteringsinsatser, så att de uppnår eller förbättrar sin förmåga att utföra "
            "förvärvsarbete. Förbundet arbetar med strukturella insatser och individinsatser."
        )
    if key == "malgrupper":
        groups: list[str] = []
        ages = [(i.malgrupp.alder_fran, i.malgrupp.alder_till) for i in active if i.malgrupp.alder_fran is not None]
        for i in active:
            for grp in i.malgrupp.grupper:
                if grp not in groups:
                    groups.append(grp)
        text = "Förbundets målgrupp är personer som behöver samordnade rehabiliteringsinsatser för att komma vidare "
        text += "mot arbete eller studier"
        if ages:
            lo, hi = min(a for a, _b in ages), max(b or a for a, b in ages)
            text += f", i åldern {lo}–{hi} år"
        text += "."
        if groups:
            text += f"\n\nPrioriterade målgrupper {year}:\n" + "\n".join(f"- {x}" for x in groups)
        return text
    if key in ("planerade", "verksamhetsplan"):
        if not active:
            return ""
        lines = [f"Under {year} planeras följande insatser:"]
        for i in active:
            typ = i.typ.label.lower() if i.typ else "administration"
            lines.append(f"- {i.namn} ({typ}, {i.status.label.lower()})")
        return "\n".join(lines)
    if key in ("uppfoljning", "vision"):
        return (
            "Verksamheten följs upp mot målen och indikatorerna nedan; utfallet redovisas för styrelsen och "
            "medlemmarna under året. Målvärdet står först och det senast uppmätta utfallet inom parentes."
        )
    if key in ("budget", "intakter_kostnader"):
        if g.budget is None:
            return ""
        return f"Budgeten för {year} med plan för {year + 1} och {year + 2}, i {g.unit.label}."
    if key == "bilaga_arshjul":
        return f"Förbundets sammanträden, rapporter och andra händelser under {year}."
    if key == "bilaga_risk":
        return "Risk- och väsentlighetsanalysen: riskvärdet är väsentlighet × sannolikhet."
    return ""


def _period(i: VerksamhetInsats) -> str:
    start = i.start.isoformat() if i.start else "…"
    slut = i.slut.isoformat() if i.slut else "…"
    return f"{start} – {slut}"


def _financing(i: VerksamhetInsats, years: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
    out = []
    for y in years:
        f = i.finansiering(y)
        parts = [
            f"{label} {format_kr(v, 0)}"
            for label, v in (("Förbundet", f.forbund), ("ESF", f.esf), ("Annan", f.annan))
            if v
        ]
        if parts:
            out.append((str(y), ", ".join(parts)))
    return tuple(out)


def plan_insats(i: VerksamhetInsats, depth: int, years: tuple[int, ...]) -> PlanInsats:
    return PlanInsats(
        namn=i.namn,
        depth=depth,
        typ=i.typ.label if i.typ else "Administration",
        status=i.status.label,
        period=_period(i),
        projektagare=i.projektagare,
        malgrupp=i.malgrupp.summary,
        syfte=i.syfte,
        mal=i.mal,
        personal=i.personal,
        finansiering=_financing(i, years),
        styrgrupp=_join([", ".join(x for x in (m.namn, m.organisation) if x) for m in i.styrgrupp]),
    )


def _insatser_for(g: Gathered, typ: str, years: tuple[int, ...]) -> tuple[PlanInsats, ...]:
    chosen = [i for i in g.insatser if not typ or (i.typ is not None and i.typ is InsatsTyp(typ))]
    listed = {i.id for i in chosen}
    out: list[PlanInsats] = []

    def add(node: VerksamhetInsats, depth: int) -> None:
        out.append(plan_insats(node, depth, years))
        for child in chosen:
            if child.parent_id == node.id:
                add(child, min(depth + 1, 1))

    for i in chosen:
        if i.parent_id is None or i.parent_id not in listed:
            add(i, 0)
    return tuple(out)


def typed_budget_out(tb: plan_budget.TypedBudget) -> BudgetOut:
    rows = []
    for r in tb.rows:
        if r.kind in plan_budget.AMOUNTLESS:
            rows.append(BudgetRowOut(r.label, (), "group"))
            continue
        kind = (
            "sum" if r.kind in (plan_budget.RowKind.SUMMA_INTAKTER, plan_budget.RowKind.SUMMA_KOSTNADER) else "normal"
        )
        amounts = tuple(r.amount(i) for i in range(len(tb.columns)))
        rows.append(BudgetRowOut(r.label, amounts, kind))
    flags = tuple(f.text for f in plan_budget.check(tb))
    return BudgetOut(
        tuple(c.label for c in tb.columns), tuple(rows), tb.unit, "Budgettabellen inskriven i planen", flags
    )


def budget_out(doc, previous, unit: Unit) -> BudgetOut:
    """Budget's version of the plan year as the plan prints it: per section its lines (varav rows with "- "), the
    section sums, Summa intäkter, Summa kostnader and Årets resultat, for the year and its two plan years; the
    previous year's budget beside it when there is one (matched by code)."""
    y = doc.info.year
    cols = [f"Budget {y}", f"Plan {y + 1}", f"Plan {y + 2}"]
    prev_by_kod = {ln.kod: ln.budget for ln in previous.lines} if previous is not None else None
    if prev_by_kod is not None:
        cols.insert(0, f"Budget {y - 1}")

    def amounts(values, prev=None):
        values = tuple(values)
        return ((prev,) if prev_by_kod is not None else ()) + values

    children: dict[int, list] = {}
    for ln in doc.lines:
        if ln.parent_id is not None:
            children.setdefault(ln.parent_id, []).append(ln)
    rows: list[BudgetRowOut] = []
    prev_totals: dict[str, Decimal] = {}
    if previous is not None:
        prev_totals = {"intakter": previous.totals.intakter[0], "kostnader": previous.totals.kostnader[0]}
    for sec in sorted(doc.sections, key=lambda x: x.position):
        rows.append(BudgetRowOut(sec.namn, (), "group"))
        for ln in sorted((x for x in doc.lines if x.section_id == sec.id and x.parent_id is None), key=_pos):
            kids = sorted(children.get(ln.id, []), key=_pos)
            vals = _line_values(ln, kids)
            rows.append(BudgetRowOut(ln.namn, amounts(vals, prev_by_kod.get(ln.kod) if prev_by_kod else None)))
            for k in kids:
                rows.append(
                    BudgetRowOut(
                        f"- {k.namn}",
                        amounts((k.budget, k.plan1, k.plan2), prev_by_kod.get(k.kod) if prev_by_kod else None),
                    )
                )
        total = doc.totals.sections.get(sec.id)
        if total is not None:
            rows.append(BudgetRowOut(f"Summa {sec.namn.lower()}", amounts(total, None), "sum"))
    t = doc.totals
    rows.append(BudgetRowOut("Summa intäkter", amounts(t.intakter, prev_totals.get("intakter")), "sum"))
    rows.append(BudgetRowOut("Summa kostnader", amounts(t.kostnader, prev_totals.get("kostnader")), "sum"))
    prev_result = prev_totals["intakter"] - prev_totals["kostnader"] if prev_totals else None
    rows.append(BudgetRowOut("Årets resultat", amounts(t.resultat, prev_result), "sum"))
    flags = tuple(m.message for m in doc.mismatches) + tuple(doc.varav_problems)
    return BudgetOut(tuple(cols), tuple(rows), unit, doc.info.label, flags)


def typed_from_budget(doc, previous) -> plan_budget.TypedBudget:
    """Budget's version of the plan year as a typed table to start from (the plan's own budget table): the previous
    year's budget when there is one, the year and its two plan years; per section a heading and its lines, a line's
    varav rows as its specification; the stated sums and result are Budget's computed ones, so they agree."""
    y = doc.info.year
    cols = [plan_budget.BudgetColumn(f"Budget {y}", y)]
    cols += [plan_budget.BudgetColumn(f"Budget {y + k}", y + k) for k in (1, 2)]
    prev_by_kod = {ln.kod: ln.budget for ln in previous.lines} if previous is not None else None
    if prev_by_kod is not None:
        cols.insert(0, plan_budget.BudgetColumn(f"Budget {y - 1}", y - 1))

    def amounts(values, kod: str | None = None, prev=None) -> tuple:
        head = (prev_by_kod.get(kod) if kod is not None else prev,) if prev_by_kod is not None else ()
        return head + tuple(values)

    Kind = plan_budget.RowKind
    children: dict[int, list] = {}
    for ln in doc.lines:
        if ln.parent_id is not None:
            children.setdefault(ln.parent_id, []).append(ln)
    rows: list[plan_budget.TypedRow] = []
    t = doc.totals
    prev_in = previous.totals.intakter[0] if previous is not None else None
    prev_out = previous.totals.kostnader[0] if previous is not None else None
    ordered = sorted(doc.sections, key=lambda x: (x.kind.value != "intakt", x.position, x.id))
    for i, sec in enumerate(ordered):
        income = sec.kind.value == "intakt"
        own = sorted((x for x in doc.lines if x.section_id == sec.id and x.parent_id is None), key=_pos)
        if own:  # an empty section ("ESF-medel" without lines) prints no heading
            rows.append(plan_budget.TypedRow(Kind.RUBRIK, sec.namn))
        for ln in own:
            kids = sorted(children.get(ln.id, []), key=_pos)
            vals = _line_values(ln, kids)
            rows.append(plan_budget.TypedRow(Kind.INTAKT if income else Kind.KOSTNAD, ln.namn, amounts(vals, ln.kod)))
            priced = [k for k in kids if any(v is not None for v in (k.budget, k.plan1, k.plan2))]
            if priced and not income:
                rows.append(plan_budget.TypedRow(Kind.SPEC_RUBRIK, f"Varav {ln.namn.lower()}", ref=ln.namn))
                rows += [
                    plan_budget.TypedRow(Kind.SPEC, k.namn, amounts((k.budget, k.plan1, k.plan2), k.kod))
                    for k in priced
                ]
        last_of_kind = i + 1 == len(ordered) or ordered[i + 1].kind != sec.kind
        if last_of_kind and income:
            rows.append(plan_budget.TypedRow(Kind.SUMMA_INTAKTER, "Summa intäkter", amounts(t.intakter, prev=prev_in)))
        elif last_of_kind:
            rows.append(
                plan_budget.TypedRow(Kind.SUMMA_KOSTNADER, "Summa kostnader", amounts(t.kostnader, prev=prev_out))
            )
    prev_result = prev_in - prev_out if previous is not None else None
    rows.append(plan_budget.TypedRow(Kind.RESULTAT, "Årets resultat", amounts(t.resultat, prev=prev_result)))
    return plan_budget.TypedBudget(tuple(cols), tuple(rows))


def _line_values(ln, kids) -> list[Decimal | None]:
    """A line's budget and plan years; a year it leaves empty is the sum of its varav rows' (when they have one)."""
    vals = [ln.budget, ln.plan1, ln.plan2]
    for idx, name in enumerate(("budget", "plan1", "plan2")):
        if vals[idx] is None and kids:
            known = [getattr(k, name) for k in kids if getattr(k, name) is not None]
            vals[idx] = sum(known, Decimal(0)) if known else None
    return vals


def _pos(line) -> tuple[int, int]:
    return (line.position, line.id)


def budget_totals(doc) -> tuple[Decimal, Decimal]:
    return (doc.totals.intakter[0], doc.totals.kostnader[0])


def _indicators_for(plan: VPlan, g: Gathered, typ: str) -> tuple[PlanIndicator, ...]:
    active = {i.id for i in g.insatser}
    out = []
    for insats_id, ind in g.indicators:
        if typ == "forbund" and insats_id is not None:
            continue
        if insats_id is None or insats_id in active:
            out.append(ind)
    return tuple(out)


def title_of(plan: VPlan) -> str:
    if plan.titel.strip():
        return plan.titel.strip()
    if plan.mall is Template.SEED001:
        return f"Verksamhetsplan {plan.year} med budgetram {plan.year}–{plan.year + 2}"
    return f"Verksamhetsplan och budget {plan.year}"


def compose(plan: VPlan, g: Gathered, *, draft: bool, adopted_text: str = "", created: date | None = None):
    years = plan.plan_years
    numbers = numbering([(s.key, s.level, s.bilaga, s.numbered) for s in plan.sections])
    by_key = {n.key: n.number for n in numbers}
    budget = typed_budget_out(plan.budget_table) if plan.budget_table else g.budget
    out: list[PubSection] = []
    flags: list[str] = []
    for sec in plan.sections:
        extra: dict = {}
        if sec.kind is SectionKind.INSATSER:
            extra["insatser"] = _insatser_for(g, sec.typ, years)
        elif sec.kind is SectionKind.AKTIVITETER:
            rows = plan.rows_of(sec.key)
            used = {a.insats_id for a in rows if a.insats_id is not None}
            extra["aktiviteter"] = rows
            extra["insatser"] = tuple(plan_insats(i, 0, years) for i in g.insatser if i.id in used)
        elif sec.kind is SectionKind.INDIKATORER:
            extra["indicators"] = _indicators_for(plan, g, sec.typ)
        elif sec.kind is SectionKind.BUDGET:
            extra["budget"] = budget
            if budget is not None:
                flags.extend(budget.flags)
        elif sec.kind is SectionKind.ARSHJUL:
            extra["events"] = g.events
        elif sec.kind is SectionKind.RISKANALYS:
            extra["risks"], extra["risk_source"] = g.risks, g.risk_source
        out.append(
            PubSection(
                sec.key,
                by_key.get(sec.key, ""),
                fill_heading(sec.heading, plan.year, g.forbund),
                sec.level,
                sec.kind,
                sec.body,
                sec.bilaga,
                **extra,
            )
        )
    flags.extend(i.staffing_flag.message for i in g.insatser if i.staffing_flag is not None)
    return PlanPublication(
        forbund=g.forbund,
        orgnr=g.orgnr,
        year=plan.year,
        title=title_of(plan),
        sections=tuple(out),
        draft=draft,
        adopted_text=adopted_text,
        created=created,
        flags=tuple(dict.fromkeys(flags)),
    )
