"""Opening, backing up and restoring a FINSAM file; used by the GUI and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finsam_desktop.persistence.backup import (
    BackupEntry,
    backup_dir_for,
    classify,
    list_backups,
    online_copy,
    rolling_backup,
)
from finsam_desktop.persistence.backup_on_write import BackupBeforeFirstWrite
from finsam_desktop.persistence.database import Database, is_server_url
from finsam_desktop.persistence.integrity import unprotected_reason
from finsam_desktop.persistence.lock import DatabaseLockedError, FileLock, read_lock
from finsam_desktop.persistence.migrator import (
    DatabaseRefusedError,
    FileState,
    current_revisions,
    inspect_file,
    open_database,
)
from finsam_desktop.services.container import Services
from finsam_desktop.services.restore import RestoreFindingsError, prepare_candidate, restore_path, swap_candidate
from finsam_desktop.services.server_backup import (
    backup_server,
    prepare_server_candidate,
    restore_server,
    swap_server_candidate,
)

__all__ = [
    "BackupEntry",
    "DatabaseLockedError",
    "DatabaseRefusedError",
    "RestoreFindingsError",
    "Workspace",
    "backup_dir_for",
    "backup_entries",
    "backup_to",
    "list_backups",
    "open_workspace",
    "read_lock",
    "restore_from",
    "restore_path",
    "restore_server",
]


#: ``finsam backup --list`` on a server database: the program keeps no automatic backups of it.
SERVER_BACKUP_MESSAGE = (
    "En serverdatabas har inga automatiska säkerhetskopior i programmet (serverns egna säkerhetskopior sköts av "
    "IT). Spara en kopia med ”finsam backup --to FIL” (pg_dump) och återställ den med ”finsam restore FIL”."
)


@dataclass
class Workspace:
    #: The file, or the server URL (a string) of a shared database.
    path: Path | str
    services: Services
    lock: FileLock | None = None
    backup_guard: BackupBeforeFirstWrite | None = None
    kept_aside: list[Path] = field(default_factory=list)
    #: Set when the file was asked for writing but opened read-only (protection triggers missing).
    read_only_reason: str = ""

    @property
    def auto_backup(self) -> Path | None:
        """This session's automatic backup: made before its first change, None until then."""
        return self.backup_guard.path if self.backup_guard else None

    @property
    def read_only(self) -> bool:
        return self.services.read_only

    @property
    def is_server(self) -> bool:
        return is_server_url(self.path)

    def schema_revision(self) -> str:
        return ", ".join(current_revisions(self.services.db))

    def close(self) -> None:
        self.services.close()
        if self.lock:
            self.lock.release()
            self.lock = None


def open_workspace(
    path: Path | str, read_only: bool = False, lock: bool = True, auto_backup: bool = True, create: bool = True
) -> Workspace:
    """Open ``path``: take the lock, upgrade if needed, and arm the automatic backup, which is made just
    before the first change is committed (``persistence/backup_on_write.py``): a session that changes
    nothing, or whose commands all fail, makes none.

    Raises ``DatabaseLockedError`` (another app writes the file; retry with ``read_only=True``)
    or ``DatabaseRefusedError`` (foreign or newer file; left untouched).

    ``path`` may be a server URL (``postgresql+psycopg://…``): the server then keeps the data consistent between
    writers, so there is no file lock and no automatic file backup (docs/postgresql.md).
    """
    if is_server_url(path):
        db = open_database(str(path), read_only=read_only, create=create)
        reason = "" if read_only else unprotected_reason(db)
        if reason:
            db.dispose()
            db = open_database(str(path), read_only=True)
        return Workspace(str(path), Services(db), read_only_reason=reason)
    path = Path(path)
    file_lock = None
    if not read_only and lock:
        file_lock = FileLock(path)
        file_lock.acquire()
    try:
        existed = inspect_file(path).state not in (FileState.NEW,)
        db: Database = open_database(path, read_only=read_only, create=create)
        reason = "" if read_only else unprotected_reason(db)
        if reason:  # tamper evidence: never write into a file whose protection triggers are gone
            db.dispose()
            db = open_database(path, read_only=True)
            read_only = True
            if file_lock:
                file_lock.release()
                file_lock = None
        guard = None
        if auto_backup and existed and not read_only:
            guard = BackupBeforeFirstWrite(db, lambda: rolling_backup(path))
    except BaseException:
        if file_lock:
            file_lock.release()
        raise
    return Workspace(path, Services(db), file_lock, guard, read_only_reason=reason)


def backup_entries(db_path: Path) -> list[BackupEntry]:
    """The backup folder of ``db_path`` (``finsam backup --list``): automatic backups newest first with the
    rules that keep them, then other copies in the folder. Works whether or not the file opens."""
    return classify(backup_dir_for(Path(db_path)))


def backup_to(workspace: Workspace, destination: Path) -> Path:
    """``Arkiv → Säkerhetskopiera…``: a consistent copy of the open file."""
    if workspace.is_server:
        return backup_server(str(workspace.path), Path(destination))
    destination = Path(destination)
    if destination.resolve() == workspace.path.resolve():
        raise DatabaseRefusedError("Säkerhetskopian kan inte skrivas över den öppna filen.")
    return online_copy(workspace.path, destination)


def restore_from(workspace: Workspace, source: Path, accept_findings: bool = False) -> Workspace:
    """Replace the open file with ``source`` after checking a copy of it completely
    (``services/restore.py``); the current file is kept aside. Returns a new, open workspace on the same path.

    On any refusal the open workspace is left as it was (still open, file untouched).
    """
    if workspace.read_only:
        raise DatabaseRefusedError("Filen är öppen skrivskyddad; återställning kräver skrivrätt.")
    if workspace.is_server:
        return _restore_server_from(workspace, Path(source), accept_findings)
    path = workspace.path
    candidate = prepare_candidate(Path(source), path, accept_findings)
    # Closing only empties the connection pool: should the swap fail, the old services reconnect to the old
    # file, which is still there, and the caller goes on working on it.
    workspace.services.close()
    aside = swap_candidate(candidate, path)
    db = open_database(path)
    guard = BackupBeforeFirstWrite(db, lambda: rolling_backup(path))
    return Workspace(path, Services(db), workspace.lock, guard, [aside] if aside else [])


def _restore_server_from(workspace: Workspace, source: Path, accept_findings: bool) -> Workspace:
    """``restore_from`` on a server database (``services/server_backup.py``): the archive is restored and checked
    in a database of its own, then takes the current one's name; the current one is kept under another name."""
    url = str(workspace.path)
    candidate = prepare_server_candidate(url, source, accept_findings)
    workspace.services.close()  # our own connections would stop the rename; reopened below either way
    try:
        swap_server_candidate(candidate, url)
    finally:
        db = open_database(url)
    return Workspace(url, Services(db))
