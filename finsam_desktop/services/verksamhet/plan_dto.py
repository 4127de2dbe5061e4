"""What the verksamhetsplan service hands out (plain frozen data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from finsam_desktop.domain.verksamhet.plan import PlanStatus, SectionKind, Template, fill_heading
from finsam_desktop.domain.verksamhet.plan_budget import TypedBudget
from finsam_desktop.domain.verksamhet.plan_publication import PlanAktivitet


@dataclass(frozen=True)
class PlanSection:
    key: str
    level: int
    heading: str  # as stored, with {ar} … placeholders
    kind: SectionKind
    body: str = ""
    typ: str = ""
    bilaga: bool = False
    numbered: bool = True


@dataclass(frozen=True)
class VPlan:
    id: int
    year: int
    titel: str
    mall: Template
    status: PlanStatus
    sections: tuple[PlanSection, ...]
    aktiviteter: tuple[tuple[str, PlanAktivitet], ...]  # (section key, row)
    budget_table: TypedBudget
    adopted_text: str = ""
    adopted_on: date | None = None
    copied_from_year: int | None = None
    forbund: str = ""

    @property
    def locked(self) -> bool:
        return self.status is PlanStatus.ANTAGEN

    @property
    def plan_years(self) -> tuple[int, int, int]:
        return (self.year, self.year + 1, self.year + 2)

    @property
    def status_text(self) -> str:
        return f"Antagen {self.adopted_text}" if self.locked else "Utkast"

    def section(self, key: str) -> PlanSection | None:
        return next((x for x in self.sections if x.key == key), None)

    def heading(self, key: str) -> str:
        sec = self.section(key)
        return fill_heading(sec.heading, self.year, self.forbund) if sec else ""

    def rows_of(self, key: str) -> tuple[PlanAktivitet, ...]:
        return tuple(a for k, a in self.aktiviteter if k == key)


@dataclass(frozen=True)
class AdoptedPlan:
    year: int
    adopted_text: str
    data: bytes
    sha256: str

    @property
    def notice(self) -> str:
        return f"den antagna verksamhetsplanen {self.year} ({self.adopted_text}), lagrad vid antagandet"
