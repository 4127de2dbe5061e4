"""Stickprov of verifikationer: the import (column mapping, all-or-nothing parsing), the population
filter, the reproducible draw and the reviewers' per-item record.

The same transactions, filter and seed always give the same sample: the population is put in a
stable order (datum, verifikationsnummer, file row) and drawn with ``random.Random(seed)``.
"""

from __future__ import annotations

import hashlib
import random
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from finsam_desktop.domain.common import tabular
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr, parse_amount

# --- the columns ------------------------------------------------------------------------------


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


# --- reading files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RawTable:
    """A file's header row and data rows as text/values, with the file row number of each."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


#: File names the import accepts; a workbook is recognised by its content whatever its name.
SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".skv", ".tsv")


def read_table(data: bytes, filename: str) -> RawTable:
    """Read .csv (``;``, ``,`` or tab; any encoding and line ends) or .xlsx (first sheet) through the one
    tolerant reader, ``tabular``."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and not tabular.is_workbook(data):
        raise ValidationError(f"filtypen {suffix or '(ingen)'} stöds inte; välj en .xlsx- eller .csv-fil.", "Fil")
    table = tabular.read_table(data)
    return _xlsx_table(table.rows) if table.kind == "xlsx" else _csv_table(table.rows)


def _csv_table(rows: Iterable[tuple[int, tuple[object, ...]]]) -> RawTable:
    headers: tuple[str, ...] | None = None
    out = []
    for number, cells in rows:
        if not any(str(c).strip() for c in cells):
            continue
        if headers is None:
            headers = tuple(str(c).strip() for c in cells)
            continue
        out.append((number, cells))
    if headers is None:
        raise ValidationError("filen är tom.", "Fil")
    return RawTable(headers, tuple(out))


def _xlsx_table(rows: Iterable[tuple[int, tuple[object, ...]]]) -> RawTable:
    headers: tuple[str, ...] | None = None
    out = []
    for number, cells in rows:
        if headers is None:
            if not any(c not in (None, "") for c in cells):
                continue
            headers = tuple("" if c is None else str(c).strip() for c in cells)
            continue
        if not any(c not in (None, "") for c in cells):
            continue
        # A workbook leaves trailing empty cells out; they are empty, not missing.
        out.append((number, cells + (None,) * (len(headers) - len(cells))))
    if headers is None:
        raise ValidationError("arbetsboken är tom.", "Fil")
    return RawTable(headers, tuple(out))


# --- transactions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Transaction:
    rad: int
    verifikation: str
    datum: date
    belopp: Decimal
    motpart: str = ""
    konto: str = ""
    attestanter: tuple[str, ...] = ()
    utanordnare: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.datum, self.verifikation, self.rad)


@dataclass(frozen=True, slots=True)
class RowError:
    rad: int
    kolumn: str
    reason: str

    def __str__(self) -> str:
        return f"Rad {self.rad}, {self.kolumn}: {self.reason}" if self.kolumn else f"Rad {self.rad}: {self.reason}"


class ImportRejected(ValidationError):
    """The whole file is refused; ``errors`` lists every unreadable row."""

    SHOWN = 50

    def __init__(self, errors: Sequence[RowError], filename: str = ""):
        self.errors = tuple(errors)
        rows = sorted({e.rad for e in self.errors})
        lines = [str(e) for e in self.errors[: self.SHOWN]]
        if len(self.errors) > self.SHOWN:
            lines.append(f"… och {len(self.errors) - self.SHOWN} fel till.")
        name = f"{filename} " if filename else "Filen "
        head = (
            f"{name}lästes inte in: {len(rows)} rad{'er' if len(rows) != 1 else ''} går inte att läsa "
            f"({', '.join(map(str, rows[:20]))}{' …' if len(rows) > 20 else ''}). Inget har sparats."
        )
        super().__init__(head + "\n" + "\n".join(lines))

    @property
    def rows(self) -> tuple[int, ...]:
        return tuple(sorted({e.rad for e in self.errors}))


_SPLIT_NAMES = re.compile(r"\s*(?:[,;/&+]|\boch\b)\s*")


