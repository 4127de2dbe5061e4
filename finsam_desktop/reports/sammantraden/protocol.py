"""Sammanträdesprotokoll as PDF, laid out like the förbund's own protocols (seed 004).

``protocol_story`` builds the flowables: header block, the four attendance lists, "Protokollet
omfattar § X–Y", an optional insert (``before_paragraphs``: the justering area adds the signature
block and Bevis/anslag there), then every § with bold rubrik, bilaga reference, text, jäv notes and
"Styrelsen beslutade" with its att-satser. ``build_protocol_pdf`` wraps it with the house template.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.flow import Para, Together, short_list
from finsam_desktop.reports.common.pdf import (
    ACCENT,
    FONT_BOLD,
    DocumentInfo,
    build_pdf,
    escape,
    paint_watermark,
    styles,
)
from finsam_desktop.reports.sammantraden.protocol_data import (  # noqa: F401 - re-exported contract names
    AttendanceLine,
    AttendanceSection,
    KallelseDocument,
    KallelseItem,
    ProtocolDocument,
    ProtocolParagraph,
    ProtocolPart,
)

__all__ = [
    "AttendanceLine",
    "AttendanceSection",
    "ProtocolDocument",
    "ProtocolParagraph",
    "ProtocolPart",
    "bilagor_flowables",
    "build_protocol_pdf",
    "paragraph_flowables",
    "protocol_info",
    "protocol_story",
]

CONTENT_WIDTH = 170 * mm


@cache
def _styles():
    st = styles()
    from reportlab.lib.styles import ParagraphStyle

    extra = {
        "ProtoForbund": ParagraphStyle(
            "ProtoForbund", parent=st["Body"], fontName=FONT_BOLD, fontSize=10, leading=13, textColor=ACCENT
        ),
        "ProtoTitle": ParagraphStyle("ProtoTitle", parent=st["Title"], fontSize=15, leading=19, spaceAfter=4),
        "ParaHead": ParagraphStyle(
            "ParaHead",
            parent=st["Body"],
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "BilagaRef": ParagraphStyle("BilagaRef", parent=st["Body"], spaceAfter=4, keepWithNext=1),
        "PartHead": ParagraphStyle(
            "PartHead",
            parent=st["Body"],
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=4,
            spaceAfter=1,
            keepWithNext=1,
        ),
        "ParaText": ParagraphStyle("ParaText", parent=st["Body"], spaceAfter=4),
        "Decision": ParagraphStyle(
            "Decision", parent=st["Body"], fontName=FONT_BOLD, spaceBefore=3, spaceAfter=2, keepWithNext=1
        ),
        "Clause": ParagraphStyle("Clause", parent=st["Body"], spaceAfter=3),
        "ListHead": ParagraphStyle("ListHead", parent=st["Body"], fontName=FONT_BOLD, spaceBefore=7, spaceAfter=1),
    }
    return st, extra


def draft_watermark(canvas, _page: int, _total: int, _info) -> None:
    """A translucent "UTKAST" across the page, so the text under it stays readable."""
    paint_watermark(canvas, "UTKAST", colors.Color(0.75, 0.1, 0.1, alpha=0.13))


def _chain(*painters):
    painters = [p for p in painters if p]

    def paint(canvas, page, total, info):
        for p in painters:
            p(canvas, page, total, info)

    return paint if painters else None


def protocol_info(doc: ProtocolDocument, draft: bool = True) -> DocumentInfo:
    datum = doc.datum.isoformat()
    range_text = doc.range_text
    return DocumentInfo(
        title=doc.title,
        author=doc.forbund_namn,
        subject=f"{doc.heading} {datum}",
        keywords=("protokoll", doc.organ_namn, datum),
        header_left=doc.forbund_namn,
        header_right=f"{doc.organ_namn} {datum}" + (f"  {range_text}" if range_text else ""),
        footer_left="UTKAST – inte justerat" if draft else "",
        footer_painter=draft_watermark if draft else None,
    )


def _kv_table(rows: list[tuple[str, str]]) -> Table:
    st, _ = _styles()
    data = [[cell(k, st["Bold"]), cell(v, st["Body"])] for k, v in rows]
    t = Table(data, colWidths=[48 * mm, CONTENT_WIDTH - 48 * mm])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


def _attendance_table(section: AttendanceSection) -> list[Flowable]:
    st, ex = _styles()
    rows = []
    for line in section.lines:
        org = line.organisation + (f" {line.note}" if line.note else "")
        rows.append([cell(line.namn, st["Body"]), cell(org, st["Body"])])
    t = Table(rows, colWidths=[62 * mm, CONTENT_WIDTH - 62 * mm])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return [Together([Para(escape(section.title), ex["ListHead"]), t])]


def header_flowables(doc: ProtocolDocument) -> list[Flowable]:
    st, ex = _styles()
    story: list[Flowable] = [
        Para(escape(doc.forbund_namn.upper()), ex["ProtoForbund"]),
        Para(escape(doc.heading), ex["ProtoTitle"]),
    ]
    rows = [("Organ", doc.organ_namn), ("Sammanträdesdatum", doc.datum.isoformat())]
    place = doc.place_text
    if doc.time_text:
        place = f"{place}, {doc.time_text}" if place else doc.time_text
    rows.append(("Plats och tid", place or "–"))
    if doc.typ and doc.typ != "ordinarie":
        rows.append(
            (
                "Typ av sammanträde",
                {"extra": "Extra sammanträde", "konstituerande": "Konstituerande sammanträde"}.get(doc.typ, doc.typ),
            )
        )
    story.append(_kv_table(rows))
    story.append(Spacer(1, 3 * mm))
    for section in doc.attendance:
        story += _attendance_table(section)
    if doc.range_line:
        story.append(Spacer(1, 4 * mm))
        story.append(Para(escape(doc.range_line), st["Bold"]))
    return story


def _text_paragraphs(text: str, style) -> list[Flowable]:
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [Para(escape(b), style) for b in blocks if b]


def _decision(clauses, doc: ProtocolDocument, ex) -> list[Flowable]:
    """ "Styrelsen beslutade" (kept with its first att-sats) and the att-satser."""
    if not clauses:
        return []
    return [Para(escape(doc.beslut_heading), ex["Decision"])] + [Para(escape(c), ex["Clause"]) for c in clauses]


def paragraph_flowables(p: ProtocolParagraph, doc: ProtocolDocument) -> list[Flowable]:
    _st, ex = _styles()
    head = f"{p.label} {p.rubrik}" if p.label else p.rubrik
    first: list[Flowable] = [Para(escape(head), ex["ParaHead"])]  # ParaHead is bold
    if p.bilaga_ref:
        first.append(Para(escape(p.bilaga_ref), ex["BilagaRef"]))
    body: list[Flowable] = []
    if p.utgar:
        body.append(Para(f"<i>Punkten utgår.</i> {escape(p.utgar_motivering)}", ex["ParaText"]))
        return [CondPageBreak(25 * mm)] + first + body
    body += _text_paragraphs(p.text, ex["ParaText"])
    if p.jav:
        body.append(Para(escape(" ".join(p.jav)), ex["ParaText"]))
    # Delpunkter (sub-headings, separate questions with their own decisions) come before the §'s
    # concluding decision, as in the seed's § 142 and § 145.
    for part in p.parts:
        if part.rubrik:
            body.append(Para(escape(part.rubrik), ex["PartHead"]))
        body += _text_paragraphs(part.text, ex["ParaText"])
        body += _decision(part.clauses, doc, ex)
    body += _decision(p.clauses, doc, ex)
    if p.vote:
        body.append(Para(escape(p.vote), ex["ParaText"]))
    for r in p.reservations:
        body.append(Para(escape(r), ex["ParaText"]))
    if p.justeras_omedelbart:
        body.append(Para("<i>Paragrafen justeras omedelbart.</i>", ex["ParaText"]))
    # The heading, bilaga line and "Styrelsen beslutade" keep with what follows (keepWithNext);
    # a § never starts in the last few centimetres of a page.
    return [CondPageBreak(25 * mm)] + first + body


def protocol_story(
    doc: ProtocolDocument, *, draft: bool = True, before_paragraphs: list | None = None
) -> list[Flowable]:
    """The protocol's flowables; ``before_paragraphs`` go between the header block and the §§."""
    story = header_flowables(doc)
    if before_paragraphs:
        story.append(Spacer(1, 4 * mm))
        story += list(before_paragraphs)
    story.append(Spacer(1, 6 * mm))
    for p in doc.paragraphs:
        story += paragraph_flowables(p, doc)
    return story + bilagor_flowables(doc)


def bilagor_flowables(doc: ProtocolDocument) -> list[Flowable]:
    """The closing list of bilagor: kept whole with its heading when short, and never split so that a page
    holds only its last line or two (the shared :func:`short_list`)."""
    if not doc.bilagor:
        return []
    st, _ = _styles()
    items = [Para(escape(f"Bilaga {number}  {titel}"), st["Body"]) for number, titel in doc.bilagor]
    return [Spacer(1, 6 * mm), *short_list(Para("Bilagor", st["H2"]), items)]


def build_protocol_pdf(
    doc: ProtocolDocument,
    *,
    draft: bool = True,
    before_paragraphs: list | None = None,
    info_overrides: dict | None = None,
) -> bytes:
    """The protocol PDF; a draft carries the UTKAST watermark."""
    info = protocol_info(doc, draft)
    if info_overrides:
        overrides = dict(info_overrides)
        if draft and "footer_painter" in overrides:
            overrides["footer_painter"] = _chain(info.footer_painter, overrides["footer_painter"])
        info = replace(info, **overrides)
    return build_pdf(protocol_story(doc, draft=draft, before_paragraphs=before_paragraphs), info)
