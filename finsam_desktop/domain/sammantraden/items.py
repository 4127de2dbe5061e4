"""The data objects of a dagordning item (§): att-satser, delpunkter, jäv, votes, reservationer, bilagor,
attendees, uppdrag, phrases, a deleted item kept for undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from finsam_desktop.domain.sammantraden.jav import JavProposal
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind, JavKind, Rost, UppdragStatus
from finsam_desktop.domain.sammantraden.quorum import QuorumResult


@dataclass(frozen=True)
class Attendee:
    id: int
    meeting_id: int
    person_id: int
    namn: str
    roll: AttendanceRole
    organisation: str
    member_id: int | None
    ersatter_person_id: int | None
    ersatter_namn: str
    narvarande: bool
    from_item_id: int | None
    to_item_id: int | None
    range_text: str
    position: int


@dataclass(frozen=True)
class Clause:
    id: int
    item_id: int
    part_id: int
    position: int
    text: str
    uppdrag_id: int | None = None


@dataclass(frozen=True)
class Part:
    id: int
    item_id: int
    position: int
    rubrik: str
    text: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class JavNote:
    id: int
    item_id: int
    person_id: int
    namn: str
    kind: JavKind

    @property
    def sentence(self) -> str:
        return f"{self.namn} {self.kind.phrase}."


@dataclass(frozen=True)
class Vote:
    id: int
    item_id: int
    proposition: str
    sluten: bool
    ja: int
    nej: int
    avstar: int
    votes: tuple[tuple[int, str, Rost], ...] = ()

    @property
    def summary(self) -> str:
        head = f"Omröstning{' (sluten)' if self.sluten else ''}"
        if self.proposition:
            head += f" om {self.proposition.rstrip('.')}"
        text = f"{head}: {self.ja} ja, {self.nej} nej, {self.avstar} avstår."
        if self.votes and not self.sluten:
            groups = []
            for rost in Rost:
                names = [n for _pid, n, r in self.votes if r is rost]
                if names:
                    groups.append(f"{rost.label}: {', '.join(names)}")
            text += " " + "; ".join(groups) + "."
        return text


@dataclass(frozen=True)
class Reservation:
    id: int
    item_id: int
    person_id: int
    namn: str
    motivering: str = ""

    @property
    def sentence(self) -> str:
        text = f"{self.namn} reserverar sig mot beslutet"
        return f"{text}: {self.motivering.strip()}" if self.motivering.strip() else f"{text}."


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int
    position: int
    number: int | None
    label: str
    rubrik: str
    typ: ItemKind
    standard: str
    foredragande: str
    arendebeskrivning: str
    forslag_till_beslut: str
    diarienummer: str
    sokande_member_id: int | None
    sokande_organisation: str
    text: str
    clauses: tuple[Clause, ...]
    parts: tuple[Part, ...]
    utgar: bool
    utgar_motivering: str
    justeras_omedelbart: bool
    bilaga_ids: tuple[int, ...]
    bilaga_numbers: tuple[int | str, ...]
    bilaga_ref_text: str
    jav: tuple[JavNote, ...]
    jav_proposals: tuple[JavProposal, ...]
    jav_warning: str
    quorum: QuorumResult | None
    vote: Vote | None
    reservations: tuple[Reservation, ...]
    #: Raised by every edit of the § (optimistic locking, ``services/concurrency``).
    version: int = 1

    @property
    def all_clauses(self) -> tuple[Clause, ...]:
        """Every att-sats in print order: the delpunkter's, then the § concluding decision."""
        return tuple(c for p in self.parts for c in p.clauses) + self.clauses


@dataclass(frozen=True)
class Bilaga:
    id: int
    meeting_id: int
    number: int | str | None  # str only for a historical bilaga numbered "1a" in its source
    titel: str
    filnamn: str
    mimetyp: str
    storlek: int
    sha256: str
    source_meeting_id: int | None
    referenced_by: tuple[str, ...]


@dataclass(frozen=True)
class Uppdrag:
    id: int
    beskrivning: str
    ansvarig_person_id: int | None
    ansvarig: str
    deadline: date | None
    status: UppdragStatus
    item_id: int | None
    clause_id: int | None
    source: str
    kommentar: str
    overdue: bool


@dataclass(frozen=True)
class UppdragRecord:
    """An uppdrag exactly as stored, kept by a removed § so that undo brings it back with its id."""

    id: int
    organ_id: int
    item_id: int | None
    clause_id: int | None
    beskrivning: str
    ansvarig_person_id: int | None
    ansvarig: str
    deadline: date | None
    status: UppdragStatus
    kommentar: str
    created_at: datetime | None


@dataclass(frozen=True)
class DeletedItem:
    """Everything a removed § held (``delete_item``); ``restore_item`` brings it back with the same ids."""

    item: AgendaItem
    uppdrag: tuple[UppdragRecord, ...] = ()
    #: Attendance rows whose "from §"/"to §" bound was this §.
    attendance_from: tuple[int, ...] = ()
    attendance_to: tuple[int, ...] = ()

    @property
    def id(self) -> int:
        return self.item.id

    @property
    def meeting_id(self) -> int:
        return self.item.meeting_id

    @property
    def position(self) -> int:
        return self.item.position


@dataclass(frozen=True)
class StandardPhrase:
    id: int
    kategori: str
    text: str
    position: int = 0
