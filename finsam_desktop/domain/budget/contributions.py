"""Member contributions (medlemsavgifter) matching the state's medelstilldelning, finsamlagen § 5.

Försäkringskassan pays the state half (AF's part included), the region side a quarter and the
kommun side a quarter, split between kommuner by the förbund's key (member weights).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.organisation.model import (
    STATUTORY_SHARES,
    Member,
    MemberKind,
    Side,
    split_contributions,
)

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Contribution:
    member_id: int
    namn: str
    kind: MemberKind
    amount: Decimal
    share_of_total_pct: Decimal  # of all member contributions
    share_of_side_pct: Decimal  # of the member's own side (kommun key)


@dataclass(frozen=True, slots=True)
class ContributionPlan:
    state_amount: Decimal
    rows: tuple[Contribution, ...]

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), ZERO)

    def side_total(self, side: Side) -> Decimal:
        return sum((r.amount for r in self.rows if r.kind.side is side), ZERO)

    def amount_for(self, member_id: int) -> Decimal:
        return next((r.amount for r in self.rows if r.member_id == member_id), ZERO)


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return ZERO
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def contribution_plan(state_amount: Decimal, members: Sequence[Member]) -> ContributionPlan:
    """From FK's besked (the state amount) to every member's contribution (2:1:1, kommun key)."""
    split = split_contributions(Decimal(state_amount), list(members))
    total = sum(split.values(), ZERO)
    rows = []
    for m in members:
        if m.id not in split:
            continue
        side_total = sum((split[x.id] for x in members if x.kind.side is m.kind.side and x.id in split), ZERO)
        rows.append(
            Contribution(m.id, m.namn, m.kind, split[m.id], _pct(split[m.id], total), _pct(split[m.id], side_total))
        )
    return ContributionPlan(Decimal(state_amount), tuple(rows))


def binding_state_level(offers: Mapping[Side, Decimal]) -> Decimal:
    """The lowest party governs (SUVS 001 § 5.2): the state level the offers allow at 2:1:1.

    ``offers`` maps a side to what it is prepared to pay in total; the result is the state amount
    that every side can match: min(offer / share) × ½.
    """
    if not offers:
        raise ValidationError("ange minst en parts erbjudande.", "Erbjudanden")
    levels = []
    for side, offer in offers.items():
        if offer < 0:
            raise ValidationError("kan inte vara negativt.", f"Erbjudande {side.value}")
        levels.append(Decimal(offer) / STATUTORY_SHARES[side])
    return (min(levels) * STATUTORY_SHARES[Side.STATE]).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def proportion_problems(amounts: Mapping[int, Decimal], members: Sequence[Member]) -> list[str]:
    """Swedish warnings where budgeted contributions break 2:1:1 or the kommun key.

    ``amounts`` maps member id → budgeted contribution. AF counts on the state side (the state half
    is paid through FK but budgets often show "Staten (AF/FK)" on one line).
    """
    by_side = {side: ZERO for side in Side}
    for m in members:
        by_side[m.kind.side] += Decimal(amounts.get(m.id, ZERO))
    state = by_side[Side.STATE]
    problems = []
    if state == 0:
        if any(by_side.values()):
            problems.append("Statens andel (Försäkringskassan) saknas i budgeten men andra medlemmar bidrar.")
        return problems
    half = state / 2
    for side, label in ((Side.REGION, "Regionens"), (Side.KOMMUN, "Kommunernas")):
        if by_side[side] != half:
            problems.append(
                f"{label} bidrag {format_kr(by_side[side])} följer inte 2:1:1 – det ska vara hälften av statens "
                f"{format_kr(state)}, alltså {format_kr(half)}."
            )
    expected = split_contributions(state, list(members))
    kommuner = [m for m in members if m.kind is MemberKind.KOMMUN]
    if len(kommuner) > 1 and by_side[Side.KOMMUN] == half:
        for m in kommuner:
            got = Decimal(amounts.get(m.id, ZERO))
            if abs(got - expected[m.id]) > 1:
                problems.append(
                    f"{m.namn}: {format_kr(got)} avviker från fördelningsnyckeln ({format_kr(expected[m.id])})."
                )
    return problems
