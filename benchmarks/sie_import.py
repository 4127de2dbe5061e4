"""Import time and memory of a year's SIE 4E file of a samordningsförbund (target < 2 s).

    /work/venv/bin/python benchmarks/sie_import.py [ANTAL_VERIFIKATIONER] [--spara FIL.se]

Generates a balanced year (CP437, #KSUMMA, dimensions 1 kostnadsställe and 6 projekt, IB/UB/RES/#PSALDO) with
``sie_generate.generate_year``, then times ``parse_sie`` (decode, read, every check), the utfall per
kostnadsställe and month, the import through the service (``BooksService.import_sie`` into a fresh workspace with
the demo budget, so the Budget feed runs in the same transaction) and building the year's statements and
publication; prints the peak memory of the parse and the service import's share of the 2 s target.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_figures import utfall
from finsam_desktop.domain.arsredovisning.sie_generate import MEMBER_ACCOUNTS, generate_year
from finsam_desktop.services.demo import budget, core
from finsam_desktop.services.workspace import open_workspace

YEAR = 2026
TARGET = 2.0


def _workspace(folder: Path):
    """A fresh file with the demo förbund and its budget, the mapping widened to the generated kontoplan."""
    clock.pin(clock.today().replace(year=YEAR))
    ws = open_workspace(folder / "bench.sqlite", auto_backup=False, lock=False)
    core.build(ws.services, YEAR)
    budget.build(ws.services, YEAR)
    mapping = ws.services.budget.utfall.mapping("standard")
    mapping.update({"/10": "KAN1", "/20": "IND2", "/30": "STR1"} | {k: "MA1" for k in MEMBER_ACCOUNTS})
    ws.services.budget.utfall.save_mapping("standard", mapping)
    return ws


def main() -> None:
    args = sys.argv[1:]
    save = None
    if "--spara" in args:
        i = args.index("--spara")
        save = Path(args[i + 1])
        del args[i : i + 2]
    count = int(args[0]) if args else 5200
    t0 = time.perf_counter()
    data = generate_year(YEAR, verifikationer=count, seed=1)
    t1 = time.perf_counter()
    if save:
        save.write_bytes(data)
    rows = sum(1 for line in data.split(b"\r\n") if line.lstrip().startswith(b"#TRANS"))
    print(f"Genererad fil: {len(data) / 1e6:.2f} MB, {rows} transaktionsrader ({t1 - t0:.2f} s)")
    best = None
    for _ in range(3):
        t = time.perf_counter()
        sie = parse_sie(data, f"{YEAR}.se")
        best = min(best or 1e9, time.perf_counter() - t)
    tracemalloc.start()
    parse_sie(data, f"{YEAR}.se")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t = time.perf_counter()
    out = utfall(sie)
    t_utfall = time.perf_counter() - t
    print(f"Läsning (parse_sie, alla kontroller): {best:.2f} s för {len(sie.verifikationer)} verifikationer")
    print(f"Minne under läsningen (topp): {peak / 1e6:.1f} MB")
    print(f"Utfall per kostnadsställe, konto och månad: {len(out)} rader på {t_utfall:.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        ws = _workspace(Path(folder))
        try:
            books = ws.services.arsredovisning.books
            times = []
            for _ in range(3):  # the second and third import replace the first (as a user's re-import does)
                t = time.perf_counter()
                result = books.import_sie(data, f"{YEAR}.se")
                times.append(time.perf_counter() - t)
            fed = result.budget is not None
            print(
                f"Import genom tjänsten (lagring + Budgets utfall {'matat' if fed else 'EJ matat'}): "
                f"första {times[0]:.2f} s, bästa {min(times):.2f} s; {min(times) / TARGET:.0%} av målet {TARGET:.0f} s"
            )
            t = time.perf_counter()
            pub = ws.services.arsredovisning.publication(YEAR)
            t_pub = time.perf_counter() - t
            flags = len(pub.flags)
            print(f"Räkenskaper och publikation: {t_pub:.2f} s ({flags} avvikelser i avstämningen)")
        finally:
            ws.close()


if __name__ == "__main__":
    main()
