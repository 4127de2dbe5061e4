"""Årsredovisning figures: the tagged PDF (Typst in process, PDF/UA-1 + PDF/A-2a), the delårsrapport, the .docx.

Run from the repository root: python benchmarks/arsredovisning_pdf.py   (prints seconds, sizes, pages; no assertions)
"""

from __future__ import annotations

import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

import pikepdf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the test fixture's Publication

from finsam_desktop.reports.arsredovisning.docx import arsredovisning_docx
from finsam_desktop.reports.arsredovisning.pdf import arsredovisning_pdf
from tests.fixtures.arsredovisning_publication import delarsrapport, publication


def measure(label: str, fn, runs: int = 7) -> bytes:
    out = fn()  # first run: fonts loaded, Typst warmed up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    pages = ""
    if out[:4] == b"%PDF":
        with pikepdf.open(BytesIO(out)) as pdf:
            pages = f"{len(pdf.pages):3d} pages"
    print(f"{label:<40} median {statistics.median(times) * 1000:7.1f} ms  {len(out) / 1024:7.1f} KiB  {pages}")
    return out


def main() -> None:
    start = time.perf_counter()
    arsredovisning_pdf(publication())
    print(f"{'first PDF in a fresh process':<40} {(time.perf_counter() - start) * 1000:7.1f} ms")
    measure("årsredovisning 2021 PDF (draft)", lambda: arsredovisning_pdf(publication()))
    measure("årsredovisning 2021 PDF (adopted)", lambda: arsredovisning_pdf(publication(draft=False)))
    measure("delårsrapport 2021-08-31 PDF", lambda: arsredovisning_pdf(delarsrapport()))
    measure("årsredovisning 2021 .docx", lambda: arsredovisning_docx(publication()))


if __name__ == "__main__":
    main()
