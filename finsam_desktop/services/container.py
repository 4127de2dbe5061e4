"""The services of one open file. The UI and the CLI get everything through this object."""

from __future__ import annotations

from functools import cached_property

from finsam_desktop.persistence.database import Database


class Services:
    def __init__(self, db: Database):
        self.db = db

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @cached_property
    def forbund(self):
        from finsam_desktop.services.forbund import ForbundService

        return ForbundService(self.db)

    @cached_property
    def meetings(self):
        from finsam_desktop.services.sammantraden import SammantradenService

        return SammantradenService(self.db)

    @cached_property
    def justering(self):
        from finsam_desktop.services.justering import JusteringService

        return JusteringService(self.db)

    @cached_property
    def attest(self):
        from finsam_desktop.services.attest import AttestService

        return AttestService(self.db)

    @cached_property
    def internkontroll(self):
        from finsam_desktop.services.internkontroll import InternkontrollService

        return InternkontrollService(self.db)

    @cached_property
    def budget(self):
        from finsam_desktop.services.budget import BudgetService

        return BudgetService(self.db)

    @cached_property
    def arshjul(self):
        from finsam_desktop.services.arshjul import ArshjulService

        return ArshjulService(self.db)

    def close(self) -> None:
        self.db.dispose()
