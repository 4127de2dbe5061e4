"""Stickprov of verifikationer: the import (column mapping, all-or-nothing parsing), the population
filter, the reproducible draw and the reviewers' per-item record.

The same transactions, filter and seed always give the same sample: the population is put in a
stable order (datum, verifikationsnummer, file row) and drawn with ``random.Random(seed)``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from finsam_desktop.domain.dates import parse_date
from finsam_desktop.domain.errors import ValidationError
from finsam_desktop.domain.money import format_kr, parse_amount

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


def read_table(data: bytes, filename: str) -> RawTable:
    """Read .csv (``;``, ``,`` or tab; UTF-8 or Windows-1252) or .xlsx (first sheet)."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data)
    if suffix in (".csv", ".txt", ".skv"):
        return _read_csv(data)
    raise ValidationError(f"filtypen {suffix or '(ingen)'} stöds inte; välj en .xlsx- eller .csv-fil.", "Fil")


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError("filens teckenkodning kunde inte läsas.", "Fil")


def _read_csv(data: bytes) -> RawTable:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    headers: tuple[str, ...] | None = None
    rows = []
    for number, cells in enumerate(reader, start=1):
        if headers is None:
            if not any(c.strip() for c in cells):
                continue
            headers = tuple(c.strip() for c in cells)
            continue
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, tuple(cells)))
    if headers is None:
        raise ValidationError("filen är tom.", "Fil")
    return RawTable(headers, tuple(rows))


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DATE_FORMAT_IDS = set(range(14, 23)) | {45, 46, 47}


def _col_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
    return n - 1


def _first_sheet(zf, names: set[str]) -> tuple[str, bool]:
    """The first sheet's part name in the package, and whether the workbook counts dates from 1904."""
    from xml.etree.ElementTree import fromstring

    sheet, date1904 = "xl/worksheets/sheet1.xml", False
    if "xl/workbook.xml" in names:
        wb = fromstring(zf.read("xl/workbook.xml"))
        pr = wb.find(_NS + "workbookPr")
        date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
        first = wb.find(f"{_NS}sheets/{_NS}sheet")
        if first is not None and "xl/_rels/workbook.xml.rels" in names:
            rid = first.get(_REL_NS + "id")
            for rel in fromstring(zf.read("xl/_rels/workbook.xml.rels")):
                if rel.get("Id") == rid:
                    target = rel.get("Target", "").lstrip("/")
                    sheet = target if target.startswith("xl/") else "xl/" + target
    return sheet, date1904


def _fast_xlsx_rows(data: bytes):
    """Stream the first sheet's rows straight from the XML (much faster than openpyxl for big lists).

    Yields (row number, tuple of values); dates come back as ``date`` where the cell style is a date format."""
    import zipfile
    from datetime import timedelta
    from xml.etree.ElementTree import fromstring, iterparse

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    shared: list[str] = []
    if "xl/sharedStrings.xml" in names:
        for _ev, el in iterparse(zf.open("xl/sharedStrings.xml")):
            if el.tag == _NS + "si":
                shared.append("".join(t.text or "" for t in el.iter(_NS + "t")))
                el.clear()
    date_styles: set[int] = set()
    if "xl/styles.xml" in names:
        styles = fromstring(zf.read("xl/styles.xml"))
        custom = {}
        numfmts = styles.find(_NS + "numFmts")
        for nf in numfmts if numfmts is not None else ():
            custom[int(nf.get("numFmtId"))] = _fast_date_format(nf.get("formatCode", ""))
        xfs = styles.find(_NS + "cellXfs")
        for i, xf in enumerate(xfs if xfs is not None else ()):
            fid = int(xf.get("numFmtId", "0"))
            if fid in _DATE_FORMAT_IDS or custom.get(fid):
                date_styles.add(i)
    sheet, date1904 = _first_sheet(zf, names)
    epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    for _ev, el in iterparse(zf.open(sheet)):
        if el.tag != _NS + "row":
            continue
        number = int(el.get("r", "0"))
        values: list[object] = []
        for c in el.iter(_NS + "c"):
            ref = c.get("r")
            if ref:
                idx = _col_index(ref)
                while len(values) < idx:
                    values.append(None)
            t = c.get("t", "n")
            v = c.find(_NS + "v")
            if t == "inlineStr":
                value: object = "".join(x.text or "" for x in c.iter(_NS + "t"))
            elif v is None or v.text is None:
                value = None
            elif t == "s":
                value = shared[int(v.text)]
            elif t in ("str", "e"):
                value = v.text
            elif t == "b":
                value = v.text == "1"
            else:
                text = v.text
                if int(c.get("s", "0")) in date_styles:
                    value = epoch + timedelta(days=int(float(text)))
                elif re.fullmatch(r"-?\d+", text):
                    value = int(text)
                else:
                    value = Decimal(text)
            values.append(value)
        el.clear()
        yield number, tuple(values)


