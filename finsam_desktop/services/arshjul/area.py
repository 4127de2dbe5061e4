"""``services.arshjul``: the årshjul area as its use-case services."""

from __future__ import annotations

from collections.abc import Sequence

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arshjul.categories import CategoriesService
from finsam_desktop.services.arshjul.events import EventsService
from finsam_desktop.services.arshjul.exports import ExportsService
from finsam_desktop.services.arshjul.importer import CalendarImporter
from finsam_desktop.services.arshjul.plan import PlanService
from finsam_desktop.services.arshjul.ports import OccurrenceSource
from finsam_desktop.services.arshjul.standard import StandardYearService
from finsam_desktop.services.arshjul.view import YearViewService


class ArshjulArea:
    """The årshjul's use cases, e.g. ``services.arshjul.events.save_event(...)``. ``occurrence_sources``: the
    port through which higher areas add occurrences (see ``ports.py``)."""

    def __init__(self, db: Database, occurrence_sources: Sequence[OccurrenceSource] = ()):
        self.db = db
        self.view = YearViewService(db, occurrence_sources)
        self.categories = CategoriesService(db)
        self.events = EventsService(db)
        self.standard = StandardYearService(db)
        self.plan = PlanService(db, self.standard)
        self.imports = CalendarImporter(db)
        self.exports = ExportsService(db, self.view)
