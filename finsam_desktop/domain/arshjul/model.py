"""Årshjul: events of the governance year, their recurrence, overrides and derived deadlines.

An *event* (``EventDef``) is a series: a single date (or range), a recurrence rule expanded with
dateutil's rrule, or a date relative to another event or to every meeting of an organ. Expanding
a year gives *occurrences* (``Occurrence``), each with its own status and, when the user moved
it, its own date (``OccurrenceOverride``) — the rest of the series is untouched.

Dates that the app generates (recurrences, relative and template dates) move to the closest
earlier working day unless the event says otherwise; dates a person typed are kept and flagged
when they fall on a weekend or holiday (the seed 000 calendar had a meeting on a Sunday).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from enum import StrEnum

from dateutil import rrule

from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS, SWEDISH_WEEKDAYS
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import ForbundSettings


class Status(StrEnum):
    PLANERAD = "planerad"
    KLAR = "klar"
    INSTALLD = "installd"

    @property
    def label(self) -> str:
        return {"planerad": "Planerad", "klar": "Klar", "installd": "Inställd"}[self.value]


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


class Adjust(StrEnum):
    """What to do with a generated date that is not a working day."""

    TIDIGARE = "tidigare"
    SENARE = "senare"
    INGEN = "ingen"

    @property
    def label(self) -> str:
        return {
            "tidigare": "Närmast föregående vardag",
            "senare": "Närmast följande vardag",
            "ingen": "Behåll datumet (flagga)",
        }[self.value]


class Freq(StrEnum):
    ARLIG = "arlig"
    KVARTAL = "kvartal"
    MANAD = "manad"
    VECKONUMMER = "veckonummer"

    @property
    def label(self) -> str:
        return {"arlig": "Varje år", "kvartal": "Varje kvartal", "manad": "Varje månad", "veckonummer": "Veckonummer"}[
            self.value
        ]


class LegalRule(StrEnum):
    """Deadlines computed from a meeting date with the förbund's settings and the law."""

    KALLELSE = "kallelse"
    JUSTERING = "justering"
    ANSLAG = "anslag"
    OVERKLAGANDE = "overklagande"
    NEDTAGNING = "nedtagning"

    @property
    def label(self) -> str:
        return {
            "kallelse": "Kallelse senast (förbundets kallelsetid före mötet)",
            "justering": "Justering senast (KL 5:69)",
            "anslag": "Anslag senast (KL 8:12)",
            "overklagande": "Sista dag för överklagande (KL 13:5, lag 1930:173)",
            "nedtagning": "Anslaget tas ned tidigast (dagen efter sista överklagandedag)",
        }[self.value]


_ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", -1: "sista", -2: "näst sista"}
_WEEKDAY_PLURAL = ("måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen")
_RR_WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Recurrence:
    """A recurrence rule within one year.

    * ``ARLIG``: ``month`` + (``day`` | ``nth`` ``weekday``), e.g. 31 March, last Friday of November.
    * ``KVARTAL``: ``month`` is the month within the quarter (1–3) + (``day`` | ``nth`` ``weekday``).
    * ``MANAD``: (``day`` | ``nth`` ``weekday``), optionally limited to ``months``.
    * ``VECKONUMMER``: ISO ``week`` and ``weekday`` (default Monday), e.g. "vecka 47".

    ``day`` may be negative (-1 = the month's last day). ``weekday`` is 0 = Monday … 6 = Sunday.
    """

    freq: Freq
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    week: int | None = None
    months: tuple[int, ...] = ()

    def validate(self) -> None:
        f = Freq(self.freq)
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValidationError("veckodagen måste vara 0 (måndag) till 6 (söndag).", "Upprepning")
        if self.day is not None and not (1 <= abs(self.day) <= 31):
            raise ValidationError("dagen måste vara 1–31 (eller -1 för sista dagen).", "Upprepning")
        if self.nth is not None and self.nth not in _ORDINALS:
            raise ValidationError("ordningstalet måste vara 1–5, -1 (sista) eller -2.", "Upprepning")
        if any(not 1 <= m <= 12 for m in self.months):
            raise ValidationError("månaderna måste vara 1–12.", "Upprepning")
        if f is Freq.VECKONUMMER:
            if self.week is None or not 1 <= self.week <= 53:
                raise ValidationError("veckonumret måste vara 1–53.", "Upprepning")
            return
        if f is Freq.ARLIG and (self.month is None or not 1 <= self.month <= 12):
            raise ValidationError("ange månad (1–12) för en årlig händelse.", "Upprepning")
        if f is Freq.KVARTAL and (self.month is None or not 1 <= self.month <= 3):
            raise ValidationError("ange vilken månad i kvartalet (1–3).", "Upprepning")
        if self.day is None and (self.nth is None or self.weekday is None):
            raise ValidationError("ange antingen en dag i månaden eller t.ex. ”sista fredagen”.", "Upprepning")
        if self.day is not None and self.nth is not None:
            raise ValidationError("ange dag i månaden eller ordningstal + veckodag, inte båda.", "Upprepning")

    def dates(self, year: int) -> list[date]:
        """Every date of the rule in ``year`` (unadjusted)."""
        self.validate()
        f = Freq(self.freq)
        start, end = date(year, 1, 1), date(year, 12, 31)
        if f is Freq.VECKONUMMER:
            weekday = self.weekday if self.weekday is not None else 0
            rule = rrule.rrule(
                rrule.YEARLY,
                dtstart=start,
                until=end,
                byweekno=self.week,
                byweekday=_RR_WEEKDAYS[weekday],
            )
            return [d.date() for d in rule]
        if f is Freq.ARLIG:
            bymonth: tuple[int, ...] = (self.month,)  # type: ignore[assignment]
        elif f is Freq.KVARTAL:
            bymonth = tuple(self.month + 3 * q for q in range(4))  # type: ignore[operator]
        else:
            bymonth = self.months or tuple(range(1, 13))
        kwargs: dict = {"bymonth": bymonth}
        if self.day is not None:
            kwargs["bymonthday"] = self.day
        else:
            kwargs["byweekday"] = _RR_WEEKDAYS[self.weekday](self.nth)  # type: ignore[index]
        rule = rrule.rrule(rrule.MONTHLY, dtstart=start, until=end, **kwargs)
        return [d.date() for d in rule]

    def describe(self) -> str:
        """Swedish text, e.g. "Sista fredagen i november varje år", "Vecka 47 (måndag)"."""
        f = Freq(self.freq)
        if f is Freq.VECKONUMMER:
            wd = SWEDISH_WEEKDAYS[self.weekday or 0]
            return f"Vecka {self.week} ({wd}) varje år"
        if self.day is not None:
            what = "sista dagen" if self.day == -1 else f"den {self.day}"
        else:
            what = f"{_ORDINALS[self.nth]} {_WEEKDAY_PLURAL[self.weekday]}"  # type: ignore[index]
        if f is Freq.ARLIG:
            return f"{what.capitalize()} i {SWEDISH_MONTHS[self.month - 1]} varje år"  # type: ignore[operator]
        if f is Freq.KVARTAL:
            return f"{what.capitalize()} i kvartalets {_ORDINALS[self.month]} månad"  # type: ignore[index]
        months = ""
        if self.months and len(self.months) < 12:
            months = " (" + ", ".join(SWEDISH_MONTHS[m - 1] for m in sorted(self.months)) + ")"
        return f"{what.capitalize()} varje månad{months}"

    def to_dict(self) -> dict:
        data = {"frekvens": Freq(self.freq).value}
        for key, value in (
            ("manad", self.month),
            ("dag", self.day),
            ("veckodag", self.weekday),
            ("ordning", self.nth),
            ("vecka", self.week),
        ):
            if value is not None:
                data[key] = value
        if self.months:
            data["manader"] = list(self.months)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Recurrence:
        try:
            rec = cls(
                Freq(data["frekvens"]),
                data.get("manad"),
                data.get("dag"),
                data.get("veckodag"),
                data.get("ordning"),
                data.get("vecka"),
                tuple(data.get("manader", ())),
            )
        except (KeyError, ValueError) as exc:
            raise ValidationError(f"ogiltig upprepningsregel ({exc}).", "Upprepning") from None
        rec.validate()
        return rec


def last_weekday(weekday: int, month: int | None = None) -> Recurrence:
    """ "Sista fredagen" (in ``month`` every year, or every month)."""
    if month is None:
        return Recurrence(Freq.MANAD, weekday=weekday, nth=-1)
    return Recurrence(Freq.ARLIG, month=month, weekday=weekday, nth=-1)


def iso_week(week: int, weekday: int = 0) -> Recurrence:
    """ "Vecka 47" every year (on ``weekday``, Monday by default)."""
    return Recurrence(Freq.VECKONUMMER, week=week, weekday=weekday)


