"""Stickprov, import step 2: reading a file (Excel or CSV) into a raw table and parsing it, all rows or
nothing, into transactions; the kept file for a reproducible draw."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from finsam_desktop.domain.common import tabular
from finsam_desktop.domain.common.bulk import gc_paused
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import MAX_AMOUNT, amount_mark, decimal_mark, parse_amount
from finsam_desktop.domain.internkontroll.stickprov_cells import (
    cell_text,
    parse_date_cell,
    split_names,
    summa_label,
    summary_note,
)
from finsam_desktop.domain.internkontroll.stickprov_mapping import FIELD_BY_NAME, validate_mapping


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


@dataclass(frozen=True, slots=True)
class Transaction:
    rad: int
    verifikation: str
    datum: date
    belopp: Decimal
    motpart: str = ""
    konto: str = ""
    attestanter: tuple[str, ...] = ()  # beslutsattest (a cell "A, B" or "A/B" is two names)
    utanordnare: str = ""
    kostnadsstalle: str = ""
    fakturanummer: str = ""
    mottagningsattest: tuple[str, ...] = ()  # mottagnings-/granskningsattest, when the file has such a column

    @property
    def sort_key(self) -> tuple:
        return (self.datum, self.verifikation, self.rad)

    @property
    def attest_scope(self) -> str:
        """What the attestordning's scoped rows are matched against: the kostnadsställe when the file has
        one, else the konto (a mapping stored before the two were separate fields keeps working)."""
        return self.kostnadsstalle or self.konto


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


def parse_transactions(table: RawTable, mapping: dict[str, str], filename: str = "") -> list[Transaction]:
    """All rows or nothing: any unreadable row rejects the file with every row number and reason."""
    return list(_parse(table, mapping, filename)[0])


def summary_label(cells: Sequence[object], ver: str) -> str:
    """The Summa/Totalt text that makes a row a summary row, or "": a cell that is only "Summa", "Totalt",
    "Summa totalt" (with or without a verifikation number), or starts so ("Summa konto 6110") in a row
    without a verifikation number."""
    return summa_label(cells, strong=True) or (summa_label(cells, strong=False) if not ver else "")


def summary_notes(table: RawTable, mapping: dict[str, str]) -> tuple[str, ...]:
    """The note the import will make about the table's Summa rows (by their text), for a preview."""
    col = mapping.get("verifikation")
    i = table.headers.index(col) if col in table.headers else None
    found = [
        (number, label)
        for number, cells in table.rows
        if (label := summary_label(cells, cell_text(cells[i]) if i is not None and i < len(cells) else ""))
    ]
    return (summary_note(found),) if found else ()


def _amount(raw: object, decimal: str | None) -> Decimal:
    belopp = parse_amount(raw if isinstance(raw, int | float | Decimal) else cell_text(raw), decimal=decimal)
    if belopp != belopp.quantize(Decimal("0.01")):
        raise ValidationError(f"”{raw}” har fler än två decimaler.")
    return belopp.quantize(Decimal("0.01"))


