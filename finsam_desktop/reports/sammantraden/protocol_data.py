"""The plain data a protocol PDF shows (built by DocumentsService.protocol_document)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from finsam_desktop.domain.sammantraden.texts import paragraph_range_text, place_text, time_text


@dataclass(frozen=True)
class AttendanceLine:
    namn: str
    organisation: str
    note: str = ""  # "§ 120–124", "för Jonas Väst"


@dataclass(frozen=True)
class AttendanceSection:
    title: str
    lines: tuple[AttendanceLine, ...]


@dataclass(frozen=True)
class ProtocolPart:
    """A delpunkt: optional sub-heading, text and its own decision."""

    rubrik: str
    text: str
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProtocolParagraph:
    number: int | None
    label: str  # "§ 132" or "3."
    rubrik: str
    bilaga_ref: str = ""  # "(Bilaga 6 och 7)"
    text: str = ""
    jav: tuple[str, ...] = ()  # "Jonas Väst deltog inte i beslutet."
    clauses: tuple[str, ...] = ()
    parts: tuple[ProtocolPart, ...] = ()
    vote: str = ""
    reservations: tuple[str, ...] = ()
    utgar: bool = False
    utgar_motivering: str = ""
    justeras_omedelbart: bool = False

    @property
    def all_clauses(self) -> tuple[str, ...]:
        """Every att-sats in print order: the delpunkter's, then the § concluding decision."""
        return tuple(c for p in self.parts for c in p.clauses) + self.clauses


@dataclass(frozen=True)
class ProtocolDocument:
    """Everything the protocol PDF shows. The justering area extends the PDF, not this data."""

    meeting_id: int
    forbund_namn: str
    organ_namn: str
    heading: str  # "Sammanträdesprotokoll från styrelsemöte" / "Minnesanteckningar från …"
    numbered: bool
    datum: date
    starttid: time | None
    sluttid: time | None
    plats: str
    digital: bool
    typ: str
    status: str
    attendance: tuple[AttendanceSection, ...]
    first_paragraph: int | None
    last_paragraph: int | None
    paragraphs: tuple[ProtocolParagraph, ...]
    ordforande: str = ""
    sekreterare: str = ""
    justerare: tuple[str, ...] = ()
    bilagor: tuple[tuple[int, str], ...] = ()
    forvaringsplats: str = ""
    anslagstavla: str = ""
    beslut_heading: str = "Styrelsen beslutade"
    warnings: tuple[str, ...] = field(default=())

    @property
    def range_line(self) -> str:
        """``Protokollet omfattar § 120–146`` (empty for minnesanteckningar)."""
        text = self.range_text
        return f"Protokollet omfattar {text}" if text else ""

    @property
    def place_text(self) -> str:
        return place_text(self.plats, self.digital)

    @property
    def time_text(self) -> str:
        return time_text(self.starttid, self.sluttid)

    @property
    def title(self) -> str:
        """The title a viewer shows, in every protocol PDF: "Protokoll Styrelsen 2026-11-20"."""
        return f"{'Protokoll' if self.numbered else 'Minnesanteckningar'} {self.organ_namn} {self.datum.isoformat()}"

    @property
    def range_text(self) -> str:
        """``§ 120–146`` (the running head's), empty for minnesanteckningar."""
        return paragraph_range_text(self.first_paragraph, self.last_paragraph)


@dataclass(frozen=True)
class KallelseItem:
    number: int
    rubrik: str
    typ: str
    foredragande: str = ""
    bilaga_ref: str = ""
    arendebeskrivning: str = ""
    forslag_till_beslut: str = ""
    diarienummer: str = ""
    standard: bool = False  # a standing item from the template: no "Beslut/Information" line

    @property
    def heading(self) -> str:
        """ "4. Föregående protokoll (Bilaga 1)": the punkt's heading in the PDF and the Word file."""
        return f"{self.number}. {self.rubrik}" + (f" {self.bilaga_ref}" if self.bilaga_ref else "")

    @property
    def meta(self) -> str:
        """The line under the heading: "Beslut · Föredragande: NN · Dnr 2026/12" (empty for a standing item
        with nobody named)."""
        parts = [] if self.standard else [self.typ]
        if self.foredragande:
            parts.append(f"Föredragande: {self.foredragande}")
        if self.diarienummer:
            parts.append(f"Dnr {self.diarienummer}")
        return " · ".join(parts)


@dataclass(frozen=True)
class KallelseDocument:
    meeting_id: int
    forbund_namn: str
    forbund_adress: str
    organ_namn: str
    typ: str
    datum: date
    starttid: time | None
    sluttid: time | None
    plats: str
    digital: bool
    items: tuple[KallelseItem, ...]
    bilagor: tuple[tuple[int, str], ...]
    mottagare: tuple[tuple[str, str], ...]  # (namn, roll/organisation)
    avsandare: str
    avsandare_titel: str
    skickad: date | None = None
    adresser: tuple[tuple[str, str], ...] = ()  # (namn, e-post) of each one called, "" when unknown
    avsandare_epost: str = ""

    @property
    def place_text(self) -> str:
        return place_text(self.plats, self.digital)

    @property
    def time_text(self) -> str:
        return time_text(self.starttid, self.sluttid)
