"""Excel exports: the risk table with a legend (riskvärde as a formula, band colours) and the stickprov
with its findings and the analysis of the whole population (``population_xlsx.py``). openpyxl; Swedish number
formats; frozen header; print set-up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_desktop.domain.internkontroll.risk import MatrixSettings, build_matrix
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning
from finsam_desktop.reports.common.workbook import formula, put, save
from finsam_desktop.reports.internkontroll.population_xlsx import add_population_sheet

AMOUNT = "#,##0.00"
HEAD_FILL = PatternFill("solid", fgColor="E8ECEF")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
#: What the "Automatisk kontroll" column says of an item without findings (counted by the sheet's formula).
NO_FINDINGS = "Inga anmärkningar"


def _fill(hex_colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=hex_colour.lstrip("#").upper())


def _header(ws: Worksheet, row: int, titles: list[str], widths: list[float]) -> None:
    for i, (t, w) in enumerate(zip(titles, widths), start=1):
        c = put(ws, row, i, t)
        c.font, c.fill, c.alignment = BOLD, HEAD_FILL, Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.print_title_rows = f"{row}:{row}"


def _print_setup(ws: Worksheet, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _save(wb: Workbook) -> bytes:
    return save(wb)


def risk_table_xlsx(analysis, settings: MatrixSettings, forbund: str) -> bytes:
    """Sheet "Risker" (riskvärde = V×S as formulas, coloured by band), sheet "Matris", sheet "Förklaring"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    put(ws, 1, 1, analysis.titel, font=Font(bold=True, size=13))
    put(ws, 2, 1, f"{forbund}. Version {analysis.version}. {analysis.status_text}.")
    heads = [
        "Nr",
        "Process/rutin",
        "Risk",
        "Väsentlighet",
        "Sannolikhet",
        "Riskvärde",
        "Riskhantering",
        "Ansvarig",
        "Väsentlighet efter åtgärd",
        "Sannolikhet efter åtgärd",
        "Riskvärde efter åtgärd",
    ]
    _header(ws, 4, heads, [5, 24, 40, 12, 12, 10, 44, 18, 12, 12, 12])
    first = 5
    for i, r in enumerate(analysis.risks):
        row = first + i
        values = [
            r.nummer,
            r.process,
            r.risk,
            r.vasentlighet,
            r.sannolikhet,
            formula(f"=D{row}*E{row}", r.riskvarde),
            r.riskhantering,
            r.ansvarig,
            r.residual_vasentlighet,
            r.residual_sannolikhet,
            formula(
                f'=IF(AND(ISNUMBER(I{row}),ISNUMBER(J{row})),I{row}*J{row},"")',
                r.residual_varde if r.has_residual else "",
            ),
        ]
        for col, v in enumerate(values, start=1):
            c = put(ws, row, col, v)
            c.alignment = WRAP
    last = first + max(len(analysis.risks), 1) - 1
    for band in settings.bands:
        for col in ("F", "K"):
            ws.conditional_formatting.add(
                f"{col}{first}:{col}{last}",
                CellIsRule(operator="between", formula=[str(band.low), str(band.high)], fill=_fill(band.colour)),
            )
    total = last + 2
    put(ws, total, 2, "Antal risker").font = BOLD
    put(ws, total, 3, formula(f"=COUNTA(A{first}:A{last})", len(analysis.risks)))
    _print_setup(ws)

    mx = wb.create_sheet("Matris")
    n = settings.size
    m = build_matrix(analysis.risks, n)
    put(mx, 1, 1, "Riskmatris: antal risker (riskernas nummer) per ruta", font=BOLD)
    mx.column_dimensions["A"].width = 22
    for v in range(1, n + 1):
        c = put(mx, 3 + n, 1 + v, f"{v} {settings.v_label(v)}")
        c.font, c.alignment = BOLD, Alignment(horizontal="center", wrap_text=True)
        mx.column_dimensions[get_column_letter(1 + v)].width = 16
    put(mx, 4 + n, 2, "Väsentlighet →").font = BOLD
    put(mx, 2, 1, "Sannolikhet ↓").font = BOLD
    for s in range(n, 0, -1):
        r = 3 + (n - s)
        put(mx, r, 1, f"{s} {settings.s_label(s)}").font = BOLD
        mx.row_dimensions[r].height = 34
        for v in range(1, n + 1):
            numbers = m.numbers(s, v)
            text = f"{len(numbers)} ({', '.join(map(str, numbers))})" if numbers else ""
            c = put(mx, r, 1 + v, text)
            c.fill = _fill(settings.band_for(s * v).colour)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    lg = wb.create_sheet("Förklaring")
    put(lg, 1, 1, "Förklaring", font=Font(bold=True, size=13))
    put(lg, 3, 1, "Riskvärde = väsentlighet × sannolikhet", font=BOLD)
    row = 5
    for name, scale in (
        ("Väsentlighet – konsekvens om risken inträffar", settings.vasentlighet),
        ("Sannolikhet – hur troligt det är att risken inträffar", settings.sannolikhet),
    ):
        put(lg, row, 1, name).font = BOLD
        row += 1
        for lvl in scale:
            put(lg, row, 1, lvl.value)
            put(lg, row, 2, lvl.label)
            put(lg, row, 3, lvl.description)
            row += 1
        row += 1
    put(lg, row, 1, "Färgfält").font = BOLD
    row += 1
    for band in settings.bands:
        put(lg, row, 1, f"{band.low}–{band.high}").fill = _fill(band.colour)
        put(lg, row, 2, band.name)
        put(lg, row, 3, band.meaning)
        row += 1
    lg.column_dimensions["A"].width = 12
    lg.column_dimensions["B"].width = 20
    lg.column_dimensions["C"].width = 60
    return _save(wb)


