"""The budget's building blocks: sections, lines (with varav rows), stated totals, what is measured,
and the small arithmetic shared by the rest (öre rounding, sums of known figures, percent text).

Everything here is pure and works in Decimal kronor. A missing figure is ``None`` ("not yet known"),
never zero: it is left out of sums and the sum is marked incomplete."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr

ZERO = Decimal(0)
_ORE = Decimal("0.01")


class SectionKind(StrEnum):
    INTAKT = "intakt"
    KOSTNAD = "kostnad"

    @property
    def label(self) -> str:
        return "Intäkter" if self is SectionKind.INTAKT else "Kostnader"


class LineClass(StrEnum):
    """What a cost line is for; drives the share going to individinriktade insatser."""

    ADMINISTRATION = "administration"
    STRUKTURELL = "strukturell"
    INDIVIDINRIKTAD = "individinriktad"

    @property
    def label(self) -> str:
        return LINE_CLASS_LABELS[self]


LINE_CLASS_LABELS = {
    LineClass.ADMINISTRATION: "Administration",
    LineClass.STRUKTURELL: "Strukturell insats",
    LineClass.INDIVIDINRIKTAD: "Individinriktad insats",
}


class BudgetStatus(StrEnum):
    FORSLAG = "forslag"
    FASTSTALLD = "faststalld"

    @property
    def label(self) -> str:
        return "Förslag" if self is BudgetStatus.FORSLAG else "Fastställd"


class Measure(StrEnum):
    """A column of a budget or a follow-up."""

    BUDGET = "budget"
    PLAN1 = "plan1"
    PLAN2 = "plan2"
    PROGNOS = "prognos"
    UTFALL = "utfall"
    HELAR = "helarsprognos"


class Scope(StrEnum):
    """What a stated total sums."""

    AVSNITT = "avsnitt"
    INTAKTER = "intakter"
    KOSTNADER = "kostnader"
    RESULTAT = "resultat"


#: The way a förbund usually groups its budget (finsam.se: styrelse, administration, revision, insatser).
DEFAULT_SECTIONS: tuple[tuple[str, SectionKind, LineClass | None], ...] = (
    ("Medlemsavgifter", SectionKind.INTAKT, None),
    ("ESF-medel", SectionKind.INTAKT, None),
    ("Övriga intäkter", SectionKind.INTAKT, None),
    ("Styrelse", SectionKind.KOSTNAD, LineClass.ADMINISTRATION),
    ("Kansli och administration", SectionKind.KOSTNAD, LineClass.ADMINISTRATION),
    ("Revision", SectionKind.KOSTNAD, LineClass.ADMINISTRATION),
    ("Strukturella insatser", SectionKind.KOSTNAD, LineClass.STRUKTURELL),
    ("Individinriktade insatser", SectionKind.KOSTNAD, LineClass.INDIVIDINRIKTAD),
)


@dataclass(frozen=True, slots=True)
class Section:
    id: int
    namn: str
    kind: SectionKind
    position: int = 0
    default_class: LineClass | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One budget line. ``parent_id`` makes it a "varav" sub-row of another line."""

    id: int
    section_id: int
    kod: str
    namn: str
    line_class: LineClass | None = None
    parent_id: int | None = None
    position: int = 0
    budget: Decimal | None = None
    plan1: Decimal | None = None
    plan2: Decimal | None = None
    member_id: int | None = None
    insats_id: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class LineFollowup:
    """What the user entered for one line in one follow-up (all optional)."""

    kod: str
    utfall: Decimal | None = None
    utfall_note: str = ""
    prognos: Decimal | None = None
    prognos_comment: str = ""
    helar: Decimal | None = None
    helar_comment: str = ""


@dataclass(frozen=True, slots=True)
class StatedTotal:
    """A total as printed in a document, kept beside the computed one."""

    scope: Scope
    measure: Measure
    amount: Decimal
    section_id: int | None = None


@dataclass(frozen=True, slots=True)
class Mismatch:
    scope_label: str
    measure: Measure
    stated: Decimal
    computed: Decimal
    year: int | None = None  # the budget year, so plan years are named by their year

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    @property
    def message(self) -> str:
        return (
            f"{self.scope_label}, {measure_label(self.measure, self.year).lower()}: dokumentet anger "
            f"{format_kr(self.stated)} men raderna summerar till {format_kr(self.computed)} "
            f"(skillnad {format_kr(self.difference)})."
        )


MEASURE_LABELS = {
    Measure.BUDGET: "Budget",
    Measure.PLAN1: "Plan för året därpå",
    Measure.PLAN2: "Plan för det tredje året",
    Measure.PROGNOS: "Prognos",
    Measure.UTFALL: "Utfall",
    Measure.HELAR: "Helårsprognos",
}


def plan_years(year: int) -> tuple[int, int]:
    """The plan years of the budget for ``year``: the two years after it (``Measure.PLAN1``, ``Measure.PLAN2``)."""
    return year + 1, year + 2


def measure_label(measure: Measure, year: int | None = None) -> str:
    """``Budget 2026``, ``Plan 2027``, ``Plan 2028`` — plan years by their year, never "plan år 3"."""
    if year is not None and measure in (Measure.BUDGET, Measure.PLAN1, Measure.PLAN2):
        shown = {Measure.BUDGET: year, Measure.PLAN1: plan_years(year)[0], Measure.PLAN2: plan_years(year)[1]}
        return f"{'Budget' if measure is Measure.BUDGET else 'Plan'} {shown[measure]}"
    return MEASURE_LABELS[measure]


def q(amount: Decimal) -> Decimal:
    return amount.quantize(_ORE, rounding=ROUND_HALF_UP)


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


def validate_line(line: Line, lines: Sequence[Line]) -> None:
    """Rules for saving a line: a name and a code, unique code, varav only one level deep."""
    if not line.namn.strip():
        raise ValidationError("får inte vara tomt.", "Benämning")
    if not line.kod.strip():
        raise ValidationError("får inte vara tomt.", "Kod")
    for other in lines:
        if other.id != line.id and other.kod == line.kod:
            raise ValidationError(f"koden ”{line.kod}” används redan av ”{other.namn}”.", "Kod")
    if line.parent_id is not None:
        parent = next((x for x in lines if x.id == line.parent_id), None)
        if parent is None:
            raise ValidationError("raden som den ska vara en varav-rad till finns inte.", "Varav till")
        if parent.parent_id is not None:
            raise ValidationError("en varav-rad kan inte ha egna varav-rader.", "Varav till")
        if parent.section_id != line.section_id:
            raise ValidationError("en varav-rad måste ligga i samma avsnitt som sin huvudrad.", "Varav till")


def scope_label(st: StatedTotal, sections: dict[int, Section]) -> str:
    if st.scope is Scope.AVSNITT:
        sec = sections.get(st.section_id or -1)
        return f"Summa {sec.namn}" if sec else "Summa avsnitt"
    return {Scope.INTAKTER: "Summa intäkter", Scope.KOSTNADER: "Summa kostnader", Scope.RESULTAT: "Årets resultat"}[
        st.scope
    ]


def format_pct(value: Decimal | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:.{decimals}f}".replace(".", ",")
    return f"{text} %".replace("-", "−")
