"""Event series (``EventDef``): a date, a recurrence or a date relative to another event or to every meeting
of an organ; their links and categories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from finsam_desktop.domain.arshjul.legal import Adjust, LegalRule, legal_short
from finsam_desktop.domain.arshjul.recurrence import Recurrence
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import ForbundSettings


class LinkKind(StrEnum):
    """What an event concerns."""

    MOTE = "mote"
    RAPPORT = "rapport"
    INTERNKONTROLL = "internkontroll"
    BUDGET = "budget"

    @property
    def label(self) -> str:
        return LINK_LABELS[self]


LINK_LABELS = {
    LinkKind.MOTE: "Sammanträde",
    LinkKind.RAPPORT: "Rapport",
    LinkKind.INTERNKONTROLL: "Internkontrollaktivitet",
    LinkKind.BUDGET: "Budgetuppföljning",
}


ANCHOR_ORGAN = "organ"
ANCHOR_EVENT = "event"


@dataclass(frozen=True)
class Relative:
    """A date relative to another event (each of its occurrences) or to every meeting of an organ.

    ``offset`` is in ``unit`` ("dagar" or "veckor"); negative means before. With ``legal`` the
    date is the statutory deadline computed from the meeting date instead.
    """

    anchor_event_id: int | None = None
    anchor_organ_id: int | None = None
    offset: int = 0
    unit: str = "dagar"
    legal: LegalRule | None = None

    def validate(self) -> None:
        if (self.anchor_event_id is None) == (self.anchor_organ_id is None):
            raise ValidationError("välj exakt en händelse eller ett organ att räkna från.", "Relativt datum")
        if self.unit not in ("dagar", "veckor"):
            raise ValidationError("enheten måste vara dagar eller veckor.", "Relativt datum")
        if self.legal is not None and self.anchor_organ_id is None:
            raise ValidationError("lagstadgade frister räknas från sammanträden (ett organ).", "Relativt datum")

    @property
    def days(self) -> int:
        return self.offset * (7 if self.unit == "veckor" else 1)

    def describe(self, anchor_name: str, settings: ForbundSettings | None = None) -> str:
        """ "14 dagar före varje styrelsemöte"; a legal deadline as the rule's own sentence with the förbund's
        numbers ("Protokollet justeras senast 14 dagar efter sammanträdet (KL 5 kap. 69 §)")."""
        if self.legal is not None:
            return legal_short(LegalRule(self.legal), settings)
        n = abs(self.offset)
        unit = ("dag" if n == 1 else "dagar") if self.unit == "dagar" else ("vecka" if n == 1 else "veckor")
        if self.offset == 0:
            return f"Samma dag som {anchor_name}"
        return f"{n} {unit} {'före' if self.offset < 0 else 'efter'} {anchor_name}"


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    ref_id: int | None = None
    text: str = ""

    @property
    def label(self) -> str:
        base = LinkKind(self.kind).label
        return f"{base}: {self.text}" if self.text else base


@dataclass(frozen=True)
class Category:
    """A ring of the wheel."""

    id: int
    key: str
    namn: str
    farg: str
    position: int = 0


@dataclass(frozen=True)
class EventDef:
    """One event series of a year's årshjul."""

    id: int
    year: int
    title: str
    category: str
    short: str = ""
    start: date | None = None
    end: date | None = None
    duration_days: int = 0
    starttid: time | None = None
    sluttid: time | None = None
    responsible: str = ""
    notes: str = ""
    recurrence: Recurrence | None = None
    relative: Relative | None = None
    adjust: Adjust = Adjust.TIDIGARE
    link: Link | None = None
    template_key: str = ""
    member_id: int | None = None
    revision: int = 0

    @property
    def kind_text(self) -> str:
        if self.relative is not None:
            return "Relativ"
        if self.recurrence is not None:
            return "Återkommande"
        return "Enstaka"

    @property
    def label(self) -> str:
        return self.short or self.title

    def rule_text(self, anchor_name: str = "varje styrelsemöte", settings: ForbundSettings | None = None) -> str:
        """How the dates come about, in Swedish ("Sista fredagen varje månad", "14 dagar före …")."""
        if self.recurrence is not None:
            return self.recurrence.describe()
        if self.relative is not None:
            return self.relative.describe(anchor_name, settings)
        return ""

    def validate(self) -> None:
        if not self.title.strip():
            raise ValidationError("får inte vara tom.", "Rubrik")
        if not self.category:
            raise ValidationError("välj en kategori.", "Kategori")
        if len(self.short) > 24:
            raise ValidationError("högst 24 tecken (den syns i hjulet).", "Kort etikett")
        kinds = sum(x is not None for x in (self.start, self.recurrence, self.relative))
        if kinds != 1:
            raise ValidationError("ange ett datum, en upprepning eller ett relativt datum.", "Datum")
        if self.start is not None:
            if self.start.year != self.year:
                raise ValidationError(f"{self.start.isoformat()} ligger inte i {self.year}.", "Datum")
            if self.end is not None and self.end < self.start:
                raise ValidationError("slutdatumet ligger före startdatumet.", "Till och med")
        if self.duration_days < 0 or self.duration_days > 366:
            raise ValidationError("varaktigheten måste vara 0–366 dagar.", "Varaktighet")
        if self.starttid and self.sluttid and self.sluttid <= self.starttid:
            raise ValidationError("sluttiden måste vara efter starttiden.", "Tid")
        if self.recurrence is not None:
            self.recurrence.validate()
        if self.relative is not None:
            self.relative.validate()
            if self.relative.anchor_event_id == self.id and self.id:
                raise ValidationError("en händelse kan inte räknas från sig själv.", "Relativt datum")
