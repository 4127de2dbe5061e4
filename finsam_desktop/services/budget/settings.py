"""Budget settings: the year's medelstilldelning and IB eget kapital, eget kapital limits, goals, kr or tkr."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from finsam_desktop.domain.budget.equity import EquityLimits
from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr, from_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.budget import (
    BudgetYearRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    YearSettings,
)
from finsam_desktop.services.budget.rows import (
    get_json,
    ore_or_none,
    set_json,
)

LIMITS_KEY = "budget.ek_limits"
UNIT_KEY = "budget.unit"
GOALS_KEY = "budget.goals"


def limits_in(s: Session) -> EquityLimits:
    raw = get_json(s, LIMITS_KEY, None)
    if not raw:
        return EquityLimits()
    return EquityLimits(
        Decimal(raw["min_kr"]),
        Decimal(raw["max_share_pct"]),
        raw.get("recommendation", EquityLimits().recommendation),
    )


def unit_in(s: Session) -> Unit:
    """Whether the förbund works in kr or tkr (input and output of the budget honour it)."""
    raw = get_json(s, UNIT_KEY, Unit.KR.value)
    return Unit(raw) if raw in {u.value for u in Unit} else Unit.KR


def goals_in(s: Session) -> tuple[Decimal, Decimal]:
    raw = get_json(s, GOALS_KEY, {})
    return Decimal(raw.get("individ_pct", "70")), Decimal(raw.get("threshold_pct", "10"))


def year_settings_in(s: Session, year: int) -> YearSettings:
    row = s.get(BudgetYearRow, year)
    if row is None:
        return YearSettings(year)
    return YearSettings(
        year, from_ore(row.state_allocation_ore), row.besked_datum, from_ore(row.ek_opening_ore), row.ek_note
    )


class BudgetSettingsService:
    """Budget year settings (medelstilldelning, IB eget kapital), eget kapital limits and goals."""

    def __init__(self, db: Database):
        self.db = db

    def equity_limits(self) -> EquityLimits:
        with self.db.session() as s:
            return limits_in(s)

    def set_equity_limits(self, limits: EquityLimits) -> EquityLimits:
        limits.validate()
        with self.db.session() as s:
            set_json(
                s,
                LIMITS_KEY,
                {
                    "min_kr": str(limits.min_kr),
                    "max_share_pct": str(limits.max_share_pct),
                    "recommendation": limits.recommendation,
                },
            )
            record(
                s,
                "gränser för eget kapital ändrade",
                "setting",
                None,
                f"{format_kr(limits.min_kr)} – {limits.max_share_pct} %",
            )
        return limits

    def unit(self) -> Unit:
        with self.db.session() as s:
            return unit_in(s)

    def set_unit(self, unit: Unit) -> Unit:
        """Belopp i kr eller tkr: how the Budget tab, the PDF, the workbook and the CLI show and read amounts."""
        with self.db.session() as s:
            set_json(s, UNIT_KEY, Unit(unit).value)
            record(s, "beloppsenhet för budgeten ändrad", "setting", None, Unit(unit).value)
        return Unit(unit)

    def goals(self) -> tuple[Decimal, Decimal]:
        """(individ goal %, avvikelse threshold %)."""
        with self.db.session() as s:
            return goals_in(s)

    def set_goals(self, individ_pct: Decimal, threshold_pct: Decimal) -> None:
        if not 0 <= individ_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Mål individinriktade insatser")
        if not 0 < threshold_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Gräns för avvikelse")
        with self.db.session() as s:
            set_json(s, GOALS_KEY, {"individ_pct": str(individ_pct), "threshold_pct": str(threshold_pct)})
            record(s, "budgetmål ändrade", "setting", None, f"individ {individ_pct} %, avvikelse {threshold_pct} %")

    def year_settings(self, year: int) -> YearSettings:
        with self.db.session() as s:
            return year_settings_in(s, year)

    def save_year_settings(self, settings: YearSettings) -> YearSettings:
        if settings.state_allocation is not None and settings.state_allocation < 0:
            raise ValidationError("kan inte vara negativ.", "Statlig medelstilldelning")
        with self.db.session() as s:
            row = s.get(BudgetYearRow, settings.year)
            if row is None:
                row = BudgetYearRow(year=settings.year)
                s.add(row)
            row.state_allocation_ore = ore_or_none(settings.state_allocation)
            row.besked_datum = settings.besked_datum
            row.ek_opening_ore = ore_or_none(settings.ek_opening)
            row.ek_note = (settings.ek_note or "").strip()
            record(
                s,
                "budgetår ändrat",
                "budget_year",
                settings.year,
                f"medelstilldelning {format_kr(settings.state_allocation)}, IB eget kapital {format_kr(settings.ek_opening)}",
            )
            return year_settings_in(s, settings.year)
