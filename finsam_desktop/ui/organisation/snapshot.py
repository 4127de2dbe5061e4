"""What the Förbundet dialog shows, read once per refresh, and the texts computed from it (shares of the
financing)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finsam_desktop.domain.common.money import format_number
from finsam_desktop.domain.organisation.model import STATUTORY_SHARES, Forbund, Mandate, Member, MemberKind, Person


@dataclass(frozen=True)
class Snapshot:
    """Everything the dialog shows, read once per refresh."""

    forbund: Forbund
    members: tuple[Member, ...]
    persons: tuple[Person, ...]
    mandates: tuple[Mandate, ...]

    def person(self, person_id: int) -> Person | None:
        return next((p for p in self.persons if p.id == person_id), None)

    def member(self, member_id: int | None) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)


# --- computed texts -------------------------------------------------------------------------------
def pct(value: Decimal, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 1
    return format_number(value, decimals)


SIDE_QUARTER = {MemberKind.REGION: "regionernas fjärdedel", MemberKind.KOMMUN: "kommunernas fjärdedel"}


def share_of_total(member: Member, members: tuple[Member, ...] | list[Member]) -> Decimal:
    """The member's share of the förbund's total financing (0–1)."""
    if member.kind is MemberKind.FORSAKRINGSKASSAN:
        return STATUTORY_SHARES[member.kind.side]
    if member.kind is MemberKind.ARBETSFORMEDLINGEN:
        return Decimal(0)
    side = [m for m in members if m.kind is member.kind]
    total = sum(m.weight for m in side)
    if total <= 0:
        return Decimal(0)
    return STATUTORY_SHARES[member.kind.side] * Decimal(member.weight) / Decimal(total)


def share_text(member: Member, members: tuple[Member, ...] | list[Member]) -> str:
    """``44 % av kommunernas fjärdedel = 11,0 % av totalen``."""
    if member.kind is MemberKind.FORSAKRINGSKASSAN:
        return "statens hälft = 50,0 % av totalen"
    if member.kind is MemberKind.ARBETSFORMEDLINGEN:
        return "ingår i statens hälft (betalas via Försäkringskassan)"
    side = [m for m in members if m.kind is member.kind]
    total = sum(m.weight for m in side)
    if total <= 0:
        return f"fördelningsnyckeln för {SIDE_QUARTER[member.kind]} summerar till noll"
    of_total = pct(share_of_total(member, members) * 100, 1)
    if len(side) == 1:
        return f"hela {SIDE_QUARTER[member.kind]} = {of_total} % av totalen"
    of_side = pct(Decimal(member.weight) * 100 / Decimal(total))
    return f"{of_side} % av {SIDE_QUARTER[member.kind]} = {of_total} % av totalen"


@dataclass(frozen=True)
class ContributionRow:
    namn: str
    part: str
    belopp: Decimal


@dataclass(frozen=True)
class PersonRow:
    person: Person
    roles_today: str


@dataclass(frozen=True)
class MandateRow:
    mandate: Mandate
    person: str
    member: str


#: Which part of the financing each kind of member belongs to (the contribution calculator's Part column).
PART = {
    MemberKind.FORSAKRINGSKASSAN: "Staten",
    MemberKind.ARBETSFORMEDLINGEN: "Staten",
    MemberKind.REGION: "Regioner",
    MemberKind.KOMMUN: "Kommuner",
}
