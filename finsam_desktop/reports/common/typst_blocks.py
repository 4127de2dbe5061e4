"""A published document as a list of plain blocks (headings, paragraphs, lists, tables, signatures …).

A report builds the blocks once from its data, every figure already formatted; the accessible PDF pipeline
(``typst_doc.py``) and the Word export lay out the same blocks, so the two never say different things. Every text
is plain text: no renderer interprets it as markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class RowKind(StrEnum):
    NORMAL = "normal"
    SUM = "sum"  # a computed sum: bold with a rule above
    GROUP = "group"  # a heading row inside the table ("Tillgångar"): one cell across every column


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    align: Align = Align.LEFT
    width: float = 0.0  # share of the line (fr); 0 = as wide as its content


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    kind: RowKind = RowKind.NORMAL


@dataclass(frozen=True, slots=True)
class TitlePage:
    lines_above: tuple[str, ...]  # e.g. the förbund's name
    title: str
    lines_below: tuple[str, ...]  # orgnr, "Fastställd av styrelsen …", the draft marking
    t: str = "titlepage"


@dataclass(frozen=True, slots=True)
class Toc:
    title: str = "Innehåll"
    depth: int = 2
    t: str = "toc"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1–3, never skipping a level
    text: str
    new_page: bool = False
    t: str = "h"


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    small: bool = False
    t: str = "p"


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]
    t: str = "list"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a rich paragraph: its text, bold or not (the Syfte/Mål markup's ``**bold**``)."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class RichPara:
    """A paragraph of spans: the template shows a bold span with ``strong`` (the text stays data, never markup)."""

    spans: tuple[Span, ...]
    t: str = "rp"


@dataclass(frozen=True, slots=True)
class RichList:
    """A bullet list whose items are spans (see ``RichPara``)."""

    items: tuple[tuple[Span, ...], ...]
    t: str = "rlist"


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    small: bool = False  # a smaller type for wide tables (driftredovisning)
    t: str = "table"


@dataclass(frozen=True, slots=True)
class Signer:
    namn: str
    roll: str
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class Signatures:
    intro: str
    signers: tuple[Signer, ...]
    place_line: str = "Ort och datum"
    t: str = "signatures"


@dataclass(frozen=True, slots=True)
class Kicker:
    """A short line above the title (the förbund's name, in capitals)."""

    text: str
    t: str = "kicker"


@dataclass(frozen=True, slots=True)
class Fields:
    """Label/value rows (Organ, Sammanträdesdatum …): a layout grid read label, value, label, value … in order."""

    rows: tuple[tuple[str, str], ...]
    label_width: float = 4.8  # cm
    bold_labels: bool = True
    ruled: bool = False  # a hairline under every row (an artifact), as on the Bevis/anslag form
    t: str = "fields"


@dataclass(frozen=True, slots=True)
class Emph:
    """A stressed line: "bold" keeps with what follows ("Styrelsen beslutade"), "italic" is a remark."""

    text: str
    style: str = "bold"
    t: str = "emph"


@dataclass(frozen=True, slots=True)
class Notice:
    """A framed paragraph with a bold lead ("Publiceringsversion.", "Rättelse:"); ``tone`` "info" or "warn"."""

    lead: str
    text: str
    tone: str = "info"
    t: str = "notice"


@dataclass(frozen=True, slots=True)
class SignLine:
    """A line to sign on, with the name (and e.g. the date) under it; ``label`` above ("Utdrag bestyrkes")."""

    name: str
    label: str = ""
    detail: str = ""
    t: str = "signline"


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal bar chart as one figure with its alternative text (every bar in words); each bar's value is also
    printed beside it. ``bars``: (label, value, the value as shown — "<5" when masked)."""

    caption: str
    alt: str
    bars: tuple[tuple[str, float, str], ...]
    t: str = "barchart"


Block = (
    TitlePage
    | Toc
    | Heading
    | Para
    | BulletList
    | RichPara
    | RichList
    | Table
    | Signatures
    | Kicker
    | Fields
    | Emph
    | Notice
    | SignLine
    | BarChart
)


@dataclass(frozen=True)
class Document:
    """``title`` is the document's title (shown by the viewer); ``header`` and ``running`` the running head's left
    and right text (page furniture); ``draft_mark`` the watermark (an artifact) or empty; ``footer`` a text at the
    foot of every page with "Sida N av M" (a protocol's), or empty for the page number from page 2; ``hyphenate``
    False keeps every word whole (a protocol: a reader searching the PDF for "Arbetsmarknadstorget" finds it)."""

    title: str
    author: str
    header: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    draft_mark: str = ""
    running: str = ""
    footer: str = ""
    hyphenate: bool = True

    def as_data(self) -> dict:
        """The document as JSON-ready data (what the Typst template reads from ``sys.inputs``)."""
        return {
            "meta": {
                "title": self.title,
                "author": self.author,
                "header": self.header,
                "running": self.running or self.title,
                "draft": self.draft_mark,
                "footer": self.footer,
                "hyphenate": self.hyphenate,
            },
            "blocks": [asdict(b) for b in self.blocks],
        }


def text_blocks(body: str) -> list[Block]:
    """Plain text into paragraphs and lists: paragraphs are separated by a blank line, list items are lines
    starting with "- " (the form ``TextSection.body`` has)."""
    out: list[Block] = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        items: list[str] = []
        para: list[str] = []
        for line in lines:
            if line.startswith("- "):
                if para:
                    out.append(Para(" ".join(para)))
                    para = []
                items.append(line[2:].strip())
            else:
                if items:
                    out.append(BulletList(tuple(items)))
                    items = []
                para.append(line)
        if para:
            out.append(Para(" ".join(para)))
        if items:
            out.append(BulletList(tuple(items)))
    return out
