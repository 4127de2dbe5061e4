"""Goals and indicators of the insatser and of the förbund: the standard indicator set, goals with target, unit and
period, measured values per report date, the target-vs-actual report ("240 (190)") and the check that flags
stated percentages that do not match their counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.verksamhet.indicators import (
    Comparison,
    Flag,
    Goal,
    Measurement,
    Period,
    StandardIndicator,
    Unit,
    check_measurement,
    format_target_actual,
    is_met,
    load_standard_indicators,
    share_of_target,
    validate_goal,
    validate_measurement,
)
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.budget import InsatsRow
from finsam_desktop.persistence.models.verksamhet_uppfoljning import GoalRow, MeasurementRow
from finsam_desktop.services.audit import record


def standard_indicators() -> tuple[StandardIndicator, ...]:
    return load_standard_indicators((resources_dir() / "verksamhet" / "indikatorer.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class RemovedGoal:
    """A removed goal as it was: its place among its insats's goals and its measured values."""

    goal: Goal
    position: int
    measurements: tuple[Measurement, ...]


def _fill(row: GoalRow, goal: Goal) -> None:
    row.insats_id, row.namn, row.indikator = goal.insats_id, goal.namn.strip(), goal.indikator
    row.malvarde, row.enhet, row.jamforelse = str(goal.malvarde), goal.enhet.value, goal.jamforelse.value
    row.andel, row.period_fran, row.period_till = goal.andel, goal.period.fran, goal.period.till


def _goal(row: GoalRow) -> Goal:
    return Goal(
        row.id,
        row.insats_id,
        row.namn,
        row.indikator,
        Decimal(row.malvarde),
        Unit(row.enhet),
        Comparison(row.jamforelse),
        Period(row.period_fran, row.period_till),
        row.andel,
    )


def _measurement(row: MeasurementRow) -> Measurement:
    return Measurement(
        row.per, Decimal(row.varde) if row.varde is not None else None, row.taljare, row.namnare, row.kommentar
    )


def check_measurements(s: Session) -> tuple[Flag, ...]:
    """Stated percentages that do not match their counts, over every goal's measurements."""
    flags: list[Flag] = []
    for row in s.scalars(select(GoalRow).order_by(GoalRow.id)):
        goal = _goal(row)
        for mrow in s.scalars(select(MeasurementRow).where(MeasurementRow.mal_id == row.id)):
            flags.extend(check_measurement(goal, _measurement(mrow)))
    return tuple(flags)


@dataclass(frozen=True)
class GoalStatus:
    """One goal's line in a follow-up report at ``per``: the latest measurement on or before that date."""

    goal: Goal
    insats: str  # "" for a goal of the förbund
    measurement: Measurement | None
    text: str  # "240 (190)"
    met: bool | None
    share_of_target: Decimal | None


