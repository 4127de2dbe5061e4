"""The year view: which years there are, the year's occurrences (wheel, agenda, table, kommande 30
dagar) and the month the wheel starts at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.events import EventDef
from finsam_desktop.domain.arshjul.occurrences import Occurrence, YearView
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MeetingRow
from finsam_desktop.persistence.models.arshjul import ArshjulEvent
from finsam_desktop.services.arshjul.ports import DecisionSource, OccurrenceSource
from finsam_desktop.services.arshjul.reads import expand, list_categories
from finsam_desktop.services.arshjul.rows import forbund_settings, get_setting, put_setting

START_MONTH_SETTING = "arshjul.startmanad"


class YearViewService:
    def __init__(
        self, db: Database, sources: Sequence[OccurrenceSource] = (), decisions: Sequence[DecisionSource] = ()
    ):
        self.db = db
        self.sources = tuple(sources)
        self.decisions = tuple(decisions)

    def _with_decisions(self, year: int, events: list[EventDef], occurrences: list[Occurrence]) -> list[Occurrence]:
        """An event that stands for a decision in another area takes its status (and the name of what is decided)
        from that area's data, not from a tick in the Årshjul."""
        said = {}
        for source in self.decisions:
            said.update(source(year))
        if not said:
            return occurrences
        keyed = {e.id: said[e.template_key] for e in events if e.template_key in said}
        out = []
        for o in occurrences:
            d = keyed.get(o.event_id)
            if d is None:
                out.append(o)
                continue
            o = replace(o, status_from=d.reason, status_area=d.area, status_area_name=d.area_name)
            if o.status is Status.INSTALLD:
                out.append(o)
                continue
            title = o.title
            if d.subject and " fastställs" in title:
                title = d.subject + title[title.index(" fastställs") :]
            out.append(replace(o, status=Status.KLAR if d.done else Status.PLANERAD, title=title))
        return out

    def _with_sources(self, year: int, occurrences: list[Occurrence]) -> list[Occurrence]:
        """The year's own occurrences and those the higher areas add through the port, in date order."""
        extra = [o for source in self.sources for o in source(year) if o.date.year == year]
        if not extra:
            return occurrences
        return sorted(occurrences + extra, key=lambda o: (o.date, o.starttid or time(0), o.category, o.title))

    def start_month(self) -> int:
        with self.db.session() as s:
            return int(get_setting(s, START_MONTH_SETTING, 1))

    def set_start_month(self, month: int) -> None:
        if not 1 <= month <= 12:
            raise ValidationError("måste vara 1–12.", "Startmånad")
        with self.db.session() as s:
            put_setting(s, START_MONTH_SETTING, month)

    def years(self) -> list[int]:
        """Years that have events or meetings, plus the current year."""
        with self.db.session() as s:
            ev = set(s.scalars(select(ArshjulEvent.year).distinct()))
            mt = {d.year for d in s.scalars(select(MeetingRow.datum))}
        return sorted(ev | mt | {clock.today().year})

    def year_view(self, year: int) -> YearView:
        """Everything the wheel, the agenda and the table show for ``year``."""
        with self.db.session() as s:
            events, occurrences = expand(s, year)
        occurrences = self._with_sources(year, self._with_decisions(year, events, occurrences))
        with self.db.session() as s:
            warnings = [f"{o.title}: {o.flag_text}" for o in occurrences if o.flag]
            return YearView(
                year,
                tuple(list_categories(s)),
                tuple(occurrences),
                tuple(events),
                int(get_setting(s, START_MONTH_SETTING, 1)),
                tuple(warnings),
                forbund_settings(s),
            )

    def occurrences(self, year: int, start: date | None = None, end: date | None = None) -> list[Occurrence]:
        with self.db.session() as s:
            events, occs = expand(s, year)
        occs = self._with_sources(year, self._with_decisions(year, events, occs))
        return [o for o in occs if (start is None or (o.end or o.date) >= start) and (end is None or o.date <= end)]
