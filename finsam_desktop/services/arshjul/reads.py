"""Queries the årshjul use cases share: the categories, a year's events and their occurrence changes,
the meetings of a year, and the expansion of all of it into the year's occurrences."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arshjul.events import Category, EventDef
from finsam_desktop.domain.arshjul.occurrences import MeetingInfo, Occurrence, expand_year
from finsam_desktop.domain.arshjul.overrides import OccurrenceOverride
from finsam_desktop.persistence.models import AuditLog, MeetingRow, OrganRow
from finsam_desktop.persistence.models.arshjul import ArshjulCategory, ArshjulEvent, ArshjulOccurrence
from finsam_desktop.services.arshjul.rows import category_dto, event_dto, forbund_settings, override_dto
from finsam_desktop.services.justering.rows import meeting_deadlines


def list_categories(s: Session) -> list[Category]:
    rows = s.scalars(select(ArshjulCategory).order_by(ArshjulCategory.position, ArshjulCategory.id))
    return [category_dto(r) for r in rows]


def list_meetings(s: Session, year: int) -> list[MeetingInfo]:
    rows = s.execute(
        select(MeetingRow, OrganRow)
        .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
        .where(MeetingRow.datum >= date(year, 1, 1), MeetingRow.datum <= date(year, 12, 31))
        .order_by(MeetingRow.datum, MeetingRow.starttid)
    )
    rows = list(rows)
    # Each logged change of a meeting raises its iCalendar SEQUENCE, so calendars take the new date.
    changes = (
        dict(
            s.execute(
                select(AuditLog.entity_id, func.count())
                .where(AuditLog.entity == "meeting", AuditLog.entity_id.in_([m.id for m, _o in rows]))
                .group_by(AuditLog.entity_id)
            ).all()
        )
        if rows
        else {}
    )
    # The deadlines that follow a meeting are the Justering & anslag area's, from its recorded dates.
    chains = meeting_deadlines(s, [m for m, _o in rows])
    return [
        MeetingInfo(
            m.id,
            o.id,
            o.namn,
            o.kind,
            m.datum,
            m.starttid,
            m.sluttid,
            m.plats,
            m.typ,
            m.status,
            m.anteckning,
            changes.get(m.id, 0),
            chains[m.id],
        )
        for m, o in rows
    ]


def list_events(s: Session, year: int) -> list[EventDef]:
    keys = {c.id: c.key for c in s.scalars(select(ArshjulCategory))}
    rows = s.scalars(select(ArshjulEvent).where(ArshjulEvent.year == year).order_by(ArshjulEvent.id))
    return [event_dto(r, keys[r.category_id]) for r in rows]


def list_overrides(s: Session, event_ids: list[int]) -> list[OccurrenceOverride]:
    if not event_ids:
        return []
    rows = s.scalars(select(ArshjulOccurrence).where(ArshjulOccurrence.event_id.in_(event_ids)))
    return [override_dto(r) for r in rows]


def expand(s: Session, year: int) -> tuple[list[EventDef], list[Occurrence]]:
    """The year's occurrences, plus those of last year's events that fall in this year."""
    settings = forbund_settings(s)
    events = list_events(s, year)
    occurrences = expand_year(year, events, list_overrides(s, [e.id for e in events]), list_meetings(s, year), settings)
    previous = [e for e in list_events(s, year - 1) if e.relative is not None]
    if previous:
        spill = expand_year(
            year - 1,
            list_events(s, year - 1),
            list_overrides(s, [e.id for e in previous]),
            list_meetings(s, year - 1),
            settings,
            spill_only=True,
        )
        occurrences = sorted(occurrences + spill, key=lambda o: (o.date, o.starttid or time(0), o.category, o.title))
    return events, occurrences
