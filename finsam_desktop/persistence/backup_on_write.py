"""The automatic backup is made just before the first change of a session is committed.

Why then, and not when the file is opened (as before): a backup made at every open meant that ten failing
commands (an import that was refused, a typo in a command) made ten backups and, the set being finite, pushed
good older backups out. A session that writes nothing – a failing command, a look at the window, every
read-only command – now makes no backup at all, and a session that writes makes exactly one, of the file as
it was before its first change. That is also "only when the file changed since the last backup": the previous
backup is the state before the previous writing session, which then changed the file.

How, cheaply and correctly: SQLAlchemy's ``begin`` event notes the SQLite connection's ``total_changes``
counter and its ``commit`` event – which runs *before* the commit reaches SQLite – compares it. If rows were
inserted, updated or deleted, the backup is taken right there through a separate read connection. The file
is in WAL mode, so that connection sees the last committed state – the state before this transaction – while
the write waits. A transaction that fails is rolled back and never reaches the ``commit`` event; one that
changed nothing does not count. The cost is one online copy per writing session, at its first write, and
two integer reads per transaction otherwise.

A backup that cannot be made (full disk) does not stop the user's change: it is logged and tried again at
the next write.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event

from finsam_desktop.persistence.database import Database

log = logging.getLogger(__name__)

_KEY = "finsam_total_changes_at_begin"


def _total_changes(conn) -> int | None:
    driver = getattr(conn.connection, "driver_connection", None)
    return getattr(driver, "total_changes", None)


class BackupBeforeFirstWrite:
    """Calls ``make_backup()`` once, before the first commit on ``db`` that changes rows."""

    def __init__(self, db: Database, make_backup: Callable[[], Path]):
        self.db = db
        self.make_backup = make_backup
        self.path: Path | None = None
        self._mutex = threading.Lock()
        event.listen(db.engine, "begin", self._on_begin)
        event.listen(db.engine, "commit", self._on_commit)

    def _on_begin(self, conn) -> None:
        conn.info[_KEY] = _total_changes(conn)

    def _on_commit(self, conn) -> None:
        before = conn.info.pop(_KEY, None)
        if self.path is not None:
            return
        after = _total_changes(conn)
        if before is not None and after is not None and after == before:
            return  # nothing changed: not a write
        with self._mutex:
            if self.path is not None:
                return
            try:
                self.path = self.make_backup()
            except (OSError, sqlite3.Error) as exc:
                log.warning("Automatisk säkerhetskopia kunde inte göras: %s", exc)

    def detach(self) -> None:
        for name, fn in (("begin", self._on_begin), ("commit", self._on_commit)):
            if event.contains(self.db.engine, name, fn):
                event.remove(self.db.engine, name, fn)
