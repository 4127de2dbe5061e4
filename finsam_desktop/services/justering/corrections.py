"""Rättelser: a later decision that corrects a § of a justerat protocol (the justerat § itself never changes)."""

from __future__ import annotations

import re

from sqlalchemy import select

from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow
from finsam_desktop.persistence.models.justering import ParagraphCorrectionRow
from finsam_desktop.services import audit
from finsam_desktop.services.justering.rows import agenda_items, correction_dto, meeting_or_raise, now, paragraph_ids


class CorrectionsService:
    """Corrections of justerade §§. One method = one user action = one transaction."""

    def __init__(self, db: Database):
        self.db = db

    def add_correction(
        self, item_id: int, corrects_item_id: int, anteckning: str = "", *, user: str | None = None
    ) -> dj.CorrectionRef:
        """Record that § ``item_id`` (a later decision) corrects the justerade § ``corrects_item_id``."""
        user = user or audit.current_user()
        with self.db.session() as s:
            new, old = s.get(AgendaItem, item_id), s.get(AgendaItem, corrects_item_id)
            if new is None or old is None:
                raise NotFoundError("Paragrafen finns inte.")
            old_meeting, new_meeting = meeting_or_raise(s, old.meeting_id), meeting_or_raise(s, new.meeting_id)
            if not dj.is_immutable(old_meeting.status):
                raise ValidationError("Paragrafen som rättas är inte justerad; ändra den direkt i protokollet.")
            if dj.is_immutable(new_meeting.status):
                raise ImmutableRecordError(
                    "Det rättande beslutet ligger i ett justerat protokoll och kan inte kopplas i efterhand."
                )
            if (new_meeting.datum, new.id) <= (old_meeting.datum, old.id) or new.meeting_id == old.meeting_id:
                raise ValidationError("Rättelsen måste vara ett senare beslut (ett senare sammanträde).")
            row = ParagraphCorrectionRow(
                agenda_item_id=item_id,
                corrects_item_id=corrects_item_id,
                anteckning=anteckning.strip(),
                created_at=now(),
                user=user,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                "Rättelse av justerad paragraf",
                "agenda_item",
                corrects_item_id,
                f"rättas av agenda_item {item_id}: {anteckning.strip()}",
            )
            return correction_dto(s, row)

    def add_correction_by_reference(
        self, meeting_id: int, paragraph: int, corrects: str, anteckning: str = "", *, user: str | None = None
    ) -> dj.CorrectionRef:
        """Like :meth:`add_correction`, with §§ given as the user writes them: the correcting § of this meeting
        and the corrected one as "2026-09-04 § 4" (date of its meeting and § number)."""
        m = re.fullmatch(r"\s*(\S+)\s*§?\s*(\d+)\s*", corrects or "")
        if not m:
            raise ValidationError("skriv sammanträdets datum och paragrafen, t.ex. 2026-09-04 § 4.", "Rättar beslut")
        old_day, old_number = parse_date(m[1], "Rättar beslut"), int(m[2])
        with self.db.session() as s:
            new_ids = paragraph_ids(s, meeting_id, [paragraph])
            old_meeting = s.scalar(
                select(MeetingRow.id)
                .join(AgendaItem, AgendaItem.meeting_id == MeetingRow.id)
                .where(MeetingRow.datum == old_day, AgendaItem.paragraph_number == old_number)
            )
            if old_meeting is None:
                raise ValidationError(
                    f"det finns ingen § {old_number} i ett protokoll från {old_day.isoformat()}.", "Rättar beslut"
                )
            old_ids = paragraph_ids(s, old_meeting, [old_number])
        return self.add_correction(new_ids[0], old_ids[0], anteckning, user=user)

    def corrections(self, meeting_id: int) -> list[dj.CorrectionRef]:
        """Corrections touching the meeting: of its §§ (made later) and made by its §§ (of earlier ones)."""
        with self.db.session() as s:
            ids = [i.id for i in agenda_items(s, meeting_id)]
            rows = s.scalars(
                select(ParagraphCorrectionRow)
                .where(
                    ParagraphCorrectionRow.corrects_item_id.in_(ids) | ParagraphCorrectionRow.agenda_item_id.in_(ids)
                )
                .order_by(ParagraphCorrectionRow.id)
            )
            return [correction_dto(s, r) for r in rows]
