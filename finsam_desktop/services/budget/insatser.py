"""Insatser: the projects the förbund finances (create, change, remove, undo)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.budget.insatser import (
    InsatsStatus,
    PayoutRule,
    Trigger,
    payment_status,
    validate_period,
)
from finsam_desktop.domain.budget.lines import LineClass
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.budget import (
    BudgetLineRow,
    InsatsGrantRow,
    InsatsPaymentRow,
    InsatsRow,
)
from finsam_desktop.persistence.models.verksamhet_uppfoljning import DeltagareRow, GoalRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    Grant,
    Insats,
    Payment,
)


def insats_dto(s: Session, row: InsatsRow, today: date) -> Insats:
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
                from_ore(p.amount_ore),
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
                from_ore(g.amount_ore),
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


class InsatserService:
    """Insatser and reading them with their grants."""

    def __init__(self, db: Database):
        self.db = db

    def list_insatser(self, today: date | None = None) -> list[Insats]:
        today = today or clock.today()
        with self.db.session() as s:
            return [insats_dto(s, r, today) for r in s.scalars(select(InsatsRow).order_by(InsatsRow.namn))]

    def get_insats(self, insats_id: int, today: date | None = None) -> Insats:
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            return insats_dto(s, row, today or clock.today())

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
            if row.line_class != LineClass.STRUKTURELL.value:
                row.samverkansstod = False  # "stöd för samverkan" is a kind of structural insats (Verksamhet)
            s.flush()
            record(s, "insats sparad", "insats", row.id, row.namn)
            return insats_dto(s, row, clock.today())

    def delete_insats(self, insats_id: int) -> Insats:
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            dto = insats_dto(s, row, clock.today())
            if any(p.paid_on for g in dto.grants for p in g.payments):
                raise ValidationError(f"”{row.namn}” har utbetalningar och kan inte tas bort.")
            _refuse_if_followed_up(s, row)
            s.delete(row)
            record(s, "insats borttagen", "insats", insats_id, row.namn)
            return dto

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
            _refuse_if_followed_up(s, row)
            dto = insats_dto(s, row, clock.today())
            s.delete(row)
            record(s, "insats ångrad", "insats", insats_id, row.namn)
            return dto

    def restore_insats(self, insats: Insats) -> Insats:
        """Re-create an insats removed by ``discard_insats`` with the same id."""
        with self.db.session() as s:
            if s.get(InsatsRow, insats.id) is not None:
                raise ValidationError("insatsen finns redan.", "Insats")
        return self.save_insats(replace(insats, grants=()))


def _refuse_if_followed_up(s: Session, row: InsatsRow) -> None:
    """An insats with delprojekt, goals or deltagare statistics (Verksamhet) is not removed under them."""
    for what, query in (
        ("delprojekt", select(func.count()).where(InsatsRow.parent_id == row.id)),
        ("mål och indikatorer", select(func.count()).where(GoalRow.insats_id == row.id)),
        ("deltagarstatistik", select(func.count()).where(DeltagareRow.insats_id == row.id)),
    ):
        if s.scalar(query):
            raise ValidationError(f"Insatsen ”{row.namn}” har {what} i Verksamhet och tas inte bort.")
