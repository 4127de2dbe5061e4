"""Reading the ekonomisystem's export (.csv or .xlsx) into numbered rows of cells, through ``tabular``."""

from __future__ import annotations

from pathlib import PurePath

from finsam_desktop.domain.budget.utfall_import import UtfallFileError
from finsam_desktop.domain.common import tabular

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".skv", ".tsv")


def read_rows(data: bytes, filename: str) -> list[tuple[int, tuple[object, ...]]]:
    """Numbered rows of a .csv (``;``, ``,`` or tab; any encoding and line ends) or .xlsx file."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and not tabular.is_workbook(data):
        raise UtfallFileError([f"Filtypen ”{suffix or filename}” stöds inte; använd .csv eller .xlsx."])
    try:
        return list(tabular.read_table(data).rows)
    except tabular.TableReadError as exc:
        raise UtfallFileError([_sentence(str(exc))]) from None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
