"""Noter: a note's lines per year, its printed Summa, and the statement line the Summa must equal.

The notes a förbund prints: intäkter by source (statens and the members' driftbidrag, EU-medel och andra bidrag,
övriga), kostnader per kostnadsställe (the code in front of the label, e.g. ``6400 Tjänsteköp``), fordringar,
kortfristiga skulder, eget kapital. Note figures are printed without sign; ``sign`` turns the Summa into the
statement's direction (−1 for a note on kostnader).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.arsredovisning.figures import Unit, Unreadable, parse_printed
from finsam_desktop.domain.arsredovisning.statements import ZERO, Figure


class IncomeSource(StrEnum):
    """Where an intäkt comes from (the note on verksamhetens intäkter)."""

    STATEN = "staten"
    MEDLEM = "medlem"
    EU_OCH_ANDRA = "eu_och_andra"
    OVRIGA = "ovriga"

    @property
    def is_huvudman(self) -> bool:
        """The driftbidrag of the förbund's huvudmän: the state's half and the members' shares."""
        return self in (IncomeSource.STATEN, IncomeSource.MEDLEM)


_KOSTNADSSTALLE = re.compile(r"^(\d{2,6})\s+(.*)$")


@dataclass(frozen=True, slots=True)
class NoteLine:
    label: str
    figures: dict[int, Figure]
    source: IncomeSource | None = None

    @property
    def kostnadsstalle(self) -> str | None:
        """The kostnadsställe/projekt code printed in front of the label (``"6400 Tjänsteköp"`` → ``"6400"``)."""
        m = _KOSTNADSSTALLE.match(self.label)
        return m.group(1) if m else None


@dataclass(slots=True)
class Note:
    """One note. ``statement_line`` is the line code the Summa explains (``rr_intakter``, ``br_fordringar``…)."""

    number: str
    title: str
    lines: list[NoteLine]
    stated_sum: dict[int, Figure] = field(default_factory=dict)
    statement_line: str | None = None
    unit: Unit = Unit.KR
    sign: int = 1
    text: str = ""
    sum_label: str = "Summa"  # the Summa line's label ("Utgående eget kapital" in the note on eget kapital)

    @classmethod
    def from_printed(
        cls,
        number: str,
        title: str,
        rows: Sequence[tuple[str, Mapping[int, str | None]] | tuple[str, Mapping[int, str | None], IncomeSource]],
        summa: Mapping[int, str | None] | None = None,
        **kwargs,
    ) -> Note:
        lines = []
        for row in rows:
            label, figures = row[0], row[1]
            source = row[2] if len(row) > 2 else None
            lines.append(NoteLine(label, {y: parse_printed(t) for y, t in figures.items()}, source))
        stated = {y: parse_printed(t) for y, t in (summa or {}).items()}
        return cls(number, title, lines, stated, **kwargs)

    @property
    def years(self) -> tuple[int, ...]:
        seen: dict[int, None] = {}
        for line in self.lines:
            seen.update(dict.fromkeys(line.figures))
        seen.update(dict.fromkeys(self.stated_sum))
        return tuple(seen)

    @property
    def where(self) -> str:
        return f"Not {self.number} {self.title}"

    def computed_sum(self, year: int) -> Decimal | Unreadable | None:
        total, seen = ZERO, False
        for line in self.lines:
            value = line.figures.get(year)
            if isinstance(value, Unreadable):
                return value
            if value is not None:
                total, seen = total + value, True
        return total if seen else None

    def total(self, year: int) -> Decimal | None:
        """The Summa a reader sees (printed, else computed), in the note's unit."""
        stated = self.stated_sum.get(year)
        if isinstance(stated, Decimal):
            return stated
        computed = self.computed_sum(year)
        return computed if isinstance(computed, Decimal) else None

    def implied(self, year: int, index: int) -> Decimal | None:
        """What an unreadable line must be for the printed Summa to hold (``None`` if that is unknown too)."""
        stated = self.stated_sum.get(year)
        if not isinstance(stated, Decimal):
            return None
        rest = ZERO
        for i, line in enumerate(self.lines):
            value = line.figures.get(year)
            if i == index or value is None:
                continue
            if isinstance(value, Unreadable):
                return None
            rest += value
        return stated - rest

    def source_total(self, year: int, huvudman: bool = True) -> Decimal | None:
        """Sum of the lines whose source is (or is not) the huvudmän's driftbidrag; ``None`` if no line has one."""
        total, seen = ZERO, False
        for line in self.lines:
            value = line.figures.get(year)
            if line.source is None or line.source.is_huvudman is not huvudman or not isinstance(value, Decimal):
                continue
            total, seen = total + value, True
        return total if seen else None
