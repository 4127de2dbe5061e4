"""Legal deadlines for protocols and anslag (KL 5:69, 8:12, 13:5; lag 1930:173 om beräkning av lagstadgad tid).

Day arithmetic (rules-sweden.md § 2.4):

* justering no later than ``days`` (14) calendar days after the meeting (KL 5:69);
* anslag no later than ``days`` (2) calendar days after justering (KL 8:12);
* the appeal period is three weeks from the anslag day: the last day is anslag + 21 days, moved forward past
  Saturdays, Sundays, allmänna helgdagar, midsommarafton, julafton and nyårsafton (1930:173 1–2 §§);
* the notice must stay up for the whole appeal period (KL 13:5 st. 2), so it may come down on the day after the
  last appeal day at the earliest.

The justering and anslag limits are *not* moved forward (whether 1930:173 applies to them is unverified); the
safe reading is the calendar-day limit, and :func:`deadline_note` warns when it falls on a non-working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS

__all__ = [
    "Deadline",
    "MeetingDeadlines",
    "TakedownStyle",
    "anslag_deadline",
    "anslag_takedown_earliest",
    "day_name",
    "deadline_note",
    "deadlines_for",
    "is_working_day",
    "justering_deadline",
    "last_appeal_day",
    "meeting_deadlines",
    "next_working_day",
    "non_working_days",
    "previous_working_day",
    "printed_takedown_date",
    "stated_takedown_note",
    "takedown_label",
    "validate_takedown_date",
]

_AFTON_NAMES = ("Midsommarafton", "Julafton", "Nyårsafton")


def _midsommarafton(year: int) -> date:
    """The Friday between 19 and 25 June (the day before midsommardagen, the Saturday 20–26 June)."""
    d = date(year, 6, 19)
    while d.weekday() != 4:
        d += timedelta(days=1)
    return d


def easter_sunday(year: int) -> date:
    """Påskdagen of ``year`` (the Gregorian computus, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_from(d: date) -> date:
    return d + timedelta(days=(5 - d.weekday()) % 7)


def public_holidays(year: int) -> list[tuple[date, str]]:
    """Sweden's allmänna helgdagar of ``year`` from 1990 (lag 1989:253), in order of the law: annandag pingst until
    2004, nationaldagen from 2005. Computed here: the ``holidays`` package took half a second to load and
    translate, on the way to the first window with data and to many ``finsam`` commands."""
    easter = easter_sunday(year)
    days = [
        (date(year, 1, 1), "Nyårsdagen"),
        (date(year, 1, 6), "Trettondedag jul"),
        (easter - timedelta(days=2), "Långfredagen"),
        (easter, "Påskdagen"),
        (easter + timedelta(days=1), "Annandag påsk"),
        (date(year, 5, 1), "Första maj"),
        (easter + timedelta(days=39), "Kristi himmelsfärdsdag"),
    ]
    if year >= 2005:
        days.append((date(year, 6, 6), "Nationaldagen"))
    days.append((easter + timedelta(days=49), "Pingstdagen"))
    if year <= 2004:
        days.append((easter + timedelta(days=50), "Annandag pingst"))
    days += [
        (_saturday_from(date(year, 6, 20)), "Midsommardagen"),
        (_saturday_from(date(year, 10, 31)), "Alla helgons dag"),
        (date(year, 12, 25), "Juldagen"),
        (date(year, 12, 26), "Annandag jul"),
    ]
    return days


def _older_public_holidays(year: int) -> list[tuple[date, str]]:
    """Before lag 1989:253 (marie bebådelsedag and more): from the ``holidays`` package, loaded only then."""
    import holidays

    public = holidays.Sweden(years=year, language="sv", categories=("public",))
    # The package joins two names on one day with ";": split them, the caller joins them again.
    return [(d, part.strip()) for d, name in sorted(public.items()) if d.year == year for part in str(name).split(";")]


@lru_cache(maxsize=256)
def _non_working_days(year: int) -> tuple[tuple[date, str], ...]:
    days: dict[date, str] = {}
    for d, name in public_holidays(year) if year >= 1990 else _older_public_holidays(year):
        # Two holidays on one day (pingstdagen on nationaldagen) keep both names, joined the Swedish way.
        days[d] = f"{days[d]} och {name}" if d in days else name
    for d, name in (
        (_midsommarafton(year), "Midsommarafton"),
        (date(year, 12, 24), "Julafton"),
        (date(year, 12, 31), "Nyårsafton"),
    ):
        days[d] = name
    return tuple(sorted(days.items()))


def non_working_days(year: int) -> dict[date, str]:
    """Public holidays of Sweden plus midsommarafton, julafton and nyårsafton, with their Swedish names.

    Ordinary Saturdays and Sundays are not listed (they are non-working days anyway); a holiday that falls on a
    Saturday or Sunday is listed under its own name.
    """
    return dict(_non_working_days(year))


def day_name(d: date) -> str | None:
    """The reason ``d`` is not a working day ("Annandag jul", "Lördag", "Söndag"), or None for a plain workday."""
    named = dict(_non_working_days(d.year)).get(d)
    if named:
        return named
    if d.weekday() >= 5:
        return SWEDISH_WEEKDAYS[d.weekday()].capitalize()
    return None


def is_working_day(d: date) -> bool:
    """A vardag in the sense of lag 1930:173: not Saturday, Sunday, holiday or one of the three afton days."""
    return day_name(d) is None


def next_working_day(d: date) -> date:
    """``d`` itself if it is a working day, otherwise the next working day."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def previous_working_day(d: date) -> date:
    """``d`` itself if it is a working day, otherwise the closest earlier working day."""
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def justering_deadline(meeting: date, days: int = 14) -> date:
    """Last day for justering: the meeting day + ``days`` calendar days (KL 5:69)."""
    return meeting + timedelta(days=days)


def anslag_deadline(justering: date, days: int = 2) -> date:
    """Last day to post the anslag: ``days`` calendar days after justering (KL 8:12, "senast andra dagen")."""
    return justering + timedelta(days=days)


def last_appeal_day(anslag: date, weeks: int = 3) -> date:
    """Last day for överklagande: anslag + ``weeks`` weeks, moved forward to a vardag (lag 1930:173 1–2 §§)."""
    return next_working_day(anslag + timedelta(weeks=weeks))


def anslag_takedown_earliest(anslag: date, weeks: int = 3) -> date:
    """First day the notice may come down: the day after the last appeal day (KL 8:12, 13:5 st. 2)."""
    return last_appeal_day(anslag, weeks) + timedelta(days=1)


class TakedownStyle(StrEnum):
    """How the Bevis/anslag block states when the notice may come down (a förbund setting)."""

    tidigast = "tidigast"
    sista_overklagandedag = "sista_overklagandedag"

    @property
    def label(self) -> str:
        return {
            TakedownStyle.tidigast: "Sista dag för överklagande + tas ned tidigast (dagen efter)",
            TakedownStyle.sista_overklagandedag: "Som förlagan: sista dag för överklagande",
        }[self]


def printed_takedown_date(anslag: date, style: TakedownStyle | str = TakedownStyle.tidigast, weeks: int = 3) -> date:
    """The date printed after "Anslaget tas ned tidigast" for the chosen style.

    ``tidigast`` prints the day after the last appeal day (unambiguous). ``sista_overklagandedag`` prints the last
    appeal day itself, as the seed documents do, but always after moving it forward past non-working days — so the
    printed date is never inside the appeal period the way the seed's 2022-12-26 (annandag jul) was.
    """
    if TakedownStyle(style) is TakedownStyle.sista_overklagandedag:
        return last_appeal_day(anslag, weeks)
    return anslag_takedown_earliest(anslag, weeks)


def takedown_label(style: TakedownStyle | str = TakedownStyle.tidigast) -> str:
    """The label printed before :func:`printed_takedown_date`."""
    if TakedownStyle(style) is TakedownStyle.sista_overklagandedag:
        return "Anslaget tas ned efter"
    return "Anslaget tas ned tidigast"


def _days(n: int) -> str:
    words = {1: "en dag", 2: "två dagar", 3: "tre dagar"}
    return words.get(n, f"{n} dagar")


def stated_takedown_note(anslag: date, stated: date, weeks: int = 3) -> str | None:
    """A warning (not an error) when a historical protocol's "Anslaget tas ned" date differs from the rule's: the
    day after the last appeal day, ``weeks`` weeks after the anslag moved forward to a vardag (KL 8 kap. 12 §,
    13 kap. 5 §; lag 1930:173). None when they agree."""
    rule = anslag_takedown_earliest(anslag, weeks)
    if stated == rule:
        return None
    last = last_appeal_day(anslag, weeks)
    if stated < rule:  # rule is the day after ``last``
        why = f"inom överklagandetiden, som löper till och med {last.isoformat()}"
    else:
        why = f"senare än regeln kräver (sista dag för överklagande {last.isoformat()})"
    return (
        f"Protokollet anger att anslaget tas ned {stated.isoformat()}, men enligt regeln (anslaget {anslag.isoformat()}"
        f" + {weeks} veckor, kommunallagen 8 kap. 12 §) tas det ned tidigast {rule.isoformat()}; protokollets datum "
        f"är {why}. Protokollet sparas med det datum det anger."
    )


def validate_takedown_date(
    anslag: date,
    entered: date,
    *,
    style: TakedownStyle | str = TakedownStyle.tidigast,
    weeks: int = 3,
) -> str | None:
    """Check a hand-entered "tas ned" date against the anslag date; a Swedish message when it is too early.

    With the seed style the entered date is compared with the last appeal day; with the default style with the
    day after it. Returns None when the date is acceptable.
    """
    last = last_appeal_day(anslag, weeks)
    plain = anslag + timedelta(weeks=weeks)
    required = printed_takedown_date(anslag, style, weeks)
    if entered >= required:
        return None
    short = (required - entered).days
    parts = [
        f"Datumet {entered.isoformat()} är {_days(short)} för tidigt.",
        f"Överklagandetiden ({weeks} veckor från anslaget {anslag.isoformat()}) löper till och med {last.isoformat()}.",
    ]
    if last != plain:
        parts.append(
            f"{plain.isoformat()} är {(day_name(plain) or '').lower()}, så sista dagen flyttas till nästa vardag "
            f"(lag 1930:173)."
        )
    if TakedownStyle(style) is TakedownStyle.sista_overklagandedag:
        parts.append(f"Ange {last.isoformat()} eller senare.")
    else:
        parts.append(
            f"Anslaget ska sitta uppe hela den dagen och får tas ned tidigast {anslag_takedown_earliest(anslag, weeks).isoformat()}."
        )
    return " ".join(parts)


def deadline_note(d: date) -> str:
    """``""`` for a working day, otherwise a short Swedish note such as "(lördag)" or "(annandag jul)"."""
    name = day_name(d)
    return f"({name.lower()})" if name else ""


@dataclass(frozen=True)
class Deadline:
    """One computed deadline with the rule behind it, for display (frister, warnings)."""

    key: str
    label: str
    date: date
    rule: str
    note: str = ""


@dataclass(frozen=True)
class MeetingDeadlines:
    """The justering chain of one meeting: the one answer the Justering & anslag tab, ``finsam frister`` and the
    Årshjul all show. A step not yet taken is assumed on its last allowed day (``justering_known`` /
    ``anslag_known`` say which dates rest on recorded dates)."""

    meeting: date
    justering_senast: date
    anslag_senast: date
    sista_overklagandedag: date
    tas_ned_tidigast: date
    justering_known: bool = False
    anslag_known: bool = False


def meeting_deadlines(
    meeting: date,
    justering: date | None = None,
    anslag: date | None = None,
    *,
    justering_dagar: int = 14,
    anslag_dagar: int = 2,
    overklagande_veckor: int = 3,
) -> MeetingDeadlines:
    """The deadlines that follow from a meeting date and, when recorded, its justering and anslag dates (§ 2.4)."""
    j_limit = justering_deadline(meeting, justering_dagar)
    a_limit = anslag_deadline(justering or j_limit, anslag_dagar)
    last = last_appeal_day(anslag or a_limit, overklagande_veckor)
    return MeetingDeadlines(
        meeting, j_limit, a_limit, last, last + timedelta(days=1), justering is not None, anslag is not None
    )


def deadlines_for(
    meeting: date,
    justering: date | None = None,
    anslag: date | None = None,
    *,
    justering_dagar: int = 14,
    anslag_dagar: int = 2,
    overklagande_veckor: int = 3,
) -> list[Deadline]:
    """Every deadline that follows from a meeting date and, when known, the justering and anslag dates.

    Unknown later dates are assumed to be the latest allowed (so the chain still shows the outer limits), and the
    note says so.
    """
    out: list[Deadline] = []
    md = meeting_deadlines(
        meeting,
        justering,
        anslag,
        justering_dagar=justering_dagar,
        anslag_dagar=anslag_dagar,
        overklagande_veckor=overklagande_veckor,
    )
    j_limit = md.justering_senast
    out.append(
        Deadline(
            "justering",
            "Justering senast",
            j_limit,
            f"KL 5 kap. 69 §: senast {justering_dagar} dagar efter sammanträdet",
            _limit_note(j_limit, justering, "justerat"),
        )
    )
    a_limit = md.anslag_senast
    out.append(
        Deadline(
            "anslag",
            "Anslag senast",
            a_limit,
            f"KL 8 kap. 12 §: justeringen tillkännages senast {'andra' if anslag_dagar == 2 else str(anslag_dagar) + ':e'} "
            f"dagen efter justering",
            "; ".join(
                p
                for p in (
                    _limit_note(a_limit, anslag, "anslaget"),
                    "" if justering else "förutsätter justering sista dagen",
                )
                if p
            ),
        )
    )
    a = anslag or a_limit
    plain = a + timedelta(weeks=overklagande_veckor)
    last = md.sista_overklagandedag
    moved = (
        f"{plain.isoformat()} är {(day_name(plain) or '').lower()}; flyttas till nästa vardag" if last != plain else ""
    )
    assumed = "" if anslag else "förutsätter anslag sista dagen"
    out.append(
        Deadline(
            "overklagande",
            "Sista dag för överklagande",
            last,
            f"KL 13 kap. 5 §: {overklagande_veckor} veckor från anslagsdagen; lag (1930:173) 2 §: "
            "lördag, söndag, helgdag, midsommar-, jul- och nyårsafton räknas inte",
            "; ".join(p for p in (moved, assumed) if p),
        )
    )
    out.append(
        Deadline(
            "nedtagning",
            "Anslaget tas ned tidigast",
            md.tas_ned_tidigast,
            "KL 8 kap. 12 § och 13 kap. 5 § 2 st.: anslaget ska sitta uppe under hela överklagandetiden",
            assumed,
        )
    )
    return out


def _limit_note(limit: date, actual: date | None, verb: str) -> str:
    notes = []
    if not is_working_day(limit):
        notes.append(f"{limit.isoformat()} är {(day_name(limit) or '').lower()}")
    if actual is not None:
        if actual > limit:
            notes.append(f"för sent: {verb} {actual.isoformat()}, {(actual - limit).days} dagar efter fristen")
        else:
            notes.append(f"inom fristen ({verb} {actual.isoformat()})")
    return "; ".join(notes)
