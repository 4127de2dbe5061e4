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
        from finsam_desktop.services.organisation.service import ForbundService

        return ForbundService(self.db)

    @cached_property
    def word_template(self):
        from finsam_desktop.services.organisation.word_template import WordTemplateService

        return WordTemplateService(self.db)

    @cached_property
    def meetings(self):
        from finsam_desktop.services.sammantraden.area import MeetingsArea

        # The port of the Sammanträden area, implemented by the Attest area (see services/sammantraden/ports.py).
        return MeetingsArea(
            self.db, agenda_contributors=(lambda meeting_id: self.attest.anmalan.add_anmalan_item(meeting_id),)
        )

    @cached_property
    def justering(self):
        from finsam_desktop.services.justering.area import JusteringArea

        return JusteringArea(self.db)

    @cached_property
    def smtp(self):
        from finsam_desktop.services.organisation.smtp import SmtpService

        return SmtpService(self.db)

    @cached_property
    def arkiv(self):
        from finsam_desktop.services.arkiv import ArkivService

        return ArkivService(self.db)

    @cached_property
    def attest(self):
        from finsam_desktop.services.attest.area import AttestArea

        return AttestArea(self.db)

    @cached_property
    def internkontroll(self):
        from finsam_desktop.services.internkontroll.area import InternkontrollArea

        return InternkontrollArea(self.db)

    @cached_property
    def budget(self):
        from finsam_desktop.services.budget.area import BudgetArea

        return BudgetArea(self.db)

    @cached_property
    def arshjul(self):
        from finsam_desktop.services.arshjul.area import ArshjulArea

        # The ports of the Årshjul area (see services/arshjul/ports.py): Verksamhet's aktiviteter, and the status
        # of the events that stand for a decision in Attest, Intern kontroll and Budget.
        return ArshjulArea(
            self.db,
            occurrence_sources=(lambda year: self.verksamhet.aktiviteter.arshjul_occurrences(year),),
            decision_sources=(
                lambda year: self.attest.arshjul_decisions(year),
                lambda year: self.internkontroll.arshjul_decisions(year),
                lambda year: self.budget.arshjul_decisions(year),
            ),
        )

    @cached_property
    def arsredovisning(self):
        from finsam_desktop.services.arsredovisning.area import ArsredovisningArea

        return ArsredovisningArea(self.db, forbund=self.forbund, meetings=self.meetings, budget=self.budget)

    @cached_property
    def verksamhet(self):
        from finsam_desktop.services.verksamhet.area import VerksamhetArea

        return VerksamhetArea(
            self.db,
            budget=self.budget,
            meetings=self.meetings,
            internkontroll=self.internkontroll,
            arshjul=self.arshjul,
        )

    def close(self) -> None:
        self.db.dispose()
