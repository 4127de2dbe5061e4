"""Periodisation of the budget: how much of a line's helårsbudget is expected by the end of a month.

Linear (budget × months / 12) unless the line has a profile: the same share every month ("jämnt"), the shape of
the previous year's utfall ("som föregående år"), quarterly invoices in advance or in arrears (lokalhyra), equal
shares in named months (arvoden per sammanträdesmånad) or twelve typed monthly percentages.

A profile is stored as its text (``Profile.text``), which is also what the user types:
``jämnt``, ``föregående år``, ``kvartal i förskott``, ``kvartal i efterskott``, ``månader: 2, 4, 6, 9, 11``,
``procent: 10, 8, 8, 8, 8, 8, 5, 5, 10, 10, 10, 10``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from finsam_desktop.domain.budget.lines import ZERO, q
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.errors import ValidationError, clip

FIELD = "Periodisering"


class ProfileKind(StrEnum):
    JAMNT = "jämnt"
    FOREGAENDE = "föregående år"
    KVARTAL_FORSKOTT = "kvartal i förskott"
    KVARTAL_EFTERSKOTT = "kvartal i efterskott"
    MANADER = "månader"
    PROCENT = "procent"


_FIXED_MONTHS = {
    ProfileKind.KVARTAL_FORSKOTT: (1, 4, 7, 10),
    ProfileKind.KVARTAL_EFTERSKOTT: (3, 6, 9, 12),
}

_ALIASES = {
    "": ProfileKind.JAMNT,
    "linjär": ProfileKind.JAMNT,
    "linjar": ProfileKind.JAMNT,
    "jämnt": ProfileKind.JAMNT,
    "jamnt": ProfileKind.JAMNT,
    "föregående år": ProfileKind.FOREGAENDE,
    "som föregående år": ProfileKind.FOREGAENDE,
    "som föregående års utfall": ProfileKind.FOREGAENDE,
    "föregående års utfall": ProfileKind.FOREGAENDE,
    "kvartal i förskott": ProfileKind.KVARTAL_FORSKOTT,
    "kvartalsvis i förskott": ProfileKind.KVARTAL_FORSKOTT,
    "kvartal i efterskott": ProfileKind.KVARTAL_EFTERSKOTT,
    "kvartalsvis i efterskott": ProfileKind.KVARTAL_EFTERSKOTT,
}

_MONTH_WORDS = {name: i + 1 for i, name in enumerate(SWEDISH_MONTHS)}
_MONTH_WORDS.update({name[:3]: i + 1 for i, name in enumerate(SWEDISH_MONTHS)})


@dataclass(frozen=True, slots=True)
class Profile:
    """How a line's budget is spread over the year; ``values`` are months (MANADER) or 12 percentages (PROCENT)."""

    kind: ProfileKind = ProfileKind.JAMNT
    values: tuple[Decimal, ...] = ()

    @property
    def is_linear(self) -> bool:
        return self.kind is ProfileKind.JAMNT

    def text(self) -> str:
        """The stored and editable form (``parse_profile(p.text()) == p``)."""
        if self.kind is ProfileKind.MANADER:
            return "månader: " + ", ".join(str(int(v)) for v in self.values)
        if self.kind is ProfileKind.PROCENT:
            return "procent: " + ", ".join(_num(v) for v in self.values)
        return self.kind.value

    @property
    def label(self) -> str:
        """Short description for the budget table and the follow-up's tooltip."""
        if self.kind is ProfileKind.JAMNT:
            return "Jämnt (1/12 per månad)"
        if self.kind is ProfileKind.FOREGAENDE:
            return "Som föregående års utfall"
        if self.kind is ProfileKind.KVARTAL_FORSKOTT:
            return "Kvartalsvis i förskott (jan, apr, jul, okt)"
        if self.kind is ProfileKind.KVARTAL_EFTERSKOTT:
            return "Kvartalsvis i efterskott (mar, jun, sep, dec)"
        if self.kind is ProfileKind.MANADER:
            return "Lika delar i " + ", ".join(SWEDISH_MONTHS[int(m) - 1][:3] for m in self.values)
        return "Månadsprocent " + " / ".join(_num(v) for v in self.values)


LINEAR = Profile()


