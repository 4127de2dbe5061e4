"""The budget workbook's other sheets: the budget with its plan years, the payout schedule, eget kapital (with
the plan years rolled forward), medlemsavgifter and costs month by month. Every formula carries the program's
figure as its cached value."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from finsam_desktop.domain.budget.followup import summa_label
from finsam_desktop.domain.budget.lines import Measure, SectionKind
from finsam_desktop.domain.budget.plan import line_amount
from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.reports.budget.xlsx_common import (
    BOLD,
    KR,
    KR_ORE,
    KR_TKR,
    PCT,
    RED,
    SECTION_FILL,
    TITLE,
    TOTAL_BORDER,
    WRAP,
    _cached,
    _counted_sum,
    _has_ore,
    _header,
    _num,
    _setup,
    _sum_formula,
)
from finsam_desktop.reports.common.workbook import formula, put, put_at

if TYPE_CHECKING:  # plain data from the budget service; reports never call services
    from finsam_desktop.services.budget.dto import BudgetDoc, ContributionView, FollowupView, PaymentRow


def _plan_sheet(wb: Workbook, doc: BudgetDoc, unit: Unit = Unit.KR) -> None:
    y = doc.info.year
    ws = wb.create_sheet(f"Budget {y}–{y + 2}")
    put_at(ws, "A1", f"{doc.info.title or f'Budget {y}'}", font=TITLE)
    put_at(ws, "A2", doc.info.label)
    _header(ws, 3, ["Rad", "Kod", "Klass", f"Budget {y}", f"Plan {y + 1}", f"Plan {y + 2}", "Anteckning"])
    _setup(ws, "1:3", "B4", (46, 8, 20, 15, 15, 15, 40))
    measures = (Measure.BUDGET, Measure.PLAN1, Measure.PLAN2)
    r = 4
    totals: dict[SectionKind, list[int]] = {SectionKind.INTAKT: [], SectionKind.KOSTNAD: []}
    ordered = sorted(doc.sections, key=lambda s: (0 if s.kind is SectionKind.INTAKT else 1, s.position, s.id))
    kind_total_row = {}
    for kind in (SectionKind.INTAKT, SectionKind.KOSTNAD):
        kind_sections = [s for s in ordered if s.kind is kind]
        for sec in kind_sections:
            put(ws, r, 1, sec.namn).font = BOLD
            for col in range(1, 8):
                ws.cell(r, col).fill = SECTION_FILL
            r += 1
            tops = []
            sec_lines = sorted(
                (x for x in doc.lines if x.section_id == sec.id and x.parent_id is None),
                key=lambda x: (x.position, x.id),
            )
            for ln in sec_lines:
                tops.append(r)
                parent = r
                put(ws, r, 1, ln.namn)
                put(ws, r, 2, ln.kod)
                put(
                    ws, r, 3, (ln.line_class or sec.default_class).label if (ln.line_class or sec.default_class) else ""
                )
                put(ws, r, 7, ln.note)
                values = (ln.budget, ln.plan1, ln.plan2)
                for i, v in enumerate(values):
                    put(ws, r, 4 + i, _num(v))
                r += 1
                kids = sorted((x for x in doc.lines if x.parent_id == ln.id), key=lambda x: (x.position, x.id))
                kid_rows = []
                for kid in kids:
                    put(ws, r, 1, "    " + kid.namn)
                    put(ws, r, 2, kid.kod)
                    for i, v in enumerate((kid.budget, kid.plan1, kid.plan2)):
                        put(ws, r, 4 + i, _num(v))
                    kid_rows.append(r)
                    r += 1
                for i, v in enumerate(values):
                    if v is None and kid_rows:
                        col = get_column_letter(4 + i)
                        put(ws, parent, 4 + i, _counted_sum(col, kid_rows, line_amount(ln, kids, measures[i])))
            single_line = len(sec_lines) == 1 and not any(x.parent_id == sec_lines[0].id for x in doc.lines)
            if len(kind_sections) == 1 or single_line:  # the Summa row would repeat the line or the total
                totals[kind].extend(tops)
                continue
            put(ws, r, 1, summa_label(sec.namn)).font = BOLD
            for i in range(3):
                col = get_column_letter(4 + i)
                put(ws, r, 4 + i, _sum_formula(col, tops, doc.totals.sections[sec.id][i])).font = BOLD
                ws.cell(r, 4 + i).border = TOTAL_BORDER
            totals[kind].append(r)
            r += 1
        if kind_sections:
            put(ws, r, 1, "Summa intäkter" if kind is SectionKind.INTAKT else "Summa kostnader").font = BOLD
            kind_values = doc.totals.intakter if kind is SectionKind.INTAKT else doc.totals.kostnader
            for i in range(3):
                col = get_column_letter(4 + i)
                put(ws, r, 4 + i, _sum_formula(col, totals[kind], kind_values[i])).font = BOLD
            kind_total_row[kind] = r
            r += 2
    if len(kind_total_row) == 2:
        put(ws, r, 1, "Budgeterat resultat").font = BOLD
        for i in range(3):
            col = get_column_letter(4 + i)
            put(
                ws,
                r,
                4 + i,
                formula(
                    f"={col}{kind_total_row[SectionKind.INTAKT]}-{col}{kind_total_row[SectionKind.KOSTNAD]}",
                    _cached(doc.totals.resultat[i]),
                ),
            ).font = BOLD
        r += 1
    for row_cells in ws.iter_rows(min_row=4, max_row=r, min_col=4, max_col=6):
        for c in row_cells:
            c.number_format = KR_TKR if unit is Unit.TKR else KR_ORE if _has_ore(c.value) else KR
    if doc.mismatches:
        r += 1
        put(ws, r, 1, "Summor i underlaget som inte stämmer med raderna").font = BOLD
        for m in doc.mismatches:
            r += 1
            put(ws, r, 1, m.message)


def _payout_sheet(wb: Workbook, payments: Sequence[PaymentRow], year: int) -> None:
    ws = wb.create_sheet("Utbetalningar")
    put_at(ws, "A1", f"Utbetalningsplan för beviljade insatsmedel {year}", font=TITLE)
    _header(ws, 3, ["Insats", "Mottagare", "Beslut", "Del", "Villkor", "Belopp", "Förfaller", "Status", "Utbetald"])
    _setup(ws, "1:3", "A4", (42, 30, 22, 46, 10, 14, 12, 12, 12))
    r = 4
    for row in payments:
        p = row.payment
        put(ws, r, 1, row.insats_namn)
        put(ws, r, 2, row.mottagare)
        put(ws, r, 3, row.beslut_text)
        put(ws, r, 4, p.label or p.trigger.label)
        put(ws, r, 5, "Villkorad" if row.villkorad else "")
        put(ws, r, 6, float(p.amount)).number_format = KR_ORE
        put(ws, r, 7, p.due_on.isoformat() if p.due_on else "")
        put(ws, r, 8, p.status.label)
        put(ws, r, 9, p.paid_on.isoformat() if p.paid_on else "")
        r += 1
    put(ws, r, 1, "Summa").font = BOLD
    total = sum((row.payment.amount for row in payments), Decimal(0))
    paid = sum((row.payment.amount for row in payments if row.payment.status.label == "Utbetald"), Decimal(0))
    c = put(ws, r, 6, formula(f"=SUM(F4:F{r - 1})", _num(total)) if r > 4 else formula("=0", 0))
    c.font, c.number_format, c.border = BOLD, KR_ORE, TOTAL_BORDER
    put(ws, r + 1, 1, "Varav utbetalt")
    put(
        ws, r + 1, 6, formula(f'=SUMIF(H4:H{max(r - 1, 4)},"Utbetald",F4:F{max(r - 1, 4)})', _num(paid))
    ).number_format = KR_ORE


def _equity_sheet(wb: Workbook, view: FollowupView, result_row: int | None) -> None:
    ws = wb.create_sheet("Eget kapital")
    eq = view.equity
    amount_format = KR_TKR if view.unit is Unit.TKR else KR
    put_at(ws, "A1", f"Eget kapital {view.budget.year}", font=TITLE)
    _header(ws, 3, ["", "Budget", f"Prognos per {view.per.isoformat()}"])
    _setup(ws, "1:3", "A4", (52, 16, 20))
    if result_row:
        result = (
            formula(f"=Uppföljning!D{result_row}", _cached(eq.result_budget)),
            formula(f"=Uppföljning!J{result_row}", _cached(eq.result_prognos)),
        )
    else:
        result = _num(eq.result_budget), _num(eq.result_prognos)

    def verdict(amount) -> str:
        if amount is None:
            return ""
        if eq.impossible:
            return "Målet kan inte nås"
        return "Ja" if eq.within(amount) else "Nej"

    def share(amount):
        return "" if amount is None or not view.tilldelade else _num(amount / view.tilldelade)

    for r, values in (
        (
            4,
            (
                "Eget kapital vid årets början",
                _num(eq.opening),
                formula('=IF(ISNUMBER(B4),B4,"")', _cached(eq.opening)),
            ),
        ),
        (5, ("Årets resultat", *result)),
        (
            6,
            (
                "Eget kapital vid årets slut",
                formula('=IF(ISNUMBER(B4),B4+N(B5),"")', _cached(eq.closing_budget)),
                formula('=IF(ISNUMBER(C4),C4+N(C5),"")', _cached(eq.closing_prognos)),
            ),
        ),
        (8, ("Årets tilldelade medel (medlemsbidrag)", _num(view.tilldelade))),
        (9, ("Lägsta nivå enligt förbundets mål", _num(eq.limits.min_kr))),
        (10, ("Högsta andel av tilldelade medel", float(eq.limits.max_share_pct / 100))),
        (
            11,
            ("Högsta nivå enligt förbundets mål", formula("=B8*B10", _num(eq.max_kr) if eq.max_kr is not None else 0)),
        ),
        (
            12,
            (
                "Inom målet?",
                *(
                    formula(
                        f'=IF(NOT(ISNUMBER({c}6)),"",IF(AND(B8<>0,B11<B9),"Målet kan inte nås",'
                        f'IF(AND({c}6>=$B$9,OR(B8=0,{c}6<=$B$11)),"Ja","Nej")))',
                        verdict(amount),
                    )
                    for c, amount in (("B", eq.closing_budget), ("C", eq.closing_prognos))
                ),
            ),
        ),
        (
            14,
            (
                "Eget kapital i % av tilldelade medel",
                formula('=IF(OR(B8=0,NOT(ISNUMBER(B6))),"",B6/B8)', share(eq.closing_budget)),
                formula('=IF(OR(B8=0,NOT(ISNUMBER(C6))),"",C6/B8)', share(eq.closing_prognos)),
            ),
        ),
    ):
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value)
    put_at(ws, "A15", f"Förbundets mål: {eq.band_text}.", alignment=WRAP)
    notes = [n for n in (eq.opening_finding,) if n]
    r = 16
    for n in notes:
        put_at(ws, f"A{r}", n, alignment=WRAP, font=Font(color=RED))
        ws.merge_cells(f"A{r}:C{r}")
        ws.row_dimensions[r].height = 30
        r += 1
    plan = eq.plan_rows()
    if plan:
        r += 1
        _header(
            ws, r, ["Planåren (eget kapital förs vidare)", "Vid årets början", "Budgeterat resultat", "Vid årets slut"]
        )
        first = r + 1
        for i, p in enumerate(plan):
            row = first + i
            put(ws, row, 1, f"Plan {p.year}")
            opening_ref = "C6" if i == 0 else f"D{row - 1}"
            put(ws, row, 2, formula(f'=IF(ISNUMBER({opening_ref}),{opening_ref},"")', _cached(p.opening)))
            put(ws, row, 3, _num(p.result))
            put(ws, row, 4, formula(f'=IF(ISNUMBER(B{row}),B{row}+C{row},"")', _cached(p.closing)))
            for col in (2, 3, 4):
                ws.cell(row, col).number_format = amount_format
        r = first + len(plan)
        ws.column_dimensions["D"].width = 18
    put_at(ws, f"A{r + 1}", eq.limits.recommendation, alignment=WRAP)
    ws.merge_cells(f"A{r + 1}:C{r + 3}")
    for ref in ("B4", "C4", "B5", "C5", "B6", "C6", "B8", "B9", "B11"):
        ws[ref].number_format = amount_format
    for ref in ("B10", "B14", "C14"):
        ws[ref].number_format = PCT
    ws["A6"].font = BOLD


def _contribution_sheet(wb: Workbook, contributions: ContributionView) -> None:
    ws = wb.create_sheet("Medlemsavgifter")
    put_at(ws, "A1", f"Medlemsavgifter {contributions.year} enligt statens medelstilldelning (2:1:1)", font=TITLE)
    _header(
        ws,
        3,
        [
            "Medlem",
            "Part",
            "Bidrag enligt tilldelningen",
            "Andel av alla bidrag",
            "Andel inom parten",
            "I budgeten",
            "Skillnad",
        ],
    )
    _setup(ws, "1:3", "A4", (34, 18, 22, 16, 16, 16, 14))
    plan = contributions.plan
    if plan is None:
        put_at(ws, "A4", "Statens medelstilldelning är inte angiven för året.")
        return
    first, last = 4, 3 + len(plan.rows)
    for i, row in enumerate(plan.rows):
        r = first + i
        put(ws, r, 1, row.namn)
        put(ws, r, 2, row.kind.label)
        put(ws, r, 3, _num(row.amount)).number_format = KR
        total = plan.total
        put(ws, r, 4, formula(f"=C{r}/C{last + 1}", _num(row.amount / total) if total else "")).number_format = PCT
        side = [first + j for j, x in enumerate(plan.rows) if x.kind.side is row.kind.side]
        side_total = plan.side_total(row.kind.side)
        put(
            ws,
            r,
            5,
            formula(f"=C{r}/({_sum_formula('C', side)[1:]})", _num(row.amount / side_total) if side_total else ""),
        ).number_format = PCT
        budgeted = contributions.budgeted.get(row.member_id)
        put(ws, r, 6, _num(budgeted)).number_format = KR
        put(
            ws,
            r,
            7,
            formula(f'=IF(ISNUMBER(F{r}),F{r}-C{r},"")', "" if budgeted is None else _num(budgeted - row.amount)),
        ).number_format = KR
    put(ws, last + 1, 1, "Summa").font = BOLD
    known = [contributions.budgeted.get(x.member_id) for x in plan.rows]
    budgeted_total = sum((v for v in known if v is not None), Decimal(0))
    for col, value in (("C", plan.total), ("F", budgeted_total)):
        put_at(
            ws,
            f"{col}{last + 1}",
            formula(f"=SUM({col}{first}:{col}{last})", _num(value)) if plan.rows else formula("=0", 0),
            fmt=KR,
            font=BOLD,
            border=TOTAL_BORDER,
        )
    put(
        ws,
        last + 3,
        1,
        f"Statens medelstilldelning: {format_number(plan.state_amount)} kr. Regionen betalar en "
        "fjärdedel och kommunerna en fjärdedel, fördelad efter förbundets nyckel.",
    )
    for i, problem in enumerate(contributions.problems):
        put(ws, last + 4 + i, 1, problem)


def _month_sheet(wb: Workbook, view: FollowupView) -> None:
    ws = wb.create_sheet("Per månad")
    put_at(ws, "A1", f"Kostnader månad för månad {view.budget.year}", font=TITLE)
    _header(ws, 3, ["Månad", "Budget ackumulerat", "Utfall ackumulerat", "Utfall under månaden"])
    _setup(ws, "1:3", "A4", (12, 20, 20, 20))
    from finsam_desktop.domain.common.dates import SWEDISH_MONTHS

    for i, p in enumerate(view.months):
        r = 4 + i
        put(ws, r, 1, SWEDISH_MONTHS[p.month - 1].capitalize())
        fmt = KR_TKR if view.unit is Unit.TKR else KR
        put(ws, r, 2, _num(p.budget_cum)).number_format = fmt
        put(ws, r, 3, _num(p.utfall_cum)).number_format = fmt
        put(ws, r, 4, _num(p.utfall_month)).number_format = fmt
