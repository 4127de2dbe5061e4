"""All models. Each area keeps its tables in its own module; importing this package registers
every table on ``Base.metadata`` (Alembic's autogenerate and the drift test rely on that)."""

from finsam_desktop.persistence.base import Base

# Every area's tables, in migration order (importing registers them on Base.metadata).
from finsam_desktop.persistence.models import (  # noqa: F401
    arshjul,
    arsredovisning,
    attest,
    budget,
    integrity,
    internkontroll,
    justering,
    sammantraden,
    verksamhet,
    verksamhet_aktiviteter,
    verksamhet_uppfoljning,
    verksamhetsplan,
)
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

__all__ = ["Base"]