def _num(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def parse_profile(text: str | None) -> Profile:
    """The user's text → a profile; a ``ValidationError`` says what is wrong."""
    raw = " ".join(str(text or "").strip().lower().split())
    if raw in _ALIASES:
        return Profile(_ALIASES[raw])
    head, sep, rest = raw.partition(":")
    head = head.strip()
    if sep and head in ("månader", "manader", "sammanträdesmånader"):
        return Profile(ProfileKind.MANADER, _months(rest))
    if sep and head in ("procent", "månadsprocent", "%"):
        return Profile(ProfileKind.PROCENT, _percentages(rest))
    raise ValidationError(
        f"”{clip(text)}” är ingen periodisering. Skriv jämnt, föregående år, kvartal i förskott, "
        "kvartal i efterskott, månader: 2, 4, 6 … eller procent: följt av tolv procentsatser.",
        FIELD,
    )


def _months(text: str) -> tuple[Decimal, ...]:
    months: list[int] = []
    for item in (t for t in re.split(r"[,;\s]+", text.strip()) if t):
        month = _MONTH_WORDS.get(item.rstrip("."))
        if month is None:
            if not item.isdigit() or not 1 <= int(item) <= 12:
                raise ValidationError(f"”{clip(item)}” är ingen månad (skriv 1–12 eller jan, feb …).", FIELD)
            month = int(item)
        if month not in months:
            months.append(month)
    if not months:
        raise ValidationError("ange minst en månad, t.ex. månader: 2, 4, 6, 9, 11.", FIELD)
    return tuple(Decimal(m) for m in sorted(months))


def _percentages(text: str) -> tuple[Decimal, ...]:
    items = [t.rstrip(",") for t in re.split(r"[;\s]+", text.strip()) if t.rstrip(",")]
    if len(items) != 12 and "," in text and ";" not in text:
        items = [t for t in re.split(r",\s*|\s+", text.strip()) if t]  # "10, 8, 8" written with commas
    values = []
    for item in items:
        try:
            value = Decimal(item.rstrip("%").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(f"”{clip(item)}” är ingen procentsats.", FIELD) from None
        if value < 0:
            raise ValidationError(f"procentsatsen {item} är negativ.", FIELD)
        values.append(value)
    if len(values) != 12:
        raise ValidationError(f"ange tolv procentsatser, en per månad (fick {len(values)}).", FIELD)
    total = sum(values, ZERO)
    if total != 100:
        raise ValidationError(f"procentsatserna summerar till {_num(total)} %, inte 100 %.", FIELD)
    return tuple(values)


def cumulative_share(
    profile: Profile, months: int, prior: Mapping[int, Decimal] | None = None
) -> tuple[Decimal, Decimal]:
    """The share of the year's budget expected after ``months`` months, as (numerator, denominator).

    "Föregående år" follows the shape of ``prior`` (last year's utfall per month of the same line); without
    prior utfall, or when it sums to zero or less, it falls back to jämnt."""
    months = max(0, min(12, months))
    kind = profile.kind
    if kind is ProfileKind.FOREGAENDE:
        total = sum((prior or {}).values(), ZERO)
        if total > 0:
            return sum((v for m, v in (prior or {}).items() if m <= months), ZERO), total
        return Decimal(months), Decimal(12)
    if kind in _FIXED_MONTHS:
        listed = _FIXED_MONTHS[kind]
        return Decimal(sum(1 for m in listed if m <= months)), Decimal(len(listed))
    if kind is ProfileKind.MANADER:
        return Decimal(sum(1 for m in profile.values if m <= months)), Decimal(len(profile.values))
    if kind is ProfileKind.PROCENT:
        return sum(profile.values[:months], ZERO), Decimal(100)
    return Decimal(months), Decimal(12)


def periodised_budget(
    budget: Decimal | None, months: int, profile: Profile | None = None, prior: Mapping[int, Decimal] | None = None
) -> Decimal | None:
    """The budget expected after ``months`` months (linear: 230 → 57,50 after three months)."""
    if budget is None:
        return None
    num, den = cumulative_share(profile or LINEAR, months, prior)
    return q(budget * num / den)


def profile_note(profile: Profile, prior: Mapping[int, Decimal] | None) -> str:
    """What the follow-up says about a line's periodisation (empty for the default)."""
    if profile.is_linear:
        return ""
    if profile.kind is ProfileKind.FOREGAENDE and sum((prior or {}).values(), ZERO) <= 0:
        return "Periodisering: som föregående år, men föregående år saknar utfall – jämnt används."
    return f"Periodisering: {profile.label}."
