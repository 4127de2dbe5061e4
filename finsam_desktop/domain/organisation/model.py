"""The förbund, its members, persons and mandates; the styrelse on a given date.

Plain frozen dataclasses. Services build them from the database; the rules here are pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError


class MemberKind(StrEnum):
    FORSAKRINGSKASSAN = "forsakringskassan"
    ARBETSFORMEDLINGEN = "arbetsformedlingen"
    REGION = "region"
    KOMMUN = "kommun"

    @property
    def label(self) -> str:
        return MEMBER_KIND_LABELS[self]

    @property
    def side(self) -> Side:
        if self in (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN):
            return Side.STATE
        return Side.REGION if self is MemberKind.REGION else Side.KOMMUN


MEMBER_KIND_LABELS = {
    MemberKind.FORSAKRINGSKASSAN: "Försäkringskassan",
    MemberKind.ARBETSFORMEDLINGEN: "Arbetsförmedlingen",
    MemberKind.REGION: "Region",
    MemberKind.KOMMUN: "Kommun",
}


class Side(StrEnum):
    """The three financing parties of finsamlagen § 5."""

    STATE = "stat"
    REGION = "region"
    KOMMUN = "kommun"


#: Statutory shares (finsamlagen § 5): state ½ via Försäkringskassan, regioner ¼, kommuner ¼.
STATUTORY_SHARES = {Side.STATE: Decimal("0.5"), Side.REGION: Decimal("0.25"), Side.KOMMUN: Decimal("0.25")}


class Role(StrEnum):
    LEDAMOT = "ledamot"
    ERSATTARE = "ersattare"
    ORDFORANDE = "ordforande"
    VICE_ORDFORANDE = "vice_ordforande"
    FORBUNDSCHEF = "forbundschef"
    SEKRETERARE = "sekreterare"
    UTVECKLINGSLEDARE = "utvecklingsledare"
    REVISOR = "revisor"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def needs_member(self) -> bool:
        return self in (Role.LEDAMOT, Role.ERSATTARE, Role.REVISOR)


ROLE_LABELS = {
    Role.LEDAMOT: "Ledamot",
    Role.ERSATTARE: "Ersättare",
    Role.ORDFORANDE: "Ordförande",
    Role.VICE_ORDFORANDE: "Vice ordförande",
    Role.FORBUNDSCHEF: "Förbundschef",
    Role.SEKRETERARE: "Sekreterare",
    Role.UTVECKLINGSLEDARE: "Utvecklingsledare",
    Role.REVISOR: "Revisor",
}


class Beslutforhet(StrEnum):
    """How many ledamöter must take part for the styrelse to be beslutför.

    KL 6:27 says "mer än hälften" for a nämnd; some förbundsordningar say "minst hälften". Which rule
    applies to a samordningsförbund's styrelse is unverified, so it is a setting with the KL rule as default.
    """

    MER_AN_HALFTEN = "mer_an_halften"
    MINST_HALFTEN = "minst_halften"

    @property
    def label(self) -> str:
        return BESLUTFORHET_LABELS[self]

    @property
    def short(self) -> str:
        return "mer än hälften" if self is Beslutforhet.MER_AN_HALFTEN else "minst hälften"

    @property
    def source(self) -> str:
        return "kommunallagen 6 kap. 27 §" if self is Beslutforhet.MER_AN_HALFTEN else "förbundsordningen"

    @classmethod
    def parse(cls, value: Beslutforhet | str, field_name: str = "Beslutförhet") -> Beslutforhet:
        """The rule for ``value``, or a Swedish ValidationError naming the allowed values."""
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(f"”{r.value}” ({r.short})" for r in cls)
            raise ValidationError(f"okänt värde ”{value}”; tillåtna värden är {allowed}.", field_name) from None


BESLUTFORHET_LABELS = {
    Beslutforhet.MER_AN_HALFTEN: "mer än hälften av ledamöterna (KL 6:27)",
    Beslutforhet.MINST_HALFTEN: "minst hälften av ledamöterna",
}


def quorum_needed(ledamoter: int, rule: Beslutforhet = Beslutforhet.MER_AN_HALFTEN) -> int:
    """Ledamöter who must take part among ``ledamoter`` seats for beslutförhet under ``rule``."""
    if Beslutforhet(rule) is Beslutforhet.MINST_HALFTEN:
        return (ledamoter + 1) // 2
    return ledamoter // 2 + 1


@dataclass(frozen=True, slots=True)
class ForbundSettings:
    """Rules the law leaves to the förbundsordning; defaults follow kommunallagen."""

    kallelse_dagar: int = 7
    justering_dagar: int = 14
    anslag_dagar: int = 2
    overklagande_veckor: int = 3
    beslutforhet: Beslutforhet = Beslutforhet.MER_AN_HALFTEN

    def validate(self) -> None:
        for name, value, low, high in (
            ("Kallelse (dagar före)", self.kallelse_dagar, 0, 60),
            ("Justering (dagar efter)", self.justering_dagar, 1, 60),
            ("Anslag (dagar efter justering)", self.anslag_dagar, 0, 30),
            ("Överklagandetid (veckor)", self.overklagande_veckor, 1, 12),
        ):
            if not low <= value <= high:
                raise ValidationError(f"måste vara mellan {low} och {high}.", name)
        Beslutforhet.parse(self.beslutforhet)


@dataclass(frozen=True, slots=True)
class Forbund:
    id: int
    namn: str
    orgnr: str
    sate: str = ""
    postadress: str = ""
    anslagstavla: str = ""
    forvaringsplats: str = ""
    settings: ForbundSettings = field(default_factory=ForbundSettings)


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    namn: str
    kind: MemberKind
    weight: int = 1  # share of its side's quarter, relative to the side's other members
    orgnr: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    namn: str
    organisation: str = ""
    titel: str = ""
    epost: str = ""
    telefon: str = ""


@dataclass(frozen=True, slots=True)
class Mandate:
    id: int
    person_id: int
    role: Role
    valid_from: date
    valid_to: date | None = None
    member_id: int | None = None
    anteckning: str = ""

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def validate_mandate(role: Role, valid_from: date, valid_to: date | None, member_id: int | None) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError("slutdatum ligger före startdatum.", "Till")
    if role.needs_member and member_id is None:
        raise ValidationError(f"en {role.label.lower()} måste företräda en medlem.", "Medlem")


@dataclass(frozen=True, slots=True)
class Seat:
    """One member's representation in the styrelse on a date."""

    member: Member
    ledamoter: tuple[Person, ...]
    ersattare: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class Styrelse:
    on: date
    seats: tuple[Seat, ...]
    ordforande: Person | None
    vice_ordforande: Person | None
    beslutforhet: Beslutforhet = Beslutforhet.MER_AN_HALFTEN

    @property
    def ledamoter(self) -> tuple[Person, ...]:
        return tuple(p for s in self.seats for p in s.ledamoter)

    @property
    def ersattare(self) -> tuple[Person, ...]:
        return tuple(p for s in self.seats for p in s.ersattare)

    def member_of(self, person_id: int) -> Member | None:
        for seat in self.seats:
            if any(p.id == person_id for p in seat.ledamoter + seat.ersattare):
                return seat.member
        return None

    @property
    def quorum(self) -> int:
        """Ledamöter needed for beslutförhet under the styrelse's rule (default more than half, KL 6:27)."""
        return quorum_needed(len(self.ledamoter), self.beslutforhet)


