"""The audit log: who did what, when – the person's account on this computer (``user``) and, on a server
database, the database login that made the change (``db_user``)."""

from __future__ import annotations

import getpass

from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.persistence.database import DB_USER
from finsam_desktop.persistence.models import AuditLog


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "okänd"


def database_user(session: Session) -> str | None:
    """The login of the session's connection on a server database (``session_user``); None on SQLite."""
    return session.connection().info.get(DB_USER)


def record(session: Session, action: str, entity: str = "", entity_id: int | None = None, detail: str = "") -> None:
    session.add(
        AuditLog(
            at=clock.now(),
            user=current_user(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
            db_user=database_user(session),
        )
    )
