"""Kallelse med dagordning as PDF: förbund, organ, time and place, the numbered dagordning with
föredragande and bilaga references, the list of bilagor, recipients and sender."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from finsam_desktop.domain.common.dates import long_date
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.flow import keep_with_previous
from finsam_desktop.reports.common.pdf import ACCENT, FONT_BOLD, DocumentInfo, build_pdf, escape, grid_table, styles
from finsam_desktop.reports.sammantraden.protocol_data import KallelseDocument

CONTENT_WIDTH = 170 * mm


def kallelse_story(doc: KallelseDocument) -> list:
    st = styles()
    forbund = ParagraphStyle("KForbund", parent=st["Body"], fontName=FONT_BOLD, textColor=ACCENT)
    item_head = ParagraphStyle("KItem", parent=st["Body"], fontName=FONT_BOLD, spaceBefore=5)
    indent = ParagraphStyle("KIndent", parent=st["Body"], leftIndent=10 * mm, spaceAfter=1)
    muted = ParagraphStyle("KMuted", parent=st["Muted"], leftIndent=10 * mm)
    story: list = [Paragraph(escape(doc.forbund_namn.upper()), forbund)]
    kind = {"Extra": "extra sammanträde", "Konstituerande": "konstituerande sammanträde"}.get(doc.typ, "sammanträde")
    story.append(Paragraph(escape(f"Kallelse till {kind} med {doc.organ_namn.lower()}"), st["Title"]))
    when = long_date(doc.datum).capitalize()
    if doc.time_text:
        when += f", {doc.time_text}"
    rows = [("Datum och tid", when), ("Plats", doc.place_text or "Meddelas senare")]
    table = Table(
        [[cell(k, st["Bold"]), cell(v, st["Body"])] for k, v in rows],
        colWidths=[35 * mm, CONTENT_WIDTH - 35 * mm],
    )
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 5 * mm), Paragraph("Förslag till dagordning", st["H1"])]
    for it in doc.items:
        block = [Paragraph(escape(it.heading), item_head)]
        if it.meta:
            block.append(Paragraph(escape(it.meta), muted))
        if it.arendebeskrivning:
            block.append(Paragraph(escape(it.arendebeskrivning), indent))
        if it.forslag_till_beslut:
            block.append(Paragraph("<i>Förslag till beslut:</i> " + escape(it.forslag_till_beslut), indent))
        story.append(KeepTogether(block))
    if doc.bilagor:
        story += [Spacer(1, 4 * mm), Paragraph("Bilagor", st["H2"])]
        story.append(
            grid_table(
                [[cell("Nr", "TableHead"), cell("Bilaga", "TableHead")]] + [[str(n), cell(t)] for n, t in doc.bilagor],
                col_widths=[14 * mm, CONTENT_WIDTH - 14 * mm],
            )
        )
    closing: list = []
    if doc.mottagare:
        story += [Spacer(1, 4 * mm), Paragraph("Kallade", st["H2"])]
        story.append(
            grid_table(
                [[cell("Namn", "TableHead"), cell("Roll", "TableHead")]]
                + [[cell(n), cell(r)] for n, r in doc.mottagare],
                col_widths=[60 * mm, CONTENT_WIDTH - 60 * mm],
            )
        )
        closing += [
            Spacer(1, 2 * mm),
            Paragraph(
                "Ersättare kallas för kännedom och tjänstgör när en ordinarie ledamot har förhinder. "
                "Meddela förhinder till kansliet så snart som möjligt.",
                st["Muted"],
            ),
        ]
    closing += [Spacer(1, 8 * mm), Paragraph("Välkomna!", st["Body"]), Spacer(1, 4 * mm)]
    if doc.avsandare:
        closing.append(Paragraph(escape(doc.avsandare), st["Bold"]))
        if doc.avsandare_titel:
            closing.append(Paragraph(escape(doc.avsandare_titel), st["Body"]))
    closing.append(Paragraph(escape(doc.forbund_namn), st["Body"]))
    address = sender_address(doc.forbund_namn, doc.forbund_adress)
    if address:
        closing.append(Paragraph(escape(address), st["Muted"]))
    if doc.skickad:
        closing.append(Spacer(1, 3 * mm))
        closing.append(Paragraph(f"Kallelsen skickad {doc.skickad.isoformat()}", st["Muted"]))
    # The closing ("Välkomna!", the sender) never stands alone on a page: it keeps with the end of the list of
    # kallade (or whatever comes last before it).
    return keep_with_previous(story, closing)


def sender_address(forbund_namn: str, postadress: str) -> str:
    """The postal address under the förbund's name, without a first line that repeats the name."""
    lines = [line.strip() for line in (postadress or "").splitlines() if line.strip()]
    if lines and lines[0].casefold() == forbund_namn.strip().casefold():
        lines = lines[1:]
    return "\n".join(lines)


def build_kallelse_pdf(doc: KallelseDocument) -> bytes:
    info = DocumentInfo(
        title=f"Kallelse {doc.organ_namn} {doc.datum.isoformat()}",
        author=doc.forbund_namn,
        subject=f"Kallelse och dagordning {doc.datum.isoformat()}",
        keywords=("kallelse", "dagordning", doc.organ_namn),
        header_left=doc.forbund_namn,
        header_right=f"Kallelse {doc.organ_namn} {doc.datum.isoformat()}",
    )
    return build_pdf(kallelse_story(doc), info)
