"""What the årsredovisning services return (plain data, Swedish ``message`` texts for the CLI and the UI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.figures import Flag
from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.dto import ImportResult


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class SieImportResult:
    year: int
    filename: str
    accounts: int
    verifikationer: int
    utfall_rows: int
    replaced: str = ""  # "ersatte den tidigare importen (…)" when the year was stored before
    budget: ImportResult | None = None
    budget_skipped: str = ""
    notes: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        lines = [
            f"Bokföringen för {self.year} importerad från {self.filename}: {_n(self.accounts, 'konto', 'konton')}, "
            f"{_n(self.verifikationer, 'verifikation', 'verifikationer')}"
            + (f"; {self.replaced}." if self.replaced else ".")
        ]
        if self.budget is not None:
            lines.append(
                f"Budgetens utfall: {_n(self.utfall_rows, 'rad', 'rader')} per kostnadsställe och månad. "
                + self.budget.message
            )
        elif self.budget_skipped:
            lines.append(self.budget_skipped)
        lines += [f"Obs: {n}" for n in self.notes]
        return "\n".join(lines)


@dataclass(frozen=True)
class BalancesResult:
    year: int
    closing: int
    opening: int
    replaced: bool

    @property
    def message(self) -> str:
        text = f"Saldon för {self.year}: {_n(self.closing, 'konto', 'konton')}"
        if self.opening:
            text += f", ingående balans för {_n(self.opening, 'konto', 'konton')}"
        return text + (" (ersatte årets tidigare bokföring)." if self.replaced else ".")


@dataclass(frozen=True)
class YearSummary:
    """One stored year as ``finsam list arsredovisning`` and the tab's list show it."""

    year: int
    source: str  # "sie" / "manuell"
    filename: str
    verifikationer: int
    imported_at: str
    intakter: Decimal | None
    kostnader: Decimal | None
    resultat: Decimal | None
    eget_kapital: Decimal | None
    tillgangar: Decimal | None
    adopted: bool
    adopted_text: str
    adopted_on: date | None
    flags: tuple[Flag, ...]
    unmapped: tuple[str, ...] = ()
    #: Antal anställda (årsarbetare) of the year for the five-year overview; None when not given.
    anstallda: Decimal | None = None

    @property
    def source_text(self) -> str:
        if self.source == "sie":
            return f"SIE ({self.filename}, {_n(self.verifikationer, 'verifikation', 'verifikationer')})"
        return "inmatad"

    @property
    def figures_text(self) -> str:
        return (
            f"intäkter {format_kr(self.intakter)}, kostnader {format_kr(self.kostnader)}, "
            f"årets resultat {format_kr(self.resultat)}, eget kapital {format_kr(self.eget_kapital)}"
        )


@dataclass(frozen=True)
class AdoptedDocument:
    """The årsredovisning as it was fastställd: the stored PDF, byte for byte, and its SHA-256."""

    year: int
    adopted_text: str
    data: bytes
    sha256: str

    @property
    def notice(self) -> str:
        return f"den fastställda versionen, SHA-256 {self.sha256}"

    @property
    def title(self) -> str:
        return f"Årsredovisning {self.year}, Fastställd av styrelsen {self.adopted_text}"


@dataclass(frozen=True)
class YearFlows:
    """The deltagarflöden the årsredovisning of ``year`` prints, and where they come from: ``source`` is
    "verksamhet" (Verksamhet's deltagare statistics), "inmatade" (typed per insats) or "fastställda" (kept at the
    adoption). Only typed flows of a draft year can be edited here."""

    year: int
    source: str
    rows: tuple[FlowRow, ...]

    @property
    def editable(self) -> bool:
        return self.source == "inmatade"

    @property
    def source_text(self) -> str:
        return {
            "verksamhet": "Från Verksamhets deltagarstatistik (summan av månaderna). Rätta dem där.",
            "inmatade": "Inmatade per insats (året har ingen deltagarstatistik i Verksamhet).",
            "fastställda": "Som de fastställdes med årsredovisningen – låsta.",
        }[self.source]
