"""Backups with SQLite's online backup API (never a plain copy of a live file).

The automatic backups live in ``<stem>-säkerhetskopior/`` beside the file as ``auto-<time>.sqlite``, the time
being the computer's real time when it was made. They form a generational set (``prune``): the
``KEEP_LAST`` newest, plus the newest of each of the ``KEEP_DAILY`` most recent days that have one, plus the
newest of each of the ``KEEP_MONTHLY`` most recent months that have one. A burst of backups on one day can
therefore push out at most that day's older copies, never yesterday's or last month's. Files in the folder
that are not automatic backups are listed but never deleted.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from finsam_desktop import clock

KEEP_LAST = 10
KEEP_DAILY = 14
KEEP_MONTHLY = 12
#: Kept for callers of the old name: the "last N" part of the set.
KEEP_ROLLING = KEEP_LAST

_AUTO_NAME = re.compile(r"^auto-(\d{8}-\d{6}-\d{6})\.sqlite$")
_STAMP = "%Y%m%d-%H%M%S-%f"


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-säkerhetskopior"


def online_copy(src: Path, dst: Path) -> Path:
    """Copy a (possibly live) database ``src`` into ``dst`` consistently."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.exists():
        dst.unlink()
    source = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    return dst


def timestamp() -> str:
    return clock.wall_now().strftime(_STAMP)


@dataclass
class BackupEntry:
    """One file in the backup folder and why the generational set keeps it (empty: not an automatic one)."""

    path: Path
    taken: datetime | None
    reasons: list[str] = field(default_factory=list)

    @property
    def automatic(self) -> bool:
        return self.taken is not None


def _taken(path: Path) -> datetime | None:
    match = _AUTO_NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None


def classify(directory: Path) -> list[BackupEntry]:
    """Every ``*.sqlite`` in ``directory``, newest first, with the rules that keep the automatic ones."""
    if not directory.exists():
        return []
    autos: list[BackupEntry] = []
    others: list[BackupEntry] = []
    for path in directory.glob("*.sqlite"):
        taken = _taken(path)
        (autos if taken else others).append(BackupEntry(path, taken))
    autos.sort(key=lambda e: e.taken, reverse=True)
    days: list[str] = []
    months: list[str] = []
    for i, entry in enumerate(autos):
        if i < KEEP_LAST:
            entry.reasons.append(f"senaste {i + 1}")
        day = entry.taken.strftime("%Y-%m-%d")
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            entry.reasons.append(f"dag {day}")
        month = entry.taken.strftime("%Y-%m")
        if month not in months and len(months) < KEEP_MONTHLY:
            months.append(month)
            entry.reasons.append(f"månad {month}")
    others.sort(key=lambda e: e.path.stat().st_mtime, reverse=True)
    return autos + others


def prune(directory: Path) -> list[Path]:
    """Delete the automatic backups that no rule keeps; returns what was deleted."""
    removed = []
    for entry in classify(directory):
        if entry.automatic and not entry.reasons:
            entry.path.unlink(missing_ok=True)
            removed.append(entry.path)
    return removed


def rolling_backup(db_path: Path) -> Path:
    """One automatic backup of ``db_path`` into the generational set (then pruned)."""
    directory = backup_dir_for(db_path)
    final = directory / f"auto-{timestamp()}.sqlite"
    partial = final.with_name(final.name + ".tmp")  # never listed, never restored from, while being written
    try:
        online_copy(db_path, partial)
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    prune(directory)
    return final


def list_backups(db_path: Path) -> list[Path]:
    """The backup folder's files, automatic ones newest first, then other copies put there."""
    return [entry.path for entry in classify(backup_dir_for(db_path))]
