"""Stickprov, import step 1: the fields a verifikationslista must give (with Swedish header synonyms), the
guessed column mapping and its validation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from finsam_desktop.domain.common.errors import ValidationError


@dataclass(frozen=True, slots=True)
class ImportField:
    name: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


FIELDS = (
    ImportField(
        "verifikation",
        "Verifikationsnummer",
        True,
        ("verifikationsnummer", "verifikation", "ver nr", "vernr", "ver.nr", "ver", "nr", "löpnummer"),
    ),
    ImportField(
        "datum", "Datum", True, ("datum", "bokföringsdatum", "verifikationsdatum", "transaktionsdatum", "date")
    ),
    ImportField("belopp", "Belopp", True, ("belopp", "summa", "kr", "belopp kr", "amount")),
    ImportField(
        "motpart", "Motpart", False, ("motpart", "leverantör", "mottagare", "kund", "betalningsmottagare", "text")
    ),
    ImportField(
        "konto", "Konto/kostnadsställe", False, ("konto", "kostnadsställe", "konto/kostnadsställe", "ansvar", "kst")
    ),
    ImportField(
        "attestanter",
        "Attestant(er)",
        True,
        ("attestant", "attestanter", "attestant(er)", "attesterad av", "beslutsattestant"),
    ),
    ImportField(
        "utanordnare", "Utanordnare", False, ("utanordnare", "utanordnad av", "betalningsgodkännare", "utbetald av")
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}


def _key(text: str) -> str:
    return re.sub(r"[\s_.\-]+", " ", str(text or "").strip().lower())


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Field name → file column, from the headers' usual Swedish names."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    keyed = [(h, _key(h)) for h in headers if str(h or "").strip()]
    for f in FIELDS:
        for syn in f.synonyms:
            hit = next((h for h, k in keyed if k == _key(syn) and h not in taken), None)
            if hit is None:
                hit = next((h for h, k in keyed if k.startswith(_key(syn)) and h not in taken and len(syn) > 3), None)
            if hit is not None:
                mapping[f.name] = hit
                taken.add(hit)
                break
    return mapping


def validate_mapping(mapping: dict[str, str], headers: Sequence[str]) -> dict[str, str]:
    """Check that every required field is mapped to a column the file has."""
    clean = {k: v for k, v in mapping.items() if k in FIELD_BY_NAME and v}
    present = set(headers)
    missing = [FIELD_BY_NAME[f.name].label for f in FIELDS if f.required and f.name not in clean]
    if missing:
        raise ValidationError("välj en kolumn för " + ", ".join(missing) + ".", "Kolumnkoppling")
    absent = [f"”{col}” ({FIELD_BY_NAME[name].label})" for name, col in clean.items() if col not in present]
    if absent:
        raise ValidationError("filen saknar kolumnen " + ", ".join(absent) + ".", "Kolumnkoppling")
    cols = list(clean.values())
    dupes = sorted({c for c in cols if cols.count(c) > 1})
    if dupes:
        raise ValidationError(f"kolumnen ”{dupes[0]}” är vald för flera fält.", "Kolumnkoppling")
    return clean
