"""The lägesrapport as .docx (python-docx) from the same blocks as the PDF, so the kansli can add prose in Word:
heading styles, tables whose header row repeats, the page number in the footer, and the chart as a picture with
its alternative text (the same words the PDF's figure carries)."""

from __future__ import annotations

from io import BytesIO

from docx.shared import Cm
from PIL import Image, ImageDraw, ImageFont

from finsam_desktop.domain.verksamhet.lagesrapport import Lagesrapport
from finsam_desktop.paths import resources_dir
from finsam_desktop.reports.common.typst_blocks import BarChart
from finsam_desktop.reports.common.word import docx_bytes
from finsam_desktop.reports.verksamhet.lagesrapport_content import document


def lagesrapport_docx(rapport: Lagesrapport) -> bytes:
    blocks = document(rapport)
    return docx_bytes(blocks.title, rapport.forbund, blocks.blocks, {BarChart: _chart}, title_page=False)


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
