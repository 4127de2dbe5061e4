"""The justerat protocol, protokollsutdrag and the publication copy, built on the Sammanträden protocol report
(:mod:`finsam_desktop.reports.sammantraden.protocol`) through its public pieces — header, § flowables, ``before_paragraphs``
and ``DocumentInfo.footer_painter`` — and archived as PDF/A-2b.

* Justerat protocol: "Underskrifter" (Ordförande, Sekreterare, Justerare: line, name, role), the Bevis/anslag
  block, initial boxes for the justerande in every page footer, notes on corrections next to the §.
* Protokollsutdrag: the chosen §§ as justerade, "Utdrag bestyrkes" with name and date, the recipient.
* Publication copy: no signatures; chosen §§ left out, personnummer and names in jäv notes masked, names asked for
  masked everywhere (:mod:`finsam_desktop.reports.justering.redaction`); marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.justering.model import (
    AnslagNotice,
    RedactionChoice,
    paragraph_range_text,
)
from finsam_desktop.reports.common.pdf import FONT, GREY, build_pdf, escape, styles
from finsam_desktop.reports.common.pdfa import PdfaMetadata, to_pdfa
from finsam_desktop.reports.justering.anslag import bevis_grid
from finsam_desktop.reports.justering.redaction import jav_names as jav_names
from finsam_desktop.reports.justering.redaction import leaks, notice_text, redact_protocol
from finsam_desktop.reports.sammantraden.protocol import (
    CONTENT_WIDTH,
    ProtocolDocument,
    ProtocolParagraph,
    bilagor_flowables,
    header_flowables,
    paragraph_flowables,
    protocol_info,
)


@dataclass(frozen=True)
class JusteringInfo:
    """What the justering adds to the protocol."""

    justeringsdatum: date
    ordforande: tuple[str, ...]
    justerare: tuple[str, ...]
    sekreterare: tuple[str, ...] = ()
    #: The anslag when it is known at printing; otherwise the Bevis/anslag block has lines to fill in by hand.
    anslag: AnslagNotice | None = None
    #: § label ("§ 132") → notes about corrections printed with the §.
    corrections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forvaringsplats: str = ""
    #: SHA-256 of the canonical content in the database, written into the archived PDF's XMP (finsam:innehallshash)
    #: so that ``finsam check`` can compare the database with the archived (and signed) document.
    content_sha256: str = ""


@dataclass(frozen=True)
class UtdragInfo:
    paragraphs: tuple[int, ...]
    bestyrkt_av: str
    datum: date
    mottagare: str = ""
    justeringsdatum: date | None = None
    corrections: dict[str, tuple[str, ...]] = field(default_factory=dict)


def initials(name: str) -> str:
    """``Christina Nordenö`` → ``CN``; ``Anna-Karin Berg`` → ``AKB``."""
    parts = [p for chunk in name.replace("-", " ").split() for p in [chunk] if p]
    return "".join(p[0].upper() for p in parts)[:4]


def initial_box_painter(names: list[str]):
    """A footer painter drawing one initial box per justerande (ordförande and justerare) on every page."""

    def paint(canvas, page: int, total: int, info) -> None:
        width, _ = canvas._pagesize
        box_w, box_h, gap = 13 * mm, 7.5 * mm, 2.5 * mm
        n = len(names)
        total_w = n * box_w + (n - 1) * gap
        x0 = width / 2 - total_w / 2 + 8 * mm
        y0 = 5.5 * mm
        canvas.saveState()
        canvas.setFont(FONT, 6.5)
        canvas.setFillColor(GREY)
        canvas.drawRightString(x0 - 2 * mm, y0 + box_h / 2 - 2, "Justerandes signatur")
        canvas.setStrokeColor(colors.HexColor("#5E6B75"))
        canvas.setLineWidth(0.6)
        for i, name in enumerate(names):
            x = x0 + i * (box_w + gap)
            canvas.rect(x, y0, box_w, box_h, stroke=1, fill=0)
            canvas.setFont(FONT, 5)
            canvas.drawString(x + 1, y0 + box_h - 5.5, initials(name))
        canvas.restoreState()

    return paint


def _signature_cell(name: str, role: str, width: float) -> list[Flowable]:
    st = styles()
    line = Table([[""]], colWidths=[width], rowHeights=[11 * mm], hAlign="LEFT")
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.8, colors.black)]))
    return [line, Paragraph(escape(name), st["Body"]), Paragraph(escape(role), st["Muted"])]


def signature_block(info: JusteringInfo) -> Flowable:
    """ "Underskrifter": Ordförande, Sekreterare, Justerare — a line, the name and the role for each, three to a
    row, so that the Bevis/anslag block fits under them on page 1 as in the seed."""
    st = styles()
    people = (
        [(n, "Ordförande") for n in info.ordforande]
        + [(n, "Sekreterare") for n in info.sekreterare]
        + [(n, "Justerare") for n in info.justerare]
    )
    column = CONTENT_WIDTH / 3
    cells = [_signature_cell(n, r, column - 8 * mm) for n, r in people]
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    rows[-1] += [""] * (3 - len(rows[-1]))
    table = Table(rows, colWidths=[column] * 3)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return KeepTogether([Paragraph("Underskrifter", st["H2"]), table])


def _bevis(doc: ProtocolDocument, info: JusteringInfo, signer: str) -> Flowable:
    """Bevis/anslag as a grid under the signatures; without a posted anslag its dates are left to fill in by hand."""
    if info.anslag:
        notice = info.anslag
        return bevis_grid(
            notice.rows(), notice.lead, notice.underskrift_namn, role=notice.underskrift_roll, width=CONTENT_WIDTH
        )
    rows = [
        ("Avser sammanträde med", f"{doc.organ_namn}, {doc.forbund_namn}"),
        ("Sammanträdesdatum", doc.datum.isoformat()),
        ("Paragrafer", doc.range_text),
        ("Justeringsdatum", info.justeringsdatum.isoformat()),
        ("Anslagsdatum", ""),
        ("Sista dag för överklagande", ""),
        ("Anslaget tas ned tidigast", ""),
        ("Förvaringsplats för protokollet", info.forvaringsplats or doc.forvaringsplats or doc.forbund_namn),
    ]
    lead = "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."
    note = (
        "Sista dag för överklagande är anslagsdagen + 3 veckor, flyttad till nästa vardag; anslaget får tas ned "
        "tidigast dagen efter."
    )
    return bevis_grid(rows, lead, signer, note=note, width=CONTENT_WIDTH)


def _correction_flowables(p: ProtocolParagraph, corrections: dict[str, tuple[str, ...]]) -> list[Flowable]:
    notes = corrections.get(p.label, ())
    if not notes:
        return []
    st = styles()
    box = Table([[Paragraph("<b>Rättelse:</b> " + escape(" ".join(notes)), st["Body"])]], colWidths=[CONTENT_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#B45F06")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF4E5")),
            ]
        )
    )
    return [Spacer(1, 1.5 * mm), box]


def _metadata(
    doc: ProtocolDocument, title: str, kind: str, paragrafer: str, created: date, content_sha256: str = ""
) -> PdfaMetadata:
    from datetime import datetime, time

    return PdfaMetadata(
        title=title,
        author=doc.forbund_namn,
        subject=f"{doc.heading} {doc.datum.isoformat()} {paragrafer}".strip(),
        keywords=(kind, doc.organ_namn, doc.datum.isoformat(), paragrafer),
        forbund=doc.forbund_namn,
        organ=doc.organ_namn,
        datum=doc.datum,
        paragrafer=paragrafer,
        dokumenttyp=kind,
        created=datetime.combine(created, time(12, 0), tzinfo=UTC),
        innehallshash=content_sha256,
    )


def justerat_story(doc: ProtocolDocument, info: JusteringInfo) -> list[Flowable]:
    signer = info.sekreterare[0] if info.sekreterare else ""
    bevis = _bevis(doc, info, signer)
    story = header_flowables(doc)
    story += [Spacer(1, 3 * mm), signature_block(info), Spacer(1, 3 * mm), bevis, Spacer(1, 6 * mm)]
    for p in doc.paragraphs:
        story += paragraph_flowables(p, doc) + _correction_flowables(p, info.corrections)
    return story + bilagor_flowables(doc)


def build_justerat_pdf(doc: ProtocolDocument, info: JusteringInfo, *, pdfa: bool = True) -> bytes:
    """The justerat protocol (no watermark), with initial boxes on every page; PDF/A-2b by default."""
    base = protocol_info(doc, draft=False)
    paragrafer = doc.range_text
    painter = initial_box_painter(list(info.ordforande) + list(info.justerare))
    doc_info = replace(
        base, footer_left=f"Justerat {info.justeringsdatum.isoformat()}", watermark="", footer_painter=painter
    )
    data = build_pdf(justerat_story(doc, info), doc_info)
    if not pdfa:
        return data
    meta = _metadata(doc, base.title, "protokoll", paragrafer, info.justeringsdatum, info.content_sha256)
    return to_pdfa(data, meta)


def build_omedelbar_pdf(
    doc: ProtocolDocument, info: JusteringInfo, paragraphs: tuple[int, ...], *, pdfa: bool = True
) -> bytes:
    """The protokollsutdrag of §§ justerade omedelbart at the meeting: header, the §§, signatures, Bevis/anslag."""
    wanted = set(paragraphs)
    chosen = tuple(p for p in doc.paragraphs if p.number in wanted)
    if {p.number for p in chosen} != wanted:
        raise ValueError(f"{paragraph_range_text(wanted - {p.number for p in chosen})} finns inte i protokollet.")
    extract = replace(
        doc,
        paragraphs=chosen,
        first_paragraph=min(wanted),
        last_paragraph=max(wanted),
        heading=f"Protokollsutdrag – justerat omedelbart ({doc.heading[:1].lower()}{doc.heading[1:]})",
        bilagor=(),
    )
    return build_justerat_pdf(extract, info, pdfa=pdfa)


def build_utdrag_pdf(doc: ProtocolDocument, info: UtdragInfo, *, pdfa: bool = True) -> bytes:
    """Protokollsutdrag of ``info.paragraphs`` with "Utdrag bestyrkes": a published document, so a tagged
    PDF/UA-1 and PDF/A-2a from the accessible pipeline (``published.py``), created on the utdrag's date.
    ``pdfa`` is kept for callers; the file is always PDF/A-2a."""
    from finsam_desktop.reports.common.typst_doc import compile_pdf
    from finsam_desktop.reports.justering.published import utdrag_document

    wanted = set(info.paragraphs)
    chosen = [p for p in doc.paragraphs if p.number in wanted]
    missing = wanted - {p.number for p in chosen}
    if missing:
        raise ValueError(f"{paragraph_range_text(missing)} finns inte i protokollet.")
    paragrafer = paragraph_range_text(info.paragraphs)
    document = utdrag_document(
        doc,
        chosen,
        title=f"Protokollsutdrag {doc.organ_namn} {doc.datum.isoformat()} {paragrafer}",
        paragrafer=paragrafer,
        justeringsdatum=info.justeringsdatum,
        mottagare=info.mottagare,
        bestyrkt_av=info.bestyrkt_av,
        datum=info.datum,
        corrections=info.corrections,
    )
    return compile_pdf(document, info.datum)


def redact_document(doc: ProtocolDocument, choice: RedactionChoice) -> tuple[ProtocolDocument, int]:
    """A copy of ``doc`` with the chosen redactions; returns (document, number of masked occurrences)."""
    result = redact_protocol(doc, choice)
    return result.document, result.total


def build_publication_pdf(
    doc: ProtocolDocument, choice: RedactionChoice, *, justeringsdatum: date | None = None, pdfa: bool = True
) -> bytes:
    """The web copy: no signatures or initial boxes, redacted as chosen and marked "Publiceringsversion"; a
    tagged PDF/UA-1 and PDF/A-2a (``published.py``) laid out from the redacted data only, created on the
    justeringsdatum. ``pdfa`` is kept for callers; the file is always PDF/A-2a."""
    from finsam_desktop.reports.common.typst_doc import compile_pdf
    from finsam_desktop.reports.justering.published import publication_document

    result = redact_protocol(doc, choice)
    redacted = result.document
    notice = (
        f"Kopia för webbplatsen utan underskrifter. {notice_text(choice, result)}"
        f" ({result.total} {'maskering' if result.total == 1 else 'maskeringar'} i alla)."
        " Det justerade originalet finns hos förbundet"
        + (f"; justerat {justeringsdatum.isoformat()}" if justeringsdatum else "")
        + "."
    )
    # Title, running head and document information are made from the redacted copy as well.
    title = f"{protocol_info(redacted, draft=False).title} (publiceringsversion)"
    data = compile_pdf(publication_document(redacted, title, notice), justeringsdatum or doc.datum)
    found = leaks(data, choice.extra_names)
    if found:  # the masking above covers every text; this is the last line of defence
        raise ValidationError(
            f"ett namn som skulle maskeras finns kvar ({', '.join(found)}); publiceringsversionen gjordes inte."
        )
    return data
