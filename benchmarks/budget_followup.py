"""Budget follow-up at scale: a 300-line budget, a year of utfall (3 600 rows) imported, then the
follow-up, the workbook and the PDF. Prints seconds per step; never used as a test gate."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from finsam_desktop.domain.budget.lines import Line, LineClass, Section, SectionKind
from finsam_desktop.services.workspace import open_workspace


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        bs = ws.services.budget
        ws.services.forbund.create("Samordningsförbundet Benchmark", "222000-3079")
        t = time.perf_counter()
        bid = bs.versions.create_budget(2026, with_template=False).info.id
        sections = [
            bs.lines.save_section(bid, Section(0, f"Avsnitt {i}", SectionKind.KOSTNAD, i, LineClass.ADMINISTRATION))
            for i in range(10)
        ]
        for n in range(300):
            bs.lines.save_line(
                bid, Line(0, sections[n % 10].id, f"L{n}", f"Rad {n}", None, None, n, Decimal(100_000 + n))
            )
        print(f"budget with 300 lines:     {time.perf_counter() - t:6.2f} s")
        csv = ["Konto;Period;Belopp"] + [f"L{n};2026-{m:02d};{8000 + n}" for m in range(1, 13) for n in range(300)]
        t = time.perf_counter()
        result = bs.utfall.import_utfall("\n".join(csv).encode(), "bench.csv")
        print(f"import {result.row_count} rows:          {time.perf_counter() - t:6.2f} s")
        t = time.perf_counter()
        again = bs.utfall.import_utfall("\n".join(csv).encode(), "bench.csv")
        print(f"re-import (replace):       {time.perf_counter() - t:6.2f} s ({len(again.changes)} compared)")
        t = time.perf_counter()
        view = bs.followup.followup_view(2026, date(2026, 9, 30))
        print(f"follow-up view:            {time.perf_counter() - t:6.2f} s ({len(view.result.rows)} rows)")
        t = time.perf_counter()
        xlsx = bs.exports.export_xlsx(2026, date(2026, 9, 30))
        print(f"workbook:                  {time.perf_counter() - t:6.2f} s ({len(xlsx) // 1024} kB)")
        t = time.perf_counter()
        pdf = bs.exports.export_pdf(2026, date(2026, 9, 30))
        print(f"PDF:                       {time.perf_counter() - t:6.2f} s ({len(pdf) // 1024} kB)")
        ws.close()


if __name__ == "__main__":
    main()
