"""The årsredovisning as one object: its year, decision date and every figure part (what ``reconcile`` checks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from finsam_desktop.domain.arsredovisning.drift import Driftredovisning
from finsam_desktop.domain.arsredovisning.noter import Note
from finsam_desktop.domain.arsredovisning.overview import Balanskrav, FiveYearOverview
from finsam_desktop.domain.arsredovisning.statements import Kind, Statement


@dataclass(slots=True)
class Arsredovisning:
    """``decided_on`` is the date printed as "Beslutad av styrelsen …" (``None`` while not decided)."""

    year: int
    rr: Statement = field(default_factory=lambda: Statement(Kind.RR, ()))
    br: Statement = field(default_factory=lambda: Statement(Kind.BR, ()))
    kf: Statement = field(default_factory=lambda: Statement(Kind.KF, ()))
    decided_on: date | None = None
    drift: Driftredovisning | None = None
    notes: list[Note] = field(default_factory=list)
    five_year: FiveYearOverview | None = None
    balanskrav: Balanskrav | None = None

    def statement(self, kind: Kind) -> Statement:
        return {Kind.RR: self.rr, Kind.BR: self.br, Kind.KF: self.kf}[kind]
