"""Risk- och väsentlighetsanalys: scales, the risk matrix, colour bands and year-on-year comparison.

Riskvärde = väsentlighet × sannolikhet. Scale labels, matrix size (3×3, 4×4, 5×5) and the colour
bands are the förbund's settings (``MatrixSettings``); the defaults follow the seed's 2023 analysis
and the trafikljus convention (1–3 grön, 4–8 gul, 9–16 röd).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError

MATRIX_SIZES = (3, 4, 5)


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    value: int
    label: str
    description: str = ""

    @property
    def text(self) -> str:
        return f"{self.value} {self.label}"


@dataclass(frozen=True, slots=True)
class Band:
    """A colour band over riskvärden ``low``–``high`` (inclusive)."""

    low: int
    high: int
    name: str
    colour: str
    meaning: str = ""

    def contains(self, value: int) -> bool:
        return self.low <= value <= self.high


VASENTLIGHET_4 = (
    ScaleLevel(1, "Försumbar", "konsekvensen är obetydlig"),
    ScaleLevel(2, "Lindrig", "konsekvensen uppfattas som liten"),
    ScaleLevel(3, "Kännbar", "konsekvensen uppfattas som besvärande"),
    ScaleLevel(4, "Allvarlig", "konsekvensen är stor, får inte inträffa"),
)
SANNOLIKHET_4 = (
    ScaleLevel(1, "Osannolik", "risken är obefintlig"),
    ScaleLevel(2, "Mindre sannolik", "liten risk att fel kan uppstå"),
    ScaleLevel(3, "Möjlig", "det finns risk för att fel ska uppstå"),
    ScaleLevel(4, "Sannolik", "det är mycket troligt att fel ska uppstå"),
)
# Seed 000 style: "Liten/Mellan/Hög risk" × "låg/mellan/hög påverkansfaktor".
VASENTLIGHET_3 = (
    ScaleLevel(1, "Låg påverkan", "låg påverkansfaktor"),
    ScaleLevel(2, "Mellan påverkan", "mellan påverkansfaktor"),
    ScaleLevel(3, "Hög påverkan", "hög påverkansfaktor"),
)
SANNOLIKHET_3 = (
    ScaleLevel(1, "Liten risk", ""),
    ScaleLevel(2, "Mellanrisk", ""),
    ScaleLevel(3, "Hög risk", ""),
)
VASENTLIGHET_5 = (
    ScaleLevel(1, "Försumbar", "konsekvensen är obetydlig"),
    ScaleLevel(2, "Lindrig", "konsekvensen uppfattas som liten"),
    ScaleLevel(3, "Kännbar", "konsekvensen uppfattas som besvärande"),
    ScaleLevel(4, "Allvarlig", "konsekvensen är stor"),
    ScaleLevel(5, "Mycket allvarlig", "konsekvensen får inte inträffa"),
)
SANNOLIKHET_5 = (
    ScaleLevel(1, "Osannolik", "risken är obefintlig"),
    ScaleLevel(2, "Mindre sannolik", "liten risk att fel kan uppstå"),
    ScaleLevel(3, "Möjlig", "det finns risk för att fel ska uppstå"),
    ScaleLevel(4, "Sannolik", "det är troligt att fel ska uppstå"),
    ScaleLevel(5, "Mycket sannolik", "det är nästan säkert att fel ska uppstå"),
)

GREEN, YELLOW, RED = "#8BC48A", "#F6D55C", "#E4665C"


def default_bands(size: int) -> tuple[Band, ...]:
    """Trafikljus over 1..size²: 4×4 gives 1–3 grön, 4–8 gul, 9–16 röd."""
    limits = {3: (2, 4), 4: (3, 8), 5: (4, 12)}[size]
    return (
        Band(1, limits[0], "Grön", GREEN, "Acceptera och bevaka"),
        Band(limits[0] + 1, limits[1], "Gul", YELLOW, "Åtgärda eller kontrollera i planen"),
        Band(limits[1] + 1, size * size, "Röd", RED, "Prioritera; ska finnas i internkontrollplanen"),
    )


@dataclass(frozen=True, slots=True)
class MatrixSettings:
    """The förbund's matrix: size, the two scales and the colour bands."""

    size: int = 4
    vasentlighet: tuple[ScaleLevel, ...] = VASENTLIGHET_4
    sannolikhet: tuple[ScaleLevel, ...] = SANNOLIKHET_4
    bands: tuple[Band, ...] = field(default_factory=lambda: default_bands(4))

    @classmethod
    def for_size(cls, size: int) -> MatrixSettings:
        if size not in MATRIX_SIZES:
            raise ValidationError(f"matrisen kan vara {', '.join(f'{s}×{s}' for s in MATRIX_SIZES)}.", "Matrisstorlek")
        scales = {
            3: (VASENTLIGHET_3, SANNOLIKHET_3),
            4: (VASENTLIGHET_4, SANNOLIKHET_4),
            5: (VASENTLIGHET_5, SANNOLIKHET_5),
        }
        v, s = scales[size]
        return cls(size, v, s, default_bands(size))

    @property
    def max_value(self) -> int:
        return self.size * self.size

    def validate(self) -> None:
        if self.size not in MATRIX_SIZES:
            raise ValidationError("matrisen måste vara 3×3, 4×4 eller 5×5.", "Matrisstorlek")
        for name, scale in (("Väsentlighet", self.vasentlighet), ("Sannolikhet", self.sannolikhet)):
            if [lvl.value for lvl in scale] != list(range(1, self.size + 1)):
                raise ValidationError(f"skalan måste ha nivåerna 1–{self.size}.", name)
            for lvl in scale:
                if not lvl.label.strip():
                    raise ValidationError(f"nivå {lvl.value} saknar benämning.", name)
        expected = 1
        for band in sorted(self.bands, key=lambda b: b.low):
            if band.low != expected or band.high < band.low:
                raise ValidationError(
                    f"färgfälten måste täcka riskvärdena 1–{self.max_value} utan glapp eller överlapp "
                    f"(fältet {band.name} börjar på {band.low}, väntat {expected}).",
                    "Färgfält",
                )
            expected = band.high + 1
        if expected != self.max_value + 1:
            raise ValidationError(f"färgfälten måste sluta på {self.max_value}.", "Färgfält")

    def band_for(self, value: int) -> Band:
        for band in self.bands:
            if band.contains(value):
                return band
        raise ValidationError(f"riskvärdet {value} ligger utanför färgfälten.", "Riskvärde")

    def v_label(self, value: int) -> str:
        return self.vasentlighet[value - 1].label if 1 <= value <= self.size else str(value)

    def s_label(self, value: int) -> str:
        return self.sannolikhet[value - 1].label if 1 <= value <= self.size else str(value)

    def to_dict(self) -> dict:
        return {
            "size": self.size,
            "vasentlighet": [[lvl.value, lvl.label, lvl.description] for lvl in self.vasentlighet],
            "sannolikhet": [[lvl.value, lvl.label, lvl.description] for lvl in self.sannolikhet],
            "bands": [[b.low, b.high, b.name, b.colour, b.meaning] for b in self.bands],
        }

    @classmethod
    def from_dict(cls, data: dict) -> MatrixSettings:
        return cls(
            int(data["size"]),
            tuple(ScaleLevel(int(v), str(label), str(d)) for v, label, d in data["vasentlighet"]),
            tuple(ScaleLevel(int(v), str(label), str(d)) for v, label, d in data["sannolikhet"]),
            tuple(Band(int(lo), int(hi), str(n), str(c), str(m)) for lo, hi, n, c, m in data["bands"]),
        )


