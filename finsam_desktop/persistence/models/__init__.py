"""All models. Each area keeps its tables in its own module; importing this package registers
every table on ``Base.metadata`` (Alembic's autogenerate and the drift test rely on that)."""

import importlib

from finsam_desktop.persistence.base import Base
from finsam_desktop.persistence.models.core import (  # noqa: F401
    AgendaItem,
    AuditLog,
    ForbundRow,
    MandateRow,
    MeetingRow,
    MemberRow,
    OrganRow,
    PersonRow,
    Setting,
)

#: Area model modules, in migration order. A module that does not exist yet is skipped.
AREA_MODULES = ("sammantraden", "justering", "attest", "internkontroll", "budget", "arshjul", "integrity")

for _name in AREA_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - only while an area is unwritten
        if exc.name != f"{__name__}.{_name}":
            raise

__all__ = ["Base"]