def split_names(text: object) -> tuple[str, ...]:
    names = [n.strip() for n in _SPLIT_NAMES.split(str(text or "")) if n.strip()]
    return tuple(dict.fromkeys(names))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_transactions(table: RawTable, mapping: dict[str, str], filename: str = "") -> list[Transaction]:
    """All rows or nothing: any unreadable row rejects the file with every row number and reason."""
    mapping = validate_mapping(mapping, table.headers)
    index = {name: table.headers.index(col) for name, col in mapping.items()}
    errors: list[RowError] = []
    out: list[Transaction] = []
    for number, cells in table.rows:
        row_errors: list[RowError] = []
        values: dict[str, object] = {}
        for name, i in index.items():
            f = FIELD_BY_NAME[name]
            if i >= len(cells):
                row_errors.append(
                    RowError(
                        number, f.label, f"kolumnen saknas på raden ({len(cells)} av {len(table.headers)} kolumner)."
                    )
                )
                continue
            values[name] = cells[i]
        if row_errors:
            errors.extend(row_errors)
            continue
        ver = _cell_text(values["verifikation"])
        if not ver:
            row_errors.append(RowError(number, "Verifikationsnummer", "saknas."))
        raw_date = values["datum"]
        datum = None
        if isinstance(raw_date, datetime):
            datum = raw_date.date()
        elif isinstance(raw_date, date):
            datum = raw_date
        elif _cell_text(raw_date) == "":
            row_errors.append(RowError(number, "Datum", "saknas."))
        else:
            try:
                datum = parse_date(_cell_text(raw_date))
            except ValidationError as exc:
                row_errors.append(RowError(number, "Datum", exc.message))
        raw_amount = values["belopp"]
        belopp = None
        if raw_amount is None or _cell_text(raw_amount) == "":
            row_errors.append(RowError(number, "Belopp", "saknas."))
        else:
            try:
                belopp = parse_amount(
                    raw_amount if isinstance(raw_amount, int | float | Decimal) else _cell_text(raw_amount)
                )
                if belopp != belopp.quantize(Decimal("0.01")):
                    raise ValidationError(f"”{raw_amount}” har fler än två decimaler.")
            except ValidationError as exc:
                row_errors.append(RowError(number, "Belopp", exc.message))
        if row_errors:
            errors.extend(row_errors)
            continue
        out.append(
            Transaction(
                rad=number,
                verifikation=ver,
                datum=datum,  # type: ignore[arg-type]
                belopp=belopp.quantize(Decimal("0.01")),  # type: ignore[union-attr]
                motpart=_cell_text(values.get("motpart")),
                konto=_cell_text(values.get("konto")),
                attestanter=split_names(values.get("attestanter")),
                utanordnare=_cell_text(values.get("utanordnare")),
            )
        )
    if errors:
        raise ImportRejected(errors, filename)
    if not out:
        raise ValidationError("filen innehåller inga verifikationer.", "Fil")
    return out


def load_transactions(data: bytes, filename: str, mapping: dict[str, str]) -> list[Transaction]:
    return parse_transactions(read_table(data, filename), mapping, filename)


# --- the draw ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PopulationFilter:
    """Which transactions may be drawn. ``konto`` holds comma-separated account prefixes."""

    fran: date | None = None
    till: date | None = None
    konto: str = ""
    min_belopp: Decimal | None = None

    @property
    def konto_prefixes(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in re.split(r"[,;\s]+", self.konto or "") if p.strip())

    def accepts(self, t: Transaction) -> bool:
        if self.fran and t.datum < self.fran:
            return False
        if self.till and t.datum > self.till:
            return False
        prefixes = self.konto_prefixes
        if prefixes and not t.konto.startswith(prefixes):
            return False
        if self.min_belopp is not None and abs(t.belopp) < self.min_belopp:
            return False
        return True

    def validate(self) -> None:
        if self.fran and self.till and self.till < self.fran:
            raise ValidationError("perioden slutar före den börjar.", "Period")
        if self.min_belopp is not None and self.min_belopp < 0:
            raise ValidationError("kan inte vara negativt.", "Lägsta belopp")

    @property
    def text(self) -> str:
        parts = []
        if self.fran or self.till:
            parts.append(
                f"period {self.fran.isoformat() if self.fran else '…'} – {self.till.isoformat() if self.till else '…'}"
            )
        if self.konto_prefixes:
            parts.append("konto " + ", ".join(self.konto_prefixes))
        if self.min_belopp is not None:
            parts.append(f"belopp minst {format_kr(self.min_belopp)}")
        return "; ".join(parts) or "hela filen"


class Urval(StrEnum):
    SLUMP = "slump"
    OVER = "over"

    @property
    def label(self) -> str:
        return "Slumpmässigt" if self is Urval.SLUMP else "Över beloppsgräns"


@dataclass(frozen=True, slots=True)
class DrawnItem:
    transaction: Transaction
    urval: Urval


@dataclass(frozen=True)
class Draw:
    """A reproducible sample: the population, the method and the drawn items (in date order)."""

    population_count: int
    population_sum: Decimal
    fingerprint: str
    filter: PopulationFilter
    storlek: int
    seed: int
    over_belopp: Decimal | None
    items: tuple[DrawnItem, ...]

    @property
    def method_text(self) -> str:
        text = (
            f"Slumpmässigt urval av {sum(1 for i in self.items if i.urval is Urval.SLUMP)} poster "
            f"(Python random.Random, frö {self.seed}) ur populationen sorterad på datum och verifikationsnummer"
        )
        if self.over_belopp is not None:
            n = sum(1 for i in self.items if i.urval is Urval.OVER)
            text += f", därtill samtliga {n} poster över {format_kr(self.over_belopp)}"
        return text + "."


