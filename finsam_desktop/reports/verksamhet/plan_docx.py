"""The verksamhetsplan as .docx (python-docx): the same blocks as the PDF, laid out with the årsredovisning's Word
helpers (heading styles, repeating table header rows, page numbers, a table of contents field), so the
förbundschef can finish the prose in Word."""

from __future__ import annotations

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from finsam_desktop.domain.verksamhet.plan_publication import PlanPublication
from finsam_desktop.reports.arsredovisning import docx as word_blocks
from finsam_desktop.reports.common.typst_blocks import (
    Align,
    BulletList,
    Emph,
    Fields,
    Heading,
    Para,
    Table,
    TitlePage,
    Toc,
)
from finsam_desktop.reports.verksamhet.plan_content import document


def plan_docx(pub: PlanPublication) -> bytes:
    doc = document(pub)
    word = WordDocument()
    word_blocks._setup(word, doc.title, pub.forbund)
    for block in doc.blocks:
        if isinstance(block, TitlePage):
            word_blocks._title_page(word, block)
        elif isinstance(block, Toc):
            headings = [b for b in doc.blocks if isinstance(b, Heading) and b.level <= block.depth]
            word_blocks._toc(word, block, headings)
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
        elif isinstance(block, Emph):
            run = word.add_paragraph().add_run(block.text)
            run.bold, run.italic = block.style == "bold", block.style == "italic"
        elif isinstance(block, Fields):
            _fields(word, block)
        elif isinstance(block, Table):
            word_blocks._table(word, block)
            _wide_label(word.tables[-1], block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


FIGURE_CM = 2.1


def _wide_label(table, block: Table) -> None:
    """A budget table with four or more figure columns: narrower figure columns, so the row labels ("Arbets-
    förmedlingen + Försäkringskassan") keep to one line as in the PDF."""
    figures = [c for c in block.columns[1:] if c.align is Align.RIGHT]
    if len(figures) < 4 or len(figures) != len(block.columns) - 1:
        return
    widths = [Cm(word_blocks.TEXT_WIDTH_CM - FIGURE_CM * len(figures))] + [Cm(FIGURE_CM)] * len(figures)
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _fields(word, block: Fields) -> None:
    table = word.add_table(rows=0, cols=2)
    label_cm = block.label_width
    for label, value in block.rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(label_cm), Cm(word_blocks.TEXT_WIDTH_CM - label_cm)
        run = cells[0].paragraphs[0].add_run(label)
        run.bold = block.bold_labels
        run.font.size = Pt(9)
        cells[1].paragraphs[0].add_run(value).font.size = Pt(9)
    word.add_paragraph()
