"""Printed figures and flags: reading a figure as an årsredovisning prints it, and the flag a failed check gives.

A figure is typed or pasted as printed: ``14 531 739``, ``- 65 628``, ``+ 604 816``, ``2 823,5``, ``0,0``. Digit
groups must be whole thousands, so a garbled figure such as ``133 84`` is not silently read as 13 384: it is
*unreadable* and becomes a flag of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.common.money import format_number

_PRINTED = re.compile(
    r"^(?P<sign>[-+\u2212\u2013]?)\s*(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)(?:,(?P<frac>\d+))?$"
)


class Unit(StrEnum):
    """The unit a table is printed in."""

    KR = "kr"
    TKR = "tkr"

    @property
    def factor(self) -> Decimal:
        return Decimal(1000) if self is Unit.TKR else Decimal(1)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A figure cell whose text is not a figure (kept verbatim, so the flag can quote it)."""

    text: str


def parse_printed(text: str | int | Decimal | None) -> Decimal | Unreadable | None:
    """``"- 65 628"`` → ``Decimal(-65628)``; ``""``/``None`` → ``None`` (the line is empty); ``"133 84"`` →
    ``Unreadable("133 84")``. Numbers pass through as they are."""
    if text is None:
        return None
    if isinstance(text, int | Decimal):
        return Decimal(text)
    raw = str(text).strip()
    if not raw:
        return None
    m = _PRINTED.match(raw)
    if not m:
        return Unreadable(raw)
    digits = re.sub(r"\D", "", m["int"])
    value = Decimal(digits + ("." + m["frac"] if m["frac"] else ""))
    return -value if m["sign"] in ("-", "\u2212", "\u2013") else value


def fmt(amount: Decimal | None, unit: Unit = Unit.KR) -> str:
    """A figure for a flag's text, in the unit of its table: ``−65 327``, ``14 597,0``."""
    if amount is None:
        return "–"
    value = amount / unit.factor
    decimals = 1 if unit is Unit.TKR and value != value.to_integral_value() else 0
    return format_number(value, decimals)


@dataclass(frozen=True, slots=True)
class Flag:
    """A printed figure (or date) that does not agree with what the other figures say it must be.

    ``where`` names the figure as a reader finds it (statement, line, year); ``stated`` is the printed figure,
    ``computed`` what the rule computes, ``difference`` = stated − computed (kronor, or the table's unit when
    ``unit`` is tkr); ``text`` says it in Swedish."""

    rule: str
    where: str
    stated: Decimal | str | None
    computed: Decimal | str | None
    difference: Decimal | None
    text: str
    unit: Unit = Unit.KR


class FlagList:
    """Flags in the order found, at most one per printed figure: a second rule finding the same figure wrong adds
    its reason to the first flag's text instead of a second flag."""

    def __init__(self) -> None:
        self._flags: dict[str, Flag] = {}

    def add(self, flag: Flag) -> None:
        first = self._flags.get(flag.where)
        if first is None:
            self._flags[flag.where] = flag
            return
        extra = flag.text.split(": ", 1)[-1]
        if extra not in first.text:
            self._flags[flag.where] = replace(first, text=f"{first.text} Dessutom: {extra}")

    def __iter__(self):
        return iter(self._flags.values())

    def __len__(self) -> int:
        return len(self._flags)

    def as_list(self) -> list[Flag]:
        return list(self._flags.values())
