"""Import + full-population check + analytics of a stickprov file at 10 k, 100 k and 500 k rows, from CSV and XLSX.
Prints the time of each step and the peak memory (targets on a 2-core machine: 100 000 rows ≤ 3 s, 500 000 rows
≤ 15 s, ≤ 500 MB at 500 000 rows).

    /work/venv/bin/python benchmarks/stickprov_population.py [ANTAL ...] [--csv | --xlsx] [--profile]

Each size and format runs in a process of its own, so the peak memory (ru_maxrss) is that run's; the file is
generated (a clean year with planted faults, ``services/demo/population.py``) and written before the clock starts.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10_000, 100_000, 500_000)


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


def run_one(count: int, kind: str, profile: bool) -> None:
    from finsam_desktop.domain.internkontroll.stickprov_import import parse_file
    from finsam_desktop.services.demo import build_demo
    from finsam_desktop.services.demo.population import MAPPING, generate, to_csv
    from finsam_desktop.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        build_demo(ws.services, 2026)
        pop = generate(2026, count, seed=1)
        data = to_csv(pop.transactions) if kind == "csv" else _xlsx(pop.transactions)
        name = f"verifikationer.{kind}"
        del pop
        ik = ws.services.internkontroll.stickprov
        prof = cProfile.Profile() if profile else None
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if prof:
            prof.enable()
        t0 = time.perf_counter()
        parsed = parse_file(data, name, MAPPING)
        t1 = time.perf_counter()
        report = ik.analyse_population(parsed)
        t2 = time.perf_counter()
        if prof:
            prof.disable()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ws.close()
    print(
        f"{count:>8} rader {kind:<4} {len(data) / 1e6:6.1f} MB | import {t1 - t0:6.2f} s | kontroll + analys "
        f"{t2 - t1:6.2f} s | totalt {t2 - t0:6.2f} s | minne topp {peak:5.0f} MB (före import {base:4.0f} MB) | "
        f"{len(report.findings)} fynd"
    )
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    args = sys.argv[1:]
    if "--one" in args:
        i = args.index("--one")
        run_one(int(args[i + 1]), args[i + 2], "--profile" in args)
        return
    sizes = [int(a) for a in args if a.isdigit()] or list(SIZES)
    kinds = [k for k in ("csv", "xlsx") if f"--{k}" in args] or ["csv", "xlsx"]
    print("Stickprov, hela populationen: import + attestkontroll av varje rad + analys (mål: 100 000 ≤ 3 s, "
          "500 000 ≤ 15 s och ≤ 500 MB)")  # fmt: skip
    for count in sizes:
        for kind in kinds:
            extra = ["--profile"] if "--profile" in args else []
            subprocess.run([sys.executable, __file__, "--one", str(count), kind, *extra], check=True)


if __name__ == "__main__":
    main()
