"""The dagordning: items, their order, strike/restore, the template agenda."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.sammantraden.items import AgendaItem, Clause, DeletedItem, UppdragRecord
from finsam_desktop.domain.sammantraden.kinds import ItemKind, JavKind, Rost, UppdragStatus
from finsam_desktop.domain.sammantraden.texts import validate_rubrik
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MemberRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.sammantraden import (
    AttendanceRow,
    BilagaRefRow,
    BilagaRow,
    DecisionClause,
    JavNoteRow,
    ParagraphPart,
    ReservationRow,
    UppdragRow,
    VoteCastRow,
    VoteRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.concurrency import check_and_touch
from finsam_desktop.services.sammantraden.agenda_template import agenda_from_template
from finsam_desktop.services.sammantraden.context import item_dto, item_dto_for, load_ctx
from finsam_desktop.services.sammantraden.numbering import heal, renumber_meeting
from finsam_desktop.services.sammantraden.ports import AgendaContributor
from finsam_desktop.services.sammantraden.prefill import prefill_rows
from finsam_desktop.services.sammantraden.rows import (
    ITEM_TEXT_FIELDS,
    TRAILING_STANDARD,
    add_contributed_items,
    check_item_field,
    clean,
    editable_item,
    editable_meeting,
    item_row,
    item_rows,
    meeting_row,
    set_positions,
)
from finsam_desktop.services.sammantraden.search_index import index_items


class AgendaService:
    """The dagordning: items, their order, strike/restore, the template agenda."""

    def __init__(self, db: Database, agenda_contributors: Sequence[AgendaContributor] = ()):
        self.db = db
        # Other areas' items for a new styrelse dagordning (the Attest area's anmälan of delegationsbeslut).
        self._agenda_contributors = tuple(agenda_contributors)

    def create_agenda_from_template(self, meeting_id: int) -> list[AgendaItem]:
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            organ = s.get(OrganRow, row.organ_id)
            if not s.scalar(select(func.count()).select_from(AttendanceRow).where(AttendanceRow.meeting_id == row.id)):
                prefill_rows(s, row, organ)
            agenda_from_template(s, row, organ)
            record(s, "dagordning skapad från mall", "meeting", row.id)
            is_styrelse = organ.kind == "styrelse"
        if is_styrelse:
            add_contributed_items(self._agenda_contributors, meeting_id)
        return self.list_items(meeting_id)

    def list_items(self, meeting_id: int) -> list[AgendaItem]:
        with self.db.session() as s:
            meeting = meeting_row(s, meeting_id)
            heal(s, meeting, self.db.read_only)
            ctx = load_ctx(s, meeting)
            return [item_dto(ctx, i) for i in ctx.items]

    def get_item(self, item_id: int) -> AgendaItem:
        with self.db.session() as s:
            item = item_row(s, item_id)
            return item_dto_for(s, item)

    def _apply_item_fields(self, s: Session, item: ItemRow, fields: dict) -> None:
        allowed = set(ITEM_TEXT_FIELDS) | {"rubrik", "typ", "sokande_member_id", "justeras_omedelbart"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown item fields: {sorted(unknown)}")
        if "rubrik" in fields:
            item.rubrik = validate_rubrik(fields["rubrik"])
        if "typ" in fields:
            item.kind = ItemKind(fields["typ"]).value
        for key in ITEM_TEXT_FIELDS:
            if key in fields:
                value = fields[key] or ""
                setattr(
                    item,
                    key,
                    value.strip() if key in ("foredragande", "diarienummer", "sokande_organisation") else value,
                )
        if "diarienummer" in fields and len(item.diarienummer) > 50:
            raise ValidationError("högst 50 tecken.", "Diarienummer")
        if "sokande_member_id" in fields:
            mid = fields["sokande_member_id"]
            if mid is not None:
                member = s.get(MemberRow, mid)
                if member is None:
                    raise ValidationError("medlemmen finns inte.", "Sökande organisation")
                if not item.sokande_organisation:
                    item.sokande_organisation = member.namn
            item.sokande_member_id = mid
        if "justeras_omedelbart" in fields:
            item.justeras_omedelbart = bool(fields["justeras_omedelbart"])

    def add_item(
        self, meeting_id: int, rubrik: str, typ: ItemKind | str = ItemKind.BESLUT, position: int | None = None, **fields
    ) -> AgendaItem:
        rubrik = validate_rubrik(rubrik)
        with self.db.session() as s:
            meeting = editable_meeting(s, meeting_id)
            items = item_rows(s, meeting.id)
            if position is None:
                trailing = [i.position for i in items if i.standard in TRAILING_STANDARD]
                position = min(trailing) if trailing else len(items) + 1
            position = max(1, min(position, len(items) + 1))
            item = ItemRow(
                meeting_id=meeting.id, position=len(items) + 1000, rubrik=rubrik, kind=ItemKind(typ).value, standard=""
            )
            self._apply_item_fields(s, item, fields)
            s.add(item)
            s.flush()
            items.insert(position - 1, item)
            set_positions(s, items)
            renumber_meeting(s, meeting)
            index_items(s, [item.id])
            record(s, "punkt tillagd", "agenda_item", item.id, rubrik)
            return item_dto_for(s, item)

    def restore_item(
        self, meeting_id: int, snapshot: DeletedItem | AgendaItem, position: int | None = None
    ) -> AgendaItem:
        """Undo of ``delete_item``: bring the § back in one transaction with the same ids (item, delpunkter,
        att-satser, jäv, omröstning, reservationer, uppdrag) at its old position (or ``position``), with its
        bilaga references, attendance bounds, § numbers and search index. A record whose id has since been
        taken gets a new id (compare the returned DTO with the snapshot)."""
        deleted = snapshot if isinstance(snapshot, DeletedItem) else DeletedItem(snapshot)
        snap = deleted.item
        with self.db.session() as s:
            meeting = editable_meeting(s, meeting_id)
            items = item_rows(s, meeting.id)

            def free(model, record_id: int | None) -> int | None:
                return record_id if record_id and s.get(model, record_id) is None else None

            item = ItemRow(
                id=free(ItemRow, snap.id),
                meeting_id=meeting.id,
                position=len(items) + 1000,
                rubrik=validate_rubrik(snap.rubrik),
                kind=ItemKind(snap.typ).value,
                standard=snap.standard,
            )
            self._apply_item_fields(
                s,
                item,
                {
                    "foredragande": snap.foredragande,
                    "arendebeskrivning": snap.arendebeskrivning,
                    "forslag_till_beslut": snap.forslag_till_beslut,
                    "diarienummer": snap.diarienummer,
                    "sokande_organisation": snap.sokande_organisation,
                    "text": snap.text,
                    "justeras_omedelbart": snap.justeras_omedelbart,
                    "sokande_member_id": snap.sokande_member_id
                    if snap.sokande_member_id and s.get(MemberRow, snap.sokande_member_id)
                    else None,
                },
            )
            item.utgar, item.utgar_motivering = snap.utgar, snap.utgar_motivering
            s.add(item)
            s.flush()
            clause_ids: dict[int, int] = {}

            def add_clause(c: Clause, part_id: int | None) -> None:
                row = DecisionClause(
                    id=free(DecisionClause, c.id),
                    agenda_item_id=item.id,
                    part_id=part_id,
                    position=c.position,
                    text=c.text,
                )
                s.add(row)
                s.flush()
                clause_ids[c.id] = row.id

            for c in snap.clauses:
                add_clause(c, None)
            for p in snap.parts:
                part = ParagraphPart(
                    id=free(ParagraphPart, p.id),
                    agenda_item_id=item.id,
                    position=p.position,
                    rubrik=p.rubrik,
                    text=p.text,
                )
                s.add(part)
                s.flush()
                for c in p.clauses:
                    add_clause(c, part.id)
            for j in snap.jav:
                if s.get(PersonRow, j.person_id):
                    s.add(
                        JavNoteRow(
                            id=free(JavNoteRow, j.id),
                            agenda_item_id=item.id,
                            person_id=j.person_id,
                            kind=JavKind(j.kind).value,
                        )
                    )
            for r in snap.reservations:
                if s.get(PersonRow, r.person_id):
                    s.add(
                        ReservationRow(
                            id=free(ReservationRow, r.id),
                            agenda_item_id=item.id,
                            person_id=r.person_id,
                            motivering=r.motivering,
                        )
                    )
            if snap.vote is not None:
                v = snap.vote
                vote = VoteRow(
                    id=free(VoteRow, v.id),
                    agenda_item_id=item.id,
                    proposition=v.proposition,
                    sluten=v.sluten,
                    ja=v.ja,
                    nej=v.nej,
                    avstar=v.avstar,
                )
                s.add(vote)
                s.flush()
                for pid, _namn, rost in v.votes:
                    if s.get(PersonRow, pid):
                        s.add(VoteCastRow(vote_id=vote.id, person_id=pid, rost=Rost(rost).value))
            for n, bid in enumerate(snap.bilaga_ids):
                b = s.get(BilagaRow, bid)
                if b is not None and b.meeting_id == meeting.id:
                    s.add(BilagaRefRow(agenda_item_id=item.id, bilaga_id=bid, position=n + 1))
            for u in deleted.uppdrag:
                s.add(
                    UppdragRow(
                        id=free(UppdragRow, u.id),
                        organ_id=u.organ_id if s.get(OrganRow, u.organ_id) else meeting.organ_id,
                        agenda_item_id=item.id,
                        clause_id=clause_ids.get(u.clause_id) if u.clause_id else None,
                        beskrivning=u.beskrivning,
                        ansvarig_person_id=u.ansvarig_person_id
                        if u.ansvarig_person_id and s.get(PersonRow, u.ansvarig_person_id)
                        else None,
                        ansvarig=u.ansvarig,
                        deadline=u.deadline,
                        status=UppdragStatus(u.status).value,
                        kommentar=u.kommentar,
                        created_at=u.created_at or clock.now(),
                    )
                )
            for att_ids, attr in ((deleted.attendance_from, "from_item_id"), (deleted.attendance_to, "to_item_id")):
                for aid in att_ids:
                    att = s.get(AttendanceRow, aid)
                    if att is not None and att.meeting_id == meeting.id and getattr(att, attr) is None:
                        setattr(att, attr, item.id)
            s.flush()
            pos = snap.position if position is None else position
            items.insert(max(0, min(len(items), pos - 1)), item)
            set_positions(s, items)
            renumber_meeting(s, meeting)
            index_items(s, [item.id])
            record(s, "punkt återställd", "agenda_item", item.id, item.rubrik)
            return item_dto_for(s, item)

    def update_item(self, item_id: int, **fields) -> AgendaItem:
        with self.db.session() as s:
            item, _meeting = editable_item(s, item_id)
            check_and_touch(s, item, None, "")
            self._apply_item_fields(s, item, fields)
            index_items(s, [item.id])
            record(s, "punkt ändrad", "agenda_item", item.id, ", ".join(sorted(fields)))
            return item_dto_for(s, item)

    def update_item_rubrik(self, item_id: int, text_: str, expected: str | None = None) -> None:
        """Autosave of the rubrik field; ``expected`` is the text the editor last saw (optimistic locking)."""
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            check_item_field(s, item, item, "rubrik", expected)
            item.rubrik = validate_rubrik(text_)
            index_items(s, [item.id])

    def update_paragraph_text(self, item_id: int, text_: str, expected: str | None = None) -> None:
        """Autosave of the § text as the user types."""
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            check_item_field(s, item, item, "text", expected)
            item.text = text_ or ""
            index_items(s, [item.id])

    def update_item_field(self, item_id: int, field: str, value, expected: str | None = None) -> None:
        """Autosave of one field (foredragande, arendebeskrivning, forslag_till_beslut, ...)."""
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            if field in ITEM_TEXT_FIELDS:
                check_item_field(s, item, item, field, expected)
            else:
                check_and_touch(s, item, None, "")
            self._apply_item_fields(s, item, {field: value})
            index_items(s, [item.id])

    def delete_item(self, item_id: int) -> DeletedItem:
        """Remove a § with its att-satser, delpunkter, jäv, omröstning, reservationer, bilaga references and the
        uppdrag given at it; returns all of it for ``restore_item`` (undo)."""
        with self.db.session() as s:
            item, meeting = editable_item(s, item_id)
            heal(s, meeting, self.db.read_only)
            snapshot = item_dto_for(s, item)
            uppdrag_rows = list(
                s.scalars(select(UppdragRow).where(UppdragRow.agenda_item_id == item.id).order_by(UppdragRow.id))
            )
            uppdrag = tuple(
                UppdragRecord(
                    u.id,
                    u.organ_id,
                    u.agenda_item_id,
                    u.clause_id,
                    u.beskrivning,
                    u.ansvarig_person_id,
                    u.ansvarig,
                    u.deadline,
                    UppdragStatus(u.status),
                    u.kommentar,
                    u.created_at,
                )
                for u in uppdrag_rows
            )
            bounds = list(
                s.scalars(
                    select(AttendanceRow).where(
                        AttendanceRow.meeting_id == meeting.id,
                        (AttendanceRow.from_item_id == item.id) | (AttendanceRow.to_item_id == item.id),
                    )
                )
            )
            deleted = DeletedItem(
                snapshot,
                uppdrag,
                tuple(a.id for a in bounds if a.from_item_id == item.id),
                tuple(a.id for a in bounds if a.to_item_id == item.id),
            )
            for u in uppdrag_rows:
                s.delete(u)
            rubrik = item.rubrik
            s.delete(item)
            s.flush()
            set_positions(s, item_rows(s, meeting.id))
            renumber_meeting(s, meeting)
            detail = f"{rubrik} ({len(uppdrag)} uppdrag)" if uppdrag else rubrik
            record(s, "punkt borttagen", "agenda_item", item_id, detail)
            return deleted

    def move_item(self, item_id: int, to_position: int | None = None, *, delta: int | None = None) -> list[AgendaItem]:
        """Move to a 1-based position (or by ``delta`` steps); § numbers follow until locked."""
        with self.db.session() as s:
            item, meeting = editable_item(s, item_id)
            items = item_rows(s, meeting.id)
            old = item.position
            if delta is not None:
                to_position = old + delta
            if to_position is None:
                raise ValueError("to_position or delta is required")
            items.remove(item)
            items.insert(max(0, min(len(items), to_position - 1)), item)
            set_positions(s, items)
            renumber_meeting(s, meeting)
            record(s, "punkt flyttad", "agenda_item", item.id, f"{old} → {item.position}")
            ctx = load_ctx(s, meeting)
            return [item_dto(ctx, i) for i in ctx.items]

    def move_item_up(self, item_id: int) -> list[AgendaItem]:
        return self.move_item(item_id, delta=-1)

    def move_item_down(self, item_id: int) -> list[AgendaItem]:
        return self.move_item(item_id, delta=1)

    def strike_item(self, item_id: int, motivering: str) -> AgendaItem:
        """The item utgår: it keeps its § and the reason is recorded (the seed's § 111)."""
        motivering = clean(motivering)
        if not motivering:
            raise ValidationError("ange varför punkten stryks.", "Motivering")
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            item.utgar, item.utgar_motivering = True, motivering
            index_items(s, [item.id])
            record(s, "punkt struken", "agenda_item", item.id, motivering)
            return item_dto_for(s, item)

    def unstrike_item(self, item_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            item.utgar, item.utgar_motivering = False, ""
            index_items(s, [item.id])
            record(s, "punkt återinsatt", "agenda_item", item.id)
            return item_dto_for(s, item)
