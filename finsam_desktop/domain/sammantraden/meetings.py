"""The data objects of a meeting: organs, the summary and the full detail, kallelse result, search hits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from finsam_desktop.domain.sammantraden.items import AgendaItem, Attendee, Bilaga
from finsam_desktop.domain.sammantraden.kinds import MeetingStatus, MeetingType, is_locked
from finsam_desktop.domain.sammantraden.quorum import QuorumResult
from finsam_desktop.domain.sammantraden.texts import paragraph_range_text, place_text, time_text


@dataclass(frozen=True)
class OrganInfo:
    id: int
    namn: str
    kind: str
    numbered: bool


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    organ_id: int
    organ_namn: str
    numbered: bool
    datum: date
    starttid: time | None
    sluttid: time | None
    plats: str
    digital: bool
    typ: MeetingType
    status: MeetingStatus
    first_paragraph: int | None
    last_paragraph: int | None
    item_count: int

    @property
    def locked(self) -> bool:
        return is_locked(self.status)

    @property
    def paragraph_range_text(self) -> str:
        return paragraph_range_text(self.first_paragraph, self.last_paragraph)

    @property
    def title(self) -> str:
        return f"{self.organ_namn} {self.datum.isoformat()}"

    @property
    def place_text(self) -> str:
        return place_text(self.plats, self.digital)

    @property
    def time_text(self) -> str:
        return time_text(self.starttid, self.sluttid)


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingSummary
    anteckning: str
    kallelse_skickad: date | None
    justerare_person_ids: tuple[int, ...]
    ordforande_person_id: int | None
    sekreterare_person_id: int | None
    items: tuple[AgendaItem, ...]
    attendance: tuple[Attendee, ...]
    bilagor: tuple[Bilaga, ...]
    quorum: QuorumResult
    previous: MeetingSummary | None
    warnings: tuple[str, ...]
    #: Optimistic locking: what an edit of the header names as the version the user saw.
    version: int = 1


@dataclass(frozen=True)
class SearchHit:
    meeting_id: int
    item_id: int
    datum: date
    organ_namn: str
    label: str
    rubrik: str
    snippet: str
    status: MeetingStatus


@dataclass(frozen=True)
class KallelseResult:
    meeting: MeetingSummary
    warning: str | None
