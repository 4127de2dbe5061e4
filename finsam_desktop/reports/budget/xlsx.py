"""The budget follow-up as an Excel workbook: one sheet per view, real SUM formulas for every
subtotal and total (each with the program's figure as its cached value), Swedish number formats, frozen header
rows and print set-up. This module builds the Uppföljning sheet and the workbook; ``xlsx_sheets.py`` the other
sheets, ``xlsx_common.py`` the shared formats and sums."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_desktop.domain.budget.followup import FollowupRow, RowKind
from finsam_desktop.domain.budget.lines import SectionKind
from finsam_desktop.domain.budget.presentation import (
    BASE_SHARE,
    DASH,
    MAX_RATIO,
    Unit,
    avvikelse_share,
    forbrukat_share,
    helar_unfavourable,
    prior_figures,
    redundant_rows,
    unfavourable,
)
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
from finsam_desktop.reports.budget.xlsx_sheets import (
    _contribution_sheet,
    _equity_sheet,
    _month_sheet,
    _payout_sheet,
    _plan_sheet,
)
from finsam_desktop.reports.common.workbook import Formula, formula, put, put_at, save

if TYPE_CHECKING:  # plain data from the budget service; reports never call services
    from finsam_desktop.services.budget.dto import BudgetDoc, ContributionView, FollowupView, PaymentRow


# Follow-up sheet columns
(C_NAMN, C_KOD, C_KLASS, C_BUD, C_PROG, C_UTF, C_AVV, C_AVVP, C_FORB, C_HEL, C_HELAVV, C_PRIOR, C_KOM) = range(1, 14)
NCOLS = 13
L = {i: get_column_letter(i) for i in range(1, NCOLS + 1)}
NUMBER_COLS = (C_BUD, C_PROG, C_UTF, C_AVV, C_HEL, C_HELAVV, C_PRIOR)


def _total(col: str, rows: Sequence[int], value, may_be_unknown: bool) -> Formula:
    """A Summa cell: utfall stays empty while no line's utfall is known; budget and prognos are plain sums."""
    return _counted_sum(col, rows, value) if may_be_unknown else _sum_formula(col, rows, value)


