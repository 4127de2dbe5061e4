"""Engine and sessions. One ``Database`` per open file (or server database: a SQLAlchemy URL such as
``postgresql+psycopg://user@host/finsam``, docs/postgresql.md); a service method uses ``session()`` as one
transaction (commit on success, rollback on any error)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from finsam_desktop.domain.common.errors import ConnectionLostError, PermissionDeniedError
from finsam_desktop.paths import is_server_url

__all__ = ["APPLICATION_ID", "Database", "is_server_url", "make_engine", "server_engine"]

#: PRAGMA application_id written into every FINSAM file ("FSKL").
APPLICATION_ID = 0x46534B4C


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


#: The SQLSTATE of the protection triggers' refusals on PostgreSQL (``persistence/pg_ddl.py``).
TRIGGER_REFUSAL = "23000"
#: The SQLSTATE of a change the login's database role may not make (``persistence/roles.py``).
INSUFFICIENT_PRIVILEGE = "42501"
#: Keys of a server connection's ``info``: its login (``session_user``) and its FINSAM group roles.
DB_USER = "finsam_db_user"
DB_ROLES = "finsam_db_roles"


def _trigger_text_only(context) -> None:
    """A protection trigger's refusal reads as on SQLite: its Swedish sentence, without PostgreSQL's CONTEXT
    line (which names the PL/pgSQL function); the services match and show that text. A change the login's role
    may not make becomes ``PermissionDeniedError`` with a Swedish sentence naming the role."""
    exc = context.original_exception
    diag = getattr(exc, "diag", None)
    sqlstate = getattr(exc, "sqlstate", None)
    if diag is not None and sqlstate == TRIGGER_REFUSAL and diag.message_primary:
        exc.args = (diag.message_primary,)
    if sqlstate == INSUFFICIENT_PRIVILEGE and not context.is_pre_ping:
        from finsam_desktop.persistence.roles import permission_message

        info = context.connection.info if context.connection is not None else {}
        text = (diag.message_primary if diag is not None else None) or str(exc)
        raise PermissionDeniedError(permission_message(text, info.get(DB_USER), info.get(DB_ROLES))) from exc


def _remember_login(dbapi_conn, record) -> None:
    """Note the connection's login and FINSAM group roles once, for the audit log and the permission message."""
    from finsam_desktop.persistence.roles import SESSION_SQL

    cur = dbapi_conn.cursor()
    try:
        cur.execute(SESSION_SQL)
        user, roles = cur.fetchone()
    finally:
        cur.close()
        dbapi_conn.rollback()
    record.info[DB_USER] = user
    record.info[DB_ROLES] = roles


def _connection_lost(exc: DBAPIError) -> bool:
    """The server went away mid-transaction (the driver says the connection is dead), or could not be reached
    when the transaction began (a failed connect has no statement)."""
    return bool(exc.connection_invalidated) or (isinstance(exc, OperationalError) and exc.statement is None)


def server_engine(url: str, read_only: bool = False) -> Engine:
    """An engine on a database server; ``read_only`` makes every transaction read-only on the server's side."""
    args = {"options": "-c default_transaction_read_only=on"} if read_only else {}
    engine = create_engine(url, connect_args=args, pool_pre_ping=True)
    event.listen(engine, "handle_error", _trigger_text_only)
    event.listen(engine, "connect", _remember_login)
    return engine


def make_engine(path: Path | str, read_only: bool = False) -> Engine:
    if is_server_url(path):
        return server_engine(str(path), read_only)
    if read_only:
        url = f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{path.as_posix()}"
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    if not read_only:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    return engine


class Database:
    """An open FINSAM file, or a FINSAM database on a server (``url`` set, ``path`` None)."""

    def __init__(self, path: Path | str, read_only: bool = False):
        self.url: str | None = str(path) if is_server_url(path) else None
        self.path: Path | None = None if self.url else Path(path)
        self.read_only = read_only
        self.engine = make_engine(self.url or self.path, read_only)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        if not read_only:
            from finsam_desktop.persistence.integrity import install_session_hooks
            from finsam_desktop.persistence.writers import install_writer_lock

            install_writer_lock(self._factory)
            install_session_hooks(self._factory)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commit when the block ends, roll back on an exception."""
        session = self._factory()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            with suppress(DBAPIError):
                session.rollback()
            if self.url and _connection_lost(exc):
                raise ConnectionLostError(
                    f"Databasservern svarar inte ({self.engine.url.host or 'servern'}). Inget av den senaste "
                    "ändringen sparades; försök igen när anslutningen är tillbaka."
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def location(self) -> str:
        """What the user named: the file's path or the server URL (without a password)."""
        return self.engine.url.render_as_string(hide_password=True) if self.url else str(self.path)

    def dispose(self) -> None:
        self.engine.dispose()
