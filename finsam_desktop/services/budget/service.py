"""Budget use cases: budget versions and lines, follow-ups, utfall import, member contributions,
eget kapital, insatser with grants and payouts, and the Excel/PDF exports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.budget.contributions import contribution_plan, proportion_problems
from finsam_desktop.domain.budget.insatser import (
    InsatsStatus,
    PayoutRule,
    Trigger,
    payment_status,
    payout_schedule,
    validate_period,
)
from finsam_desktop.domain.budget.model import (
    DEFAULT_SECTIONS,
    BudgetStatus,
    Equity,
    EquityLimits,
    Line,
    LineClass,
    LineFollowup,
    Measure,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
    compute_followup,
    individ_share,
    plan_mismatches,
    plan_totals,
    validate_line,
    varav_mismatches,
)
from finsam_desktop.domain.budget.utfall_import import map_rows, parse_utfall_table
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import format_kr, from_ore, to_ore
from finsam_desktop.domain.organisation.model import MemberKind
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MeetingRow, MemberRow, OrganRow, Setting
from finsam_desktop.persistence.models.budget import (
    BudgetFollowupLineRow,
    BudgetFollowupRow,
    BudgetLineRow,
    BudgetRow,
    BudgetSectionRow,
    BudgetStatedTotalRow,
    BudgetYearRow,
    InsatsGrantRow,
    InsatsPaymentRow,
    InsatsRow,
    UtfallImportRow,
    UtfallMonthRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    AgendaChoice,
    BudgetDoc,
    BudgetInfo,
    ContributionView,
    FollowupInfo,
    FollowupView,
    Grant,
    ImportChange,
    ImportResult,
    Insats,
    MonthPoint,
    Payment,
    PaymentRow,
    YearSettings,
)
from finsam_desktop.services.organisation.service import member_dto

ZERO = Decimal(0)
MAPPING_PREFIX = "budget.mapping."
LIMITS_KEY = "budget.ek_limits"
GOALS_KEY = "budget.goals"


def _d(ore: int | None) -> Decimal | None:
    return from_ore(ore)


def _o(amount: Decimal | None) -> int | None:
    return None if amount is None else to_ore(amount)


def _info(row: BudgetRow) -> BudgetInfo:
    return BudgetInfo(
        row.id,
        row.year,
        row.version,
        row.title,
        BudgetStatus(row.status),
        row.adopted_agenda_item_id,
        row.adopted_text,
        row.adopted_on,
        row.previous_id,
        row.reason,
        row.unit_note,
    )


def _section(row: BudgetSectionRow) -> Section:
    return Section(
        row.id,
        row.namn,
        SectionKind(row.kind),
        row.position,
        LineClass(row.default_class) if row.default_class else None,
    )


def _line(row: BudgetLineRow) -> Line:
    return Line(
        row.id,
        row.section_id,
        row.kod,
        row.namn,
        LineClass(row.line_class) if row.line_class else None,
        row.parent_id,
        row.position,
        _d(row.budget_ore),
        _d(row.plan1_ore),
        _d(row.plan2_ore),
        row.member_id,
        row.insats_id,
        row.note,
    )


def _stated(row: BudgetStatedTotalRow) -> StatedTotal:
    return StatedTotal(Scope(row.scope), Measure(row.measure), _d(row.amount_ore), row.section_id)


def _entry(row: BudgetFollowupLineRow) -> LineFollowup:
    return LineFollowup(
        row.kod,
        _d(row.utfall_ore),
        row.utfall_note,
        _d(row.prognos_ore),
        row.prognos_comment,
        _d(row.helar_ore),
        row.helar_comment,
    )


def _locked_guard(fn):
    """Turn the database's refusal (trigger) into the user-facing error."""

    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except IntegrityError as exc:
            if "fastställd" in str(exc.orig):
                raise ImmutableRecordError(
                    "Budgeten är fastställd och kan inte ändras. Gör en reviderad version i stället."
                ) from None
            raise

    wrapper.__doc__ = fn.__doc__
    wrapper.__name__ = fn.__name__
    return wrapper


