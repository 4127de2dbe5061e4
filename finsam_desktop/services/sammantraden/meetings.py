"""Meetings: create, list, find, get, update, status, kallelse sent, officers, renumber."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.kinds import EDITABLE_STATUSES, MeetingStatus, MeetingType
from finsam_desktop.domain.sammantraden.meetings import KallelseResult, MeetingDetail, MeetingSummary, OrganInfo
from finsam_desktop.domain.sammantraden.texts import join_swedish, justerare_clause, kallelse_warning
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import ForbundRow, MeetingRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.sammantraden import DecisionClause, MeetingOfficerRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.concurrency import check_and_touch
from finsam_desktop.services.sammantraden.agenda_template import agenda_from_template
from finsam_desktop.services.sammantraden.context import (
    attendee_dto,
    bilaga_dto,
    item_dto,
    load_ctx,
    meeting_warnings,
    quorum_for,
)
from finsam_desktop.services.sammantraden.numbering import heal, renumber_meeting, renumber_series
from finsam_desktop.services.sammantraden.ports import AgendaContributor
from finsam_desktop.services.sammantraden.prefill import prefill_rows
from finsam_desktop.services.sammantraden.rows import (
    add_contributed_items,
    clean,
    editable_meeting,
    meeting_row,
    officer_ids,
    organ_row,
    previous_meeting,
    summary_dto,
)
from finsam_desktop.services.sammantraden.search_index import index_items


class MeetingsService:
    """Meetings: create, list, find, get, update, status, kallelse sent, officers, renumber."""

    def __init__(self, db: Database, agenda_contributors: Sequence[AgendaContributor] = ()):
        self.db = db
        # Other areas' items for a new styrelse dagordning (the Attest area's anmälan of delegationsbeslut).
        self._agenda_contributors = tuple(agenda_contributors)

    def renumber(self, meeting_id: int) -> MeetingSummary:
        """Re-derive the § numbers of the meeting's series (after another area added items)."""
        with self.db.session() as s:
            row = meeting_row(s, meeting_id)
            heal(s, row, self.db.read_only)
            renumber_meeting(s, row)
            return summary_dto(s, row)

    def list_organs(self) -> list[OrganInfo]:
        with self.db.session() as s:
            return [
                OrganInfo(o.id, o.namn, o.kind, o.numbered_paragraphs)
                for o in s.scalars(select(OrganRow).order_by(OrganRow.id))
            ]

    def list_years(self) -> list[int]:
        with self.db.session() as s:
            dates = s.scalars(select(MeetingRow.datum))
            return sorted({d.year for d in dates})

    def list_meetings(
        self, year: int | None = None, organ_id: int | None = None, status: MeetingStatus | str | None = None
    ) -> list[MeetingSummary]:
        with self.db.session() as s:
            q = select(MeetingRow).order_by(MeetingRow.datum, MeetingRow.starttid, MeetingRow.id)
            if year is not None:
                q = q.where(MeetingRow.datum >= date(year, 1, 1), MeetingRow.datum <= date(year, 12, 31))
            if organ_id is not None:
                q = q.where(MeetingRow.organ_id == organ_id)
            if status is not None:
                q = q.where(MeetingRow.status == MeetingStatus(status).value)
            organs = {o.id: o for o in s.scalars(select(OrganRow))}
            stats = {
                mid: (lo, hi, n)
                for mid, lo, hi, n in s.execute(
                    select(
                        ItemRow.meeting_id,
                        func.min(ItemRow.paragraph_number),
                        func.max(ItemRow.paragraph_number),
                        func.count(),
                    ).group_by(ItemRow.meeting_id)
                )
            }
            result = []
            for row in s.scalars(q):
                organ = organs[row.organ_id]
                lo, hi, n = stats.get(row.id, (None, None, 0))
                result.append(
                    MeetingSummary(
                        row.id,
                        row.organ_id,
                        organ.namn,
                        organ.numbered_paragraphs,
                        row.datum,
                        row.starttid,
                        row.sluttid,
                        row.plats,
                        row.digital,
                        MeetingType(row.typ),
                        MeetingStatus(row.status),
                        lo,
                        hi,
                        n,
                    )
                )
            return result

    def find_meeting(self, ref: str | int) -> MeetingSummary:
        """A meeting by id or by a date that only one meeting has (``2022-11-25``, ``221125``)."""
        raw = str(ref).strip()
        with self.db.session() as s:
            if raw.isdigit() and len(raw) < 6:
                return summary_dto(s, meeting_row(s, int(raw)))
            try:
                day = parse_date(raw, "Sammanträde")
            except ValidationError:
                raise ValidationError(f"”{raw}” är varken ett id eller ett datum.", "Sammanträde") from None
            rows = list(s.scalars(select(MeetingRow).where(MeetingRow.datum == day)))
            if not rows:
                raise NotFoundError(f"Det finns inget sammanträde {day.isoformat()}.")
            if len(rows) > 1:
                ids = ", ".join(str(r.id) for r in rows)
                raise ValidationError(
                    f"{len(rows)} sammanträden hölls {day.isoformat()} (id {ids}); ange id i stället.", "Sammanträde"
                )
            return summary_dto(s, rows[0])

    def create_meeting(
        self,
        datum: date | str,
        organ_id: int | None = None,
        typ: MeetingType | str = MeetingType.ORDINARIE,
        starttid: time | None = None,
        sluttid: time | None = None,
        plats: str = "",
        digital: bool = False,
        with_agenda: bool = True,
        prefill_attendance: bool = True,
    ) -> MeetingSummary:
        day = parse_date(datum, "Datum")
        typ = MeetingType(typ)
        if starttid and sluttid and sluttid <= starttid:
            raise ValidationError("sluttiden ligger före starttiden.", "Tid")
        with self.db.session() as s:
            organ = organ_row(s, organ_id)
            row = MeetingRow(
                organ_id=organ.id,
                datum=day,
                starttid=starttid,
                sluttid=sluttid,
                plats=clean(plats),
                digital=bool(digital),
                typ=typ.value,
                status=MeetingStatus.PLANERAT.value,
                anteckning="",
            )
            s.add(row)
            s.flush()
            if prefill_attendance:
                prefill_rows(s, row, organ)
            if with_agenda:
                agenda_from_template(s, row, organ)
            record(s, "sammanträde skapat", "meeting", row.id, f"{organ.namn} {day.isoformat()} ({typ.label})")
            meeting_id, is_styrelse = row.id, organ.kind == "styrelse"
            summary = summary_dto(s, row, organ)
        if with_agenda and is_styrelse and add_contributed_items(self._agenda_contributors, meeting_id):
            with self.db.session() as s:
                row = meeting_row(s, meeting_id)
                summary = summary_dto(s, row)
        return summary

    def get_meeting(self, meeting_id: int) -> MeetingDetail:
        with self.db.session() as s:
            row = meeting_row(s, meeting_id)
            heal(s, row, self.db.read_only)
            ctx = load_ctx(s, row)
            items = [item_dto(ctx, i) for i in ctx.items]
            officers = officer_ids(s, row.id)
            prev = previous_meeting(s, row)
            return MeetingDetail(
                meeting=summary_dto(s, row, ctx.organ),
                anteckning=row.anteckning,
                kallelse_skickad=row.kallelse_skickad,
                justerare_person_ids=tuple(officers.get("justerare", [])),
                ordforande_person_id=(officers.get("ordforande") or [None])[0],
                sekreterare_person_id=(officers.get("sekreterare") or [None])[0],
                items=tuple(items),
                attendance=tuple(attendee_dto(ctx, a) for a in ctx.attendance),
                bilagor=tuple(bilaga_dto(ctx, b) for b in ctx.bilagor),
                quorum=quorum_for(ctx, None),
                previous=summary_dto(s, prev) if prev else None,
                warnings=tuple(meeting_warnings(s, ctx, items)),
                version=row.version or 1,
            )

    def warnings(self, meeting_id: int) -> list[str]:
        return list(self.get_meeting(meeting_id).warnings)

    def update_meeting(self, meeting_id: int, expected_version: int | None = None, **fields) -> MeetingSummary:
        """``expected_version``: the meeting's version when the user opened it (``MeetingDetail.version``); if
        someone saved it since, nothing is changed and the Swedish message says who and when."""
        allowed = {"datum", "starttid", "sluttid", "plats", "digital", "typ", "anteckning"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown meeting fields: {sorted(unknown)}")
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            check_and_touch(s, row, expected_version, f"sammanträdet {row.datum.isoformat()}")
            old_year = row.datum.year
            if "datum" in fields:
                row.datum = parse_date(fields["datum"], "Datum")
            if "starttid" in fields:
                row.starttid = fields["starttid"]
            if "sluttid" in fields:
                row.sluttid = fields["sluttid"]
            if row.starttid and row.sluttid and row.sluttid <= row.starttid:
                raise ValidationError("sluttiden ligger före starttiden.", "Tid")
            if "plats" in fields:
                row.plats = clean(fields["plats"])
            if "digital" in fields:
                row.digital = bool(fields["digital"])
            if "typ" in fields:
                row.typ = MeetingType(fields["typ"]).value
            if "anteckning" in fields:
                row.anteckning = fields["anteckning"] or ""
            if "datum" in fields or "starttid" in fields:
                renumber_series(s, row.organ_id, old_year)
                if row.datum.year != old_year:
                    renumber_series(s, row.organ_id, row.datum.year)
            record(s, "sammanträde ändrat", "meeting", row.id, ", ".join(sorted(fields)))
            return summary_dto(s, row)

    def delete_meeting(self, meeting_id: int) -> None:
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            organ_id, year, label = row.organ_id, row.datum.year, row.datum.isoformat()
            s.execute(
                text("DELETE FROM fts_paragraph WHERE rowid IN (SELECT id FROM agenda_item WHERE meeting_id = :m)"),
                {"m": row.id},
            )
            s.delete(row)
            s.flush()
            renumber_series(s, organ_id, year)
            record(s, "sammanträde borttaget", "meeting", meeting_id, label)

    def set_status(self, meeting_id: int, status: MeetingStatus | str) -> MeetingSummary:
        status = MeetingStatus(status)
        if status not in EDITABLE_STATUSES:
            raise ValidationError(f"status ”{status.label}” sätts i justeringsflödet, inte här.", "Status")
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            old = MeetingStatus(row.status)
            row.status = status.value
            record(s, "sammanträdets status ändrad", "meeting", row.id, f"{old.value} → {status.value}")
            return summary_dto(s, row)

    def record_kallelse_sent(self, meeting_id: int, sent: date | str) -> KallelseResult:
        day = parse_date(sent, "Kallelse skickad")
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            if day > row.datum:
                raise ValidationError(
                    f"kallelsen kan inte skickas efter sammanträdet ({row.datum.isoformat()}).", "Kallelse skickad"
                )
            row.kallelse_skickad = day
            if row.status == MeetingStatus.PLANERAT.value:
                row.status = MeetingStatus.KALLAT.value
            forbund = s.get(ForbundRow, 1)
            warning = kallelse_warning(day, row.datum, forbund.kallelse_dagar if forbund else 7)
            record(s, "kallelse skickad", "meeting", row.id, day.isoformat() + (" (sen)" if warning else ""))
            return KallelseResult(summary_dto(s, row), warning)

    def set_officers(
        self,
        meeting_id: int,
        *,
        ordforande_person_id: int | type(...) | None = ...,
        sekreterare_person_id: int | type(...) | None = ...,
        justerare_person_ids: list[int] | tuple[int, ...] | type(...) = ...,
    ) -> MeetingDetail:
        """Mötesordförande, sekreterare and justerare; the justerare fill "Val av justerare"."""
        with self.db.session() as s:
            row = editable_meeting(s, meeting_id)
            changes = []
            for roll, value in (("ordforande", ordforande_person_id), ("sekreterare", sekreterare_person_id)):
                if value is ...:
                    continue
                before = officer_ids(s, row.id).get(roll, [])
                self._replace_officers(s, row.id, roll, [] if value is None else [value])
                changes.append(roll)
                if roll == "ordforande" and before and value is not None and before[0] != value:
                    self._rename_in_opening(s, row.id, s.get(PersonRow, before[0]).namn, s.get(PersonRow, value).namn)
            if justerare_person_ids is not ...:
                ids = list(dict.fromkeys(justerare_person_ids))
                self._replace_officers(s, row.id, "justerare", ids)
                names = [s.get(PersonRow, pid).namn for pid in ids]
                item = s.scalar(select(ItemRow).where(ItemRow.meeting_id == row.id, ItemRow.standard == "justerare"))
                if item is not None:
                    s.execute(
                        delete(DecisionClause).where(
                            DecisionClause.agenda_item_id == item.id, DecisionClause.part_id.is_(None)
                        )
                    )
                    if names:
                        s.add(
                            DecisionClause(
                                agenda_item_id=item.id,
                                part_id=None,
                                position=1,
                                text=justerare_clause(join_swedish(names)),
                            )
                        )
                    index_items(s, [item.id])
                changes.append("justerare")
            record(s, "mötesfunktionärer valda", "meeting", row.id, ", ".join(changes))
        return self.get_meeting(meeting_id)

    def _rename_in_opening(self, s: Session, meeting_id: int, old: str, new: str) -> None:
        """ "Ordförande NN förklarar mötet öppnat" names whoever chairs this meeting."""
        item = s.scalar(select(ItemRow).where(ItemRow.meeting_id == meeting_id, ItemRow.standard == "oppnas"))
        if item is not None and old in item.text:
            item.text = item.text.replace(old, new)
            index_items(s, [item.id])

    @staticmethod
    def _replace_officers(s: Session, meeting_id: int, roll: str, person_ids: list[int]) -> None:
        for pid in person_ids:
            if s.get(PersonRow, pid) is None:
                raise ValidationError(f"personen med id {pid} finns inte.", roll.capitalize())
        s.execute(
            delete(MeetingOfficerRow).where(MeetingOfficerRow.meeting_id == meeting_id, MeetingOfficerRow.roll == roll)
        )
        for i, pid in enumerate(person_ids):
            s.add(MeetingOfficerRow(meeting_id=meeting_id, roll=roll, person_id=pid, position=i))
        s.flush()
