"""Periodisation profiles of budget lines (per year and line code; none stored: linear) and what the follow-up
needs from them: the profiles and last year's utfall per month for "som föregående år"."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.budget.periodisation import LINEAR, Profile, ProfileKind, parse_profile
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.budget import BudgetPeriodiseringRow, UtfallMonthRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.rows import budget_doc, current_row


def profiles_in(s: Session, year: int) -> dict[str, Profile]:
    """The stored profiles of ``year`` by line code (a line without one is linear)."""
    out = {}
    for r in s.scalars(select(BudgetPeriodiseringRow).where(BudgetPeriodiseringRow.year == year)):
        try:
            out[r.kod] = parse_profile(r.profil)
        except ValidationError:  # a damaged value reads as linear; `finsam check` is not the place to crash
            continue
    return out


def utfall_by_month_in(s: Session, year: int) -> dict[str, dict[int, Decimal]]:
    """Imported utfall of ``year`` per line code and month."""
    out: dict[str, dict[int, Decimal]] = {}
    for r in s.scalars(select(UtfallMonthRow).where(UtfallMonthRow.year == year)):
        out.setdefault(r.kod, {})[r.month] = from_ore(r.amount_ore)
    return out


def prior_for(s: Session, year: int, profiles: Mapping[str, Profile]) -> dict[str, dict[int, Decimal]]:
    """Last year's utfall per month of the lines periodised "som föregående år"."""
    wanted = {k for k, p in profiles.items() if p.kind is ProfileKind.FOREGAENDE}
    if not wanted:
        return {}
    return {k: v for k, v in utfall_by_month_in(s, year - 1).items() if k in wanted}


class PeriodisationService:
    """How each budget line's helårsbudget is spread over the months in the follow-up."""

    def __init__(self, db: Database):
        self.db = db

    def profiles(self, year: int) -> dict[str, Profile]:
        with self.db.session() as s:
            return profiles_in(s, year)

    def profile(self, year: int, kod: str) -> Profile:
        with self.db.session() as s:
            return profiles_in(s, year).get(kod, LINEAR)

    def set_profile(self, year: int, kod: str, profile: Profile | str | None) -> Profile:
        """Store ``kod``'s profile for ``year`` (text as the user types it; empty or jämnt: linear).
        Returns the previous profile (for undo)."""
        new = profile if isinstance(profile, Profile) else parse_profile(profile)
        with self.db.session() as s:
            budget = current_row(s, year)
            if budget is None:
                raise NotFoundError(f"Det finns ingen budget för {year}.")
            if kod not in {x.kod for x in budget_doc(s, budget).lines}:
                raise NotFoundError(f"Budgetraden ”{kod}” finns inte i budgeten {year}.")
            if new.kind is ProfileKind.FOREGAENDE:
                prior = utfall_by_month_in(s, year - 1).get(kod, {})
                if sum(prior.values(), Decimal(0)) <= 0:
                    raise ValidationError(
                        f"det finns inget importerat utfall för raden {kod} {year - 1} att periodisera efter. "
                        f"Importera utfallet för {year - 1} eller välj en annan periodisering.",
                        "Periodisering",
                    )
            row = s.scalar(
                select(BudgetPeriodiseringRow).where(
                    BudgetPeriodiseringRow.year == year, BudgetPeriodiseringRow.kod == kod
                )
            )
            previous = LINEAR
            if row is not None:
                try:
                    previous = parse_profile(row.profil)
                except ValidationError:
                    previous = LINEAR
            if new.is_linear:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(BudgetPeriodiseringRow(year=year, kod=kod, profil=new.text()))
            else:
                row.profil = new.text()
            record(s, "periodisering sparad", "budget_periodisering", None, f"{year} {kod}: {new.text()}")
            return previous
