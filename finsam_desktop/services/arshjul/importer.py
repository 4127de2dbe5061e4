"""Importing a list of dates into the årshjul (``datum;organ;typ;beskrivning``, seed 000's Bilaga 1).

Every row is read and validated before anything is written; the events are then written in one transaction.
An event already in the årshjul – same date, category and title – is skipped and counted, so importing the
same list twice does not double it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from finsam_desktop.domain.arshjul.template import parse_calendar_csv, parse_calendar_file
from finsam_desktop.persistence.models.arshjul import ArshjulEvent
from finsam_desktop.services.audit import record

if TYPE_CHECKING:
    from finsam_desktop.services.arshjul.service import ArshjulService


@dataclass(frozen=True)
class CalendarImport:
    imported: int
    skipped: int = 0

    @property
    def message(self) -> str:
        text = f"{self.imported} händelse{'r' if self.imported != 1 else ''} importerade."
        if self.skipped:
            text += f" {self.skipped} fanns redan i årshjulet (samma datum, kategori och rubrik) och hoppades över."
        return text


def import_calendar(service: ArshjulService, data: str | bytes) -> CalendarImport:
    """Text (already decoded) or the file's bytes (any encoding, .csv or .xlsx) → events; all or nothing."""
    events = parse_calendar_file(data) if isinstance(data, bytes) else parse_calendar_csv(data)
    dates = sorted({e.start for e in events if e.start is not None})
    with service.db.session() as s:
        category_ids = {key: service._category_id(s, key) for key in sorted({e.category for e in events})}
        seen: set[tuple[date | None, int, str]] = {
            (row.start_date, row.category_id, row.title.strip())
            for row in s.scalars(select(ArshjulEvent).where(ArshjulEvent.start_date.in_(dates)))
        }
        fresh = []
        for e in events:
            key = (e.start, category_ids[e.category], e.title.strip())
            if key not in seen:
                seen.add(key)
                fresh.append(e)
        for e in fresh:
            row = ArshjulEvent(revision=0)
            service._write(s, row, e)
            s.add(row)
        s.flush()
        result = CalendarImport(len(fresh), len(events) - len(fresh))
        if fresh:
            record(s, "årshjul: lista importerad", "arshjul", None, result.message)
    return result
