"""The budget follow-up as an Excel workbook: one sheet per view, real SUM formulas for every
subtotal and total, Swedish number formats, frozen header rows and print set-up."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_desktop.domain.budget.followup import RowKind, summa_label
from finsam_desktop.domain.budget.lines import SectionKind
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.reports.common.workbook import Formula, formula, put, put_at, save

if TYPE_CHECKING:  # plain data from the budget service; reports never call services
    from finsam_desktop.services.budget.dto import BudgetDoc, ContributionView, FollowupView, PaymentRow

KR = "#,##0;[Red]-#,##0"
KR_ORE = "#,##0.00;[Red]-#,##0.00"
PCT = "0.0%"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="E8ECEF")
SECTION_FILL = PatternFill("solid", fgColor="F3F6F8")
TOTAL_BORDER = Border(top=Side(style="thin", color="555555"))
WRAP = Alignment(wrap_text=True, vertical="top")


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _setup(ws: Worksheet, title_rows: str, freeze: str, widths: Sequence[float]) -> None:
    ws.freeze_panes = freeze
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.right.text = "Sida &P av &N"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _header(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    for col, text in enumerate(labels, start=1):
        c = put(ws, row, col, text)
        c.font, c.fill = BOLD, HEAD_FILL
        c.alignment = Alignment(wrap_text=True, horizontal="center" if col > 1 else "left", vertical="center")


def _sum_formula(col: str, rows: Sequence[int]) -> Formula:
    if not rows:
        return formula("=0")
    rows = sorted(rows)
    if rows == list(range(rows[0], rows[-1] + 1)):
        return formula(f"=SUM({col}{rows[0]}:{col}{rows[-1]})") if len(rows) > 1 else formula(f"=SUM({col}{rows[0]})")
    return formula("=SUM(" + ",".join(f"{col}{r}" for r in rows) + ")")


# Follow-up sheet columns
C_NAMN, C_KOD, C_KLASS, C_BUD, C_PROG, C_UTF, C_AVV, C_AVVP, C_FORB, C_HEL, C_HELAVV, C_KOM = range(1, 13)
L = {i: get_column_letter(i) for i in range(1, 13)}


def _followup_sheet(ws: Worksheet, view: FollowupView, doc: BudgetDoc, imported_codes: set[str]) -> dict:
    per = view.per.isoformat()
    months = view.result.months
    ws.title = "Uppföljning"
    put_at(ws, "A1", f"{view.forbund_namn} – {view.title}", font=TITLE)
    put_at(
        ws,
        "A2",
        f"{view.budget.label}. Belopp i kronor. Prognos per datum = budget × {months}/12 "
        "om inget annat anges. Tom utfallscell = ännu inte känt.",
    )
    _header(
        ws,
        3,
        [
            "Rad",
            "Kod",
            "Klass",
            f"Budget {view.budget.year}",
            f"Prognos per {per}",
            f"Utfall per {per}",
            "Avvikelse kr",
            "Avvikelse %",
            "% förbrukat",
            "Helårsprognos",
            "Avvikelse helår",
            "Kommentar",
        ],
    )
    _setup(ws, "1:3", "B4", (46, 8, 20, 14, 15, 15, 14, 11, 11, 14, 14, 50))
    lines = {x.id: x for x in doc.lines}
    entries = {e.kod: e for e in view.entries}
    # First pass: where every row goes, and which rows are varav rows of which line.
    placement: list[tuple[int, object]] = []
    kids_of: dict[int, list[int]] = {}
    r = 4
    current_parent_row = None
    for row in view.result.rows:
        placement.append((r, row))
        if row.kind is RowKind.LINE:
            current_parent_row = r
        elif row.kind is RowKind.SUB and current_parent_row is not None:
            kids_of.setdefault(current_parent_row, []).append(r)
        else:
            current_parent_row = None
        r += 1
    last = r - 1
    top_rows: list[int] = []
    subtotal_rows: dict[SectionKind, list[int]] = {SectionKind.INTAKT: [], SectionKind.KOSTNAD: []}
    total_rows: dict = {}
    for r, row in placement:
        if row.kind is RowKind.SECTION:
            top_rows = []
            put(ws, r, C_NAMN, row.namn).font = BOLD
            for col in range(1, 13):
                ws.cell(r, col).fill = SECTION_FILL
            continue
        if row.is_figure_row:
            line = lines.get(row.line_id)
            kids = kids_of.get(r, [])
            entry = entries.get(row.kod)
            put(ws, r, C_NAMN, ("    " if row.kind is RowKind.SUB else "") + row.namn)
            put(ws, r, C_KOD, row.kod)
            put(ws, r, C_KLASS, row.line_class.label if row.line_class else "")
            own_budget = line.budget if line else row.budget
            b = f"{L[C_BUD]}{r}"
            if own_budget is not None:
                put(ws, r, C_BUD, _num(own_budget))
            elif kids:
                put(ws, r, C_BUD, _sum_formula(L[C_BUD], kids))
            if row.prognos_overridden:
                put(ws, r, C_PROG, _num(row.prognos))
            elif own_budget is not None:
                put(ws, r, C_PROG, formula(f"=ROUND({b}*{months}/12,2)"))
            elif kids:
                put(ws, r, C_PROG, _sum_formula(L[C_PROG], kids))
            own_utfall = (entry is not None and entry.utfall is not None) or row.kod in imported_codes
            if own_utfall and row.utfall is not None:
                put(ws, r, C_UTF, _num(row.utfall))
            elif kids:
                rng = _sum_formula(L[C_UTF], kids)[5:-1]
                put(ws, r, C_UTF, formula(f'=IF(COUNT({rng})=0,"",SUM({rng}))'))
            elif row.utfall_note:
                put(ws, r, C_UTF, row.utfall_note).alignment = Alignment(horizontal="right")
            put(ws, r, C_HEL, _num(row.helar) if row.helar_overridden else formula(f'=IF(ISNUMBER({b}),{b},"")'))
            _deviation_formulas(ws, r)
            note = row.utfall_note if (row.utfall is not None or kids) else ""
            put(ws, r, C_KOM, "; ".join(t for t in (row.comment, note) if t)).alignment = WRAP
            if row.kind is RowKind.LINE:
                top_rows.append(r)
            continue
        put(ws, r, C_NAMN, row.namn).font = BOLD
        if row.kind is RowKind.SUBTOTAL:
            for col in (C_BUD, C_PROG, C_UTF, C_HEL):
                put(ws, r, col, _sum_formula(L[col], top_rows))
            subtotal_rows[row.section_kind].append(r)
        elif row.kind is RowKind.TOTAL:
            for col in (C_BUD, C_PROG, C_UTF, C_HEL):
                put(ws, r, col, _sum_formula(L[col], subtotal_rows[row.section_kind]))
            total_rows[row.section_kind] = r
        elif row.kind is RowKind.RESULT:
            ri, rk = total_rows[SectionKind.INTAKT], total_rows[SectionKind.KOSTNAD]
            for col in (C_BUD, C_PROG, C_UTF, C_HEL):
                put(ws, r, col, formula(f"={L[col]}{ri}-{L[col]}{rk}"))
            total_rows["result"] = r
        _deviation_formulas(ws, r)
        for col in range(1, 13):
            ws.cell(r, col).border = TOTAL_BORDER
            ws.cell(r, col).font = BOLD
    for row_cells in ws.iter_rows(min_row=4, max_row=last, min_col=C_BUD, max_col=C_HELAVV):
        for c in row_cells:
            c.number_format = PCT if c.column in (C_AVVP, C_FORB) else KR_ORE if _has_ore(c.value) else KR
    r = last + 2
    if view.mismatches:
        put(ws, r, C_NAMN, "Summor i underlaget som inte stämmer med raderna").font = BOLD
        r += 1
        for m in view.mismatches:
            put(ws, r, C_NAMN, m.message)
            r += 1
    ws.print_area = f"A1:L{max(last, r - 1)}"
    return {"total_rows": total_rows, "last_row": last}


def _has_ore(value) -> bool:
    return isinstance(value, float) and not float(value).is_integer()


def _deviation_formulas(ws: Worksheet, r: int) -> None:
    b, p, u, h = (f"{L[c]}{r}" for c in (C_BUD, C_PROG, C_UTF, C_HEL))
    put(ws, r, C_AVV, formula(f'=IF(ISNUMBER({u}),{u}-{p},"")'))
    put(ws, r, C_AVVP, formula(f'=IF(AND(ISNUMBER({u}),N({p})<>0),({u}-{p})/{p},"")'))
    put(ws, r, C_FORB, formula(f'=IF(AND(ISNUMBER({u}),N({b})<>0),{u}/{b},"")'))
    put(ws, r, C_HELAVV, formula(f'=IF(ISNUMBER({h}),{h}-N({b}),"")'))


def _plan_sheet(wb: Workbook, doc: BudgetDoc) -> None:
    y = doc.info.year
    ws = wb.create_sheet(f"Budget {y}–{y + 2}")
    put_at(ws, "A1", f"{doc.info.title or f'Budget {y}'}", font=TITLE)
    put_at(ws, "A2", doc.info.label)
    _header(ws, 3, ["Rad", "Kod", "Klass", f"Budget {y}", f"Plan {y + 1}", f"Plan {y + 2}", "Anteckning"])
    _setup(ws, "1:3", "B4", (46, 8, 20, 15, 15, 15, 40))
    r = 4
    totals: dict[SectionKind, list[int]] = {SectionKind.INTAKT: [], SectionKind.KOSTNAD: []}
    ordered = sorted(doc.sections, key=lambda s: (0 if s.kind is SectionKind.INTAKT else 1, s.position, s.id))
    kind_total_row = {}
    for kind in (SectionKind.INTAKT, SectionKind.KOSTNAD):
        for sec in [s for s in ordered if s.kind is kind]:
            put(ws, r, 1, sec.namn).font = BOLD
            for col in range(1, 8):
                ws.cell(r, col).fill = SECTION_FILL
            r += 1
            tops = []
            for ln in sorted(
                (x for x in doc.lines if x.section_id == sec.id and x.parent_id is None),
                key=lambda x: (x.position, x.id),
            ):
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
                        put(ws, parent, 4 + i, _sum_formula(col, kid_rows))
            put(ws, r, 1, summa_label(sec.namn)).font = BOLD
            for i in range(3):
                col = get_column_letter(4 + i)
                put(ws, r, 4 + i, _sum_formula(col, tops)).font = BOLD
                ws.cell(r, 4 + i).border = TOTAL_BORDER
            totals[kind].append(r)
            r += 1
        if totals[kind]:
            put(ws, r, 1, "Summa intäkter" if kind is SectionKind.INTAKT else "Summa kostnader").font = BOLD
            for i in range(3):
                col = get_column_letter(4 + i)
                put(ws, r, 4 + i, _sum_formula(col, totals[kind])).font = BOLD
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
                formula(f"={col}{kind_total_row[SectionKind.INTAKT]}-{col}{kind_total_row[SectionKind.KOSTNAD]}"),
            ).font = BOLD
        r += 1
    for row_cells in ws.iter_rows(min_row=4, max_row=r, min_col=4, max_col=6):
        for c in row_cells:
            c.number_format = KR_ORE if _has_ore(c.value) else KR
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
    c = put(ws, r, 6, formula(f"=SUM(F4:F{r - 1})") if r > 4 else formula("=0"))
    c.font, c.number_format, c.border = BOLD, KR_ORE, TOTAL_BORDER
    put(ws, r + 1, 1, "Varav utbetalt")
    put(ws, r + 1, 6, formula(f'=SUMIF(H4:H{max(r - 1, 4)},"Utbetald",F4:F{max(r - 1, 4)})')).number_format = KR_ORE


def _equity_sheet(wb: Workbook, view: FollowupView, result_row: int | None) -> None:
    ws = wb.create_sheet("Eget kapital")
    eq = view.equity
    put_at(ws, "A1", f"Eget kapital {view.budget.year}", font=TITLE)
    _header(ws, 3, ["", "Budget", f"Prognos per {view.per.isoformat()}"])
    _setup(ws, "1:3", "A4", (52, 16, 20))
    if result_row:
        result = formula(f"=Uppföljning!D{result_row}"), formula(f"=Uppföljning!J{result_row}")
    else:
        result = _num(eq.result_budget), _num(eq.result_prognos)
    for r, values in (
        (4, ("Eget kapital vid årets början", _num(eq.opening), formula("=B4"))),
        (5, ("Årets resultat", *result)),
        (6, ("Eget kapital vid årets slut", formula("=B4+B5"), formula("=C4+C5"))),
        (8, ("Årets tilldelade medel (medlemsbidrag)", _num(view.tilldelade))),
        (9, ("Lägsta nivå enligt förbundets mål", _num(eq.limits.min_kr))),
        (10, ("Högsta andel av tilldelade medel", float(eq.limits.max_share_pct / 100))),
        (11, ("Högsta nivå enligt förbundets mål", formula("=B8*B10"))),
        (12, ("Inom målet?", *(formula(f'=IF(AND({c}6>=$B$9,{c}6<=$B$11),"Ja","Nej")') for c in "BC"))),
        (14, ("Eget kapital i % av tilldelade medel", formula('=IF(B8=0,"",B6/B8)'), formula('=IF(B8=0,"",C6/B8)'))),
    ):
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value)
    put_at(ws, "A16", eq.limits.recommendation, alignment=WRAP)
    ws.merge_cells("A16:C18")
    for ref in ("B4", "C4", "B5", "C5", "B6", "C6", "B8", "B9", "B11"):
        ws[ref].number_format = KR
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
        put(ws, r, 4, formula(f"=C{r}/C{last + 1}")).number_format = PCT
        side = [first + j for j, x in enumerate(plan.rows) if x.kind.side is row.kind.side]
        put(ws, r, 5, formula(f"=C{r}/({_sum_formula('C', side)[1:]})")).number_format = PCT
        budgeted = contributions.budgeted.get(row.member_id)
        put(ws, r, 6, _num(budgeted)).number_format = KR
        put(ws, r, 7, formula(f'=IF(ISNUMBER(F{r}),F{r}-C{r},"")')).number_format = KR
    put(ws, last + 1, 1, "Summa").font = BOLD
    for col in "CF":
        put_at(
            ws, f"{col}{last + 1}", formula(f"=SUM({col}{first}:{col}{last})"), fmt=KR, font=BOLD, border=TOTAL_BORDER
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
        put(ws, r, 2, _num(p.budget_cum)).number_format = KR
        put(ws, r, 3, _num(p.utfall_cum)).number_format = KR
        put(ws, r, 4, _num(p.utfall_month)).number_format = KR


def build_budget_workbook(
    view: FollowupView,
    doc: BudgetDoc,
    payments: Sequence[PaymentRow] = (),
    contributions: ContributionView | None = None,
) -> bytes:
    """The follow-up workbook: Uppföljning, Budget (3 years), Utbetalningar, Eget kapital,
    Medlemsavgifter, Per månad."""
    wb = Workbook()
    info = _followup_sheet(wb.active, view, doc, set(view.imported_codes))
    _plan_sheet(wb, doc)
    _payout_sheet(wb, payments, view.budget.year)
    _equity_sheet(wb, view, info["total_rows"].get("result"))
    if contributions is not None:
        _contribution_sheet(wb, contributions)
    _month_sheet(wb, view)
    wb.properties.title = f"{view.title} – {view.forbund_namn}"
    wb.properties.creator = "FINSAM Kansli"
    return save(wb)