def styrelse_on(
    day: date,
    members: list[Member],
    persons: list[Person],
    mandates: list[Mandate],
    beslutforhet: Beslutforhet = Beslutforhet.MER_AN_HALFTEN,
) -> Styrelse:
    """Derive the styrelse on ``day`` from the mandates valid that day (quorum under ``beslutforhet``)."""
    by_person = {p.id: p for p in persons}
    valid = [m for m in mandates if m.valid_on(day)]
    seats = []
    for member in members:
        led = tuple(by_person[m.person_id] for m in valid if m.role is Role.LEDAMOT and m.member_id == member.id)
        ers = tuple(by_person[m.person_id] for m in valid if m.role is Role.ERSATTARE and m.member_id == member.id)
        if led or ers:
            seats.append(Seat(member, led, ers))

    def single(role: Role) -> Person | None:
        found = [by_person[m.person_id] for m in valid if m.role is role]
        return found[0] if found else None

    return Styrelse(
        day, tuple(seats), single(Role.ORDFORANDE), single(Role.VICE_ORDFORANDE), Beslutforhet(beslutforhet)
    )


def holders_on(day: date, role: Role, persons: list[Person], mandates: list[Mandate]) -> list[Person]:
    by_person = {p.id: p for p in persons}
    return [by_person[m.person_id] for m in mandates if m.role is role and m.valid_on(day)]


def split_contributions(state_amount: Decimal, members: list[Member]) -> dict[int, Decimal]:
    """Member contributions matching the state's allocation (2:1:1), whole kronor.

    The state half is paid by Försäkringskassan. Region and kommun sides each pay half of the state
    amount, split between the side's members by their weights; rounding remainders go to the last
    member so each side sums exactly.
    """
    if state_amount < 0:
        raise ValidationError("statens medel kan inte vara negativa.", "Statlig medelstilldelning")
    quarter = state_amount / 2
    result: dict[int, Decimal] = {}
    fk = [m for m in members if m.kind is MemberKind.FORSAKRINGSKASSAN]
    if fk:
        result[fk[0].id] = state_amount
    for kind in (MemberKind.REGION, MemberKind.KOMMUN):
        side = [m for m in members if m.kind is kind]
        total_weight = sum(m.weight for m in side)
        if not side:
            continue
        if total_weight <= 0:
            raise ValidationError(f"fördelningsnyckeln för {kind.label.lower()}erna summerar till noll.")
        running = Decimal(0)
        for i, m in enumerate(side):
            if i == len(side) - 1:
                share = quarter - running
            else:
                share = (quarter * m.weight / total_weight).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            running += share
            result[m.id] = share
    return result


def validate_membership(members: list[Member]) -> list[str]:
    """Finsamlagen § 3: FK, AF, at least one region and one kommun. Returns Swedish warnings."""
    kinds = {m.kind for m in members}
    problems = []
    for kind, text in (
        (MemberKind.FORSAKRINGSKASSAN, "Försäkringskassan saknas bland medlemmarna."),
        (MemberKind.ARBETSFORMEDLINGEN, "Arbetsförmedlingen saknas bland medlemmarna."),
        (MemberKind.REGION, "Minst en region måste vara medlem."),
        (MemberKind.KOMMUN, "Minst en kommun måste vara medlem."),
    ):
        if kind not in kinds:
            problems.append(text)
    for m in members:
        if m.weight < 0:
            problems.append(f"{m.namn}: fördelningsnyckeln kan inte vara negativ.")
    return problems
