"""Import + full-population check + analytics of a stickprov file at 10 k, 100 k and 500 k rows, from CSV and XLSX.
Prints the time of each step and the memory (targets on a 2-core machine: 100 000 rows ≤ 3 s, 500 000 rows
≤ 15 s, ≤ 500 MB at 500 000 rows).

    /work/venv/bin/python benchmarks/stickprov_population.py [ANTAL ...] [--csv | --xlsx] [--profile]

The path measured is the program's own: ``StickprovService.parse_file`` (read, map, parse every row, remember the
mapping) and then ``StickprovService.analyse_population`` (the attest check of every row and the analytics).

The file is generated (a clean year with planted faults, ``services/demo/population.py``) in a process of its own
and kept in a cache directory, so its generation never counts. Each size and format is measured in a fresh process
that opens a demo workspace and reads the file's bytes; then the peak of the resident memory is reset
(``/proc/self/clear_refs``) and the clock started. "minne topp" is that process's peak resident memory during
import + analysis (everything included: Python, Qt-free libraries, the database, the file's bytes); "ökning" is
that peak minus the resident memory just before the import, i.e. what the import and the analysis add.

Figures (2-core machine shared with other work; each the better of two runs; s = seconds, MB = peak, with what the
import and analysis add in brackets). Before: main at 38b4bbe. After: issue 14 "Speed".

    rows     file   | before: import  check+analysis  total   peak MB      | after: import  check+analysis  total   peak MB
    10 000   CSV    |         0.20    0.18            0.38    141 (+15)    |        0.07    0.05            0.12    134 (+5)
    10 000   XLSX   |         0.35    0.18            0.53    154 (+29)    |        0.19    0.04            0.24    143 (+14)
    100 000  CSV    |         2.03    1.91            3.94    292 (+155)   |        0.70    0.51            1.20    205 (+64)
    100 000  XLSX   |         3.58    1.89            5.47    360 (+231)   |        1.82    0.57            2.39    241 (+108)
    500 000  CSV    |        10.71   10.32           21.02    972 (+783)   |        3.47    2.63            6.10    493 (+299)
    500 000  XLSX   |        18.46   10.58           29.04   1306 (+1155)  |        8.74    3.18           11.92    484 (+329)

The last step, the reader of big sheets (``domain/common/xlsx_stream``, for a first sheet of 24 MB of XML or more),
measured right before and after it on the same machine, better of two runs each:

    rows     file   | before: import  check+analysis  total   peak MB      | after: import  check+analysis  total   peak MB
    100 000  XLSX   |         1.83    0.47            2.30    235 (+102)   |        1.82    0.57            2.39    241 (+108)
    500 000  XLSX   |         9.38    2.56           11.94    661 (+507)   |        8.74    3.18           11.92    484 (+329)

(The other rows do not use it: CSV 10 000/100 000/500 000 0.13/1.20/5.88 s before, 0.12/1.20/6.10 s after.) Before it, calamine (Rust)
built the whole sheet in memory, about 500 MB for 5 million cells; the streaming reader reads the sheet's XML in 4 MB
pieces and holds one piece's rows at a time. The whole sheet read alone takes about 5.5-5.9 s at 500 000 rows (inflating
0.7 s, decoding and character references 0.7 s, the patterns and the cells' values in Python the rest); the rows
into transactions about 3 s. The peak at 500 000 rows is now the transactions and the analysis, as for CSV.
"""

from __future__ import annotations

import cProfile
import gc
import io
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10_000, 100_000, 500_000)
CACHE = Path(tempfile.gettempdir()) / "finsam-bench-stickprov"


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    from finsam_desktop.services.demo.population import HEADERS, cells

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for t in rows:
        c = list(cells(t))
        c[1] = t.datum  # a real date cell
        c[2] = float(t.belopp)  # a number cell
        ws.append(c)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _file(count: int, kind: str) -> Path:
    """The generated file (made once, by a process of its own, and kept in ``CACHE``)."""
    path = CACHE / f"verifikationer-{count}-v1.{kind}"
    if not path.exists():
        subprocess.run([sys.executable, __file__, "--generate", str(count), kind], check=True)
    return path


def generate(count: int, kind: str) -> None:
    from finsam_desktop.services.demo.population import generate as make
    from finsam_desktop.services.demo.population import to_csv

    pop = make(2026, count, seed=1)
    data = to_csv(pop.transactions) if kind == "csv" else _xlsx(pop.transactions)
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"verifikationer-{count}-v1.{kind}"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM, the peak resident memory (Linux)
        return True
    except OSError:
        return False


def run_one(count: int, kind: str, profile: bool) -> None:
    from finsam_desktop.services.demo import build_demo
    from finsam_desktop.services.demo.population import MAPPING
    from finsam_desktop.services.workspace import open_workspace

    path = _file(count, kind)
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        build_demo(ws.services, 2026)
        data = path.read_bytes()
        name = f"verifikationer.{kind}"
        ik = ws.services.internkontroll.stickprov
        prof = cProfile.Profile() if profile else None
        gc.collect()
        exact = _reset_peak()
        base = _status_mb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if prof:
            prof.enable()
        t0 = time.perf_counter()
        parsed = ik.parse_file(data, name, MAPPING)
        t1 = time.perf_counter()
        report = ik.analyse_population(parsed)
        t2 = time.perf_counter()
        if prof:
            prof.disable()
        peak = (_status_mb("VmHWM") if exact else None) or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ws.close()
    print(
        f"{count:>8} rader {kind:<4} {len(data) / 1e6:6.1f} MB | import {t1 - t0:6.2f} s | kontroll + analys "
        f"{t2 - t1:6.2f} s | totalt {t2 - t0:6.2f} s | minne topp {peak:5.0f} MB, ökning {peak - base:5.0f} MB"
        f"{'' if exact else ' (topp sedan start)'} | {len(report.findings)} fynd",
        flush=True,
    )
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def main() -> None:
    args = sys.argv[1:]
    if "--generate" in args:
        i = args.index("--generate")
        generate(int(args[i + 1]), args[i + 2])
        return
    if "--one" in args:
        i = args.index("--one")
        run_one(int(args[i + 1]), args[i + 2], "--profile" in args)
        return
    sizes = [int(a) for a in args if a.isdigit()] or list(SIZES)
    kinds = [k for k in ("csv", "xlsx") if f"--{k}" in args] or ["csv", "xlsx"]
    print(f"Stickprov, hela populationen: import + attestkontroll av varje rad + analys (mål: 100 000 ≤ 3 s, "
          f"500 000 ≤ 15 s och ≤ 500 MB); {os.cpu_count()} kärnor")  # fmt: skip
    for count in sizes:
        for kind in kinds:
            _file(count, kind)
            extra = ["--profile"] if "--profile" in args else []
            subprocess.run([sys.executable, __file__, "--one", str(count), kind, *extra], check=True)


if __name__ == "__main__":
    main()
