"""The verksamhetsplan as .docx (python-docx): the same blocks as the PDF through the shared Word writer
(``reports/common/word.py``: heading styles, repeating table header rows, page numbers, a table of contents field),
so the förbundschef can finish the prose in Word."""

from __future__ import annotations

from docx.shared import Cm

from finsam_desktop.domain.verksamhet.plan_publication import PlanPublication
from finsam_desktop.reports.common.typst_blocks import Align, RichList, RichPara, Span, Table
from finsam_desktop.reports.common.word import TEXT_WIDTH_CM, add_table, docx_bytes
from finsam_desktop.reports.verksamhet.plan_content import document


def plan_docx(pub: PlanPublication) -> bytes:
    doc = document(pub)
    handlers = {Table: _table, RichPara: _rich_para, RichList: _rich_list}
    return docx_bytes(doc.title, pub.forbund, doc.blocks, handlers)


def _add_spans(paragraph, spans: tuple[Span, ...]) -> None:
    for span in spans:
        run = paragraph.add_run(span.text)
        if span.bold:
            run.bold = True


def _rich_para(word, block: RichPara) -> None:
    _add_spans(word.add_paragraph(), block.spans)


def _rich_list(word, block: RichList) -> None:
    for item in block.items:
        _add_spans(word.add_paragraph(style="List Bullet"), item)


def _table(word, block: Table) -> None:
    add_table(word, block)
    _wide_label(word.tables[-1], block)


FIGURE_CM = 2.1


def _wide_label(table, block: Table) -> None:
    """A budget table with four or more figure columns: narrower figure columns, so the row labels ("Arbets-
    förmedlingen + Försäkringskassan") keep to one line as in the PDF."""
    figures = [c for c in block.columns[1:] if c.align is Align.RIGHT]
    if len(figures) < 4 or len(figures) != len(block.columns) - 1:
        return
    widths = [Cm(TEXT_WIDTH_CM - FIGURE_CM * len(figures))] + [Cm(FIGURE_CM)] * len(figures)
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
