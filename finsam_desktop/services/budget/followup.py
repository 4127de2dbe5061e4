"""Budgetuppföljning: follow-ups per date, prognos/utfall entries per line and the follow-up view."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.budget.equity import individ_share
from finsam_desktop.domain.budget.followup import Periodiser, compute_followup
from finsam_desktop.domain.budget.lines import LineFollowup, SectionKind, StatedTotal
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow
from finsam_desktop.persistence.models.budget import (
    BudgetFollowupLineRow,
    BudgetFollowupRow,
    BudgetStatedTotalRow,
    UtfallMonthRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    BudgetDoc,
    FollowupInfo,
    FollowupView,
    MonthPoint,
    YearSettings,
)
from finsam_desktop.services.budget.equity import equity_in, prior_utfall_in
from finsam_desktop.services.budget.periodisation import prior_for, profiles_in, utfall_by_month_in
from finsam_desktop.services.budget.rows import (
    ZERO,
    budget_doc,
    budget_row,
    current_row,
    entry_dto,
    ore_or_none,
    stated_dto,
)
from finsam_desktop.services.budget.settings import goals_in, unit_in, year_settings_in


def default_per_in(s: Session, year: int) -> date:
    """The end of the last imported month of ``year`` — what the books say, even when a follow-up was saved for a
    later date (its months have no utfall yet, and comparing them would show every line far behind); with nothing
    imported, the latest follow-up, else 31 December."""
    last_month = s.scalar(select(func.max(UtfallMonthRow.month)).where(UtfallMonthRow.year == year))
    if last_month is None:
        latest_fu = s.scalar(select(func.max(BudgetFollowupRow.per)).where(BudgetFollowupRow.year == year))
        return latest_fu or date(year, 12, 31)
    return date(year, last_month, calendar.monthrange(year, last_month)[1])


class FollowupService:
    """Follow-ups, their line entries and the computed follow-up view."""

    def __init__(self, db: Database):
        self.db = db

    def list_followups(self, year: int) -> list[FollowupInfo]:
        with self.db.session() as s:
            rows = s.scalars(
                select(BudgetFollowupRow).where(BudgetFollowupRow.year == year).order_by(BudgetFollowupRow.per)
            )
            return [FollowupInfo(r.id, r.year, r.per, r.comment) for r in rows]

    def create_followup(
        self, year: int, per: date, comment: str = "", *, followup_id: int | None = None
    ) -> FollowupInfo:
        """A follow-up per ``per``; ``followup_id`` re-creates an undone one with its old id."""
        if per.year != year:
            raise ValidationError(f"datumet ligger inte i budgetåret {year}.", "Per")
        with self.db.session() as s:
            clash = s.scalar(
                select(BudgetFollowupRow).where(BudgetFollowupRow.year == year, BudgetFollowupRow.per == per)
            )
            if clash:
                raise ValidationError(f"det finns redan en uppföljning per {per.isoformat()}.", "Per")
            if followup_id is not None and s.get(BudgetFollowupRow, followup_id) is not None:
                raise ValidationError("uppföljningen finns redan.", "Per")
            row = BudgetFollowupRow(id=followup_id, year=year, per=per, comment=comment.strip())
            s.add(row)
            s.flush()
            record(s, "budgetuppföljning skapad", "budget_followup", row.id, per.isoformat())
            return FollowupInfo(row.id, year, per, row.comment)

    def delete_followup(self, followup_id: int) -> None:
        with self.db.session() as s:
            row = s.get(BudgetFollowupRow, followup_id)
            if row is None:
                raise NotFoundError("Uppföljningen finns inte.")
            s.delete(row)
            record(s, "budgetuppföljning borttagen", "budget_followup", followup_id, row.per.isoformat())

    def discard_followup(self, followup_id: int) -> FollowupInfo:
        """Undo the creation of a follow-up; refused once prognoser, utfall or summor have been entered in it."""
        with self.db.session() as s:
            row = s.get(BudgetFollowupRow, followup_id)
            if row is None:
                raise NotFoundError("Uppföljningen finns inte längre.")
            filled = s.scalar(select(func.count()).where(BudgetFollowupLineRow.followup_id == followup_id))
            filled += s.scalar(select(func.count()).where(BudgetStatedTotalRow.followup_id == followup_id))
            if filled:
                raise ValidationError(
                    f"Uppföljningen per {row.per.isoformat()} har fått uppgifter sedan den skapades och tas inte bort. "
                    "Ångra eller ta bort uppgifterna först."
                )
            info = FollowupInfo(row.id, row.year, row.per, row.comment)
            s.delete(row)
            record(s, "budgetuppföljning ångrad", "budget_followup", followup_id, row.per.isoformat())
            return info

    def followup_entry(self, followup_id: int, kod: str) -> LineFollowup:
        with self.db.session() as s:
            row = s.scalar(
                select(BudgetFollowupLineRow).where(
                    BudgetFollowupLineRow.followup_id == followup_id, BudgetFollowupLineRow.kod == kod
                )
            )
            return entry_dto(row) if row else LineFollowup(kod)

    def save_followup_entry(self, followup_id: int, entry: LineFollowup) -> LineFollowup:
        """Save what was entered for one line; returns the previous entry (for undo)."""
        with self.db.session() as s:
            fu = s.get(BudgetFollowupRow, followup_id)
            if fu is None:
                raise NotFoundError("Uppföljningen finns inte.")
            row = s.scalar(
                select(BudgetFollowupLineRow).where(
                    BudgetFollowupLineRow.followup_id == followup_id, BudgetFollowupLineRow.kod == entry.kod
                )
            )
            previous = entry_dto(row) if row else LineFollowup(entry.kod)
            empty = (
                entry.utfall is None
                and not entry.utfall_note.strip()
                and entry.prognos is None
                and not entry.prognos_comment.strip()
                and entry.helar is None
                and not entry.helar_comment.strip()
            )
            if empty:
                if row is not None:
                    s.delete(row)
            else:
                if row is None:
                    row = BudgetFollowupLineRow(followup_id=followup_id, kod=entry.kod)
                    s.add(row)
                row.utfall_ore, row.utfall_note = ore_or_none(entry.utfall), entry.utfall_note.strip()
                row.prognos_ore, row.prognos_comment = ore_or_none(entry.prognos), entry.prognos_comment.strip()
                row.helar_ore, row.helar_comment = ore_or_none(entry.helar), entry.helar_comment.strip()
            record(s, "uppföljningsrad sparad", "budget_followup", followup_id, entry.kod)
            return previous

    def _monthly(self, s: Session, year: int) -> dict[str, dict[int, Decimal]]:
        return utfall_by_month_in(s, year)

    def default_per(self, year: int) -> date:
        """The date the follow-up of ``year`` is shown per unless one is chosen (the Budget tab, ``finsam list
        budget`` and the exports all ask this)."""
        with self.db.session() as s:
            return default_per_in(s, year)

    def followup_view(self, year: int, per: date | None = None, budget_id: int | None = None) -> FollowupView:
        """The follow-up of ``year`` per ``per`` (default: ``default_per``)."""
        with self.db.session() as s:
            row = budget_row(s, budget_id) if budget_id else current_row(s, year)
            if row is None:
                raise NotFoundError(f"Det finns ingen budget för {year}.")
            doc = budget_doc(s, row)
            followups = list(
                s.scalars(
                    select(BudgetFollowupRow).where(BudgetFollowupRow.year == year).order_by(BudgetFollowupRow.per)
                )
            )
            if per is None:
                per = default_per_in(s, year)
            fu = next((f for f in followups if f.per == per), None)
            entries = ()
            stated: tuple[StatedTotal, ...] = ()
            if fu is not None:
                entries = tuple(
                    entry_dto(r)
                    for r in s.scalars(select(BudgetFollowupLineRow).where(BudgetFollowupLineRow.followup_id == fu.id))
                )
                stated = tuple(
                    stated_dto(r)
                    for r in s.scalars(
                        select(BudgetStatedTotalRow).where(
                            BudgetStatedTotalRow.budget_id == row.id, BudgetStatedTotalRow.followup_id == fu.id
                        )
                    )
                )
            individ_goal, threshold = goals_in(s)
            monthly = self._monthly(s, year)
            profiles = profiles_in(s, year)
            prior = prior_for(s, year, profiles)
            result = compute_followup(
                doc.sections, doc.lines, per, entries, monthly, stated, threshold, profiles, prior
            )
            settings = year_settings_in(s, year)
            tilldelade = self._tilldelade(doc, settings)
            equity = equity_in(s, year, doc, result, tilldelade)
            individ = individ_share(doc.class_totals, tilldelade, individ_goal)
            months = self._month_points(doc, result, monthly, followups, s, Periodiser(12, profiles, prior))
            forbund = s.get(ForbundRow, 1)
            return FollowupView(
                forbund.namn if forbund else "",
                doc.info,
                per,
                FollowupInfo(fu.id, fu.year, fu.per, fu.comment) if fu else None,
                result,
                entries,
                equity,
                individ,
                tilldelade,
                months,
                threshold,
                tuple(doc.mismatches) + tuple(result.mismatches),
                frozenset(monthly),
                prior_utfall_in(s, year),
                unit_in(s),
            )

    @staticmethod
    def _tilldelade(doc: BudgetDoc, settings: YearSettings) -> Decimal:
        member_lines = [
            x.budget for x in doc.lines if x.member_id is not None and x.budget is not None and x.parent_id is None
        ]
        if member_lines:
            return sum(member_lines, ZERO)
        if settings.state_allocation:
            return settings.state_allocation * 2
        return doc.totals.intakter[0]

    def _month_points(
        self, doc: BudgetDoc, result, monthly, followups, s: Session, periodiser: Periodiser
    ) -> tuple[MonthPoint, ...]:
        """Costs month by month: periodised budget (linear or each line's profile) vs cumulative utfall
        (imported months, else the follow-ups' utfall at their dates)."""
        cost_codes = {x.kod for x in doc.lines if doc.section(x.section_id).kind is SectionKind.KOSTNAD}
        by_id = {x.id: x for x in doc.lines}
        budget_lines = [  # the lines whose budgets make up the total: a top line's own, else its varav rows'
            x
            for x in doc.lines
            if x.kod in cost_codes
            and x.budget is not None
            and (x.parent_id is None or x.parent_id not in by_id or by_id[x.parent_id].budget is None)
        ]
        per_month: dict[int, Decimal] = {}
        for kod, months in monthly.items():
            if kod in cost_codes:
                for m, v in months.items():
                    per_month[m] = per_month.get(m, ZERO) + v
        snapshot: dict[int, Decimal] = {}
        if not per_month:
            for fu in followups:
                if fu.per > result.per:
                    continue
                entries = [
                    entry_dto(r)
                    for r in s.scalars(select(BudgetFollowupLineRow).where(BudgetFollowupLineRow.followup_id == fu.id))
                ]
                if not entries:
                    continue
                r = compute_followup(doc.sections, doc.lines, fu.per, entries, {})
                if r.kostnader.utfall is not None:
                    snapshot[fu.per.month] = r.kostnader.utfall
        points = []
        cum = ZERO
        for m in range(1, 13):
            budget_cum = sum((periodiser.budget(x.kod, x.budget, m) or ZERO for x in budget_lines), ZERO)
            if per_month:
                if m <= min(result.months, max(per_month)) and any(k <= m for k in per_month):
                    cum += per_month.get(m, ZERO)
                    points.append(MonthPoint(m, budget_cum, cum, per_month.get(m, ZERO)))
                else:
                    points.append(MonthPoint(m, budget_cum, None, None))
            else:
                points.append(MonthPoint(m, budget_cum, snapshot.get(m), None))
        return tuple(points)
