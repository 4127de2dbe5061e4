"""Budget versions: create (from template or a copy), revise, fastställ, delete, undo; reading them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.budget.contributions import contribution_plan
from finsam_desktop.domain.budget.lines import DEFAULT_SECTIONS, BudgetStatus, Measure, Scope, SectionKind
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import to_ore
from finsam_desktop.domain.organisation.model import MemberKind
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, MemberRow
from finsam_desktop.persistence.models.budget import (
    BudgetFollowupRow,
    BudgetLineRow,
    BudgetRow,
    BudgetSectionRow,
    BudgetStatedTotalRow,
    InsatsRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    AgendaChoice,
    BudgetDoc,
    BudgetInfo,
)
from finsam_desktop.services.budget.rows import (
    agenda_label,
    budget_doc,
    budget_info,
    budget_row,
    current_row,
    locked_guard,
    ore_or_none,
)
from finsam_desktop.services.budget.settings import year_settings_in
from finsam_desktop.services.organisation.service import member_dto


class BudgetVersionsService:
    """Budgets and their versions: create, revise, fastställ, remove and undo."""

    def __init__(self, db: Database):
        self.db = db

    def list_budgets(self, year: int | None = None) -> list[BudgetInfo]:
        with self.db.session() as s:
            stmt = select(BudgetRow).order_by(BudgetRow.year.desc(), BudgetRow.version.desc())
            if year is not None:
                stmt = stmt.where(BudgetRow.year == year)
            return [budget_info(r) for r in s.scalars(stmt)]

    def years(self) -> list[int]:
        with self.db.session() as s:
            years = set(s.scalars(select(BudgetRow.year))) | set(s.scalars(select(BudgetFollowupRow.year)))
            return sorted(years)

    def current_budget(self, year: int) -> BudgetDoc | None:
        """The budget in force for ``year``: the latest fastställd version, else the latest draft."""
        with self.db.session() as s:
            row = current_row(s, year)
            return budget_doc(s, row) if row else None

    def budget(self, budget_id: int) -> BudgetDoc:
        with self.db.session() as s:
            return budget_doc(s, budget_row(s, budget_id))

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
                source = budget_row(s, copy_from)
                self._copy_lines(s, source, row, shift_years=year - source.year)
            elif with_template:
                self._template(s, row)
            record(s, "budget skapad", "budget", row.id, f"{year} version {version}")
            return budget_doc(s, row)

    def _template(self, s: Session, row: BudgetRow) -> None:
        members = [member_dto(m) for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
        settings = year_settings_in(s, row.year)
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
                            budget_ore=ore_or_none(amount),
                            plan1_ore=ore_or_none(amount),
                            plan2_ore=ore_or_none(amount),
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

    @locked_guard
    def revise_budget(self, budget_id: int, reason: str) -> BudgetDoc:
        """A revised budget: a new version (a draft) copied from ``budget_id``, which stays as it was."""
        if not (reason or "").strip():
            raise ValidationError("ange varför budgeten revideras.", "Skäl")
        with self.db.session() as s:
            source = budget_row(s, budget_id)
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
            return budget_doc(s, row)

    @locked_guard
    def adopt_budget(
        self, budget_id: int, adopted_on: date, agenda_item_id: int | None = None, text: str = ""
    ) -> BudgetDoc:
        """Fastställ the budget at a styrelse §; from then on the database refuses changes to it."""
        with self.db.session() as s:
            row = budget_row(s, budget_id)
            if row.status == BudgetStatus.FASTSTALLD.value:
                raise ImmutableRecordError("Budgeten är redan fastställd.")
            if agenda_item_id is not None:
                if s.get(AgendaItem, agenda_item_id) is None:
                    raise ValidationError("paragrafen finns inte.", "Beslut (§)")
                if not text.strip():
                    text = agenda_label(s, agenda_item_id)
            if not text.strip():
                raise ValidationError(
                    "ange vid vilken paragraf budgeten fastställdes (t.ex. ”§ 138, 2022-11-25”).", "Beslut"
                )
            doc = budget_doc(s, row)
            if not doc.lines:
                raise ValidationError("budgeten har inga rader.")
            row.status = BudgetStatus.FASTSTALLD.value
            row.adopted_on, row.adopted_agenda_item_id, row.adopted_text = adopted_on, agenda_item_id, text.strip()
            s.flush()
            record(s, "budget fastställd", "budget", row.id, f"{row.year} version {row.version} {text}")
            return budget_doc(s, row)

    @locked_guard
    def delete_budget(self, budget_id: int) -> None:
        with self.db.session() as s:
            row = budget_row(s, budget_id)
            if row.status == BudgetStatus.FASTSTALLD.value:
                raise ImmutableRecordError("En fastställd budget kan inte tas bort.")
            if s.scalar(select(func.count()).where(BudgetRow.previous_id == budget_id)):
                raise ValidationError("en senare version bygger på den här budgeten.")
            s.delete(row)
            record(s, "budget borttagen", "budget", budget_id, f"{row.year} version {row.version}")

    @locked_guard
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
            now = budget_doc(s, row)
            if (now.sections, now.lines, set(now.stated)) != (created.sections, created.lines, set(created.stated)):
                raise ValidationError(
                    f"{name} har ändrats sedan den skapades och tas inte bort. Ångra eller ta bort ändringarna först."
                )
            s.delete(row)
            record(s, "budget ångrad", "budget", created.info.id, name)

    @locked_guard
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
                        budget_ore=ore_or_none(ln.budget),
                        plan1_ore=ore_or_none(ln.plan1),
                        plan2_ore=ore_or_none(ln.plan2),
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
            return budget_doc(s, row)

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
