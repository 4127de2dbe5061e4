"""The årsredovisning area object: what ``services.arsredovisning`` returns, one attribute per use-case service,
and the two methods the exports call: ``publication(year)`` and ``interim(per)``."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.arsredovisning.publication import Publication
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arsredovisning.books import BooksService
from finsam_desktop.services.arsredovisning.deadlines import DeadlinesService
from finsam_desktop.services.arsredovisning.mapping import MappingService
from finsam_desktop.services.arsredovisning.publish import PublicationService
from finsam_desktop.services.arsredovisning.texts import TextsService


class ArsredovisningArea:
    """E.g. ``services.arsredovisning.books.import_sie(...)``, ``.mapping.save_text(...)``,
    ``.texts.save(...)``, ``.documents.adopt(...)``, ``.publication(2025)``, ``.interim(date(2026, 8, 31))``."""

    def __init__(self, db: Database, forbund, meetings, budget):
        self.db = db
        self.books = BooksService(db, budget.utfall)
        self.mapping = MappingService(db)
        self.texts = TextsService(db, forbund, meetings, budget)
        self.documents = PublicationService(db, forbund, budget, self.texts)
        self.deadlines = DeadlinesService(db)

    def publication(self, year: int) -> Publication:
        return self.documents.publication(year)

    def interim(self, per: date) -> Publication:
        return self.documents.interim(per)
