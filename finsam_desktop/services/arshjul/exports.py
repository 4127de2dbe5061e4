"""The year as files: iCalendar, the PDF poster and the Excel workbook."""

from __future__ import annotations

from datetime import date

from finsam_desktop import clock
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arshjul.rows import forbund_name
from finsam_desktop.services.arshjul.view import YearViewService


class ExportsService:
    def __init__(self, db: Database, view: YearViewService):
        self.db = db
        self.view = view

    def _forbund_name(self) -> tuple[str, str]:
        with self.db.session() as s:
            return forbund_name(s)

    # The report modules are imported when used: they load reportlab, openpyxl and icalendar.
    def export_ics(self, year: int) -> bytes:
        from finsam_desktop.reports.arshjul.ics import build_ics

        namn, orgnr = self._forbund_name()
        return build_ics(self.view.year_view(year), namn, orgnr)

    def export_pdf(self, year: int, pagesize: str = "A3", today: date | None = None) -> bytes:
        from finsam_desktop.reports.arshjul.poster import build_poster_pdf

        namn, _ = self._forbund_name()
        return build_poster_pdf(self.view.year_view(year), namn, pagesize=pagesize, today=today or clock.today())

    def export_xlsx(self, year: int) -> bytes:
        from finsam_desktop.reports.arshjul.xlsx import build_xlsx

        namn, _ = self._forbund_name()
        return build_xlsx(self.view.year_view(year), namn)
