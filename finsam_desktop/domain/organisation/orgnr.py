"""Swedish organisationsnummer: format NNNNNN-NNNN with a Luhn check digit."""

from __future__ import annotations

import re

from finsam_desktop.domain.common.errors import ValidationError

_PATTERN = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_check_digit(digits: str) -> int:
    """Check digit for the nine leading digits (weights 2,1,2,1,... from the left)."""
    total = 0
    for i, ch in enumerate(digits):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def normalize_orgnr(value: str) -> str:
    """Return the number as NNNNNN-NNNN or raise ValidationError with a Swedish message."""
    text = (value or "").strip().replace(" ", "")
    match = _PATTERN.match(text)
    if not match:
        raise ValidationError(f"”{value}” har fel format; skriv tio siffror som NNNNNN-NNNN.", "Organisationsnummer")
    digits = match.group(1) + match.group(2)
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            f"kontrollsiffran i ”{value}” stämmer inte (ska vara {luhn_check_digit(digits[:9])}).",
            "Organisationsnummer",
        )
    return f"{match.group(1)}-{match.group(2)}"


def is_valid_orgnr(value: str) -> bool:
    try:
        normalize_orgnr(value)
    except ValidationError:
        return False
    return True
