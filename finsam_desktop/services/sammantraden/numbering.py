"""§ numbering: the continuous series of an organ's year (locked protocols keep their numbers) and the healing
of items other areas inserted."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.sammantraden.kinds import is_locked
from finsam_desktop.domain.sammantraden.numbering import SeriesMeeting, number_series
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MeetingRow, OrganRow
from finsam_desktop.persistence.models.sammantraden import ParagraphNumberRow, SeriesStartRow
from finsam_desktop.persistence.writers import serialize_writes
from finsam_desktop.services.sammantraden.rows import TRAILING_STANDARD, item_rows, set_positions
from finsam_desktop.services.sammantraden.search_index import index_items


def series_start_number(s: Session, organ_id: int, year: int) -> int:
    row = s.scalar(select(SeriesStartRow).where(SeriesStartRow.organ_id == organ_id, SeriesStartRow.ar == year))
    return row.first_number if row else 1


def renumber_series(s: Session, organ_id: int, year: int) -> None:
    """Give every § of the organ's year its continuous number (locked protocols keep theirs). On a server
    database the series is read under the writers' lock, so two users adding §§ at once get distinct numbers
    without gaps."""
    serialize_writes(s)
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
            # Rows this transaction read before it waited for the other writers are read again.
            .execution_options(populate_existing=True)
        )
    )
    items_by_meeting: dict[int, list[ItemRow]] = defaultdict(list)
    if meetings:
        for item in s.scalars(
            select(ItemRow)
            .where(ItemRow.meeting_id.in_([m.id for m in meetings]))
            .order_by(ItemRow.meeting_id, ItemRow.position)
            .execution_options(populate_existing=True)
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
    mapping = number_series(series_start_number(s, organ_id, year), series)
    _store_numbers(s, organ_id, year, unlocked_items, locked_ids, mapping)


def _store_numbers(
    s: Session, organ_id: int, year: int, unlocked: list[ItemRow], locked_ids: list[int], mapping: dict[int, int]
) -> None:
    """Write the numbers that changed, and only those: adding a § at the end of a year of 1 000 §§ writes one
    number, not 1 000 (which matters when several users add §§ at once on a server database). The registry row
    of every unlocked item must say (organ, year, number); rows of items no longer in the series go."""
    wanted = {i.id: (organ_id, year, mapping[i.id]) for i in unlocked}
    keep_ids = set(wanted) | set(locked_ids)
    registry = {
        r.agenda_item_id: r
        for r in s.scalars(
            select(ParagraphNumberRow).where(
                (ParagraphNumberRow.agenda_item_id.in_(list(wanted)))
                | ((ParagraphNumberRow.organ_id == organ_id) & (ParagraphNumberRow.ar == year))
            )
        )
    }
    stale = [
        r.id
        for item_id, r in registry.items()
        if item_id not in keep_ids or (item_id in wanted and (r.organ_id, r.ar, r.nummer) != wanted[item_id])
    ]
    changed = [
        i for i in unlocked if i.paragraph_number != mapping[i.id] or i.id not in registry or registry[i.id].id in stale
    ]
    if stale:
        s.execute(delete(ParagraphNumberRow).where(ParagraphNumberRow.id.in_(stale)))
    for item in changed:
        if item.paragraph_number != mapping[item.id]:
            item.paragraph_number = None
    s.flush()
    for item in changed:
        item.paragraph_number = mapping[item.id]
        s.add(ParagraphNumberRow(organ_id=organ_id, ar=year, nummer=mapping[item.id], agenda_item_id=item.id))
    s.flush()


def renumber_meeting(s: Session, meeting: MeetingRow) -> None:
    renumber_series(s, meeting.organ_id, meeting.datum.year)


def heal(s: Session, meeting: MeetingRow, read_only: bool) -> None:
    """Number items other areas inserted directly (e.g. "Anmälan av delegationsbeslut"): an item
    placed after "Sammanträdet avslutas" moves before the closing standard items."""
    if read_only or is_locked(meeting.status):
        return
    organ = s.get(OrganRow, meeting.organ_id)
    items = item_rows(s, meeting.id)
    if not organ.numbered_paragraphs or all(i.paragraph_number is not None for i in items):
        return
    closing = next((n for n, i in enumerate(items) if i.standard == "avslutas"), None)
    if closing is not None:
        late = [i for i in items[closing + 1 :] if not i.standard]
        if late:
            rest = [i for i in items if i not in late]
            trailing = next((n for n, i in enumerate(rest) if i.standard in TRAILING_STANDARD), len(rest))
            items = rest[:trailing] + late + rest[trailing:]
            set_positions(s, items)
    renumber_meeting(s, meeting)
    index_items(s, [i.id for i in items if i.paragraph_number is not None])
