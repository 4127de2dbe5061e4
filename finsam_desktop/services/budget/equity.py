"""Eget kapital of a year as the follow-up shows it: the opening equity against the previous year's closing
equity (when that year is in the file), the förbund's limits, and the plan years rolled forward."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.budget.equity import Equity, PreviousClosing, opening_finding
from finsam_desktop.domain.budget.followup import FollowupResult, compute_followup
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.persistence.models.budget import BudgetFollowupLineRow, BudgetFollowupRow, UtfallMonthRow
from finsam_desktop.services.budget.dto import BudgetDoc
from finsam_desktop.services.budget.rows import ZERO, budget_doc, current_row, entry_dto
from finsam_desktop.services.budget.settings import limits_in, year_settings_in


def _year_end_in(s: Session, year: int) -> tuple[FollowupResult, bool] | None:
    """The follow-up of ``year`` per 31 December from what the file holds (imported utfall and the latest
    follow-up's entries), and whether the whole year's utfall is known; ``None`` without a budget."""
    row = current_row(s, year)
    if row is None:
        return None
    doc = budget_doc(s, row)
    monthly: dict[str, dict[int, Decimal]] = {}
    for r in s.scalars(select(UtfallMonthRow).where(UtfallMonthRow.year == year)):
        monthly.setdefault(r.kod, {})[r.month] = from_ore(r.amount_ore)
    fu = s.scalars(
        select(BudgetFollowupRow).where(BudgetFollowupRow.year == year).order_by(BudgetFollowupRow.per.desc())
    ).first()
    entries = ()
    if fu is not None:
        entries = tuple(
            entry_dto(r)
            for r in s.scalars(select(BudgetFollowupLineRow).where(BudgetFollowupLineRow.followup_id == fu.id))
        )
    result = compute_followup(doc.sections, doc.lines, date(year, 12, 31), entries, monthly)
    whole_year = any(12 in months for months in monthly.values()) or (fu is not None and fu.per == date(year, 12, 31))
    return result, whole_year


def year_result_in(s: Session, year: int) -> tuple[Decimal, str] | None:
    """The result of ``year``: its utfall when the whole year is known (utfall for December imported, or a
    follow-up per 31 December with every line's utfall), else its helårsprognos; ``None`` without a budget."""
    year_end = _year_end_in(s, year)
    if year_end is None:
        return None
    result, whole_year = year_end[0].resultat, year_end[1]
    if whole_year and result.utfall is not None and result.utfall_complete:
        return result.utfall, "utfall"
    return (result.helar if result.helar is not None else ZERO), "prognos"


def previous_closing_in(s: Session, year: int) -> PreviousClosing | None:
    """Closing equity of ``year − 1``: its opening equity plus its result, when both are in the file."""
    previous = year_settings_in(s, year - 1)
    if previous.ek_opening is None:
        return None
    result = year_result_in(s, year - 1)
    if result is None:
        return None
    return PreviousClosing(year - 1, previous.ek_opening + result[0], result[1])


def equity_in(s: Session, year: int, doc: BudgetDoc, result: FollowupResult, tilldelade: Decimal) -> Equity:
    """The year's eget kapital for the follow-up view, with the previous year's closing and the plan years."""
    _budget, plan1, plan2 = doc.totals.resultat
    return Equity(
        year_settings_in(s, year).ek_opening,
        result.resultat.budget or ZERO,
        result.resultat.helar or ZERO,
        tilldelade,
        limits_in(s),
        previous_closing_in(s, year),
        ((year + 1, plan1), (year + 2, plan2)),
    )


def opening_findings_in(s: Session, years: list[int]) -> list[tuple[int, str]]:
    """For ``finsam check``: each year whose opening equity differs from the previous year's closing one."""
    out = []
    for year in years:
        message = opening_finding(year_settings_in(s, year).ek_opening, previous_closing_in(s, year))
        if message:
            out.append((year, message))
    return out


def prior_utfall_in(s: Session, year: int) -> dict[str, Decimal] | None:
    """Föregående års utfall per line code (the whole year ``year − 1``, as far as it is known); ``None`` when
    that year has no budget in the file."""
    year_end = _year_end_in(s, year - 1)
    if year_end is None:
        return None
    return {r.kod: r.utfall for r in year_end[0].rows if r.is_figure_row and r.kod and r.utfall is not None}
