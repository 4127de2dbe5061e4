"""Open a FINSAM file safely: create it, upgrade it (after copying it aside), or refuse it.

A file made by a newer version, or one that is not a FINSAM database, is refused and left
untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.paths import migrations_dir
from finsam_desktop.persistence.backup import online_copy, timestamp
from finsam_desktop.persistence.database import APPLICATION_ID, Database, is_server_url, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

#: The schema revision this version of the program writes — the head of ``migrations/``. Kept here so that opening
#: a file that is already current needs no Alembic at all (Alembic and its revision map cost a tenth of a second at
#: every start); ``tests/persistence`` checks it against the migration scripts, so it cannot drift.
SCHEMA_HEAD: tuple[str, ...] = ("0021",)

#: Tables that live outside the ORM metadata (FTS5 virtual tables and their shadow tables).
UNMANAGED_PREFIXES = ("fts_", "sqlite_")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    if type_ == "table" and name and name.startswith(UNMANAGED_PREFIXES):
        return False
    return True


class FileState(Enum):
    NEW = "new"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    FOREIGN = "foreign"


class DatabaseRefusedError(FinsamError):
    """The file cannot be opened by this version; it has not been touched."""


@dataclass(frozen=True)
class Inspection:
    state: FileState
    revisions: tuple[str, ...]
    message: str = ""


def alembic_config() -> Config:
    from alembic.config import Config  # only when a file is created, upgraded or of an unknown revision

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revisions() -> tuple[str, ...]:
    """The heads according to the migration scripts (Alembic); ``SCHEMA_HEAD`` is the same, known in advance."""
    from alembic.script import ScriptDirectory

    return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _classify_revisions(where: str, revs: tuple[str, ...]) -> Inspection:
    if revs == SCHEMA_HEAD:
        return Inspection(FileState.CURRENT, revs)
    known = known_revisions()
    unknown = [r for r in revs if r not in known]
    if unknown:
        return Inspection(
            FileState.NEWER,
            revs,
            f"{where} är skapad av en nyare version av FINSAM Kansli (schemaversion {', '.join(unknown)}). "
            "Uppdatera programmet för att öppna den.",
        )
    if revs == head_revisions():
        return Inspection(FileState.CURRENT, revs)
    return Inspection(FileState.OLDER, revs)


def inspect_server(url: str) -> Inspection:
    """Classify a server database without changing it: empty (NEW), ours at some revision, or foreign."""
    from sqlalchemy import inspect as sa_inspect

    engine = make_engine(url, read_only=True)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            tables = set(sa_inspect(conn).get_table_names())
            revs: tuple[str, ...] = ()
            if "alembic_version" in tables:
                revs = tuple(sorted(r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return Inspection(FileState.FOREIGN, (), f"Databasen {where} kan inte öppnas ({reason}).")
    finally:
        engine.dispose()
    if not tables:
        return Inspection(FileState.NEW, ())
    if not revs:
        return Inspection(
            FileState.FOREIGN, (), f"{where} är inte en FINSAM-databas (tabeller utan schemaversion, alembic_version)."
        )
    return _classify_revisions(where, revs)


def inspect_file(path: Path) -> Inspection:
    """Classify a file (or a server database, given its URL) without changing it."""
    if is_server_url(path):
        return inspect_server(str(path))
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return Inspection(FileState.NEW, ())
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return Inspection(FileState.FOREIGN, (), f"{path} kan inte öppnas som en databas.")
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError:
            return Inspection(
                FileState.FOREIGN,
                (),
                f"{path} är inte en SQLite-databas, eller är skadad. Om det är FINSAM-filen: återställ den från en "
                "säkerhetskopia (finsam restore FIL, eller Återställ från säkerhetskopia…).",
            )
        if app_id != APPLICATION_ID:
            if not tables and app_id == 0:
                return Inspection(FileState.NEW, ())
            return Inspection(
                FileState.FOREIGN, (), f"{path} är inte en FINSAM-databas (okänd filtyp eller annat program)."
            )
        revs: tuple[str, ...] = ()
        if "alembic_version" in tables:
            revs = tuple(sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")))
        if not revs and tables - {"alembic_version"}:
            # Our application id and tables, but no schema version: a damaged file. Upgrading it "from scratch"
            # would fail half-way (tables already exist) or make an empty förbund beside the data.
            return Inspection(
                FileState.FOREIGN,
                (),
                f"{path} saknar schemaversion (tabellen alembic_version) och kan vara skadad. "
                "Återställ den från en säkerhetskopia (finsam restore FIL, eller Återställ från säkerhetskopia…).",
            )
    except sqlite3.DatabaseError as exc:
        return Inspection(FileState.FOREIGN, (), f"{path} kan inte läsas som en databas (SQLite: {exc}).")
    finally:
        conn.close()
    return _classify_revisions(str(path), revs)


def _upgrade(path: Path | str, regrant: bool = False) -> None:
    from alembic import command

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            elif regrant:
                from finsam_desktop.persistence.roles import regrant_after_upgrade

                regrant_after_upgrade(conn)
    finally:
        engine.dispose()


def pre_upgrade_copy_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.före-uppgradering-{timestamp()}{path.suffix or '.sqlite'}")


def _open_server(url: str, read_only: bool, create: bool) -> Database:
    """A server database: created or upgraded in one transaction (PostgreSQL's DDL is transactional, so a
    failed upgrade leaves it as it was; no copy aside is needed)."""
    from sqlalchemy.engine import make_url

    info = inspect_server(url)
    if info.state in (FileState.FOREIGN, FileState.NEWER):
        raise DatabaseRefusedError(info.message)
    where = make_url(url).render_as_string(hide_password=True)
    if info.state in (FileState.NEW, FileState.OLDER):
        if read_only or (info.state is FileState.NEW and not create):
            raise DatabaseRefusedError(
                f"Databasen {where} är tom." if info.state is FileState.NEW else
                f"Databasen {where} har ett äldre schema och måste uppgraderas; öppna den med skrivrätt först."
            )  # fmt: skip
        _upgrade(url, regrant=info.state is FileState.OLDER)
    return Database(url, read_only=read_only)


def open_database(path: Path | str, read_only: bool = False, create: bool = True) -> Database:
    """Return an open, current ``Database`` for ``path`` (or a server URL) or raise ``DatabaseRefusedError``."""
    if is_server_url(path):
        return _open_server(str(path), read_only, create)
    path = Path(path)
    info = inspect_file(path)
    if info.state in (FileState.FOREIGN, FileState.NEWER):
        raise DatabaseRefusedError(info.message)
    if info.state is FileState.NEW:
        if read_only or not create:
            raise DatabaseRefusedError(f"{path} finns inte eller är tom.")
        path.parent.mkdir(parents=True, exist_ok=True)
        _upgrade(path)
    elif info.state is FileState.OLDER:
        if read_only:
            raise DatabaseRefusedError(
                f"{path} har ett äldre schema och måste uppgraderas; öppna den med skrivrätt först."
            )
        online_copy(path, pre_upgrade_copy_path(path))
        _upgrade(path)
    try:
        return Database(path, read_only=read_only)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        raise DatabaseRefusedError(
            f"{path} kan inte öppnas (SQLite: {getattr(exc, 'orig', None) or exc}). Filen kan vara skadad; "
            "återställ den från en säkerhetskopia."
        ) from None


def current_revisions(db: Database) -> tuple[str, ...]:
    with db.engine.connect() as conn:
        return tuple(sorted(r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")))