def new_key() -> str:
    """A stable identity for a risk that follows it from year to year."""
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True, slots=True)
class Risk:
    """One row of the analysis. ``key`` follows the risk into next year's copy."""

    id: int
    nummer: int
    process: str
    risk: str
    vasentlighet: int
    sannolikhet: int
    riskhantering: str = ""
    ansvarig: str = ""
    residual_vasentlighet: int | None = None
    residual_sannolikhet: int | None = None
    key: str = ""

    @property
    def riskvarde(self) -> int:
        return self.vasentlighet * self.sannolikhet

    @property
    def has_residual(self) -> bool:
        return self.residual_vasentlighet is not None and self.residual_sannolikhet is not None

    @property
    def residual_varde(self) -> int | None:
        if not self.has_residual:
            return None
        return self.residual_vasentlighet * self.residual_sannolikhet  # type: ignore[operator]

    def cell(self, residual: bool = False) -> tuple[int, int] | None:
        """(sannolikhet, väsentlighet) of the inherent or residual score."""
        if residual:
            if not self.has_residual:
                return None
            return (self.residual_sannolikhet, self.residual_vasentlighet)  # type: ignore[return-value]
        return (self.sannolikhet, self.vasentlighet)


def validate_risk(risk: Risk, settings: MatrixSettings) -> Risk:
    """Return a cleaned copy of ``risk`` or raise a Swedish ``ValidationError``."""
    process = (risk.process or "").strip()
    text = (risk.risk or "").strip()
    if not process and not text:
        raise ValidationError("ange process/rutin eller risk.", "Risk")
    n = settings.size
    for label, value in (("Väsentlighet", risk.vasentlighet), ("Sannolikhet", risk.sannolikhet)):
        if not isinstance(value, int) or not 1 <= value <= n:
            raise ValidationError(f"måste vara ett heltal 1–{n}.", label)
    rv, rs = risk.residual_vasentlighet, risk.residual_sannolikhet
    if (rv is None) != (rs is None):
        raise ValidationError(
            "ange både väsentlighet och sannolikhet efter åtgärd, eller ingen av dem.", "Kvarstående risk"
        )
    for label, value in (("Väsentlighet efter åtgärd", rv), ("Sannolikhet efter åtgärd", rs)):
        if value is not None and not 1 <= value <= n:
            raise ValidationError(f"måste vara ett heltal 1–{n}.", label)
    if risk.nummer < 0:
        raise ValidationError("kan inte vara negativt.", "Nummer")
    return replace(
        risk,
        process=process,
        risk=text,
        riskhantering=(risk.riskhantering or "").strip(),
        ansvarig=(risk.ansvarig or "").strip(),
        key=risk.key or new_key(),
    )


