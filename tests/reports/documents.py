"""Every document the program exports, made once from a copy of the demo förbund through ``finsam export``.

Shared by the checks on all PDFs (``test_every_pdf.py``) and on all workbooks (``test_every_workbook.py``).
"""

from __future__ import annotations

from pathlib import Path

from finsam_desktop.cli import main
from finsam_desktop.persistence.backup import online_copy

#: (file name, ``finsam`` arguments after ``export``) — one of each kind of document the program makes.
EXPORTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kallelse.pdf", ("kallelse", "--meeting", "10")),
    ("kallelse_beredning.pdf", ("kallelse", "--meeting", "2")),
    ("protokoll_utkast.pdf", ("protocol", "--meeting", "10")),
    ("protokoll_justerat.pdf", ("protocol", "--meeting", "9")),
    ("minnesanteckningar.pdf", ("protocol", "--meeting", "2")),
    ("anslag.pdf", ("anslag", "--meeting", "9")),
    ("utdrag.pdf", ("utdrag", "--meeting", "9", "--paragraf", "72,73")),
    ("publicering.pdf", ("publicering", "--meeting", "9")),
    ("signaturlista.pdf", ("signaturlista", "--year", "2026")),
    ("attestordning.pdf", ("attestordning", "--year", "2026")),
    ("delegationsordning.pdf", ("delegationsordning", "--year", "2026")),
    ("delegationsbeslut.pdf", ("delegationsbeslut", "--year", "2026")),
    ("risk.pdf", ("risk", "--year", "2026")),
    ("budget.pdf", ("budget", "--year", "2026")),
    ("arsredovisning.pdf", ("arsredovisning", "--year", "2025")),
    ("delar.pdf", ("delar", "--per", "2026-08-31")),
    ("arshjul.pdf", ("arshjul", "--year", "2026", "--format", "pdf")),
    ("lagesrapport.pdf", ("lagesrapport", "--per", "2026-10-31")),
    ("verksamhetsplan.pdf", ("verksamhetsplan", "--year", "2026")),
    ("signaturlista.xlsx", ("signaturlista", "--year", "2026")),
    ("attestordning.xlsx", ("attestordning", "--year", "2026")),
    ("delegationsordning.xlsx", ("delegationsordning", "--year", "2026")),
    ("delegationsbeslut.xlsx", ("delegationsbeslut", "--year", "2026")),
    ("risk.xlsx", ("risk", "--year", "2026")),
    ("budget.xlsx", ("budget", "--year", "2026")),
    ("arshjul.xlsx", ("arshjul", "--year", "2026", "--format", "xlsx")),
)


def export_all(template: Path, folder: Path, suffix: str) -> dict[str, Path]:
    """Export every document ending in ``suffix`` from a copy of the demo file ``template`` into ``folder``."""
    db = folder / "demo.sqlite"
    online_copy(template, db)
    out: dict[str, Path] = {}
    for name, args in EXPORTS:
        if not name.endswith(suffix):
            continue
        target = folder / name
        assert main(["--db", str(db), "export", *args, "-o", str(target)]) == 0, name
        out[name] = target
    return out
