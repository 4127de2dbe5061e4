"""The audit log: who did what, when – the person's account on this computer (``user``) and, on a server
database, the database login that made the change (``db_user``)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.persistence.database import DB_USER, Database
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


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    user: str
    db_user: str | None
    action: str
    entity: str
    entity_id: int | None
    detail: str

    @property
    def who(self) -> str:
        """The person's account and, on a server database, the database login (Swedish)."""
        return f"{self.user} (databas: {self.db_user})" if self.db_user else self.user


def entries(db: Database, limit: int = 50) -> list[AuditEntry]:
    """The latest ``limit`` rows of the audit log, newest first."""
    with db.session() as s:
        rows = s.scalars(select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)).all()
        return [
            AuditEntry(r.id, r.at, r.user, r.db_user, r.action, r.entity, r.entity_id, r.detail or "") for r in rows
        ]
