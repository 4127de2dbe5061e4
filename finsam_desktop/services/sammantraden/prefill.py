"""Prefilling a meeting's närvaro from the organ's members on the meeting day."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole
from finsam_desktop.persistence.models import MandateRow, MeetingRow, OrganRow
from finsam_desktop.persistence.models.sammantraden import AttendanceRow, MeetingOfficerRow
from finsam_desktop.services.organisation.service import mandate_dto
from finsam_desktop.services.sammantraden.rows import officer_ids, styrelse_on_day


def prefill_rows(s: Session, meeting: MeetingRow, organ: OrganRow) -> list[AttendanceRow]:
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
        styrelse = styrelse_on_day(s, meeting.datum)
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
    if organ.kind == "styrelse" and not officer_ids(s, meeting.id):
        styrelse = styrelse_on_day(s, meeting.datum)
        if styrelse.ordforande:
            s.add(MeetingOfficerRow(meeting_id=meeting.id, roll="ordforande", person_id=styrelse.ordforande.id))
        sek = [m.person_id for m in mandates if m.role is Role.SEKRETERARE and m.valid_on(meeting.datum)]
        if sek:
            s.add(MeetingOfficerRow(meeting_id=meeting.id, roll="sekreterare", person_id=sek[0]))
        s.flush()
    return added
