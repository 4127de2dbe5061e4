"""The Word (.docx) side of the published documents: the same blocks the Typst pipeline lays out
(``typst_blocks``), written with python-docx — page setup, fields, title page, contents, tables sized by their
content. The årsredovisning, the verksamhetsplan and the lägesrapport all write through these."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from io import BytesIO

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from finsam_desktop.reports.common.typst_blocks import (
    Align,
    BulletList,
    Column,
    Emph,
    Fields,
    Heading,
    Kicker,
    Notice,
    Para,
    Row,
    RowKind,
    SignLine,
    Table,
    TitlePage,
    Toc,
)

Handler = Callable[[object, object], None]


def docx_bytes(
    title: str,
    author: str,
    blocks: list,
    handlers: Mapping[type, Handler] | None = None,
    title_page: bool = True,
    template: bytes | None = None,
) -> bytes:
    """A whole document: the page setup, then each block in order — the common blocks here, a document's own (its
    signatures, chart, fields …) through ``handlers`` (block type → ``handler(word, block)``, tried first).

    With the förbund's ``template`` (a .dotx or .docx) the document takes its styles, margins, header and footer, and
    only the blocks are added; a style the template lacks falls back to plain formatting."""
    if template:
        word = open_template(template)
        set_properties(word, title, author)
    else:
        word = WordDocument()
        setup_document(word, title, author, title_page)
    handlers = handlers or {}
    for block in blocks:
        handler = handlers.get(type(block))
        if handler is not None:
            handler(word, block)
        elif isinstance(block, TitlePage):
            add_title_page(word, block)
        elif isinstance(block, Toc):
            add_toc(word, block, [b for b in blocks if isinstance(b, Heading) and b.level <= block.depth])
        elif isinstance(block, Heading):
            if block.new_page:
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            add_heading(word, block.text, block.level)
        elif isinstance(block, Para):
            p = word.add_paragraph(block.text)
            if block.small:
                for run in p.runs:
                    run.font.size = Pt(8.5)
        elif isinstance(block, BulletList):
            for item in block.items:
                add_bullet(word, item)
        elif isinstance(block, Table):
            add_table(word, block)
        elif type(block) in COMMON:
            COMMON[type(block)](word, block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def set_properties(word, title: str, author: str) -> None:
    word.core_properties.title = title
    word.core_properties.author = author
    word.core_properties.language = "sv-SE"


def setup_document(word, title: str, author: str, title_page: bool = True) -> None:
    """Metadata (title, author, sv-SE), DejaVu Sans 10 pt, A4 with the seeds' margins, the förbund in the header and
    the page number in the footer (not on a title page)."""
    set_properties(word, title, author)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    rpr.append(lang)
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.3), Cm(2.1)
    section.different_first_page_header_footer = title_page
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(footer, "PAGE", "1")
    header = section.header.paragraphs[0]
    header.text = author
    for run in header.runs:
        run.font.size = Pt(8)


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, TOC …): begin, instruction, separate, the placeholder text, end."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", placeholder)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                el.set(qn("w:dirty"), "true")  # Word updates the field when the document is opened
        run._r.append(el)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def add_title_page(word, block: TitlePage) -> None:
    for _ in range(8):
        word.add_paragraph()
    for line in block.lines_above:
        p = word.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = word.add_paragraph(block.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in block.lines_below:
        p = word.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_toc(word, block: Toc, headings: list[Heading]) -> None:
    """A TOC field whose placeholder already lists the headings (indented per level): a reader who never updates
    the field still sees the contents; Word adds the page numbers when it updates it (on opening, or F9)."""
    p = word.add_paragraph(block.title, style="TOC Heading") if "TOC Heading" in word.styles else None
    if p is None:
        p = word.add_paragraph()
        p.add_run(block.title).bold = True
    first = word.add_paragraph()
    add_field(first, f'TOC \\o "1-{block.depth}" \\h \\z \\u', headings[0].text if headings else "")
    first.paragraph_format.space_after = Pt(0)
    first.runs[0].bold = bool(headings) and headings[0].level == 1
    for heading in headings[1:]:
        p = word.add_paragraph(heading.text)
        p.paragraph_format.left_indent = Cm(0.6 * (heading.level - 1))
        p.paragraph_format.space_after = Pt(0)
        p.runs[0].bold = heading.level == 1


def add_table(word, block: Table) -> None:
    """A block table as a Word table: caption, a header row repeated on every page, widths by content."""
    if block.caption:
        word.add_paragraph().add_run(block.caption).bold = True
    n = len(block.columns)
    table = word.add_table(rows=1, cols=n)
    if has_style(word, "Table Grid"):
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = column_widths(block)
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, column in zip(header.cells, block.columns):
        write_cell(cell, column.label, column.align, bold=True, small=block.small)
    for row in block.rows:
        cells = table.add_row().cells
        if row.kind is RowKind.GROUP:
            merged = cells[0].merge(cells[-1])
            write_cell(merged, row.cells[0], Align.LEFT, italic=True)
            continue
        for cell, text, column in zip(cells, row.cells, block.columns):
            write_cell(cell, text, column.align, bold=row.kind is RowKind.SUM, small=block.small)
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: LibreOffice lays a table out by it, Word by the cells' widths
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    word.add_paragraph()


TEXT_WIDTH_CM = 16.6
NOTE_CM = 1.0  # the narrow "Not" column of the statements


CHAR_CM = 0.19  # a character of the 8,5 pt table text
BOLD = 1.1  # a heading's bold characters are wider
PAD_CM = 0.5  # the cell's margins
LABEL_MIN_CM = 3.5  # what a label column keeps however many figures there are
SMALL_PT, TABLE_PT = 7.5, 8.5  # a wide table (``Table.small``) in smaller type, as in the PDF


def column_widths(block: Table) -> list:
    """Figure columns as wide as their widest figure or heading word (headings wrap between words, figures never);
    the label columns (``width`` > 0) share the rest, as in the PDF."""
    fixed = []
    for i, c in enumerate(block.columns):
        if c.label == "Not":
            fixed.append(NOTE_CM)
        elif c.width:
            fixed.append(0.0)
        else:
            words = max((len(w) for w in c.label.split()), default=1)
            figures = max(
                (len(r.cells[i]) for r in block.rows if i < len(r.cells) and r.kind is not RowKind.GROUP), default=1
            )
            char = CHAR_CM * (SMALL_PT / TABLE_PT if block.small else 1)
            fixed.append(max(words * BOLD, figures) * char + PAD_CM)
    labels = sum(1 for w, c in zip(fixed, block.columns) if not w and c.width)
    # the figures keep at least 40 % of the line, however many label columns there are (the lägesrapport's per
    # member table is nearly all text)
    room = max(TEXT_WIDTH_CM - LABEL_MIN_CM * labels, 0.4 * TEXT_WIDTH_CM)
    if sum(fixed) > room:  # too many figures for the page: all narrower alike
        fixed = [w * room / sum(fixed) for w in fixed]
    rest = TEXT_WIDTH_CM - sum(fixed)
    total = sum(c.width for c, w in zip(block.columns, fixed) if not w) or 1
    return [Cm(w) if w else Cm(rest * c.width / total) for c, w in zip(block.columns, fixed)]


def write_cell(cell, text: str, align: Align, bold: bool = False, italic: bool = False, small: bool = False) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(SMALL_PT if small else TABLE_PT)
    if align is Align.RIGHT:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


# --- the common blocks of every document -------------------------------------------------------------------


def add_kicker(word, block: Kicker) -> None:
    run = word.add_paragraph().add_run(block.text.upper())
    run.bold, run.font.size = True, Pt(9.5)


def add_emph(word, block: Emph) -> None:
    p = word.add_paragraph()
    run = p.add_run(block.text)
    run.bold, run.italic = block.style == "bold", block.style == "italic"
    p.paragraph_format.keep_with_next = block.style == "bold"  # "Styrelsen beslutade" stays with its att-satser


def add_fields(word, block: Fields) -> None:
    """Label/value rows as a borderless two-column table."""
    table = word.add_table(rows=0, cols=2)
    table.autofit = False
    label_cm = block.label_width
    widths = (Cm(label_cm), Cm(TEXT_WIDTH_CM - label_cm))
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: LibreOffice lays a table out by it, Word by the cells' widths
    for label, value in block.rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = widths
        run = cells[0].paragraphs[0].add_run(label)
        run.bold = block.bold_labels
        run.font.size = Pt(9)
        cells[1].paragraphs[0].add_run(value).font.size = Pt(9)
    word.add_paragraph()


def add_notice(word, block: Notice) -> None:
    p = word.add_paragraph()
    p.add_run(block.lead + " ").bold = True
    p.add_run(block.text)


def add_sign_line(word, block: SignLine) -> None:
    if block.label:
        word.add_paragraph(block.label).paragraph_format.keep_with_next = True
    line = word.add_paragraph("_" * 40)
    line.paragraph_format.space_before = Pt(24)
    line.paragraph_format.keep_with_next = True
    word.add_paragraph(block.name + (f", {block.detail}" if block.detail else ""))


COMMON: dict[type, Handler] = {
    Kicker: add_kicker,
    Emph: add_emph,
    Fields: add_fields,
    Notice: add_notice,
    SignLine: add_sign_line,
}


# --- the förbund's own template ------------------------------------------------------------------------------

DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class TemplateError(Exception):
    """Why a file cannot serve as the Word template (Swedish, to follow the file's name)."""


def _as_document(data: bytes) -> bytes:
    """A .dotx as a .docx: python-docx opens documents only, and the two differ in the main part's content type."""
    try:
        zin = zipfile.ZipFile(BytesIO(data))
        names = set(zin.namelist())
        if not {"[Content_Types].xml", "word/document.xml"} <= names:
            raise TemplateError("är ingen Word-fil (.docx eller .dotx): dokumentdelen saknas.")
        types = zin.read("[Content_Types].xml")
        if DOTX not in types:
            return data
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                content = zin.read(item.filename)
                zout.writestr(item, content.replace(DOTX, DOCX) if item.filename == "[Content_Types].xml" else content)
        return out.getvalue()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, OSError):
        raise TemplateError("är ingen Word-fil (.docx eller .dotx).") from None


