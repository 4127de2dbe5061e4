"""A verksamhetsplan as plain data, everything the PDF and the .docx print (the reports take only this)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.verksamhet.personal import Personalresurs
from finsam_desktop.domain.verksamhet.plan import SectionKind


@dataclass(frozen=True)
class PlanInsats:
    namn: str
    depth: int  # 0 = an insats, 1 = its delprojekt
    typ: str
    status: str
    period: str
    projektagare: str = ""
    malgrupp: str = ""
    syfte: str = ""
    mal: str = ""
    personal: tuple[Personalresurs, ...] = ()
    finansiering: tuple[tuple[str, str], ...] = ()  # (year label, "Förbundet 1 200 000 kr, ESF 500 000 kr")
    styrgrupp: str = ""


@dataclass(frozen=True)
class PlanAktivitet:
    tabell: str  # "aktiviteter" (Vad | Vem ansvarar | Tillfällena | Hur | För vem) or "bevakning" (… | När | Uppf.)
    vad: str
    vem: str = ""
    tillfallen: str = ""
    hur: str = ""
    for_vem: str = ""
    nar: str = ""
    uppfoljning: str = ""
    insats_id: int | None = None  # the insats the activity belongs to (seed 000 §5.1.1: Kunskapshöjande insatser)
    insats: str = ""  # its name, filled in for the reports


@dataclass(frozen=True)
class PlanIndicator:
    insats: str  # "" = the förbund's own goal
    namn: str
    period: str
    text: str  # "240 (190)": target (latest actual)


@dataclass(frozen=True)
class PlanEvent:
    datum: date
    titel: str
    ansvarig: str = ""
    kategori: str = ""


@dataclass(frozen=True)
class PlanRisk:
    nummer: int
    process: str
    risk: str
    vasentlighet: int
    sannolikhet: int
    riskhantering: str = ""
    ansvarig: str = ""

    @property
    def riskvarde(self) -> int:
        return self.vasentlighet * self.sannolikhet


@dataclass(frozen=True)
class BudgetRowOut:
    label: str
    amounts: tuple[Decimal | None, ...]
    kind: str = "normal"  # "normal", "sum", "group" (as typst_blocks.RowKind)


@dataclass(frozen=True)
class BudgetOut:
    columns: tuple[str, ...]
    rows: tuple[BudgetRowOut, ...]
    unit: Unit = Unit.KR
    source: str = ""  # "Budget 2021 (version 2, fastställd …)" or "Budgettabell inskriven i planen"
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PubSection:
    key: str
    number: str
    heading: str
    level: int
    kind: SectionKind
    body: str
    bilaga: bool = False
    insatser: tuple[PlanInsats, ...] = ()
    aktiviteter: tuple[PlanAktivitet, ...] = ()
    indicators: tuple[PlanIndicator, ...] = ()
    events: tuple[PlanEvent, ...] = ()
    risks: tuple[PlanRisk, ...] = ()
    risk_source: str = ""
    budget: BudgetOut | None = None

    @property
    def title(self) -> str:
        if self.bilaga:
            return f"{self.number}. {self.heading}" if self.number else self.heading
        return f"{self.number} {self.heading}" if self.number else self.heading


@dataclass(frozen=True)
class PlanPublication:
    forbund: str
    orgnr: str
    year: int
    title: str  # "Verksamhetsplan och budget 2021"
    sections: tuple[PubSection, ...]
    draft: bool = True
    adopted_text: str = ""  # "2020-11-26, § 12"
    created: date | None = None
    flags: tuple[str, ...] = ()

    @property
    def plan_years(self) -> tuple[int, int, int]:
        return (self.year, self.year + 1, self.year + 2)
