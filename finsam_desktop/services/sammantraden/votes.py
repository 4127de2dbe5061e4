"""Omröstning and reservationer on a §."""

from __future__ import annotations

from sqlalchemy import delete, select

from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.items import Reservation, Vote
from finsam_desktop.domain.sammantraden.kinds import Rost
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import PersonRow
from finsam_desktop.persistence.models.sammantraden import ReservationRow, VoteCastRow, VoteRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.context import item_dto_for
from finsam_desktop.services.sammantraden.rows import clean, editable_item


class VotesService:
    """Omröstning and reservationer on a §."""

    def __init__(self, db: Database):
        self.db = db

    def set_vote(
        self,
        item_id: int,
        proposition: str = "",
        *,
        votes: dict[int, Rost | str] | None = None,
        ja: int = 0,
        nej: int = 0,
        avstar: int = 0,
        sluten: bool = False,
    ) -> Vote:
        if sluten and votes:
            raise ValidationError("en sluten omröstning antecknas utan namn.", "Omröstning")
        if min(ja, nej, avstar) < 0:
            raise ValidationError("antalet röster kan inte vara negativt.", "Omröstning")
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            row = s.scalar(select(VoteRow).where(VoteRow.agenda_item_id == item.id))
            if row is None:
                row = VoteRow(agenda_item_id=item.id)
                s.add(row)
                s.flush()
            s.execute(delete(VoteCastRow).where(VoteCastRow.vote_id == row.id))
            row.proposition, row.sluten = clean(proposition), bool(sluten)
            if votes:
                counts = {r: 0 for r in Rost}
                for pid, rost in votes.items():
                    if s.get(PersonRow, pid) is None:
                        raise ValidationError(f"personen med id {pid} finns inte.", "Omröstning")
                    rost = Rost(rost)
                    counts[rost] += 1
                    s.add(VoteCastRow(vote_id=row.id, person_id=pid, rost=rost.value))
                row.ja, row.nej, row.avstar = counts[Rost.JA], counts[Rost.NEJ], counts[Rost.AVSTAR]
            else:
                row.ja, row.nej, row.avstar = ja, nej, avstar
            s.flush()
            record(s, "omröstning antecknad", "agenda_item", item.id, f"{row.ja}-{row.nej}-{row.avstar}")
            return item_dto_for(s, item).vote

    def clear_vote(self, item_id: int) -> None:
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            s.execute(delete(VoteRow).where(VoteRow.agenda_item_id == item.id))

    def add_reservation(self, item_id: int, person_id: int, motivering: str = "") -> Reservation:
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            person = s.get(PersonRow, person_id)
            if person is None:
                raise ValidationError("personen finns inte.", "Reservation")
            if s.scalar(
                select(ReservationRow).where(
                    ReservationRow.agenda_item_id == item.id, ReservationRow.person_id == person_id
                )
            ):
                raise ValidationError(f"{person.namn} har redan reserverat sig.", "Reservation")
            row = ReservationRow(agenda_item_id=item.id, person_id=person_id, motivering=clean(motivering))
            s.add(row)
            s.flush()
            record(s, "reservation antecknad", "agenda_item", item.id, person.namn)
            return Reservation(row.id, item.id, person_id, person.namn, row.motivering)

    def remove_reservation(self, reservation_id: int) -> None:
        with self.db.session() as s:
            row = s.get(ReservationRow, reservation_id)
            if row is None:
                raise NotFoundError("Reservationen finns inte.")
            editable_item(s, row.agenda_item_id)
            s.delete(row)