def _parse(
    table: RawTable, mapping: dict[str, str], filename: str
) -> tuple[tuple[Transaction, ...], dict[str, str], tuple[str, ...]]:
    """The transactions, the validated mapping and the notes (skipped Summa rows)."""
    mapping = validate_mapping(mapping, table.headers)
    index = {name: table.headers.index(col) for name, col in mapping.items()}
    i_belopp = index["belopp"]
    decimal = decimal_mark(c[i_belopp] for _n, c in table.rows if i_belopp < len(c) and isinstance(c[i_belopp], str))
    errors: list[RowError] = []
    out: list[Transaction] = []
    summary: list[tuple[int, str]] = []
    last = len(table.rows) - 1
    for pos, (number, cells) in enumerate(table.rows):
        row_errors: list[RowError] = []
        values: dict[str, object] = {}
        ver = cell_text(cells[index["verifikation"]]) if index["verifikation"] < len(cells) else ""
        if label := summary_label(cells, ver):
            summary.append((number, label))
            continue
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
        if not ver and pos == last and out and not errors:
            # A last row without a verifikation whose amount is the sum of the rows above: a Summa row.
            try:
                if _amount(values["belopp"], decimal) == sum(t.belopp for t in out):
                    summary.append((number, cell_text(values["belopp"])))
                    continue
            except ValidationError:
                pass
        if not ver:
            row_errors.append(RowError(number, "Verifikationsnummer", "saknas."))
        raw_date = values["datum"]
        datum = None
        if cell_text(raw_date) == "":
            row_errors.append(RowError(number, "Datum", "saknas."))
        else:
            try:
                datum = parse_date_cell(raw_date)
            except ValidationError as exc:
                row_errors.append(RowError(number, "Datum", exc.message))
            except (ValueError, OverflowError):
                row_errors.append(RowError(number, "Datum", f"”{cell_text(raw_date)}” är inget giltigt datum."))
        raw_amount = values["belopp"]
        belopp = None
        if raw_amount is None or cell_text(raw_amount) == "":
            row_errors.append(RowError(number, "Belopp", "saknas."))
        else:
            try:
                belopp = _amount(raw_amount, decimal)
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
                belopp=belopp,  # type: ignore[arg-type]
                motpart=cell_text(values.get("motpart")),
                konto=cell_text(values.get("konto")),
                attestanter=split_names(values.get("attestanter")),
                utanordnare=cell_text(values.get("utanordnare")),
                kostnadsstalle=cell_text(values.get("kostnadsstalle")),
                fakturanummer=cell_text(values.get("fakturanummer")),
                mottagningsattest=split_names(values.get("mottagningsattest")),
            )
        )
    if errors:
        raise ImportRejected(errors, filename)
    if not out:
        raise ValidationError("filen innehåller inga verifikationer.", "Fil")
    notes = (summary_note(summary),) if summary else ()
    return tuple(out), mapping, notes


@dataclass(frozen=True)
class ParsedFile:
    """A whole file parsed: its transactions, which fields the file has a column for (``columns``: field
    names of ``stickprov_mapping.FIELDS``; a field without a column is *not checked*, never a finding per row),
    and the notes the import makes once (e.g. a skipped Summa row)."""

    transactions: tuple[Transaction, ...]
    columns: frozenset[str]
    notes: tuple[str, ...] = ()


def parse_file(data: bytes, filename: str, mapping: dict[str, str]) -> ParsedFile:
    """The whole file, all rows or nothing. ``columns`` names exactly the fields ``mapping`` gives a column
    (a field without one is empty in every transaction, never an error); Summa rows are skipped and said
    once in ``notes``."""
    try:
        with gc_paused():
            transactions, used, notes = _parse_fast(data, filename, mapping)
    except (_Unusual, ValidationError, tabular.ReadAgain):
        # Anything the fast path does not take (an unreadable row, a missing column, a mapping that does not
        # fit): the general path, which says exactly what is wrong and where.
        transactions, used, notes = _parse(read_table(data, filename), mapping, filename)
    return ParsedFile(transactions, frozenset(used), notes)


# --- the fast path ---------------------------------------------------------------------------------------
# A big export is read one row at a time straight into transactions (never held as a table of strings); the
# cells of the common shapes are parsed directly and repeated texts (dates, names, konton) parsed once and
# shared. The result is exactly the general path's (``_parse``); a file it does not take is left to that.

#: An amount as most exports write it: digits, perhaps grouped by spaces, perhaps a leading minus and one or
#: two decimals after a comma or point. Anything else is parsed by ``money.parse_amount``.
_FAST_AMOUNT = re.compile(r"\s*(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:([.,])(\d{1,2}))?\s*")
_CENT = Decimal("0.01")
_LIMIT = int(MAX_AMOUNT)
#: Finds every row with a cell ``summa_label`` could take (and some more) in "\x1f" + the cells joined by U+001F.
_MAYBE_SUMMA = re.compile(r"\x1f\s*(?:summa|totalt?|totalsumma|slutsumma)\b", re.IGNORECASE)


