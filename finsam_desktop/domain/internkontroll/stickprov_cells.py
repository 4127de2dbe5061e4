"""Stickprov, import: the cells of real ledger exports – dates as Excel serial numbers, date cells, ISO text
with a time, ``02.03.2026`` and ``20260302``; several names in one attest cell; Summa/Totalt rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.money import format_number

_EXCEL_EPOCH = date(1899, 12, 30)
#: Serial numbers Excel shows as dates 1927-05-18 … 2173-10-14; an unformatted date cell in an export.
_SERIALS = range(10_000, 100_000)
_ISO_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def cell_text(value: object) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value).strip()


def parse_date_cell(value: object) -> date:
    """A Datum cell as exports give it: a date cell, an Excel serial number (``46083`` = 2026-03-02) where the
    cell lost its date format, ``20260302`` as a number, or text ``2026-03-02``, ``2026-03-02 00:00:00``,
    ``02.03.2026``, ``20260302``, ``260302``, ``2/3 2026``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value == value:
        n = int(value)
        if n in _SERIALS:  # a fraction is the time of day
            return _EXCEL_EPOCH + timedelta(days=n)
        if n == value:
            return parse_date(str(n))
    text = cell_text(value)
    if m := _ISO_TIME.match(text):
        text = m[1]
    return parse_date(text)


_SPLIT_NAMES = re.compile(r"\s*(?:[,;/&+|\n\r]|\boch\b)\s*", re.IGNORECASE)


def split_names(text: object) -> tuple[str, ...]:
    """The people in one attest cell: ``A, B``, ``A/B``, ``A; B``, ``A och B``, ``A & B``, ``A + B`` and one
    name a line are two names; ``Anna-Karin Öberg`` and ``Per Olof`` stay one.

    A comma always separates people, so ``Öberg, Anna`` is read as two names, ``Öberg`` and ``Anna``: a cell
    cannot tell "Efternamn, Förnamn" from two people written by first name or signature (``ANNOBE, PERSVE``),
    and reading two attestants as one would hide a missing attest, while two unknown names are shown to the
    reviewer as not in the attestordning. Exports write names "Förnamn Efternamn" or signatures."""
    names = [n.strip() for n in _SPLIT_NAMES.split(str(text or "")) if n.strip()]
    return tuple(dict.fromkeys(names))


# --- Summa rows -------------------------------------------------------------------------------------

_SUMMA_START = frozenset("SsTt")
_SUMMA_WORD = re.compile(r"^(summa|totalt?|totalsumma|slutsumma)\b", re.IGNORECASE)
_SUMMA_ONLY = re.compile(
    r"^(summa|totalt?|totalsumma|slutsumma|summa totalt|summa total|totalt summa)\s*[:.]?$", re.IGNORECASE
)


def summa_label(cells: Sequence[object], strong: bool) -> str:
    """The Summa/Totalt text of a row: with ``strong`` a cell that is only such a word ("Summa", "Totalt:",
    "Summa totalt"), else a cell that starts with one ("Summa konto 6110")."""
    pattern = _SUMMA_ONLY if strong else _SUMMA_WORD
    for c in cells:
        if type(c) is str and c and (c[0] in _SUMMA_START or c[:1].isspace()) and pattern.match(c.strip()):
            return c.strip()
    return ""


def summary_note(rows: Sequence[tuple[int, str]]) -> str:
    """One note for every Summa row the import skipped."""
    if len(rows) == 1:
        number, label = rows[0]
        return f"Rad {format_number(number)} (”{label}”) är en summarad och lästes inte in."
    numbers = [format_number(n) for n, _ in rows]
    labels = list(dict.fromkeys(label for _, label in rows))
    shown = ", ".join(f"”{label}”" for label in labels[:3]) + (" …" if len(labels) > 3 else "")
    return (
        f"Raderna {', '.join(numbers[:-1])} och {numbers[-1]} ({shown}) är summarader och lästes inte in."
        if len(numbers) <= 20
        else f"{len(numbers)} rader ({shown}; rad {numbers[0]} … {numbers[-1]}) är summarader och lästes inte in."
    )
