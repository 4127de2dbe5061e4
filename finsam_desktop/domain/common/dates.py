"""Calendar dates as the documents write them. Legal dates are dates, never datetimes."""

from __future__ import annotations

import re
from datetime import date

from finsam_desktop.domain.common.errors import ValidationError, clip

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COMPACT6 = re.compile(r"^(\d{2})(\d{2})(\d{2})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[ /.-]?(\d{4}|\d{2})$")


def parse_date(text: str | date, field: str | None = None) -> date:
    """Accept ``2022-11-25``, ``20221125``, ``221125``, ``25/11 2022``, ``1/11/2022``, ``25.11.2022``."""
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    try:
        if m := _ISO.match(raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _COMPACT8.match(raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _COMPACT6.match(raw):
            return date(2000 + int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(raw):
            year = int(m[3])
            if year < 100:
                year += 2000
            return date(year, int(m[2]), int(m[1]))
    except ValueError:
        raise ValidationError(f"”{clip(raw)}” är inget giltigt datum.", field) from None
    raise ValidationError(f"”{clip(raw)}” är inget datum (skriv ÅÅÅÅ-MM-DD).", field)


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""


SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
SWEDISH_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def long_date(d: date) -> str:
    """``fredag 25 november 2022``."""
    return f"{SWEDISH_WEEKDAYS[d.weekday()]} {d.day} {SWEDISH_MONTHS[d.month - 1]} {d.year}"
