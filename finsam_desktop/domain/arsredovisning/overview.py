"""The förvaltningsberättelse's figures: five-year overview, balanskravsutredning, god ekonomisk hushållning.

The goals are Budget's (``domain/budget/equity.py``): eget kapital within the förbund's range (Sundsvall: 400 000 kr
to 20 % of tilldelade medel) and the share to individinriktade insatser (≥ 70 %); this module only applies them to
the year's outcome and says the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.figures import parse_printed
from finsam_desktop.domain.arsredovisning.statements import ZERO, Figure, Kind, Statement
from finsam_desktop.domain.budget.equity import Equity, EquityLimits, individ_share
from finsam_desktop.domain.budget.lines import LineClass
from finsam_desktop.domain.common.money import format_kr

FIVE_YEAR_FIELDS = {
    "intakter": "Verksamhetens intäkter",
    "kostnader": "Verksamhetens kostnader",
    "arets_resultat": "Årets resultat",
    "eget_kapital": "Eget kapital",
    "anstallda": "Antal anställda",
}


@dataclass(slots=True)
class FiveYearOverview:
    """Översikt över verksamhetens utveckling: per year intäkter, kostnader (negative), årets resultat, eget
    kapital and antal anställda (årsarbetare)."""

    figures: dict[int, dict[str, Figure]] = field(default_factory=dict)

    @classmethod
    def from_printed(cls, figures: Mapping[int, Mapping[str, str | None]]) -> FiveYearOverview:
        out = cls()
        for year, row in figures.items():
            unknown = set(row) - set(FIVE_YEAR_FIELDS)
            if unknown:
                raise KeyError(f"unknown five-year fields {sorted(unknown)}")
            parsed = {k: parse_printed(str(v).replace(".", ",") if k == "anstallda" else v) for k, v in row.items()}
            if isinstance(parsed.get("kostnader"), Decimal) and parsed["kostnader"] > 0:
                parsed["kostnader"] = -parsed["kostnader"]
            out.figures[year] = parsed
        return out

    @classmethod
    def from_statements(
        cls, years: Mapping[int, tuple[Statement, Statement]], anstallda: Mapping[int, Decimal] | None = None
    ) -> FiveYearOverview:
        """Computed from each stored year's own RR and BR (``{year: (rr, br)}``), newest first."""
        out = cls()
        for year in sorted(years, reverse=True)[:5]:
            rr, br = years[year]
            out.figures[year] = {
                "intakter": rr.value(year, "rr_intakter"),
                "kostnader": rr.value(year, "rr_kostnader"),
                "arets_resultat": rr.value(year, "rr_arets_resultat"),
                "eget_kapital": br.value(year, "br_eget_kapital"),
                "anstallda": (anstallda or {}).get(year),
            }
        return out

    def get(self, year: int, name: str) -> Decimal | None:
        value = self.figures.get(year, {}).get(name)
        return value if isinstance(value, Decimal) else None


@dataclass(slots=True)
class Balanskrav:
    """Balanskravsutredning: årets resultat − realisationsvinster + realisationsförluster ± the other adjustments
    (e.g. orealiserade vinster/förluster i värdepapper, medel till/från resultatutjämningsreserv) =
    balanskravsresultat. ``adjustments`` are signed as they change the result (a realisationsvinst is negative)."""

    year: int
    arets_resultat: Decimal | None = None
    adjustments: dict[str, Decimal] = field(default_factory=dict)
    stated_result: Decimal | None = None

    def computed_result(self, arets_resultat: Decimal | None = None) -> Decimal | None:
        base = self.arets_resultat if self.arets_resultat is not None else arets_resultat
        if base is None:
            return None
        return base + sum(self.adjustments.values(), ZERO)

    @property
    def has_adjustments(self) -> bool:
        return any(self.adjustments.values())


@dataclass(frozen=True, slots=True)
class GoalVerdict:
    goal: str
    met: bool | None
    text: str


def equity_goal(eget_kapital: Decimal | None, tilldelade: Decimal, limits: EquityLimits | None = None) -> GoalVerdict:
    """Eget kapital at the year end against the förbund's range (Budget's ``Equity`` and its verdict)."""
    limits = limits or EquityLimits()
    equity = Equity(eget_kapital, ZERO, ZERO, tilldelade, limits)
    goal = (
        f"Eget kapital mellan {format_kr(limits.min_kr)} och "
        f"{format_kr(limits.max_share_pct)[:-3]} % av tilldelade medel ({format_kr(equity.max_kr)})"
    )
    if eget_kapital is None:
        return GoalVerdict(goal, None, "Eget kapital vid årets slut är inte känt.")
    # whole kronor, as the statements print them
    return GoalVerdict(
        goal, equity.within(eget_kapital), f"{format_kr(eget_kapital, 0)}: {equity.verdict(eget_kapital)}"
    )


def individ_goal(class_totals: Mapping[LineClass, Decimal], tilldelade: Decimal, goal_pct: Decimal = Decimal(70)):
    """The share of tilldelade medel that went to individinriktade insatser (Budget's ``individ_share``)."""
    share = individ_share(dict(class_totals), tilldelade, goal_pct)
    goal = f"Minst {format_kr(goal_pct)[:-3]} % av tilldelade medel till individinriktade insatser"
    if share.pct is None:
        return GoalVerdict(goal, None, "Tilldelade medel är inte kända.")
    verdict = "Målet är uppfyllt." if share.met else "Målet är inte uppfyllt."
    return GoalVerdict(goal, share.met, f"{format_kr(share.pct)[:-3]} % ({format_kr(share.individ, 0)}). {verdict}")


def ek_change(br: Statement, year: int) -> Decimal | None:
    """Change in eget kapital over ``year``: EK at its end − EK at the previous end (or − övrigt eget kapital, the
    capital brought in, when the previous year is not in the balance sheet)."""
    assert br.kind is Kind.BR
    end = br.value(year, "br_eget_kapital")
    start = br.value(year - 1, "br_eget_kapital")
    if start is None:
        start = br.value(year, "br_ovrigt_ek")
    return None if end is None or start is None else end - start
