"""The Verksamhet area object: what ``services.verksamhet`` returns."""

from __future__ import annotations

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.verksamhet.insatser import VerksamhetInsatserService


class VerksamhetArea:
    """``services.verksamhet.insatser.list_insatser(year)`` etc. ``budget`` is Budget's area (the insats rows and
    their grants are shared with it)."""

    def __init__(self, db: Database, budget=None):
        self.db = db
        self.budget = budget
        self.insatser = VerksamhetInsatserService(db)
