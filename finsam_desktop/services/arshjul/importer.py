"""Importing a list of dates into the årshjul (``datum;organ;typ;beskrivning``, seed 000's Bilaga 1).

Every row is read and validated before anything is written; the events are then written in one transaction.
An event already in the årshjul – same date, category and title – is skipped and counted, so importing the
same list twice does not double it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from finsam_desktop.domain.arshjul.template import parse_calendar_csv, parse_calendar_file
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.arshjul import ArshjulEvent
from finsam_desktop.services.arshjul.writes import category_id, write_event
from finsam_desktop.services.audit import record


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


class CalendarImporter:
    def __init__(self, db: Database):
        self.db = db

    def import_calendar(self, data: str | bytes) -> CalendarImport:
        """Import a list ``datum;organ;typ;beskrivning`` (seed 000's årshjul; text, or a file's bytes in any
        encoding, .csv or .xlsx) as events; all or nothing, events already present are skipped."""
        events = parse_calendar_file(data) if isinstance(data, bytes) else parse_calendar_csv(data)
        dates = sorted({e.start for e in events if e.start is not None})
        with self.db.session() as s:
            category_ids = {key: category_id(s, key) for key in sorted({e.category for e in events})}
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
                write_event(s, row, e)
                s.add(row)
            s.flush()
            result = CalendarImport(len(fresh), len(events) - len(fresh))
            if fresh:
                record(s, "årshjul: lista importerad", "arshjul", None, result.message)
        return result
