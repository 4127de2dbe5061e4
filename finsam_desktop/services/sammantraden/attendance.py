"""Närvaro and beslutförhet."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.items import Attendee
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole
from finsam_desktop.domain.sammantraden.quorum import QuorumResult
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MeetingRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.sammantraden import AttendanceRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.organisation.service import person_row_by_name
from finsam_desktop.services.sammantraden.context import attendee_dto, load_ctx, quorum_for
from finsam_desktop.services.sammantraden.prefill import prefill_rows
from finsam_desktop.services.sammantraden.rows import clean, editable_meeting, item_rows, meeting_row, styrelse_on_day


class AttendanceService:
    """Närvaro and beslutförhet."""

    def __init__(self, db: Database):
        self.db = db

    def prefill_attendance(self, meeting_id: int) -> list[Attendee]:
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            prefill_rows(s, row, s.get(OrganRow, row.organ_id))
            record(s, "närvaro förifylld", "meeting", row.id)
            ctx = load_ctx(s, row)
            return [attendee_dto(ctx, a) for a in ctx.attendance]

    def list_attendance(self, meeting_id: int) -> list[Attendee]:
        with self.db.session() as s:
            ctx = load_ctx(s, meeting_row(s, meeting_id))
            return [attendee_dto(ctx, a) for a in ctx.attendance]

    def add_attendee(
        self,
        meeting_id: int,
        roll: AttendanceRole | str,
        person_id: int | None = None,
        namn: str = "",
        organisation: str = "",
        ersatter_person_id: int | None = None,
    ) -> Attendee:
        roll = AttendanceRole(roll)
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            if person_id is None:
                namn = clean(namn)
                if not namn:
                    raise ValidationError("ange en person eller ett namn.", "Namn")
                person = person_row_by_name(s, namn)
                if person is None:
                    person = PersonRow(namn=namn, organisation=clean(organisation), titel="", epost="", telefon="")
                    s.add(person)
                    s.flush()
                person_id = person.id
            elif s.get(PersonRow, person_id) is None:
                raise ValidationError("personen finns inte.", "Person")
            if s.scalar(
                select(AttendanceRow).where(AttendanceRow.meeting_id == row.id, AttendanceRow.person_id == person_id)
            ):
                raise ValidationError(f"{s.get(PersonRow, person_id).namn} finns redan i närvarolistan.", "Närvaro")
            member_id = None
            styrelse = styrelse_on_day(s, row.datum)
            member = styrelse.member_of(person_id)
            if member is not None:
                member_id = member.id
                organisation = organisation or member.namn
            position = (
                s.scalar(select(func.max(AttendanceRow.position)).where(AttendanceRow.meeting_id == row.id)) or 0
            ) + 1
            att = AttendanceRow(
                meeting_id=row.id,
                person_id=person_id,
                roll=roll.value,
                organisation=clean(organisation),
                member_id=member_id,
                narvarande=True,
                position=position,
            )
            s.add(att)
            s.flush()
            if ersatter_person_id is not None:
                self._set_tjanstgorande(s, row, att, ersatter_person_id)
            record(s, "närvaro tillagd", "meeting", row.id, s.get(PersonRow, person_id).namn)
            ctx = load_ctx(s, row)
            return attendee_dto(ctx, att)

    def _set_tjanstgorande(self, s: Session, meeting: MeetingRow, att: AttendanceRow, replaced_id: int) -> None:
        styrelse = styrelse_on_day(s, meeting.datum)
        if replaced_id not in {p.id for p in styrelse.ledamoter}:
            raise ValidationError("den som ersätts måste vara ordinarie ledamot på sammanträdesdagen.", "Ersätter")
        if replaced_id == att.person_id:
            raise ValidationError("en person kan inte ersätta sig själv.", "Ersätter")
        att.roll = AttendanceRole.TJANSTGORANDE.value
        att.ersatter_person_id = replaced_id
        other = s.scalar(
            select(AttendanceRow).where(AttendanceRow.meeting_id == meeting.id, AttendanceRow.person_id == replaced_id)
        )
        if other is not None:
            other.narvarande = False
        s.flush()

    def update_attendee(self, attendee_id: int, **fields) -> Attendee:
        allowed = {"roll", "organisation", "ersatter_person_id", "narvarande", "from_item_id", "to_item_id"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown attendance fields: {sorted(unknown)}")
        with self.db.session() as s:
            att = s.get(AttendanceRow, attendee_id)
            if att is None:
                raise NotFoundError("Närvaroraden finns inte.")
            meeting = editable_meeting(s, att.meeting_id)
            if "roll" in fields:
                att.roll = AttendanceRole(fields["roll"]).value
                if att.roll != AttendanceRole.TJANSTGORANDE.value:
                    att.ersatter_person_id = None
            if "organisation" in fields:
                att.organisation = clean(fields["organisation"])
            if "narvarande" in fields:
                att.narvarande = bool(fields["narvarande"])
            if fields.get("ersatter_person_id") is not None:
                self._set_tjanstgorande(s, meeting, att, fields["ersatter_person_id"])
            elif "ersatter_person_id" in fields and att.roll == AttendanceRole.TJANSTGORANDE.value:
                att.roll = AttendanceRole.ERSATTARE.value
                att.ersatter_person_id = None
            for key in ("from_item_id", "to_item_id"):
                if key in fields:
                    value = fields[key]
                    if value is not None:
                        item = s.get(ItemRow, value)
                        if item is None or item.meeting_id != meeting.id:
                            raise ValidationError("punkten hör inte till sammanträdet.", "Närvarande §")
                    setattr(att, key, value)
            pos = {i.id: i.position for i in item_rows(s, meeting.id)}
            if att.from_item_id and att.to_item_id and pos[att.from_item_id] > pos[att.to_item_id]:
                raise ValidationError("”från” ligger efter ”till”.", "Närvarande §")
            s.flush()
            record(s, "närvaro ändrad", "attendance", att.id, ", ".join(sorted(fields)))
            return attendee_dto(load_ctx(s, meeting), att)

    def remove_attendee(self, attendee_id: int) -> None:
        with self.db.session() as s:
            att = s.get(AttendanceRow, attendee_id)
            if att is None:
                raise NotFoundError("Närvaroraden finns inte.")
            editable_meeting(s, att.meeting_id)
            s.delete(att)
            record(s, "närvaro borttagen", "attendance", attendee_id)

    def move_attendee(self, attendee_id: int, to_position: int) -> list[Attendee]:
        with self.db.session() as s:
            att = s.get(AttendanceRow, attendee_id)
            if att is None:
                raise NotFoundError("Närvaroraden finns inte.")
            meeting = editable_meeting(s, att.meeting_id)
            rows = list(
                s.scalars(
                    select(AttendanceRow)
                    .where(AttendanceRow.meeting_id == meeting.id)
                    .order_by(AttendanceRow.position, AttendanceRow.id)
                )
            )
            rows.remove(att)
            rows.insert(max(0, min(len(rows), to_position - 1)), att)
            for i, r in enumerate(rows):
                r.position = i + 1
            s.flush()
            ctx = load_ctx(s, meeting)
            return [attendee_dto(ctx, a) for a in ctx.attendance]

    def quorum(self, meeting_id: int, item_id: int | None = None) -> QuorumResult:
        with self.db.session() as s:
            meeting = meeting_row(s, meeting_id)
            ctx = load_ctx(s, meeting)
            item = None
            if item_id is not None:
                item = next((i for i in ctx.items if i.id == item_id), None)
                if item is None:
                    raise NotFoundError("Punkten hör inte till sammanträdet.")
            return quorum_for(ctx, item)
