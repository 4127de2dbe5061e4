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


#: Decimal marks ``parse_amount`` knows: the Swedish comma and the English point.
DECIMAL_MARKS = (",", ".")
_MINUS_SIGNS = ("-", MINUS, "\u2013")  # hyphen-minus, typographic minus, en dash (as Swedish print uses)


def _grouped(digits: str, sep: str) -> bool:
    """Whether ``digits`` is thousands grouped by ``sep``: 1–3 digits, then groups of exactly three."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", digits) is not None


def _plain_number(body: str, decimal: str | None) -> str | None:
    """``body`` (digits with ``,``/``.``) as a plain ``1234.50``; None when it is no amount, ``"?"`` when it
    is ambiguous (``1,234`` or ``1.234``: thousands or three decimals?) and ``decimal`` does not settle it."""
    commas, points = body.count(","), body.count(".")
    if commas and points:
        mark = body[max(body.rfind(","), body.rfind("."))]
        sep = "." if mark == "," else ","
        whole, _, frac = body.rpartition(mark)
        if not frac.isdigit() or not (whole.isdigit() or _grouped(whole, sep)):
            return None
        return whole.replace(sep, "") + "." + frac
    if not commas and not points:
        return body if body.isdigit() else None
    sep = "," if commas else "."
    count = commas or points
    if count > 1:  # 1,234,567 or 1.234.567: thousands only
        return body.replace(sep, "") if _grouped(body, sep) else None
    whole, _, frac = body.partition(sep)
    if not frac.isdigit() or (whole and not whole.isdigit()):
        return None
    if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        if decimal is None:
            return "?"
        if decimal != sep:
            return whole + frac
    return (whole or "0") + "." + frac


def parse_amount(text: str | int | float | Decimal, field: str | None = None, decimal: str | None = None) -> Decimal:
    """Parse an amount as Swedish and other exports write it into Decimal kronor (checked by ``check_amount``):
    ``3 680 000``, ``81 774,50``, ``1.234,50``, ``1,234.50``, ``1 234.50``, ``-1 200 kr``, ``−1 200``,
    ``1 200-`` (trailing minus, as ledger exports write it) and ``(1 234,50)`` (negative in parentheses).

    ``1,234`` and ``1.234`` alone are refused as ambiguous – thousands (1 234 kr) or three decimals? – unless
    ``decimal`` (``","`` or ``"."``: the mark the rest of the file uses) settles it. A comma or point followed by
    one, two or more than three digits, or by three after a zero (``0,125``), is the decimal mark."""
    if isinstance(text, Decimal):
        return check_amount(text, field=field)
    if isinstance(text, int):
        return check_amount(Decimal(text), field=field)
    if isinstance(text, float):
        return check_amount(Decimal(str(text)), field=field)
    raw = str(text).strip()
    body = _AMOUNT_CLEAN.sub("", raw)
    body = re.sub(r"(?i)(kr|sek|:-)$", "", body)
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    body = re.sub(r"(?i)(kr|sek|:-)$", "", body)
    if body[:1] in _MINUS_SIGNS:
        negative, body = not negative, body[1:]
    elif body[:1] == "+":
        body = body[1:]
    elif body[-1:] in _MINUS_SIGNS:
        negative, body = not negative, body[:-1]
    plain = _plain_number(body, decimal) if body else None
    if plain == "?":
        raise ValidationError(
            f"”{clip(raw)}” är tvetydigt: tusental ({body.replace(',', ' ').replace('.', ' ')} kr) eller tre "
            "decimaler? Skriv beloppet med mellanslag mellan tusentalen eller med två decimaler.",
            field,
        )
    try:
        if plain is None:
            raise InvalidOperation
        value = Decimal(plain)
    except InvalidOperation:
        raise ValidationError(f"”{clip(raw)}” är inte ett belopp.", field) from None
    return check_amount(-value if negative else value, raw, field)


def amount_mark(text: object) -> str | None:
    """The decimal mark one amount text shows unambiguously (``1,234.50`` → ``"."``, ``12,50`` → ``","``,
    ``1.234.567`` → ``","``), else None."""
    body = _AMOUNT_CLEAN.sub("", str(text or "")).strip("()+-" + MINUS + "\u2013")
    body = re.sub(r"(?i)(kr|sek|:-)$", "", body)
    commas, points = body.count(","), body.count(".")
    if commas and points:
        return body[max(body.rfind(","), body.rfind("."))]
    if commas + points == 1:
        frac = body.rpartition("," if commas else ".")[2]
        if len(frac) != 3 and frac.isdigit():
            return "," if commas else "."
    elif commas > 1 or points > 1:
        return "." if commas else ","
    return None


def decimal_mark(texts) -> str | None:
    """The decimal mark a column of amount texts uses (``","`` or ``"."``), from its unambiguous cells
    (``1,234.50``, ``12,50``, ``1.234.567``); None when none tells or they disagree."""
    seen = set()
    for text in texts:
        mark = amount_mark(text)
        if mark is not None:
            seen.add(mark)
        if len(seen) > 1:
            return None
    return seen.pop() if seen else None
