"""The protocol as plain blocks for the accessible pipeline (Typst: tagged PDF/UA-1 and PDF/A-2a,
``docs/publishing.md``), from the same :class:`ProtocolDocument` the ReportLab protocol shows: the header, every §
and the bilagor. The draft protocol PDF is made here; the publication copy, the protokollsutdrag
(``reports/justering/published.py``) and the .docx (``word.py``) use the same blocks.

Headings: H1 the protocol's title, H2 the närvarolistor and the §§, "Bilagor"; H3 a § delpunkt. The draft's
watermark, running head and footer ("UTKAST – inte justerat", "Sida N av M") are artifacts.
"""

from __future__ import annotations

from finsam_desktop.reports.common.typst_blocks import (
    Block,
    BulletList,
    Document,
    Emph,
    Fields,
    Heading,
    Kicker,
    Notice,
    Para,
)
from finsam_desktop.reports.common.typst_doc import compile_pdf
from finsam_desktop.reports.sammantraden.protocol_data import ProtocolDocument, ProtocolParagraph

_TYP = {"extra": "Extra sammanträde", "konstituerande": "Konstituerande sammanträde"}
DRAFT_MARK = "UTKAST"
DRAFT_FOOTER = "UTKAST – inte justerat"


def _texts(text: str) -> list[Block]:
    return [Para(b.strip()) for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]


# --- the protocol's parts -----------------------------------------------------------------------------------


def header_blocks(doc: ProtocolDocument) -> list[Block]:
    """Förbund, title, Organ/datum/plats och tid, the närvarolistor and "Protokollet omfattar § X–Y"."""
    place = doc.place_text
    if doc.time_text:
        place = f"{place}, {doc.time_text}" if place else doc.time_text
    rows = [("Organ", doc.organ_namn), ("Sammanträdesdatum", doc.datum.isoformat()), ("Plats och tid", place or "–")]
    if doc.typ and doc.typ != "ordinarie":
        rows.append(("Typ av sammanträde", _TYP.get(doc.typ, doc.typ)))
    out: list[Block] = [Kicker(doc.forbund_namn), Heading(1, doc.heading), Fields(tuple(rows))]
    for section in doc.attendance:
        lines = tuple((line.namn, line.organisation + (f" {line.note}" if line.note else "")) for line in section.lines)
        out += [Heading(2, section.title), Fields(lines, label_width=6.2, bold_labels=False)]
    if doc.range_line:
        out.append(Emph(doc.range_line))
    return out


def _decision(clauses: tuple[str, ...], doc: ProtocolDocument) -> list[Block]:
    return [Emph(doc.beslut_heading), *(Para(c) for c in clauses)] if clauses else []


def paragraph_blocks(p: ProtocolParagraph, doc: ProtocolDocument, corrections: tuple[str, ...] = ()) -> list[Block]:
    out: list[Block] = [Heading(2, f"{p.label} {p.rubrik}" if p.label else p.rubrik)]
    if p.bilaga_ref:
        out.append(Para(p.bilaga_ref))
    if p.utgar:
        return out + [Emph("Punkten utgår.", "italic")] + ([Para(p.utgar_motivering)] if p.utgar_motivering else [])
    out += _texts(p.text)
    if p.jav:
        out.append(Para(" ".join(p.jav)))
    for part in p.parts:
        if part.rubrik:
            out.append(Heading(3, part.rubrik))
        out += _texts(part.text) + _decision(part.clauses, doc)
    out += _decision(p.clauses, doc)
    if p.vote:
        out.append(Para(p.vote))
    out += [Para(r) for r in p.reservations]
    if p.justeras_omedelbart:
        out.append(Emph("Paragrafen justeras omedelbart.", "italic"))
    if corrections:
        out.append(Notice("Rättelse:", " ".join(corrections), tone="warn"))
    return out


def bilagor_blocks(doc: ProtocolDocument) -> list[Block]:
    if not doc.bilagor:
        return []
    return [Heading(2, "Bilagor"), BulletList(tuple(f"Bilaga {n}  {t}" for n, t in doc.bilagor))]


def running_head(doc: ProtocolDocument, paragrafer: str) -> str:
    return f"{doc.organ_namn} {doc.datum.isoformat()}" + (f"  {paragrafer}" if paragrafer else "")


# --- the draft ------------------------------------------------------------------------------------------------


def draft_document(doc: ProtocolDocument) -> Document:
    """The protocol before justering: every § as it stands, under the UTKAST watermark."""
    blocks = header_blocks(doc)
    for p in doc.paragraphs:
        blocks += paragraph_blocks(p, doc)
    blocks += bilagor_blocks(doc)
    return Document(
        title=doc.title,
        author=doc.forbund_namn,
        header=doc.forbund_namn,
        running=running_head(doc, doc.range_text),
        blocks=tuple(blocks),
        draft_mark=DRAFT_MARK,
        footer=DRAFT_FOOTER,
        hyphenate=False,
    )


def draft_pdf(doc: ProtocolDocument) -> bytes:
    """The draft protocol as a tagged PDF, dated on the meeting's day."""
    return compile_pdf(draft_document(doc), doc.datum)