@dataclass(frozen=True, slots=True)
class RiskMatrix:
    """Which risks sit in each cell. Cells are keyed (sannolikhet, väsentlighet)."""

    size: int
    cells: dict[tuple[int, int], tuple[int, ...]]

    def numbers(self, sannolikhet: int, vasentlighet: int) -> tuple[int, ...]:
        return self.cells.get((sannolikhet, vasentlighet), ())

    def count(self, sannolikhet: int, vasentlighet: int) -> int:
        return len(self.numbers(sannolikhet, vasentlighet))

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.cells.values())

    def counts(self) -> dict[tuple[int, int], int]:
        return {(s, v): self.count(s, v) for s in range(1, self.size + 1) for v in range(1, self.size + 1)}


def build_matrix(risks: Iterable[Risk], size: int, residual: bool = False) -> RiskMatrix:
    """Place each risk in its cell; a score outside the matrix is a ``ValidationError``."""
    cells: dict[tuple[int, int], list[int]] = {}
    for r in risks:
        cell = r.cell(residual)
        if cell is None:
            continue
        s, v = cell
        if not (1 <= s <= size and 1 <= v <= size):
            raise ValidationError(f"risk {r.nummer} ({s}×{v}) ryms inte i en {size}×{size}-matris.", "Matrisstorlek")
        cells.setdefault(cell, []).append(r.nummer)
    return RiskMatrix(size, {k: tuple(sorted(v)) for k, v in cells.items()})


