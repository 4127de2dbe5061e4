"""The Verksamhet area object: what ``services.verksamhet`` returns."""

from __future__ import annotations

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.verksamhet.aktiviteter import AktiviteterService
from finsam_desktop.services.verksamhet.deltagare import DeltagareService
from finsam_desktop.services.verksamhet.insatser import VerksamhetInsatserService
from finsam_desktop.services.verksamhet.lagesrapport import LagesrapportService
from finsam_desktop.services.verksamhet.plan import PlanService
from finsam_desktop.services.verksamhet.uppfoljning import UppfoljningService


class VerksamhetArea:
    """``services.verksamhet.insatser.list_insatser(year)``, ``.uppfoljning`` (goals, indicators), ``.deltagare``
    (statistics and its import), ``.aktiviteter`` (forum, frukostmöten …), ``.lagesrapport``. ``budget`` is Budget's
    area (the insats rows and their grants are shared with it)."""

    def __init__(self, db: Database, budget=None, meetings=None, internkontroll=None, arshjul=None):
        self.db = db
        self.budget = budget
        self.insatser = VerksamhetInsatserService(db)
        self.uppfoljning = UppfoljningService(db)
        self.deltagare = DeltagareService(db)
        self.aktiviteter = AktiviteterService(db)
        #: The lägesrapport asks Sammanträden's uppdrag register and Intern kontroll's risk analysis (lower areas).
        self.lagesrapport = LagesrapportService(self, meetings, internkontroll)
        self.plan = PlanService(db, budget, arshjul)
