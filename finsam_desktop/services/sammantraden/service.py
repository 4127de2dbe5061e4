"""Sammanträden: meetings, attendance, dagordning → protokoll, bilagor, jäv, uppdrag, search.

One public method = one user action = one transaction. Methods return frozen dataclasses from
``finsam_desktop.domain.sammantraden.model``; nothing here hands out ORM objects.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import cache

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.organisation.model import Beslutforhet, Role, styrelse_on
from finsam_desktop.domain.sammantraden.model import (
    EDITABLE_STATUSES,
    AgendaItem,
    AttendanceRole,
    Attendee,
    Bilaga,
    BoardPerson,
    Clause,
    DeletedItem,
    ItemKind,
    JavKind,
    JavNote,
    KallelseResult,
    MeetingDetail,
    MeetingStatus,
    MeetingSummary,
    MeetingType,
    OrganInfo,
    Part,
    QuorumPerson,
    QuorumResult,
    Reservation,
    Rost,
    SearchHit,
    SeriesMeeting,
    StandardPhrase,
    Uppdrag,
    UppdragRecord,
    UppdragStatus,
    Vote,
    beslut_heading,
    bilaga_reference,
    bilaga_token,
    check_quorum,
    clauses_from_forslag,
    foregaende_clause,
    foregaende_rubrik,
    is_locked,
    jav_warning,
    join_swedish,
    justerare_clause,
    kallelse_warning,
    normalize_clause,
    number_bilagor,
    number_series,
    paragraph_range_text,
    propose_jav,
    render_bilaga_tokens,
    validate_rubrik,
)
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import (
    AgendaItem as ItemRow,
)
from finsam_desktop.persistence.models import (
    ForbundRow,
    MandateRow,
    MeetingRow,
    MemberRow,
    OrganRow,
    PersonRow,
    Setting,
)
from finsam_desktop.persistence.models.sammantraden import (
    BILAGA_MAX_BYTES,
    AttendanceRow,
    BilagaRefRow,
    BilagaRow,
    DecisionClause,
    JavNoteRow,
    MeetingOfficerRow,
    ParagraphNumberRow,
    ParagraphPart,
    ReservationRow,
    SeriesStartRow,
    StandardPhraseRow,
    UppdragRow,
    VoteCastRow,
    VoteRow,
)
from finsam_desktop.reports.sammantraden.protocol_data import (
    AttendanceLine,
    AttendanceSection,
    KallelseDocument,
    KallelseItem,
    ProtocolDocument,
    ProtocolParagraph,
    ProtocolPart,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.organisation.service import (
    mandate_dto,
    member_dto,
    person_dto,
    person_row_by_name,
    read_beslutforhet,
)
from finsam_desktop.services.sammantraden.ports import AgendaContributor

#: Standard items after which new ärenden are not placed (they close the dagordning).
TRAILING_STANDARD = ("kansliet_informerar", "inbjudningar", "utbildningar", "ovriga_fragor", "avslutas")
ITEM_TEXT_FIELDS = (
    "foredragande",
    "arendebeskrivning",
    "forslag_till_beslut",
    "diarienummer",
    "sokande_organisation",
    "text",
)
PHRASES_SEEDED_KEY = "sammantraden.fraser_inlasta"


@cache
def load_template() -> dict:
    """The förbund-editable dagordning template (``resources/sammantraden/dagordning.json``)."""
    return json.loads((resources_dir() / "sammantraden" / "dagordning.json").read_text(encoding="utf-8"))


def _load_phrases() -> list[dict]:
    return json.loads((resources_dir() / "sammantraden" / "fraser.json").read_text(encoding="utf-8"))["fraser"]


def _clean(value: str | None) -> str:
    return (value or "").strip()


@dataclass
class _Ctx:
    """Everything needed to describe one meeting's items, loaded once."""

    meeting: MeetingRow
    organ: OrganRow
    items: list[ItemRow]
    persons: dict[int, PersonRow]
    parts: dict[int, list[ParagraphPart]]
    clauses: dict[tuple[int, int | None], list[DecisionClause]]
    refs: dict[int, list[int]]
    bilagor: list[BilagaRow]
    bilaga_numbers: dict[int, int]
    jav: dict[int, list[JavNoteRow]]
    votes: dict[int, VoteRow]
    casts: dict[int, list[VoteCastRow]]
    reservations: dict[int, list[ReservationRow]]
    attendance: list[AttendanceRow]
    ledamot_ids: tuple[int, ...]
    uppdrag_by_clause: dict[int, int]
    beslutforhet: Beslutforhet = Beslutforhet.MER_AN_HALFTEN

    def person_name(self, pid: int | None) -> str:
        p = self.persons.get(pid) if pid else None
        return p.namn if p else ""

    @property
    def position_of(self) -> dict[int, int]:
        return {i.id: i.position for i in self.items}


