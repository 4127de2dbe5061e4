"""Goals and indicators of the insatser and of the förbund: target vs actual per report date.

A goal (``Goal``) is one of the standard indicators (``resources/verksamhet/indikatorer.json``, seeds 003–004
section 6.2, ready to pick) or a free one, for one insats or for the förbund as a whole, with a target value, a unit,
a comparison ("minst", "högst", "exakt") and a period (a year, or from–to). Each report date has a measured value
(``Measurement``); for a share the counts behind it (``taljare``/``namnare``) give the percentage, and a stated
percentage that does not match its counts is flagged (the lägesrapport's "% av aktiva" truncates; both floor and
rounding are accepted, anything else is wrong).

Display: "240 (190)" = target (actual), as the lägesrapport writes it; "≥ 30 (20) %" for a share with "minst".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError


class Unit(StrEnum):
    ANTAL = "antal"
    PROCENT = "procent"
    KR = "kr"
    TKR = "tkr"
    TIMMAR = "timmar"

    @property
    def suffix(self) -> str:
        return {"antal": "", "procent": " %", "kr": " kr", "tkr": " tkr", "timmar": " h"}[self.value]


class Comparison(StrEnum):
    MINST = "minst"
    HOGST = "hogst"
    EXAKT = "exakt"

    @property
    def sign(self) -> str:
        return {"minst": "≥ ", "hogst": "≤ ", "exakt": ""}[self.value]


@dataclass(frozen=True, slots=True)
class StandardIndicator:
    kod: str
    namn: str
    matning: str
    enhet: Unit
    andel: bool
    jamforelse: Comparison


def load_standard_indicators(text: str) -> tuple[StandardIndicator, ...]:
    """The standard indicator set from ``indikatorer.json``'s text."""
    data = json.loads(text)
    return tuple(
        StandardIndicator(
            d["kod"], d["namn"], d.get("matning", ""), Unit(d["enhet"]), bool(d["andel"]), Comparison(d["jamforelse"])
        )
        for d in data["indikatorer"]
    )


@dataclass(frozen=True, slots=True)
class Period:
    fran: date
    till: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def is_year(self) -> bool:
        return (self.fran.month, self.fran.day, self.till.month, self.till.day) == (1, 1, 12, 31) and (
            self.fran.year == self.till.year
        )

    @property
    def text(self) -> str:
        if self.is_year:
            return str(self.fran.year)
        return f"{self.fran.isoformat()}–{self.till.isoformat()}"


def validate_period(fran: date | None, till: date | None) -> Period:
    if fran is None or till is None:
        raise ValidationError("ange periodens start och slut (eller ett år).", "Period")
    if till < fran:
        raise ValidationError(f"perioden slutar {till.isoformat()}, före sin start {fran.isoformat()}.", "Period")
    return Period(fran, till)


@dataclass(frozen=True, slots=True)
class Goal:
    id: int | None
    insats_id: int | None  # None: a goal of the förbund
    namn: str
    indikator: str  # a standard indicator's kod, or "" for a free goal
    malvarde: Decimal
    enhet: Unit
    jamforelse: Comparison
    period: Period
    andel: bool = False  # the value is a share computed from counts


@dataclass(frozen=True, slots=True)
class Measurement:
    """The measured value at a report date: ``varde`` as stated; for a share also the counts behind it."""

    per: date
    varde: Decimal | None
    taljare: int | None = None
    namnare: int | None = None
    kommentar: str = ""

    @property
    def computed(self) -> Decimal | None:
        return share_percent(self.taljare, self.namnare)

    @property
    def actual(self) -> Decimal | None:
        """The value shown: the stated one, else the one computed from the counts."""
        return self.varde if self.varde is not None else self.computed


def share_percent(taljare: int | None, namnare: int | None, places: int = 1) -> Decimal | None:
    """``taljare / namnare`` in per cent, rounded half up to ``places`` decimals; None without a denominator."""
    if taljare is None or not namnare:
        return None
    q = Decimal(1).scaleb(-places)
    return (Decimal(taljare) * 100 / Decimal(namnare)).quantize(q, ROUND_HALF_UP)


def percent_matches(stated: Decimal, taljare: int, namnare: int) -> bool:
    """A stated whole or decimal percentage matches its counts when it is the exact share truncated or rounded
    to the stated number of decimals (documents do both: seed 002's "% av aktiva" truncates)."""
    if not namnare:
        return False
    exact = Decimal(taljare) * 100 / Decimal(namnare)
    exponent = stated.as_tuple().exponent
    q = Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return stated in (exact.quantize(q, ROUND_DOWN), exact.quantize(q, ROUND_HALF_UP))