class UppfoljningService:
    def __init__(self, db: Database):
        self.db = db

    def standard_indicators(self) -> tuple[StandardIndicator, ...]:
        return standard_indicators()

    def goal_from_indicator(self, kod: str, malvarde: Decimal, period: Period, insats_id: int | None = None) -> Goal:
        """A new goal pre-filled from a standard indicator (name, unit, comparison, share), not yet saved."""
        for ind in standard_indicators():
            if ind.kod == kod:
                return Goal(None, insats_id, ind.namn, ind.kod, malvarde, ind.enhet, ind.jamforelse, period, ind.andel)
        raise ValidationError(f"det finns ingen standardindikator ”{kod}”.", "Indikator")

    # --- goals --------------------------------------------------------------------------------------------------
    def save_goal(self, goal: Goal) -> Goal:
        validate_goal(goal)
        if goal.indikator and goal.indikator not in {i.kod for i in standard_indicators()}:
            raise ValidationError(f"det finns ingen standardindikator ”{goal.indikator}”.", "Indikator")
        with self.db.session() as s:
            if goal.insats_id is not None and s.get(InsatsRow, goal.insats_id) is None:
                raise ValidationError("insatsen finns inte.", "Insats")
            if goal.id is None:
                position = len(
                    s.scalars(select(GoalRow.id).where(GoalRow.insats_id.is_not_distinct_from(goal.insats_id))).all()
                )
                row = GoalRow(position=position)
                s.add(row)
            else:
                row = self._row(s, goal.id)
            _fill(row, goal)
            s.flush()
            record(s, "mål sparat", "verksamhet_mal", row.id, row.namn[:200])
            return _goal(row)

    @staticmethod
    def _row(s: Session, goal_id: int) -> GoalRow:
        row = s.get(GoalRow, goal_id)
        if row is None:
            raise NotFoundError("Målet finns inte.")
        return row

    def delete_goal(self, goal_id: int) -> RemovedGoal:
        """Remove the goal and its values; what comes back puts it back as it was (``restore_goal``)."""
        with self.db.session() as s:
            row = self._row(s, goal_id)
            values = s.scalars(
                select(MeasurementRow).where(MeasurementRow.mal_id == goal_id).order_by(MeasurementRow.per)
            )
            removed = RemovedGoal(_goal(row), row.position, tuple(_measurement(m) for m in values))
            record(s, "mål borttaget", "verksamhet_mal", goal_id, row.namn[:200])
            s.delete(row)
            return removed

    def restore_goal(self, removed: RemovedGoal) -> Goal:
        """The undo of ``delete_goal``: the goal back under its own id and place, with its values — so every
        earlier step that names the goal (a measurement, an edit) can still be undone."""
        goal = removed.goal
        validate_goal(goal)
        with self.db.session() as s:
            if goal.id is None or s.get(GoalRow, goal.id) is not None:
                raise ValidationError("målet finns redan och kan inte återställas.", "Mål")
            if goal.insats_id is not None and s.get(InsatsRow, goal.insats_id) is None:
                raise ValidationError("insatsen som målet hörde till finns inte längre.", "Insats")
            row = GoalRow(id=goal.id, position=removed.position)
            _fill(row, goal)
            s.add(row)
            s.flush()
            for m in removed.measurements:
                s.add(
                    MeasurementRow(
                        mal_id=row.id,
                        per=m.per,
                        varde=str(m.varde) if m.varde is not None else None,
                        taljare=m.taljare,
                        namnare=m.namnare,
                        kommentar=m.kommentar,
                    )
                )
            record(s, "mål återställt", "verksamhet_mal", row.id, row.namn[:200])
            return _goal(row)

    def goals(self, insats_id: int | None = None, forbund_only: bool = False) -> list[Goal]:
        """All goals (``insats_id`` None), one insats's, or with ``forbund_only`` those of the förbund."""
        with self.db.session() as s:
            q = select(GoalRow)
            if forbund_only:
                q = q.where(GoalRow.insats_id.is_(None))
            elif insats_id is not None:
                q = q.where(GoalRow.insats_id == insats_id)
            return [_goal(r) for r in s.scalars(q.order_by(GoalRow.insats_id, GoalRow.position, GoalRow.id))]

    # --- measurements -------------------------------------------------------------------------------------------
    def save_measurement(self, goal_id: int, m: Measurement) -> Measurement:
        """The value at ``m.per``; a value already stored for that date is replaced."""
        with self.db.session() as s:
            goal = _goal(self._row(s, goal_id))
            validate_measurement(goal, m)
            row = s.scalar(select(MeasurementRow).where(MeasurementRow.mal_id == goal_id, MeasurementRow.per == m.per))
            if row is None:
                row = MeasurementRow(mal_id=goal_id, per=m.per)
                s.add(row)
            row.varde = str(m.varde) if m.varde is not None else None
            row.taljare, row.namnare, row.kommentar = m.taljare, m.namnare, m.kommentar
            record(s, "utfall sparat", "verksamhet_matvarde", goal_id, f"{goal.namn[:150]} per {m.per.isoformat()}")
            return m

    def delete_measurement(self, goal_id: int, datum: date) -> None:
        """Remove the value at ``datum`` (the undo of a first measurement at that date)."""
        with self.db.session() as s:
            goal = _goal(self._row(s, goal_id))
            row = s.scalar(select(MeasurementRow).where(MeasurementRow.mal_id == goal_id, MeasurementRow.per == datum))
            if row is None:
                raise NotFoundError(f"Målet ”{goal.namn}” har inget utfall per {datum.isoformat()}.")
            record(s, "utfall borttaget", "verksamhet_matvarde", goal_id, f"{goal.namn[:150]} per {datum.isoformat()}")
            s.delete(row)

    def measurements(self, goal_id: int) -> list[Measurement]:
        with self.db.session() as s:
            q = select(MeasurementRow).where(MeasurementRow.mal_id == goal_id).order_by(MeasurementRow.per)
            return [_measurement(r) for r in s.scalars(q)]

    # --- report and check ---------------------------------------------------------------------------------------
    def report(self, per: date, insats_id: int | None = None) -> list[GoalStatus]:
        """Every goal (or one insats's) with its latest value on or before ``per``: "240 (190)"."""
        with self.db.session() as s:
            names = {r.id: r.namn for r in s.scalars(select(InsatsRow))}
            out = []
            q = select(GoalRow).order_by(GoalRow.insats_id, GoalRow.position, GoalRow.id)
            if insats_id is not None:
                q = q.where(GoalRow.insats_id == insats_id)
            for row in s.scalars(q):
                goal = _goal(row)
                mrow = s.scalar(
                    select(MeasurementRow)
                    .where(MeasurementRow.mal_id == row.id, MeasurementRow.per <= per)
                    .order_by(MeasurementRow.per.desc())
                    .limit(1)
                )
                m = _measurement(mrow) if mrow is not None else None
                actual = m.actual if m is not None else None
                out.append(
                    GoalStatus(
                        goal,
                        names.get(goal.insats_id, "") if goal.insats_id is not None else "",
                        m,
                        format_target_actual(goal, actual),
                        is_met(goal, actual),
                        share_of_target(goal, actual),
                    )
                )
            return out

    def check(self) -> tuple[Flag, ...]:
        with self.db.session() as s:
            return check_measurements(s)