def open_template(data: bytes):
    """The template as an empty document: its body emptied, its section (margins, header, footer) kept."""
    try:
        word = WordDocument(BytesIO(_as_document(data)))
    except TemplateError:
        raise
    except Exception:  # python-docx and lxml raise many kinds on a damaged file
        raise TemplateError("kan inte öppnas som Word-mall; filen verkar skadad.") from None
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return word


def check_template(data: bytes) -> None:
    """A sample document written with the template (headings, text, a list, a table), or ``TemplateError``."""
    sample = [
        Heading(1, "Rubrik"),
        Para("Text."),
        BulletList(("Punkt",)),
        Table("", (Column("A"), Column("B", Align.RIGHT)), (Row(("a", "1")),)),
    ]
    try:
        docx_bytes("Prov", "", sample, template=data)
    except TemplateError:
        raise
    except Exception:
        raise TemplateError("kan inte användas: ett dokument kunde inte skrivas med mallen.") from None


def has_style(word, name: str) -> bool:
    try:
        word.styles[name]
    except KeyError:
        return False
    return True


def add_heading(word, text: str, level: int) -> None:
    if has_style(word, f"Heading {level}"):
        word.add_heading(text, level=level)
        return
    p = word.add_paragraph()  # a template without heading styles: bold, and kept with what follows
    run = p.add_run(text)
    run.bold, run.font.size = True, Pt({1: 16, 2: 13}.get(level, 11))
    p.paragraph_format.keep_with_next = True


def add_bullet(word, text: str) -> None:
    if has_style(word, "List Bullet"):
        word.add_paragraph(text, style="List Bullet")
    else:
        word.add_paragraph(f"• {text}")