def band_counts(risks: Iterable[Risk], settings: MatrixSettings, residual: bool = False) -> dict[str, int]:
    out = {b.name: 0 for b in settings.bands}
    for r in risks:
        value = r.residual_varde if residual else r.riskvarde
        if value is not None:
            out[settings.band_for(value).name] += 1
    return out


class Movement(StrEnum):
    NY = "ny"
    HOJD = "hojd"
    SANKT = "sankt"
    FLYTTAD = "flyttad"
    OFORANDRAD = "oforandrad"
    BORTTAGEN = "borttagen"

    @property
    def label(self) -> str:
        return {
            "ny": "Ny",
            "hojd": "Högre",
            "sankt": "Lägre",
            "flyttad": "Flyttad",
            "oforandrad": "Oförändrad",
            "borttagen": "Borttagen",
        }[self.value]


@dataclass(frozen=True, slots=True)
class RiskMove:
    """How one risk moved since last year's analysis."""

    key: str
    nummer: int | None
    previous_nummer: int | None
    titel: str
    previous: tuple[int, int] | None
    current: tuple[int, int] | None
    movement: Movement

    @property
    def text(self) -> str:
        if self.movement is Movement.NY:
            return "Ny risk i år"
        if self.movement is Movement.BORTTAGEN:
            return f"Borttagen (var {_cell_text(self.previous)})"
        if self.movement is Movement.OFORANDRAD:
            return f"Oförändrad ({_cell_text(self.current)})"
        return f"{self.movement.label}: från {_cell_text(self.previous)} till {_cell_text(self.current)}"


def _cell_text(cell: tuple[int, int] | None) -> str:
    if cell is None:
        return "–"
    s, v = cell
    return f"S{s}×V{v}={s * v}"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def compare(current: Sequence[Risk], previous: Sequence[Risk]) -> list[RiskMove]:
    """Each current risk against last year's: matched on ``key``, else on the same process and risk text."""
    by_key = {r.key: r for r in previous if r.key}
    by_text = {(_norm(r.process), _norm(r.risk)): r for r in previous}
    used: set[int] = set()
    moves = []
    for r in current:
        old = by_key.get(r.key) if r.key else None
        if old is None or id(old) in used:
            old = by_text.get((_norm(r.process), _norm(r.risk)))
            if old is not None and id(old) in used:
                old = None
        titel = r.risk or r.process
        if old is None:
            moves.append(RiskMove(r.key, r.nummer, None, titel, None, r.cell(), Movement.NY))
            continue
        used.add(id(old))
        if old.cell() == r.cell():
            movement = Movement.OFORANDRAD
        elif r.riskvarde > old.riskvarde:
            movement = Movement.HOJD
        elif r.riskvarde < old.riskvarde:
            movement = Movement.SANKT
        else:
            movement = Movement.FLYTTAD
        moves.append(RiskMove(r.key, r.nummer, old.nummer, titel, old.cell(), r.cell(), movement))
    for old in previous:
        if id(old) not in used:
            moves.append(
                RiskMove(old.key, None, old.nummer, old.risk or old.process, old.cell(), None, Movement.BORTTAGEN)
            )
    return moves


def copy_for_next_year(risks: Sequence[Risk]) -> list[Risk]:
    """Next year's analysis starts as this year's: same rows and keys, no database ids."""
    return [replace(r, id=0) for r in sorted(risks, key=lambda r: r.nummer)]


def renumber(risks: Sequence[Risk]) -> list[Risk]:
    return [replace(r, nummer=i) for i, r in enumerate(sorted(risks, key=lambda r: (r.nummer, r.id)), start=1)]


def content_digest(parts: Iterable[Sequence[object]]) -> str:
    """SHA-256 over the rows of an adopted version (stored beside it)."""
    import hashlib

    h = hashlib.sha256()
    for row in parts:
        h.update(("\x1f".join("" if p is None else str(p) for p in row) + "\x1e").encode("utf-8"))
    return h.hexdigest()
