"""Utfall from the ekonomisystem: rows of konto/kostnadsställe, period and belopp.

Validation is all-or-nothing: every bad row is reported by its row number in the file, and nothing
is imported while any row is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.domain.common.money import MAX_AMOUNT, AmountRangeError, format_kr, parse_amount

HEADER_ALIASES = {
    "konto": ("konto", "kontonr", "kontonummer", "account"),
    "kst": ("kostnadsställe", "kostnadsstalle", "kst", "ansvar", "projekt"),
    "period": ("period", "månad", "manad", "datum", "bokföringsdatum", "verifikationsdatum"),
    "belopp": ("belopp", "utfall", "summa", "saldo", "amount"),
}


@dataclass(frozen=True, slots=True)
class UtfallRow:
    row_number: int
    konto: str
    kst: str
    year: int
    month: int
    belopp: Decimal

    @property
    def keys(self) -> tuple[str, ...]:
        """Mapping keys to try, most specific first."""
        keys = []
        if self.konto and self.kst:
            keys.append(f"{self.konto}/{self.kst}")
        if self.konto:
            keys.append(self.konto)
        if self.kst:
            keys.append(f"/{self.kst}")
        return tuple(keys)


class UtfallFileError(ValidationError):
    """The file was rejected as a whole; ``problems`` lists every bad row."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        shown = list(problems[:20])
        if len(problems) > 20:
            shown.append(f"… och {len(problems) - 20} fel till.")
        super().__init__("Filen importerades inte (inget sparades):\n" + "\n".join(shown))


_MONTH_NAMES = {name: i + 1 for i, name in enumerate(SWEDISH_MONTHS)}
_MONTH_NAMES.update({name[:3]: i + 1 for i, name in enumerate(SWEDISH_MONTHS)})


def parse_period(value: object) -> tuple[int, int]:
    """``2026-03``, ``202603``, ``2026-03-31``, ``mars 2026``, a date → (year, month)."""
    if isinstance(value, datetime):
        return value.year, value.month
    if isinstance(value, date):
        return value.year, value.month
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            value = str(int(value))
        except (OverflowError, ValueError):  # inf and nan from a damaged workbook
            raise ValueError(str(value)) from None
    text = str(value or "").strip().lower()
    if m := re.fullmatch(r"(\d{4})-?(\d{2})(?:-?(\d{2}))?", text):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([a-zåäö]+)\.?\s+(\d{4})", text):
        if m[1] not in _MONTH_NAMES:
            raise ValueError(text)
        year, month = int(m[2]), _MONTH_NAMES[m[1]]
    else:
        raise ValueError(text)
    if not 1 <= month <= 12:
        raise ValueError(text)
    return year, month


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_columns(header: Sequence[object]) -> dict[str, int]:
    names = [_cell_text(h).lower() for h in header]
    cols: dict[str, int] = {}
    for key, aliases in HEADER_ALIASES.items():
        for i, name in enumerate(names):
            if name in aliases:
                cols[key] = i
                break
    missing = [k for k in ("period", "belopp") if k not in cols]
    if "konto" not in cols and "kst" not in cols:
        missing.insert(0, "konto eller kostnadsställe")
    if missing:
        raise UtfallFileError([f"Rad 1: rubrikraden saknar kolumnen {', '.join(missing)}."])
    return cols


def parse_utfall_rows(rows: Sequence[Sequence[object]], first_row_number: int = 1) -> list[UtfallRow]:
    """Validate raw rows (the first one the header). Raises ``UtfallFileError`` listing every bad row."""
    return parse_utfall_table([(first_row_number + i, tuple(r)) for i, r in enumerate(rows)])


_SUM_WORDS = ("summa", "totalt", "total", "totalsumma", "slutsumma")


def is_sum_row(cells: Sequence[object]) -> bool:
    """A trailing Summa/Totalt row of an export: its first filled cell is such a word (not an account)."""
    first = next((_cell_text(c) for c in cells if _cell_text(c)), "")
    word = first.lower().rstrip(":").split(" ")[0] if first else ""
    return word in _SUM_WORDS


