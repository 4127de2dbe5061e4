"""Restore from a backup: the candidate is checked completely before the live file is touched.

The path, the same for the window and the command line:

1. the offered file is copied (bytes, with its ``-wal`` if any) into a temporary folder beside the live file;
   the offered file itself is only read;
2. on the copy: SQLite's ``integrity_check`` and ``foreign_key_check``, the application id, a schema version
   this program knows (not newer);
3. an older copy is upgraded – the copy, not the live file – and its tables, columns, indexes and triggers
   must then be exactly those of this version (a trigger that protects justerade protokoll included);
4. it must hold a förbund, and ``finsam check`` (``services/check.py``) runs on the copy; its findings refuse
   the restore unless the user accepts them (``accept_findings``) – never a damaged file, an unknown schema or
   a justerat protocol changed after justering;
5. only then the live file is kept aside (``<stem>.före-återställning-<tid>.sqlite``) and the copy renamed
   over it with ``os.replace`` (atomic).

Any refusal raises ``DatabaseRefusedError`` with a Swedish message, and leaves the live file byte-identical.
``restore_path`` works on a file that no longer opens (it needs only the write lock), so a damaged file can
always be restored.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from finsam_desktop.persistence.candidate import (
    check_has_forbund,
    check_schema,
    check_sqlite,
    copy_candidate,
    finish_copy,
    make_workdir,
    swap_in,
    upgrade_copy,
)
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.lock import FileLock
from finsam_desktop.persistence.migrator import DatabaseRefusedError
from finsam_desktop.services.check import Finding, run_checks

#: How many findings a refusal lists.
SHOWN_FINDINGS = 8


#: Findings no user can accept: a damaged file, or a justerat protocol changed after justering (forged).
NEVER_ACCEPTED = frozenset({"SQLite", "Justering"})


class RestoreFindingsError(DatabaseRefusedError):
    """The copy is sound but ``finsam check`` found errors in it. ``acceptable``: the user may restore it
    anyway (``accept_findings``); not when a finding is in ``NEVER_ACCEPTED``."""

    def __init__(self, source: Path, findings: list[Finding], acceptable: bool = True, current: str = "filen"):
        self.source = source
        self.findings = findings
        self.acceptable = acceptable
        lines = [f"  - {f}" for f in findings[:SHOWN_FINDINGS]]
        if len(findings) > SHOWN_FINDINGS:
            lines.append(f"  … och {len(findings) - SHOWN_FINDINGS} till")
        super().__init__(
            f"{source} är en hel FINSAM-databas, men programmets kontroll hittade {len(findings)} fel i den:\n"
            + "\n".join(lines)
            + f"\nDen nuvarande {current} är orörd."
            + ("" if acceptable else " Den här kopian kan inte återställas: den är skadad eller förfalskad.")
        )


@dataclass
class Candidate:
    """A checked copy of ``source``, ready to be swapped in (``discard()`` when not used)."""

    source: Path
    copy: Path
    workdir: Path
    upgraded: bool
    findings: list[Finding] = field(default_factory=list)

    def discard(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def prepare_candidate(source: Path, live: Path, accept_findings: bool = False) -> Candidate:
    """Steps 1–4 above; raises ``DatabaseRefusedError`` (or ``RestoreFindingsError``)."""
    source = Path(source)
    live = Path(live)
    if live.exists() and source.resolve() == live.resolve():
        raise DatabaseRefusedError(f"{source} är den öppna filen själv; välj en säkerhetskopia.")
    workdir = make_workdir(live)
    try:
        copy = copy_candidate(source, workdir)
        revs = check_sqlite(copy, source)
        upgraded = upgrade_copy(copy, source, revs)
        check_schema(copy, source)
        if upgraded:
            check_sqlite(copy, source)
        check_has_forbund(copy, source)
        db = Database(copy, read_only=True)
        try:
            findings = run_checks(db)
        finally:
            db.dispose()
        hard = [f for f in findings if f.area in NEVER_ACCEPTED]
        if hard or (findings and not accept_findings):
            raise RestoreFindingsError(source, findings, acceptable=not hard)
        finish_copy(copy)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return Candidate(source, copy, workdir, upgraded, findings)


def swap_candidate(candidate: Candidate, live: Path) -> Path | None:
    """Step 5: keep ``live`` aside and rename the checked copy over it. The caller holds the write lock and
    has closed its own connections to ``live``. Returns the kept-aside file (None if there was no file)."""
    try:
        return swap_in(candidate.copy, Path(live))
    finally:
        candidate.discard()


def restore_path(live: Path, source: Path, accept_findings: bool = False) -> tuple[Candidate, Path | None]:
    """Restore ``source`` into ``live`` when ``live`` is not open here – also when it no longer opens at all.

    Takes the write lock (``DatabaseLockedError`` if another program writes the file)."""
    live = Path(live)
    lock = FileLock(live)
    lock.acquire()
    try:
        candidate = prepare_candidate(source, live, accept_findings)
        return candidate, swap_candidate(candidate, live)
    finally:
        lock.release()
