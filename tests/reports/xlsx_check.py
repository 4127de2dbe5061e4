"""Reading a workbook's formulas and their cached values, and LibreOffice's recalculation of them: shared by the
checks on every workbook (``test_every_workbook.py``) and on the budget workbook (``test_budget_workbook_values.py``).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) saknas: installera libreoffice-calc-nogui för att räkna om arbetsböckerna",
)

# LibreOffice keeps an .xlsx file's cached values unless told to recalculate on load ("Always").
_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""

_CELL = re.compile(r"<c ([^>]*)>((?:(?!</c>).)*)</c>", re.S)


def recalculated(files: list[Path], tmp: Path) -> dict[str, Path]:
    """Each workbook opened, recalculated and saved again by LibreOffice (one run for all of them)."""
    profile = tmp / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")
    out = tmp / "recalculated"
    out.mkdir()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {f.name: out / f.name for f in files}


def formula_cells(data: bytes):
    """(sheet, coordinate, formula, cached value) of every formula cell; the cached value as openpyxl reads it
    with ``data_only=True`` (an empty text reads as None)."""
    formulas = load_workbook(io.BytesIO(data))
    cached = load_workbook(io.BytesIO(data), data_only=True)
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    yield ws.title, c.coordinate, c.value, cached[ws.title][c.coordinate].value


def formulas_without_value(data: bytes) -> list[str]:
    """The formula cells of the package whose ``<v>`` is empty and that are not an (empty) text, as
    ``sheet-file!A1: formula``."""
    missing = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            for attrs, body in _CELL.findall(z.read(name).decode("utf-8")):
                if "<f>" not in body and "<f " not in body:
                    continue
                typed = re.search(r'\bt="(str|b|e)"', attrs)
                if not typed and not re.search(r"<v>[^<]+</v>", body):
                    ref = re.search(r'r="([A-Z]+[0-9]+)"', attrs).group(1)
                    missing.append(f"{name}!{ref}: {body}")
    return missing


def count_formulas(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(
            len(re.findall(r"<f[ >]", z.read(n).decode("utf-8")))
            for n in z.namelist()
            if n.startswith("xl/worksheets/sheet")
        )


def same(a, b) -> bool:
    """Equal as a spreadsheet shows them: numbers within rounding, and an empty text equal to an empty cell."""
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))
    return (a if a is not None else "") == (b if b is not None else "")
