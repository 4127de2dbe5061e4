"""Signaturlista: the seed's bilaga 7 — Adress, Betalningsattestant, Ersättare, Namnteckning,
Maxbelopp per utbetalning, Anmärkning — with a blank line for each specimen signature. PDF for the
bank or the kommun's ekonomiservice, and Excel."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from finsam_desktop.domain.attest.rules import SignatureList
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.reports.attest.common import BOX, KR, WRAP, body_cell, header, print_setup, save
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.pdf import (
    FONT,
    LIGHT,
    DocumentInfo,
    build_pdf,
    escape,
    styles,
)
from finsam_desktop.reports.common.workbook import put

COLUMNS = ("Adress", "Betalningsattestant", "Ersättare", "Namnteckning", "Maxbelopp per utbetalning", "Anmärkning")
SIGNATURE_ROW_HEIGHT = 17 * mm


def _cell(text: str, style: str = "TableCell") -> Paragraph:
    return cell(text, style)


def signaturlista_pdf(doc: SignatureList) -> bytes:
    st = styles()
    story = [
        Table(
            [[cell(doc.forbund.upper(), "H2"), cell(doc.stamp, "Right")]],
            colWidths=[200 * mm, 57 * mm],
            hAlign="LEFT",
            style=[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
        ),
        Paragraph(escape(doc.title), st["Title"]),
        Paragraph(escape(doc.version), st["Muted"]),
        Spacer(0, 4 * mm),
    ]
    rows: list[list] = [[_cell(c, "TableHead") for c in COLUMNS]]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#6B7780")),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
    ]
    heights: list[float | None] = [None]
    section = "Betalningsattestant"
    for line in doc.lines:
        if line.section != section:
            section = line.section
            r = len(rows)
            rows.append(["", _cell(section, "TableHead"), "", "", "", ""])
            heights.append(None)
            commands += [("SPAN", (1, r), (-1, r)), ("BACKGROUND", (1, r), (-1, r), LIGHT)]
        rows.append(
            [
                "",
                _cell(line.attestant),
                _cell(line.ersattare),
                "",
                _cell(format_kr(line.maxbelopp) if line.maxbelopp is not None else ""),
                _cell(line.anmarkning),
            ]
        )
        heights.append(SIGNATURE_ROW_HEIGHT)
    if len(rows) > 1:
        rows[1][0] = _cell(doc.adress)
        commands.append(("SPAN", (0, 1), (0, len(rows) - 1)))
    else:
        rows.append([_cell(doc.adress), _cell("Attestordningen har inga attestanter."), "", "", "", ""])
        heights.append(SIGNATURE_ROW_HEIGHT)
    table = Table(
        rows,
        colWidths=[45 * mm, 45 * mm, 42 * mm, 55 * mm, 28 * mm, 42 * mm],
        rowHeights=heights,
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    story.append(table)
    if doc.executed_by:
        story += [Spacer(0, 5 * mm), Paragraph("Utanordning, bokföringsordrar och deklaration", st["H2"])]
        for benamning, who in doc.executed_by:
            story.append(Paragraph(f"<b>{escape(benamning)}:</b> {escape(who)}", st["Body"]))
    info = DocumentInfo(
        title=doc.title,
        author=doc.forbund,
        subject=f"{doc.title} – {doc.version}",
        keywords=("signaturlista", "attest"),
        header_left=doc.forbund,
        header_right=doc.title,
        footer_left=doc.version,
        watermark="UTKAST" if doc.draft else "",
    )
    return build_pdf(story, info, pagesize=landscape(A4), margins_mm=(18, 20, 20, 20))


def signaturlista_xlsx(doc: SignatureList) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Signaturlista"
    put(ws, 1, 1, doc.forbund.upper(), font=Font(bold=True, size=11))
    put(ws, 1, 6, doc.stamp, alignment=Alignment(horizontal="right"))
    put(ws, 2, 1, doc.title, font=Font(bold=True, size=14))
    put(ws, 3, 1, doc.version + (" – UTKAST" if doc.draft else ""))
    header(ws, 5, list(COLUMNS), [28, 28, 26, 34, 16, 34])
    row = 6
    section = "Betalningsattestant"
    first = row
    for line in doc.lines:
        if line.section != section:
            section = line.section
            body_cell(ws, row, 2, section).font = Font(bold=True)
            for col in (1, 3, 4, 5, 6):
                body_cell(ws, row, col, None)
            row += 1
        body_cell(ws, row, 1, None)
        body_cell(ws, row, 2, line.attestant)
        body_cell(ws, row, 3, line.ersattare)
        body_cell(ws, row, 4, None)
        body_cell(ws, row, 5, float(line.maxbelopp) if line.maxbelopp is not None else None, KR)
        body_cell(ws, row, 6, line.anmarkning)
        ws.row_dimensions[row].height = 48
        row += 1
    put(ws, first, 1, doc.adress, alignment=WRAP)
    if row - 1 > first:
        ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    ws.cell(row=first, column=1).border = BOX
    row += 1
    for benamning, who in doc.executed_by:
        put(ws, row, 1, benamning, font=Font(bold=True))
        put(ws, row, 2, who)
        row += 1
    print_setup(ws, landscape=True, footer=doc.version)
    return save(wb)
