"""How fast is the attest check (the stickprov calls it once per drawn item)? Prints figures only."""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.workspace import open_workspace


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        build_demo(ws.services, 2026)
        att = ws.services.attest
        n = 300
        start = time.perf_counter()
        for i in range(n):
            att.check.check_transaction(
                date(2026, 1, 1) + timedelta(days=i % 300),
                Decimal(1000 + i),
                "Kontorsbolaget AB",
                ["Eva Forsberg"],
                "Ekonomiservice, Ådalens kommun",
                "Kansli",
            )
        per = (time.perf_counter() - start) / n * 1000
        print(f"check_transaction: {per:.1f} ms per transaktion ({n} st)")
        start = time.perf_counter()
        for _ in range(20):
            att.decisions.list_decisions(None)
        print(f"list_decisions (14 beslut): {(time.perf_counter() - start) / 20 * 1000:.1f} ms")
        start = time.perf_counter()
        att.exports.export_signaturlista(2026, "pdf")
        print(f"signaturlista PDF: {(time.perf_counter() - start) * 1000:.0f} ms")
        ws.close()


if __name__ == "__main__":
    main()