def stickprov_xlsx(sp, forbund: str, today: date | None = None) -> bytes:
    """Sheet "Stickprov" with one row per drawn item and its findings; sheet "Urval" with the method; sheet
    "Hela populationen" with the analysis of every row, its findings and åtgärder (försenad as of ``today``)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Stickprov"
    put(ws, 1, 1, f"Stickprov: {sp.titel or sp.filnamn}", font=Font(bold=True, size=13))
    put(ws, 2, 1, f"{forbund}. {sp.method_text}")
    heads = [
        "#",
        "Urval",
        "Rad i filen",
        "Verifikation",
        "Datum",
        "Belopp",
        "Motpart",
        "Konto",
        "Attestant(er)",
        "Utanordnare",
        "Automatisk kontroll",
        "Granskad av",
        "Granskad datum",
        "Bedömning",
        "Kommentar",
        "Åtgärd",
    ]
    _header(ws, 4, heads, [5, 14, 9, 12, 11, 14, 26, 10, 26, 18, 44, 18, 12, 12, 36, 30])
    first = 5
    red = PatternFill("solid", fgColor="F6D0CC")
    for i, it in enumerate(sp.items):
        t = it.transaction
        row = first + i
        values = [
            i + 1,
            it.urval.label,
            t.rad,
            t.verifikation,
            t.datum,
            t.belopp,
            t.motpart,
            t.konto,
            ", ".join(t.attestanter),
            t.utanordnare,
            "\n".join(it.auto_findings) or NO_FINDINGS,
            it.granskad_av,
            it.granskad_datum,
            it.bedomning.label if it.bedomning is not Bedomning.EJ_GRANSKAD else "",
            it.kommentar,
            it.atgard,
        ]
        for col, v in enumerate(values, start=1):
            c = put(ws, row, col, v)
            c.alignment = WRAP
        ws.cell(row=row, column=5).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=13).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=6).number_format = AMOUNT
        if it.auto_findings:
            ws.cell(row=row, column=11).fill = red
        if it.bedomning is Bedomning.AVVIKELSE:
            ws.cell(row=row, column=14).fill = red
    last = first + max(len(sp.items), 1) - 1
    total = last + 2
    put(ws, total, 4, "Summa").font = BOLD
    amount = sum((it.transaction.belopp for it in sp.items), Decimal(0))
    c = put(ws, total, 6, formula(f"=SUM(F{first}:F{last})", amount))
    c.number_format, c.font = AMOUNT, BOLD
    put(ws, total + 1, 4, "Med anmärkning").font = BOLD
    # COUNTA − COUNTIF rather than COUNTIF "<>…": that would also count the one empty row of an empty stickprov.
    flagged = sum(1 for it in sp.items if it.auto_findings)
    put(ws, total + 1, 6, formula(f'=COUNTA(K{first}:K{last})-COUNTIF(K{first}:K{last},"{NO_FINDINGS}")', flagged))
    put(ws, total + 2, 4, "Avvikelser").font = BOLD
    deviations = sum(1 for it in sp.items if it.bedomning is Bedomning.AVVIKELSE)
    put(ws, total + 2, 6, formula(f'=COUNTIF(N{first}:N{last},"{Bedomning.AVVIKELSE.label}")', deviations))
    _print_setup(ws)

    info = wb.create_sheet("Urval")
    facts = [
        ("Fil", sp.filnamn),
        ("Filens SHA-256", sp.fil_sha256 or "–"),
        ("Verifikationer i filen", sp.file_count),
        ("Population (efter urvalsfilter)", sp.population_count),
        ("Populationens summa", sp.population_sum),
        ("Urvalsfilter", sp.filter.text),
        ("Stickprovsstorlek (slumpmässigt)", sp.storlek),
        ("Samtliga över", sp.over_belopp if sp.over_belopp is not None else "–"),
        ("Slumpfrö", sp.seed),
        ("Populationens kontrollsumma", sp.fingerprint),
        ("Metod", sp.method_text),
    ]
    for r, (k, v) in enumerate(facts, start=1):
        put(info, r, 1, k).font = BOLD
        c = put(info, r, 2, v)
        c.alignment = WRAP
        if k in ("Populationens summa", "Samtliga över") and not isinstance(v, str):
            c.number_format = AMOUNT
    info.column_dimensions["A"].width = 32
    info.column_dimensions["B"].width = 90
    add_population_sheet(wb, sp, today or (sp.created_at.date() if sp.created_at else None))
    return _save(wb)