LEGAL_SHORT = {
    LegalRule.KALLELSE: "före varje styrelsemöte enligt förbundets kallelsetid",
    LegalRule.JUSTERING: "senast efter varje styrelsemöte enligt förbundets justeringstid (KL 5:69)",
    LegalRule.ANSLAG: "senast två dagar efter justeringen (KL 8:12)",
    LegalRule.OVERKLAGANDE: "tre veckor efter anslaget (KL 13:5)",
    LegalRule.NEDTAGNING: "dagen efter sista dag för överklagande",
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

    def describe(self, anchor_name: str) -> str:
        if self.legal is not None:
            return LEGAL_SHORT[LegalRule(self.legal)].replace("varje styrelsemöte", anchor_name)
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

    def rule_text(self, anchor_name: str = "varje styrelsemöte") -> str:
        """How the dates come about, in Swedish ("Sista fredagen varje månad", "14 dagar före …")."""
        if self.recurrence is not None:
            return self.recurrence.describe()
        if self.relative is not None:
            return self.relative.describe(anchor_name)
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


@dataclass(frozen=True)
class OccurrenceOverride:
    """A per-occurrence change: status, a moved date, a note."""

    event_id: int
    key: str
    status: Status = Status.PLANERAD
    moved_to: date | None = None
    note: str = ""
    revision: int = 0

    @property
    def is_default(self) -> bool:
        return self.status is Status.PLANERAD and self.moved_to is None and not self.note


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


def adjust_date(d: date, how: Adjust) -> date:
    """Move a generated date off weekends and holidays as the event says."""
    how = Adjust(how)
    if how is Adjust.TIDIGARE:
        return deadlines.previous_working_day(d)
    if how is Adjust.SENARE:
        return deadlines.next_working_day(d)
    return d


def flag_for(d: date) -> str:
    """ "Söndag", "Annandag jul" … for a non-working day, else ""."""
    return deadlines.day_name(d) or ""


def legal_date(rule: LegalRule, meeting: date, settings: ForbundSettings) -> tuple[date, date]:
    """(statutory limit, planned date) of ``rule`` for a meeting on ``meeting``.

    The plan keeps on the safe side of every limit: kallelse, justering and anslag on the last
    working day at or before their limit, and each later step counted from the planned step
    before it; the notice comes down on the first working day it may.
    """
    rule = LegalRule(rule)
    if rule is LegalRule.KALLELSE:
        limit = meeting - timedelta(days=settings.kallelse_dagar)
        return limit, deadlines.previous_working_day(limit)
    j_limit = deadlines.justering_deadline(meeting, settings.justering_dagar)
    justering = deadlines.previous_working_day(j_limit)
    if rule is LegalRule.JUSTERING:
        return j_limit, justering
    a_limit = deadlines.anslag_deadline(justering, settings.anslag_dagar)
    anslag = deadlines.previous_working_day(a_limit)
    if rule is LegalRule.ANSLAG:
        return a_limit, anslag
    if rule is LegalRule.OVERKLAGANDE:
        last = deadlines.last_appeal_day(anslag, settings.overklagande_veckor)
        return last, last
    down = deadlines.anslag_takedown_earliest(anslag, settings.overklagande_veckor)
    return down, deadlines.next_working_day(down)


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
    for m, occ in zip(this_year, meeting_occs, strict=True):
        by_meeting_organ.setdefault(m.organ_id, []).append(occ)
    by_event: dict[int, list[Occurrence]] = {}

    for e in _ordered(list(events)):
        generated: list[tuple[str, date, date | None]] = []  # key, date, planned date (None = adjust)
        if e.start is not None:
            generated.append((e.start.isoformat(), e.start, e.start))
        elif e.recurrence is not None:
            generated += [(d.isoformat(), d, None) for d in e.recurrence.dates(year)]
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
                if rel.legal is not None:
                    generated.append((a.key, *legal_date(rel.legal, a.date, settings)))
                else:
                    generated.append((a.key, a.date + timedelta(days=rel.days), None))
        occs = []
        for key, d, planned in generated:
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
                    title=e.title,
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


def same_week_next_year(d: date, year: int) -> date:
    """The same ISO week and weekday in ``year`` (clamped to week 52 when the year has no week 53)."""
    iso = d.isocalendar()
    week = iso.week
    if week == 53 and date(year, 12, 28).isocalendar().week != 53:
        week = 52
    return date.fromisocalendar(year, week, iso.weekday)


def recurrence_json(rec: Recurrence | None) -> str:
    return json.dumps(rec.to_dict(), ensure_ascii=False) if rec else ""


def recurrence_from_json(text: str) -> Recurrence | None:
    return Recurrence.from_dict(json.loads(text)) if text else None


def with_status(o: OccurrenceOverride, status: Status) -> OccurrenceOverride:
    return replace(o, status=status)


@dataclass(frozen=True)
class YearView:
    """Everything the views of one year need."""

    year: int
    categories: tuple[Category, ...]
    occurrences: tuple[Occurrence, ...]
    events: tuple[EventDef, ...] = ()
    start_month: int = 1
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def category(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)
