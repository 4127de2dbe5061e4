"""Expanding a year: every event series and meeting into dated occurrences (``Occurrence``), with overrides,
relative and legal dates; what the views of one year need (``YearView``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from finsam_desktop.domain.arshjul.events import Category, EventDef, Link, LinkKind
from finsam_desktop.domain.arshjul.legal import adjust_date, flag_for, legal_date
from finsam_desktop.domain.arshjul.overrides import OccurrenceOverride, Status
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import ForbundSettings


@dataclass(frozen=True)
class MeetingInfo:
    """A row of the ``meeting`` table as the årshjul sees it."""

    id: int
    organ_id: int
    organ_namn: str
    organ_kind: str
    datum: date
    starttid: time | None = None
    sluttid: time | None = None
    plats: str = ""
    typ: str = "ordinarie"
    status: str = "planerat"
    anteckning: str = ""
    revision: int = 0
    #: The meeting's justering chain as the Justering & anslag tab has it (None: computed from the date alone).
    deadlines: deadlines.MeetingDeadlines | None = None


#: Meeting statuses after which the meeting has taken place.
_HELD = {"genomfort", "protokoll_utkast", "klart_for_justering", "justerat", "anslaget", "anslag_nedtaget"}
#: Which ring an organ's meetings go in.
ORGAN_CATEGORY = {"styrelse": "styrelse", "beredningsgrupp": "beredning", "medlemssamrad": "medlemmar"}


@dataclass(frozen=True)
class Occurrence:
    """One dated occurrence, ready to show or export."""

    uid: str
    event_id: int | None
    key: str
    title: str
    short: str
    category: str
    date: date
    end: date | None
    starttid: time | None
    sluttid: time | None
    responsible: str
    notes: str
    status: Status
    generated: date
    adjusted_from: date | None = None
    moved: bool = False
    flag: str = ""
    link: Link | None = None
    meeting_id: int | None = None
    plats: str = ""
    occurrence_note: str = ""
    kind_text: str = ""
    sequence: int = 0
    #: Set when the event stands for a decision taken in another area (the attestordning, the budget …): why its
    #: status cannot be set here ("Status kommer från fliken …"), that area's key and its tab's name (where a user
    #: is sent to take the decision).
    status_from: str = ""
    status_area: str = ""
    status_area_name: str = ""

    @property
    def label(self) -> str:
        return self.short or self.title

    @property
    def date_text(self) -> str:
        text = self.date.isoformat()
        if self.end and self.end != self.date:
            text += f" – {self.end.isoformat()}"
        return text

    @property
    def time_text(self) -> str:
        if self.starttid and self.sluttid:
            return f"{self.starttid:%H.%M}–{self.sluttid:%H.%M}"
        return f"{self.starttid:%H.%M}" if self.starttid else ""

    @property
    def week(self) -> int:
        return self.date.isocalendar().week

    @property
    def flag_text(self) -> str:
        """Swedish warning for a date on a weekend or holiday ("" when fine)."""
        if not self.flag:
            return ""
        return f"{self.date.isoformat()} är {self.flag.lower()} – inte en vardag"

    @property
    def adjust_text(self) -> str:
        if self.adjusted_from is None:
            return ""
        name = (deadlines.day_name(self.adjusted_from) or "").lower()
        return f"Flyttad från {self.adjusted_from.isoformat()} ({name})"


def meeting_title(m: MeetingInfo) -> str:
    """ "Styrelsemöte", "Konstituerande styrelsemöte", "Möte i Beredningsgruppen", "Medlemssamråd"."""
    prefix = {"extra": "Extra ", "konstituerande": "Konstituerande "}.get(m.typ, "")
    if m.organ_kind == "styrelse":
        base = "styrelsemöte" if prefix else "Styrelsemöte"
    elif m.organ_kind == "medlemssamrad":
        base = "medlemssamråd" if prefix else "Medlemssamråd"
    else:
        base = f"möte i {m.organ_namn}" if prefix else f"Möte i {m.organ_namn}"
    return prefix + base


def meeting_reference(m: MeetingInfo) -> str:
    """ "styrelsemötet 2026-11-20": which meeting a deadline belongs to, as its title says it."""
    title = meeting_title(m)
    return f"{title[0].lower()}{title[1:]} {m.datum.isoformat()}"


def meeting_occurrence(m: MeetingInfo) -> Occurrence:
    status = Status.KLAR if m.status in _HELD else Status.PLANERAD
    short = {"styrelse": "Styrelse", "beredningsgrupp": "Beredning", "medlemssamrad": "Medlemssamråd"}
    return Occurrence(
        uid=f"mote-{m.id}",
        event_id=None,
        key=f"m{m.id}",
        title=meeting_title(m),
        short=short.get(m.organ_kind, m.organ_namn[:24]),
        category=ORGAN_CATEGORY.get(m.organ_kind, "styrelse"),
        date=m.datum,
        end=None,
        starttid=m.starttid,
        sluttid=m.sluttid,
        responsible="Förbundschef",
        notes=m.anteckning,
        status=status,
        generated=m.datum,
        flag=flag_for(m.datum),
        link=Link(LinkKind.MOTE, m.id, ""),
        meeting_id=m.id,
        plats=m.plats,
        kind_text="Sammanträde",
        sequence=m.revision,
    )


def _ordered(events: list[EventDef]) -> list[EventDef]:
    """Events with every anchor before the events that depend on it; refuses cycles."""
    by_id = {e.id: e for e in events}
    done: dict[int, EventDef] = {}
    visiting: set[int] = set()

    def visit(e: EventDef) -> None:
        if e.id in done:
            return
        if e.id in visiting:
            raise ValidationError(
                f"”{e.title}” räknas från sig själv via andra händelser (cirkelberoende).", "Relativt datum"
            )
        visiting.add(e.id)
        rel = e.relative
        if rel is not None and rel.anchor_event_id is not None and rel.anchor_event_id in by_id:
            visit(by_id[rel.anchor_event_id])
        visiting.discard(e.id)
        done[e.id] = e

    for e in events:
        visit(e)
    return list(done.values())


def check_cycles(events: list[EventDef]) -> None:
    """Raise ``ValidationError`` if relative events depend on each other in a circle."""
    _ordered(events)


def expand_year(
    year: int,
    events: list[EventDef],
    overrides: list[OccurrenceOverride] = (),
    meetings: list[MeetingInfo] = (),
    settings: ForbundSettings | None = None,
    spill_only: bool = False,
) -> list[Occurrence]:
    """Every occurrence of ``year``: the meetings, the events and their relative events, in date order.

    A relative event gets one occurrence per occurrence of its anchor (per meeting for an organ),
    keyed by the anchor's key, so overrides survive when the anchor moves. With ``spill_only`` the
    result is instead what ``year``'s events put in the *next* year (the anslag of a December
    meeting comes down in January); the next year's view shows those too.
    """
    settings = settings or ForbundSettings()
    ov = {(o.event_id, o.key): o for o in overrides}
    keep = (lambda d: d.year == year + 1) if spill_only else (lambda d: d.year == year)
    this_year = [m for m in meetings if m.datum.year == year]
    meeting_occs = [meeting_occurrence(m) for m in this_year]
    out: list[Occurrence] = [] if spill_only else list(meeting_occs)
    by_meeting_organ: dict[int, list[Occurrence]] = {}
    meeting_by_id = {m.id: m for m in this_year}
    for m, occ in zip(this_year, meeting_occs, strict=True):
        by_meeting_organ.setdefault(m.organ_id, []).append(occ)
    by_event: dict[int, list[Occurrence]] = {}

    for e in _ordered(list(events)):
        # key, date, planned date (None = adjust), the meeting it belongs to ("" for none)
        generated: list[tuple[str, date, date | None, str]] = []
        if e.start is not None:
            generated.append((e.start.isoformat(), e.start, e.start, ""))
        elif e.recurrence is not None:
            generated += [(d.isoformat(), d, None, "") for d in e.recurrence.dates(year)]
        else:
            rel = e.relative
            anchors = (
                by_meeting_organ.get(rel.anchor_organ_id, [])
                if rel.anchor_organ_id is not None
                else by_event.get(rel.anchor_event_id, [])
            )
            for a in anchors:
                if a.status is Status.INSTALLD:
                    continue
                m = meeting_by_id.get(a.meeting_id) if a.meeting_id is not None else None
                ref = meeting_reference(m) if m is not None else ""
                if rel.legal is not None:
                    known = m.deadlines if m is not None else None
                    generated.append((a.key, *legal_date(rel.legal, a.date, settings, known), ref))
                else:
                    generated.append((a.key, a.date + timedelta(days=rel.days), None, ref))
        occs = []
        for key, d, planned, ref in generated:
            o = ov.get((e.id, key))
            final = adjust_date(d, e.adjust) if planned is None else planned
            adjusted_from = d if final != d else None
            moved = o is not None and o.moved_to is not None
            if moved:
                final, adjusted_from = o.moved_to, None
            if e.start is not None and e.end is not None:
                end = final + (e.end - e.start)
            elif e.duration_days:
                end = final + timedelta(days=e.duration_days)
            else:
                end = None
            occs.append(
                Occurrence(
                    uid=f"h{e.id}-{key}",
                    event_id=e.id,
                    key=key,
                    title=f"{e.title} ({ref})" if ref else e.title,
                    short=e.short or e.title[:24],
                    category=e.category,
                    date=final,
                    end=end,
                    starttid=e.starttid,
                    sluttid=e.sluttid,
                    responsible=e.responsible,
                    notes=e.notes,
                    status=o.status if o else Status.PLANERAD,
                    generated=d,
                    adjusted_from=adjusted_from,
                    moved=moved,
                    flag=flag_for(final),
                    link=e.link,
                    occurrence_note=o.note if o else "",
                    kind_text=e.kind_text,
                    sequence=e.revision + (o.revision if o else 0),
                )
            )
        by_event[e.id] = occs
        out += [o for o in occs if keep(o.date)]
    out.sort(key=lambda o: (o.date, o.starttid or time(0), o.category, o.title))
    return out


def in_window(occurrences: list[Occurrence], start: date, end: date) -> list[Occurrence]:
    """Occurrences that touch the period ``start``–``end`` (both inclusive)."""
    return [o for o in occurrences if o.date <= end and (o.end or o.date) >= start]


def upcoming(occurrences: list[Occurrence], today: date, days: int = 30) -> list[Occurrence]:
    """What is due from ``today`` and ``days`` ahead and not done or cancelled."""
    return [o for o in in_window(occurrences, today, today + timedelta(days=days)) if o.status is Status.PLANERAD]


def overdue(occurrences: list[Occurrence], today: date) -> list[Occurrence]:
    """Planned occurrences (not meetings) whose date has passed."""
    return [
        o for o in occurrences if o.status is Status.PLANERAD and (o.end or o.date) < today and o.meeting_id is None
    ]


@dataclass(frozen=True)
class YearView:
    """Everything the views of one year need."""

    year: int
    categories: tuple[Category, ...]
    occurrences: tuple[Occurrence, ...]
    events: tuple[EventDef, ...] = ()
    start_month: int = 1
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: The förbund's deadlines in days and weeks (the rules' texts quote them); None: the law's defaults.
    settings: ForbundSettings | None = None

    def category(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)
