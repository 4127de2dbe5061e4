"""What a published årsredovisning or delårsrapport shows, as plain data: the figures (``Arsredovisning``), the
förvaltningsberättelse's text sections, the deltagarflöden, the signers and the state of the document. The
service builds it from the stored data; the reports (PDF in the accessible pipeline, .docx) only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from finsam_desktop.domain.arsredovisning.document import Arsredovisning
from finsam_desktop.domain.arsredovisning.figures import Flag
from finsam_desktop.domain.arsredovisning.statements import Statement


class DocKind(StrEnum):
    ARSREDOVISNING = "arsredovisning"
    DELARSRAPPORT = "delarsrapport"

    @property
    def label(self) -> str:
        return "Årsredovisning" if self is DocKind.ARSREDOVISNING else "Delårsrapport"


#: The förvaltningsberättelse's sections with the seed's headings (key, heading), in the seed's order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("om_forbundet", "Om förbundet"),
    ("styrning", "Styrning och uppföljning"),
    ("viktiga_forhallanden", "Viktiga förhållanden"),
    ("god_ekonomisk_hushallning", "God ekonomisk hushållning och måluppfyllelse"),
    ("personal", "Personal"),
    ("forvantad_utveckling", "Förväntad utveckling"),
)


@dataclass(frozen=True, slots=True)
class TextSection:
    """One section of running text. ``body`` is plain text (paragraphs separated by a blank line, list items as
    lines starting with "- "); it is never interpreted as markup by any report."""

    key: str
    heading: str
    body: str


@dataclass(frozen=True, slots=True)
class Signer:
    """A signature line: every ordinary member of the styrelse on the adoption date."""

    namn: str
    roll: str  # "Ordförande", "Vice ordförande", "Ledamot"
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class FlowRow:
    """Deltagarflöden of one insats, aggregates only (no participant-level data)."""

    insats: str
    inskrivna: int
    avslutade: int
    kvinnor: int
    man: int
    annat: int = 0
    avslut: tuple[tuple[str, int], ...] = ()  # (avslutsanledning, count)


@dataclass(frozen=True)
class Publication:
    """Everything one document shows. ``per`` is the balance date (31 Dec, or the delårsrapport's date);
    ``prognos`` the full-year prognos beside a delårsrapport's resultaträkning; ``flags`` the reconciliation's
    findings (a draft prints them on a page of its own; they never silently disappear)."""

    kind: DocKind
    forbund: str
    orgnr: str
    year: int
    per: date
    report: Arsredovisning
    sections: tuple[TextSection, ...] = ()
    flows: tuple[FlowRow, ...] = ()
    signers: tuple[Signer, ...] = ()
    ort: str = ""
    adopted_text: str = ""  # "Fastställd av styrelsen 2027-03-18, § 12" when adopted
    draft: bool = True
    prognos: Statement | None = None
    flags: tuple[Flag, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        if self.kind is DocKind.DELARSRAPPORT:
            return f"Delårsrapport {self.year} per {self.per.isoformat()}"
        return f"Årsredovisning {self.year}"
