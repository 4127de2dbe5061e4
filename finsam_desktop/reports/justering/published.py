"""The published documents of Sammanträden/Justering in the accessible pipeline (Typst: tagged PDF/UA-1 and
PDF/A-2a, ``docs/publishing.md``): the anslag, the publication copy of the justerat protocol and the
protokollsutdrag. Each is built as plain blocks (:mod:`finsam_desktop.reports.common.typst_blocks`) from the same
data the ReportLab protocol shows; the signed justerat protocol itself stays ReportLab (``protocol_justerat``).

Headings: H1 the document's title, H2 the närvarolistor, the §§, "Överklagande", "Bilagor", "Utdrag bestyrkes";
H3 a § delpunkt. The creation date is the document's own date (anslagsdatum, justeringsdatum, utdragets datum), or for the
anslag the moment it was made (the program's clock).
"""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.justering.model import AnslagNotice
from finsam_desktop.reports.common.typst_blocks import (
    Block,
    Document,
    Emph,
    Fields,
    Heading,
    Kicker,
    Notice,
    Para,
    SignLine,
)
from finsam_desktop.reports.common.typst_doc import compile_pdf
from finsam_desktop.reports.sammantraden.protocol_blocks import (
    bilagor_blocks,
    header_blocks,
    paragraph_blocks,
    running_head,
)
from finsam_desktop.reports.sammantraden.protocol_data import ProtocolDocument, ProtocolParagraph

# --- anslag -------------------------------------------------------------------------------------------------


def anslag_title(notice: AnslagNotice) -> str:
    return "Tillkännagivande om justerat " + ("protokollsutdrag" if notice.avser == "protokollsutdrag" else "protokoll")


def anslag_document(notice: AnslagNotice) -> Document:
    signer = f"{notice.underskrift_namn}, {notice.underskrift_roll}".strip(", ")
    blocks: list[Block] = [
        Kicker(notice.forbund),
        Heading(1, anslag_title(notice)),
        Emph(f"{notice.organ} – sammanträde {notice.sammantradesdatum.isoformat()}"),
        Heading(2, "Anslag"),
        Para(notice.lead),
        Fields(tuple(notice.rows()), label_width=6.2, ruled=True),
        SignLine("", label="Underskrift"),
        Fields((("Namnförtydligande", signer),), label_width=6.2, ruled=True),
        Heading(2, "Överklagande"),
        Para(notice.appeal_info),
    ]
    if notice.anslagstavla:
        blocks.append(Para(f"Anslagstavla: {notice.anslagstavla}", small=True))
    return Document(
        title=f"Anslag – {notice.organ} {notice.sammantradesdatum.isoformat()}",
        author=notice.forbund,
        header=notice.forbund,
        running=f"Anslaget {notice.anslagsdatum.isoformat()}",
        blocks=tuple(blocks),
    )


def anslag_pdf(notice: AnslagNotice) -> bytes:
    """The anslag, dated on the anslagsdatum; its creation date is when it was made (``notice.created``)."""
    return compile_pdf(anslag_document(notice), notice.anslagsdatum, created=notice.created)


# --- publication copy ---------------------------------------------------------------------------------------


def publication_document(redacted: ProtocolDocument, title: str, notice: str) -> Document:
    """The redacted protocol (``redacted`` already masked: every text here comes from it) for the web."""
    paragrafer = redacted.range_text
    blocks: list[Block] = [Notice("Publiceringsversion.", notice), *header_blocks(redacted)]
    for p in redacted.paragraphs:
        blocks += paragraph_blocks(p, redacted)
    blocks += bilagor_blocks(redacted)
    return Document(
        title=title,
        author=redacted.forbund_namn,
        header=redacted.forbund_namn,
        running=running_head(redacted, paragrafer),
        blocks=tuple(blocks),
        hyphenate=False,
    )


# --- protokollsutdrag ---------------------------------------------------------------------------------------


def utdrag_document(
    doc: ProtocolDocument,
    chosen: list[ProtocolParagraph],
    *,
    title: str,
    paragrafer: str,
    justeringsdatum: date | None,
    mottagare: str,
    bestyrkt_av: str,
    datum: date,
    corrections: dict[str, tuple[str, ...]],
) -> Document:
    rows = [("Organ", doc.organ_namn), ("Sammanträdesdatum", doc.datum.isoformat())]
    rows.append(("Utdrag ur protokollet", paragrafer))
    if justeringsdatum:
        rows.append(("Justeringsdatum", justeringsdatum.isoformat()))
    if mottagare:
        rows.append(("Till", mottagare))
    blocks: list[Block] = [Kicker(doc.forbund_namn), Heading(1, "Protokollsutdrag"), Fields(tuple(rows))]
    for p in chosen:
        blocks += paragraph_blocks(p, doc, corrections.get(p.label, ()))
    blocks += [Heading(2, "Utdrag bestyrkes"), SignLine(bestyrkt_av, detail=f"Datum {datum.isoformat()}")]
    return Document(
        title=title,
        author=doc.forbund_namn,
        header=doc.forbund_namn,
        running=running_head(doc, paragrafer),
        blocks=tuple(blocks),
        hyphenate=False,
    )
