"""The Justering area object: what ``services.justering`` returns, one attribute per use case."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from finsam_desktop.persistence.database import Database

if TYPE_CHECKING:
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

    # Each use case's module loads when it is first used: exporting a protocol needs neither the workflow (and
    # through it the Attest area) nor the publication copy.
    def __init__(self, db: Database):
        self.db = db

    @cached_property
    def archive(self) -> ArchiveService:
        from finsam_desktop.services.justering.archive import ArchiveService

        return ArchiveService(self.db)

    @cached_property
    def workflow(self) -> WorkflowService:
        from finsam_desktop.services.justering.workflow import WorkflowService

        return WorkflowService(self.db, self.archive)

    @cached_property
    def status(self) -> StatusService:
        from finsam_desktop.services.justering.status import StatusService

        return StatusService(self.db)

    @cached_property
    def anslag(self) -> AnslagService:
        from finsam_desktop.services.justering.anslag import AnslagService

        return AnslagService(self.db)

    @cached_property
    def omedelbar(self) -> OmedelbarService:
        from finsam_desktop.services.justering.omedelbar import OmedelbarService

        return OmedelbarService(self.db)

    @cached_property
    def utdrag(self) -> UtdragService:
        from finsam_desktop.services.justering.utdrag import UtdragService

        return UtdragService(self.db)

    @cached_property
    def publication(self) -> PublicationService:
        from finsam_desktop.services.justering.publication import PublicationService

        return PublicationService(self.db)

    @cached_property
    def corrections(self) -> CorrectionsService:
        from finsam_desktop.services.justering.corrections import CorrectionsService

        return CorrectionsService(self.db)

    @cached_property
    def protocol_import(self) -> ProtocolImportService:
        from finsam_desktop.services.justering.protocol_import import ProtocolImportService

        return ProtocolImportService(self.db)