class BudgetService:
    """Budget, follow-up, utfall, contributions, eget kapital and insatser."""

    def __init__(self, db: Database):
        self.db = db

    # ------------------------------------------------------------------------------------------
    # Settings kept in the foundation `setting` table
    # ------------------------------------------------------------------------------------------
    @staticmethod
    def _get_json(s: Session, key: str, default):
        row = s.get(Setting, key)
        return json.loads(row.value) if row else default

    @staticmethod
    def _set_json(s: Session, key: str, value) -> None:
        row = s.get(Setting, key)
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if row is None:
            s.add(Setting(key=key, value=text))
        else:
            row.value = text

    def equity_limits(self) -> EquityLimits:
        with self.db.session() as s:
            return self._limits(s)

    def _limits(self, s: Session) -> EquityLimits:
        raw = self._get_json(s, LIMITS_KEY, None)
        if not raw:
            return EquityLimits()
        return EquityLimits(
            Decimal(raw["min_kr"]),
            Decimal(raw["max_share_pct"]),
            raw.get("recommendation", EquityLimits().recommendation),
        )

    def set_equity_limits(self, limits: EquityLimits) -> EquityLimits:
        limits.validate()
        with self.db.session() as s:
            self._set_json(
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

    def goals(self) -> tuple[Decimal, Decimal]:
        """(individ goal %, avvikelse threshold %)."""
        with self.db.session() as s:
            return self._goals(s)

    def _goals(self, s: Session) -> tuple[Decimal, Decimal]:
        raw = self._get_json(s, GOALS_KEY, {})
        return Decimal(raw.get("individ_pct", "70")), Decimal(raw.get("threshold_pct", "10"))

    def set_goals(self, individ_pct: Decimal, threshold_pct: Decimal) -> None:
        if not 0 <= individ_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Mål individinriktade insatser")
        if not 0 < threshold_pct <= 100:
            raise ValidationError("måste vara mellan 0 och 100 %.", "Gräns för avvikelse")
        with self.db.session() as s:
            self._set_json(s, GOALS_KEY, {"individ_pct": str(individ_pct), "threshold_pct": str(threshold_pct)})
            record(s, "budgetmål ändrade", "setting", None, f"individ {individ_pct} %, avvikelse {threshold_pct} %")

    # ------------------------------------------------------------------------------------------
    # Year settings: medelstilldelning and opening eget kapital
    # ------------------------------------------------------------------------------------------
    def year_settings(self, year: int) -> YearSettings:
        with self.db.session() as s:
            return self._year(s, year)

    def _year(self, s: Session, year: int) -> YearSettings:
        row = s.get(BudgetYearRow, year)
        if row is None:
            return YearSettings(year)
        return YearSettings(year, _d(row.state_allocation_ore), row.besked_datum, _d(row.ek_opening_ore), row.ek_note)

    def save_year_settings(self, settings: YearSettings) -> YearSettings:
        if settings.state_allocation is not None and settings.state_allocation < 0:
            raise ValidationError("kan inte vara negativ.", "Statlig medelstilldelning")
        with self.db.session() as s:
            row = s.get(BudgetYearRow, settings.year)
            if row is None:
                row = BudgetYearRow(year=settings.year)
                s.add(row)
            row.state_allocation_ore = _o(settings.state_allocation)
            row.besked_datum = settings.besked_datum
            row.ek_opening_ore = _o(settings.ek_opening)
            row.ek_note = (settings.ek_note or "").strip()
            record(
                s,
                "budgetår ändrat",
                "budget_year",
                settings.year,
                f"medelstilldelning {format_kr(settings.state_allocation)}, IB eget kapital {format_kr(settings.ek_opening)}",
            )
            return self._year(s, settings.year)

    # ------------------------------------------------------------------------------------------
    # Budget versions
    # ------------------------------------------------------------------------------------------
    def list_budgets(self, year: int | None = None) -> list[BudgetInfo]:
        with self.db.session() as s:
            stmt = select(BudgetRow).order_by(BudgetRow.year.desc(), BudgetRow.version.desc())
            if year is not None:
                stmt = stmt.where(BudgetRow.year == year)
            return [_info(r) for r in s.scalars(stmt)]

    def years(self) -> list[int]:
        with self.db.session() as s:
            years = set(s.scalars(select(BudgetRow.year))) | set(s.scalars(select(BudgetFollowupRow.year)))
            return sorted(years)

    def _current_row(self, s: Session, year: int) -> BudgetRow | None:
        rows = list(s.scalars(select(BudgetRow).where(BudgetRow.year == year).order_by(BudgetRow.version.desc())))
        adopted = [r for r in rows if r.status == BudgetStatus.FASTSTALLD.value]
        return adopted[0] if adopted else (rows[0] if rows else None)

    def current_budget(self, year: int) -> BudgetDoc | None:
        """The budget in force for ``year``: the latest fastställd version, else the latest draft."""
        with self.db.session() as s:
            row = self._current_row(s, year)
            return self._doc(s, row) if row else None

    def budget(self, budget_id: int) -> BudgetDoc:
        with self.db.session() as s:
            return self._doc(s, self._budget_row(s, budget_id))

    @staticmethod
    def _budget_row(s: Session, budget_id: int) -> BudgetRow:
        row = s.get(BudgetRow, budget_id)
        if row is None:
            raise NotFoundError("Budgeten finns inte.")
        return row

    def _doc(self, s: Session, row: BudgetRow) -> BudgetDoc:
        sections = tuple(
            _section(r)
            for r in s.scalars(
                select(BudgetSectionRow)
                .where(BudgetSectionRow.budget_id == row.id)
                .order_by(BudgetSectionRow.position, BudgetSectionRow.id)
            )
        )
        lines = tuple(
            _line(r)
            for r in s.scalars(
                select(BudgetLineRow)
                .where(BudgetLineRow.budget_id == row.id)
                .order_by(BudgetLineRow.position, BudgetLineRow.id)
            )
        )
        stated = tuple(
            _stated(r)
            for r in s.scalars(
                select(BudgetStatedTotalRow).where(
                    BudgetStatedTotalRow.budget_id == row.id, BudgetStatedTotalRow.followup_id.is_(None)
                )
            )
        )
        totals = plan_totals(sections, lines)
        members = [member_dto(m) for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
        amounts: dict[int, Decimal] = {}
        for ln in lines:
            if ln.member_id is not None and ln.budget is not None:
                amounts[ln.member_id] = amounts.get(ln.member_id, ZERO) + ln.budget
        contribution = tuple(proportion_problems(amounts, members)) if amounts else ()
        class_totals = {c: ZERO for c in LineClass}
        secmap = {x.id: x for x in sections}
        for ln in lines:
            sec = secmap[ln.section_id]
            cls = ln.line_class or sec.default_class
            if ln.parent_id is None and sec.kind is SectionKind.KOSTNAD and cls and ln.budget is not None:
                class_totals[cls] += ln.budget
            elif ln.parent_id is None and sec.kind is SectionKind.KOSTNAD and cls and ln.budget is None:
                kids = [k.budget for k in lines if k.parent_id == ln.id and k.budget is not None]
                class_totals[cls] += sum(kids, ZERO)
        return BudgetDoc(
            _info(row),
            sections,
            lines,
            stated,
            totals,
            tuple(plan_mismatches(sections, lines, stated)),
            tuple(varav_mismatches(lines)),
            contribution,
            class_totals,
        )

    def create_budget(
        self, year: int, title: str = "", copy_from: int | None = None, with_template: bool = True
    ) -> BudgetDoc:
        """A new budget for ``year`` (version 1, or the next version). ``copy_from`` copies the lines of
        another budget (e.g. last year's, with its plan year as the new budget); otherwise the default
        sections are created with one medlemsavgift line per member, filled from the medelstilldelning."""
        if not 2000 <= year <= 2100:
            raise ValidationError("är inte ett rimligt år.", "År")
        with self.db.session() as s:
            version = (s.scalar(select(func.max(BudgetRow.version)).where(BudgetRow.year == year)) or 0) + 1
            row = BudgetRow(
                year=year,
                version=version,
                title=(title or f"Budget {year} med plan för {year + 1} och {year + 2}").strip(),
                status=BudgetStatus.FORSLAG.value,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            if copy_from is not None:
                source = self._budget_row(s, copy_from)
                self._copy_lines(s, source, row, shift_years=year - source.year)
            elif with_template:
                self._template(s, row)
            record(s, "budget skapad", "budget", row.id, f"{year} version {version}")
            return self._doc(s, row)

    def _template(self, s: Session, row: BudgetRow) -> None:
        members = [member_dto(m) for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
        settings = self._year(s, row.year)
        plan = contribution_plan(settings.state_allocation, members) if settings.state_allocation else None
        n = 0
        for pos, (namn, kind, cls) in enumerate(DEFAULT_SECTIONS):
            sec = BudgetSectionRow(
                budget_id=row.id, namn=namn, kind=kind.value, position=pos, default_class=cls.value if cls else None
            )
            s.add(sec)
            s.flush()
            if namn == "Medlemsavgifter":
                for m in members:
                    if m.kind is MemberKind.ARBETSFORMEDLINGEN:
                        continue
                    n += 1
                    label = m.namn + (
                        " (statens andel, även för Arbetsförmedlingen)"
                        if m.kind is MemberKind.FORSAKRINGSKASSAN
                        else ""
                    )
                    amount = plan.amount_for(m.id) if plan else None
                    s.add(
                        BudgetLineRow(
                            budget_id=row.id,
                            section_id=sec.id,
                            kod=f"MA{n}",
                            namn=label,
                            position=n,
                            budget_ore=_o(amount),
                            plan1_ore=_o(amount),
                            plan2_ore=_o(amount),
                            member_id=m.id,
                        )
                    )

    def _copy_lines(self, s: Session, source: BudgetRow, target: BudgetRow, shift_years: int) -> None:
        sec_map: dict[int, int] = {}
        for sec in s.scalars(select(BudgetSectionRow).where(BudgetSectionRow.budget_id == source.id)):
            new = BudgetSectionRow(
                budget_id=target.id,
                namn=sec.namn,
                kind=sec.kind,
                position=sec.position,
                default_class=sec.default_class,
            )
            s.add(new)
            s.flush()
            sec_map[sec.id] = new.id
        line_map: dict[int, int] = {}
        rows = list(
            s.scalars(
                select(BudgetLineRow)
                .where(BudgetLineRow.budget_id == source.id)
                .order_by(BudgetLineRow.parent_id.is_not(None), BudgetLineRow.id)
            )
        )
        for ln in rows:
            if shift_years == 1:
                amounts = (ln.plan1_ore, ln.plan2_ore, None)
            elif shift_years == 2:
                amounts = (ln.plan2_ore, None, None)
            else:
                amounts = (ln.budget_ore, ln.plan1_ore, ln.plan2_ore)
            new = BudgetLineRow(
                budget_id=target.id,
                section_id=sec_map[ln.section_id],
                parent_id=line_map.get(ln.parent_id) if ln.parent_id else None,
                kod=ln.kod,
                namn=ln.namn,
                line_class=ln.line_class,
                position=ln.position,
                budget_ore=amounts[0],
                plan1_ore=amounts[1],
                plan2_ore=amounts[2],
                member_id=ln.member_id,
                insats_id=ln.insats_id,
                note=ln.note,
            )
            s.add(new)
            s.flush()
            line_map[ln.id] = new.id
        if shift_years == 0:
            for st in s.scalars(
                select(BudgetStatedTotalRow).where(
                    BudgetStatedTotalRow.budget_id == source.id, BudgetStatedTotalRow.followup_id.is_(None)
                )
            ):
                s.add(
                    BudgetStatedTotalRow(
                        budget_id=target.id,
                        section_id=sec_map.get(st.section_id) if st.section_id else None,
                        scope=st.scope,
                        measure=st.measure,
                        amount_ore=st.amount_ore,
                    )
                )

    @_locked_guard
    def revise_budget(self, budget_id: int, reason: str) -> BudgetDoc:
        """A revised budget: a new version (a draft) copied from ``budget_id``, which stays as it was."""
        if not (reason or "").strip():
            raise ValidationError("ange varför budgeten revideras.", "Skäl")
        with self.db.session() as s:
            source = self._budget_row(s, budget_id)
            version = (s.scalar(select(func.max(BudgetRow.version)).where(BudgetRow.year == source.year)) or 0) + 1
            row = BudgetRow(
                year=source.year,
                version=version,
                title=source.title,
                status=BudgetStatus.FORSLAG.value,
                previous_id=source.id,
                reason=reason.strip(),
                unit_note=source.unit_note,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            self._copy_lines(s, source, row, 0)
            record(
                s,
                "budget reviderad",
                "budget",
                row.id,
                f"version {version} ersätter version {source.version}: {reason}",
            )
            return self._doc(s, row)

    @_locked_guard
    def adopt_budget(
        self, budget_id: int, adopted_on: date, agenda_item_id: int | None = None, text: str = ""
    ) -> BudgetDoc:
        """Fastställ the budget at a styrelse §; from then on the database refuses changes to it."""
        with self.db.session() as s:
            row = self._budget_row(s, budget_id)
            if row.status == BudgetStatus.FASTSTALLD.value:
                raise ImmutableRecordError("Budgeten är redan fastställd.")
            if agenda_item_id is not None:
                if s.get(AgendaItem, agenda_item_id) is None:
                    raise ValidationError("paragrafen finns inte.", "Beslut (§)")
                if not text.strip():
                    text = self._agenda_label(s, agenda_item_id)
            if not text.strip():
                raise ValidationError(
                    "ange vid vilken paragraf budgeten fastställdes (t.ex. ”§ 138, 2022-11-25”).", "Beslut"
                )
            doc = self._doc(s, row)
            if not doc.lines:
                raise ValidationError("budgeten har inga rader.")
            row.status = BudgetStatus.FASTSTALLD.value
            row.adopted_on, row.adopted_agenda_item_id, row.adopted_text = adopted_on, agenda_item_id, text.strip()
            s.flush()
            record(s, "budget fastställd", "budget", row.id, f"{row.year} version {row.version} {text}")
            return self._doc(s, row)

    @_locked_guard
    def delete_budget(self, budget_id: int) -> None:
        with self.db.session() as s:
            row = self._budget_row(s, budget_id)
            if row.status == BudgetStatus.FASTSTALLD.value:
                raise ImmutableRecordError("En fastställd budget kan inte tas bort.")
            if s.scalar(select(func.count()).where(BudgetRow.previous_id == budget_id)):
                raise ValidationError("en senare version bygger på den här budgeten.")
            s.delete(row)
            record(s, "budget borttagen", "budget", budget_id, f"{row.year} version {row.version}")

    @_locked_guard
    def discard_budget(self, created: BudgetDoc) -> None:
        """Undo the creation of a budget (or revised version) ``created``, as it was when made. Refused when it
        has been fastställd, has changed since, has a later version or has summor in a follow-up."""
        with self.db.session() as s:
            row = s.get(BudgetRow, created.info.id)
            if row is None:
                raise NotFoundError("Budgeten finns inte längre.")
            name = f"Budget {row.year} version {row.version}"
            if row.status == BudgetStatus.FASTSTALLD.value:
                raise ImmutableRecordError(
                    f"{name} är fastställd och kan inte tas bort; fastställandet kan inte ångras."
                )
            if s.scalar(select(func.count()).where(BudgetRow.previous_id == row.id)):
                raise ValidationError(f"{name} kan inte tas bort: en senare version bygger på den.")
            if s.scalar(
                select(func.count()).where(
                    BudgetStatedTotalRow.budget_id == row.id, BudgetStatedTotalRow.followup_id.is_not(None)
                )
            ):
                raise ValidationError(f"{name} kan inte tas bort: en uppföljning har summor som hör till den.")
            now = self._doc(s, row)
            if (now.sections, now.lines, set(now.stated)) != (created.sections, created.lines, set(created.stated)):
                raise ValidationError(
                    f"{name} har ändrats sedan den skapades och tas inte bort. Ångra eller ta bort ändringarna först."
                )
            s.delete(row)
            record(s, "budget ångrad", "budget", created.info.id, name)

    @_locked_guard
    def restore_budget(self, created: BudgetDoc) -> BudgetDoc:
        """Re-create a budget removed by ``discard_budget``, with the same ids, as a draft."""
        info = created.info
        with self.db.session() as s:
            if s.get(BudgetRow, info.id) is not None:
                raise ValidationError("budgeten finns redan.")
            if s.scalar(select(func.count()).where(BudgetRow.year == info.year, BudgetRow.version == info.version)):
                raise ValidationError(f"det finns redan en version {info.version} av budget {info.year}.")
            if info.previous_id is not None and s.get(BudgetRow, info.previous_id) is None:
                raise NotFoundError("Budgeten som revideras finns inte längre.")
            row = BudgetRow(
                id=info.id,
                year=info.year,
                version=info.version,
                title=info.title,
                status=BudgetStatus.FORSLAG.value,
                unit_note=info.unit_note,
                previous_id=info.previous_id,
                reason=info.reason,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            for sec in created.sections:
                s.add(
                    BudgetSectionRow(
                        id=sec.id,
                        budget_id=row.id,
                        namn=sec.namn,
                        kind=SectionKind(sec.kind).value,
                        position=sec.position,
                        default_class=sec.default_class.value if sec.default_class else None,
                    )
                )
            s.flush()
            for ln in sorted(created.lines, key=lambda x: (x.parent_id is not None, x.id)):
                s.add(
                    BudgetLineRow(
                        id=ln.id,
                        budget_id=row.id,
                        section_id=ln.section_id,
                        parent_id=ln.parent_id,
                        kod=ln.kod,
                        namn=ln.namn,
                        line_class=ln.line_class.value if ln.line_class else None,
                        position=ln.position,
                        budget_ore=_o(ln.budget),
                        plan1_ore=_o(ln.plan1),
                        plan2_ore=_o(ln.plan2),
                        member_id=ln.member_id,
                        insats_id=ln.insats_id if ln.insats_id is None or s.get(InsatsRow, ln.insats_id) else None,
                        note=ln.note,
                    )
                )
                s.flush()
            for st in created.stated:
                s.add(
                    BudgetStatedTotalRow(
                        budget_id=row.id,
                        section_id=st.section_id,
                        scope=Scope(st.scope).value,
                        measure=Measure(st.measure).value,
                        amount_ore=to_ore(st.amount),
                    )
                )
            s.flush()
            record(s, "budget återskapad", "budget", row.id, f"{row.year} version {row.version}")
            return self._doc(s, row)

    def _editable(self, s: Session, budget_id: int) -> BudgetRow:
        row = self._budget_row(s, budget_id)
        if row.status == BudgetStatus.FASTSTALLD.value:
            raise ImmutableRecordError(
                f"Budget {row.year} version {row.version} är fastställd ({row.adopted_text}) och kan inte ändras. "
                "Gör en reviderad version."
            )
        return row

    @_locked_guard
    def save_section(self, budget_id: int, section: Section) -> Section:
        if not section.namn.strip():
            raise ValidationError("får inte vara tomt.", "Avsnitt")
        with self.db.session() as s:
            self._editable(s, budget_id)
            row = s.get(BudgetSectionRow, section.id) if section.id else None
            if row is not None and row.budget_id != budget_id:
                raise ValidationError("avsnittet hör till en annan budget.")
            if row is None:
                pos = (
                    section.position
                    or (
                        s.scalar(
                            select(func.max(BudgetSectionRow.position)).where(BudgetSectionRow.budget_id == budget_id)
                        )
                        or 0
                    )
                    + 1
                )
                row = BudgetSectionRow(id=section.id or None, budget_id=budget_id, position=pos)
                s.add(row)
            row.namn, row.kind = section.namn.strip(), SectionKind(section.kind).value
            row.default_class = section.default_class.value if section.default_class else None
            if section.position:
                row.position = section.position
            s.flush()
            record(s, "budgetavsnitt sparat", "budget_section", row.id, row.namn)
            return _section(row)

    @_locked_guard
    def delete_section(self, budget_id: int, section_id: int) -> None:
        with self.db.session() as s:
            self._editable(s, budget_id)
            row = s.get(BudgetSectionRow, section_id)
            if row is None or row.budget_id != budget_id:
                raise NotFoundError("Avsnittet finns inte.")
            if s.scalar(select(func.count()).where(BudgetLineRow.section_id == section_id)):
                raise ValidationError(f"avsnittet ”{row.namn}” har rader; ta bort dem först.")
            s.delete(row)
            record(s, "budgetavsnitt borttaget", "budget_section", section_id, row.namn)

    def next_code(self, budget_id: int) -> str:
        with self.db.session() as s:
            codes = set(s.scalars(select(BudgetLineRow.kod).where(BudgetLineRow.budget_id == budget_id)))
        n = len(codes) + 1
        while f"R{n}" in codes:
            n += 1
        return f"R{n}"

    @_locked_guard
    def save_line(self, budget_id: int, line: Line) -> Line:
        """Insert (``id == 0`` or an unused id, as when undoing a removal) or update a line."""
        line = replace(line, namn=line.namn.strip(), kod=line.kod.strip(), note=(line.note or "").strip())
        with self.db.session() as s:
            self._editable(s, budget_id)
            sec = s.get(BudgetSectionRow, line.section_id)
            if sec is None or sec.budget_id != budget_id:
                raise ValidationError("avsnittet finns inte i budgeten.", "Avsnitt")
            existing = [_line(r) for r in s.scalars(select(BudgetLineRow).where(BudgetLineRow.budget_id == budget_id))]
            validate_line(line, existing)
            if line.member_id is not None and s.get(MemberRow, line.member_id) is None:
                raise ValidationError("medlemmen finns inte.", "Medlem")
            if line.insats_id is not None and s.get(InsatsRow, line.insats_id) is None:
                raise ValidationError("insatsen finns inte.", "Insats")
            row = s.get(BudgetLineRow, line.id) if line.id else None
            if row is not None and row.budget_id != budget_id:
                raise ValidationError("raden hör till en annan budget.")
            if row is None:
                pos = (
                    line.position
                    or (
                        s.scalar(select(func.max(BudgetLineRow.position)).where(BudgetLineRow.budget_id == budget_id))
                        or 0
                    )
                    + 1
                )
                row = BudgetLineRow(id=line.id or None, budget_id=budget_id, position=pos)
                s.add(row)
            elif line.position:
                row.position = line.position
            row.section_id, row.parent_id, row.kod, row.namn = line.section_id, line.parent_id, line.kod, line.namn
            row.line_class = line.line_class.value if line.line_class else None
            row.budget_ore, row.plan1_ore, row.plan2_ore = _o(line.budget), _o(line.plan1), _o(line.plan2)
            row.member_id, row.insats_id, row.note = line.member_id, line.insats_id, line.note
            s.flush()
            record(s, "budgetrad sparad", "budget_line", row.id, f"{row.kod} {row.namn}")
            return _line(row)

    @_locked_guard
    def delete_line(self, budget_id: int, line_id: int) -> Line:
        with self.db.session() as s:
            self._editable(s, budget_id)
            row = s.get(BudgetLineRow, line_id)
            if row is None or row.budget_id != budget_id:
                raise NotFoundError("Budgetraden finns inte.")
            if s.scalar(select(func.count()).where(BudgetLineRow.parent_id == line_id)):
                raise ValidationError(f"”{row.namn}” har varav-rader; ta bort dem först.")
            dto = _line(row)
            s.delete(row)
            record(s, "budgetrad borttagen", "budget_line", line_id, f"{row.kod} {row.namn}")
            return dto

    @_locked_guard
    def set_stated_totals(self, budget_id: int, stated: Iterable[StatedTotal], followup_id: int | None = None) -> None:
        """Replace the totals as printed in the source document (for the budget or one follow-up)."""
        with self.db.session() as s:
            if followup_id is None:
                self._editable(s, budget_id)
            else:
                self._budget_row(s, budget_id)
                if s.get(BudgetFollowupRow, followup_id) is None:
                    raise NotFoundError("Uppföljningen finns inte.")
            s.execute(
                delete(BudgetStatedTotalRow).where(
                    BudgetStatedTotalRow.budget_id == budget_id,
                    BudgetStatedTotalRow.followup_id.is_(None)
                    if followup_id is None
                    else BudgetStatedTotalRow.followup_id == followup_id,
                )
            )
            for st in stated:
                if st.scope is Scope.AVSNITT and st.section_id is None:
                    raise ValidationError("ange vilket avsnitt summan gäller.", "Avsnitt")
                s.add(
                    BudgetStatedTotalRow(
                        budget_id=budget_id,
                        followup_id=followup_id,
                        section_id=st.section_id,
                        scope=st.scope.value,
                        measure=st.measure.value,
                        amount_ore=to_ore(st.amount),
                    )
                )
            record(s, "angivna summor sparade", "budget", budget_id, f"uppföljning {followup_id or '–'}")

    def stated_totals(self, budget_id: int, followup_id: int | None = None) -> list[StatedTotal]:
        """The totals as printed in the source document (for the budget, or for one follow-up)."""
        with self.db.session() as s:
            stmt = select(BudgetStatedTotalRow).where(BudgetStatedTotalRow.budget_id == budget_id)
            stmt = stmt.where(
                BudgetStatedTotalRow.followup_id.is_(None)
                if followup_id is None
                else BudgetStatedTotalRow.followup_id == followup_id
            )
            return [_stated(r) for r in s.scalars(stmt.order_by(BudgetStatedTotalRow.id))]

    # ------------------------------------------------------------------------------------------
    # Follow-ups
    # ------------------------------------------------------------------------------------------
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
            return _entry(row) if row else LineFollowup(kod)

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
            previous = _entry(row) if row else LineFollowup(entry.kod)
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
                row.utfall_ore, row.utfall_note = _o(entry.utfall), entry.utfall_note.strip()
                row.prognos_ore, row.prognos_comment = _o(entry.prognos), entry.prognos_comment.strip()
                row.helar_ore, row.helar_comment = _o(entry.helar), entry.helar_comment.strip()
            record(s, "uppföljningsrad sparad", "budget_followup", followup_id, entry.kod)
            return previous

    def _monthly(self, s: Session, year: int) -> dict[str, dict[int, Decimal]]:
        out: dict[str, dict[int, Decimal]] = {}
        for r in s.scalars(select(UtfallMonthRow).where(UtfallMonthRow.year == year)):
            out.setdefault(r.kod, {})[r.month] = _d(r.amount_ore)
        return out

    def followup_view(self, year: int, per: date | None = None, budget_id: int | None = None) -> FollowupView:
        """The follow-up of ``year`` per ``per`` (default: the latest follow-up, else today's month end)."""
        with self.db.session() as s:
            row = self._budget_row(s, budget_id) if budget_id else self._current_row(s, year)
            if row is None:
                raise NotFoundError(f"Det finns ingen budget för {year}.")
            doc = self._doc(s, row)
            followups = list(
                s.scalars(
                    select(BudgetFollowupRow).where(BudgetFollowupRow.year == year).order_by(BudgetFollowupRow.per)
                )
            )
            fu = None
            if per is None:
                fu = followups[-1] if followups else None
                per = fu.per if fu else date(year, 12, 31)
            else:
                fu = next((f for f in followups if f.per == per), None)
            entries = ()
            stated: tuple[StatedTotal, ...] = ()
            if fu is not None:
                entries = tuple(
                    _entry(r)
                    for r in s.scalars(select(BudgetFollowupLineRow).where(BudgetFollowupLineRow.followup_id == fu.id))
                )
                stated = tuple(
                    _stated(r)
                    for r in s.scalars(
                        select(BudgetStatedTotalRow).where(
                            BudgetStatedTotalRow.budget_id == row.id, BudgetStatedTotalRow.followup_id == fu.id
                        )
                    )
                )
            individ_goal, threshold = self._goals(s)
            monthly = self._monthly(s, year)
            result = compute_followup(doc.sections, doc.lines, per, entries, monthly, stated, threshold)
            settings = self._year(s, year)
            tilldelade = self._tilldelade(doc, settings)
            equity = Equity(
                settings.ek_opening,
                result.resultat.budget or ZERO,
                result.resultat.helar or ZERO,
                tilldelade,
                self._limits(s),
            )
            individ = individ_share(doc.class_totals, tilldelade, individ_goal)
            months = self._month_points(doc, result, monthly, followups, s)
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

    def _month_points(self, doc: BudgetDoc, result, monthly, followups, s: Session) -> tuple[MonthPoint, ...]:
        """Costs month by month: linear budget vs cumulative utfall (imported months, else the
        follow-ups' utfall at their dates)."""
        cost_codes = {x.kod for x in doc.lines if doc.section(x.section_id).kind is SectionKind.KOSTNAD}
        budget_total = result.kostnader.budget or ZERO
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
                    _entry(r)
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
            budget_cum = (budget_total * m / 12).quantize(Decimal("0.01"))
            if per_month:
                if m <= result.months and any(k <= m for k in per_month):
                    cum += per_month.get(m, ZERO)
                    points.append(MonthPoint(m, budget_cum, cum, per_month.get(m, ZERO)))
                else:
                    points.append(MonthPoint(m, budget_cum, None, None))
            else:
                points.append(MonthPoint(m, budget_cum, snapshot.get(m), None))
        return tuple(points)

    # ------------------------------------------------------------------------------------------
    # Utfall import
    # ------------------------------------------------------------------------------------------
    def mapping_names(self) -> list[str]:
        with self.db.session() as s:
            keys = s.scalars(select(Setting.key).where(Setting.key.like(MAPPING_PREFIX + "%")))
            return sorted(k[len(MAPPING_PREFIX) :] for k in keys)

    def mapping(self, name: str = "standard") -> dict[str, str]:
        with self.db.session() as s:
            return dict(self._get_json(s, MAPPING_PREFIX + name, {}))

    def save_mapping(self, name: str, mapping: dict[str, str]) -> None:
        name = (name or "").strip()
        if not name:
            raise ValidationError("får inte vara tomt.", "Kopplingens namn")
        clean = {str(k).strip(): str(v).strip() for k, v in mapping.items() if str(k).strip() and str(v).strip()}
        with self.db.session() as s:
            self._set_json(s, MAPPING_PREFIX + name, clean)
            record(s, "kontokoppling sparad", "setting", None, f"{name}: {len(clean)} konton")

    def import_utfall(
        self,
        data: bytes,
        filename: str,
        mapping_name: str = "standard",
        extra_mapping: dict[str, str] | None = None,
        year: int | None = None,
        dry_run: bool = False,
    ) -> ImportResult:
        """Import utfall (konto/kostnadsställe, period, belopp) from a .csv or .xlsx export.

        All-or-nothing: any bad row rejects the whole file with its row number. The months in the
        file replace what earlier imports stored for the same months (never added twice); the
        result lists what changed. ``extra_mapping`` (konto → line code) is remembered under
        ``mapping_name``.
        """
        from finsam_desktop.services.budget.files import read_rows

        rows = parse_utfall_table(read_rows(data, filename))
        years = sorted({r.year for r in rows})
        if year is None:
            if len(years) > 1:
                raise ValidationError(
                    f"filen innehåller flera år ({', '.join(map(str, years))}); importera ett år i taget."
                )
            year = years[0]
        with self.db.session() as s:
            budget = self._current_row(s, year)
            if budget is None:
                raise ValidationError(f"det finns ingen budget för {year} att koppla utfallet till.")
            doc = self._doc(s, budget)
            codes = {x.kod for x in doc.lines}
            names = {x.kod: x.namn for x in doc.lines}
            mapping = dict(self._get_json(s, MAPPING_PREFIX + mapping_name, {}))
            mapping.update({k: v for k, v in (extra_mapping or {}).items() if k and v})
            for kod in codes:
                mapping.setdefault(kod, kod)  # an account named like the line code maps to it
            parents = {x.id for x in doc.lines if any(c.parent_id == x.id for c in doc.lines)}
            parent_codes = {x.kod for x in doc.lines if x.id in parents}
            sums = map_rows(rows, mapping, codes, year)
            bad_parent = sorted(k for k in sums if k in parent_codes)
            if bad_parent:
                raise ValidationError(
                    "utfall kan bara bokas på rader utan varav-rader; kopplingen pekar på "
                    + ", ".join(bad_parent)
                    + "."
                )
            months = tuple(sorted({m for v in sums.values() for m in v}))
            old = {
                (r.kod, r.month): _d(r.amount_ore)
                for r in s.scalars(
                    select(UtfallMonthRow).where(UtfallMonthRow.year == year, UtfallMonthRow.month.in_(months))
                )
            }
            new = {(k, m): v for k, mv in sums.items() for m, v in mv.items()}
            changes = tuple(
                ImportChange(k, names.get(k, k), m, old.get((k, m)), new.get((k, m)))
                for (k, m) in sorted(set(old) | set(new), key=lambda x: (x[1], x[0]))
            )
            total = sum(new.values(), ZERO)
            result = ImportResult(year, months, len(rows), total, changes, bool(old), dry_run)
            if dry_run:
                s.rollback()
                return result
            s.execute(delete(UtfallMonthRow).where(UtfallMonthRow.year == year, UtfallMonthRow.month.in_(months)))
            imp = UtfallImportRow(
                at=clock.now(),
                year=year,
                filename=filename[-300:],
                mapping_name=mapping_name,
                months=",".join(map(str, months)),
                row_count=len(rows),
                total_ore=to_ore(total),
                summary=result.message,
            )
            s.add(imp)
            s.flush()
            for (k, m), v in new.items():
                s.add(UtfallMonthRow(year=year, kod=k, month=m, amount_ore=to_ore(v), import_id=imp.id))
            if extra_mapping:
                stored = dict(self._get_json(s, MAPPING_PREFIX + mapping_name, {}))
                stored.update({k: v for k, v in extra_mapping.items() if k and v})
                self._set_json(s, MAPPING_PREFIX + mapping_name, stored)
            record(s, "utfall importerat", "budget_utfall_import", imp.id, result.message)
            return result

    def imported_months(self, year: int) -> list[int]:
        with self.db.session() as s:
            return sorted(set(s.scalars(select(UtfallMonthRow.month).where(UtfallMonthRow.year == year))))

    # ------------------------------------------------------------------------------------------
    # Member contributions
    # ------------------------------------------------------------------------------------------
    def contributions(self, year: int, state_amount: Decimal | None = None) -> ContributionView:
        """From FK's besked to every member's contribution; compares with the year's budget."""
        with self.db.session() as s:
            members = [member_dto(m) for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
            settings = self._year(s, year)
            amount = state_amount if state_amount is not None else settings.state_allocation
            plan = contribution_plan(amount, members) if amount is not None else None
            budget = self._current_row(s, year)
            budgeted: dict[int, Decimal] = {}
            problems: tuple[str, ...] = ()
            if budget is not None:
                doc = self._doc(s, budget)
                for ln in doc.lines:
                    if ln.member_id is not None and ln.budget is not None:
                        budgeted[ln.member_id] = budgeted.get(ln.member_id, ZERO) + ln.budget
                problems = doc.contribution_problems
                if plan is not None and budgeted:
                    extra = []
                    for r in plan.rows:
                        got = budgeted.get(r.member_id)
                        if r.kind is not MemberKind.ARBETSFORMEDLINGEN and got is not None and got != r.amount:
                            extra.append(
                                f"{r.namn}: budgeten har {format_kr(got)}, medelstilldelningen ger {format_kr(r.amount)}."
                            )
                    problems = problems + tuple(extra)
            return ContributionView(year, amount, plan, budgeted, problems, {m.id: m.namn for m in members})

    # ------------------------------------------------------------------------------------------
    # Agenda items (for "adopted at §")
    # ------------------------------------------------------------------------------------------
    @staticmethod
    def _agenda_label(s: Session, agenda_item_id: int) -> str:
        item = s.get(AgendaItem, agenda_item_id)
        if item is None:
            return ""
        meeting = s.get(MeetingRow, item.meeting_id)
        organ = s.get(OrganRow, meeting.organ_id) if meeting else None
        para = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
        return f"{para}, {organ.namn if organ else ''} {meeting.datum.isoformat() if meeting else ''}".replace(
            "  ", " "
        ).strip()

    def agenda_choices(self, year: int | None = None) -> list[AgendaChoice]:
        with self.db.session() as s:
            stmt = (
                select(AgendaItem, MeetingRow)
                .join(MeetingRow, AgendaItem.meeting_id == MeetingRow.id)
                .order_by(MeetingRow.datum.desc(), AgendaItem.position)
            )
            out = []
            for item, meeting in s.execute(stmt):
                if year is not None and meeting.datum.year not in (year - 1, year):
                    continue
                para = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
                out.append(AgendaChoice(item.id, f"{para} {meeting.datum.isoformat()} – {item.rubrik}"))
            return out

    # ------------------------------------------------------------------------------------------
    # Insatser
    # ------------------------------------------------------------------------------------------
    def list_insatser(self, today: date | None = None) -> list[Insats]:
        today = today or clock.today()
        with self.db.session() as s:
            return [self._insats(s, r, today) for r in s.scalars(select(InsatsRow).order_by(InsatsRow.namn))]

    def get_insats(self, insats_id: int, today: date | None = None) -> Insats:
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            return self._insats(s, row, today or clock.today())

    def _insats(self, s: Session, row: InsatsRow, today: date) -> Insats:
        grants = []
        for g in s.scalars(
            select(InsatsGrantRow)
            .where(InsatsGrantRow.insats_id == row.id)
            .order_by(InsatsGrantRow.year, InsatsGrantRow.id)
        ):
            payments = tuple(
                Payment(
                    p.id,
                    g.id,
                    p.seq,
                    _d(p.amount_ore),
                    Trigger(p.trigger),
                    p.due_on,
                    p.label,
                    p.paid_on,
                    payment_status(Trigger(p.trigger), p.paid_on, g.avtal_on, g.redovisning_on, p.due_on, today),
                )
                for p in s.scalars(
                    select(InsatsPaymentRow).where(InsatsPaymentRow.grant_id == g.id).order_by(InsatsPaymentRow.seq)
                )
            )
            grants.append(
                Grant(
                    g.id,
                    row.id,
                    g.year,
                    _d(g.amount_ore),
                    g.mottagare,
                    g.agenda_item_id,
                    g.beslut_text,
                    g.villkor,
                    g.villkorad,
                    PayoutRule(g.payout_rule),
                    g.avtal_on,
                    g.redovisning_on,
                    payments,
                )
            )
        return Insats(
            row.id,
            row.namn,
            row.huvudman,
            row.samverkansparter,
            row.start,
            row.slut,
            LineClass(row.line_class),
            row.budget_kod,
            InsatsStatus(row.status),
            row.beskrivning,
            tuple(grants),
        )

    def save_insats(self, insats: Insats) -> Insats:
        if not insats.namn.strip():
            raise ValidationError("får inte vara tomt.", "Namn")
        validate_period(insats.start, insats.slut)
        with self.db.session() as s:
            row = s.get(InsatsRow, insats.id) if insats.id else None
            if row is None:
                row = InsatsRow(id=insats.id or None)
                s.add(row)
            row.namn, row.huvudman = insats.namn.strip(), insats.huvudman.strip()
            row.samverkansparter, row.start, row.slut = insats.samverkansparter.strip(), insats.start, insats.slut
            row.line_class, row.budget_kod = LineClass(insats.line_class).value, insats.budget_kod.strip()
            row.status, row.beskrivning = InsatsStatus(insats.status).value, insats.beskrivning.strip()
            s.flush()
            record(s, "insats sparad", "insats", row.id, row.namn)
            return self._insats(s, row, clock.today())

    def delete_insats(self, insats_id: int) -> Insats:
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            dto = self._insats(s, row, clock.today())
            if any(p.paid_on for g in dto.grants for p in g.payments):
                raise ValidationError(f"”{row.namn}” har utbetalningar och kan inte tas bort.")
            s.delete(row)
            record(s, "insats borttagen", "insats", insats_id, row.namn)
            return dto

    def add_grant(
        self,
        insats_id: int,
        year: int,
        amount: Decimal,
        *,
        rule: PayoutRule = PayoutRule.HALF_AVTAL_HALF_REDOVISNING,
        agenda_item_id: int | None = None,
        beslut_text: str = "",
        villkor: str = "",
        villkorad: bool = False,
        mottagare: str = "",
    ) -> Grant:
        """Beviljade medel for a year; the payout schedule is made from ``rule`` (öre precision)."""
        amount = Decimal(amount)
        schedule = payout_schedule(amount, PayoutRule(rule), year)
        with self.db.session() as s:
            ins = s.get(InsatsRow, insats_id)
            if ins is None:
                raise NotFoundError("Insatsen finns inte.")
            if agenda_item_id is not None:
                if s.get(AgendaItem, agenda_item_id) is None:
                    raise ValidationError("paragrafen finns inte.", "Beslut (§)")
                beslut_text = beslut_text.strip() or self._agenda_label(s, agenda_item_id)
            g = InsatsGrantRow(
                insats_id=insats_id,
                year=year,
                amount_ore=to_ore(amount),
                mottagare=(mottagare or ins.huvudman).strip(),
                agenda_item_id=agenda_item_id,
                beslut_text=beslut_text.strip(),
                villkor=villkor.strip(),
                villkorad=villkorad or bool(villkor.strip()),
                payout_rule=PayoutRule(rule).value,
            )
            s.add(g)
            s.flush()
            for p in schedule:
                s.add(
                    InsatsPaymentRow(
                        grant_id=g.id,
                        seq=p.seq,
                        amount_ore=to_ore(p.amount),
                        trigger=p.trigger.value,
                        due_on=p.due,
                        label=p.label,
                    )
                )
            s.flush()
            record(s, "medel beviljade", "insats_grant", g.id, f"{ins.namn} {year}: {format_kr(amount)} {beslut_text}")
            return next(x for x in self._insats(s, ins, clock.today()).grants if x.id == g.id)

    def delete_grant(self, grant_id: int) -> None:
        with self.db.session() as s:
            g = s.get(InsatsGrantRow, grant_id)
            if g is None:
                raise NotFoundError("Beviljandet finns inte.")
            if s.scalar(
                select(func.count()).where(InsatsPaymentRow.grant_id == grant_id, InsatsPaymentRow.paid_on.is_not(None))
            ):
                raise ValidationError("beviljandet har utbetalningar och kan inte tas bort.")
            s.delete(g)
            record(s, "beviljande borttaget", "insats_grant", grant_id)

    def discard_insats(self, insats_id: int) -> Insats:
        """Undo the creation of an insats; refused once medel have been beviljade for it or a budget line refers to it."""
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte längre.")
            if s.scalar(select(func.count()).where(InsatsGrantRow.insats_id == insats_id)):
                raise ValidationError(
                    f"Insatsen ”{row.namn}” har fått beviljade medel sedan den skapades och tas inte bort. "
                    "Ångra beviljandet först."
                )
            if s.scalar(select(func.count()).where(BudgetLineRow.insats_id == insats_id)):
                raise ValidationError(f"Insatsen ”{row.namn}” används av en budgetrad och tas inte bort.")
            dto = self._insats(s, row, clock.today())
            s.delete(row)
            record(s, "insats ångrad", "insats", insats_id, row.namn)
            return dto

    def restore_insats(self, insats: Insats) -> Insats:
        """Re-create an insats removed by ``discard_insats`` with the same id."""
        with self.db.session() as s:
            if s.get(InsatsRow, insats.id) is not None:
                raise ValidationError("insatsen finns redan.", "Insats")
        return self.save_insats(replace(insats, grants=()))

    def discard_grant(self, grant_id: int) -> Grant:
        """Undo beviljade medel; refused once an avtal, a godkänd redovisning or a payout has been registered."""
        with self.db.session() as s:
            g = s.get(InsatsGrantRow, grant_id)
            if g is None:
                raise NotFoundError("Beviljandet finns inte längre.")
            ins = s.get(InsatsRow, g.insats_id)
            dto = next(x for x in self._insats(s, ins, clock.today()).grants if x.id == grant_id)
            if g.avtal_on or g.redovisning_on or any(p.paid_on for p in dto.payments):
                raise ValidationError(
                    f"Beviljandet till ”{ins.namn}” {g.year} har fått avtal, redovisning eller utbetalning registrerad "
                    "sedan det gjordes och tas inte bort. Ångra de uppgifterna först."
                )
            s.delete(g)
            record(s, "beviljande ångrat", "insats_grant", grant_id, f"{ins.namn} {g.year}")
            return dto

    def restore_grant(self, grant: Grant) -> Grant:
        """Re-create beviljade medel removed by ``discard_grant``, with the same ids and payout schedule."""
        with self.db.session() as s:
            ins = s.get(InsatsRow, grant.insats_id)
            if ins is None:
                raise NotFoundError("Insatsen finns inte längre.")
            if s.get(InsatsGrantRow, grant.id) is not None:
                raise ValidationError("beviljandet finns redan.")
            if grant.agenda_item_id is not None and s.get(AgendaItem, grant.agenda_item_id) is None:
                raise ValidationError("paragrafen finns inte längre.", "Beslut (§)")
            s.add(
                InsatsGrantRow(
                    id=grant.id,
                    insats_id=ins.id,
                    year=grant.year,
                    amount_ore=to_ore(grant.amount),
                    mottagare=grant.mottagare,
                    agenda_item_id=grant.agenda_item_id,
                    beslut_text=grant.beslut_text,
                    villkor=grant.villkor,
                    villkorad=grant.villkorad,
                    payout_rule=PayoutRule(grant.payout_rule).value,
                )
            )
            s.flush()
            for p in grant.payments:
                s.add(
                    InsatsPaymentRow(
                        id=p.id,
                        grant_id=grant.id,
                        seq=p.seq,
                        amount_ore=to_ore(p.amount),
                        trigger=Trigger(p.trigger).value,
                        due_on=p.due_on,
                        label=p.label,
                    )
                )
            s.flush()
            record(s, "beviljande återskapat", "insats_grant", grant.id, f"{ins.namn} {grant.year}")
            return next(x for x in self._insats(s, ins, clock.today()).grants if x.id == grant.id)

    def set_grant_dates(self, grant_id: int, avtal_on: date | None, redovisning_on: date | None) -> Grant:
        """When the avtal was signed and when the styrelse approved the year's redovisning."""
        with self.db.session() as s:
            g = s.get(InsatsGrantRow, grant_id)
            if g is None:
                raise NotFoundError("Beviljandet finns inte.")
            if avtal_on and redovisning_on and redovisning_on < avtal_on:
                raise ValidationError("redovisningen kan inte godkännas före avtalet.", "Redovisning godkänd")
            g.avtal_on, g.redovisning_on = avtal_on, redovisning_on
            record(
                s,
                "beviljande uppdaterat",
                "insats_grant",
                grant_id,
                f"avtal {avtal_on or '–'}, redovisning godkänd {redovisning_on or '–'}",
            )
            ins = s.get(InsatsRow, g.insats_id)
            return next(x for x in self._insats(s, ins, clock.today()).grants if x.id == grant_id)

    def mark_paid(self, payment_id: int, paid_on: date | None) -> Payment:
        """Record (or undo, with ``None``) a payout."""
        with self.db.session() as s:
            p = s.get(InsatsPaymentRow, payment_id)
            if p is None:
                raise NotFoundError("Utbetalningen finns inte.")
            g = s.get(InsatsGrantRow, p.grant_id)
            if paid_on is not None:
                if Trigger(p.trigger) is Trigger.AVTAL and (g.avtal_on is None or g.avtal_on > paid_on):
                    raise ValidationError("utbetalningen förutsätter att avtal har tecknats (ange avtalsdatum).")
                if Trigger(p.trigger) is Trigger.REDOVISNING and (
                    g.redovisning_on is None or g.redovisning_on > paid_on
                ):
                    raise ValidationError("utbetalningen förutsätter att styrelsen har godkänt redovisningen.")
            p.paid_on = paid_on
            record(
                s,
                "utbetalning registrerad" if paid_on else "utbetalning ångrad",
                "insats_payment",
                payment_id,
                f"{format_kr(_d(p.amount_ore))} {paid_on or ''}",
            )
            return Payment(
                p.id,
                g.id,
                p.seq,
                _d(p.amount_ore),
                Trigger(p.trigger),
                p.due_on,
                p.label,
                p.paid_on,
                payment_status(Trigger(p.trigger), p.paid_on, g.avtal_on, g.redovisning_on, p.due_on, clock.today()),
            )

    def payout_schedule(self, year: int | None = None, today: date | None = None) -> list[PaymentRow]:
        out = []
        for ins in self.list_insatser(today):
            for g in ins.grants:
                if year is not None and g.year != year:
                    continue
                for p in g.payments:
                    out.append(PaymentRow(p, ins.namn, g.mottagare, g.year, g.beslut_text, g.villkorad))
        return out

    # ------------------------------------------------------------------------------------------
    # Exports
    # ------------------------------------------------------------------------------------------
    def export_xlsx(self, year: int, per: date | None = None) -> bytes:
        from finsam_desktop.reports.budget.xlsx import build_budget_workbook

        view = self.followup_view(year, per)
        return build_budget_workbook(
            view, self.budget(view.budget.id), self.payout_schedule(year), self.contributions(year)
        )

    def export_pdf(self, year: int, per: date | None = None) -> bytes:
        from finsam_desktop.reports.budget.pdf import build_budget_pdf

        return build_budget_pdf(self.followup_view(year, per))
