"""Draft protocol PDF for a 30-§ meeting (target < 0.3 s). Prints the figures."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import _protocol30


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws, meeting_id = _protocol30.build(Path(tmp) / "bench.sqlite")
        m = ws.services.meetings
        doc = m.documents.protocol_document(meeting_id)
        from finsam_desktop.reports.sammantraden.protocol import build_protocol_pdf

        build_protocol_pdf(doc)  # warm-up: fonts
        render, total = [], []
        for _ in range(5):
            t = time.perf_counter()
            build_protocol_pdf(doc)
            render.append(time.perf_counter() - t)
            t = time.perf_counter()
            m.documents.protocol_pdf(meeting_id)
            total.append(time.perf_counter() - t)
        ws.close()
    print(
        f"Utkast till protokoll, 30 §: rendering median {statistics.median(render):.3f} s, "
        f"med datahämtning median {statistics.median(total):.3f} s (mål < 0.3 s)"
    )


if __name__ == "__main__":
    main()
