"""The årsredovisning's deadlines for the årshjul: the settings (dates the förbundsordning sets) and the events of
a year's årsredovisning derived from them (``domain/arsredovisning/deadlines.py``)."""

from __future__ import annotations

import json

from finsam_desktop.domain.arshjul.events import EventDef
from finsam_desktop.domain.arsredovisning.deadlines import DeadlineSettings, deadline_events
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.services.audit import record

SETTING = "arsredovisning.frister"


class DeadlinesService:
    def __init__(self, db: Database):
        self.db = db

    def settings(self) -> DeadlineSettings:
        with self.db.session() as s:
            row = s.get(Setting, SETTING)
            return DeadlineSettings.parse(json.loads(row.value) if row else None)

    def save_settings(self, dates: dict[str, str]) -> DeadlineSettings:
        parsed = DeadlineSettings.parse(dates)
        with self.db.session() as s:
            row = s.get(Setting, SETTING)
            value = json.dumps(dict(parsed.dates), ensure_ascii=False)
            if row is None:
                s.add(Setting(key=SETTING, value=value))
            else:
                row.value = value
            record(s, "årsredovisningens frister ändrade", "setting", None, value)
        return parsed

    def events(self, year: int) -> list[EventDef]:
        """The events of the årsredovisning for ``year`` (they fall in ``year + 1``)."""
        return deadline_events(year, self.settings())
