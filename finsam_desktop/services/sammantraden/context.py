"""Everything needed to describe one meeting's items loaded once (``MeetingCtx``) and the row → DTO converters
that use it: items, attendees, bilagor, beslutförhet, the meeting's warnings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.organisation.model import Beslutforhet
from finsam_desktop.domain.sammantraden.bilagor import (
    BilagaNumber,
    bilaga_reference,
    bilaga_sort_key,
    number_bilagor,
)
from finsam_desktop.domain.sammantraden.items import (
    AgendaItem,
    Attendee,
    Bilaga,
    Clause,
    JavNote,
    Part,
    Reservation,
    Vote,
)
from finsam_desktop.domain.sammantraden.jav import BoardPerson, jav_warning, propose_jav
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind, JavKind, MeetingStatus, Rost
from finsam_desktop.domain.sammantraden.quorum import QuorumPerson, QuorumResult, check_quorum
from finsam_desktop.domain.sammantraden.texts import kallelse_warning, paragraph_range_text
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import ForbundRow, MeetingRow, OrganRow, PersonRow
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
from finsam_desktop.services.organisation.service import read_beslutforhet
from finsam_desktop.services.sammantraden.rows import item_rows, meeting_row, officer_ids, styrelse_on_day


def load_ctx(s: Session, meeting: MeetingRow) -> MeetingCtx:
    organ = s.get(OrganRow, meeting.organ_id)
    items = item_rows(s, meeting.id)
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
    kept = {b.id: b.original_nummer for b in bilagor if b.original_nummer}
    numbers = number_bilagor([refs[i] for i in ids], [b.id for b in bilagor], kept)
    bilagor.sort(key=lambda b: bilaga_sort_key(numbers.get(b.id)))
    attendance = list(
        s.scalars(
            select(AttendanceRow)
            .where(AttendanceRow.meeting_id == meeting.id)
            .order_by(AttendanceRow.position, AttendanceRow.id)
        )
    )
    persons = {p.id: p for p in s.scalars(select(PersonRow))}
    beslutforhet = read_beslutforhet(s)
    ledamot_ids: tuple[int, ...] = ()
    if organ.kind == "styrelse":
        board = styrelse_on_day(s, meeting.datum, persons.values(), beslutforhet)
        ledamot_ids = tuple(p.id for p in board.ledamoter)
    return MeetingCtx(
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
        beslutforhet,
    )


def _span(ctx: MeetingCtx, att: AttendanceRow) -> tuple[bool, int, int]:
    """Present at all, and from and to which item position."""
    pos = ctx.position_of
    lo = pos.get(att.from_item_id, 1) if att.from_item_id else 1
    hi = pos.get(att.to_item_id, 10**6) if att.to_item_id else 10**6
    return bool(att.narvarande), lo, hi


def present_for(ctx: MeetingCtx, att: AttendanceRow, item: ItemRow | None) -> bool:
    span = ctx.spans.get(att.id) or _span(ctx, att)
    if not span[0]:
        return False
    return item is None or span[1] <= item.position <= span[2]


def quorum_for(ctx: MeetingCtx, item: ItemRow | None) -> QuorumResult:
    if ctx.organ.kind != "styrelse":
        return QuorumResult(0, 0, 0, True, f"Beslutförhet prövas inte för {ctx.organ.namn.lower()}.")
    rows = tuple(a for a in ctx.attendance if present_for(ctx, a, item))
    excluded = tuple(j.person_id for j in ctx.jav.get(item.id, [])) if item is not None else ()
    # Most items of a meeting have the same people present and no jäv: each distinct case is checked once.
    known = ctx.__dict__.setdefault("_quorum_cache", {})
    key = (tuple(id(a) for a in rows), excluded)
    if key not in known:
        present = [
            QuorumPerson(a.person_id, ctx.person_name(a.person_id), AttendanceRole(a.roll), a.ersatter_person_id)
            for a in rows
        ]
        known[key] = check_quorum(ctx.ledamot_ids, present, list(excluded), ctx.beslutforhet)
    return known[key]


def clause_dto(ctx: MeetingCtx, c: DecisionClause) -> Clause:
    return Clause(c.id, c.agenda_item_id, c.part_id or 0, c.position, c.text, ctx.uppdrag_by_clause.get(c.id))


def item_dto(ctx: MeetingCtx, item: ItemRow) -> AgendaItem:
    numbered = ctx.organ.numbered_paragraphs
    label = f"§ {item.paragraph_number}" if numbered and item.paragraph_number else f"{item.position}."
    bilaga_ids = tuple(ctx.refs.get(item.id, ()))
    bilaga_numbers = tuple(ctx.bilaga_numbers[b] for b in bilaga_ids)
    jav_rows = ctx.jav.get(item.id, [])
    jav = tuple(JavNote(j.id, item.id, j.person_id, ctx.person_name(j.person_id), JavKind(j.kind)) for j in jav_rows)
    proposals: tuple = ()
    if not item.utgar and item.sokande_member_id is not None:  # only an ansökan has jäv to propose
        board = [
            BoardPerson(a.person_id, ctx.person_name(a.person_id), a.member_id, AttendanceRole(a.roll))
            for a in ctx.attendance
            if present_for(ctx, a, item) and a.roll != AttendanceRole.OVRIG.value
        ]
        proposals = tuple(propose_jav(item.sokande_member_id, board))
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
            tuple(clause_dto(ctx, c) for c in ctx.clauses.get((item.id, p.id), [])),
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
        clauses=tuple(clause_dto(ctx, c) for c in ctx.clauses.get((item.id, None), [])),
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
        quorum=quorum_for(ctx, item) if ctx.organ.kind == "styrelse" and item.kind == ItemKind.BESLUT.value else None,
        vote=vote,
        reservations=tuple(
            Reservation(r.id, item.id, r.person_id, ctx.person_name(r.person_id), r.motivering)
            for r in ctx.reservations.get(item.id, [])
        ),
        version=item.version or 1,
    )


def attendee_dto(ctx: MeetingCtx, a: AttendanceRow) -> Attendee:
    items = ctx.item_by_id
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


def bilaga_dto(ctx: MeetingCtx, b: BilagaRow) -> Bilaga:
    labels = tuple(item_label(ctx, i) for i in ctx.items if b.id in ctx.refs.get(i.id, ()))
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


def item_label(ctx: MeetingCtx, item: ItemRow) -> str:
    if ctx.organ.numbered_paragraphs and item.paragraph_number:
        return f"§ {item.paragraph_number}"
    return f"{item.position}."


def meeting_warnings(s: Session, ctx: MeetingCtx, item_dtos: list[AgendaItem]) -> list[str]:
    m = ctx.meeting
    warnings = []
    forbund = s.get(ForbundRow, 1)
    if m.kallelse_skickad and forbund is not None:
        w = kallelse_warning(m.kallelse_skickad, m.datum, forbund.kallelse_dagar)
        if w:
            warnings.append(w)
    if ctx.organ.kind == "styrelse" and ctx.attendance:
        q = quorum_for(ctx, None)
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
    if ctx.organ.kind == "styrelse" and ctx.items and not officer_ids(s, m.id).get("justerare"):
        if m.status in (MeetingStatus.GENOMFORT.value, MeetingStatus.PROTOKOLL_UTKAST.value):
            warnings.append("Ingen justerare är vald.")
    return warnings


def item_dto_for(s: Session, item: ItemRow) -> AgendaItem:
    s.flush()
    ctx = load_ctx(s, meeting_row(s, item.meeting_id))
    return item_dto(ctx, next(i for i in ctx.items if i.id == item.id))


@dataclass
class MeetingCtx:
    """Everything needed to describe one meeting's items, loaded once."""

    meeting: MeetingRow
    organ: OrganRow
    items: list[ItemRow]
    persons: dict[int, PersonRow]
    parts: dict[int, list[ParagraphPart]]
    clauses: dict[tuple[int, int | None], list[DecisionClause]]
    refs: dict[int, list[int]]
    bilagor: list[BilagaRow]
    bilaga_numbers: dict[int, BilagaNumber]
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

    @cached_property  # asked for every attendance row of every item: computed once per load
    def position_of(self) -> dict[int, int]:
        return {i.id: i.position for i in self.items}

    @cached_property
    def item_by_id(self) -> dict[int, ItemRow]:
        return {i.id: i for i in self.items}

    @cached_property  # present_for asks for every attendance row of every item: read from the rows once
    def spans(self) -> dict[int, tuple[bool, int, int]]:
        return {a.id: _span(self, a) for a in self.attendance}
