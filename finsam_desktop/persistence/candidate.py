"""A file offered for restore, checked in a private copy, then swapped in atomically.

Nothing here touches the live file until ``swap_in``; every check runs on a copy in a temporary folder beside
the live file (same file system, so the final ``os.replace`` is atomic). The application's own rules
(``finsam check``) run in the services layer, on the same copy (``services/restore.py``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

from finsam_desktop.persistence.backup import timestamp
from finsam_desktop.persistence.database import APPLICATION_ID
from finsam_desktop.persistence.migrator import DatabaseRefusedError, _upgrade, head_revisions, known_revisions

SQLITE_HEADER = b"SQLite format 3\x00"
COPY_NAME = "kandidat.sqlite"


class CandidateRefusedError(DatabaseRefusedError):
    """The offered file cannot be restored; the live file has not been touched."""


def _refuse(source: Path, why: str) -> CandidateRefusedError:
    return CandidateRefusedError(f"{source} kan inte återställas: {why} Den nuvarande filen är orörd.")


#: SQLite's own words for the usual damage, in Swedish (anything else is shown as SQLite says it).
_SQLITE_SWEDISH = {
    "file is not a database": "filen är inte en databas eller är avkortad",
    "database disk image is malformed": "databasfilen är skadad",
    "file is encrypted or is not a database": "filen är krypterad eller inte en databas",
    "database or disk is full": "disken är full",
}


def sqlite_reason(exc: BaseException) -> str:
    text = str(exc)
    return f"{_SQLITE_SWEDISH[text]}; SQLite: {text}" if text in _SQLITE_SWEDISH else f"SQLite: {text}"


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_workdir(live: Path) -> Path:
    live.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{live.stem}.återställning-", dir=live.parent))


def copy_candidate(source: Path, workdir: Path) -> Path:
    """A private byte copy of ``source`` (and of its ``-wal``, if any); ``source`` is only read."""
    if not source.exists():
        raise _refuse(source, "filen finns inte.")
    if not source.is_file():
        raise _refuse(source, "det är ingen fil.")
    try:
        with open(source, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _refuse(source, f"filen kan inte läsas ({exc.strerror or exc}).") from None
    if not header:
        raise _refuse(source, "filen är tom.")
    if header != SQLITE_HEADER:
        raise _refuse(source, "filen är inte en SQLite-databas (och alltså ingen säkerhetskopia från FINSAM Kansli).")
    copy = workdir / COPY_NAME
    shutil.copyfile(source, copy)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    return copy


def _connect(copy: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(copy, timeout=1)
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def check_sqlite(copy: Path, source: Path) -> tuple[str, ...]:
    """SQLite's own checks, the application id and the schema version; returns the revisions."""
    try:
        conn = _connect(copy)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(10)")]
            if problems != ["ok"]:
                lines = [line for p in problems for line in p.splitlines() if line and not line.startswith("***")]
                raise _refuse(source, f"filen är skadad (SQLite:s integritetskontroll: {'; '.join(lines[:3])}).")
            dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
            if dangling:
                table, rowid, parent, _ = dangling[0]
                raise _refuse(
                    source,
                    f"{len(dangling)} rader pekar på rader som saknas (till exempel rad {rowid} i {table}, "
                    f"som pekar på {parent}).",
                )
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if app_id != APPLICATION_ID:
                raise _refuse(source, "filen är inte en FINSAM-databas (annat program eller okänd filtyp).")
            if "alembic_version" not in tables:
                raise _refuse(
                    source,
                    "filen saknar schemaversion (tabellen alembic_version) och är inte en fullständig FINSAM-databas.",
                )
            revs = tuple(sorted(str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(source, f"filen kan inte läsas som en databas ({sqlite_reason(exc)}).") from None
    if not revs:
        raise _refuse(source, "filen saknar schemaversion (tabellen alembic_version är tom).")
    unknown = [r for r in revs if r not in known_revisions()]
    if unknown:
        raise _refuse(
            source,
            f"filen är skapad av en nyare version av FINSAM Kansli (schemaversion {', '.join(unknown)}); "
            "uppdatera programmet först.",
        )
    return revs


def upgrade_copy(copy: Path, source: Path, revs: tuple[str, ...]) -> bool:
    """Bring the copy to this version's schema; True if it was older."""
    if revs == head_revisions():
        return False
    try:
        _upgrade(copy)
    except Exception as exc:  # any failure of a migration on a broken copy means: refuse
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _refuse(source, f"filen kunde inte uppgraderas till den här versionens schema ({reason}).") from None
    return True


def _schema(path: Path) -> dict[str, frozenset[str]]:
    """Table name → its column names; index, trigger and view name → its SQL (whitespace folded), so that a
    trigger that protects justerade protokoll cannot be swapped for one that does nothing."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        shape: dict[str, frozenset[str]] = {}
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        for type_, name, sql in rows:
            if type_ == "table":
                columns = frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")'))
                shape[f"tabell {name}"] = columns
            else:
                label = {"index": "index", "trigger": "trigger", "view": "vy"}.get(type_, type_)
                shape[f"{label} {name}"] = frozenset({" ".join((sql or "").split())})
        return shape
    finally:
        conn.close()


@lru_cache(maxsize=1)
def reference_schema() -> dict[str, frozenset[str]]:
    """The schema this version creates (built once per process from the migrations)."""
    with tempfile.TemporaryDirectory(prefix="finsam-referens-") as tmp:
        path = Path(tmp) / "referens.sqlite"
        _upgrade(path)
        return _schema(path)


def schema_problems(copy: Path) -> list[str]:
    """What differs from this version's schema (missing or unknown tables, columns, indexes, triggers)."""
    expected = reference_schema()
    actual = _schema(copy)
    problems = []
    tables_first = sorted(expected.keys() - actual.keys(), key=lambda n: (not n.startswith("tabell "), n))
    for name in tables_first:
        problems.append(f"{name} saknas")
    for name in sorted(actual.keys() - expected.keys(), key=lambda n: (not n.startswith("tabell "), n)):
        problems.append(f"okänd {name}")
    for name in sorted(expected.keys() & actual.keys()):
        missing = expected[name] - actual[name]
        extra = actual[name] - expected[name]
        if not name.startswith("tabell "):
            if missing or extra:
                problems.append(f"{name} är ändrad")
            continue
        if missing:
            problems.append(f"{name} saknar kolumnerna {', '.join(sorted(missing))}")
        if extra:
            problems.append(f"{name} har okända kolumner {', '.join(sorted(extra))}")
    return problems


def check_schema(copy: Path, source: Path) -> None:
    problems = schema_problems(copy)
    tables = [n for n in reference_schema() if n.startswith("tabell ")]
    missing = [p for p in problems if p.startswith("tabell ") and p.endswith(" saknas")]
    if len(missing) > len(tables) // 2:
        raise _refuse(
            source,
            f"filen liknar inte en FINSAM-databas ({len(missing)} av programmets {len(tables)} tabeller saknas).",
        )
    if problems:
        shown = "; ".join(problems[:5]) + (f" (och {len(problems) - 5} till)" if len(problems) > 5 else "")
        raise _refuse(source, f"filens schema känns inte igen: {shown}.")


def check_has_forbund(copy: Path, source: Path) -> None:
    """A FINSAM file without its förbund is no backup of one (it would open as an empty, new förbund)."""
    conn = sqlite3.connect(f"file:{copy.as_posix()}?mode=ro", uri=True)
    try:
        count = conn.execute("SELECT count(*) FROM forbund").fetchone()[0]
    except sqlite3.Error as exc:
        raise _refuse(source, f"förbundet kan inte läsas ({sqlite_reason(exc)}).") from None
    finally:
        conn.close()
    if not count:
        raise _refuse(source, "filen innehåller inget förbund (tom eller urtömd databas).")


def finish_copy(copy: Path) -> None:
    """One self-contained file (no -wal), flushed to disk, ready to be renamed over the live file."""
    conn = sqlite3.connect(copy)
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()
    finally:
        conn.close()
    for suffix in ("-wal", "-shm", "-journal"):
        copy.with_name(copy.name + suffix).unlink(missing_ok=True)
    _fsync(copy)


def kept_aside_path(live: Path) -> Path:
    return live.with_name(f"{live.stem}.före-återställning-{timestamp()}.sqlite")


def _quiesce(live: Path) -> bool:
    """Fold the live file's WAL into it and leave WAL mode, so that the file alone is its content.

    Returns False when the file cannot be opened by SQLite at all (damaged): it is then kept aside as it is,
    with its ``-wal``. Raises when another program has it open (it would go on reading the replaced file)."""
    try:
        conn = sqlite3.connect(live, timeout=2)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseRefusedError(
                f"{live} är öppen i ett annat program (kanske skrivskyddat). Stäng det och försök igen; "
                "ingenting har ändrats."
            ) from None
        return False
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return True


def swap_in(copy: Path, live: Path) -> Path | None:
    """Keep ``live`` aside, then atomically rename the checked ``copy`` over it; returns the kept file."""
    aside = None
    if live.exists():
        _quiesce(live)
        aside = kept_aside_path(live)
        shutil.copyfile(live, aside)
        _fsync(aside)
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = live.with_name(live.name + suffix)
            if leftover.exists():
                # Never let an old WAL or journal be replayed onto the restored file: it goes with the old one.
                with contextlib.suppress(OSError):
                    os.replace(leftover, aside.with_name(aside.name + suffix))
                leftover.unlink(missing_ok=True)
    os.replace(copy, live)
    _fsync_dir(live.parent)
    return aside
