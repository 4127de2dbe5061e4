"""Stickprov, import step 1: the fields a verifikationslista may give (with Swedish header synonyms), the
honest guess of the column mapping (a role with two equally good columns is left for the user to choose), old
stored mappings brought up to date, and the mapping's validation.

Only Verifikationsnummer, Datum and Belopp are required; a field without a column is *not checked*.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from finsam_desktop.domain.common.errors import ValidationError


@dataclass(frozen=True, slots=True)
class ImportField:
    name: str
    label: str
    required: bool
    synonyms: tuple[str, ...]
    #: Used only when no column matches ``synonyms`` (e.g. "Text" for Motpart).
    weak: tuple[str, ...] = ()
    #: A code field (number/id): a header that names a description ("Kontonamn", "Konto text") is not it.
    code: bool = False


FIELDS = (
    ImportField(
        "verifikation",
        "Verifikationsnummer",
        True,
        ("verifikationsnummer", "verifikation", "verifikationsnr", "ver nr", "vernr", "ver nummer", "ver", "ver id"),
        ("nr", "löpnummer", "löpnr"),
        code=True,
    ),
    ImportField(
        "datum",
        "Datum",
        True,
        (
            "datum",
            "bokföringsdatum",
            "bokf datum",
            "bokfdatum",
            "bokföringsdag",
            "verifikationsdatum",
            "ver datum",
            "verdatum",
            "transaktionsdatum",
            "date",
        ),
        ("fakturadatum", "betaldatum", "betalningsdatum"),
    ),
    ImportField("belopp", "Belopp", True, ("belopp", "amount", "belopp kr", "belopp sek"), ("summa", "kr", "sek")),
    ImportField(
        "motpart",
        "Motpart",
        False,
        ("motpart", "leverantör", "leverantörsnamn", "mottagare", "kund", "betalningsmottagare", "lev namn"),
        ("text", "verifikationstext", "benämning"),
    ),
    ImportField("konto", "Konto", False, ("konto", "kontonr", "kontonummer", "baskonto", "kto"), code=True),
    ImportField(
        "kostnadsstalle",
        "Kostnadsställe",
        False,
        (
            "kostnadsställe",
            "kst",
            "ansvar",
            "ansvarsställe",
            "ansvarskod",
            "verksamhet",
            "resultatenhet",
            "konto/kostnadsställe",
            "kostnadsställe/konto",
        ),
        code=True,
    ),
    ImportField(
        "fakturanummer",
        "Fakturanummer",
        False,
        ("fakturanummer", "fakturanr", "faktura nr", "fakt nr", "löpnr faktura", "fakturanummer lev"),
        ("faktura", "ocr", "ocr nummer", "ocrnr"),
        code=True,
    ),
    ImportField(
        "attestanter",
        "Beslutsattest",
        False,
        (
            "attestant",
            "attestanter",
            "attestant(er)",
            "attesterad av",
            "attest",
            "beslutsattest",
            "beslutsattestant",
            "beslutsattesterad av",
        ),
    ),
    ImportField(
        "mottagningsattest",
        "Mottagningsattest",
        False,
        (
            "mottagningsattest",
            "mottagningsattestant",
            "mottagningsattesterad av",
            "granskningsattest",
            "granskningsattestant",
            "granskare",
            "granskad av",
            "beställare",
        ),
    ),
    ImportField(
        "utanordnare",
        "Utanordnare",
        False,
        ("utanordnare", "utanordnad av", "utanordning", "betalningsgodkännare", "utbetald av", "betalningsattest"),
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}
REQUIRED = tuple(f.name for f in FIELDS if f.required)
#: Words that make a header a description, not a code (for ``ImportField.code`` fields).
_DESCRIPTIVE = re.compile(r"\b(namn|text|benämning|beskrivning)\b|(namn|text|benämning)$")


def _key(text: str) -> str:
    return re.sub(r"[\s_.\-]+", " ", str(text or "").strip().lower()).strip()


def _matches(key: str, synonyms: Sequence[str]) -> bool:
    for syn in synonyms:
        s = _key(syn)
        if key == s or (len(s) > 3 and re.match(re.escape(s) + r"(?=[\s(/:,]|\d|$)", key)):
            return True
    return False


def candidates(f: ImportField, headers: Sequence[str]) -> tuple[str, ...]:
    """The columns that are equally good for ``f``: those matching its synonyms, else its weak synonyms.
    A synonym matches a header that is it, or starts with it as a word ("Belopp SEK", "Attestant 2")."""
    keyed = [(h, _key(h)) for h in headers if str(h or "").strip()]
    if f.name != "datum":
        keyed = [(h, k) for h, k in keyed if "datum" not in k]
    if f.code:
        keyed = [(h, k) for h, k in keyed if not _DESCRIPTIVE.search(k)]
    for synonyms in (f.synonyms, f.weak):
        hits = tuple(dict.fromkeys(h for h, k in keyed if _matches(k, synonyms)))
        if hits:
            return hits
    return ()


@dataclass(frozen=True)
class MappingGuess:
    """The guessed mapping (field name → column) and the roles left open because two or more columns are
    equally good candidates (field name → those columns, in file order): the user must choose."""

    mapping: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def resolved(self) -> bool:
        return not self.ambiguous


def guess_columns(headers: Sequence[str]) -> MappingGuess:
    """Guess each field's column from the headers' usual Swedish names; never pick between equals."""
    mapping: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    # A header that is exactly one field's synonym ("Konto/kostnadsställe") belongs to that field only.
    owner = {}
    for h in headers:
        exact = [f.name for f in FIELDS if _key(h) in {_key(s) for s in f.synonyms}]
        if len(exact) == 1:
            owner[h] = exact[0]
    taken: set[str] = set()
    for f in FIELDS:
        hits = tuple(h for h in candidates(f, headers) if h not in taken and owner.get(h, f.name) == f.name)
        if len(hits) == 1:
            mapping[f.name] = hits[0]
            taken.add(hits[0])
        elif len(hits) > 1:
            ambiguous[f.name] = hits
            taken.update(hits)
    return MappingGuess(mapping, ambiguous)


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Field name → file column for the roles the guess could settle (see ``guess_columns``)."""
    return guess_columns(headers).mapping


