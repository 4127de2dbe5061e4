"""Backup and restore of a server database (PostgreSQL, docs/postgresql.md), with the same all-or-nothing rule as
the file's (``services/restore.py``).

Backup: ``pg_dump --format=custom`` into a temporary file beside the destination, read back with
``pg_restore --list`` (a readable archive of a FINSAM database), then renamed into place.

Restore – the current database is not touched until the very end:

1. the offered file must be a pg_dump archive (``pg_restore --list`` succeeds) of a FINSAM database (it has
   ``alembic_version`` and most of the program's tables); a SQLite file is pointed to ``finsam db migrate-to``;
2. it is restored into a new, temporary database on the same server (``pg_restore --single-transaction
   --exit-on-error``), which is upgraded if it is older, and must then have exactly the program's tables, every
   protection trigger, a förbund, and pass ``finsam check`` (the same findings rule as for a file);
3. only then, in one transaction, the current database is renamed aside (``<namn>_fore_aterstallning_<tid>``,
   kept as the file restore keeps the old file) and the checked one takes its name.

Why a temporary database and a rename rather than ``pg_restore --clean`` into the current one: a bad or
truncated archive then fails in a database nobody uses, the checks run on the restored data before anyone sees
it, and the swap is two renames in one transaction – either both happen or neither. It needs the rights that
implies: CREATEDB, and ownership of the current database (PostgreSQL lets only the owner rename it); and no one
else connected to it at the moment of the swap. Database-level settings and grants (``GRANT CONNECT ON
DATABASE``, ``ALTER DATABASE … SET``) are not in a pg_dump archive and must be given again to the new database;
grants on the tables are restored.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from finsam_desktop import clock
from finsam_desktop.persistence import pg_tools, transfer
from finsam_desktop.persistence.backup import timestamp
from finsam_desktop.persistence.candidate import SQLITE_HEADER
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.integrity import missing_triggers
from finsam_desktop.persistence.migrator import DatabaseRefusedError, FileState, _upgrade, inspect_server
from finsam_desktop.persistence.models import Base
from finsam_desktop.services.check import run_checks
from finsam_desktop.services.findings import Finding
from finsam_desktop.services.restore import NEVER_ACCEPTED, RestoreFindingsError

#: Databases a server has for connecting when the database itself must not be in use (CREATE/DROP/RENAME).
MAINTENANCE_DATABASES = ("postgres", "template1")
CURRENT = "Den nuvarande databasen är orörd."


def _refuse(source: Path, why: str) -> DatabaseRefusedError:
    return DatabaseRefusedError(f"{source} kan inte återställas: {why} {CURRENT}")


def _stamp() -> str:
    """Short enough that a database name stays within PostgreSQL's 63 characters."""
    return clock.wall_now().strftime("%Y%m%d%H%M%S")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _words(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _sqlstate(exc: BaseException) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


# --- backup ------------------------------------------------------------------------------------------------------


def backup_server(url: str, destination: Path) -> Path:
    """``finsam backup --to FIL`` on a server database: a pg_dump archive, checked readable, then put in place."""
    destination = Path(destination)
    if destination.is_dir():
        raise DatabaseRefusedError(f"{destination} är en mapp; ange en fil för säkerhetskopian.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.{timestamp()}.tmp")
    try:
        pg_tools.dump(url, partial)
        toc = pg_tools.table_of_contents(partial)
        if toc is None or "alembic_version" not in pg_tools.archived_tables(toc):
            raise DatabaseRefusedError("pg_dump gav ingen läsbar säkerhetskopia av FINSAM-databasen; inget sparades.")
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination


# --- restore -----------------------------------------------------------------------------------------------------


def _admin_engine(url: str | URL) -> Engine:
    """Autocommit on a maintenance database of the same server (never on the database being replaced)."""
    last: Exception | None = None
    for name in MAINTENANCE_DATABASES:
        engine = create_engine(pg_tools.with_database(url, name), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect():
                return engine
        except SQLAlchemyError as exc:
            last = exc
            engine.dispose()
    raise DatabaseRefusedError(
        f"Programmet kan inte ansluta till serverns underhållsdatabas (postgres eller template1): {_words(last)}. "
        f"{CURRENT}"
    )


def check_archive(source: Path) -> None:
    """Step 1: a pg_dump archive of a FINSAM database."""
    if not source.exists():
        raise _refuse(source, "filen finns inte.")
    if not source.is_file():
        raise _refuse(source, "det är ingen fil.")
    with open(source, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if not header:
        raise _refuse(source, "filen är tom.")
    if header == SQLITE_HEADER:
        raise _refuse(
            source,
            "det är en SQLite-fil, ingen säkerhetskopia från pg_dump. En SQLite-fil flyttas till en tom "
            "serverdatabas med ”finsam --db FIL db migrate-to URL”.",
        )
    toc = pg_tools.table_of_contents(source)
    if toc is None:
        raise _refuse(source, "filen är ingen läsbar säkerhetskopia från pg_dump (custom-format), eller är skadad.")
    tables = pg_tools.archived_tables(toc)
    if "alembic_version" not in tables:
        raise _refuse(source, "filen är ingen säkerhetskopia av en FINSAM-databas (tabellen alembic_version saknas).")
    ours = set(Base.metadata.tables)
    missing = ours - tables
    if len(missing) > len(ours) // 2:
        raise _refuse(
            source, f"filen liknar inte en FINSAM-databas ({len(missing)} av programmets {len(ours)} tabeller saknas)."
        )


@dataclass
class ServerCandidate:
    """The archive restored and checked in its own database ``url``, ready to take the current one's name."""

    source: Path
    url: URL
    upgraded: bool
    findings: list[Finding] = field(default_factory=list)

    def discard(self) -> None:
        engine = _admin_engine(self.url)
        try:
            with engine.connect() as conn, contextlib.suppress(SQLAlchemyError):
                conn.execute(text(f"DROP DATABASE IF EXISTS {_ident(str(self.url.database))}"))
        finally:
            engine.dispose()


def _check_restored(candidate: ServerCandidate) -> None:
    """Step 2 on the restored copy."""
    source, url = candidate.source, candidate.url.render_as_string(hide_password=False)
    info = inspect_server(url)
    if info.state is FileState.NEWER:
        raise _refuse(source, "den är gjord av en nyare version av FINSAM Kansli; uppdatera programmet först.")
    if info.state is not FileState.CURRENT and info.state is not FileState.OLDER:
        raise _refuse(source, "kopian är ingen hel FINSAM-databas (schemaversionen saknas).")
    if info.state is FileState.OLDER:
        try:
            _upgrade(url)
        except Exception as exc:  # any failure of a migration on the copy means: refuse
            raise _refuse(
                source, f"kopian kunde inte uppgraderas till den här versionens schema ({_words(exc)})."
            ) from None
        candidate.upgraded = True
    db = Database(url, read_only=True)
    try:
        with db.engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            problems = [f"tabellen {n} saknas" for n in sorted(set(Base.metadata.tables) - names)]
            problems += [f"okänd tabell {n}" for n in transfer.unknown_tables(conn)]
            problems += [f"skyddstriggern {n} saknas" for n in missing_triggers(conn)]
            if problems:
                shown = "; ".join(problems[:5]) + (f" (och {len(problems) - 5} till)" if len(problems) > 5 else "")
                raise _refuse(source, f"kopians schema känns inte igen: {shown}.")
            if not conn.execute(text("SELECT count(*) FROM forbund")).scalar():
                raise _refuse(source, "kopian innehåller inget förbund (tom eller urtömd databas).")
        candidate.findings = run_checks(db)
    finally:
        db.dispose()


def prepare_server_candidate(live_url: str, source: Path, accept_findings: bool = False) -> ServerCandidate:
    """Steps 1–2; raises ``DatabaseRefusedError`` (or ``RestoreFindingsError``) with the current database as it
    was."""
    source = Path(source)
    check_archive(source)
    live = pg_tools.database_name(live_url)
    candidate = ServerCandidate(
        source, pg_tools.with_database(live_url, f"{live[:28]}_aterstallning_{_stamp()}"), False
    )
    admin = _admin_engine(live_url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {_ident(str(candidate.url.database))} TEMPLATE template0"))
    except DBAPIError as exc:
        if _sqlstate(exc) == "42501":
            raise DatabaseRefusedError(
                "Användaren får inte skapa databaser: återställningen läser först in kopian i en egen, tillfällig "
                f"databas och kontrollerar den, och behöver rätten CREATEDB (PostgreSQL: {_words(exc)}). {CURRENT}"
            ) from None
        raise DatabaseRefusedError(f"Den tillfälliga databasen kunde inte skapas ({_words(exc)}). {CURRENT}") from None
    finally:
        admin.dispose()
    try:
        try:
            pg_tools.restore(candidate.url, source)
        except pg_tools.PgToolError as exc:
            raise _refuse(source, f"kopian kunde inte läsas in: {exc}") from None
        _check_restored(candidate)
        hard = [f for f in candidate.findings if f.area in NEVER_ACCEPTED]
        if hard or (candidate.findings and not accept_findings):
            raise RestoreFindingsError(source, candidate.findings, acceptable=not hard, current="databasen")
    except BaseException:
        candidate.discard()
        raise
    return candidate


def swap_server_candidate(candidate: ServerCandidate, live_url: str) -> str:
    """Step 3: the current database renamed aside and the checked one renamed to its name, in one transaction.
    Returns the name the previous database is kept under."""
    live = pg_tools.database_name(live_url)
    aside = f"{live[:28]}_fore_aterstallning_{_stamp()}"
    admin = _admin_engine(live_url)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql("BEGIN")
            try:
                conn.execute(text(f"ALTER DATABASE {_ident(live)} RENAME TO {_ident(aside)}"))
                conn.execute(text(f"ALTER DATABASE {_ident(str(candidate.url.database))} RENAME TO {_ident(live)}"))
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                with contextlib.suppress(SQLAlchemyError):
                    conn.exec_driver_sql("ROLLBACK")
                raise
    except DBAPIError as exc:
        candidate.discard()
        if _sqlstate(exc) == "55006":  # object_in_use
            raise DatabaseRefusedError(
                f"Databasen {live} används av andra just nu (program eller anslutningar). Be dem stänga "
                f"FINSAM Kansli och försök igen; kopian var godkänd. {CURRENT}"
            ) from None
        if _sqlstate(exc) == "42501":
            raise DatabaseRefusedError(
                f"Bara databasens ägare får byta ut databasen {live} (PostgreSQL: {_words(exc)}). Låt ägaren göra "
                f"återställningen. {CURRENT}"
            ) from None
        raise DatabaseRefusedError(f"Bytet av databas misslyckades ({_words(exc)}). {CURRENT}") from None
    finally:
        admin.dispose()
    return aside


def restore_server(live_url: str, source: Path, accept_findings: bool = False) -> tuple[ServerCandidate, str]:
    """``finsam restore FIL`` on a server database: the whole path above. Returns the candidate (what was checked,
    whether it was upgraded, the accepted findings) and the name the previous database is kept under."""
    candidate = prepare_server_candidate(live_url, source, accept_findings)
    return candidate, swap_server_candidate(candidate, live_url)
