"""Only one running app may write a file.

Two files beside the database ``X.sqlite``:

- ``X.sqlite.oslock`` carries an operating-system lock (``filelock``: ``flock`` on Unix, ``LockFileEx``-style
  locking on Windows), held for as long as the file is open for writing. Taking it is one atomic call, so two
  programs starting at the same moment can never both win, and the operating system drops it when the holder
  ends in any way (also ``kill -9`` or a power cut of the process): a crashed program's lock is free at once.
- ``X.sqlite.lock`` says who holds it (user, computer, process, since), as JSON. It is written only by the
  holder, after taking the OS lock, and atomically (a temporary file renamed over it), so a reader sees the
  old or the new content, never a half-written one. It is what the "who holds it" message shows, and what
  older versions of the program (which knew only this file) respect.

A holder file left behind is only information: once we hold the OS lock, a holder file naming a process of
this computer is stale by definition and is replaced. A holder file naming *another* computer is respected
(the OS lock of a network share cannot always be trusted to reach us), as before; so is one in the old format
(no ``os_lock`` key) naming a live process on this computer, which is an older version of the program.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
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


UNKNOWN_HOLDER = LockInfo("okänd dator", 0, "okänd användare", "?")


class DatabaseLockedError(Exception):
    def __init__(self, path: Path, holder: LockInfo):
        self.path = path
        self.holder = holder
        super().__init__(f"Filen {path} används redan av {holder.describe()}. Den kan öppnas skrivskyddad.")


def lock_path_for(db_path: Path) -> Path:
    """The holder file (who has the file open for writing)."""
    return db_path.with_name(db_path.name + ".lock")


def os_lock_path_for(db_path: Path) -> Path:
    """The file that carries the operating-system lock."""
    return db_path.with_name(db_path.name + ".oslock")


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


def _read_raw(db_path: Path) -> dict | None:
    try:
        data = json.loads(lock_path_for(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_lock(db_path: Path) -> LockInfo | None:
    data = _read_raw(db_path)
    if data is None:
        return None
    try:
        return LockInfo(str(data["host"]), int(data["pid"]), str(data.get("user", "?")), str(data.get("since", "?")))
    except (KeyError, TypeError, ValueError):
        return None


def is_stale(info: LockInfo) -> bool:
    """A lock from this host whose process is gone is stale. A lock from another host cannot
    be checked and is respected."""
    return info.host == socket.gethostname() and not _pid_alive(info.pid)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    for attempt in range(20):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:  # Windows: a reader has the old file open for a moment
            if attempt == 19:
                tmp.unlink(missing_ok=True)
                raise
            time.sleep(0.05)


class FileLock:
    """Acquire with ``acquire()``; release with ``release()`` (also on normal exit; the operating system
    releases it when the process dies)."""

    #: How long a loser waits for the winner's holder file, to name the winner in its message.
    HOLDER_WAIT = 1.0

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self.os_path = os_lock_path_for(self.db_path)
        import filelock  # loaded by the first lock, not by every ``finsam`` start

        self._os_lock = filelock.FileLock(str(self.os_path), timeout=0, thread_local=False)
        self.held = False

    def _holder_of_taken_lock(self) -> LockInfo:
        """The OS lock is taken by someone else: who? (They may be writing their holder file right now.)"""
        deadline = time.monotonic() + self.HOLDER_WAIT
        while True:
            info = read_lock(self.db_path)
            if info is not None and not is_stale(info):
                return info
            if time.monotonic() >= deadline:
                return info or UNKNOWN_HOLDER
            time.sleep(0.01)

    def _previous_holder_blocks(self) -> LockInfo | None:
        """We hold the OS lock. Does a holder file still name a writer we must respect?"""
        data = _read_raw(self.db_path)
        info = read_lock(self.db_path)
        if data is None or info is None:
            return None
        if info.host != socket.gethostname():
            return info  # another computer: cannot be checked, respected
        if info.pid == os.getpid():
            return None
        if not data.get("os_lock") and _pid_alive(info.pid):
            return info  # an older version of the program, which knows only the holder file
        return None

    def acquire(self) -> None:
        if self.held:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        import filelock

        try:
            self._os_lock.acquire(timeout=0)
        except filelock.Timeout:
            raise DatabaseLockedError(self.db_path, self._holder_of_taken_lock()) from None
        try:
            blocking = self._previous_holder_blocks()
            if blocking is not None:
                raise DatabaseLockedError(self.db_path, blocking)
            me = LockInfo(
                socket.gethostname(), os.getpid(), getpass.getuser(), clock.wall_now().isoformat(timespec="seconds")
            )
            _write_atomically(self.path, json.dumps({**me.__dict__, "os_lock": True}))
        except BaseException:
            self._os_lock.release(force=True)
            raise
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        try:
            info = read_lock(self.db_path)
            if info and info.pid == os.getpid() and info.host == socket.gethostname():
                with contextlib.suppress(OSError):
                    self.path.unlink(missing_ok=True)
        finally:
            self._os_lock.release(force=True)
            self.held = False
