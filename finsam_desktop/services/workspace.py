"""Opening, backing up and restoring a FINSAM file; used by the GUI and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finsam_desktop.persistence.backup import (
    list_backups,
    online_copy,
    restore_into,
    rolling_backup,
    timestamp,
)
from finsam_desktop.persistence.database import Database
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

__all__ = [
    "DatabaseLockedError",
    "DatabaseRefusedError",
    "Workspace",
    "backup_to",
    "list_backups",
    "open_workspace",
    "read_lock",
    "restore_from",
]


@dataclass
class Workspace:
    path: Path
    services: Services
    lock: FileLock | None = None
    auto_backup: Path | None = None
    kept_aside: list[Path] = field(default_factory=list)
    #: Set when the file was asked for writing but opened read-only (protection triggers missing).
    read_only_reason: str = ""

    @property
    def read_only(self) -> bool:
        return self.services.read_only

    def schema_revision(self) -> str:
        return ", ".join(current_revisions(self.services.db))

    def close(self) -> None:
        self.services.close()
        if self.lock:
            self.lock.release()
            self.lock = None


def open_workspace(
    path: Path, read_only: bool = False, lock: bool = True, auto_backup: bool = True, create: bool = True
) -> Workspace:
    """Open ``path``: take the lock, make the rolling backup, upgrade if needed.

    Raises ``DatabaseLockedError`` (another app writes the file; retry with ``read_only=True``)
    or ``DatabaseRefusedError`` (foreign or newer file; left untouched).
    """
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
        backup = rolling_backup(path) if (auto_backup and existed and not read_only) else None
    except BaseException:
        if file_lock:
            file_lock.release()
        raise
    return Workspace(path, Services(db), file_lock, backup, read_only_reason=reason)


def backup_to(workspace: Workspace, destination: Path) -> Path:
    """``Arkiv → Säkerhetskopiera…``: a consistent copy of the open file."""
    destination = Path(destination)
    if destination.resolve() == workspace.path.resolve():
        raise DatabaseRefusedError("Säkerhetskopian kan inte skrivas över den öppna filen.")
    return online_copy(workspace.path, destination)


def restore_from(workspace: Workspace, source: Path) -> Workspace:
    """Replace the open file's contents with ``source``; the current contents are kept aside.

    Returns a new, open workspace on the same path (upgraded if the copy was older).
    """
    source = Path(source)
    info = inspect_file(source)
    if info.state in (FileState.FOREIGN, FileState.NEWER):
        raise DatabaseRefusedError(info.message)
    if info.state is FileState.NEW:
        raise DatabaseRefusedError(f"{source} är tom eller finns inte.")
    if workspace.read_only:
        raise DatabaseRefusedError("Filen är öppen skrivskyddad; återställning kräver skrivrätt.")
    path = workspace.path
    aside = online_copy(path, path.with_name(f"{path.stem}.före-återställning-{timestamp()}.sqlite"))
    lock = workspace.lock
    workspace.services.close()
    restore_into(source, path)
    db = open_database(path)
    return Workspace(path, Services(db), lock, None, [aside])
