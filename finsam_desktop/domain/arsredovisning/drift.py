"""Driftredovisning per line class: utfall (intäkt, kostnad, netto), budget, avvikelse, previous year.

The program's own convention, used for everything it prints: **netto = intäkt − kostnad** on every line (a net cost
is negative, as in the resultaträkning), budget netto in the same sign, **avvikelse = utfall − budget** (positive =
better than budget). A typed table may be printed the way many förbund do it — netto as a net *cost* on cost lines
and a net *income* on the huvudman line (``NettoConvention.BY_NATURE``) with "Avvikelse Utfall-Budget" taken on the
printed figures; the checks then follow the table's own convention, and a line that breaks it is flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.arsredovisning.figures import Unit, parse_printed
from finsam_desktop.domain.arsredovisning.statements import ZERO, Figure
from finsam_desktop.domain.budget.lines import LineClass


class DriftClass(StrEnum):
    """The driftredovisning's line classes."""

    HUVUDMAN = "huvudman"
    ADMINISTRATION = "administration"
    INDIVIDINRIKTADE = "individinriktade"
    STRUKTURPAVERKANDE = "strukturpaverkande"
    OVRIGT = "ovrigt"  # from the books: what no budget line classes, or no budget line takes (never printed input)

    @property
    def label(self) -> str:
        return {
            DriftClass.HUVUDMAN: "Intäkter huvudman",
            DriftClass.ADMINISTRATION: "Administrativa kostnader",
            DriftClass.INDIVIDINRIKTADE: "Finansiering individinriktade insatser",
            DriftClass.STRUKTURPAVERKANDE: "Finansiering strukturpåverkande insatser",
            DriftClass.OVRIGT: "Övrigt",
        }[self]

    @property
    def line_class(self) -> LineClass | None:
        """The Budget area's class of the same lines (huvudman is income, not a budget cost class)."""
        return {
            DriftClass.ADMINISTRATION: LineClass.ADMINISTRATION,
            DriftClass.INDIVIDINRIKTADE: LineClass.INDIVIDINRIKTAD,
            DriftClass.STRUKTURPAVERKANDE: LineClass.STRUKTURELL,
        }.get(self)


class NettoConvention(StrEnum):
    RESULT = "result"  # netto = intäkt − kostnad on every line (the program's)
    BY_NATURE = "by_nature"  # huvudman: intäkt − kostnad; cost lines: kostnad − intäkt


_FIELDS = ("intakt", "kostnad", "netto", "budget", "avvikelse", "fg_intakt", "fg_kostnad", "fg_netto")


@dataclass(frozen=True, slots=True)
class DriftRow:
    klass: DriftClass
    label: str
    intakt: Figure = None
    kostnad: Figure = None
    netto: Figure = None
    budget: Figure = None
    avvikelse: Figure = None
    fg_intakt: Figure = None
    fg_kostnad: Figure = None
    fg_netto: Figure = None


@dataclass(slots=True)
class Driftredovisning:
    year: int
    rows: list[DriftRow]
    unit: Unit = Unit.KR
    convention: NettoConvention = NettoConvention.RESULT
    text: str = ""  # printed under the table (from the books: what was not allotted to a budget line)

    @classmethod
    def from_printed(
        cls, year: int, rows: list[tuple[DriftClass, str, Mapping[str, str | None]]], **kwargs
    ) -> Driftredovisning:
        built = []
        for klass, label, figures in rows:
            unknown = set(figures) - set(_FIELDS)
            if unknown:
                raise KeyError(f"unknown driftredovisning columns {sorted(unknown)}")
            built.append(DriftRow(klass, label, **{k: parse_printed(v) for k, v in figures.items()}))
        return cls(year, built, **kwargs)

    def factor(self, row: DriftRow) -> int:
        if self.convention is NettoConvention.RESULT or row.klass is DriftClass.HUVUDMAN:
            return 1
        return -1

    def computed_netto(self, row: DriftRow, previous: bool = False) -> Decimal | None:
        intakt, kostnad = (row.fg_intakt, row.fg_kostnad) if previous else (row.intakt, row.kostnad)
        if not isinstance(intakt, Decimal | None) or not isinstance(kostnad, Decimal | None):
            return None
        if intakt is None and kostnad is None:
            return None
        return self.factor(row) * ((intakt or ZERO) - (kostnad or ZERO))

    def netto(self, row: DriftRow) -> Decimal | None:
        return row.netto if isinstance(row.netto, Decimal) else self.computed_netto(row)

    def computed_avvikelse(self, row: DriftRow) -> Decimal | None:
        """Utfall − budget on the table's netto figures."""
        netto = self.netto(row)
        if netto is None or not isinstance(row.budget, Decimal):
            return None
        return netto - row.budget

    def total(self, column: str) -> Decimal | None:
        """A column's total in the table's unit (``None`` if the column is empty)."""
        total, seen = ZERO, False
        for row in self.rows:
            value = getattr(row, column)
            if isinstance(value, Decimal):
                total, seen = total + value, True
        return total if seen else None

    def class_total(self, klass: DriftClass, column: str) -> Decimal | None:
        values = [getattr(r, column) for r in self.rows if r.klass is klass]
        known = [v for v in values if isinstance(v, Decimal)]
        return sum(known, ZERO) if known else None

    def filled(self, column: str) -> int:
        return sum(1 for r in self.rows if isinstance(getattr(r, column), Decimal))

    def class_totals_kr(self) -> dict[LineClass, Decimal]:
        """Kostnad per Budget line class in kronor (feeds ``budget.equity.individ_share``)."""
        out: dict[LineClass, Decimal] = {}
        for row in self.rows:
            cls = row.klass.line_class
            if cls is not None and isinstance(row.kostnad, Decimal):
                out[cls] = out.get(cls, ZERO) + row.kostnad * self.unit.factor
        return out
