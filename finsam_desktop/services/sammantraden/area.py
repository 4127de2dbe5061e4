"""The Sammanträden area object: what ``services.meetings`` returns, one attribute per use case."""

from __future__ import annotations

from collections.abc import Sequence

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.sammantraden.agenda import AgendaService
from finsam_desktop.services.sammantraden.attendance import AttendanceService
from finsam_desktop.services.sammantraden.bilagor import BilagorService
from finsam_desktop.services.sammantraden.documents import DocumentsService
from finsam_desktop.services.sammantraden.jav import JavService
from finsam_desktop.services.sammantraden.mail import MailService
from finsam_desktop.services.sammantraden.meetings import MeetingsService
from finsam_desktop.services.sammantraden.paragraphs import ParagraphsService
from finsam_desktop.services.sammantraden.ports import AgendaContributor
from finsam_desktop.services.sammantraden.search import SearchService
from finsam_desktop.services.sammantraden.uppdrag import UppdragService
from finsam_desktop.services.sammantraden.votes import VotesService


class MeetingsArea:
    """Meetings of the förbund's organs and their protocols, by use case.

    ``agenda_contributors`` is the area's port (see ``ports.py``): the use cases that create a styrelse dagordning
    (``meetings.create_meeting``, ``agenda.create_agenda_from_template``) call them once it has committed.
    """

    def __init__(self, db: Database, agenda_contributors: Sequence[AgendaContributor] = ()):
        self.db = db
        self.meetings = MeetingsService(db, agenda_contributors)
        self.agenda = AgendaService(db, agenda_contributors)
        self.paragraphs = ParagraphsService(db)
        self.attendance = AttendanceService(db)
        self.jav = JavService(db)
        self.votes = VotesService(db)
        self.documents = DocumentsService(db)
        self.bilagor = BilagorService(db, self.documents)
        self.mail = MailService(db, self.documents, self.bilagor)
        self.uppdrag = UppdragService(db)
        self.search = SearchService(db)
