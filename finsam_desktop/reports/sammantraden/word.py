"""The kallelse with dagordning and the protocol as .docx (python-docx), from the same data as their PDFs, so a
förbundschef can send them the way the members expect or finish the text in Word. Headings carry Word's heading
styles (the navigation pane and a screen reader find every punkt and §); a draft protocol says so at the top."""

from __future__ import annotations

from finsam_desktop.domain.common.dates import long_date
from finsam_desktop.reports.common.typst_blocks import (
    Align,
    Column,
    Emph,
    Fields,
    Heading,
    Kicker,
    Notice,
    Para,
    Row,
    SignLine,
    Table,
)
from finsam_desktop.reports.common.word import docx_bytes
from finsam_desktop.reports.sammantraden.protocol_blocks import bilagor_blocks, header_blocks, paragraph_blocks
from finsam_desktop.reports.sammantraden.protocol_data import KallelseDocument, ProtocolDocument

MEETING_KIND = {"Extra": "extra sammanträde", "Konstituerande": "konstituerande sammanträde"}
DRAFT_NOTICE = "Utkast – protokollet är inte justerat och får ändras."


def kallelse_title(doc: KallelseDocument) -> str:
    kind = MEETING_KIND.get(doc.typ, "sammanträde")
    return f"Kallelse till {kind} med {doc.organ_namn.lower()}"


def kallelse_blocks(doc: KallelseDocument) -> list:
    """The kallelse as the PDF lays it out: förbund, title, date and place, the dagordning (each punkt a heading
    with föredragande, ärendebeskrivning and förslag till beslut), the bilagor, who is called, and the sender."""
    when = long_date(doc.datum).capitalize() + (f", {doc.time_text}" if doc.time_text else "")
    out: list = [
        Kicker(doc.forbund_namn),
        Heading(1, kallelse_title(doc)),
        Fields((("Datum och tid", when), ("Plats", doc.place_text or "Meddelas senare")), label_width=3.5),
        Heading(2, "Förslag till dagordning"),
    ]
    for it in doc.items:
        out.append(Heading(3, it.heading))
        if it.meta:
            out.append(Para(it.meta, small=True))
        if it.arendebeskrivning:
            out.append(Para(it.arendebeskrivning))
        if it.forslag_till_beslut:
            out.append(Notice("Förslag till beslut:", it.forslag_till_beslut))
    if doc.bilagor:
        out += [
            Heading(2, "Bilagor"),
            Table(
                "",
                (Column("Nr", Align.RIGHT), Column("Bilaga", width=1)),
                tuple(Row((str(n), t)) for n, t in doc.bilagor),
            ),
        ]
    if doc.mottagare:
        out += [
            Heading(2, "Kallade"),
            Table(
                "", (Column("Namn", width=1), Column("Roll", width=1.4)), tuple(Row((n, r)) for n, r in doc.mottagare)
            ),
            Para(
                "Ersättare kallas för kännedom och tjänstgör när en ordinarie ledamot har förhinder. "
                "Meddela förhinder till kansliet så snart som möjligt.",
                small=True,
            ),
        ]
    out.append(Para("Välkomna!"))
    if doc.avsandare:
        out.append(Emph(doc.avsandare))
        if doc.avsandare_titel:
            out.append(Para(doc.avsandare_titel))
    return out


def kallelse_docx(doc: KallelseDocument, template: bytes | None = None) -> bytes:
    return docx_bytes(kallelse_title(doc), doc.forbund_namn, kallelse_blocks(doc), title_page=False, template=template)


def protocol_blocks(doc: ProtocolDocument, draft: bool) -> list:
    """Header, närvaro, every § with its beslut, the bilagor, and the lines for the signatures."""
    out: list = [Notice("UTKAST.", DRAFT_NOTICE, tone="warn")] if draft else []
    out += header_blocks(doc)
    for p in doc.paragraphs:
        out += paragraph_blocks(p, doc)
    out += bilagor_blocks(doc)
    if doc.numbered:
        out.append(Heading(2, "Underskrifter"))
        if doc.sekreterare:
            out.append(SignLine(doc.sekreterare, "Vid protokollet", "sekreterare"))
        if doc.ordforande:
            out.append(SignLine(doc.ordforande, "Ordförande" if not doc.sekreterare else "", "ordförande"))
        for name in doc.justerare:
            out.append(SignLine(name, "", "justerare"))
    return out


def protocol_docx(doc: ProtocolDocument, draft: bool, template: bytes | None = None) -> bytes:
    title = f"{doc.heading} {doc.datum.isoformat()}" + (" (utkast)" if draft else "")
    return docx_bytes(title, doc.forbund_namn, protocol_blocks(doc, draft), title_page=False, template=template)
