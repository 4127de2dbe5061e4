"""Årshjul figures: expanding a full year, laying out the wheel, and the exports.

    /work/venv/bin/python benchmarks/arshjul_year.py
Prints timings; asserts nothing.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from finsam_desktop.domain.arshjul.wheel import WheelGeometry, bands, layout_marks
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.workspace import open_workspace


def _timed(label: str, fn, repeat: int = 5):
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    print(f"{label:<34} {(time.perf_counter() - start) / repeat * 1000:8.1f} ms")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        t = time.perf_counter()
        build_demo(ws.services, 2026)
        print(f"{'demo (all areas)':<34} {(time.perf_counter() - t) * 1000:8.1f} ms")
        svc = ws.services.arshjul
        view = _timed("year_view(2026)", lambda: svc.view.year_view(2026))
        print(f"{'occurrences':<34} {len(view.occurrences):8d}")
        wheel = bands(330, len(view.categories))
        marks = _timed(
            "layout_marks (r=330 px)",
            lambda: layout_marks(
                view.occurrences, view.categories, WheelGeometry(2026), wheel, lambda s, z: len(s) * z * 0.55, 10
            ),
        )
        print(f"{'labelled marks':<34} {sum(m.labelled for m in marks):5d} of {len(marks)}")
        _timed("export_ics", lambda: svc.exports.export_ics(2026))
        _timed("export_pdf A3", lambda: svc.exports.export_pdf(2026, "A3"), repeat=2)
        _timed("export_xlsx", lambda: svc.exports.export_xlsx(2026), repeat=2)
        ws.close()


if __name__ == "__main__":
    main()
