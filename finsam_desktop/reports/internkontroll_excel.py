"""Excel exports: the risk table with a legend (riskvärde as a formula, band colours) and the stickprov
with its findings. openpyxl; Swedish number formats; frozen header; print set-up."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_desktop.domain.risk import MatrixSettings, build_matrix
from finsam_desktop.domain.stickprov import Bedomning

AMOUNT = "#,##0.00"
HEAD_FILL = PatternFill("solid", fgColor="E8ECEF")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _fill(hex_colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=hex_colour.lstrip("#").upper())


def _header(ws: Worksheet, row: int, titles: list[str], widths: list[float]) -> None:
    for i, (t, w) in enumerate(zip(titles, widths), start=1):
        c = ws.cell(row=row, column=i, value=t)
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
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def risk_table_xlsx(analysis, settings: MatrixSettings, forbund: str) -> bytes:
    """Sheet "Risker" (riskvärde = V×S as formulas, coloured by band), sheet "Matris", sheet "Förklaring"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    ws["A1"] = analysis.titel
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"{forbund}. Version {analysis.version}. {analysis.status_text}."
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
            f"=D{row}*E{row}",
            r.riskhantering,
            r.ansvarig,
            r.residual_vasentlighet,
            r.residual_sannolikhet,
            f'=IF(AND(ISNUMBER(I{row}),ISNUMBER(J{row})),I{row}*J{row},"")',
        ]
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=row, column=col, value=v)
            c.alignment = WRAP
    last = first + max(len(analysis.risks), 1) - 1
    for band in settings.bands:
        for col in ("F", "K"):
            ws.conditional_formatting.add(
                f"{col}{first}:{col}{last}",
                CellIsRule(operator="between", formula=[str(band.low), str(band.high)], fill=_fill(band.colour)),
            )
    total = last + 2
    ws.cell(row=total, column=2, value="Antal risker").font = BOLD
    ws.cell(row=total, column=3, value=f"=COUNTA(A{first}:A{last})")
    _print_setup(ws)

    mx = wb.create_sheet("Matris")
    n = settings.size
    m = build_matrix(analysis.risks, n)
    mx["A1"] = "Riskmatris: antal risker (riskernas nummer) per ruta"
    mx["A1"].font = BOLD
    mx.column_dimensions["A"].width = 22
    for v in range(1, n + 1):
        c = mx.cell(row=3 + n, column=1 + v, value=f"{v} {settings.v_label(v)}")
        c.font, c.alignment = BOLD, Alignment(horizontal="center", wrap_text=True)
        mx.column_dimensions[get_column_letter(1 + v)].width = 16
    mx.cell(row=4 + n, column=2, value="Väsentlighet →").font = BOLD
    mx.cell(row=2, column=1, value="Sannolikhet ↓").font = BOLD
    for s in range(n, 0, -1):
        r = 3 + (n - s)
        mx.cell(row=r, column=1, value=f"{s} {settings.s_label(s)}").font = BOLD
        mx.row_dimensions[r].height = 34
        for v in range(1, n + 1):
            numbers = m.numbers(s, v)
            text = f"{len(numbers)} ({', '.join(map(str, numbers))})" if numbers else ""
            c = mx.cell(row=r, column=1 + v, value=text)
            c.fill = _fill(settings.band_for(s * v).colour)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    lg = wb.create_sheet("Förklaring")
    lg["A1"] = "Förklaring"
    lg["A1"].font = Font(bold=True, size=13)
    lg["A3"], lg["A3"].font = "Riskvärde = väsentlighet × sannolikhet", BOLD
    row = 5
    for name, scale in (
        ("Väsentlighet – konsekvens om risken inträffar", settings.vasentlighet),
        ("Sannolikhet – hur troligt det är att risken inträffar", settings.sannolikhet),
    ):
        lg.cell(row=row, column=1, value=name).font = BOLD
        row += 1
        for lvl in scale:
            lg.cell(row=row, column=1, value=lvl.value)
            lg.cell(row=row, column=2, value=lvl.label)
            lg.cell(row=row, column=3, value=lvl.description)
            row += 1
        row += 1
    lg.cell(row=row, column=1, value="Färgfält").font = BOLD
    row += 1
    for band in settings.bands:
        lg.cell(row=row, column=1, value=f"{band.low}–{band.high}").fill = _fill(band.colour)
        lg.cell(row=row, column=2, value=band.name)
        lg.cell(row=row, column=3, value=band.meaning)
        row += 1
    lg.column_dimensions["A"].width = 12
    lg.column_dimensions["B"].width = 20
    lg.column_dimensions["C"].width = 60
    return _save(wb)


def stickprov_xlsx(sp, forbund: str) -> bytes:
    """Sheet "Stickprov" with one row per drawn item and its findings; sheet "Urval" with the method."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Stickprov"
    ws["A1"] = f"Stickprov: {sp.titel or sp.filnamn}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"{forbund}. {sp.method_text}"
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
            "\n".join(it.auto_findings) or "Inga anmärkningar",
            it.granskad_av,
            it.granskad_datum,
            it.bedomning.label if it.bedomning is not Bedomning.EJ_GRANSKAD else "",
            it.kommentar,
            it.atgard,
        ]
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=row, column=col, value=v)
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
    ws.cell(row=total, column=4, value="Summa").font = BOLD
    c = ws.cell(row=total, column=6, value=f"=SUM(F{first}:F{last})")
    c.number_format, c.font = AMOUNT, BOLD
    ws.cell(row=total + 1, column=4, value="Med anmärkning").font = BOLD
    ws.cell(row=total + 1, column=6, value=f'=COUNTIF(K{first}:K{last},"<>Inga anmärkningar")')
    ws.cell(row=total + 2, column=4, value="Avvikelser").font = BOLD
    ws.cell(row=total + 2, column=6, value=f'=COUNTIF(N{first}:N{last},"Avvikelse")')
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
        info.cell(row=r, column=1, value=k).font = BOLD
        c = info.cell(row=r, column=2, value=v)
        c.alignment = WRAP
        if k in ("Populationens summa", "Samtliga över") and not isinstance(v, str):
            c.number_format = AMOUNT
    info.column_dimensions["A"].width = 32
    info.column_dimensions["B"].width = 90
    return _save(wb)
