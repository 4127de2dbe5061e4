"""The sections, lines and stated totals of a budget that is not yet fastställd."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import delete, func, select

from finsam_desktop.domain.budget.lines import Line, Scope, Section, SectionKind, StatedTotal, validate_line
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import to_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MemberRow
from finsam_desktop.persistence.models.budget import (
    BudgetFollowupRow,
    BudgetLineRow,
    BudgetSectionRow,
    BudgetStatedTotalRow,
    InsatsRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.rows import (
    budget_row,
    editable,
    line_dto,
    locked_guard,
    ore_or_none,
    section_dto,
    stated_dto,
)


class BudgetLinesService:
    """Sections, lines and stated totals of one budget."""

    def __init__(self, db: Database):
        self.db = db

    @locked_guard
    def save_section(self, budget_id: int, section: Section) -> Section:
        if not section.namn.strip():
            raise ValidationError("får inte vara tomt.", "Avsnitt")
        with self.db.session() as s:
            editable(s, budget_id)
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
            return section_dto(row)

    @locked_guard
    def delete_section(self, budget_id: int, section_id: int) -> None:
        with self.db.session() as s:
            editable(s, budget_id)
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

    @locked_guard
    def save_line(self, budget_id: int, line: Line) -> Line:
        """Insert (``id == 0`` or an unused id, as when undoing a removal) or update a line."""
        line = replace(line, namn=line.namn.strip(), kod=line.kod.strip(), note=(line.note or "").strip())
        with self.db.session() as s:
            editable(s, budget_id)
            sec = s.get(BudgetSectionRow, line.section_id)
            if sec is None or sec.budget_id != budget_id:
                raise ValidationError("avsnittet finns inte i budgeten.", "Avsnitt")
            existing = [
                line_dto(r) for r in s.scalars(select(BudgetLineRow).where(BudgetLineRow.budget_id == budget_id))
            ]
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
            row.budget_ore, row.plan1_ore, row.plan2_ore = (
                ore_or_none(line.budget),
                ore_or_none(line.plan1),
                ore_or_none(line.plan2),
            )
            row.member_id, row.insats_id, row.note = line.member_id, line.insats_id, line.note
            s.flush()
            record(s, "budgetrad sparad", "budget_line", row.id, f"{row.kod} {row.namn}")
            return line_dto(row)

    @locked_guard
    def delete_line(self, budget_id: int, line_id: int) -> Line:
        with self.db.session() as s:
            editable(s, budget_id)
            row = s.get(BudgetLineRow, line_id)
            if row is None or row.budget_id != budget_id:
                raise NotFoundError("Budgetraden finns inte.")
            if s.scalar(select(func.count()).where(BudgetLineRow.parent_id == line_id)):
                raise ValidationError(f"”{row.namn}” har varav-rader; ta bort dem först.")
            dto = line_dto(row)
            s.delete(row)
            record(s, "budgetrad borttagen", "budget_line", line_id, f"{row.kod} {row.namn}")
            return dto

    @locked_guard
    def set_stated_totals(self, budget_id: int, stated: Iterable[StatedTotal], followup_id: int | None = None) -> None:
        """Replace the totals as printed in the source document (for the budget or one follow-up)."""
        with self.db.session() as s:
            if followup_id is None:
                editable(s, budget_id)
            else:
                budget_row(s, budget_id)
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
            return [stated_dto(r) for r in s.scalars(stmt.order_by(BudgetStatedTotalRow.id))]
