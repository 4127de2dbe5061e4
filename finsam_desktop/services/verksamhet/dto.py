"""What the Verksamhet services hand out and take in (plain frozen data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.verksamhet.insats import Finansiar, InsatsTyp, Malgrupp
from finsam_desktop.domain.verksamhet.personal import (
    Personalresurs,
    StaffingFlag,
    check_staffing,
    fte_per_organisation,
    fte_total,
)


@dataclass(frozen=True)
class Styrgruppsledamot:
    namn: str = ""
    organisation: str = ""
    roll: str = ""


@dataclass(frozen=True)
class Medfinansiering:
    """Money from someone else than the förbund for one year (ESF, a member's medfinansiering)."""

    year: int
    finansiar: Finansiar
    amount: Decimal
    namn: str = ""


@dataclass(frozen=True)
class Finansiering:
    """One year's financing: the förbund's beviljade medel (Budget's grants) and the co-financing."""

    year: int
    forbund: Decimal
    esf: Decimal
    annan: Decimal

    @property
    def total(self) -> Decimal:
        return self.forbund + self.esf + self.annan


@dataclass(frozen=True)
class VerksamhetInsats:
    id: int | None
    namn: str
    typ: InsatsTyp | None = InsatsTyp.INDIVIDINRIKTAD
    status: InsatsStatus = InsatsStatus.PLANERAD
    parent_id: int | None = None
    projektagare: str = ""
    huvudman: str = ""
    samverkansparter: str = ""
    start: date | None = None
    slut: date | None = None
    budget_kod: str = ""
    malgrupp: Malgrupp = field(default_factory=Malgrupp)
    syfte: str = ""
    mal: str = ""
    styrgrupp: tuple[Styrgruppsledamot, ...] = ()
    personal: tuple[Personalresurs, ...] = ()
    medfinansiering: tuple[Medfinansiering, ...] = ()
    stated_fte: Decimal | None = None
    #: Read only: the förbund's beviljade medel per year (Budget's grants) and the delprojekt's names.
    forbund_medel: tuple[tuple[int, Decimal], ...] = ()
    delprojekt: tuple[str, ...] = ()

    @property
    def fte(self) -> Decimal:
        return fte_total(self.personal)

    @property
    def fte_per_organisation(self) -> dict[str, Decimal]:
        return fte_per_organisation(self.personal)

    @property
    def staffing_flag(self) -> StaffingFlag | None:
        return check_staffing(self.namn, self.personal, self.stated_fte)

    def active_in(self, year: int) -> bool:
        return (self.start is None or self.start.year <= year) and (self.slut is None or self.slut.year >= year)

    def finansiering(self, year: int) -> Finansiering:
        def co(kind: Finansiar) -> Decimal:
            return sum((m.amount for m in self.medfinansiering if m.year == year and m.finansiar is kind), Decimal(0))

        forbund = sum((amount for y, amount in self.forbund_medel if y == year), Decimal(0))
        return Finansiering(year, forbund, co(Finansiar.ESF), co(Finansiar.ANNAN))
