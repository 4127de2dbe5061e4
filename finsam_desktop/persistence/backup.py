"""Backups with SQLite's online backup API (never a plain copy of a live file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from finsam_desktop import clock

KEEP_ROLLING = 10


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


def restore_into(src: Path, db_path: Path) -> None:
    """Overwrite the contents of ``db_path`` with ``src`` through the backup API."""
    source = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(db_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def timestamp() -> str:
    return clock.wall_now().strftime("%Y%m%d-%H%M%S-%f")


def rolling_backup(db_path: Path, keep: int = KEEP_ROLLING) -> Path:
    """The automatic copy at start; keeps the ``keep`` newest."""
    directory = backup_dir_for(db_path)
    dst = online_copy(db_path, directory / f"auto-{timestamp()}.sqlite")
    autos = sorted(directory.glob("auto-*.sqlite"))
    for old in autos[:-keep]:
        old.unlink()
    return dst


def list_backups(db_path: Path) -> list[Path]:
    directory = backup_dir_for(db_path)
    if not directory.exists():
        return []
    return sorted(directory.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