class SammantradenService:
    """Meetings of the förbund's organs and their protocols."""

    def __init__(self, db: Database, agenda_contributors: Sequence[AgendaContributor] = ()):
        self.db = db
        # Other areas' items for a new styrelse dagordning (the Attest area's anmälan of delegationsbeslut).
        self._agenda_contributors = tuple(agenda_contributors)

    # ================================================================== helpers
    @staticmethod
    def _meeting(s: Session, meeting_id: int) -> MeetingRow:
        row = s.get(MeetingRow, meeting_id)
        if row is None:
            raise NotFoundError(f"Sammanträdet med id {meeting_id} finns inte.")
        return row

    @staticmethod
    def _item(s: Session, item_id: int) -> ItemRow:
        row = s.get(ItemRow, item_id)
        if row is None:
            raise NotFoundError(f"Punkten med id {item_id} finns inte.")
        return row

    @staticmethod
    def _editable(row: MeetingRow) -> MeetingRow:
        if is_locked(row.status):
            raise ImmutableRecordError(
                f"Sammanträdet {row.datum.isoformat()} har status ”{MeetingStatus(row.status).label.lower()}” "
                "och kan inte längre ändras här."
            )
        return row

    def _editable_meeting(self, s: Session, meeting_id: int) -> MeetingRow:
        return self._editable(self._meeting(s, meeting_id))

    def _editable_item(self, s: Session, item_id: int) -> tuple[ItemRow, MeetingRow]:
        item = self._item(s, item_id)
        return item, self._editable(self._meeting(s, item.meeting_id))

    @staticmethod
    def _organ(s: Session, organ_id: int | None) -> OrganRow:
        if organ_id is None:
            row = s.scalar(select(OrganRow).where(OrganRow.kind == "styrelse").order_by(OrganRow.id))
        else:
            row = s.get(OrganRow, organ_id)
        if row is None:
            raise NotFoundError("Organet finns inte.")
        return row

    @staticmethod
    def _items(s: Session, meeting_id: int) -> list[ItemRow]:
        return list(s.scalars(select(ItemRow).where(ItemRow.meeting_id == meeting_id).order_by(ItemRow.position)))

    def _summary(self, s: Session, row: MeetingRow, organ: OrganRow | None = None) -> MeetingSummary:
        organ = organ or s.get(OrganRow, row.organ_id)
        first, last, count = s.execute(
            select(func.min(ItemRow.paragraph_number), func.max(ItemRow.paragraph_number), func.count()).where(
                ItemRow.meeting_id == row.id
            )
        ).one()
        return MeetingSummary(
            row.id,
            row.organ_id,
            organ.namn,
            organ.numbered_paragraphs,
            row.datum,
            row.starttid,
            row.sluttid,
            row.plats,
            row.digital,
            MeetingType(row.typ),
            MeetingStatus(row.status),
            first,
            last,
            count,
        )

    @staticmethod
    def _set_positions(s: Session, items: list[ItemRow]) -> None:
        for i, item in enumerate(items):
            item.position = -(i + 1)
        s.flush()
        for i, item in enumerate(items):
            item.position = i + 1
        s.flush()

    # ------------------------------------------------------------ numbering
    def _series_start(self, s: Session, organ_id: int, year: int) -> int:
        row = s.scalar(select(SeriesStartRow).where(SeriesStartRow.organ_id == organ_id, SeriesStartRow.ar == year))
        return row.first_number if row else 1

    def _renumber(self, s: Session, organ_id: int, year: int) -> None:
        """Give every § of the organ's year its continuous number (locked protocols keep theirs)."""
        s.flush()
        organ = s.get(OrganRow, organ_id)
        meetings = list(
            s.scalars(
                select(MeetingRow)
                .where(
                    MeetingRow.organ_id == organ_id,
                    MeetingRow.datum >= date(year, 1, 1),
                    MeetingRow.datum <= date(year, 12, 31),
                )
                .order_by(MeetingRow.datum, MeetingRow.starttid, MeetingRow.id)
            )
        )
        items_by_meeting: dict[int, list[ItemRow]] = defaultdict(list)
        if meetings:
            for item in s.scalars(
                select(ItemRow)
                .where(ItemRow.meeting_id.in_([m.id for m in meetings]))
                .order_by(ItemRow.meeting_id, ItemRow.position)
            ):
                items_by_meeting[item.meeting_id].append(item)
        unlocked_items = [i for m in meetings if not is_locked(m.status) for i in items_by_meeting[m.id]]
        locked_ids = [i.id for m in meetings if is_locked(m.status) for i in items_by_meeting[m.id]]
        if not organ.numbered_paragraphs:
            ids = [i.id for i in unlocked_items]
            if ids:
                s.execute(delete(ParagraphNumberRow).where(ParagraphNumberRow.agenda_item_id.in_(ids)))
            for i in unlocked_items:
                i.paragraph_number = None
            s.flush()
            return
        series = [
            SeriesMeeting(
                m.id,
                m.datum,
                is_locked(m.status),
                tuple(i.id for i in items_by_meeting[m.id]),
                tuple(i.paragraph_number for i in items_by_meeting[m.id]),
            )
            for m in meetings
        ]
        mapping = number_series(self._series_start(s, organ_id, year), series)
        ids = [i.id for i in unlocked_items]
        if ids:
            s.execute(delete(ParagraphNumberRow).where(ParagraphNumberRow.agenda_item_id.in_(ids)))
        stale = delete(ParagraphNumberRow).where(ParagraphNumberRow.organ_id == organ_id, ParagraphNumberRow.ar == year)
        if locked_ids:
            stale = stale.where(ParagraphNumberRow.agenda_item_id.not_in(locked_ids))
        s.execute(stale)
        for item in unlocked_items:
            if item.paragraph_number != mapping[item.id]:
                item.paragraph_number = None
        s.flush()
        for item in unlocked_items:
            item.paragraph_number = mapping[item.id]
            s.add(ParagraphNumberRow(organ_id=organ_id, ar=year, nummer=mapping[item.id], agenda_item_id=item.id))
        s.flush()

    def _renumber_meeting(self, s: Session, meeting: MeetingRow) -> None:
        self._renumber(s, meeting.organ_id, meeting.datum.year)

    # ------------------------------------------------------------ search index
    def _index(self, s: Session, item_ids: list[int]) -> None:
        from finsam_desktop.services.sammantraden.search_index import index_items

        index_items(s, item_ids)

    # ------------------------------------------------------------ context / DTOs
    def _ctx(self, s: Session, meeting: MeetingRow) -> _Ctx:
        organ = s.get(OrganRow, meeting.organ_id)
        items = self._items(s, meeting.id)
        ids = [i.id for i in items]
        parts: dict[int, list[ParagraphPart]] = defaultdict(list)
        clauses: dict[tuple[int, int | None], list[DecisionClause]] = defaultdict(list)
        refs: dict[int, list[int]] = defaultdict(list)
        jav: dict[int, list[JavNoteRow]] = defaultdict(list)
        reservations: dict[int, list[ReservationRow]] = defaultdict(list)
        votes: dict[int, VoteRow] = {}
        casts: dict[int, list[VoteCastRow]] = defaultdict(list)
        uppdrag_by_clause: dict[int, int] = {}
        if ids:
            for p in s.scalars(
                select(ParagraphPart).where(ParagraphPart.agenda_item_id.in_(ids)).order_by(ParagraphPart.position)
            ):
                parts[p.agenda_item_id].append(p)
            for c in s.scalars(
                select(DecisionClause)
                .where(DecisionClause.agenda_item_id.in_(ids))
                .order_by(DecisionClause.position, DecisionClause.id)
            ):
                clauses[(c.agenda_item_id, c.part_id)].append(c)
            for r in s.scalars(
                select(BilagaRefRow)
                .where(BilagaRefRow.agenda_item_id.in_(ids))
                .order_by(BilagaRefRow.position, BilagaRefRow.id)
            ):
                refs[r.agenda_item_id].append(r.bilaga_id)
            for j in s.scalars(select(JavNoteRow).where(JavNoteRow.agenda_item_id.in_(ids)).order_by(JavNoteRow.id)):
                jav[j.agenda_item_id].append(j)
            for r in s.scalars(
                select(ReservationRow).where(ReservationRow.agenda_item_id.in_(ids)).order_by(ReservationRow.id)
            ):
                reservations[r.agenda_item_id].append(r)
            for v in s.scalars(select(VoteRow).where(VoteRow.agenda_item_id.in_(ids))):
                votes[v.agenda_item_id] = v
            if votes:
                for c in s.scalars(
                    select(VoteCastRow)
                    .where(VoteCastRow.vote_id.in_([v.id for v in votes.values()]))
                    .order_by(VoteCastRow.id)
                ):
                    casts[c.vote_id].append(c)
            for u in s.scalars(select(UppdragRow).where(UppdragRow.agenda_item_id.in_(ids))):
                if u.clause_id:
                    uppdrag_by_clause[u.clause_id] = u.id
        bilagor = list(s.scalars(select(BilagaRow).where(BilagaRow.meeting_id == meeting.id).order_by(BilagaRow.id)))
        numbers = number_bilagor([refs[i] for i in ids], [b.id for b in bilagor])
        bilagor.sort(key=lambda b: numbers.get(b.id, 10**6))
        attendance = list(
            s.scalars(
                select(AttendanceRow)
                .where(AttendanceRow.meeting_id == meeting.id)
                .order_by(AttendanceRow.position, AttendanceRow.id)
            )
        )
        persons = {p.id: p for p in s.scalars(select(PersonRow))}
        ledamot_ids: tuple[int, ...] = ()
        if organ.kind == "styrelse":
            ledamot_ids = tuple(p.id for p in self._styrelse(s, meeting.datum).ledamoter)
        return _Ctx(
            meeting,
            organ,
            items,
            persons,
            parts,
            clauses,
            refs,
            bilagor,
            numbers,
            jav,
            votes,
            casts,
            reservations,
            attendance,
            ledamot_ids,
            uppdrag_by_clause,
            read_beslutforhet(s),
        )

    @staticmethod
    def _styrelse(s: Session, day: date):
        members = [member_dto(r) for r in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
        persons = [person_dto(r) for r in s.scalars(select(PersonRow))]
        mandates = [mandate_dto(r) for r in s.scalars(select(MandateRow))]
        return styrelse_on(day, members, persons, mandates, read_beslutforhet(s))

    def _present_for(self, ctx: _Ctx, att: AttendanceRow, item: ItemRow | None) -> bool:
        if not att.narvarande:
            return False
        if item is None:
            return True
        pos = ctx.position_of
        lo = pos.get(att.from_item_id, 1) if att.from_item_id else 1
        hi = pos.get(att.to_item_id, 10**6) if att.to_item_id else 10**6
        return lo <= item.position <= hi

    def _quorum(self, ctx: _Ctx, item: ItemRow | None) -> QuorumResult:
        if ctx.organ.kind != "styrelse":
            return QuorumResult(0, 0, 0, True, f"Beslutförhet prövas inte för {ctx.organ.namn.lower()}.")
        present = [
            QuorumPerson(a.person_id, ctx.person_name(a.person_id), AttendanceRole(a.roll), a.ersatter_person_id)
            for a in ctx.attendance
            if self._present_for(ctx, a, item)
        ]
        excluded = [j.person_id for j in ctx.jav.get(item.id, [])] if item is not None else []
        return check_quorum(ctx.ledamot_ids, present, excluded, ctx.beslutforhet)

    def _clause_dto(self, ctx: _Ctx, c: DecisionClause) -> Clause:
        return Clause(c.id, c.agenda_item_id, c.part_id or 0, c.position, c.text, ctx.uppdrag_by_clause.get(c.id))

    def _item_dto(self, ctx: _Ctx, item: ItemRow) -> AgendaItem:
        numbered = ctx.organ.numbered_paragraphs
        label = f"§ {item.paragraph_number}" if numbered and item.paragraph_number else f"{item.position}."
        bilaga_ids = tuple(ctx.refs.get(item.id, ()))
        bilaga_numbers = tuple(ctx.bilaga_numbers[b] for b in bilaga_ids)
        jav_rows = ctx.jav.get(item.id, [])
        jav = tuple(
            JavNote(j.id, item.id, j.person_id, ctx.person_name(j.person_id), JavKind(j.kind)) for j in jav_rows
        )
        board = [
            BoardPerson(a.person_id, ctx.person_name(a.person_id), a.member_id, AttendanceRole(a.roll))
            for a in ctx.attendance
            if self._present_for(ctx, a, item) and a.roll != AttendanceRole.OVRIG.value
        ]
        proposals = tuple(propose_jav(item.sokande_member_id, board)) if not item.utgar else ()
        warning = ""
        if proposals:
            applicant = item.sokande_organisation or next(
                (a.organisation for a in ctx.attendance if a.member_id == item.sokande_member_id), "medlemmen"
            )
            warning = jav_warning(label, applicant, proposals, [j.person_id for j in jav_rows])
        vote = None
        if item.id in ctx.votes:
            v = ctx.votes[item.id]
            cast = tuple((c.person_id, ctx.person_name(c.person_id), Rost(c.rost)) for c in ctx.casts.get(v.id, []))
            vote = Vote(v.id, item.id, v.proposition, v.sluten, v.ja, v.nej, v.avstar, cast)
        parts = tuple(
            Part(
                p.id,
                item.id,
                p.position,
                p.rubrik,
                p.text,
                tuple(self._clause_dto(ctx, c) for c in ctx.clauses.get((item.id, p.id), [])),
            )
            for p in ctx.parts.get(item.id, [])
        )
        return AgendaItem(
            id=item.id,
            meeting_id=item.meeting_id,
            position=item.position,
            number=item.paragraph_number,
            label=label,
            rubrik=item.rubrik,
            typ=ItemKind(item.kind),
            standard=item.standard,
            foredragande=item.foredragande,
            arendebeskrivning=item.arendebeskrivning,
            forslag_till_beslut=item.forslag_till_beslut,
            diarienummer=item.diarienummer,
            sokande_member_id=item.sokande_member_id,
            sokande_organisation=item.sokande_organisation,
            text=item.text,
            clauses=tuple(self._clause_dto(ctx, c) for c in ctx.clauses.get((item.id, None), [])),
            parts=parts,
            utgar=item.utgar,
            utgar_motivering=item.utgar_motivering,
            justeras_omedelbart=item.justeras_omedelbart,
            bilaga_ids=bilaga_ids,
            bilaga_numbers=bilaga_numbers,
            bilaga_ref_text=bilaga_reference(bilaga_numbers),
            jav=jav,
            jav_proposals=proposals,
            jav_warning=warning,
            quorum=self._quorum(ctx, item)
            if ctx.organ.kind == "styrelse" and item.kind == ItemKind.BESLUT.value
            else None,
            vote=vote,
            reservations=tuple(
                Reservation(r.id, item.id, r.person_id, ctx.person_name(r.person_id), r.motivering)
                for r in ctx.reservations.get(item.id, [])
            ),
        )

    def _attendee_dto(self, ctx: _Ctx, a: AttendanceRow) -> Attendee:
        items = {i.id: i for i in ctx.items}
        lo = items.get(a.from_item_id) if a.from_item_id else None
        hi = items.get(a.to_item_id) if a.to_item_id else None
        range_text = ""
        if lo or hi:
            first = lo or ctx.items[0]
            last = hi or ctx.items[-1]
            if ctx.organ.numbered_paragraphs and first.paragraph_number and last.paragraph_number:
                range_text = paragraph_range_text(first.paragraph_number, last.paragraph_number)
            else:
                range_text = f"punkt {first.position}–{last.position}"
        return Attendee(
            a.id,
            a.meeting_id,
            a.person_id,
            ctx.person_name(a.person_id),
            AttendanceRole(a.roll),
            a.organisation,
            a.member_id,
            a.ersatter_person_id,
            ctx.person_name(a.ersatter_person_id),
            a.narvarande,
            a.from_item_id,
            a.to_item_id,
            range_text,
            a.position,
        )

    def _bilaga_dto(self, ctx: _Ctx, b: BilagaRow) -> Bilaga:
        labels = tuple(self._label(ctx, i) for i in ctx.items if b.id in ctx.refs.get(i.id, ()))
        return Bilaga(
            b.id,
            b.meeting_id,
            ctx.bilaga_numbers.get(b.id),
            b.titel,
            b.filnamn,
            b.mimetyp,
            b.storlek,
            b.sha256,
            b.source_meeting_id,
            labels,
        )

    @staticmethod
    def _label(ctx: _Ctx, item: ItemRow) -> str:
        if ctx.organ.numbered_paragraphs and item.paragraph_number:
            return f"§ {item.paragraph_number}"
        return f"{item.position}."

    def _officers(self, s: Session, meeting_id: int) -> dict[str, list[int]]:
        result: dict[str, list[int]] = defaultdict(list)
        for o in s.scalars(
            select(MeetingOfficerRow)
            .where(MeetingOfficerRow.meeting_id == meeting_id)
            .order_by(MeetingOfficerRow.position, MeetingOfficerRow.id)
        ):
            result[o.roll].append(o.person_id)
        return result

    def _previous(self, s: Session, meeting: MeetingRow) -> MeetingRow | None:
        return s.scalar(
            select(MeetingRow)
            .where(MeetingRow.organ_id == meeting.organ_id, MeetingRow.id != meeting.id)
            .where(
                (MeetingRow.datum < meeting.datum)
                | ((MeetingRow.datum == meeting.datum) & (MeetingRow.id < meeting.id))
            )
            .order_by(MeetingRow.datum.desc(), MeetingRow.id.desc())
        )

    def _warnings(self, s: Session, ctx: _Ctx, item_dtos: list[AgendaItem]) -> list[str]:
        m = ctx.meeting
        warnings = []
        forbund = s.get(ForbundRow, 1)
        if m.kallelse_skickad and forbund is not None:
            w = kallelse_warning(m.kallelse_skickad, m.datum, forbund.kallelse_dagar)
            if w:
                warnings.append(w)
        if ctx.organ.kind == "styrelse" and ctx.attendance:
            q = self._quorum(ctx, None)
            if not q.beslutfor:
                warnings.append(q.message)
        for it in item_dtos:
            if it.jav_warning:
                warnings.append(it.jav_warning)
            if it.quorum is not None and ctx.attendance and not it.quorum.beslutfor and not it.utgar:
                warnings.append(f"{it.label}: {it.quorum.message}")
            if (
                it.typ is ItemKind.BESLUT
                and not it.utgar
                and not it.all_clauses
                and m.status == MeetingStatus.PROTOKOLL_UTKAST.value
            ):
                warnings.append(f"{it.label} {it.rubrik}: beslutspunkten saknar att-sats.")
        referenced = {b for refs in ctx.refs.values() for b in refs}
        for b in ctx.bilagor:
            if b.id not in referenced:
                warnings.append(f"Bilaga {ctx.bilaga_numbers[b.id]} ({b.titel}) hänvisas inte till från någon punkt.")
        if ctx.organ.kind == "styrelse" and ctx.items and not self._officers(s, m.id).get("justerare"):
            if m.status in (MeetingStatus.GENOMFORT.value, MeetingStatus.PROTOKOLL_UTKAST.value):
                warnings.append("Ingen justerare är vald.")
        return warnings

    def _heal(self, s: Session, meeting: MeetingRow) -> None:
        """Number items other areas inserted directly (e.g. "Anmälan av delegationsbeslut"): an item
        placed after "Sammanträdet avslutas" moves before the closing standard items."""
        if self.db.read_only or is_locked(meeting.status):
            return
        organ = s.get(OrganRow, meeting.organ_id)
        items = self._items(s, meeting.id)
        if not organ.numbered_paragraphs or all(i.paragraph_number is not None for i in items):
            return
        closing = next((n for n, i in enumerate(items) if i.standard == "avslutas"), None)
        if closing is not None:
            late = [i for i in items[closing + 1 :] if not i.standard]
            if late:
                rest = [i for i in items if i not in late]
                trailing = next((n for n, i in enumerate(rest) if i.standard in TRAILING_STANDARD), len(rest))
                items = rest[:trailing] + late + rest[trailing:]
                self._set_positions(s, items)
        self._renumber_meeting(s, meeting)
        self._index(s, [i.id for i in items if i.paragraph_number is not None])

    def renumber(self, meeting_id: int) -> MeetingSummary:
        """Re-derive the § numbers of the meeting's series (after another area added items)."""
        with self.db.session() as s:
            row = self._meeting(s, meeting_id)
            self._heal(s, row)
            self._renumber_meeting(s, row)
            return self._summary(s, row)

    # ================================================================== organs / listing
    def list_organs(self) -> list[OrganInfo]:
        with self.db.session() as s:
            return [
                OrganInfo(o.id, o.namn, o.kind, o.numbered_paragraphs)
                for o in s.scalars(select(OrganRow).order_by(OrganRow.id))
            ]

    def list_years(self) -> list[int]:
        with self.db.session() as s:
            dates = s.scalars(select(MeetingRow.datum))
            return sorted({d.year for d in dates})

    def list_meetings(
        self, year: int | None = None, organ_id: int | None = None, status: MeetingStatus | str | None = None
    ) -> list[MeetingSummary]:
        with self.db.session() as s:
            q = select(MeetingRow).order_by(MeetingRow.datum, MeetingRow.starttid, MeetingRow.id)
            if year is not None:
                q = q.where(MeetingRow.datum >= date(year, 1, 1), MeetingRow.datum <= date(year, 12, 31))
            if organ_id is not None:
                q = q.where(MeetingRow.organ_id == organ_id)
            if status is not None:
                q = q.where(MeetingRow.status == MeetingStatus(status).value)
            organs = {o.id: o for o in s.scalars(select(OrganRow))}
            stats = {
                mid: (lo, hi, n)
                for mid, lo, hi, n in s.execute(
                    select(
                        ItemRow.meeting_id,
                        func.min(ItemRow.paragraph_number),
                        func.max(ItemRow.paragraph_number),
                        func.count(),
                    ).group_by(ItemRow.meeting_id)
                )
            }
            result = []
            for row in s.scalars(q):
                organ = organs[row.organ_id]
                lo, hi, n = stats.get(row.id, (None, None, 0))
                result.append(
                    MeetingSummary(
                        row.id,
                        row.organ_id,
                        organ.namn,
                        organ.numbered_paragraphs,
                        row.datum,
                        row.starttid,
                        row.sluttid,
                        row.plats,
                        row.digital,
                        MeetingType(row.typ),
                        MeetingStatus(row.status),
                        lo,
                        hi,
                        n,
                    )
                )
            return result

    def find_meeting(self, ref: str | int) -> MeetingSummary:
        """A meeting by id or by a date that only one meeting has (``2022-11-25``, ``221125``)."""
        raw = str(ref).strip()
        with self.db.session() as s:
            if raw.isdigit() and len(raw) < 6:
                return self._summary(s, self._meeting(s, int(raw)))
            try:
                day = parse_date(raw, "Sammanträde")
            except ValidationError:
                raise ValidationError(f"”{raw}” är varken ett id eller ett datum.", "Sammanträde") from None
            rows = list(s.scalars(select(MeetingRow).where(MeetingRow.datum == day)))
            if not rows:
                raise NotFoundError(f"Det finns inget sammanträde {day.isoformat()}.")
            if len(rows) > 1:
                ids = ", ".join(str(r.id) for r in rows)
                raise ValidationError(
                    f"{len(rows)} sammanträden hölls {day.isoformat()} (id {ids}); ange id i stället.", "Sammanträde"
                )
            return self._summary(s, rows[0])

    # ================================================================== meetings
    def create_meeting(
        self,
        datum: date | str,
        organ_id: int | None = None,
        typ: MeetingType | str = MeetingType.ORDINARIE,
        starttid: time | None = None,
        sluttid: time | None = None,
        plats: str = "",
        digital: bool = False,
        with_agenda: bool = True,
        prefill_attendance: bool = True,
    ) -> MeetingSummary:
        day = parse_date(datum, "Datum")
        typ = MeetingType(typ)
        if starttid and sluttid and sluttid <= starttid:
            raise ValidationError("sluttiden ligger före starttiden.", "Tid")
        with self.db.session() as s:
            organ = self._organ(s, organ_id)
            row = MeetingRow(
                organ_id=organ.id,
                datum=day,
                starttid=starttid,
                sluttid=sluttid,
                plats=_clean(plats),
                digital=bool(digital),
                typ=typ.value,
                status=MeetingStatus.PLANERAT.value,
                anteckning="",
            )
            s.add(row)
            s.flush()
            if prefill_attendance:
                self._prefill(s, row, organ)
            if with_agenda:
                self._agenda_from_template(s, row, organ)
            record(s, "sammanträde skapat", "meeting", row.id, f"{organ.namn} {day.isoformat()} ({typ.label})")
            meeting_id, is_styrelse = row.id, organ.kind == "styrelse"
            summary = self._summary(s, row, organ)
        if with_agenda and is_styrelse and self._add_delegationsbeslut(meeting_id):
            with self.db.session() as s:
                row = self._meeting(s, meeting_id)
                summary = self._summary(s, row)
        return summary

    def _add_delegationsbeslut(self, meeting_id: int) -> bool:
        """Let the contributing areas add their items to a new styrelse dagordning (the Attest area puts unreported
        delegationsbeslut under "Anmälan av delegationsbeslut", KL 7:8). Runs after the meeting's own transaction
        has committed."""
        added = [contribute(meeting_id) for contribute in self._agenda_contributors]
        return any(item_id is not None for item_id in added)

    def get_meeting(self, meeting_id: int) -> MeetingDetail:
        with self.db.session() as s:
            row = self._meeting(s, meeting_id)
            self._heal(s, row)
            ctx = self._ctx(s, row)
            items = [self._item_dto(ctx, i) for i in ctx.items]
            officers = self._officers(s, row.id)
            prev = self._previous(s, row)
            return MeetingDetail(
                meeting=self._summary(s, row, ctx.organ),
                anteckning=row.anteckning,
                kallelse_skickad=row.kallelse_skickad,
                justerare_person_ids=tuple(officers.get("justerare", [])),
                ordforande_person_id=(officers.get("ordforande") or [None])[0],
                sekreterare_person_id=(officers.get("sekreterare") or [None])[0],
                items=tuple(items),
                attendance=tuple(self._attendee_dto(ctx, a) for a in ctx.attendance),
                bilagor=tuple(self._bilaga_dto(ctx, b) for b in ctx.bilagor),
                quorum=self._quorum(ctx, None),
                previous=self._summary(s, prev) if prev else None,
                warnings=tuple(self._warnings(s, ctx, items)),
            )

    def warnings(self, meeting_id: int) -> list[str]:
        return list(self.get_meeting(meeting_id).warnings)

    def update_meeting(self, meeting_id: int, **fields) -> MeetingSummary:
        allowed = {"datum", "starttid", "sluttid", "plats", "digital", "typ", "anteckning"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown meeting fields: {sorted(unknown)}")
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            old_year = row.datum.year
            if "datum" in fields:
                row.datum = parse_date(fields["datum"], "Datum")
            if "starttid" in fields:
                row.starttid = fields["starttid"]
            if "sluttid" in fields:
                row.sluttid = fields["sluttid"]
            if row.starttid and row.sluttid and row.sluttid <= row.starttid:
                raise ValidationError("sluttiden ligger före starttiden.", "Tid")
            if "plats" in fields:
                row.plats = _clean(fields["plats"])
            if "digital" in fields:
                row.digital = bool(fields["digital"])
            if "typ" in fields:
                row.typ = MeetingType(fields["typ"]).value
            if "anteckning" in fields:
                row.anteckning = fields["anteckning"] or ""
            if "datum" in fields or "starttid" in fields:
                self._renumber(s, row.organ_id, old_year)
                if row.datum.year != old_year:
                    self._renumber(s, row.organ_id, row.datum.year)
            record(s, "sammanträde ändrat", "meeting", row.id, ", ".join(sorted(fields)))
            return self._summary(s, row)

    def delete_meeting(self, meeting_id: int) -> None:
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            organ_id, year, label = row.organ_id, row.datum.year, row.datum.isoformat()
            s.execute(
                text("DELETE FROM fts_paragraph WHERE rowid IN (SELECT id FROM agenda_item WHERE meeting_id = :m)"),
                {"m": row.id},
            )
            s.delete(row)
            s.flush()
            self._renumber(s, organ_id, year)
            record(s, "sammanträde borttaget", "meeting", meeting_id, label)

    def set_status(self, meeting_id: int, status: MeetingStatus | str) -> MeetingSummary:
        status = MeetingStatus(status)
        if status not in EDITABLE_STATUSES:
            raise ValidationError(f"status ”{status.label}” sätts i justeringsflödet, inte här.", "Status")
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            old = MeetingStatus(row.status)
            row.status = status.value
            record(s, "sammanträdets status ändrad", "meeting", row.id, f"{old.value} → {status.value}")
            return self._summary(s, row)

    def record_kallelse_sent(self, meeting_id: int, sent: date | str) -> KallelseResult:
        day = parse_date(sent, "Kallelse skickad")
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            if day > row.datum:
                raise ValidationError(
                    f"kallelsen kan inte skickas efter sammanträdet ({row.datum.isoformat()}).", "Kallelse skickad"
                )
            row.kallelse_skickad = day
            if row.status == MeetingStatus.PLANERAT.value:
                row.status = MeetingStatus.KALLAT.value
            forbund = s.get(ForbundRow, 1)
            warning = kallelse_warning(day, row.datum, forbund.kallelse_dagar if forbund else 7)
            record(s, "kallelse skickad", "meeting", row.id, day.isoformat() + (" (sen)" if warning else ""))
            return KallelseResult(self._summary(s, row), warning)

    def set_officers(
        self,
        meeting_id: int,
        *,
        ordforande_person_id: int | type(...) | None = ...,
        sekreterare_person_id: int | type(...) | None = ...,
        justerare_person_ids: list[int] | tuple[int, ...] | type(...) = ...,
    ) -> MeetingDetail:
        """Mötesordförande, sekreterare and justerare; the justerare fill "Val av justerare"."""
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            changes = []
            for roll, value in (("ordforande", ordforande_person_id), ("sekreterare", sekreterare_person_id)):
                if value is ...:
                    continue
                before = self._officers(s, row.id).get(roll, [])
                self._replace_officers(s, row.id, roll, [] if value is None else [value])
                changes.append(roll)
                if roll == "ordforande" and before and value is not None and before[0] != value:
                    self._rename_in_opening(s, row.id, s.get(PersonRow, before[0]).namn, s.get(PersonRow, value).namn)
            if justerare_person_ids is not ...:
                ids = list(dict.fromkeys(justerare_person_ids))
                self._replace_officers(s, row.id, "justerare", ids)
                names = [s.get(PersonRow, pid).namn for pid in ids]
                item = s.scalar(select(ItemRow).where(ItemRow.meeting_id == row.id, ItemRow.standard == "justerare"))
                if item is not None:
                    s.execute(
                        delete(DecisionClause).where(
                            DecisionClause.agenda_item_id == item.id, DecisionClause.part_id.is_(None)
                        )
                    )
                    if names:
                        s.add(
                            DecisionClause(
                                agenda_item_id=item.id,
                                part_id=None,
                                position=1,
                                text=justerare_clause(join_swedish(names)),
                            )
                        )
                    self._index(s, [item.id])
                changes.append("justerare")
            record(s, "mötesfunktionärer valda", "meeting", row.id, ", ".join(changes))
        return self.get_meeting(meeting_id)

    def _rename_in_opening(self, s: Session, meeting_id: int, old: str, new: str) -> None:
        """ "Ordförande NN förklarar mötet öppnat" names whoever chairs this meeting."""
        item = s.scalar(select(ItemRow).where(ItemRow.meeting_id == meeting_id, ItemRow.standard == "oppnas"))
        if item is not None and old in item.text:
            item.text = item.text.replace(old, new)
            self._index(s, [item.id])

    @staticmethod
    def _replace_officers(s: Session, meeting_id: int, roll: str, person_ids: list[int]) -> None:
        for pid in person_ids:
            if s.get(PersonRow, pid) is None:
                raise ValidationError(f"personen med id {pid} finns inte.", roll.capitalize())
        s.execute(
            delete(MeetingOfficerRow).where(MeetingOfficerRow.meeting_id == meeting_id, MeetingOfficerRow.roll == roll)
        )
        for i, pid in enumerate(person_ids):
            s.add(MeetingOfficerRow(meeting_id=meeting_id, roll=roll, person_id=pid, position=i))
        s.flush()

    # ------------------------------------------------------------ attendance
    def _prefill(self, s: Session, meeting: MeetingRow, organ: OrganRow) -> list[AttendanceRow]:
        existing = {a.person_id for a in s.scalars(select(AttendanceRow).where(AttendanceRow.meeting_id == meeting.id))}
        position = len(existing)
        added = []

        def add(person_id: int, roll: AttendanceRole, organisation: str, member_id: int | None):
            nonlocal position
            if person_id in existing:
                return
            existing.add(person_id)
            position += 1
            row = AttendanceRow(
                meeting_id=meeting.id,
                person_id=person_id,
                roll=roll.value,
                organisation=organisation,
                member_id=member_id,
                narvarande=True,
                position=position,
            )
            s.add(row)
            added.append(row)

        mandates = [mandate_dto(r) for r in s.scalars(select(MandateRow))]
        if organ.kind == "styrelse":
            styrelse = self._styrelse(s, meeting.datum)
            for seat in styrelse.seats:
                for p in seat.ledamoter:
                    add(p.id, AttendanceRole.ORDINARIE, seat.member.namn, seat.member.id)
            for seat in styrelse.seats:
                for p in seat.ersattare:
                    add(p.id, AttendanceRole.ERSATTARE, seat.member.namn, seat.member.id)
        staff_roles = (Role.FORBUNDSCHEF, Role.SEKRETERARE, Role.UTVECKLINGSLEDARE)
        titles: dict[int, list[str]] = defaultdict(list)
        for m in mandates:
            if m.role in staff_roles and m.valid_on(meeting.datum):
                titles[m.person_id].append(m.role.label)
        for pid, roles in titles.items():
            text_ = "/".join([roles[0]] + [r.lower() for r in roles[1:]])
            add(pid, AttendanceRole.OVRIG, text_, None)
        s.flush()
        if organ.kind == "styrelse" and not self._officers(s, meeting.id):
            styrelse = self._styrelse(s, meeting.datum)
            if styrelse.ordforande:
                s.add(MeetingOfficerRow(meeting_id=meeting.id, roll="ordforande", person_id=styrelse.ordforande.id))
            sek = [m.person_id for m in mandates if m.role is Role.SEKRETERARE and m.valid_on(meeting.datum)]
            if sek:
                s.add(MeetingOfficerRow(meeting_id=meeting.id, roll="sekreterare", person_id=sek[0]))
            s.flush()
        return added

    def prefill_attendance(self, meeting_id: int) -> list[Attendee]:
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            self._prefill(s, row, s.get(OrganRow, row.organ_id))
            record(s, "närvaro förifylld", "meeting", row.id)
            ctx = self._ctx(s, row)
            return [self._attendee_dto(ctx, a) for a in ctx.attendance]

    def list_attendance(self, meeting_id: int) -> list[Attendee]:
        with self.db.session() as s:
            ctx = self._ctx(s, self._meeting(s, meeting_id))
            return [self._attendee_dto(ctx, a) for a in ctx.attendance]

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
            row = self._editable_meeting(s, meeting_id)
            if person_id is None:
                namn = _clean(namn)
                if not namn:
                    raise ValidationError("ange en person eller ett namn.", "Namn")
                person = person_row_by_name(s, namn)
                if person is None:
                    person = PersonRow(namn=namn, organisation=_clean(organisation), titel="", epost="", telefon="")
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
            styrelse = self._styrelse(s, row.datum)
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
                organisation=_clean(organisation),
                member_id=member_id,
                narvarande=True,
                position=position,
            )
            s.add(att)
            s.flush()
            if ersatter_person_id is not None:
                self._set_tjanstgorande(s, row, att, ersatter_person_id)
            record(s, "närvaro tillagd", "meeting", row.id, s.get(PersonRow, person_id).namn)
            ctx = self._ctx(s, row)
            return self._attendee_dto(ctx, att)

    def _set_tjanstgorande(self, s: Session, meeting: MeetingRow, att: AttendanceRow, replaced_id: int) -> None:
        styrelse = self._styrelse(s, meeting.datum)
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
            meeting = self._editable_meeting(s, att.meeting_id)
            if "roll" in fields:
                att.roll = AttendanceRole(fields["roll"]).value
                if att.roll != AttendanceRole.TJANSTGORANDE.value:
                    att.ersatter_person_id = None
            if "organisation" in fields:
                att.organisation = _clean(fields["organisation"])
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
            pos = {i.id: i.position for i in self._items(s, meeting.id)}
            if att.from_item_id and att.to_item_id and pos[att.from_item_id] > pos[att.to_item_id]:
                raise ValidationError("”från” ligger efter ”till”.", "Närvarande §")
            s.flush()
            record(s, "närvaro ändrad", "attendance", att.id, ", ".join(sorted(fields)))
            return self._attendee_dto(self._ctx(s, meeting), att)

    def remove_attendee(self, attendee_id: int) -> None:
        with self.db.session() as s:
            att = s.get(AttendanceRow, attendee_id)
            if att is None:
                raise NotFoundError("Närvaroraden finns inte.")
            self._editable_meeting(s, att.meeting_id)
            s.delete(att)
            record(s, "närvaro borttagen", "attendance", attendee_id)

    def move_attendee(self, attendee_id: int, to_position: int) -> list[Attendee]:
        with self.db.session() as s:
            att = s.get(AttendanceRow, attendee_id)
            if att is None:
                raise NotFoundError("Närvaroraden finns inte.")
            meeting = self._editable_meeting(s, att.meeting_id)
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
            ctx = self._ctx(s, meeting)
            return [self._attendee_dto(ctx, a) for a in ctx.attendance]

    def quorum(self, meeting_id: int, item_id: int | None = None) -> QuorumResult:
        with self.db.session() as s:
            meeting = self._meeting(s, meeting_id)
            ctx = self._ctx(s, meeting)
            item = None
            if item_id is not None:
                item = next((i for i in ctx.items if i.id == item_id), None)
                if item is None:
                    raise NotFoundError("Punkten hör inte till sammanträdet.")
            return self._quorum(ctx, item)

    # ------------------------------------------------------------ dagordning
    def _agenda_from_template(self, s: Session, meeting: MeetingRow, organ: OrganRow) -> list[ItemRow]:
        template = load_template()["punkter"]
        numbered = organ.numbered_paragraphs
        if not numbered:
            keep = {"oppnas", "arenden", "ovriga_fragor", "avslutas"}
            template = [t for t in template if t.get("nyckel") in keep]
        officers = self._officers(s, meeting.id)
        chair = s.get(PersonRow, officers["ordforande"][0]).namn if officers.get("ordforande") else ""
        prev = self._previous(s, meeting)
        open_uppdrag = list(
            s.scalars(
                select(UppdragRow)
                .where(UppdragRow.organ_id == organ.id, UppdragRow.status.in_(["oppet", "pagar"]))
                .order_by(UppdragRow.deadline, UppdragRow.id)
            )
        )
        items = self._items(s, meeting.id)
        start = len(items)
        created = []
        for entry in template:
            key = entry.get("nyckel", "")
            if key == "arenden" or "rubrik" not in entry:
                continue
            if entry.get("endast_om") == "oppna_uppdrag" and not open_uppdrag:
                continue
            if any(i.standard == key for i in items):
                continue
            rubrik = entry["rubrik"]
            body = (entry.get("text") or "").replace("{ordforande}", chair).replace("  ", " ")
            clauses = list(entry.get("att", []))
            if key == "foregaende_protokoll":
                if prev is None:
                    continue
                rubrik = foregaende_rubrik(prev.datum)
                clauses = [foregaende_clause(prev.datum, organ.kind)]
            if key == "uppfoljning_uppdrag":
                lines = []
                for u in open_uppdrag:
                    who = u.ansvarig or (s.get(PersonRow, u.ansvarig_person_id).namn if u.ansvarig_person_id else "")
                    when = f", senast {u.deadline.isoformat()}" if u.deadline else ""
                    lines.append(f"– {u.beskrivning} ({who}{when}; {UppdragStatus(u.status).label.lower()})")
                body = "Öppna uppdrag från styrelsen:\n" + "\n".join(lines)
            item = ItemRow(
                meeting_id=meeting.id,
                position=start + len(created) + 1,
                rubrik=rubrik,
                kind=ItemKind(entry.get("typ", "information")).value,
                standard=key,
                text=body,
            )
            s.add(item)
            s.flush()
            for i, c in enumerate(clauses):
                s.add(DecisionClause(agenda_item_id=item.id, part_id=None, position=i + 1, text=normalize_clause(c)))
            if key == "foregaende_protokoll" and prev is not None:
                b = BilagaRow(
                    meeting_id=meeting.id,
                    titel=f"Protokoll från sammanträdet {prev.datum.isoformat()}",
                    filnamn=f"protokoll-{prev.datum.isoformat()}.pdf",
                    mimetyp="application/pdf",
                    storlek=0,
                    sha256="",
                    data=None,
                    source_meeting_id=prev.id,
                    created_at=clock.now(),
                )
                s.add(b)
                s.flush()
                s.add(BilagaRefRow(agenda_item_id=item.id, bilaga_id=b.id, position=1))
            created.append(item)
        s.flush()
        # Template order: standard items in template order, ärenden kept before the trailing items.
        order = [t.get("nyckel") for t in template]
        all_items = self._items(s, meeting.id)

        def sort_key(it: ItemRow):
            if it.standard in order:
                idx = order.index(it.standard)
            else:
                idx = order.index("arenden") if "arenden" in order else len(order)
            return (idx, it.position)

        all_items.sort(key=sort_key)
        self._set_positions(s, all_items)
        self._renumber_meeting(s, meeting)
        self._index(s, [i.id for i in created])
        return created

    def create_agenda_from_template(self, meeting_id: int) -> list[AgendaItem]:
        with self.db.session() as s:
            row = self._editable_meeting(s, meeting_id)
            organ = s.get(OrganRow, row.organ_id)
            if not s.scalar(select(func.count()).select_from(AttendanceRow).where(AttendanceRow.meeting_id == row.id)):
                self._prefill(s, row, organ)
            self._agenda_from_template(s, row, organ)
            record(s, "dagordning skapad från mall", "meeting", row.id)
            is_styrelse = organ.kind == "styrelse"
        if is_styrelse:
            self._add_delegationsbeslut(meeting_id)
        return self.list_items(meeting_id)

    def list_items(self, meeting_id: int) -> list[AgendaItem]:
        with self.db.session() as s:
            meeting = self._meeting(s, meeting_id)
            self._heal(s, meeting)
            ctx = self._ctx(s, meeting)
            return [self._item_dto(ctx, i) for i in ctx.items]

    def get_item(self, item_id: int) -> AgendaItem:
        with self.db.session() as s:
            item = self._item(s, item_id)
            return self._dto_for(s, item)

    def _dto_for(self, s: Session, item: ItemRow) -> AgendaItem:
        s.flush()
        ctx = self._ctx(s, self._meeting(s, item.meeting_id))
        return self._item_dto(ctx, next(i for i in ctx.items if i.id == item.id))

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
            meeting = self._editable_meeting(s, meeting_id)
            items = self._items(s, meeting.id)
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
            self._set_positions(s, items)
            self._renumber_meeting(s, meeting)
            self._index(s, [item.id])
            record(s, "punkt tillagd", "agenda_item", item.id, rubrik)
            return self._dto_for(s, item)

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
            meeting = self._editable_meeting(s, meeting_id)
            items = self._items(s, meeting.id)

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
            self._set_positions(s, items)
            self._renumber_meeting(s, meeting)
            self._index(s, [item.id])
            record(s, "punkt återställd", "agenda_item", item.id, item.rubrik)
            return self._dto_for(s, item)

    def update_item(self, item_id: int, **fields) -> AgendaItem:
        with self.db.session() as s:
            item, _meeting = self._editable_item(s, item_id)
            self._apply_item_fields(s, item, fields)
            self._index(s, [item.id])
            record(s, "punkt ändrad", "agenda_item", item.id, ", ".join(sorted(fields)))
            return self._dto_for(s, item)

    def update_item_rubrik(self, item_id: int, text_: str) -> None:
        """Autosave of the rubrik field."""
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            item.rubrik = validate_rubrik(text_)
            self._index(s, [item.id])

    def update_paragraph_text(self, item_id: int, text_: str) -> None:
        """Autosave of the § text as the user types."""
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            item.text = text_ or ""
            self._index(s, [item.id])

    def update_item_field(self, item_id: int, field: str, value) -> None:
        """Autosave of one field (foredragande, arendebeskrivning, forslag_till_beslut, ...)."""
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            self._apply_item_fields(s, item, {field: value})
            self._index(s, [item.id])

    def delete_item(self, item_id: int) -> DeletedItem:
        """Remove a § with its att-satser, delpunkter, jäv, omröstning, reservationer, bilaga references and the
        uppdrag given at it; returns all of it for ``restore_item`` (undo)."""
        with self.db.session() as s:
            item, meeting = self._editable_item(s, item_id)
            self._heal(s, meeting)
            snapshot = self._dto_for(s, item)
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
            self._set_positions(s, self._items(s, meeting.id))
            self._renumber_meeting(s, meeting)
            detail = f"{rubrik} ({len(uppdrag)} uppdrag)" if uppdrag else rubrik
            record(s, "punkt borttagen", "agenda_item", item_id, detail)
            return deleted

    def move_item(self, item_id: int, to_position: int | None = None, *, delta: int | None = None) -> list[AgendaItem]:
        """Move to a 1-based position (or by ``delta`` steps); § numbers follow until locked."""
        with self.db.session() as s:
            item, meeting = self._editable_item(s, item_id)
            items = self._items(s, meeting.id)
            old = item.position
            if delta is not None:
                to_position = old + delta
            if to_position is None:
                raise ValueError("to_position or delta is required")
            items.remove(item)
            items.insert(max(0, min(len(items), to_position - 1)), item)
            self._set_positions(s, items)
            self._renumber_meeting(s, meeting)
            record(s, "punkt flyttad", "agenda_item", item.id, f"{old} → {item.position}")
            ctx = self._ctx(s, meeting)
            return [self._item_dto(ctx, i) for i in ctx.items]

    def move_item_up(self, item_id: int) -> list[AgendaItem]:
        return self.move_item(item_id, delta=-1)

    def move_item_down(self, item_id: int) -> list[AgendaItem]:
        return self.move_item(item_id, delta=1)

    def strike_item(self, item_id: int, motivering: str) -> AgendaItem:
        """The item utgår: it keeps its § and the reason is recorded (the seed's § 111)."""
        motivering = _clean(motivering)
        if not motivering:
            raise ValidationError("ange varför punkten stryks.", "Motivering")
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            item.utgar, item.utgar_motivering = True, motivering
            self._index(s, [item.id])
            record(s, "punkt struken", "agenda_item", item.id, motivering)
            return self._dto_for(s, item)

    def unstrike_item(self, item_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            item.utgar, item.utgar_motivering = False, ""
            self._index(s, [item.id])
            record(s, "punkt återinsatt", "agenda_item", item.id)
            return self._dto_for(s, item)

    # ------------------------------------------------------------ att-satser and delpunkter
    def add_clause(self, item_id: int, text_: str, part_id: int | None = None, position: int | None = None) -> Clause:
        text_ = normalize_clause(text_)
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            if part_id is not None:
                part = s.get(ParagraphPart, part_id)
                if part is None or part.agenda_item_id != item.id:
                    raise ValidationError("delpunkten hör inte till paragrafen.", "Delpunkt")
            siblings = list(
                s.scalars(
                    select(DecisionClause)
                    .where(
                        DecisionClause.agenda_item_id == item.id,
                        DecisionClause.part_id.is_(None) if part_id is None else DecisionClause.part_id == part_id,
                    )
                    .order_by(DecisionClause.position, DecisionClause.id)
                )
            )
            row = DecisionClause(agenda_item_id=item.id, part_id=part_id, position=0, text=text_)
            s.add(row)
            idx = len(siblings) if position is None else max(0, min(len(siblings), position - 1))
            siblings.insert(idx, row)
            for i, c in enumerate(siblings):
                c.position = i + 1
            s.flush()
            self._index(s, [item.id])
            record(s, "att-sats tillagd", "agenda_item", item.id, text_[:80])
            return Clause(row.id, item.id, part_id or 0, row.position, row.text, None)

    def _clause(self, s: Session, clause_id: int) -> tuple[DecisionClause, ItemRow]:
        row = s.get(DecisionClause, clause_id)
        if row is None:
            raise NotFoundError("Att-satsen finns inte.")
        item, _m = self._editable_item(s, row.agenda_item_id)
        return row, item

    def update_clause_text(self, clause_id: int, text_: str) -> None:
        with self.db.session() as s:
            row, item = self._clause(s, clause_id)
            row.text = normalize_clause(text_)
            self._index(s, [item.id])

    def remove_clause(self, clause_id: int) -> None:
        with self.db.session() as s:
            row, item = self._clause(s, clause_id)
            s.delete(row)
            self._index(s, [item.id])
            record(s, "att-sats borttagen", "agenda_item", item.id)

    def move_clause(self, clause_id: int, to_position: int) -> None:
        with self.db.session() as s:
            row, item = self._clause(s, clause_id)
            siblings = list(
                s.scalars(
                    select(DecisionClause)
                    .where(
                        DecisionClause.agenda_item_id == item.id,
                        DecisionClause.part_id.is_(None)
                        if row.part_id is None
                        else DecisionClause.part_id == row.part_id,
                    )
                    .order_by(DecisionClause.position, DecisionClause.id)
                )
            )
            siblings.remove(row)
            siblings.insert(max(0, min(len(siblings), to_position - 1)), row)
            for i, c in enumerate(siblings):
                c.position = i + 1

    def apply_forslag(self, item_id: int) -> AgendaItem:
        """Turn the förslag till beslut into the § att-satser (replacing the main ones)."""
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            clauses = clauses_from_forslag(item.forslag_till_beslut)
            if not clauses:
                raise ValidationError("punkten har inget förslag till beslut.", "Förslag till beslut")
            s.execute(
                delete(DecisionClause).where(DecisionClause.agenda_item_id == item.id, DecisionClause.part_id.is_(None))
            )
            for i, c in enumerate(clauses):
                s.add(DecisionClause(agenda_item_id=item.id, part_id=None, position=i + 1, text=c))
            self._index(s, [item.id])
            record(s, "förslag till beslut infört", "agenda_item", item.id)
            return self._dto_for(s, item)

    def add_part(self, item_id: int, rubrik: str = "", text_: str = "") -> Part:
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            pos = (
                s.scalar(select(func.max(ParagraphPart.position)).where(ParagraphPart.agenda_item_id == item.id)) or 0
            ) + 1
            row = ParagraphPart(agenda_item_id=item.id, position=pos, rubrik=_clean(rubrik), text=text_ or "")
            s.add(row)
            s.flush()
            self._index(s, [item.id])
            return Part(row.id, item.id, row.position, row.rubrik, row.text, ())

    def update_part(self, part_id: int, *, rubrik: str | None = None, text: str | None = None) -> Part:
        with self.db.session() as s:
            row = s.get(ParagraphPart, part_id)
            if row is None:
                raise NotFoundError("Delpunkten finns inte.")
            item, _m = self._editable_item(s, row.agenda_item_id)
            if rubrik is not None:
                row.rubrik = _clean(rubrik)
            if text is not None:
                row.text = text
            self._index(s, [item.id])
            clauses = s.scalars(
                select(DecisionClause).where(DecisionClause.part_id == row.id).order_by(DecisionClause.position)
            )
            return Part(
                row.id,
                item.id,
                row.position,
                row.rubrik,
                row.text,
                tuple(Clause(c.id, item.id, row.id, c.position, c.text) for c in clauses),
            )

    def remove_part(self, part_id: int) -> None:
        with self.db.session() as s:
            row = s.get(ParagraphPart, part_id)
            if row is None:
                raise NotFoundError("Delpunkten finns inte.")
            item, _m = self._editable_item(s, row.agenda_item_id)
            s.delete(row)
            self._index(s, [item.id])

    # ------------------------------------------------------------ jäv, omröstning, reservation
    def set_jav(self, item_id: int, person_id: int, kind: JavKind | str) -> JavNote:
        kind = JavKind(kind)
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
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
            self._editable_item(s, row.agenda_item_id)
            s.delete(row)
            record(s, "jäv borttaget", "agenda_item", row.agenda_item_id)

    def apply_jav_proposals(self, item_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            dto = self._dto_for(s, item)
            have = {j.person_id for j in dto.jav}
            for p in dto.jav_proposals:
                if p.person_id not in have:
                    s.add(JavNoteRow(agenda_item_id=item.id, person_id=p.person_id, kind=p.kind.value))
            s.flush()
            record(s, "föreslaget jäv infört", "agenda_item", item.id)
            return self._dto_for(s, item)

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
            item, _m = self._editable_item(s, item_id)
            row = s.scalar(select(VoteRow).where(VoteRow.agenda_item_id == item.id))
            if row is None:
                row = VoteRow(agenda_item_id=item.id)
                s.add(row)
                s.flush()
            s.execute(delete(VoteCastRow).where(VoteCastRow.vote_id == row.id))
            row.proposition, row.sluten = _clean(proposition), bool(sluten)
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
            return self._dto_for(s, item).vote

    def clear_vote(self, item_id: int) -> None:
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            s.execute(delete(VoteRow).where(VoteRow.agenda_item_id == item.id))

    def add_reservation(self, item_id: int, person_id: int, motivering: str = "") -> Reservation:
        with self.db.session() as s:
            item, _m = self._editable_item(s, item_id)
            person = s.get(PersonRow, person_id)
            if person is None:
                raise ValidationError("personen finns inte.", "Reservation")
            if s.scalar(
                select(ReservationRow).where(
                    ReservationRow.agenda_item_id == item.id, ReservationRow.person_id == person_id
                )
            ):
                raise ValidationError(f"{person.namn} har redan reserverat sig.", "Reservation")
            row = ReservationRow(agenda_item_id=item.id, person_id=person_id, motivering=_clean(motivering))
            s.add(row)
            s.flush()
            record(s, "reservation antecknad", "agenda_item", item.id, person.namn)
            return Reservation(row.id, item.id, person_id, person.namn, row.motivering)

    def remove_reservation(self, reservation_id: int) -> None:
        with self.db.session() as s:
            row = s.get(ReservationRow, reservation_id)
            if row is None:
                raise NotFoundError("Reservationen finns inte.")
            self._editable_item(s, row.agenda_item_id)
            s.delete(row)

    # ------------------------------------------------------------ bilagor
    def add_bilaga(self, meeting_id: int, titel: str, filnamn: str, data: bytes, item_id: int | None = None) -> Bilaga:
        titel = _clean(titel) or _clean(filnamn)
        if not titel:
            raise ValidationError("ange en titel.", "Bilaga")
        size = len(data or b"")
        if size > BILAGA_MAX_BYTES:
            raise ValidationError(
                f"filen {filnamn} är {size / 1024 / 1024:.1f} MB; en bilaga får vara högst "
                f"{BILAGA_MAX_BYTES // 1024 // 1024} MB. Dela upp den eller spara en mindre PDF.",
                "Bilaga",
            )
        with self.db.session() as s:
            meeting = self._editable_meeting(s, meeting_id)
            mimetype = mimetypes.guess_type(filnamn)[0] or "application/octet-stream"
            row = BilagaRow(
                meeting_id=meeting.id,
                titel=titel[:300],
                filnamn=_clean(filnamn)[:255],
                mimetyp=mimetype,
                storlek=size,
                sha256=hashlib.sha256(data or b"").hexdigest(),
                data=data or b"",
                source_meeting_id=None,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            if item_id is not None:
                self._attach(s, meeting, item_id, row.id)
            record(s, "bilaga tillagd", "bilaga", row.id, f"{titel} ({size} byte)")
            ctx = self._ctx(s, meeting)
            return self._bilaga_dto(ctx, row)

    def _attach(self, s: Session, meeting: MeetingRow, item_id: int, bilaga_id: int) -> None:
        item = self._item(s, item_id)
        bilaga = s.get(BilagaRow, bilaga_id)
        if bilaga is None:
            raise NotFoundError("Bilagan finns inte.")
        if item.meeting_id != meeting.id or bilaga.meeting_id != meeting.id:
            raise ValidationError("bilagan och punkten hör till olika sammanträden.", "Bilaga")
        if s.scalar(
            select(BilagaRefRow).where(BilagaRefRow.agenda_item_id == item.id, BilagaRefRow.bilaga_id == bilaga_id)
        ):
            return
        pos = (s.scalar(select(func.max(BilagaRefRow.position)).where(BilagaRefRow.agenda_item_id == item.id)) or 0) + 1
        s.add(BilagaRefRow(agenda_item_id=item.id, bilaga_id=bilaga_id, position=pos))
        s.flush()

    def attach_bilaga(self, item_id: int, bilaga_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, meeting = self._editable_item(s, item_id)
            self._attach(s, meeting, item_id, bilaga_id)
            return self._dto_for(s, item)

    def detach_bilaga(self, item_id: int, bilaga_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, _meeting = self._editable_item(s, item_id)
            s.execute(
                delete(BilagaRefRow).where(BilagaRefRow.agenda_item_id == item.id, BilagaRefRow.bilaga_id == bilaga_id)
            )
            return self._dto_for(s, item)

    def rename_bilaga(self, bilaga_id: int, titel: str) -> Bilaga:
        titel = _clean(titel)
        if not titel:
            raise ValidationError("titeln får inte vara tom.", "Bilaga")
        with self.db.session() as s:
            row = s.get(BilagaRow, bilaga_id)
            if row is None:
                raise NotFoundError("Bilagan finns inte.")
            meeting = self._editable_meeting(s, row.meeting_id)
            row.titel = titel[:300]
            s.flush()
            return self._bilaga_dto(self._ctx(s, meeting), row)

    def remove_bilaga(self, bilaga_id: int) -> None:
        with self.db.session() as s:
            row = s.get(BilagaRow, bilaga_id)
            if row is None:
                raise NotFoundError("Bilagan finns inte.")
            self._editable_meeting(s, row.meeting_id)
            s.delete(row)
            record(s, "bilaga borttagen", "bilaga", bilaga_id, row.titel)

    def list_bilagor(self, meeting_id: int) -> list[Bilaga]:
        with self.db.session() as s:
            ctx = self._ctx(s, self._meeting(s, meeting_id))
            return [self._bilaga_dto(ctx, b) for b in ctx.bilagor]

    def bilaga_bytes(self, bilaga_id: int) -> tuple[str, bytes]:
        with self.db.session() as s:
            row = s.get(BilagaRow, bilaga_id)
            if row is None:
                raise NotFoundError("Bilagan finns inte.")
            if row.source_meeting_id is None:
                return row.filnamn, row.data or b""
            source, filnamn = row.source_meeting_id, row.filnamn
        return filnamn, protocol_pdf_bytes_for(self, source)

    @staticmethod
    def bilaga_token(bilaga_id: int) -> str:
        return bilaga_token(bilaga_id)

    # ------------------------------------------------------------ uppdrag
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
        beskrivning = _clean(beskrivning)
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
                item = self._item(s, item_id)
                organ_id = s.get(MeetingRow, item.meeting_id).organ_id
            organ = self._organ(s, organ_id)
            if ansvarig_person_id is not None and s.get(PersonRow, ansvarig_person_id) is None:
                raise ValidationError("personen finns inte.", "Ansvarig")
            row = UppdragRow(
                organ_id=organ.id,
                agenda_item_id=item_id,
                clause_id=clause_id,
                beskrivning=beskrivning,
                ansvarig_person_id=ansvarig_person_id,
                ansvarig=_clean(ansvarig),
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
                if not _clean(fields["beskrivning"]):
                    raise ValidationError("beskriv uppdraget.", "Uppdrag")
                row.beskrivning = _clean(fields["beskrivning"])
            if "ansvarig_person_id" in fields:
                row.ansvarig_person_id = fields["ansvarig_person_id"]
            if "ansvarig" in fields:
                row.ansvarig = _clean(fields["ansvarig"])
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

    # ------------------------------------------------------------ standard phrases
    def _seed_phrases(self, s: Session) -> None:
        if s.get(Setting, PHRASES_SEEDED_KEY) is not None:
            return
        for i, p in enumerate(_load_phrases()):
            s.add(StandardPhraseRow(kategori=p.get("kategori", ""), text=p["text"], position=i + 1))
        s.add(Setting(key=PHRASES_SEEDED_KEY, value="true"))
        s.flush()

    def list_phrases(self) -> list[StandardPhrase]:
        with self.db.session() as s:
            if not self.db.read_only:
                self._seed_phrases(s)
            rows = s.scalars(
                select(StandardPhraseRow).order_by(
                    StandardPhraseRow.kategori, StandardPhraseRow.position, StandardPhraseRow.id
                )
            )
            return [StandardPhrase(r.id, r.kategori, r.text, r.position) for r in rows]

    def save_phrase(self, phrase: StandardPhrase) -> StandardPhrase:
        text_ = _clean(phrase.text)
        if not text_:
            raise ValidationError("frasen får inte vara tom.", "Standardfras")
        with self.db.session() as s:
            self._seed_phrases(s)
            row = s.get(StandardPhraseRow, phrase.id) if phrase.id else None
            if row is None:
                pos = (s.scalar(select(func.max(StandardPhraseRow.position))) or 0) + 1
                row = StandardPhraseRow(position=pos)
                s.add(row)
            row.kategori, row.text = _clean(phrase.kategori), text_
            s.flush()
            return StandardPhrase(row.id, row.kategori, row.text, row.position)

    def remove_phrase(self, phrase_id: int) -> None:
        with self.db.session() as s:
            row = s.get(StandardPhraseRow, phrase_id)
            if row is None:
                raise NotFoundError("Frasen finns inte.")
            s.delete(row)

    # ------------------------------------------------------------ numbering start
    def series_start(self, organ_id: int, year: int) -> int:
        with self.db.session() as s:
            return self._series_start(s, organ_id, year)

    def set_series_start(self, organ_id: int, year: int, first_number: int) -> None:
        """A förbund starting mid-year sets the next § number once (before anything is locked)."""
        if first_number < 1:
            raise ValidationError("måste vara minst 1.", "Första §-nummer")
        with self.db.session() as s:
            organ = self._organ(s, organ_id)
            locked = s.scalar(
                select(func.count())
                .select_from(MeetingRow)
                .where(
                    MeetingRow.organ_id == organ.id,
                    MeetingRow.datum >= date(year, 1, 1),
                    MeetingRow.datum <= date(year, 12, 31),
                    MeetingRow.status.in_([st.value for st in MeetingStatus if is_locked(st)]),
                )
            )
            if locked:
                raise ValidationError(
                    f"{organ.namn} har redan låsta protokoll {year}; numreringen kan inte längre ändras.",
                    "Första §-nummer",
                )
            row = s.scalar(select(SeriesStartRow).where(SeriesStartRow.organ_id == organ.id, SeriesStartRow.ar == year))
            if row is None:
                row = SeriesStartRow(organ_id=organ.id, ar=year, first_number=first_number)
                s.add(row)
            row.first_number = first_number
            s.flush()
            self._renumber(s, organ.id, year)
            record(s, "§-numrering startvärde", "organ", organ.id, f"{year}: § {first_number}")

    # ------------------------------------------------------------ search
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query or "").split() if w]
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        with self.db.session() as s:
            rows = s.execute(
                text(
                    "SELECT f.rowid, snippet(fts_paragraph, -1, '', '', ' … ', 14) AS snip "
                    "FROM fts_paragraph f WHERE fts_paragraph MATCH :q ORDER BY rank LIMIT :n"
                ),
                {"q": match, "n": limit},
            ).all()
            if not rows:
                return []
            ids = [r[0] for r in rows]
            items = {i.id: i for i in s.scalars(select(ItemRow).where(ItemRow.id.in_(ids)))}
            meetings = {
                m.id: m
                for m in s.scalars(select(MeetingRow).where(MeetingRow.id.in_({i.meeting_id for i in items.values()})))
            }
            organs = {o.id: o for o in s.scalars(select(OrganRow))}
            hits = []
            order = {}
            for item_id, snip in rows:
                item = items.get(item_id)
                if item is None:
                    continue
                m = meetings[item.meeting_id]
                organ = organs[m.organ_id]
                label = (
                    f"§ {item.paragraph_number}"
                    if organ.numbered_paragraphs and item.paragraph_number
                    else f"punkt {item.position}"
                )
                hits.append(
                    SearchHit(
                        m.id,
                        item.id,
                        m.datum,
                        organ.namn,
                        label,
                        item.rubrik,
                        " ".join(snip.split()),
                        MeetingStatus(m.status),
                    )
                )
                order[item.id] = (-m.datum.toordinal(), item.paragraph_number or 0, item.position)
            # The best matches (by FTS rank) are shown newest first, in § order within a meeting.
            hits.sort(key=lambda h: order[h.item_id])
            return hits

    # ------------------------------------------------------------ documents
    def protocol_document(self, meeting_id: int) -> ProtocolDocument:
        with self.db.session() as s:
            meeting = self._meeting(s, meeting_id)
            self._heal(s, meeting)
            ctx = self._ctx(s, meeting)
            forbund = s.get(ForbundRow, 1)
            items = [self._item_dto(ctx, i) for i in ctx.items]
            attendees = [self._attendee_dto(ctx, a) for a in ctx.attendance if a.narvarande]
            sections = []
            for roll in AttendanceRole:
                lines = []
                for a in attendees:
                    if a.roll is not roll:
                        continue
                    note = a.range_text
                    if roll is AttendanceRole.TJANSTGORANDE and a.ersatter_namn:
                        note = f"(ersätter {a.ersatter_namn})" + (f" {note}" if note else "")
                    lines.append(AttendanceLine(a.namn, a.organisation, note))
                if lines:
                    sections.append(AttendanceSection(roll.label, tuple(lines)))
            numbers = ctx.bilaga_numbers
            paragraphs = []
            for it in items:
                paragraphs.append(
                    ProtocolParagraph(
                        number=it.number if ctx.organ.numbered_paragraphs else None,
                        label=it.label,
                        rubrik=it.rubrik,
                        bilaga_ref=it.bilaga_ref_text,
                        text=render_bilaga_tokens(it.text, numbers),
                        jav=tuple(j.sentence for j in it.jav),
                        clauses=tuple(render_bilaga_tokens(c.text, numbers) for c in it.clauses),
                        parts=tuple(
                            ProtocolPart(
                                p.rubrik,
                                render_bilaga_tokens(p.text, numbers),
                                tuple(render_bilaga_tokens(c.text, numbers) for c in p.clauses),
                            )
                            for p in it.parts
                        ),
                        vote=it.vote.summary if it.vote else "",
                        reservations=tuple(r.sentence for r in it.reservations),
                        utgar=it.utgar,
                        utgar_motivering=it.utgar_motivering,
                        justeras_omedelbart=it.justeras_omedelbart,
                    )
                )
            officers = self._officers(s, meeting.id)
            name = ctx.person_name
            numbered = [i.paragraph_number for i in ctx.items if i.paragraph_number is not None]
            if ctx.organ.kind == "styrelse":
                heading = "Sammanträdesprotokoll från styrelsemöte"
            elif ctx.organ.numbered_paragraphs:
                heading = f"Sammanträdesprotokoll – {ctx.organ.namn.lower()}"
            else:
                heading = f"Minnesanteckningar från {ctx.organ.namn.lower()}"
            return ProtocolDocument(
                meeting_id=meeting.id,
                forbund_namn=forbund.namn if forbund else "",
                organ_namn=ctx.organ.namn,
                heading=heading,
                numbered=ctx.organ.numbered_paragraphs,
                datum=meeting.datum,
                starttid=meeting.starttid,
                sluttid=meeting.sluttid,
                plats=meeting.plats,
                digital=meeting.digital,
                typ=meeting.typ,
                status=meeting.status,
                attendance=tuple(sections),
                first_paragraph=min(numbered) if numbered else None,
                last_paragraph=max(numbered) if numbered else None,
                paragraphs=tuple(paragraphs),
                ordforande=name((officers.get("ordforande") or [None])[0]),
                sekreterare=name((officers.get("sekreterare") or [None])[0]),
                justerare=tuple(name(p) for p in officers.get("justerare", [])),
                bilagor=tuple((numbers[b.id], b.titel) for b in ctx.bilagor),
                forvaringsplats=forbund.forvaringsplats if forbund else "",
                anslagstavla=forbund.anslagstavla if forbund else "",
                beslut_heading=beslut_heading(ctx.organ.namn) if ctx.organ.kind == "styrelse" else "Beslut",
                warnings=tuple(self._warnings(s, ctx, items)),
            )

    def kallelse_document(self, meeting_id: int) -> KallelseDocument:
        with self.db.session() as s:
            meeting = self._meeting(s, meeting_id)
            ctx = self._ctx(s, meeting)
            forbund = s.get(ForbundRow, 1)
            items = []
            for it in (self._item_dto(ctx, i) for i in ctx.items):
                beskrivning = it.arendebeskrivning
                if it.standard == "uppfoljning_uppdrag" or (not beskrivning and it.typ is ItemKind.ANMALAN):
                    beskrivning = it.text
                items.append(
                    KallelseItem(
                        it.position,
                        it.rubrik,
                        it.typ.label,
                        it.foredragande,
                        it.bilaga_ref_text,
                        render_bilaga_tokens(beskrivning, ctx.bilaga_numbers),
                        render_bilaga_tokens(it.forslag_till_beslut, ctx.bilaga_numbers),
                        it.diarienummer,
                        standard=bool(it.standard),
                    )
                )
            mottagare = []
            if ctx.organ.kind == "styrelse":
                styrelse = self._styrelse(s, meeting.datum)
                for seat in styrelse.seats:
                    for p in seat.ledamoter:
                        mottagare.append((p.namn, f"Ledamot, {seat.member.namn}"))
                for seat in styrelse.seats:
                    for p in seat.ersattare:
                        mottagare.append((p.namn, f"Ersättare, {seat.member.namn}"))
            else:
                for a in ctx.attendance:
                    mottagare.append((ctx.person_name(a.person_id), a.organisation))
            officers = self._officers(s, meeting.id)
            sender_id = (officers.get("sekreterare") or [None])[0]
            sender = s.get(PersonRow, sender_id) if sender_id else None
            return KallelseDocument(
                meeting_id=meeting.id,
                forbund_namn=forbund.namn if forbund else "",
                forbund_adress=forbund.postadress if forbund else "",
                organ_namn=ctx.organ.namn,
                typ=MeetingType(meeting.typ).label,
                datum=meeting.datum,
                starttid=meeting.starttid,
                sluttid=meeting.sluttid,
                plats=meeting.plats,
                digital=meeting.digital,
                items=tuple(items),
                bilagor=tuple((ctx.bilaga_numbers[b.id], b.titel) for b in ctx.bilagor),
                mottagare=tuple(mottagare),
                avsandare=sender.namn if sender else "",
                avsandare_titel=sender.titel if sender else "",
                skickad=meeting.kallelse_skickad,
            )

    def protocol_pdf(self, meeting_id: int, draft: bool | None = None) -> bytes:
        from finsam_desktop.reports.sammantraden.protocol import build_protocol_pdf

        doc = self.protocol_document(meeting_id)
        if draft is None:
            # Minnesanteckningar are never justerade; a protocol is a draft until it is justerat.
            draft = doc.numbered and (
                not is_locked(doc.status) or doc.status == MeetingStatus.KLART_FOR_JUSTERING.value
            )
        return build_protocol_pdf(doc, draft=draft)

    def kallelse_pdf(self, meeting_id: int) -> bytes:
        from finsam_desktop.reports.sammantraden.kallelse import build_kallelse_pdf

        return build_kallelse_pdf(self.kallelse_document(meeting_id))


def protocol_pdf_bytes_for(service: SammantradenService, meeting_id: int) -> bytes:
    return service.protocol_pdf(meeting_id)


def protocol_pdf_bytes(services, meeting_id: int) -> bytes:
    """The protocol PDF the CLI exports (draft until justerat). The justering area may replace this
    hook to produce the justerat version with signatures and Bevis/anslag."""
    return services.justering.archive.protocol_pdf(meeting_id)


__all__ = ["SammantradenService", "load_template", "protocol_pdf_bytes"]
