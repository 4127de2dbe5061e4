"""Resultaträkning, balansräkning and kassaflödesanalys as RKR sets them up for a förbund (LKBR 2018:597, kap. 5–6).

Each statement is a fixed list of lines; a *sum* line names its parts and is always computed from them. A statement
holds, per year, the figures that were typed or pasted as printed (``stated``) — the sums a document prints
included — or the figures built from the books (see ``kontoplan.py``). Amounts are signed in the direction of the
result: intäkter and tillgångar positive, kostnader negative; a cost line printed without a minus (as many förbund
print ``Verksamhetens kostnader``) is read as a cost. The balance sheet's year is the year it closes (2021 =
2021-12-31).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.arsredovisning.figures import Unit, Unreadable, parse_printed

ZERO = Decimal(0)


class Kind(StrEnum):
    RR = "rr"
    BR = "br"
    KF = "kf"

    @property
    def label(self) -> str:
        return {Kind.RR: "Resultaträkning", Kind.BR: "Balansräkning", Kind.KF: "Kassaflödesanalys"}[self]

    @property
    def short(self) -> str:
        return {Kind.RR: "RR", Kind.BR: "BR", Kind.KF: "Kassaflödesanalys"}[self]


@dataclass(frozen=True, slots=True)
class LineDef:
    """One line of a statement. ``parts`` makes it a sum; ``cost`` means a positive printed figure is a cost."""

    code: str
    label: str
    parts: tuple[str, ...] = ()
    cost: bool = False

    @property
    def is_sum(self) -> bool:
        return bool(self.parts)


RR_LINES: tuple[LineDef, ...] = (
    LineDef("rr_intakter", "Verksamhetens intäkter"),
    LineDef("rr_kostnader", "Verksamhetens kostnader", cost=True),
    LineDef("rr_avskrivningar", "Avskrivningar", cost=True),
    LineDef("rr_nettokostnader", "Verksamhetens nettokostnader", ("rr_intakter", "rr_kostnader", "rr_avskrivningar")),
    LineDef("rr_fin_intakter", "Finansiella intäkter"),
    LineDef("rr_fin_kostnader", "Finansiella kostnader", cost=True),
    LineDef(
        "rr_efter_fin",
        "Resultat efter finansiella poster",
        ("rr_nettokostnader", "rr_fin_intakter", "rr_fin_kostnader"),
    ),
    LineDef("rr_extraordinara", "Extraordinära poster"),
    LineDef("rr_arets_resultat", "Årets resultat", ("rr_efter_fin", "rr_extraordinara")),
)

BR_LINES: tuple[LineDef, ...] = (
    LineDef("br_immateriella", "Immateriella anläggningstillgångar"),
    LineDef("br_materiella", "Materiella anläggningstillgångar"),
    LineDef("br_finansiella_anl", "Finansiella anläggningstillgångar"),
    LineDef("br_summa_anl", "Summa anläggningstillgångar", ("br_immateriella", "br_materiella", "br_finansiella_anl")),
    LineDef("br_forrad", "Förråd m.m."),
    LineDef("br_fordringar", "Fordringar"),
    LineDef("br_placeringar", "Kortfristiga placeringar"),
    LineDef("br_kassa_bank", "Kassa och bank"),
    LineDef(
        "br_summa_oms",
        "Summa omsättningstillgångar",
        ("br_forrad", "br_fordringar", "br_placeringar", "br_kassa_bank"),
    ),
    LineDef("br_summa_tillgangar", "Summa tillgångar", ("br_summa_anl", "br_summa_oms")),
    LineDef("br_arets_resultat", "Årets resultat"),
    LineDef("br_ovrigt_ek", "Övrigt eget kapital"),
    LineDef("br_eget_kapital", "Eget kapital", ("br_arets_resultat", "br_ovrigt_ek")),
    LineDef("br_avsattning_pension", "Avsättningar för pensioner"),
    LineDef("br_andra_avsattningar", "Andra avsättningar"),
    LineDef("br_summa_avsattningar", "Summa avsättningar", ("br_avsattning_pension", "br_andra_avsattningar")),
    LineDef("br_langfristiga", "Långfristiga skulder"),
    LineDef("br_kortfristiga", "Kortfristiga skulder"),
    LineDef("br_summa_skulder", "Summa skulder", ("br_langfristiga", "br_kortfristiga")),
    LineDef(
        "br_summa_ek_skulder",
        "Summa eget kapital, avsättningar och skulder",
        ("br_eget_kapital", "br_summa_avsattningar", "br_summa_skulder"),
    ),
)

KF_LINES: tuple[LineDef, ...] = (
    LineDef("kf_arets_resultat", "Årets resultat"),
    LineDef("kf_justering", "Justering för ej likviditetspåverkande poster"),
    LineDef(
        "kf_fore_rorelsekapital",
        "Medel från verksamheten före förändring av rörelsekapital",
        ("kf_arets_resultat", "kf_justering"),
    ),
    LineDef("kf_forrad", "Ökning/minskning förråd"),
    LineDef("kf_fordringar", "Ökning/minskning kortfristiga fordringar"),
    LineDef("kf_skulder", "Ökning/minskning kortfristiga skulder"),
    LineDef(
        "kf_lopande",
        "Kassaflöde från den löpande verksamheten",
        ("kf_fore_rorelsekapital", "kf_forrad", "kf_fordringar", "kf_skulder"),
    ),
    LineDef("kf_investering", "Kassaflöde från investeringsverksamheten"),
    LineDef("kf_finansiering", "Kassaflöde från finansieringsverksamheten"),
    LineDef("kf_arets_kassaflode", "Årets kassaflöde", ("kf_lopande", "kf_investering", "kf_finansiering")),
    LineDef("kf_likvida_ib", "Likvida medel vid årets början"),
    LineDef("kf_likvida_ub", "Likvida medel vid årets slut"),
)

LINES: dict[Kind, tuple[LineDef, ...]] = {Kind.RR: RR_LINES, Kind.BR: BR_LINES, Kind.KF: KF_LINES}
LINE_BY_CODE: dict[str, LineDef] = {d.code: d for lines in LINES.values() for d in lines}
KIND_OF: dict[str, Kind] = {d.code: kind for kind, lines in LINES.items() for d in lines}

Figure = Decimal | Unreadable | None


@dataclass(frozen=True, slots=True)
class SumCheck:
    """A printed sum that neither the printed lines just above it nor the lines it is built from explain."""

    code: str
    year: int
    stated: Decimal
    computed: Decimal
    immediate: Decimal


@dataclass(slots=True)
class Statement:
    """One statement's figures per year. ``stated`` holds what was typed/printed or built from the books; sum lines
    left empty are computed. ``labels`` keeps a document's own wording of a line (e.g. "Verksamhetens resultat"),
    ``notes`` the note number a line refers to."""

    kind: Kind
    years: tuple[int, ...]
    stated: dict[tuple[int, str], Figure] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    unit: Unit = Unit.KR

    @classmethod
    def from_printed(
        cls,
        kind: Kind,
        figures: Mapping[int, Mapping[str, str | int | Decimal | None]],
        labels: Mapping[str, str] | None = None,
        notes: Mapping[str, str] | None = None,
    ) -> Statement:
        """Build from figures typed or pasted as printed, ``{2021: {"rr_intakter": "14 531 739", …}, 2020: …}``.
        Unknown line codes raise ``KeyError`` (a programming error, not the user's)."""
        stmt = cls(kind, tuple(figures), labels=dict(labels or {}), notes=dict(notes or {}))
        for year, row in figures.items():
            for code, text in row.items():
                stmt.set(year, code, parse_printed(text), printed=True)
        return stmt

    def set(self, year: int, code: str, value: Figure, printed: bool = False) -> None:
        """Store a line's figure; ``printed`` reads a cost printed without a minus as a cost."""
        line = LINE_BY_CODE[code]
        if KIND_OF[code] is not self.kind:
            raise KeyError(f"{code} is not a line of {self.kind}")
        if printed and line.cost and isinstance(value, Decimal) and value > 0:
            value = -value
        self.stated[(year, code)] = value
        if year not in self.years:
            self.years = (*self.years, year)

    def label(self, code: str) -> str:
        return self.labels.get(code, LINE_BY_CODE[code].label)

    def printed(self, year: int, code: str) -> Figure:
        return self.stated.get((year, code))

    def computed(self, year: int, code: str) -> Figure:
        """A post's figure, or a sum computed from the posts it is built from (empty lines count as 0; ``None``
        when every part is empty; ``Unreadable`` when a part could not be read)."""
        line = LINE_BY_CODE[code]
        if not line.is_sum:
            return self.printed(year, code)
        return _add(self.computed(year, part) for part in line.parts)

    def value(self, year: int, code: str) -> Decimal | None:
        """The figure a reader sees: the printed one if there is one, else the computed one (``None`` if unknown)."""
        printed = self.printed(year, code)
        if isinstance(printed, Decimal):
            return printed
        computed = self.computed(year, code)
        return computed if isinstance(computed, Decimal) else None

    def immediate(self, year: int, code: str) -> Figure:
        """A sum from the figures printed on the lines directly above it (the parts' printed or computed figures)."""
        parts = []
        for part in LINE_BY_CODE[code].parts:
            printed = self.printed(year, part)
            parts.append(printed if printed is not None else self.computed(year, part))
        return _add(parts)

    def sum_checks(self) -> list[SumCheck]:
        """Printed sums that do not add up. A printed sum that agrees with the printed lines just above it is not
        itself wrong (the error lies in a line above, flagged there), nor is one that agrees with its posts even
        though a printed subtotal between them is wrong — so each error is reported once, where it arises."""
        out = []
        for year in self.years:
            for line in LINES[self.kind]:
                printed = self.printed(year, line.code)
                if not line.is_sum or not isinstance(printed, Decimal):
                    continue
                computed, immediate = self.computed(year, line.code), self.immediate(year, line.code)
                if not isinstance(computed, Decimal) or not isinstance(immediate, Decimal):
                    continue
                if printed != computed and printed != immediate:
                    out.append(SumCheck(line.code, year, printed, computed, immediate))
        return out

    def unreadable(self) -> list[tuple[int, str, Unreadable]]:
        return [(y, c, v) for (y, c), v in self.stated.items() if isinstance(v, Unreadable)]


def _add(values) -> Figure:
    total, seen = ZERO, False
    for value in values:
        if isinstance(value, Unreadable):
            return value
        if value is not None:
            total += value
            seen = True
    return total if seen else None