class _Unusual(Exception):
    """The fast path does not take this file; the general path reads it (and reports its errors)."""


def _header(kind: str, rows: Iterator[tuple[int, tuple[object, ...]]]) -> tuple[str, ...]:
    for _number, cells in rows:
        if kind == "csv" and "".join(cells).strip():  # type: ignore[arg-type]
            return tuple(str(c).strip() for c in cells)
        if kind != "csv" and any(c not in (None, "") for c in cells):
            return tuple("" if c is None else str(c).strip() for c in cells)
    raise _Unusual


def _both_marks(raw: str) -> Decimal | None:
    """The amount when the file's decimal mark cannot change it, else None (decided once the file is read)."""
    try:
        a = _amount(raw, ",")
    except ValidationError:
        a = None
    try:
        b = _amount(raw, ".")
    except ValidationError:
        b = None
    if a is None and b is None:
        raise _Unusual
    return a if a == b and str(a) == str(b) else None


def _parse_fast(
    data: bytes, filename: str, mapping: dict[str, str]
) -> tuple[tuple[Transaction, ...], dict[str, str], tuple[str, ...]]:
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and not tabular.is_workbook(data):
        raise _Unusual
    kind, rows = tabular.iter_table(data)
    headers = _header(kind, rows)
    mapping = validate_mapping(mapping, headers)
    index = {name: headers.index(col) for name, col in mapping.items()}
    width = len(headers)
    iv, idate, ia = index["verifikation"], index["datum"], index["belopp"]
    need = max(index.values()) + 1
    text_cols = [(name, index.get(name)) for name in ("motpart", "konto", "utanordnare", "kostnadsstalle")]
    i_mot, i_konto, i_utan, i_kst = (i for _n, i in text_cols)
    i_fak, i_att, i_mott = index.get("fakturanummer"), index.get("attestanter"), index.get("mottagningsattest")
    dates: dict[object, date] = {}
    texts: dict[str, str] = {}
    numbers: dict[int, str] = {}
    names: dict[str, tuple[str, ...]] = {}
    marks: set[str] = set()
    out: list[Transaction | None] = []
    deferred: list[tuple[int, tuple]] = []
    summary: list[tuple[int, str]] = []
    last: tuple[int, object] | None = None  # a row without verifikation: only the last row may be one (Summa)
    fast_amount = _FAST_AMOUNT.fullmatch
    maybe_summa = _MAYBE_SUMMA.search

    def text(i: int | None, cells: tuple) -> str:
        if i is None:
            return ""
        raw = cells[i]
        if type(raw) is str:
            hit = texts.get(raw)
            if hit is None:
                hit = texts[raw] = raw.strip()
            return hit
        if type(raw) is int:  # a konto or kostnadsställe as a number in a workbook
            hit = numbers.get(raw)
            if hit is None:
                hit = numbers[raw] = cell_text(raw)
            return hit
        return cell_text(raw)

    def people(i: int | None, cells: tuple) -> tuple[str, ...]:
        if i is None:
            return ()
        raw = cells[i]
        if type(raw) is not str:
            return split_names(raw)
        hit = names.get(raw)
        if hit is None:
            hit = names[raw] = split_names(raw)
        return hit

    for number, cells in rows:
        if kind == "csv":
            if not "".join(cells).strip():  # type: ignore[arg-type]
                continue
        else:
            if not any(c not in (None, "") for c in cells):
                continue
            if len(cells) < width:
                cells = cells + (None,) * (width - len(cells))
        if last is not None:
            raise _Unusual  # a row without a verifikation before the last row
        raw_amount = cells[ia] if ia < len(cells) else None
        m = None
        if type(raw_amount) is str:
            m = fast_amount(raw_amount)
            if m is not None:
                if m[3]:
                    marks.add(m[3])
            elif (mark := amount_mark(raw_amount)) is not None:
                marks.add(mark)
        raw_ver = cells[iv] if iv < len(cells) else ""
        ver = raw_ver.strip() if type(raw_ver) is str else cell_text(raw_ver)
        strings = cells if kind == "csv" else [c for c in cells if type(c) is str]
        if maybe_summa("\x1f" + "\x1f".join(strings)) and (label := summary_label(cells, ver)):  # type: ignore[arg-type]
            summary.append((number, label))
            continue
        if len(cells) < need:
            raise _Unusual
        if not ver:
            last = (number, raw_amount)
            continue
        raw_date = cells[idate]
        datum = dates.get(raw_date) if type(raw_date) is not bool else None
        if datum is None:
            if type(raw_date) is date:
                datum = dates[raw_date] = raw_date
            else:
                if cell_text(raw_date) == "":
                    raise _Unusual
                try:
                    datum = parse_date_cell(raw_date)
                except (ValidationError, ValueError, OverflowError):
                    raise _Unusual from None
                if type(raw_date) is not bool:
                    dates[raw_date] = datum
        if m is not None:
            digits = m[2]
            if len(digits) > 13:
                raise _Unusual
            plain = digits.replace(" ", "").replace("\u00a0", "").replace("\u202f", "") if len(digits) > 3 else digits
            if len(plain) > 13:
                raise _Unusual
            value = Decimal(plain + "." + m[4] if m[3] else plain)
            belopp: Decimal | None = (-value if m[1] else value).quantize(_CENT)
        elif raw_amount is None or (type(raw_amount) is str and not raw_amount.strip()):
            raise _Unusual
        elif type(raw_amount) is str:
            belopp = _both_marks(raw_amount)
        elif type(raw_amount) is int and -_LIMIT < raw_amount < _LIMIT:
            belopp = Decimal(raw_amount).quantize(_CENT)
        elif type(raw_amount) is Decimal and raw_amount.is_finite() and abs(raw_amount) < MAX_AMOUNT:
            belopp = raw_amount.quantize(_CENT)
            if belopp != raw_amount:
                raise _Unusual  # more than two decimals
        else:
            try:
                belopp = _amount(raw_amount, None)
            except ValidationError:
                raise _Unusual from None
        t = Transaction(
            number,
            ver,
            datum,
            belopp,  # type: ignore[arg-type]
            text(i_mot, cells),
            text(i_konto, cells),
            people(i_att, cells),
            text(i_utan, cells),
            text(i_kst, cells),
            "" if i_fak is None else cell_text(cells[i_fak]),
            people(i_mott, cells),
        )
        if belopp is None:
            deferred.append((len(out), raw_amount))
        out.append(t)
    decimal = next(iter(marks)) if len(marks) == 1 else None
    for pos, raw in deferred:
        try:
            out[pos] = replace(out[pos], belopp=_amount(raw, decimal))  # type: ignore[type-var]
        except ValidationError:
            raise _Unusual from None
    if last is not None:
        number, raw = last
        try:
            if not out or raw is None or _amount(raw, decimal) != sum(t.belopp for t in out):  # type: ignore[union-attr]
                raise _Unusual
        except ValidationError:
            raise _Unusual from None
        summary.append((number, cell_text(raw)))
    if not out:
        raise _Unusual
    notes = (summary_note(summary),) if summary else ()
    return tuple(out), mapping, notes  # type: ignore[arg-type]


def load_transactions(data: bytes, filename: str, mapping: dict[str, str]) -> list[Transaction]:
    return list(parse_file(data, filename, mapping).transactions)


@dataclass(frozen=True)
class SampleFile:
    """A file's bytes and name with the mapping used, kept so a draw can be reproduced."""

    filename: str
    data: bytes = field(repr=False)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
