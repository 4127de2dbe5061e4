"""Money: Decimal kronor in the domain, integer öre in storage, Swedish formatting."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from finsam_desktop.domain.common.errors import ValidationError, clip

NBSP = "\u00a0"
#: Typographic minus (U+2212), as Swedish print uses; parse_amount accepts it back.
MINUS = "\u2212"
_ORE = Decimal("0.01")


def to_ore(amount: Decimal | int | str) -> int:
    """Kronor (Decimal) → integer öre, rounded half up."""
    value = Decimal(amount).quantize(_ORE, rounding=ROUND_HALF_UP)
    return int(value * 100)


def from_ore(ore: int | None) -> Decimal | None:
    if ore is None:
        return None
    return (Decimal(ore) / 100).quantize(_ORE)


def _group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


def format_number(amount: Decimal | int, decimals: int | None = None, sep: str = " ") -> str:
    """``3680000`` → ``3 680 000``; ``81774.5`` → ``81 774,50``; ``-450`` → ``−450``. Decimals shown only when needed
    unless ``decimals`` is given."""
    value = Decimal(amount)
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 2
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    value = value.quantize(q, rounding=ROUND_HALF_UP)
    sign = MINUS if value < 0 else ""
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    out = sign + _group(whole, sep)
    if decimals:
        out += "," + frac
    return out


def format_kr(amount: Decimal | int | None, decimals: int | None = None) -> str:
    """Swedish amount with ``kr``: ``3 680 000 kr``, ``81 774,50 kr``; ``–`` for unknown."""
    if amount is None:
        return "–"
    return f"{format_number(amount, decimals)} kr"


def format_tkr(amount: Decimal | int | None) -> str:
    if amount is None:
        return "–"
    return f"{format_number(Decimal(amount) / 1000, 0)} tkr"


_AMOUNT_CLEAN = re.compile(r"[\s\u00a0\u202f]")


#: No amount the förbund handles comes near this (its whole turnover is millions); anything at or beyond it is a
#: typo or a damaged file, and would not fit the öre column. Every parsed amount is checked against it.
MAX_AMOUNT = Decimal(10) ** 13


class AmountRangeError(ValidationError):
    """A number, but not a sane amount (|amount| ≥ ``MAX_AMOUNT`` kr)."""


def check_amount(value: Decimal, raw: object = None, field: str | None = None) -> Decimal:
    """``value`` if it is a finite amount below ``MAX_AMOUNT`` kr in size, else a Swedish error quoting ``raw``."""
    shown = clip(value if raw is None else raw)
    if not value.is_finite():
        raise ValidationError(f"”{shown}” är inte ett belopp.", field)
    if abs(value) >= MAX_AMOUNT:
        raise AmountRangeError(f"”{shown}” är ett orimligt stort belopp (högst 9 999 999 999 999 kr).", field)
    return value


def parse_amount(text: str | int | float | Decimal, field: str | None = None) -> Decimal:
    """Parse ``3 680 000``, ``81 774,50``, ``-1 200 kr``, ``1.234,5`` into Decimal kronor (checked by
    ``check_amount``)."""
    if isinstance(text, Decimal):
        return check_amount(text, field=field)
    if isinstance(text, int):
        return check_amount(Decimal(text), field=field)
    if isinstance(text, float):
        return check_amount(Decimal(str(text)), field=field)
    raw = str(text).strip()
    cleaned = _AMOUNT_CLEAN.sub("", raw)
    cleaned = re.sub(r"(?i)(kr|sek|:-)$", "", cleaned).replace("−", "-")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        if not cleaned or not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
            raise InvalidOperation
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(f"”{clip(raw)}” är inte ett belopp.", field) from None
    return check_amount(value, raw, field)
