"""Personalresurser: who works in an insats, at what share of full time, and the FTE sums.

The seeds write the working time as "25%", "25 %", "2 x12,5% team" (two persons at 12,5 %), "0,5" (half time) or
several in one cell ("100% team 175% coach 25% kursled."). ``parse_arbetstid`` reads all of them; FTE is
count × percent / 100. ``check_staffing`` compares a total printed in a document with the computed one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from finsam_desktop.domain.common.errors import ValidationError

_NUM = r"\d+(?:[.,]\d+)?"
_PART = re.compile(
    rf"(?:(?P<count>\d+)\s*[x×*]\s*)?(?P<value>{_NUM})\s*(?P<pct>%)?\s*(?P<roll>[^\d%]*?)\s*(?=\d|$)", re.IGNORECASE
)


@dataclass(frozen=True)
class Arbetstid:
    """``antal`` persons at ``procent`` of full time each; ``roll`` is the word written after it, if any."""

    antal: int
    procent: Decimal
    roll: str = ""

    @property
    def fte(self) -> Decimal:
        return self.antal * self.procent / 100


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise ValidationError(f"”{text}” är inget tal.", "Arbetstid") from None


def parse_arbetstid(text: str, field: str = "Arbetstid") -> tuple[Arbetstid, ...]:
    """Every "N x P % roll" in ``text``. A number without % is a share of full time (0,5 = 50 %) when it is at
    most 1, else a percentage. Refuses text without a number and shares over 100 % per person."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip().rstrip(".")
    if not cleaned:
        raise ValidationError("ange arbetstiden, t.ex. ”50 %”, ”2 x 12,5 %” eller ”0,5”.", field)
    out: list[Arbetstid] = []
    pos = 0
    for m in _PART.finditer(cleaned):
        if m.start() != pos and cleaned[pos : m.start()].strip():
            raise ValidationError(f"”{text}” kan inte läsas som arbetstid (t.ex. ”2 x 12,5 %”).", field)
        if not m.group("value"):
            continue
        pos = m.end()
        value = _decimal(m.group("value"))
        count = int(m.group("count") or 1)
        if not m.group("pct"):
            if value > 1:
                raise ValidationError(f"”{text}”: skriv procent med %-tecken, t.ex. ”{value} %”.", field)
            value *= 100
        if count < 1:
            raise ValidationError(f"”{text}”: antalet personer måste vara minst 1.", field)
        roll = m.group("roll").strip().rstrip(".").strip()
        if value <= 0:
            raise ValidationError(f"”{text}”: arbetstiden måste vara större än noll.", field)
        if m.group("count") and value > 100:
            raise ValidationError(f"”{text}”: en person kan inte arbeta mer än 100 %.", field)
        out.append(Arbetstid(count, Decimal(int(value)) if value == value.to_integral() else value, roll))
    if not out or cleaned[pos:].strip():
        raise ValidationError(f"”{text}” kan inte läsas som arbetstid (t.ex. ”2 x 12,5 %”).", field)
    return tuple(out)


@dataclass(frozen=True)
class Personalresurs:
    """One row of a staffing table: a role at an organisation, ``antal`` persons at ``procent`` each."""

    roll: str
    organisation: str = ""
    antal: int = 1
    procent: Decimal = Decimal(0)
    notering: str = ""  # e.g. "Vakant", "(inom ovan)"

    @property
    def fte(self) -> Decimal:
        return self.antal * Decimal(self.procent) / 100

    def validate(self, field: str = "Personal") -> None:
        if not self.roll.strip():
            raise ValidationError("rollen får inte vara tom.", field)
        if self.antal < 1:
            raise ValidationError(f"{self.roll}: antalet personer måste vara minst 1.", field)
        # One row may sum several persons of a role ("Coach/vägledare 200 %"), so up to 1 000 %.
        if not 0 <= Decimal(self.procent) <= 1000:
            raise ValidationError(f"{self.roll}: arbetstiden måste vara mellan 0 och 1 000 %.", field)


def rows_from_text(roll: str, organisation: str, arbetstid: str, notering: str = "") -> tuple[Personalresurs, ...]:
    """Rows for a cell as written in a document; "(inom ovan)" gives one row at 0 % with that note."""
    if arbetstid.strip().startswith("(") and not re.search(r"\d", arbetstid):
        return (Personalresurs(roll, organisation, 1, Decimal(0), arbetstid.strip()),)
    return tuple(
        Personalresurs(f"{roll} {a.roll}".strip() if a.roll else roll, organisation, a.antal, a.procent, notering)
        for a in parse_arbetstid(arbetstid)
    )


def fte_total(rows: tuple[Personalresurs, ...] | list[Personalresurs]) -> Decimal:
    return sum((r.fte for r in rows), Decimal(0))


def fte_per_organisation(rows) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        out[r.organisation or "(ingen organisation)"] += r.fte
    return dict(out)


def format_fte(value: Decimal) -> str:
    """2,05 style, two decimals, Swedish comma."""
    return f"{Decimal(value):.2f}".replace(".", ",")


def format_procent(value: Decimal) -> str:
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text} %"


@dataclass(frozen=True)
class StaffingFlag:
    insats: str
    stated: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    @property
    def message(self) -> str:
        return (
            f"{self.insats}: angiven summa {format_fte(self.stated)} årsarbetare, beräknad "
            f"{format_fte(self.computed)} (skillnad {format_fte(self.difference)})."
        )


def check_staffing(insats: str, rows, stated_fte: Decimal | None) -> StaffingFlag | None:
    """A flag when a stated FTE total (as printed) differs from the sum of the rows; None when it agrees or
    nothing is stated."""
    if stated_fte is None:
        return None
    computed = fte_total(list(rows))
    if Decimal(stated_fte) == computed:
        return None
    return StaffingFlag(insats, Decimal(stated_fte), computed)
