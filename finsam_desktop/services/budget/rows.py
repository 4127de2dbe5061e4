"""Shared helpers of the budget use cases: row → DTO converters, lookups that raise NotFoundError,
the fastställd guard, JSON settings and the BudgetDoc builder."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from finsam_desktop.domain.budget.contributions import proportion_problems
from finsam_desktop.domain.budget.lines import (
    BudgetStatus,
    Line,
    LineClass,
    LineFollowup,
    Measure,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
)
from finsam_desktop.domain.budget.plan import plan_mismatches, plan_totals, varav_mismatches
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, MemberRow, OrganRow, Setting
from finsam_desktop.persistence.models.budget import (
    BudgetFollowupLineRow,
    BudgetLineRow,
    BudgetRow,
    BudgetSectionRow,
    BudgetStatedTotalRow,
)
from finsam_desktop.services.budget.dto import (
    BudgetDoc,
    BudgetInfo,
)
from finsam_desktop.services.organisation.service import member_dto

ZERO = Decimal(0)


def ore_or_none(amount: Decimal | None) -> int | None:
    return None if amount is None else to_ore(amount)


def budget_info(row: BudgetRow) -> BudgetInfo:
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


def section_dto(row: BudgetSectionRow) -> Section:
    return Section(
        row.id,
        row.namn,
        SectionKind(row.kind),
        row.position,
        LineClass(row.default_class) if row.default_class else None,
    )


def line_dto(row: BudgetLineRow) -> Line:
    return Line(
        row.id,
        row.section_id,
        row.kod,
        row.namn,
        LineClass(row.line_class) if row.line_class else None,
        row.parent_id,
        row.position,
        from_ore(row.budget_ore),
        from_ore(row.plan1_ore),
        from_ore(row.plan2_ore),
        row.member_id,
        row.insats_id,
        row.note,
    )


def stated_dto(row: BudgetStatedTotalRow) -> StatedTotal:
    return StatedTotal(Scope(row.scope), Measure(row.measure), from_ore(row.amount_ore), row.section_id)


def entry_dto(row: BudgetFollowupLineRow) -> LineFollowup:
    return LineFollowup(
        row.kod,
        from_ore(row.utfall_ore),
        row.utfall_note,
        from_ore(row.prognos_ore),
        row.prognos_comment,
        from_ore(row.helar_ore),
        row.helar_comment,
    )


def locked_guard(fn):
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


def get_json(s: Session, key: str, default):
    row = s.get(Setting, key)
    return json.loads(row.value) if row else default


def set_json(s: Session, key: str, value) -> None:
    row = s.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text


def budget_row(s: Session, budget_id: int) -> BudgetRow:
    row = s.get(BudgetRow, budget_id)
    if row is None:
        raise NotFoundError("Budgeten finns inte.")
    return row


def current_row(s: Session, year: int) -> BudgetRow | None:
    rows = list(s.scalars(select(BudgetRow).where(BudgetRow.year == year).order_by(BudgetRow.version.desc())))
    adopted = [r for r in rows if r.status == BudgetStatus.FASTSTALLD.value]
    return adopted[0] if adopted else (rows[0] if rows else None)


def editable(s: Session, budget_id: int) -> BudgetRow:
    row = budget_row(s, budget_id)
    if row.status == BudgetStatus.FASTSTALLD.value:
        raise ImmutableRecordError(
            f"Budget {row.year} version {row.version} är fastställd ({row.adopted_text}) och kan inte ändras. "
            "Gör en reviderad version."
        )
    return row


def agenda_label(s: Session, agenda_item_id: int) -> str:
    item = s.get(AgendaItem, agenda_item_id)
    if item is None:
        return ""
    meeting = s.get(MeetingRow, item.meeting_id)
    organ = s.get(OrganRow, meeting.organ_id) if meeting else None
    para = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
    return f"{para}, {organ.namn if organ else ''} {meeting.datum.isoformat() if meeting else ''}".replace(
        "  ", " "
    ).strip()


def budget_doc(s: Session, row: BudgetRow) -> BudgetDoc:
    sections = tuple(
        section_dto(r)
        for r in s.scalars(
            select(BudgetSectionRow)
            .where(BudgetSectionRow.budget_id == row.id)
            .order_by(BudgetSectionRow.position, BudgetSectionRow.id)
        )
    )
    lines = tuple(
        line_dto(r)
        for r in s.scalars(
            select(BudgetLineRow)
            .where(BudgetLineRow.budget_id == row.id)
            .order_by(BudgetLineRow.position, BudgetLineRow.id)
        )
    )
    stated = tuple(
        stated_dto(r)
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
        budget_info(row),
        sections,
        lines,
        stated,
        totals,
        tuple(plan_mismatches(sections, lines, stated, row.year)),
        tuple(varav_mismatches(lines, row.year)),
        contribution,
        class_totals,
    )
