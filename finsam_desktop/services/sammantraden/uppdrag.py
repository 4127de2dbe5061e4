"""Uppdrag given in a § and followed up later."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.items import Uppdrag
from finsam_desktop.domain.sammantraden.kinds import UppdragStatus
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MeetingRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.sammantraden import DecisionClause, UppdragRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.rows import clean, item_row, organ_row


class UppdragService:
    """Uppdrag given in a § and followed up later."""

    def __init__(self, db: Database):
        self.db = db

    def _uppdrag_dto(self, s: Session, u: UppdragRow, today: date | None = None) -> Uppdrag:
        source = ""
        if u.agenda_item_id:
            item = s.get(ItemRow, u.agenda_item_id)
            meeting = s.get(MeetingRow, item.meeting_id)
            organ = s.get(OrganRow, meeting.organ_id)
            label = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
            source = f"{organ.namn} {meeting.datum.isoformat()} {label}"
        ansvarig = u.ansvarig or (s.get(PersonRow, u.ansvarig_person_id).namn if u.ansvarig_person_id else "")
        status = UppdragStatus(u.status)
        today = today or clock.today()
        return Uppdrag(
            u.id,
            u.beskrivning,
            u.ansvarig_person_id,
            ansvarig,
            u.deadline,
            status,
            u.agenda_item_id,
            u.clause_id,
            source,
            u.kommentar,
            bool(status.is_open and u.deadline and u.deadline < today),
        )

    def add_uppdrag(
        self,
        beskrivning: str,
        *,
        ansvarig_person_id: int | None = None,
        ansvarig: str = "",
        deadline: date | str | None = None,
        item_id: int | None = None,
        clause_id: int | None = None,
        organ_id: int | None = None,
    ) -> Uppdrag:
        beskrivning = clean(beskrivning)
        if not beskrivning:
            raise ValidationError("beskriv uppdraget.", "Uppdrag")
        day = parse_date(deadline, "Klart senast") if deadline else None
        with self.db.session() as s:
            if clause_id is not None:
                clause = s.get(DecisionClause, clause_id)
                if clause is None:
                    raise NotFoundError("Att-satsen finns inte.")
                item_id = clause.agenda_item_id
            if item_id is not None:
                item = item_row(s, item_id)
                organ_id = s.get(MeetingRow, item.meeting_id).organ_id
            organ = organ_row(s, organ_id)
            if ansvarig_person_id is not None and s.get(PersonRow, ansvarig_person_id) is None:
                raise ValidationError("personen finns inte.", "Ansvarig")
            row = UppdragRow(
                organ_id=organ.id,
                agenda_item_id=item_id,
                clause_id=clause_id,
                beskrivning=beskrivning,
                ansvarig_person_id=ansvarig_person_id,
                ansvarig=clean(ansvarig),
                deadline=day,
                status=UppdragStatus.OPPET.value,
                kommentar="",
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            record(s, "uppdrag skapat", "uppdrag", row.id, beskrivning[:80])
            return self._uppdrag_dto(s, row)

    def update_uppdrag(self, uppdrag_id: int, **fields) -> Uppdrag:
        allowed = {"beskrivning", "ansvarig_person_id", "ansvarig", "deadline", "status", "kommentar"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown uppdrag fields: {sorted(unknown)}")
        with self.db.session() as s:
            row = s.get(UppdragRow, uppdrag_id)
            if row is None:
                raise NotFoundError("Uppdraget finns inte.")
            if "beskrivning" in fields:
                if not clean(fields["beskrivning"]):
                    raise ValidationError("beskriv uppdraget.", "Uppdrag")
                row.beskrivning = clean(fields["beskrivning"])
            if "ansvarig_person_id" in fields:
                row.ansvarig_person_id = fields["ansvarig_person_id"]
            if "ansvarig" in fields:
                row.ansvarig = clean(fields["ansvarig"])
            if "deadline" in fields:
                row.deadline = parse_date(fields["deadline"], "Klart senast") if fields["deadline"] else None
            if "status" in fields:
                row.status = UppdragStatus(fields["status"]).value
            if "kommentar" in fields:
                row.kommentar = fields["kommentar"] or ""
            s.flush()
            record(s, "uppdrag ändrat", "uppdrag", row.id, ", ".join(sorted(fields)))
            return self._uppdrag_dto(s, row)

    def remove_uppdrag(self, uppdrag_id: int) -> None:
        with self.db.session() as s:
            row = s.get(UppdragRow, uppdrag_id)
            if row is None:
                raise NotFoundError("Uppdraget finns inte.")
            s.delete(row)
            record(s, "uppdrag borttaget", "uppdrag", uppdrag_id)

    def list_uppdrag(self, open_only: bool = True, today: date | None = None) -> list[Uppdrag]:
        with self.db.session() as s:
            q = select(UppdragRow).order_by(UppdragRow.deadline.is_(None), UppdragRow.deadline, UppdragRow.id)
            if open_only:
                q = q.where(UppdragRow.status.in_(["oppet", "pagar"]))
            return [self._uppdrag_dto(s, u, today) for u in s.scalars(q)]
