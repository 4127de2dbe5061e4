"""Goals: the share going to individinriktade insatser, and eget kapital against the förbund's limits."""

from dataclasses import dataclass
from decimal import Decimal

from finsam_desktop.domain.budget.lines import (
    ZERO,
    LineClass,
    q,
)
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr

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

    def validate(self) -> None:
        if self.min_kr < 0:
            raise ValidationError("kan inte vara negativt.", "Lägsta eget kapital")
        if not 0 < self.max_share_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Högsta andel av tilldelade medel")


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

    @property
    def max_kr(self) -> Decimal:
        return q(self.tilldelade * self.limits.max_share_pct / 100)

    def pct_of_tilldelade(self, amount: Decimal | None) -> Decimal | None:
        if amount is None or not self.tilldelade:
            return None
        return q(amount * 100 / self.tilldelade)

    def verdict(self, amount: Decimal | None) -> str:
        if amount is None:
            return "Ingående eget kapital är inte angivet."
        if amount < self.limits.min_kr:
            return f"Under förbundets lägsta nivå {format_kr(self.limits.min_kr)}."
        if self.tilldelade and amount > self.max_kr:
            return (
                f"Över förbundets högsta nivå {format_kr(self.max_kr)} "
                f"({format_kr(self.limits.max_share_pct)[:-3]} % av tilldelade medel)."
            )
        return "Inom förbundets mål för eget kapital."

    def within(self, amount: Decimal | None) -> bool | None:
        if amount is None:
            return None
        if amount < self.limits.min_kr:
            return False
        return not (self.tilldelade and amount > self.max_kr)
