"""Goals: the share going to individinriktade insatser, and eget kapital against the förbund's limits; the
opening equity against the previous year's closing one, and eget kapital rolled forward through the plan years."""

from dataclasses import dataclass
from decimal import Decimal

from finsam_desktop.domain.budget.lines import (
    ZERO,
    LineClass,
    q,
)
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr, format_number

# --------------------------------------------------------------------------------------------
# Goals: individinriktade insatser and eget kapital
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndividShare:
    individ: Decimal
    base: Decimal
    goal_pct: Decimal

    @property
    def pct(self) -> Decimal | None:
        return q(self.individ * 100 / self.base) if self.base else None

    @property
    def met(self) -> bool:
        return self.pct is not None and self.pct >= self.goal_pct


def individ_share(class_totals: dict, tilldelade: Decimal, goal_pct: Decimal = Decimal(70)) -> IndividShare:
    """Individinriktade insatser as a share of the year's tilldelade medel (Sundsvall: ≥ 70 %)."""
    return IndividShare(class_totals.get(LineClass.INDIVIDINRIKTAD, ZERO), tilldelade, goal_pct)


@dataclass(frozen=True, slots=True)
class EquityLimits:
    """The förbund's own range for eget kapital (Sundsvall: 400 000 kr to 20 % of tilldelade medel)."""

    min_kr: Decimal = Decimal(400_000)
    max_share_pct: Decimal = Decimal(20)
    recommendation: str = (
        "Nationella rådets rekommendation (2013-10-02) om rimlig storlek på eget kapital: ligger "
        "kapitalet över rimlig nivå kan den statliga medelstilldelningen begränsas kommande år."
    )

    def max_kr(self, tilldelade: Decimal) -> Decimal:
        return q(tilldelade * self.max_share_pct / 100)

    def impossible(self, tilldelade: Decimal) -> bool:
        """The band is empty: the share of tilldelade medel is below the lowest level."""
        return bool(tilldelade) and self.max_kr(tilldelade) < self.min_kr

    def band_text(self, tilldelade: Decimal) -> str:
        """The förbund's goal in words, saying so when it cannot be met (never an empty band)."""
        share = f"{format_number(self.max_share_pct)} % av tilldelade medel"
        if not tilldelade:
            return f"lägst {format_kr(self.min_kr)} och högst {share} (tilldelade medel är inte kända)"
        top = self.max_kr(tilldelade)
        if top < self.min_kr:
            return (
                f"kan inte nås i år: {share} är {format_kr(top)}, mindre än lägsta nivån {format_kr(self.min_kr)} – "
                "förbundet bör se över gränserna"
            )
        return f"{format_kr(self.min_kr)} – {format_kr(top)} ({share})"

    def validate(self) -> None:
        if self.min_kr < 0:
            raise ValidationError("kan inte vara negativt.", "Lägsta eget kapital")
        if not 0 < self.max_share_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Högsta andel av tilldelade medel")


@dataclass(frozen=True, slots=True)
class PreviousClosing:
    """The previous year's closing equity: its opening equity plus its result (utfall when the whole year is
    known, else the helårsprognos)."""

    year: int
    amount: Decimal
    basis: str  # "utfall" or "prognos"


@dataclass(frozen=True, slots=True)
class PlanEquity:
    year: int
    opening: Decimal | None
    result: Decimal
    closing: Decimal | None


def opening_finding(opening: Decimal | None, previous: PreviousClosing | None) -> str | None:
    if previous is None:
        return None
    basis = "enligt utfall" if previous.basis == "utfall" else "enligt helårsprognosen"
    if opening is None:
        return (
            f"Eget kapital vid årets början är inte angivet; {previous.year} slutade med "
            f"{format_kr(previous.amount)} ({basis})."
        )
    if q(opening) == q(previous.amount):
        return None
    return (
        f"Eget kapital vid årets början ({format_kr(opening)}) stämmer inte med eget kapital vid slutet av "
        f"{previous.year} ({format_kr(previous.amount)} {basis}); skillnad {format_kr(opening - previous.amount)}."
    )


@dataclass(frozen=True, slots=True)
class Equity:
    opening: Decimal | None
    result_budget: Decimal
    result_prognos: Decimal
    tilldelade: Decimal
    limits: EquityLimits

    @property
    def closing_budget(self) -> Decimal | None:
        return None if self.opening is None else self.opening + self.result_budget

    @property
    def closing_prognos(self) -> Decimal | None:
        return None if self.opening is None else self.opening + self.result_prognos

    previous_closing: PreviousClosing | None = None
    plan_results: tuple[tuple[int, Decimal], ...] = ()  # (plan year, budgeted result), in order

    @property
    def max_kr(self) -> Decimal:
        return self.limits.max_kr(self.tilldelade)

    @property
    def impossible(self) -> bool:
        return self.limits.impossible(self.tilldelade)

    @property
    def band_text(self) -> str:
        return self.limits.band_text(self.tilldelade)

    @property
    def opening_finding(self) -> str | None:
        """The opening equity differs from the previous year's closing equity (when that year is in the file)."""
        return opening_finding(self.opening, self.previous_closing)

    def plan_rows(self) -> tuple["PlanEquity", ...]:
        """Eget kapital rolled forward: the first plan year opens with this year's closing equity by prognos
        (the seeds' rule: next year opens with the prognos, not the budget), each later one with the closing
        budgeted equity of the year before."""
        out: list[PlanEquity] = []
        opening = self.closing_prognos
        for year, result in self.plan_results:
            closing = None if opening is None else opening + result
            out.append(PlanEquity(year, opening, result, closing))
            opening = closing
        return tuple(out)

    def pct_of_tilldelade(self, amount: Decimal | None) -> Decimal | None:
        if amount is None or not self.tilldelade:
            return None
        return q(amount * 100 / self.tilldelade)

    def verdict(self, amount: Decimal | None) -> str:
        if amount is None:
            return "Ingående eget kapital är inte angivet."
        if self.impossible:
            return f"Förbundets mål för eget kapital {self.band_text}."
        if amount < self.limits.min_kr:
            return f"Under förbundets lägsta nivå {format_kr(self.limits.min_kr)}."
        if self.tilldelade and amount > self.max_kr:
            return (
                f"Över förbundets högsta nivå {format_kr(self.max_kr)} "
                f"({format_number(self.limits.max_share_pct)} % av tilldelade medel)."
            )
        return "Inom förbundets mål för eget kapital."

    def within(self, amount: Decimal | None) -> bool | None:
        """Whether ``amount`` is inside the band; ``None`` when unknown or when the band is empty."""
        if amount is None or self.impossible:
            return None
        if amount < self.limits.min_kr:
            return False
        return not (self.tilldelade and amount > self.max_kr)