def upgrade_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """A mapping stored before Konto and Kostnadsställe were separate fields: its "konto" (then labelled
    "Konto/kostnadsställe") pointing at a kostnadsställe column ("Kostnadsställe", "Kst", "Ansvar" …) becomes
    "kostnadsstalle"; a konto column stays "konto". Unknown keys are dropped."""
    out = {k: v for k, v in mapping.items() if k in FIELD_BY_NAME and v}
    col = out.get("konto")
    if col and "kostnadsstalle" not in out and _matches(_key(col), FIELD_BY_NAME["kostnadsstalle"].synonyms):
        out["kostnadsstalle"] = out.pop("konto")
    return out


def quoted(columns: Sequence[str]) -> str:
    return ", ".join(f"”{c}”" for c in columns)


def mapping_text(mapping: Mapping[str, str]) -> str:
    """``Kolumnkoppling: Verifikationsnummer ← ”Ver nr”, …; saknas (kontrolleras inte): Utanordnare``."""
    used = [f"{f.label} ← ”{mapping[f.name]}”" for f in FIELDS if mapping.get(f.name)]
    absent = [f.label for f in FIELDS if not mapping.get(f.name)]
    text = "Kolumnkoppling: " + (", ".join(used) or "(ingen)")
    if absent:
        text += "; saknas (kontrolleras inte): " + ", ".join(absent)
    return text + "."


def validate_mapping(mapping: Mapping[str, str], headers: Sequence[str]) -> dict[str, str]:
    """Check that every required field is mapped to a column the file has; a required role the guess left
    open names its candidate columns."""
    clean = {k: v for k, v in mapping.items() if k in FIELD_BY_NAME and v}
    present = set(headers)
    missing = [f for f in FIELDS if f.required and f.name not in clean]
    if missing:
        open_roles = guess_columns(headers).ambiguous
        parts = [
            f"välj kolumn för {f.label}: {quoted(open_roles[f.name])}"
            if f.name in open_roles
            else f"välj en kolumn för {f.label}"
            for f in missing
        ]
        raise ValidationError("; ".join(parts) + ".", "Kolumnkoppling")
    absent = [f"”{col}” ({FIELD_BY_NAME[name].label})" for name, col in clean.items() if col not in present]
    if absent:
        raise ValidationError("filen saknar kolumnen " + ", ".join(absent) + ".", "Kolumnkoppling")
    cols = list(clean.values())
    dupes = sorted({c for c in cols if cols.count(c) > 1})
    if dupes:
        raise ValidationError(f"kolumnen ”{dupes[0]}” är vald för flera fält.", "Kolumnkoppling")
    return clean
