"""Delegationsordning as a decision document, and the register of delegationsbeslut (also used as
the bilaga "Anmälan av delegationsbeslut"), as PDF and Excel."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from finsam_desktop.domain.attest.delegation import KL_6_38, DelegationDecision, DelegationRow, LimitKind
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.reports.attest.common import KR, KR_ORE, body_cell, header, print_setup, save, titled_sheet
from finsam_desktop.reports.common.cells import cell, head
from finsam_desktop.reports.common.pdf import DocumentInfo, build_pdf, escape, grid_table, styles
from finsam_desktop.reports.common.workbook import formula, put


@dataclass(frozen=True)
class DelegationDocument:
    forbund: str
    titel: str
    period: str
    status: str
    draft: bool
    rows: tuple[DelegationRow, ...]
    prisbasbelopp: Decimal | None
    year: int


@dataclass(frozen=True)
class RegisterDocument:
    forbund: str
    title: str
    decisions: tuple[DelegationDecision, ...]
    anmalan: bool = False


ORDNING_COLUMNS = ("Nr", "Ärende", "Delegat", "Ersättare", "Gräns", "Anmäls", "Anteckning")


def _limit_text(row: DelegationRow, doc: DelegationDocument) -> str:
    text = row.limit.text if row.limit.kind is not LimitKind.INGEN else ""
    if row.limit.kind is LimitKind.PRISBASBELOPP and doc.prisbasbelopp is not None and row.limit.value is not None:
        text += f"\n({format_kr(row.limit.value * doc.prisbasbelopp)} år {doc.year})"
    return text


def delegationsordning_pdf(doc: DelegationDocument) -> bytes:
    st = styles()
    story: list = [
        Paragraph(escape(doc.forbund.upper()), st["Muted"]),
        Paragraph(escape(f"{doc.titel}"), st["Title"]),
        Paragraph(escape(f"Gäller {doc.period}. {doc.status}."), st["Body"]),
        Spacer(0, 3 * mm),
        Paragraph(escape(f"Förteckning över av styrelsen för {doc.forbund} delegerade ärenden."), st["Body"]),
        Spacer(0, 3 * mm),
    ]
    rows = [[head(c) for c in ORDNING_COLUMNS]]
    for i, r in enumerate(doc.rows, start=1):
        rows.append(
            [
                cell(v)
                for v in (
                    str(i),
                    r.arende,
                    r.delegat_text,
                    r.ersattare_text,
                    _limit_text(r, doc),
                    "Ja" if r.anmalas else "Nej",
                    r.anteckning,
                )
            ]
        )
    story.append(grid_table(rows, col_widths=[9 * mm, 42 * mm, 25 * mm, 25 * mm, 30 * mm, 17 * mm, 22 * mm]))
    story.append(Spacer(0, 4 * mm))
    if doc.prisbasbelopp is not None:
        story.append(
            Paragraph(
                escape(
                    f"Gränser i prisbasbelopp räknas med prisbasbeloppet för det år beslutet fattas "
                    f"({doc.year}: {format_kr(doc.prisbasbelopp)})."
                ),
                st["Body"],
            )
        )
    story.append(
        Paragraph(
            escape(
                "Beslut som fattas med stöd av delegation ska anmälas till styrelsen vid nästa sammanträde där "
                "det anges ovan (kommunallagen 6 kap. 40 §). Ersättare beslutar endast när delegaten är förhindrad."
            ),
            st["Body"],
        )
    )
    story.append(Paragraph("Får inte delegeras (kommunallagen 6 kap. 38 §)", st["H2"]))
    for _code, label in KL_6_38:
        story.append(Paragraph(escape(label), st["Indent"], bulletText="–"))
    info = DocumentInfo(
        title=doc.titel,
        author=doc.forbund,
        subject=f"{doc.titel}, {doc.status}",
        keywords=("delegationsordning",),
        header_left=doc.forbund,
        header_right=doc.titel,
        footer_left=doc.status,
        watermark="UTKAST" if doc.draft else "",
    )
    return build_pdf(story, info)


def delegationsordning_xlsx(doc: DelegationDocument) -> bytes:
    wb = Workbook()
    ws, row = titled_sheet(wb, "Delegationsordning", doc.titel, [doc.forbund, f"Gäller {doc.period}. {doc.status}."])
    heads = [
        "Nr",
        "Ärende",
        "Delegat",
        "Ersättare",
        "Gräns (typ)",
        "Gräns (värde)",
        "Prisbasbelopp",
        "Gräns i kronor",
        "Anmäls till styrelsen",
        "Anteckning",
    ]
    header(ws, row, heads, [5, 44, 18, 18, 14, 12, 14, 16, 12, 30])
    pbb_cell = None
    for i, r in enumerate(doc.rows, start=1):
        row += 1
        body_cell(ws, row, 1, i)
        body_cell(ws, row, 2, r.arende)
        body_cell(ws, row, 3, r.delegat_text)
        body_cell(ws, row, 4, r.ersattare_text)
        body_cell(ws, row, 5, r.limit.kind.label)
        body_cell(ws, row, 6, float(r.limit.value) if r.limit.value is not None else None, "0.##")
        if r.limit.kind is LimitKind.PRISBASBELOPP:
            body_cell(ws, row, 7, float(doc.prisbasbelopp) if doc.prisbasbelopp is not None else None, KR)
            value = r.limit.value * doc.prisbasbelopp if None not in (r.limit.value, doc.prisbasbelopp) else 0
            body_cell(ws, row, 8, formula(f"=F{row}*G{row}", value), KR)
            pbb_cell = pbb_cell or row
        elif r.limit.kind is LimitKind.KRONOR:
            body_cell(ws, row, 7, None)
            body_cell(ws, row, 8, formula(f"=F{row}", r.limit.value if r.limit.value is not None else 0), KR)
        else:
            body_cell(ws, row, 7, None)
            body_cell(ws, row, 8, None)
        body_cell(ws, row, 9, "Ja" if r.anmalas else "Nej")
        body_cell(ws, row, 10, r.anteckning)
    print_setup(ws, landscape=True, footer=doc.titel)
    return save(wb)


REGISTER_COLUMNS = ("Datum", "Delegat", "Ärende", "Delegation", "Belopp", "Dnr", "Status", "Kontroll")


def _register_values(d: DelegationDecision) -> list[str]:
    return [
        iso(d.datum),
        d.delegat_namn,
        d.arende + (f"\n{d.beslut}" if d.beslut else ""),
        d.row_arende,
        format_kr(d.belopp) if d.belopp is not None else "",
        d.diarienummer,
        d.status_text,
        "OK" if not d.check.warnings else "\n".join(d.check.warnings),
    ]


def register_pdf(doc: RegisterDocument) -> bytes:
    st = styles()
    story: list = [Paragraph(escape(doc.forbund.upper()), st["Muted"]), Paragraph(escape(doc.title), st["Title"])]
    if doc.anmalan:
        story.append(
            Paragraph(
                "Följande beslut har fattats med stöd av styrelsens delegationsordning och anmäls till styrelsen.",
                st["Body"],
            )
        )
    story.append(Spacer(0, 3 * mm))
    columns = REGISTER_COLUMNS if not doc.anmalan else REGISTER_COLUMNS[:6]
    rows = [[head(c) for c in columns]]
    right = ParagraphStyle("CellRight", parent=st["TableCell"], alignment=TA_RIGHT)
    for d in doc.decisions:
        values = _register_values(d)[: len(columns)]
        rows.append([cell(v, right if i == 4 else "TableCell") for i, v in enumerate(values)])
    if not doc.decisions:
        rows.append([cell("Inga delegationsbeslut.")] + [""] * (len(columns) - 1))
    widths = [22 * mm, 28 * mm, 57 * mm, 42 * mm, 20 * mm, 22 * mm, 28 * mm, 38 * mm][: len(columns)]
    story.append(grid_table(rows, col_widths=widths, align_right_cols=(4,)))
    story.append(Spacer(0, 2 * mm))
    total = sum((d.belopp for d in doc.decisions if d.belopp is not None), Decimal(0))
    story.append(Paragraph(escape(f"{len(doc.decisions)} beslut, sammanlagt {format_kr(total)}."), st["Muted"]))
    info = DocumentInfo(
        title=doc.title,
        author=doc.forbund,
        subject=doc.title,
        keywords=("delegationsbeslut",),
        header_left=doc.forbund,
        header_right=doc.title,
    )
    return build_pdf(story, info, pagesize=landscape(A4))


def register_xlsx(doc: RegisterDocument) -> bytes:
    wb = Workbook()
    ws, row = titled_sheet(wb, "Delegationsbeslut", doc.title, [doc.forbund])
    header(
        ws,
        row,
        ["Datum", "Delegat", "Ärende", "Beslut", "Delegation", "Belopp", "Dnr", "Status", "Kontroll", "Bilagor"],
        [12, 20, 40, 40, 36, 14, 12, 30, 48, 24],
    )
    first = row + 1
    for d in doc.decisions:
        row += 1
        body_cell(ws, row, 1, d.datum, "yyyy-mm-dd")
        body_cell(ws, row, 2, d.delegat_namn)
        body_cell(ws, row, 3, d.arende)
        body_cell(ws, row, 4, d.beslut)
        body_cell(ws, row, 5, d.row_arende)
        body_cell(ws, row, 6, float(d.belopp) if d.belopp is not None else None, KR_ORE)
        body_cell(ws, row, 7, d.diarienummer)
        body_cell(ws, row, 8, d.status_text)
        body_cell(ws, row, 9, "OK" if not d.check.warnings else "\n".join(d.check.warnings))
        body_cell(ws, row, 10, ", ".join(a.filnamn for a in d.attachments))
    row += 1
    put(ws, row, 5, "Summa")
    total = sum((d.belopp for d in doc.decisions if d.belopp is not None), Decimal(0))
    put(ws, row, 6, formula(f"=SUM(F{first}:F{row - 1})", total) if row - 1 >= first else 0, fmt=KR_ORE)
    print_setup(ws, landscape=True, footer=doc.title)
    return save(wb)
