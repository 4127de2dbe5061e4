"""Attest- och utanordningsinstruktion as PDF (the standard text from resources/attest/instruktion.md
followed by "4. Attest- och utanordningsrätt" from the version's rows) and as Excel."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from openpyxl import Workbook
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from finsam_desktop.domain.attest.rules import AttestRow
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.paths import resources_dir
from finsam_desktop.reports.attest.common import KR, body_cell, header, print_setup, save, titled_sheet
from finsam_desktop.reports.common.cells import cell, head
from finsam_desktop.reports.common.pdf import DocumentInfo, build_pdf, escape, grid_table, styles


@dataclass(frozen=True)
class AttestDocument:
    forbund: str
    titel: str
    period: str
    status: str
    draft: bool
    #: (row, ordinarie resolved to names, ersättare resolved to names) on the first valid day
    rows: tuple[tuple[AttestRow, str, str], ...]


AVSER_SHORT = {"ordforande": "ordföranden", "styrelseledamot": "ledamot"}

COLUMNS = ("Attest", "Omfattning", "Ordinarie", "Ersättare", "Maxbelopp", "Anmärkning")


@cache
def instruction_text() -> str:
    return (resources_dir() / "attest" / "instruktion.md").read_text(encoding="utf-8")


def _markdown_story(text: str) -> list:
    st = styles()
    story: list = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("## "):
            story.append(Paragraph(escape(line[3:]), st["H2"]))
        elif line.startswith("# "):
            story.append(Paragraph(escape(line[2:]), st["H1"]))
        elif line.startswith("- "):
            story.append(Paragraph(escape(line[2:]), st["Indent"], bulletText="–"))
        else:
            story.append(Paragraph(escape(line), st["Body"]))
            story.append(Spacer(0, 1.5 * mm))
    return story


def _party(label: str, names: str) -> str:
    if not label:
        return ""
    return f"{label}\n({names})" if names and names != label else label


def _row_values(row: AttestRow, ordinarie: str, ersattare: str) -> list[str]:
    signering = "Signering av två i förening." if row.signers_required == 2 else ""
    anm = row.anmarkning
    if signering and "två i förening" not in anm.lower():
        anm = f"{signering} {anm}".strip()
    return [
        f"{row.benamning}\n{row.typ.label}",
        row.scope_label if row.avser.value == "alla" else f"{row.scope_label}\nAvser {AVSER_SHORT[row.avser.value]}",
        _party(row.ordinarie.label if row.ordinarie else "", ordinarie),
        _party(row.ersattare.label if row.ersattare else "", ersattare),
        format_kr(row.maxbelopp) if row.maxbelopp is not None else "",
        anm,
    ]


def attestordning_pdf(doc: AttestDocument) -> bytes:
    st = styles()
    story: list = [
        Paragraph(escape(doc.forbund.upper()), st["Muted"]),
        Paragraph(escape(doc.titel), st["Title"]),
        Paragraph(escape(f"Gäller {doc.period}. {doc.status}."), st["Body"]),
        Spacer(0, 4 * mm),
    ]
    story += _markdown_story(instruction_text())
    story.append(Paragraph("4. Attest- och utanordningsrätt", st["H1"]))
    rows = [[head(c) for c in COLUMNS]]
    for row, o, e in doc.rows:
        rows.append([cell(v) for v in _row_values(row, o, e)])
    story.append(grid_table(rows, col_widths=[34 * mm, 24 * mm, 33 * mm, 29 * mm, 22 * mm, 28 * mm]))
    story.append(Spacer(0, 3 * mm))
    story.append(
        Paragraph(
            "Roller knyts till personer genom uppdragen på dagen för attesten; namnen inom parentes gäller vid "
            "periodens början. Ersättare attesterar endast i stället för ordinarie.",
            st["Muted"],
        )
    )
    info = DocumentInfo(
        title=doc.titel,
        author=doc.forbund,
        subject=f"{doc.titel}, {doc.status}",
        keywords=("attestordning", "attest", "utanordning"),
        header_left=doc.forbund,
        header_right=doc.titel,
        footer_left=doc.status,
        watermark="UTKAST" if doc.draft else "",
    )
    return build_pdf(story, info)


def attestordning_xlsx(doc: AttestDocument) -> bytes:
    wb = Workbook()
    ws, row = titled_sheet(wb, "Attestordning", doc.titel, [doc.forbund, f"Gäller {doc.period}. {doc.status}."])
    header(ws, row, list(COLUMNS), [34, 22, 26, 26, 14, 40])
    for r, o, e in doc.rows:
        row += 1
        values = _row_values(r, o, e)
        for col, value in enumerate(values, start=1):
            if col == 5:
                body_cell(ws, row, col, float(r.maxbelopp) if r.maxbelopp is not None else None, KR)
            else:
                body_cell(ws, row, col, value)
    print_setup(ws, landscape=True, footer=doc.titel)
    return save(wb)
