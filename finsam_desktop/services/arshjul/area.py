"""``services.arshjul``: the årshjul area as its use-case services."""

from __future__ import annotations

from collections.abc import Sequence

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arshjul.categories import CategoriesService
from finsam_desktop.services.arshjul.events import EventsService
from finsam_desktop.services.arshjul.exports import ExportsService
from finsam_desktop.services.arshjul.importer import CalendarImporter
from finsam_desktop.services.arshjul.plan import PlanService
from finsam_desktop.services.arshjul.ports import DecisionSource, OccurrenceSource
from finsam_desktop.services.arshjul.standard import StandardYearService
from finsam_desktop.services.arshjul.view import YearViewService


class ArshjulArea:
    """The årshjul's use cases, e.g. ``services.arshjul.events.save_event(...)``. ``occurrence_sources``: the
    port through which higher areas add occurrences; ``decision_sources``: the port through which the areas that
    own a decision give its status to the event standing for it (see ``ports.py``)."""

    def __init__(
        self,
        db: Database,
        occurrence_sources: Sequence[OccurrenceSource] = (),
        decision_sources: Sequence[DecisionSource] = (),
    ):
        self.db = db
        self.view = YearViewService(db, occurrence_sources, decision_sources)
        self.categories = CategoriesService(db)
        self.events = EventsService(db, decision_sources)
        self.standard = StandardYearService(db)
        self.plan = PlanService(db, self.standard)
        self.imports = CalendarImporter(db)
        self.exports = ExportsService(db, self.view)
