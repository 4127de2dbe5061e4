"""Reading the justering state: one protocol's row with its deadlines and warnings, the overview (most
urgent first) and the event log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from finsam_desktop.domain.common.deadlines import MeetingDeadlines
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MeetingRow, OrganRow
from finsam_desktop.persistence.models.justering import JusteringEventRow, OmedelbarJusteringRow
from finsam_desktop.services.justering.rows import extract_row, justering_row, meeting_deadlines, meeting_or_raise


class StatusService:
    """Deadlines and state of protocols and omedelbart justerade extracts (read only)."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, meeting_id: int, today: date | None = None) -> dj.JusteringRow:
        with self.db.session() as s:
            return justering_row(s, meeting_or_raise(s, meeting_id), today)

    def deadlines(self, meeting_id: int) -> MeetingDeadlines:
        """The meeting's justering chain: recorded dates where there are any, the last allowed day otherwise."""
        with self.db.session() as s:
            return meeting_deadlines(s, [meeting_or_raise(s, meeting_id)])[meeting_id]

    def overview(self, today: date | None = None, *, include_done: bool = False) -> list[dj.JusteringRow]:
        """Protocols from draft onwards and omedelbart justerade extracts, most urgent first."""
        states = [dj.UTKAST, dj.KLART, dj.JUSTERAT, dj.ANSLAGET] + ([dj.NEDTAGET] if include_done else [])
        with self.db.session() as s:
            meetings = s.execute(
                select(MeetingRow, OrganRow.numbered_paragraphs)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(MeetingRow.status.in_(states))
                .order_by(MeetingRow.datum)
            ).all()
            # Minnesanteckningar (organs without §§) are not justerade; they appear only if sent to justering.
            rows = [justering_row(s, m, today) for m, numbered in meetings if numbered or m.status != dj.UTKAST]
            for ex in s.scalars(select(OmedelbarJusteringRow).order_by(OmedelbarJusteringRow.id)):
                r = extract_row(s, ex, today)
                if include_done or r.status != dj.NEDTAGET:
                    rows.append(r)
        order = {"forsenad": 0, "idag": 1, "": 2}
        return sorted(rows, key=lambda r: (order[r.urgency], r.datum, r.extract_id or 0))

    def events(self, meeting_id: int) -> list[dj.JusteringEvent]:
        with self.db.session() as s:
            return [
                dj.JusteringEvent(
                    e.id, e.meeting_id, e.extract_id, e.from_status, e.to_status, e.datum, e.at, e.user, e.reason
                )
                for e in s.scalars(
                    select(JusteringEventRow)
                    .where(JusteringEventRow.meeting_id == meeting_id)
                    .order_by(JusteringEventRow.id)
                )
            ]
