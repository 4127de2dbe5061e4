"""Shared lookups of the Sammanträden services: rows by id (raising NotFoundError), the editable-status guard, the
meeting summary DTO, item positions, officers, the previous meeting, the agenda contributors."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, clip
from finsam_desktop.domain.organisation.model import styrelse_on
from finsam_desktop.domain.sammantraden.kinds import MeetingStatus, MeetingType, is_locked
from finsam_desktop.domain.sammantraden.meetings import MeetingSummary
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MandateRow, MeetingRow, MemberRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.sammantraden import MeetingOfficerRow
from finsam_desktop.persistence.writers import serialize_writes
from finsam_desktop.services.concurrency import check_field
from finsam_desktop.services.organisation.service import mandate_dto, member_dto, person_dto, read_beslutforhet
from finsam_desktop.services.sammantraden.ports import AgendaContributor


def meeting_row(s: Session, meeting_id: int) -> MeetingRow:
    row = s.get(MeetingRow, meeting_id)
    if row is None:
        raise NotFoundError(f"Sammanträdet med id {meeting_id} finns inte.")
    return row


def item_row(s: Session, item_id: int) -> ItemRow:
    row = s.get(ItemRow, item_id)
    if row is None:
        raise NotFoundError(f"Punkten med id {item_id} finns inte.")
    return row


def editable(row: MeetingRow) -> MeetingRow:
    if is_locked(row.status):
        raise ImmutableRecordError(
            f"Sammanträdet {row.datum.isoformat()} har status ”{MeetingStatus(row.status).label.lower()}” "
            "och kan inte längre ändras här."
        )
    return row


def editable_meeting(s: Session, meeting_id: int) -> MeetingRow:
    """The meeting, which the caller is about to change: first wait for the other writers (a server database),
    so everything read from here on is what they committed."""
    serialize_writes(s)
    return editable(meeting_row(s, meeting_id))


def editable_item(s: Session, item_id: int) -> tuple[ItemRow, MeetingRow]:
    serialize_writes(s)
    item = item_row(s, item_id)
    return item, editable(meeting_row(s, item.meeting_id))


def item_what(item: ItemRow) -> str:
    """How a conflict message names the §: "§ 12", or "punkt 3 ”Rubrik”" in an unnumbered organ."""
    if item.paragraph_number:
        return f"§ {item.paragraph_number}"
    return f"punkt {item.position} ”{clip(item.rubrik, 40)}”"


def check_item_field(s: Session, item: ItemRow, target, field: str, expected: str | None) -> int:
    """Optimistic locking of one text field of a § (or of its att-sats/delpunkt ``target``)."""
    return check_field(s, item, target, field, expected, item_what(item))


def organ_row(s: Session, organ_id: int | None) -> OrganRow:
    if organ_id is None:
        row = s.scalar(select(OrganRow).where(OrganRow.kind == "styrelse").order_by(OrganRow.id))
    else:
        row = s.get(OrganRow, organ_id)
    if row is None:
        raise NotFoundError("Organet finns inte.")
    return row


def item_rows(s: Session, meeting_id: int) -> list[ItemRow]:
    return list(s.scalars(select(ItemRow).where(ItemRow.meeting_id == meeting_id).order_by(ItemRow.position)))


def summary_dto(s: Session, row: MeetingRow, organ: OrganRow | None = None) -> MeetingSummary:
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


def set_positions(s: Session, items: list[ItemRow]) -> None:
    for i, item in enumerate(items):
        item.position = -(i + 1)
    s.flush()
    for i, item in enumerate(items):
        item.position = i + 1
    s.flush()


def styrelse_on_day(s: Session, day: date, person_rows: Iterable[PersonRow] | None = None, beslutforhet=None):
    """The styrelse on ``day``; ``person_rows`` and ``beslutforhet`` when the caller has already read them."""
    members = [member_dto(r) for r in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
    persons = [person_dto(r) for r in (s.scalars(select(PersonRow)) if person_rows is None else person_rows)]
    mandates = [mandate_dto(r) for r in s.scalars(select(MandateRow))]
    return styrelse_on(day, members, persons, mandates, read_beslutforhet(s) if beslutforhet is None else beslutforhet)


def officer_ids(s: Session, meeting_id: int) -> dict[str, list[int]]:
    result: dict[str, list[int]] = defaultdict(list)
    for o in s.scalars(
        select(MeetingOfficerRow)
        .where(MeetingOfficerRow.meeting_id == meeting_id)
        .order_by(MeetingOfficerRow.position, MeetingOfficerRow.id)
    ):
        result[o.roll].append(o.person_id)
    return result


def previous_meeting(s: Session, meeting: MeetingRow) -> MeetingRow | None:
    return s.scalar(
        select(MeetingRow)
        .where(MeetingRow.organ_id == meeting.organ_id, MeetingRow.id != meeting.id)
        .where(
            (MeetingRow.datum < meeting.datum) | ((MeetingRow.datum == meeting.datum) & (MeetingRow.id < meeting.id))
        )
        .order_by(MeetingRow.datum.desc(), MeetingRow.id.desc())
    )


def add_contributed_items(contributors: Sequence[AgendaContributor], meeting_id: int) -> bool:
    """Let the contributing areas add their items to a new styrelse dagordning (the Attest area puts unreported
    delegationsbeslut under "Anmälan av delegationsbeslut", KL 7:8). Runs after the meeting's own transaction
    has committed."""
    added = [contribute(meeting_id) for contribute in contributors]
    return any(item_id is not None for item_id in added)


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


def load_phrases() -> list[dict]:
    return json.loads((resources_dir() / "sammantraden" / "fraser.json").read_text(encoding="utf-8"))["fraser"]


def clean(value: str | None) -> str:
    return (value or "").strip()
