"""Several writers on one server database: one writing transaction at a time.

SQLite lets one connection write at a time by itself (and the file lock keeps a second program out). On
PostgreSQL several users write at once, and two kinds of facts must still be made by one writer after the other:
the audit log's hash chain (each row links to the one before it) and the continuous § numbers of an organ's year
(each renumbering reads the whole series). Every transaction that writes therefore first takes one
transaction-level advisory lock; the server releases it at COMMIT or ROLLBACK, also when a client dies. Reading
never waits for it. In READ COMMITTED every statement after the lock sees what the previous writer committed, so a
renumbering after the lock sees the other user's new §§, and a version check after it (``services/concurrency``)
sees the other user's edit.

The lock is taken at a transaction's first flush or first ORM write statement, and explicitly by a service that
reads something and decides from it before it writes (``serialize_writes``).
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

#: The advisory lock's key: "FINS" in ASCII (0x46494E53); any bigint would do.
WRITE_LOCK_KEY = 1_179_209_299

_LOCKED = "finsam_write_locked"


def serialize_writes(session: Session) -> None:
    """Wait until no other transaction writes, once per transaction (a no-op on SQLite)."""
    if session.info.get(_LOCKED):
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    session.info[_LOCKED] = True


def _before_flush(session: Session, _context, _instances) -> None:
    serialize_writes(session)


def _before_orm_execute(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        serialize_writes(state.session)


def _forget(session: Session, *_args) -> None:
    session.info.pop(_LOCKED, None)


def install_writer_lock(factory) -> None:
    """Attach the lock to a ``sessionmaker`` (before the audit chain's hooks, so the chain is read under it)."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "do_orm_execute", _before_orm_execute)
    event.listen(factory, "after_commit", _forget)
    event.listen(factory, "after_soft_rollback", _forget)
