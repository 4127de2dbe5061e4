"""Intern kontroll, use case: what the dialogs offer to pick from (the styrelse paragraph that adopted a
version, the role holders who performed a granskning)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, OrganRow
from finsam_desktop.services.internkontroll.dto import (
    AgendaChoice,
)
from finsam_desktop.services.internkontroll.rows import (
    role_holder,
)


class LookupsService:
    """Read-only lookups into the other areas' data for the intern kontroll dialogs."""

    def __init__(self, db: Database):
        self.db = db

    def agenda_choices(self, ar: int | None = None) -> list[AgendaChoice]:
        """Styrelse paragraphs the user can pick as the adopting decision (newest first)."""
        with self.db.session() as s:
            q = (
                select(AgendaItem, MeetingRow, OrganRow)
                .join(MeetingRow, AgendaItem.meeting_id == MeetingRow.id)
                .join(OrganRow, MeetingRow.organ_id == OrganRow.id)
                .order_by(MeetingRow.datum.desc(), AgendaItem.position)
            )
            out = []
            for item, meeting, organ in s.execute(q):
                if ar is not None and meeting.datum.year not in (ar - 1, ar):
                    continue
                para = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
                out.append(
                    AgendaChoice(
                        item.id, f"{para} {item.rubrik} ({organ.namn} {meeting.datum.isoformat()})", meeting.datum
                    )
                )
            return out

    def role_holders(self, day: date) -> dict[str, str]:
        """Ordförande, vice ordförande and förbundschef on ``day`` (names, '' when vacant)."""
        with self.db.session() as s:
            return {
                "ordforande": role_holder(s, Role.ORDFORANDE, day),
                "vice_ordforande": role_holder(s, Role.VICE_ORDFORANDE, day),
                "forbundschef": role_holder(s, Role.FORBUNDSCHEF, day),
            }
