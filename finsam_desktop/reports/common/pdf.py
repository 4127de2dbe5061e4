"""Shared PDF building blocks: embedded DejaVu fonts (Swedish characters everywhere), paragraph
styles, and a document template whose footer says ``Sida x av y``.

Every PDF in the app builds on this so documents look like one family.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from finsam_desktop.paths import resources_dir
from finsam_desktop.reports.common.flow import KeepWithNext

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#E8ECEF")
ACCENT = colors.HexColor("#1F4E79")


@cache
def register_fonts() -> None:
    """Register the bundled TrueType fonts (embedded as subsets in every PDF)."""
    font_dir = resources_dir() / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        (FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(font_dir / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    # A table cell without a FONTNAME command starts in ReportLab's base font (Helvetica, never embedded) even
    # when it holds only Paragraphs or nothing: the house font instead, so every PDF embeds all its fonts.
    CellStyle.fontname = FONT
    # Likewise a drawing (the årshjul's wheel, charts) opens in the base font before its first String.
    STATE_DEFAULTS["fontName"] = FONT


@cache
def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    # No paragraph leaves a single line at the foot or the head of a page.
    base = ParagraphStyle(
        "Body", fontName=FONT, fontSize=10, leading=13.5, allowWidows=0, allowOrphans=0, bulletFontName=FONT
    )
    sheet.add(base)
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8, leading=10))
    sheet.add(ParagraphStyle("Muted", parent=base, fontSize=8.5, leading=11, textColor=GREY))
    sheet.add(
        ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=6, keepWithNext=1)
    )
    sheet.add(
        ParagraphStyle(
            "H1", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=8, spaceAfter=4, keepWithNext=1
        )
    )
    sheet.add(
        ParagraphStyle(
            "H2", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1
        )
    )
    sheet.add(ParagraphStyle("Bold", parent=base, fontName=FONT_BOLD))
    sheet.add(ParagraphStyle("Italic", parent=base, fontName=FONT_ITALIC))
    sheet.add(ParagraphStyle("Right", parent=base, alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Center", parent=base, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("TableCell", parent=base, fontSize=8.5, leading=10.5))
    sheet.add(ParagraphStyle("TableHead", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5))
    sheet.add(ParagraphStyle("Indent", parent=base, leftIndent=8 * mm))
    return sheet


def escape(text: str) -> str:
    """Escape user text for ReportLab's mini-markup; newlines become line breaks."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def grid_table(
    rows: Sequence[Sequence],
    col_widths: Sequence[float] | None = None,
    header_rows: int = 1,
    zebra: bool = True,
    align_right_cols: Sequence[int] = (),
) -> Table:
    """A table in the house style: bold shaded header repeated on every page, thin grid."""
    table = Table(list(rows), colWidths=col_widths, repeatRows=header_rows)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA5AE")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
        ]
    if zebra:
        for r in range(header_rows + 1, len(rows), 2):
            commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F7F9FA")))
    for c in align_right_cols:
        commands.append(("ALIGN", (c, header_rows), (c, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


FooterPainter = Callable[[rl_canvas.Canvas, int, int, "DocumentInfo"], None]


@dataclass
class DocumentInfo:
    """Header/footer text and PDF metadata for one document."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: Sequence[str] = ()
    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    watermark: str = ""
    #: Optional extra painting in the footer, e.g. boxes for the justerandes initialer.
    footer_painter: FooterPainter | None = None
    extra: dict = field(default_factory=dict)


#: The watermark stays this far inside every page edge.
WATERMARK_MARGIN = 25 * mm


def watermark_geometry(text: str, pagesize, largest: float = 96) -> tuple[float, float]:
    """(font size, baseline offset) of a diagonal ``text`` centred on the page and wholly inside
    :data:`WATERMARK_MARGIN` of every edge, at most ``largest`` pt."""
    width, height = pagesize
    run = pdfmetrics.stringWidth(text, FONT_BOLD, 1)
    ascent, descent = 0.73, 0.24  # DejaVu Sans Bold cap height and descender, per pt
    # The rotated box (run × (ascent+descent), centred) spans (run + h)·cos45 across and up.
    fit_w = (width - 2 * WATERMARK_MARGIN) / ((run + ascent + descent) * 0.7072)
    fit_h = (height - 2 * WATERMARK_MARGIN) / ((run + ascent + descent) * 0.7072)
    size = min(largest, fit_w, fit_h)
    return size, -size * (ascent - descent) / 2


def paint_watermark(canvas, text: str, colour) -> None:
    """A diagonal translucent ``text`` (UTKAST) across the middle of the page, never cut by an edge."""
    size, offset = watermark_geometry(text, canvas._pagesize)
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(FONT_BOLD, size)
    canvas.setFillColor(colour)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, offset, text)
    canvas.restoreState()


def _numbered_canvas_class(info: DocumentInfo):
    class NumberedCanvas(rl_canvas.Canvas):
        """Defers page output until the total page count is known (for ``Sida x av y``)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            page = self._pageNumber
            self.saveState()
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            if info.header_left:
                self.drawString(20 * mm, height - 12 * mm, info.header_left)
            if info.header_right:
                self.drawRightString(width - 20 * mm, height - 12 * mm, info.header_right)
            self.setStrokeColor(colors.HexColor("#B8C2CA"))
            self.setLineWidth(0.5)
            self.line(20 * mm, 16 * mm, width - 20 * mm, 16 * mm)
            if info.footer_left:
                self.drawString(20 * mm, 11 * mm, info.footer_left)
            self.drawRightString(width - 20 * mm, 11 * mm, f"Sida {page} av {total}")
            if info.footer_painter:
                info.footer_painter(self, page, total, info)
            self.restoreState()
            if info.watermark:
                # Drafts only (never archived as PDF/A), so a translucent mark is fine here.
                paint_watermark(self, info.watermark, colors.Color(0.55, 0.55, 0.55, alpha=0.18))

    return NumberedCanvas


def build_pdf(
    story: list[Flowable],
    info: DocumentInfo,
    pagesize=A4,
    margins_mm: tuple[float, float, float, float] = (22, 20, 22, 20),
    invariant: bool = True,
) -> bytes:
    """Render ``story`` to PDF bytes with the house header/footer and metadata.

    ``margins_mm`` is (top, right, bottom, left). ``invariant`` makes output byte-stable for the
    same input (no creation timestamp or random ids), which lets hashes and tests compare runs.
    """
    register_fonts()
    buffer = io.BytesIO()
    top, right, bottom, left = margins_mm
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        topMargin=top * mm,
        rightMargin=right * mm,
        bottomMargin=bottom * mm,
        leftMargin=left * mm,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=list(info.keywords),
        creator="FINSAM Kansli",
        invariant=1 if invariant else 0,
        # ReportLab otherwise opens every page in Helvetica, a font it never embeds.
        initialFontName=FONT,
        lang="sv-SE",
        displayDocTitle=1,
        keepTogetherClass=KeepWithNext,
    )
    # No side padding in the frame: text, headings and full-width tables (drawn at the content width) then all
    # start at the left margin, as do the header and footer lines. ReportLab's default 6 pt padding made every
    # full-width table overflow and centre itself 2 mm left of the headings above it.
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="normal", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas_class(info))
    return buffer.getvalue()
