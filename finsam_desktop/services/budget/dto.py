"""Plain data the budget service returns (frozen dataclasses; never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from finsam_desktop.domain.budget.contributions import ContributionPlan
from finsam_desktop.domain.budget.equity import Equity, IndividShare
from finsam_desktop.domain.budget.followup import FollowupResult
from finsam_desktop.domain.budget.insatser import InsatsStatus, PaymentStatus, PayoutRule, Trigger
from finsam_desktop.domain.budget.lines import (
    BudgetStatus,
    Line,
    LineClass,
    LineFollowup,
    Mismatch,
    Section,
    StatedTotal,
)
from finsam_desktop.domain.budget.plan import PlanTotals
from finsam_desktop.domain.budget.presentation import Unit


@dataclass(frozen=True)
class BudgetInfo:
    id: int
    year: int
    version: int
    title: str
    status: BudgetStatus
    adopted_agenda_item_id: int | None = None
    adopted_text: str = ""
    adopted_on: date | None = None
    previous_id: int | None = None
    reason: str = ""
    unit_note: str = ""

    @property
    def locked(self) -> bool:
        return self.status is BudgetStatus.FASTSTALLD

    @property
    def label(self) -> str:
        text = f"Budget {self.year} (version {self.version}, {self.status.label.lower()}"
        if self.adopted_text:
            text += f" {self.adopted_text}"
        return text + ")"


@dataclass(frozen=True)
class BudgetDoc:
    """A budget version with its lines and everything computed from them."""

    info: BudgetInfo
    sections: tuple[Section, ...]
    lines: tuple[Line, ...]
    stated: tuple[StatedTotal, ...]
    totals: PlanTotals
    mismatches: tuple[Mismatch, ...]
    varav_problems: tuple[str, ...]
    contribution_problems: tuple[str, ...]
    class_totals: dict = field(default_factory=dict)

    def line(self, kod: str) -> Line | None:
        return next((x for x in self.lines if x.kod == kod), None)

    def section(self, section_id: int) -> Section | None:
        return next((x for x in self.sections if x.id == section_id), None)


@dataclass(frozen=True)
class YearSettings:
    year: int
    state_allocation: Decimal | None = None
    besked_datum: date | None = None
    ek_opening: Decimal | None = None
    ek_note: str = ""


@dataclass(frozen=True)
class FollowupInfo:
    id: int
    year: int
    per: date
    comment: str = ""


@dataclass(frozen=True)
class MonthPoint:
    month: int
    budget_cum: Decimal
    utfall_cum: Decimal | None
    utfall_month: Decimal | None


@dataclass(frozen=True)
class FollowupView:
    """Everything the follow-up view, the workbook and the PDF show for one year per one date."""

    forbund_namn: str
    budget: BudgetInfo
    per: date
    followup: FollowupInfo | None
    result: FollowupResult
    entries: tuple[LineFollowup, ...]
    equity: Equity
    individ: IndividShare
    tilldelade: Decimal
    months: tuple[MonthPoint, ...]
    threshold_pct: Decimal
    mismatches: tuple[Mismatch, ...]
    imported_codes: frozenset = frozenset()
    prior_utfall: dict | None = None  # kod → föregående års utfall; None when that year is not in the file
    unit: Unit = Unit.KR  # what the förbund works in (kr or tkr)

    @property
    def title(self) -> str:
        return f"Budgetuppföljning per {self.per.isoformat()}"

    @property
    def prior_year(self) -> int:
        return self.budget.year - 1


@dataclass(frozen=True)
class ImportChange:
    kod: str
    namn: str
    month: int
    old: Decimal | None
    new: Decimal | None


@dataclass(frozen=True)
class ImportResult:
    year: int
    months: tuple[int, ...]
    row_count: int
    total: Decimal
    changes: tuple[ImportChange, ...]
    replaced: bool
    dry_run: bool = False
    sign: str = "budget"  # the file's sign convention (SignConvention value)
    replaced_text: str = ""  # which konto/kostnadsställe amounts the file replaced, per month
    warnings: tuple[str, ...] = ()  # the sign check
    import_id: int | None = None
    notes: tuple[str, ...] = ()  # rows skipped on purpose (a Summa row)

    @property
    def message(self) -> str:
        from finsam_desktop.domain.common.money import format_kr

        months = ", ".join(f"{self.year}-{m:02d}" for m in self.months)
        verb = "Skulle importera" if self.dry_run else "Importerade"
        text = f"{verb} {self.row_count} rader för {months}, totalt {format_kr(self.total)}."
        if self.sign == "bas":
            text += " Filen lästes BAS-tecknad: intäkterna vändes till positiva belopp."
        for note in self.notes:
            text += " " + note
        if self.replaced:
            if self.replaced_text:
                text += "\n" + self.replaced_text
            changed = [c for c in self.changes if c.old != c.new]
            if changed:
                text += f"\nTidigare import för samma konton och period ersattes; {len(changed)} belopp ändrades:"
                for c in changed[:15]:
                    text += f"\n  {c.namn} {self.year}-{c.month:02d}: {format_kr(c.old)} → {format_kr(c.new)}"
                if len(changed) > 15:
                    text += f"\n  … och {len(changed) - 15} till."
            else:
                text += "\nTidigare import för samma konton och period ersattes; inga belopp ändrades."
        for w in self.warnings:
            text += "\n⚠ " + w
        return text


@dataclass(frozen=True)
class ImportInfo:
    """One utfall import (a batch) as listed for "Ångra senaste import"."""

    id: int
    at: datetime
    year: int
    filename: str
    months: tuple[int, ...]
    row_count: int
    total: Decimal
    sign: str
    undone: bool

    @property
    def label(self) -> str:
        months = ", ".join(f"{self.year}-{m:02d}" for m in self.months)
        return f"{self.filename} ({months}), importerad {self.at:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class Payment:
    id: int
    grant_id: int
    seq: int
    amount: Decimal
    trigger: Trigger
    due_on: date | None
    label: str
    paid_on: date | None
    status: PaymentStatus


@dataclass(frozen=True)
class Grant:
    id: int
    insats_id: int
    year: int
    amount: Decimal
    mottagare: str
    agenda_item_id: int | None
    beslut_text: str
    villkor: str
    villkorad: bool
    payout_rule: PayoutRule
    avtal_on: date | None
    redovisning_on: date | None
    payments: tuple[Payment, ...] = ()

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.paid_on), Decimal(0))


@dataclass(frozen=True)
class Insats:
    id: int
    namn: str
    huvudman: str = ""
    samverkansparter: str = ""
    start: date | None = None
    slut: date | None = None
    line_class: LineClass = LineClass.INDIVIDINRIKTAD
    budget_kod: str = ""
    status: InsatsStatus = InsatsStatus.PLANERAD
    beskrivning: str = ""
    grants: tuple[Grant, ...] = ()

    def granted(self, year: int) -> Decimal:
        return sum((g.amount for g in self.grants if g.year == year), Decimal(0))


@dataclass(frozen=True)
class PaymentRow:
    """One row of the payout schedule (insats and grant flattened in)."""

    payment: Payment
    insats_namn: str
    mottagare: str
    year: int
    beslut_text: str
    villkorad: bool


@dataclass(frozen=True)
class ContributionView:
    year: int
    state_allocation: Decimal | None
    plan: ContributionPlan | None
    budgeted: dict  # member id → Decimal budgeted in the year's budget
    problems: tuple[str, ...]
    member_names: dict  # member id → name


@dataclass(frozen=True)
class AgendaChoice:
    id: int
    label: str
