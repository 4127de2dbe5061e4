"""Insatser: grants (beviljade medel per year, granted at a §) and their payout schedules.

The seeds' rule (Sundsvall § 132–137): "Att betala ut hälften av de beviljade medlen … i samband med
att avtal tecknats och resterande del efter att redovisning inkommit … och godkänts av styrelsen."
Amounts keep öre: 163 549 kr → 81 774,50 + 81 774,50.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError

_ORE = Decimal("0.01")


class PayoutRule(StrEnum):
    HALF_AVTAL_HALF_REDOVISNING = "halv_avtal_halv_redovisning"
    HELA_VID_AVTAL = "hela_vid_avtal"
    KVARTALSVIS = "kvartalsvis"
    EFTER_REDOVISNING = "efter_redovisning"

    @property
    def label(self) -> str:
        return PAYOUT_RULE_LABELS[self]


PAYOUT_RULE_LABELS = {
    PayoutRule.HALF_AVTAL_HALF_REDOVISNING: "Hälften vid avtal, resten efter godkänd redovisning",
    PayoutRule.HELA_VID_AVTAL: "Hela beloppet när avtal tecknats",
    PayoutRule.KVARTALSVIS: "Kvartalsvis i efterskott",
    PayoutRule.EFTER_REDOVISNING: "Hela beloppet efter godkänd redovisning",
}


class Trigger(StrEnum):
    """What makes a payment due."""

    AVTAL = "avtal"
    REDOVISNING = "redovisning"
    DATUM = "datum"

    @property
    def label(self) -> str:
        return {
            Trigger.AVTAL: "När avtal tecknats",
            Trigger.REDOVISNING: "När redovisningen godkänts av styrelsen",
            Trigger.DATUM: "Förfallodag",
        }[self]


class PaymentStatus(StrEnum):
    VANTAR = "vantar"  # waiting for its trigger
    ATT_BETALA = "att_betala"  # trigger met, not yet paid
    UTBETALD = "utbetald"

    @property
    def label(self) -> str:
        return {
            PaymentStatus.VANTAR: "Väntar",
            PaymentStatus.ATT_BETALA: "Att betala",
            PaymentStatus.UTBETALD: "Utbetald",
        }[self]


class InsatsStatus(StrEnum):
    """The insats's phase (one list for Budget and Verksamhet; migration 0014 mapped the old ansökan/beviljad to
    planerad: whether medel are beviljade is read from the insats's grants)."""

    PLANERAD = "planerad"
    PAGAENDE = "pagaende"
    IMPLEMENTERING = "implementering"
    FORVALTNING = "forvaltning"
    AVSLUTAD = "avslutad"

    @property
    def label(self) -> str:
        return {
            InsatsStatus.PLANERAD: "Planerad",
            InsatsStatus.PAGAENDE: "Pågående",
            InsatsStatus.IMPLEMENTERING: "Implementering",
            InsatsStatus.FORVALTNING: "Förvaltning",
            InsatsStatus.AVSLUTAD: "Avslutad",
        }[self]


@dataclass(frozen=True, slots=True)
class PlannedPayment:
    seq: int
    amount: Decimal
    trigger: Trigger
    due: date | None = None
    label: str = ""


def _split(amount: Decimal, parts: int) -> list[Decimal]:
    """Equal parts in öre; the remainder öre goes to the last part so the parts sum exactly."""
    each = (amount / parts).quantize(_ORE, rounding=ROUND_DOWN)
    out = [each] * parts
    out[-1] = amount - each * (parts - 1)
    return out


def payout_schedule(amount: Decimal, rule: PayoutRule, year: int) -> list[PlannedPayment]:
    """The payments a grant of ``amount`` for ``year`` gives under ``rule``."""
    amount = Decimal(amount).quantize(_ORE)
    if amount <= 0:
        raise ValidationError("måste vara större än noll.", "Beviljat belopp")
    if rule is PayoutRule.HALF_AVTAL_HALF_REDOVISNING:
        first, second = _split(amount, 2)
        return [
            PlannedPayment(1, first, Trigger.AVTAL, None, "Hälften när avtal tecknats"),
            PlannedPayment(
                2,
                second,
                Trigger.REDOVISNING,
                None,
                f"Resterande efter att redovisning för {year} inkommit och godkänts av styrelsen",
            ),
        ]
    if rule is PayoutRule.HELA_VID_AVTAL:
        return [PlannedPayment(1, amount, Trigger.AVTAL, None, "Hela beloppet när avtal tecknats")]
    if rule is PayoutRule.EFTER_REDOVISNING:
        return [PlannedPayment(1, amount, Trigger.REDOVISNING, None, f"Efter godkänd redovisning för {year}")]
    parts = _split(amount, 4)
    ends = (date(year, 3, 31), date(year, 6, 30), date(year, 9, 30), date(year, 12, 31))
    return [PlannedPayment(i + 1, p, Trigger.DATUM, ends[i], f"Kvartal {i + 1}") for i, p in enumerate(parts)]


def payment_status(
    trigger: Trigger,
    paid_on: date | None,
    avtal_on: date | None,
    redovisning_on: date | None,
    due: date | None,
    today: date,
) -> PaymentStatus:
    """A payment is paid, due (its trigger has happened) or waiting."""
    if paid_on is not None:
        return PaymentStatus.UTBETALD
    if trigger is Trigger.AVTAL and avtal_on is not None and avtal_on <= today:
        return PaymentStatus.ATT_BETALA
    if trigger is Trigger.REDOVISNING and redovisning_on is not None and redovisning_on <= today:
        return PaymentStatus.ATT_BETALA
    if trigger is Trigger.DATUM and due is not None and due <= today:
        return PaymentStatus.ATT_BETALA
    return PaymentStatus.VANTAR


def validate_period(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationError("slutdatum ligger före startdatum.", "Period")
