"""Import time and memory of a year's SIE 4E file of a samordningsförbund (target < 2 s).

    /work/venv/bin/python benchmarks/sie_import.py [ANTAL_VERIFIKATIONER] [--spara FIL.se]

Generates a balanced year (CP437, #KSUMMA, dimensions 1 kostnadsställe and 6 projekt, IB/UB/RES/#PSALDO) with
``sie_generate.generate_year``, then times ``parse_sie`` (decode, read, every check) and the utfall per
kostnadsställe and month, and prints the peak memory of the import.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_figures import utfall
from finsam_desktop.domain.arsredovisning.sie_generate import generate_year


def main() -> None:
    args = sys.argv[1:]
    save = None
    if "--spara" in args:
        i = args.index("--spara")
        save = Path(args[i + 1])
        del args[i : i + 2]
    count = int(args[0]) if args else 5200
    t0 = time.perf_counter()
    data = generate_year(2026, verifikationer=count, seed=1)
    t1 = time.perf_counter()
    if save:
        save.write_bytes(data)
    rows = sum(1 for line in data.split(b"\r\n") if line.lstrip().startswith(b"#TRANS"))
    print(f"Genererad fil: {len(data) / 1e6:.2f} MB, {rows} transaktionsrader ({t1 - t0:.2f} s)")
    best = None
    for _ in range(3):
        t = time.perf_counter()
        sie = parse_sie(data, "2026.se")
        best = min(best or 1e9, time.perf_counter() - t)
    tracemalloc.start()
    parse_sie(data, "2026.se")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t = time.perf_counter()
    out = utfall(sie)
    t_utfall = time.perf_counter() - t
    print(f"Import (läs + alla kontroller): {best:.2f} s för {len(sie.verifikationer)} verifikationer (mål < 2 s)")
    print(f"Minne under importen (topp): {peak / 1e6:.1f} MB")
    print(f"Utfall per kostnadsställe, konto och månad: {len(out)} rader på {t_utfall:.3f} s")


if __name__ == "__main__":
    main()
