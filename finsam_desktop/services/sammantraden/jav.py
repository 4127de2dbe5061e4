"""Jäv noted on a § (and the proposals the board's ties to the applicant give)."""

from __future__ import annotations

from sqlalchemy import select

from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.items import AgendaItem, JavNote
from finsam_desktop.domain.sammantraden.kinds import JavKind
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import PersonRow
from finsam_desktop.persistence.models.sammantraden import JavNoteRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.context import item_dto_for
from finsam_desktop.services.sammantraden.rows import editable_item


class JavService:
    """Jäv noted on a § (and the proposals the board's ties to the applicant give)."""

    def __init__(self, db: Database):
        self.db = db

    def set_jav(self, item_id: int, person_id: int, kind: JavKind | str) -> JavNote:
        kind = JavKind(kind)
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            person = s.get(PersonRow, person_id)
            if person is None:
                raise ValidationError("personen finns inte.", "Jäv")
            row = s.scalar(
                select(JavNoteRow).where(JavNoteRow.agenda_item_id == item.id, JavNoteRow.person_id == person_id)
            )
            if row is None:
                row = JavNoteRow(agenda_item_id=item.id, person_id=person_id, kind=kind.value)
                s.add(row)
            row.kind = kind.value
            s.flush()
            record(s, "jäv antecknat", "agenda_item", item.id, f"{person.namn} {kind.phrase}")
            return JavNote(row.id, item.id, person_id, person.namn, kind)

    def remove_jav(self, jav_id: int) -> None:
        with self.db.session() as s:
            row = s.get(JavNoteRow, jav_id)
            if row is None:
                raise NotFoundError("Jävsanteckningen finns inte.")
            editable_item(s, row.agenda_item_id)
            s.delete(row)
            record(s, "jäv borttaget", "agenda_item", row.agenda_item_id)

    def apply_jav_proposals(self, item_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            dto = item_dto_for(s, item)
            have = {j.person_id for j in dto.jav}
            for p in dto.jav_proposals:
                if p.person_id not in have:
                    s.add(JavNoteRow(agenda_item_id=item.id, person_id=p.person_id, kind=p.kind.value))
            s.flush()
            record(s, "föreslaget jäv infört", "agenda_item", item.id)
            return item_dto_for(s, item)
