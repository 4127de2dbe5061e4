"""Draft protocol PDF for a 30-§ meeting (target < 0.3 s). Prints the figures."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from finsam_desktop.services.demo import core
from finsam_desktop.services.workspace import open_workspace

TEXT = (
    "Förbundschefen redovisar ärendet. Insatsen riktar sig till personer med aktivitetsersättning och "
    "har under året haft 42 deltagare, varav 17 gått vidare till arbete eller studier. "
) * 3


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        core.build(ws.services, 2026)
        m = ws.services.meetings
        meeting = m.meetings.create_meeting("2026-11-20")
        existing = len(m.agenda.list_items(meeting.id))
        for n in range(30 - existing):
            item = m.agenda.add_item(meeting.id, f"Ärende {n + 1}: ansökan om medel för insats {n + 1}", text=TEXT)
            m.paragraphs.add_clause(item.id, "Att bevilja medel med 500 000 kr för 2027.")
            m.paragraphs.add_clause(
                item.id, "Att betala ut hälften av de beviljade medlen i samband med att avtal tecknats."
            )
        assert len(m.agenda.list_items(meeting.id)) == 30
        doc = m.documents.protocol_document(meeting.id)
        from finsam_desktop.reports.sammantraden.protocol import build_protocol_pdf

        build_protocol_pdf(doc)  # warm-up: fonts
        render, total = [], []
        for _ in range(5):
            t = time.perf_counter()
            build_protocol_pdf(doc)
            render.append(time.perf_counter() - t)
            t = time.perf_counter()
            m.documents.protocol_pdf(meeting.id)
            total.append(time.perf_counter() - t)
        ws.close()
    print(
        f"Utkast till protokoll, 30 §: rendering median {statistics.median(render):.3f} s, "
        f"med datahämtning median {statistics.median(total):.3f} s (mål < 0.3 s)"
    )


if __name__ == "__main__":
    main()