def parse_utfall_table(
    numbered: Sequence[tuple[int, Sequence[object]]], notes: list[str] | None = None
) -> list[UtfallRow]:
    """Validate numbered rows as the file has them: blank rows first are skipped, the first other row is the
    header; a Summa/Totalt row is skipped and said in ``notes``. Raises ``UtfallFileError`` listing every bad
    row by its number in the file."""
    numbered = [(n, r) for n, r in numbered]
    while numbered and all(_cell_text(c) == "" for c in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise UtfallFileError(["Filen är tom."])
    header_number, header = numbered[0]
    try:
        cols = find_columns(header)
    except UtfallFileError as exc:
        raise UtfallFileError([p.replace("Rad 1:", f"Rad {header_number}:", 1) for p in exc.problems]) from None
    out: list[UtfallRow] = []
    problems: list[str] = []
    for number, raw in numbered[1:]:
        cells = list(raw) + [None] * 8

        def cell(key: str, cells: list[object] = cells) -> object:
            return cells[cols[key]] if key in cols else None

        if all(_cell_text(c) == "" for c in raw):
            continue
        if is_sum_row(raw):
            if notes is not None:
                notes.append(f"Rad {number}: summaraden ”{clip(_cell_text(cell('belopp')) or 'Summa')}” hoppades över.")
            continue
        konto, kst = _cell_text(cell("konto")), _cell_text(cell("kst"))
        errors = []
        if not konto and not kst:
            errors.append("konto/kostnadsställe saknas")
        try:
            year, month = parse_period(cell("period"))
        except ValueError:
            errors.append(f"perioden ”{clip(_cell_text(cell('period')))}” är inte en månad (skriv ÅÅÅÅ-MM)")
            year = month = 0
        belopp_raw = cell("belopp")
        try:
            if belopp_raw is None or _cell_text(belopp_raw) == "":
                raise ValidationError("belopp saknas")
            belopp = parse_amount(belopp_raw if not isinstance(belopp_raw, float) else str(belopp_raw))
        except AmountRangeError:
            errors.append(f"beloppet ”{clip(_cell_text(belopp_raw))}” är orimligt stort (högst 9 999 999 999 999 kr)")
            belopp = Decimal(0)
        except ValidationError:
            errors.append(f"beloppet ”{clip(_cell_text(belopp_raw))}” är inte ett belopp")
            belopp = Decimal(0)
        if errors:
            problems.append(f"Rad {number}: " + "; ".join(errors) + ".")
        else:
            out.append(UtfallRow(number, konto, kst, year, month, belopp))
    if problems:
        raise UtfallFileError(problems)
    if not out:
        raise UtfallFileError(["Filen innehåller inga utfallsrader."])
    return out


def map_rows(
    rows: Sequence[UtfallRow], mapping: Mapping[str, str], known_codes: set[str], year: int
) -> dict[str, dict[int, Decimal]]:
    """Sum rows per budget line code and month. Every row must map to a line of ``year``'s budget."""
    problems = []
    out: dict[str, dict[int, Decimal]] = {}
    for r in rows:
        if r.year != year:
            problems.append(f"Rad {r.row_number}: perioden {r.year}-{r.month:02d} hör inte till budgetåret {year}.")
            continue
        kod = next((mapping[k] for k in r.keys if k in mapping), None)
        if kod is None:
            label = " / ".join(x for x in (r.konto, r.kst) if x)
            problems.append(f"Rad {r.row_number}: {label} är inte kopplat till någon budgetrad.")
            continue
        if kod not in known_codes:
            problems.append(
                f"Rad {r.row_number}: kopplingen pekar på budgetraden ”{kod}” som inte finns i budgeten {year}."
            )
            continue
        out.setdefault(kod, {}).setdefault(r.month, Decimal(0))
        out[kod][r.month] += r.belopp
    for kod, months in out.items():
        for month, total in months.items():
            if abs(total) >= MAX_AMOUNT:
                problems.append(
                    f"Summan för budgetraden ”{kod}” i {year}-{month:02d} blir {format_kr(total)}, orimligt stort "
                    "(högst 9 999 999 999 999 kr)."
                )
    grand = sum((v for months in out.values() for v in months.values()), Decimal(0))
    if not problems and abs(grand) >= MAX_AMOUNT:
        problems.append(f"Filens summa blir {format_kr(grand)}, orimligt stort (högst 9 999 999 999 999 kr).")
    if problems:
        raise UtfallFileError(problems)
    return out
