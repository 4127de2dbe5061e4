"""The audit log: who did what, when."""

from __future__ import annotations

import getpass

from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.persistence.models import AuditLog


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "okänd"


def record(session: Session, action: str, entity: str = "", entity_id: int | None = None, detail: str = "") -> None:
    session.add(
        AuditLog(
            at=clock.now(),
            user=current_user(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
        )
    )
