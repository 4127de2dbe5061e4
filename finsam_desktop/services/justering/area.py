"""The Justering area object: what ``services.justering`` returns, one attribute per use case."""

from __future__ import annotations

from finsam_desktop.persistence.database import Database
from finsam_desktop.services.justering.anslag import AnslagService
from finsam_desktop.services.justering.archive import ArchiveService
from finsam_desktop.services.justering.corrections import CorrectionsService
from finsam_desktop.services.justering.omedelbar import OmedelbarService
from finsam_desktop.services.justering.protocol_import import ProtocolImportService
from finsam_desktop.services.justering.publication import PublicationService
from finsam_desktop.services.justering.status import StatusService
from finsam_desktop.services.justering.utdrag import UtdragService
from finsam_desktop.services.justering.workflow import WorkflowService


class JusteringArea:
    """Justering and anslag of protocols, by use case (see the package docstring for what each one does)."""

    def __init__(self, db: Database):
        self.db = db
        self.archive = ArchiveService(db)
        self.workflow = WorkflowService(db, self.archive)
        self.status = StatusService(db)
        self.anslag = AnslagService(db)
        self.omedelbar = OmedelbarService(db)
        self.utdrag = UtdragService(db)
        self.publication = PublicationService(db)
        self.corrections = CorrectionsService(db)
        self.protocol_import = ProtocolImportService(db)
