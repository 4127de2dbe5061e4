"""Reading the ekonomisystem's export (.csv or .xlsx) into raw rows of cells."""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from finsam_desktop.domain.budget_import import UtfallFileError


def read_table(data: bytes, filename: str) -> list[list[object]]:
    """Rows of cells from a .csv (``;``, ``,`` or tab separated, UTF-8 or Windows-1252) or .xlsx file."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data)
    if suffix in (".csv", ".txt", ".skv"):
        return _read_csv(data)
    raise UtfallFileError([f"Filtypen ”{suffix or filename}” stöds inte; använd .csv eller .xlsx."])


def _read_csv(data: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise UtfallFileError(["Filen går inte att läsa som text."])
    sample = text[:4096]
    delimiter = max((";", "\t", ","), key=sample.count) if sample else ";"
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UtfallFileError([f"Filen är inte en läsbar Excel-fil ({exc.__class__.__name__})."]) from None
    try:
        ws = wb.worksheets[0]
        return [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
