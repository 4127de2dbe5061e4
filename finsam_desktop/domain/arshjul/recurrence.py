"""Recurrence rules of an event series (dateutil rrule): every month, the last weekday, ISO week N …, and their JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil import rrule

from finsam_desktop.domain.common.dates import SWEDISH_MONTHS, SWEDISH_WEEKDAYS
from finsam_desktop.domain.common.errors import ValidationError


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
        return f"{what.capitalize()} {_which_months(self.months)}"

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


def _which_months(months: tuple[int, ...] | None) -> str:
    """ "varje månad", "varje månad utom juli" (a list of eleven months is hard to read and long to print), or
    the months named ("i januari, februari och mars")."""
    chosen = sorted(set(months or ())) or list(range(1, 13))
    if len(chosen) == 12:
        return "varje månad"
    left_out = [SWEDISH_MONTHS[m - 1] for m in range(1, 13) if m not in chosen]
    if len(left_out) <= 3:
        return "varje månad utom " + _swedish_list(left_out)
    return "i " + _swedish_list([SWEDISH_MONTHS[m - 1] for m in chosen])


def _swedish_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]
