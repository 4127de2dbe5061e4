"""Only one running app may write a file: a lock file beside it with host, pid and user."""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from finsam_desktop import clock


@dataclass(frozen=True)
class LockInfo:
    host: str
    pid: int
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} på datorn {self.host} (process {self.pid}, sedan {self.since})"


class DatabaseLockedError(Exception):
    def __init__(self, path: Path, holder: LockInfo):
        self.path = path
        self.holder = holder
        super().__init__(f"Filen {path} används redan av {holder.describe()}. Den kan öppnas skrivskyddad.")


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:
    """On Windows ``os.kill(pid, 0)`` would send Ctrl+C; ask the process table instead."""
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def read_lock(db_path: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path_for(db_path).read_text(encoding="utf-8"))
        return LockInfo(str(data["host"]), int(data["pid"]), str(data.get("user", "?")), str(data.get("since", "?")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(info: LockInfo) -> bool:
    """A lock from this host whose process is gone is stale. A lock from another host cannot
    be checked and is respected."""
    return info.host == socket.gethostname() and not _pid_alive(info.pid)


class FileLock:
    """Acquire with ``acquire()``; release with ``release()`` (also on normal exit)."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self.held = False

    def acquire(self) -> None:
        me = LockInfo(
            socket.gethostname(), os.getpid(), getpass.getuser(), clock.wall_now().isoformat(timespec="seconds")
        )
        payload = json.dumps(me.__dict__)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_lock(self.db_path)
                if holder is None or is_stale(holder):
                    self.path.unlink(missing_ok=True)
                    continue
                raise DatabaseLockedError(self.db_path, holder) from None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            self.held = True
            return
        raise DatabaseLockedError(self.db_path, read_lock(self.db_path) or me)

    def release(self) -> None:
        if self.held:
            info = read_lock(self.db_path)
            if info and info.pid == os.getpid() and info.host == socket.gethostname():
                self.path.unlink(missing_ok=True)
            self.held = False
