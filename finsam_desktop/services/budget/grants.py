"""Beviljade medel for insatser and their payouts (utbetalningar)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from finsam_desktop import clock
from finsam_desktop.domain.budget.insatser import (
    PayoutRule,
    Trigger,
    payment_status,
    payout_schedule,
)
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import format_kr, from_ore, to_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem
from finsam_desktop.persistence.models.budget import (
    InsatsGrantRow,
    InsatsPaymentRow,
    InsatsRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    Grant,
    Payment,
    PaymentRow,
)
from finsam_desktop.services.budget.insatser import InsatserService, insats_dto
from finsam_desktop.services.budget.rows import (
    agenda_label,
)


class GrantsService:
    """Grants (beviljade medel), their dates, payouts and the payout schedule."""

    def __init__(self, db: Database, insatser: InsatserService):
        self.db = db
        self.insatser = insatser

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
                beslut_text = beslut_text.strip() or agenda_label(s, agenda_item_id)
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
            return next(x for x in insats_dto(s, ins, clock.today()).grants if x.id == g.id)

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

    def discard_grant(self, grant_id: int) -> Grant:
        """Undo beviljade medel; refused once an avtal, a godkänd redovisning or a payout has been registered."""
        with self.db.session() as s:
            g = s.get(InsatsGrantRow, grant_id)
            if g is None:
                raise NotFoundError("Beviljandet finns inte längre.")
            ins = s.get(InsatsRow, g.insats_id)
            dto = next(x for x in insats_dto(s, ins, clock.today()).grants if x.id == grant_id)
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
            return next(x for x in insats_dto(s, ins, clock.today()).grants if x.id == grant.id)

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
            return next(x for x in insats_dto(s, ins, clock.today()).grants if x.id == grant_id)

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
                f"{format_kr(from_ore(p.amount_ore))} {paid_on or ''}",
            )
            return Payment(
                p.id,
                g.id,
                p.seq,
                from_ore(p.amount_ore),
                Trigger(p.trigger),
                p.due_on,
                p.label,
                p.paid_on,
                payment_status(Trigger(p.trigger), p.paid_on, g.avtal_on, g.redovisning_on, p.due_on, clock.today()),
            )

    def payout_schedule(self, year: int | None = None, today: date | None = None) -> list[PaymentRow]:
        out = []
        for ins in self.insatser.list_insatser(today):
            for g in ins.grants:
                if year is not None and g.year != year:
                    continue
                for p in g.payments:
                    out.append(PaymentRow(p, ins.namn, g.mottagare, g.year, g.beslut_text, g.villkorad))
        return out