def _fast_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^]]*\]', "", code.lower())
    return "y" in code or "d" in code


def _calamine_date_format(code: str) -> bool:
    """Whether calamine reads a number in this custom format as a date, time or duration (its own rule)."""
    escaped = quoted = ap = hms = False
    brackets = 0
    prev = " "
    for ch in code:
        if escaped:
            escaped = False
        elif ch in "_\\":
            escaped = True
        elif quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch == ";":
            return False
        elif ch == "[":
            brackets += 1
        elif ch == "]" and brackets == 1 and hms:
            return True
        elif ch == "]":
            brackets = max(0, brackets - 1)
        elif ch in "aA" and not ap and brackets == 0:
            ap = True
        elif brackets == 0 and ch in ("pmPM/" if ap else "dmhysDMHYS"):
            return True
        elif not (hms and ch.lower() == prev.lower()):
            hms = prev == "[" and ch in "mhsMHS"
        prev = ch
    return False


# Built-in formats calamine reads as dates/durations but the streaming reader as numbers (East Asian
# date formats, [h]:mm:ss).
_CALAMINE_ONLY_DATE_IDS = set(range(27, 37)) | {46} | set(range(50, 59))


class _NotLikeOurReader(Exception):
    """calamine would read this workbook differently from the streaming reader: use that one instead."""


def _calamine_xlsx_rows(data: bytes) -> list[tuple[int, tuple[object, ...]]] | None:
    """The first sheet's rows read by calamine (Rust) with the streaming reader's values, or None when
    calamine is not installed or the workbook has something the two would read differently."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    import zipfile
    from xml.etree.ElementTree import fromstring

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    sheet, _ = _first_sheet(zf, names)
    # Error cells: calamine gives "" where the streaming reader gives the error text.
    xml = zf.read(sheet)
    if b' t="e"' in xml or b" t='e'" in xml:
        return None
    if "xl/styles.xml" in names:
        styles = fromstring(zf.read("xl/styles.xml"))
        numfmts = styles.find(_NS + "numFmts")
        custom = {int(nf.get("numFmtId")): nf.get("formatCode", "") for nf in (numfmts if numfmts is not None else ())}
        xfs = styles.find(_NS + "cellXfs")
        for xf in xfs if xfs is not None else ():
            fid = int(xf.get("numFmtId", "0"))
            if fid in custom:
                if _calamine_date_format(custom[fid]) != _fast_date_format(custom[fid]):
                    return None
            elif fid in _CALAMINE_ONLY_DATE_IDS:
                return None

    def value(v: object) -> object:
        t = type(v)
        if t is str:
            return v or None
        if t is float:
            return int(v) if v.is_integer() and abs(v) < 1e16 else Decimal(repr(v))
        if t is datetime:
            return v.date()
        if t is date or t is bool or t is int:
            return v
        raise _NotLikeOurReader  # a time of day or a duration: the streaming reader makes a date of it

    ws = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    rows = []
    try:
        for number, cells in enumerate(ws.to_python(skip_empty_area=False), start=1):
            values = [value(v) for v in cells]
            while values and values[-1] is None:
                values.pop()
            rows.append((number, tuple(values)))
    except _NotLikeOurReader:
        return None
    return rows


def _read_xlsx(data: bytes) -> RawTable:
    try:
        rows = _calamine_xlsx_rows(data)
    except Exception:
        rows = None
    if rows is None:
        try:
            rows = list(_fast_xlsx_rows(data))
        except Exception:
            return _read_xlsx_openpyxl(data)
    return _xlsx_table(rows)


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


def _read_xlsx_openpyxl(data: bytes) -> RawTable:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(f"filen kunde inte läsas som Excel ({exc.__class__.__name__}).", "Fil") from None
    ws = wb.worksheets[0]
    headers: tuple[str, ...] | None = None
    rows = []
    for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
        if headers is None:
            if not any(c not in (None, "") for c in cells):
                continue
            headers = tuple("" if c is None else str(c).strip() for c in cells)
            continue
        if not any(c not in (None, "") for c in cells):
            continue
        rows.append((number, tuple(cells) + (None,) * (len(headers) - len(cells))))
    wb.close()
    if headers is None:
        raise ValidationError("arbetsboken är tom.", "Fil")
    return RawTable(headers, tuple(rows))


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
