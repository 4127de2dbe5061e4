"""Import + draw + check time for a verifikationslista of 50 000 transactions (target < 3 s).

    /work/venv/bin/python benchmarks/internkontroll_stickprov.py [ANTAL] [--xlsx]

Builds the demo förbund in a temporary file (its attestordning is what the check uses), generates a
fictitious list with planted faults, and times the three steps the user waits for.
"""

from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from finsam_desktop.domain.internkontroll.stickprov_draw import draw
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.demo.internkontroll import HEADERS, generate_transactions
from finsam_desktop.services.workspace import open_workspace

MAPPING = dict(zip(("verifikation", "datum", "belopp", "motpart", "konto", "attestanter", "utanordnare"), HEADERS))


def _as_xlsx(csv_bytes: bytes) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for line in csv_bytes.decode("utf-8").splitlines():
        ws.append(line.split(";"))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), 50000))
    use_xlsx = "--xlsx" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        build_demo(ws.services, 2026)
        ik = ws.services.internkontroll
        gen = generate_transactions(2026, count, seed=1, fault_rate=0.01)
        data, name = (_as_xlsx(gen.data), "verifikationer.xlsx") if use_xlsx else (gen.data, gen.filename)

        t0 = time.perf_counter()
        transactions = ik.stickprov.load_file(data, name, MAPPING)
        t1 = time.perf_counter()
        d = draw(transactions, PopulationFilter(), 25, 42, over_belopp=Decimal(125000))
        t2 = time.perf_counter()
        findings = ik.stickprov.check_items(d.items)
        t3 = time.perf_counter()
        ws.close()

    flagged = sum(1 for f in findings if f)
    print(f"Fil: {name}, {len(data) / 1e6:.1f} MB, {len(transactions)} verifikationer")
    print(f"Import (läs + tolka alla rader): {t1 - t0:6.3f} s")
    print(f"Urval ({len(d.items)} poster, frö 42):      {t2 - t1:6.3f} s")
    print(f"Attestkontroll av urvalet:       {t3 - t2:6.3f} s ({flagged} med anmärkning)")
    print(f"Totalt:                          {t3 - t0:6.3f} s (mål < 3 s)")


if __name__ == "__main__":
    main()
