"""Stickprov, the whole population: what the analytics find in every row of the file, not only in the drawn
ones. Each finding has a rule (in words), a severity and the file rows it concerns; the report also says,
once, what could not be checked because the file lacks a column."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Severity(StrEnum):
    HOG = "hog"
    MEDEL = "medel"
    LAG = "lag"

    @property
    def label(self) -> str:
        return {"hog": "Hög", "medel": "Medel", "lag": "Låg"}[self.value]

    @property
    def rank(self) -> int:
        return {"hog": 0, "medel": 1, "lag": 2}[self.value]


class Rule(StrEnum):
    """The population rules. ``label`` names the rule; the finding's ``rule_text`` says it in words."""

    DUBBLETT = "dubblett"  # same verifikation content twice (supplier, amount, date, invoice)
    NARA_DUBBLETT = "nara_dubblett"  # same supplier and amount within N days
    SAMMA_FAKTURA = "samma_faktura"  # same supplier and invoice number on two verifikationer
    UPPDELAT_KOP = "uppdelat_kop"  # same supplier, each under the direktupphandlingsgräns, sum over it in a period
    HELGDAG = "helgdag"  # paid on a Saturday, Sunday or allmän helgdag
    NY_LEVERANTOR = "ny_leverantor"  # supplier not seen before in the file's period (or in earlier files)
    RUNT_BELOPP = "runt_belopp"  # a round amount (e.g. whole 1 000 kr) above a floor
    SJALVATTEST = "sjalvattest"  # attest of a payment to oneself
    OVER_MAXBELOPP = "over_maxbelopp"  # attest above the attestant's maxbelopp
    UTAN_MANDAT = "utan_mandat"  # attestant without a mandate / row in the attestordning on the date
    UTAN_ATTEST = "utan_attest"  # verifikation without any attest
    TVA_I_FORENING = "tva_i_forening"  # fewer distinct signers than the attestordning requires
    SAMMA_PERSON = "samma_person"  # the same person in two attest steps of one payment
    INGEN_ORDNING = "ingen_ordning"  # no adopted attestordning in force on the date

    @property
    def label(self) -> str:
        return RULE_LABELS[self]


RULE_LABELS = {
    Rule.DUBBLETT: "Dubblett",
    Rule.NARA_DUBBLETT: "Möjlig dubblett",
    Rule.SAMMA_FAKTURA: "Samma fakturanummer",
    Rule.UPPDELAT_KOP: "Uppdelat köp",
    Rule.HELGDAG: "Betalning på helgdag",
    Rule.NY_LEVERANTOR: "Ny leverantör",
    Rule.RUNT_BELOPP: "Jämnt belopp",
    Rule.SJALVATTEST: "Attest av betalning till sig själv",
    Rule.OVER_MAXBELOPP: "Över maxbelopp",
    Rule.UTAN_MANDAT: "Attestant utan attesträtt",
    Rule.UTAN_ATTEST: "Saknar attest",
    Rule.TVA_I_FORENING: "Två i förening saknas",
    Rule.SAMMA_PERSON: "Samma person i två attestled",
    Rule.INGEN_ORDNING: "Ingen attestordning",
}


@dataclass(frozen=True, slots=True)
class PopulationFinding:
    """One finding: ``key`` is stable for the same rows and rule (an åtgärd recorded on it survives a re-run);
    ``rows`` are the file's row numbers (``Transaction.rad``) it concerns, in file order."""

    rule: Rule
    severity: Severity
    rule_text: str  # the rule in words, e.g. "Samma leverantör och belopp inom 7 dagar."
    summary: str  # what was found, e.g. "Kontorsservice AB, 12 400,00 kr: ver 1043 (2026-03-02) och 1051 (2026-03-05)"
    rows: tuple[int, ...]
    verifikationer: tuple[str, ...] = ()
    belopp: Decimal | None = None
    key: str = ""


@dataclass(frozen=True, slots=True)
class NotChecked:
    """A check that was not made, said once: ``what`` (a rule or "Två i förening") and ``why``."""

    what: str
    why: str


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """The thresholds the analytics use, shown in the report so a reader knows what was asked."""

    near_duplicate_days: int = 7
    direktupphandlingsgrans: Decimal = Decimal("700000")
    split_period_days: int = 365
    round_amount_step: Decimal = Decimal("1000")
    round_amount_floor: Decimal = Decimal("10000")


@dataclass(frozen=True)
class PopulationReport:
    """Every row checked: the findings (most severe first), what was not checked, and the figures."""

    row_count: int
    total: Decimal
    settings: AnalysisSettings
    findings: tuple[PopulationFinding, ...] = ()
    not_checked: tuple[NotChecked, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def by_rule(self, rule: Rule) -> tuple[PopulationFinding, ...]:
        return tuple(f for f in self.findings if f.rule is rule)


class AnalysisCancelled(Exception):
    """The user cancelled the population analysis; nothing was stored."""
