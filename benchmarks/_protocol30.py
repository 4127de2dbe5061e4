"""What the protocol and command benchmarks share: the 30-§ meeting (the demo's core data and one meeting filled to
30 §, each with three paragraphs of text and two att-satser) and the ``finsam`` command line to run."""

from __future__ import annotations

import sys
from pathlib import Path

from finsam_desktop.services.demo import core
from finsam_desktop.services.workspace import Workspace, open_workspace

_SCRIPT = Path(sys.executable).with_name("finsam")
#: The installed ``finsam`` command (as a user runs it), or the same entry point through this interpreter.
FINSAM = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-c", "from finsam_desktop.cli import main; raise SystemExit(main())"]
)

TEXT = (
    "Förbundschefen redovisar ärendet. Insatsen riktar sig till personer med aktivitetsersättning och "
    "har under året haft 42 deltagare, varav 17 gått vidare till arbete eller studier. "
) * 3


def build(path: Path, lock: bool = False) -> tuple[Workspace, int]:
    """A workspace at ``path`` with the 30-§ meeting; returns it open (the caller closes it) and the meeting id."""
    ws = open_workspace(path, auto_backup=False, lock=lock)
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
    return ws, meeting.id