def population(transactions: Iterable[Transaction], flt: PopulationFilter) -> list[Transaction]:
    """The filtered population in the stable order the draw uses."""
    return sorted((t for t in transactions if flt.accepts(t)), key=lambda t: t.sort_key)


def fingerprint(transactions: Sequence[Transaction]) -> str:
    """SHA-256 over the population, so a later draw can show it used the same data."""
    h = hashlib.sha256()
    for t in transactions:
        h.update(
            "\x1f".join(
                (
                    t.verifikation,
                    t.datum.isoformat(),
                    str(t.belopp),
                    t.motpart,
                    t.konto,
                    "|".join(t.attestanter),
                    t.utanordnare,
                )
            ).encode("utf-8")
        )
        h.update(b"\x1e")
    return h.hexdigest()


def draw(
    transactions: Iterable[Transaction],
    flt: PopulationFilter,
    storlek: int,
    seed: int,
    over_belopp: Decimal | None = None,
) -> Draw:
    """``storlek`` random items, plus every item above ``over_belopp`` (in addition)."""
    flt.validate()
    if storlek < 0:
        raise ValidationError("kan inte vara negativ.", "Stickprovsstorlek")
    if over_belopp is not None and over_belopp < 0:
        raise ValidationError("kan inte vara negativt.", "Samtliga över")
    pop = population(transactions, flt)
    if not pop:
        raise ValidationError("inga verifikationer matchar urvalet (period, konto, belopp).", "Population")
    certain = [t for t in pop if over_belopp is not None and abs(t.belopp) > over_belopp]
    certain_ids = {id(t) for t in certain}
    rest = [t for t in pop if id(t) not in certain_ids]
    picked = random.Random(seed).sample(rest, min(storlek, len(rest)))
    items = [DrawnItem(t, Urval.OVER) for t in certain] + [DrawnItem(t, Urval.SLUMP) for t in picked]
    items.sort(key=lambda i: i.transaction.sort_key)
    return Draw(
        population_count=len(pop),
        population_sum=sum((t.belopp for t in pop), Decimal("0.00")),
        fingerprint=fingerprint(pop),
        filter=flt,
        storlek=storlek,
        seed=seed,
        over_belopp=over_belopp,
        items=tuple(items),
    )


def new_seed() -> int:
    """A fresh random seed to store with a draw (six digits, easy to read out to the revisorer)."""
    return 100000 + secrets.randbelow(900000)


def suggested_size(population_count: int, plan_size: int | None = None) -> int:
    """The plan's size if it has one, else 10 % of the population, at least 5 and at most 25."""
    if plan_size:
        return min(plan_size, population_count)
    return min(population_count, max(5, min(25, round(population_count * 0.10))))


def size_guidance(population_count: int, plan_size: int | None = None) -> str:
    n = suggested_size(population_count, plan_size)
    if plan_size:
        return f"Kontrollplanen anger {plan_size} poster; förslag {n} av {population_count}."
    return (
        f"Förslag: 10 % av populationen, minst 5 och högst 25 poster – här {n} av {population_count}. "
        "Lägg till ”samtliga över” för stora belopp."
    )


# --- the review -------------------------------------------------------------------------------


class Bedomning(StrEnum):
    EJ_GRANSKAD = ""
    OK = "ok"
    AVVIKELSE = "avvikelse"

    @property
    def label(self) -> str:
        return {"": "Ej granskad", "ok": "OK", "avvikelse": "Avvikelse"}[self.value]


@dataclass(frozen=True, slots=True)
class ItemReview:
    granskad_av: str
    datum: date
    bedomning: Bedomning
    kommentar: str = ""
    atgard: str = ""


def validate_item_review(review: ItemReview, auto_findings: Sequence[str] = ()) -> ItemReview:
    if not (review.granskad_av or "").strip():
        raise ValidationError("ange vem som granskat posten.", "Granskad av")
    b = Bedomning(review.bedomning)
    if b is Bedomning.EJ_GRANSKAD:
        raise ValidationError("välj OK eller Avvikelse.", "Bedömning")
    if b is Bedomning.AVVIKELSE and not (review.kommentar or "").strip():
        raise ValidationError("beskriv avvikelsen.", "Kommentar")
    if b is Bedomning.OK and auto_findings and not (review.kommentar or "").strip():
        raise ValidationError(
            "den automatiska kontrollen hittade fel; förklara i kommentaren varför posten ändå är OK.", "Kommentar"
        )
    return ItemReview(
        review.granskad_av.strip(), review.datum, b, (review.kommentar or "").strip(), (review.atgard or "").strip()
    )


@dataclass(frozen=True)
class SampleFile:
    """A file's bytes and name with the mapping used, kept so a draw can be reproduced."""

    filename: str
    data: bytes = field(repr=False)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
