"""The lägesrapport as .docx (python-docx) from the same blocks as the PDF, so the kansli can add prose in Word:
heading styles, tables whose header row repeats, the page number in the footer, and the chart as a picture with
its alternative text (the same words the PDF's figure carries)."""

from __future__ import annotations

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw, ImageFont

from finsam_desktop.domain.verksamhet.lagesrapport import Lagesrapport
from finsam_desktop.paths import resources_dir
from finsam_desktop.reports.common.typst_blocks import (
    Align,
    BarChart,
    BulletList,
    Heading,
    Kicker,
    Para,
    RowKind,
    Table,
)
from finsam_desktop.reports.verksamhet.lagesrapport_content import document

TEXT_WIDTH_CM = 16.6


def lagesrapport_docx(rapport: Lagesrapport) -> bytes:
    blocks = document(rapport)
    word = WordDocument()
    _setup(word, blocks.title, rapport.forbund)
    for block in blocks.blocks:
        if isinstance(block, Kicker):
            p = word.add_paragraph()
            run = p.add_run(block.text.upper())
            run.bold, run.font.size = True, Pt(9.5)
        elif isinstance(block, Heading):
            if block.new_page:
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            p = word.add_paragraph(block.text)
            if block.small:
                for run in p.runs:
                    run.font.size = Pt(8.5)
        elif isinstance(block, BulletList):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, BarChart):
            _chart(word, block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _setup(word, title: str, author: str) -> None:
    word.core_properties.title = title
    word.core_properties.author = author
    word.core_properties.language = "sv-SE"
    normal = word.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    normal.element.get_or_add_rPr().append(lang)
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.3), Cm(2.1)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)
    header = section.header.paragraphs[0]
    header.text = author
    for run in header.runs:
        run.font.size = Pt(8)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _table(word, block: Table) -> None:
    if block.caption:
        word.add_paragraph().add_run(block.caption).bold = True
    table = word.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    size = Pt(7.5) if block.small else Pt(8.5)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, column in zip(header.cells, block.columns, strict=True):
        _cell(cell, column.label, column.align, size, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, column in zip(cells, row.cells, block.columns, strict=True):
            _cell(cell, text, column.align, size, bold=row.kind is RowKind.SUM)
    widths = _widths(block)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    word.add_paragraph()


def _widths(block: Table) -> list:
    """Figure columns (no width share) 2.6 cm; the others share the rest as in the PDF."""
    fixed = [0.0 if c.width else 2.6 for c in block.columns]
    rest = max(TEXT_WIDTH_CM - sum(fixed), 3.0)
    total = sum(c.width for c in block.columns if c.width) or 1
    return [Cm(f) if f else Cm(rest * c.width / total) for c, f in zip(block.columns, fixed, strict=True)]


def _cell(cell, text: str, align: Align, size, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold = bold
    run.font.size = size
    if align is Align.RIGHT:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def chart_png(chart: BarChart, width_px: int = 1400) -> bytes:
    """The bar chart drawn as a PNG (DejaVu Sans from the program's fonts): label, bar, value per row."""
    font = ImageFont.truetype(str(resources_dir() / "fonts" / "DejaVuSans.ttf"), 26)
    row_h, pad = 46, 12
    label_w = max(int(font.getlength(label)) for label, _v, _t in chart.bars) + 24
    value_w = max(int(font.getlength(text)) for _l, _v, text in chart.bars) + 24
    height = pad * 2 + row_h * len(chart.bars)
    image = Image.new("RGB", (width_px, height), "white")
    draw = ImageDraw.Draw(image)
    top = max([v for _l, v, _t in chart.bars] + [1])
    span = width_px - label_w - value_w - pad * 2
    for i, (label, value, text) in enumerate(chart.bars):
        y = pad + i * row_h
        draw.text((pad, y + 6), label, fill="black", font=font)
        length = int(span * value / top)
        draw.rectangle((pad + label_w, y + 6, pad + label_w + max(length, 1), y + row_h - 8), fill="#2E5C8A")
        draw.text((pad + label_w + length + 10, y + 6), text, fill="black", font=font)
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _chart(word, chart: BarChart) -> None:
    if chart.caption:
        word.add_paragraph().add_run(chart.caption).bold = True
    word.add_picture(BytesIO(chart_png(chart)), width=Cm(15))
    # The picture's alternative text (what a screen reader says): Word's "Alternativ text" field.
    doc_pr = word.inline_shapes[-1]._inline.docPr
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", chart.caption)
