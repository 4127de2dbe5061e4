"""The internkontroll area's data objects (what the use-case services return) and its setting keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from finsam_desktop import clock
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.atgard import Atgard
from finsam_desktop.domain.internkontroll.kontrollplan import PlanRow
from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Risk, RiskMove
from finsam_desktop.domain.internkontroll.stickprov_draw import Urval
from finsam_desktop.domain.internkontroll.stickprov_findings import PopulationFinding, PopulationReport
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning, ItemReview

MATRIX_SETTING = "internkontroll.matris"
MAPPING_SETTING = "internkontroll.importkoppling"
NO_AVVIKELSE = "Granskningen visar inte på några avvikelser som behöver åtgärdas i nuläget."


# --- DTOs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adoption:
    agenda_item_id: int | None
    text: str
    datum: date | None


@dataclass(frozen=True)
class RiskAnalysis:
    id: int
    ar: int
    version: int
    titel: str
    status: str
    matrix_size: int
    adoption: Adoption
    previous_version_id: int | None
    copied_from_id: int | None
    content_hash: str
    risks: tuple[Risk, ...]
    #: The matrix stored at adoption (an adopted analysis keeps its size, scales and colour bands); None for a draft.
    adopted_matrix: MatrixSettings | None = None

    @property
    def locked(self) -> bool:
        return self.status == "antagen"

    @property
    def status_text(self) -> str:
        if self.locked:
            return f"Antagen {self.adoption.text}".strip()
        return "Utkast"


@dataclass(frozen=True)
class KontrollPlan:
    id: int
    ar: int
    version: int
    titel: str
    status: str
    adoption: Adoption
    previous_version_id: int | None
    content_hash: str
    rows: tuple[PlanRow, ...]

    @property
    def locked(self) -> bool:
        return self.status == "antagen"

    @property
    def status_text(self) -> str:
        return f"Antagen {self.adoption.text}".strip() if self.locked else "Utkast"


@dataclass(frozen=True)
class StickprovItem:
    id: int
    position: int
    transaction: Transaction
    urval: Urval
    auto_findings: tuple[str, ...]
    granskad_av: str = ""
    granskad_datum: date | None = None
    bedomning: Bedomning = Bedomning.EJ_GRANSKAD
    kommentar: str = ""
    atgard: str = ""

    @property
    def review(self) -> ItemReview | None:
        if self.bedomning is Bedomning.EJ_GRANSKAD:
            return None
        return ItemReview(
            self.granskad_av, self.granskad_datum or clock.today(), self.bedomning, self.kommentar, self.atgard
        )


@dataclass(frozen=True)
class FindingRow:
    """A stored population finding with the åtgärd the review recorded for it (``None``: none yet)."""

    id: int
    stickprov_id: int
    finding: PopulationFinding
    atgard: Atgard | None = None

    def status_text(self, today: date) -> str:
        return self.atgard.status_text(today) if self.atgard else "Ingen åtgärd registrerad"

    def atgard_text(self) -> str:
        """The åtgärd in one line: what, who, by when (and the motivering when it is closed)."""
        a = self.atgard
        if a is None:
            return ""
        parts = [a.beskrivning] if a.beskrivning else []
        if a.ansvarig:
            parts.append(f"ansvarig {a.ansvarig}")
        if a.senast is not None:
            parts.append(f"senast {a.senast.isoformat()}")
        text = ", ".join(parts)
        if a.motivering:
            text += f" ({a.motivering})" if text else a.motivering
        return text


@dataclass(frozen=True)
class OpenAtgard:
    """An åtgärd still open (öppen or pågår) from an earlier year's stickprov, for the next plan."""

    finding_id: int
    stickprov_id: int
    stickprov_ar: int
    stickprov_titel: str
    finding: PopulationFinding
    atgard: Atgard
    forsenad: bool


@dataclass(frozen=True)
class Stickprov:
    id: int
    ar: int
    plan_row_id: int | None
    titel: str
    filnamn: str
    fil_sha256: str
    mapping: dict
    filter: PopulationFilter
    storlek: int
    seed: int
    over_belopp: Decimal | None
    population_count: int
    population_sum: Decimal
    fingerprint: str
    file_count: int
    created_at: datetime | None
    items: tuple[StickprovItem, ...]
    #: The population analytics stored with the stickprov (``None``: drawn before they existed).
    population: PopulationReport | None = None
    #: The stored findings of ``population``, in its order, each with its åtgärd.
    finding_rows: tuple[FindingRow, ...] = ()

    @property
    def method_text(self) -> str:
        slump = sum(1 for i in self.items if i.urval is Urval.SLUMP)
        text = (
            f"Slumpmässigt urval av {slump} poster (frö {self.seed}) ur {self.population_count} verifikationer "
            f"({self.filter.text}), sorterade på datum och verifikationsnummer"
        )
        if self.over_belopp is not None:
            over = sum(1 for i in self.items if i.urval is Urval.OVER)
            text += f"; därtill samtliga {over} poster över {format_kr(self.over_belopp)}"
        return text + "."

    @property
    def findings_count(self) -> int:
        return sum(1 for i in self.items if i.auto_findings)

    @property
    def reviewed_count(self) -> int:
        return sum(1 for i in self.items if i.bedomning is not Bedomning.EJ_GRANSKAD)

    @property
    def avvikelser(self) -> tuple[StickprovItem, ...]:
        return tuple(i for i in self.items if i.bedomning is Bedomning.AVVIKELSE)


@dataclass(frozen=True)
class Granskning:
    id: int
    ar: int
    datum: date
    plats: str
    ordforande: str
    vice_ordforande: str
    forbundschef: str
    stickprov_id: int | None
    plan_row_ids: tuple[int, ...]
    slutsats: str
    reported_text: str = ""
    reported_agenda_item_id: int | None = None


@dataclass(frozen=True)
class FilePreview:
    """A file before its import: the headers, the first rows and the mapping to show (remembered or guessed).
    ``ambiguous``: roles the guess left open, with their candidate columns – the user must choose;
    ``columns``: the fields ``mapping`` gives a column (the others are not checked)."""

    filnamn: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_count: int
    mapping: dict
    ambiguous: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(k for k, v in self.mapping.items() if v)


@dataclass(frozen=True)
class AgendaChoice:
    agenda_item_id: int
    text: str
    datum: date


@dataclass(frozen=True)
class InternkontrollReport:
    """Everything the styrelse PDF shows."""

    forbund: str
    ar: int
    settings: MatrixSettings
    analysis: RiskAnalysis | None
    moves: tuple[RiskMove, ...]
    previous_year: int | None
    plan: KontrollPlan | None
    stickprov: Stickprov | None
    granskning: Granskning | None
    #: Åtgärder still open from earlier years' stickprov, shown with the plan.
    open_atgarder: tuple[OpenAtgard, ...] = ()
    #: The day the report was made: what is försenad is computed from it.
    as_of: date | None = None