def validate_goal(goal: Goal) -> Goal:
    if not goal.namn.strip():
        raise ValidationError("målet behöver ett namn.", "Namn")
    if goal.malvarde < 0:
        raise ValidationError("målvärdet kan inte vara negativt.", "Målvärde")
    if goal.enhet is Unit.PROCENT and goal.malvarde > 100:
        raise ValidationError(f"ett mål i procent kan inte vara {format_value(goal.malvarde)} %.", "Målvärde")
    validate_period(goal.period.fran, goal.period.till)
    return goal


def validate_measurement(goal: Goal, m: Measurement) -> Measurement:
    if m.varde is None and m.computed is None:
        raise ValidationError("ange ett uppmätt värde eller antalen det räknas fram ur.", "Utfall")
    for label, n in (("Antal (täljare)", m.taljare), ("Antal (nämnare)", m.namnare)):
        if n is not None and n < 0:
            raise ValidationError("antal kan inte vara negativa.", label)
    if m.taljare is not None and m.namnare is not None and m.taljare > m.namnare:
        raise ValidationError(f"täljaren {m.taljare} är större än nämnaren {m.namnare}.", "Utfall")
    if m.varde is not None and m.varde < 0:
        raise ValidationError("värdet kan inte vara negativt.", "Utfall")
    if goal.enhet is Unit.PROCENT and m.varde is not None and m.varde > 100:
        raise ValidationError(f"en andel kan inte vara {format_value(m.varde)} %.", "Utfall")
    return m


def parse_value(text: str, field: str = "Värde") -> Decimal:
    """A Swedish number: "240", "30 %", "12,5", "1 200"."""
    raw = str(text).strip().removesuffix("%").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"”{text}” är inget tal.", field) from None
    if not value.is_finite():
        raise ValidationError(f"”{text}” är inget tal.", field)
    return value


def format_value(value: Decimal | int | None) -> str:
    """A value as the documents write it: "240", "36", "12,5", "1 200"."""
    if value is None:
        return "–"
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", "\u00a0")
    return f"{d.normalize():f}".replace(".", ",")


def format_target_actual(goal: Goal, actual: Decimal | int | None, sign: bool = True) -> str:
    """ "240 (190)", "≥ 30 (20) %": target (actual), the unit once at the end; "(–)" before any measurement."""
    prefix = goal.jamforelse.sign if sign else ""
    return f"{prefix}{format_value(goal.malvarde)} ({format_value(actual)}){goal.enhet.suffix}"


def is_met(goal: Goal, actual: Decimal | int | None) -> bool | None:
    """Whether ``actual`` reaches the target; None when nothing is measured."""
    if actual is None:
        return None
    a = Decimal(actual)
    if goal.jamforelse is Comparison.MINST:
        return a >= goal.malvarde
    if goal.jamforelse is Comparison.HOGST:
        return a <= goal.malvarde
    return a == goal.malvarde


def share_of_target(goal: Goal, actual: Decimal | int | None) -> Decimal | None:
    """How far ``actual`` has come, in per cent of the target (190 of 240 → 79,2)."""
    if actual is None or not goal.malvarde:
        return None
    return (Decimal(actual) * 100 / goal.malvarde).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Flag:
    where: str
    text: str


def check_measurement(goal: Goal, m: Measurement) -> tuple[Flag, ...]:
    """A stated percentage that does not match its counts, or a percentage without the counts of a share."""
    where = f"{goal.namn} per {m.per.isoformat()}"
    if m.varde is not None and m.taljare is not None and m.namnare:
        if goal.enhet is Unit.PROCENT and not percent_matches(m.varde, m.taljare, m.namnare):
            return (
                Flag(
                    where,
                    f"angivet {format_value(m.varde)} % stämmer inte med antalen {m.taljare} av {m.namnare} "
                    f"(= {format_value(share_percent(m.taljare, m.namnare))} %).",
                ),
            )
    return ()


def check_shares(rows: list[tuple[str, int, Decimal]], total: int, what: str) -> tuple[Flag, ...]:
    """Stated percentages of a table ("% av aktiva") against their counts and the total they are a share of."""
    flags = []
    for label, count, stated in rows:
        if not percent_matches(stated, count, total):
            flags.append(
                Flag(
                    f"{what}: {label}",
                    f"angivet {format_value(stated)} % stämmer inte med {count} av {total} "
                    f"(= {format_value(share_percent(count, total))} %).",
                )
            )
    return tuple(flags)