def _followup_sheet(ws: Worksheet, view: FollowupView, doc: BudgetDoc, imported_codes: set[str]) -> dict:
    per = view.per.isoformat()
    months = view.result.months
    unit = view.unit
    ws.title = "Uppföljning"
    put_at(ws, "A1", f"{view.forbund_namn} – {view.title}", font=TITLE)
    put_at(
        ws,
        "A2",
        f"{view.budget.label}. Belopp i {unit.label}. Periodiserad budget per datum = budget × {months}/12 (eller radens periodisering) "
        "om inget annat anges. Tom utfallscell = ännu inte känt. Avvikelse % visas som – när jämförelsetalet är "
        "för litet för att procenten ska säga något.",
    )
    _header(
        ws,
        3,
        [
            "Rad",
            "Kod",
            "Klass",
            f"Budget {view.budget.year}",
            f"Periodiserad budget per {per}",
            f"Utfall per {per}",
            f"Avvikelse {unit.value}",
            "Avvikelse %",
            "% förbrukat",
            "Förväntat utfall helår",
            "Avvikelse helår",
            f"Utfall {view.prior_year}",
            "Kommentar",
        ],
    )
    _setup(ws, "1:3", "B4", (46, 8, 20, 14, 15, 15, 14, 11, 11, 14, 14, 14, 50))
    lines = {x.id: x for x in doc.lines}
    entries = {e.kod: e for e in view.entries}
    all_rows = view.result.rows
    skip = redundant_rows(all_rows)
    prior = prior_figures(all_rows, view.prior_utfall)
    # First pass: where every shown row goes, and which rows are varav rows of which line.
    placement: list[tuple[int, FollowupRow, Decimal | None]] = []
    kids_of: dict[int, list[int]] = {}
    r = 4
    current_parent_row = None
    for i, row in enumerate(all_rows):
        if i in skip:
            placement.append((0, row, prior[i]))
            continue
        placement.append((r, row, prior[i]))
        if row.kind is RowKind.LINE:
            current_parent_row = r
        elif row.kind is RowKind.SUB and current_parent_row is not None:
            kids_of.setdefault(current_parent_row, []).append(r)
        else:
            current_parent_row = None
        r += 1
    last = r - 1
    top_rows: list[int] = []
    parts: dict[SectionKind, list[int]] = {SectionKind.INTAKT: [], SectionKind.KOSTNAD: []}
    total_rows: dict = {}
    red: list[tuple[int, int]] = []
    for r, row, prior_value in placement:
        if row.kind is RowKind.SECTION:
            top_rows = []
            put(ws, r, C_NAMN, row.namn).font = BOLD
            for col in range(1, NCOLS + 1):
                ws.cell(r, col).fill = SECTION_FILL
            continue
        if not r:  # a Summa row that repeats the line above or the total below: its lines count in the total
            if row.kind is RowKind.SUBTOTAL:
                parts[row.section_kind].extend(top_rows)
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
                put(ws, r, C_BUD, _counted_sum(L[C_BUD], kids, row.budget))
            if row.prognos_overridden or (own_budget is not None and row.periodisering):
                # typed, or periodised by the line's profile (kvartal, månader, procent): the program's figure
                put(ws, r, C_PROG, _num(row.prognos))
            elif own_budget is not None:
                put(ws, r, C_PROG, formula(f"=ROUND({b}*{months}/12,2)", _cached(row.prognos)))
            elif kids:
                put(ws, r, C_PROG, _counted_sum(L[C_PROG], kids, row.prognos))
            own_utfall = (entry is not None and entry.utfall is not None) or row.kod in imported_codes
            if own_utfall and row.utfall is not None:
                put(ws, r, C_UTF, _num(row.utfall))
            elif kids:
                put(ws, r, C_UTF, _counted_sum(L[C_UTF], kids, row.utfall))
            elif row.utfall_note:
                put(ws, r, C_UTF, row.utfall_note).alignment = Alignment(horizontal="right")
            put(
                ws,
                r,
                C_HEL,
                _num(row.helar) if row.helar_overridden else formula(f'=IF(ISNUMBER({b}),{b},"")', _cached(row.helar)),
            )
            _deviation_formulas(ws, r, row)
            put(ws, r, C_PRIOR, _num(prior_value))
            note = row.utfall_note if (row.utfall is not None or kids) else ""
            put(ws, r, C_KOM, "; ".join(t for t in (row.comment, note) if t)).alignment = WRAP
            if row.kind is RowKind.LINE:
                top_rows.append(r)
        else:
            put(ws, r, C_NAMN, row.namn).font = BOLD
            figures = {C_BUD: row.budget, C_PROG: row.prognos, C_UTF: row.utfall, C_HEL: row.helar}
            if row.kind is RowKind.SUBTOTAL:
                for col, value in figures.items():
                    put(ws, r, col, _total(L[col], top_rows, value, col == C_UTF))
                parts[row.section_kind].append(r)
            elif row.kind is RowKind.TOTAL:
                for col, value in figures.items():
                    put(ws, r, col, _total(L[col], parts[row.section_kind], value, col == C_UTF))
                total_rows[row.section_kind] = r
            elif row.kind is RowKind.RESULT:
                ri, rk = total_rows[SectionKind.INTAKT], total_rows[SectionKind.KOSTNAD]
                for col, value in figures.items():
                    a, k = f"{L[col]}{ri}", f"{L[col]}{rk}"
                    put(
                        ws,
                        r,
                        col,
                        formula(f'=IF(AND(NOT(ISNUMBER({a})),NOT(ISNUMBER({k}))),"",N({a})-N({k}))', _cached(value)),
                    )
                total_rows["result"] = r
            _deviation_formulas(ws, r, row)
            put(ws, r, C_PRIOR, _num(prior_value))
            for col in range(1, NCOLS + 1):
                ws.cell(r, col).border = TOTAL_BORDER
                ws.cell(r, col).font = BOLD
        if row.off_budget and unfavourable(row):
            red += [(r, C_AVV), (r, C_AVVP)]
        if row.off_budget and helar_unfavourable(row):
            red.append((r, C_HELAVV))
    amount_format = KR_TKR if unit is Unit.TKR else None
    for row_cells in ws.iter_rows(min_row=4, max_row=last, min_col=C_BUD, max_col=C_PRIOR):
        for c in row_cells:
            if c.column in (C_AVVP, C_FORB):
                c.number_format = PCT
                c.alignment = Alignment(horizontal="right")
            else:
                c.number_format = amount_format or (KR_ORE if _has_ore(c.value) else KR)
    for r, col in red:
        c = ws.cell(r, col)
        c.font = Font(bold=c.font.bold, color=RED)
    r = last + 2
    if view.mismatches:
        put(ws, r, C_NAMN, "Summor i underlaget som inte stämmer med raderna").font = BOLD
        r += 1
        for m in view.mismatches:
            put(ws, r, C_NAMN, m.message)
            r += 1
    ws.print_area = f"A1:{L[NCOLS]}{max(last, r - 1)}"
    return {"total_rows": total_rows, "last_row": last}


def _deviation_formulas(ws: Worksheet, r: int, row: FollowupRow) -> None:
    """Avvikelse kr, %, % förbrukat and avvikelse helår — the same rules as the presentation functions: nothing
    without both figures, ``–`` for a percentage on a tiny base, a share of the base's size."""
    b, p, u, h = (f"{L[c]}{r}" for c in (C_BUD, C_PROG, C_UTF, C_HEL))
    put(ws, r, C_AVV, formula(f'=IF(AND(ISNUMBER({u}),ISNUMBER({p})),{u}-{p},"")', _cached(row.avvikelse)))
    share = avvikelse_share(row)
    put(
        ws,
        r,
        C_AVVP,
        formula(
            f'=IF(AND(ISNUMBER({u}),ISNUMBER({p})),IF(AND({u}=0,{p}=0),"",'
            f"IF(OR({p}=0,ABS({p})<{BASE_SHARE}*MAX(ABS(N({b})),ABS({p}),ABS({u})),ABS({u}-{p})>{MAX_RATIO}*ABS({p})),"
            f'"{DASH}",({u}-{p})/ABS({p}))),"")',
            _cached(share),
        ),
    )
    put(
        ws,
        r,
        C_FORB,
        formula(
            f'=IF(AND(ISNUMBER({u}),N({b})<>0),IF(ABS({u})>{MAX_RATIO}*ABS({b}),"{DASH}",{u}/{b}),"")',
            _cached(forbrukat_share(row)),
        ),
    )
    put(ws, r, C_HELAVV, formula(f'=IF(AND(ISNUMBER({h}),ISNUMBER({b})),{h}-{b},"")', _cached(row.helar_avvikelse)))


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
    _plan_sheet(wb, doc, view.unit)
    _payout_sheet(wb, payments, view.budget.year)
    _equity_sheet(wb, view, info["total_rows"].get("result"))
    if contributions is not None:
        _contribution_sheet(wb, contributions)
    _month_sheet(wb, view)
    wb.properties.title = f"{view.title} – {view.forbund_namn}"
    wb.properties.creator = "FINSAM Kansli"
    return save(wb)
