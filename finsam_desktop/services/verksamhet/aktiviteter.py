"""Aktiviteter (forum, frukostmöten, utbildningar, informationsinsatser, arbetsgrupper): saving one with its
participants per member organisation in one transaction, listing a year's, and the occurrences the Årshjul shows
for them (``arshjul_occurrences``, plugged into the Årshjul's port by the service container)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.errors import NotFoundError
from finsam_desktop.domain.verksamhet.aktiviteter import (
    Aktivitet,
    AktivitetTyp,
    Deltagande,
    Format,
    validate_aktivitet,
)
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MemberRow
from finsam_desktop.persistence.models.verksamhet_aktiviteter import AktivitetDeltagareRow, AktivitetRow
from finsam_desktop.services.audit import record

#: The Årshjul ring the aktiviteter are drawn in.
ARSHJUL_CATEGORY = "omvarld"


def _dto(s: Session, row: AktivitetRow, names: dict[int, str]) -> Aktivitet:
    parts = s.scalars(
        select(AktivitetDeltagareRow)
        .where(AktivitetDeltagareRow.aktivitet_id == row.id)
        .order_by(AktivitetDeltagareRow.id)
    )
    return Aktivitet(
        row.id,
        row.datum,
        row.titel,
        AktivitetTyp(row.typ),
        row.arrangor,
        Format(row.format),
        row.malgrupp,
        row.planerat,
        row.ovriga,
        row.anteckning,
        tuple(Deltagande(p.member_id, p.planerat, p.faktiskt, p.anteckning, names.get(p.member_id, "")) for p in parts),
    )


def _member_names(s: Session) -> dict[int, str]:
    return {m.id: m.namn for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))}


def list_in(s: Session, fran: date | None = None, till: date | None = None) -> list[Aktivitet]:
    """The aktiviteter from ``fran`` to ``till`` (both included), by date."""
    q = select(AktivitetRow)
    if fran is not None:
        q = q.where(AktivitetRow.datum >= fran)
    if till is not None:
        q = q.where(AktivitetRow.datum <= till)
    names = _member_names(s)
    return [_dto(s, r, names) for r in s.scalars(q.order_by(AktivitetRow.datum, AktivitetRow.id))]


def occurrence(a: Aktivitet, today: date) -> Occurrence:
    """An aktivitet as the Årshjul shows it: in the "Omvärld och nätverk" ring, klar once it has taken place."""
    notes = [f"{a.typ.label}, {a.format.label.lower()}"]
    if a.malgrupp:
        notes.append(f"Målgrupp: {a.malgrupp}")
    if a.faktiskt is not None:
        notes.append(f"Deltagare: {a.faktiskt}")
    elif a.planerat_totalt is not None:
        notes.append(f"Planerat antal deltagare: {a.planerat_totalt}")
    return Occurrence(
        uid=f"aktivitet-{a.id}",
        event_id=None,
        key=f"a{a.id}",
        title=a.titel,
        short=a.typ.label,
        category=ARSHJUL_CATEGORY,
        date=a.datum,
        end=None,
        starttid=None,
        sluttid=None,
        responsible=a.arrangor,
        notes="\n".join(notes),
        status=Status.KLAR if a.datum < today or a.faktiskt is not None else Status.PLANERAD,
        generated=a.datum,
        kind_text="Aktivitet (Verksamhet)",
    )


class AktiviteterService:
    def __init__(self, db: Database):
        self.db = db

    def save_aktivitet(self, a: Aktivitet) -> Aktivitet:
        """Insert (``id`` None) or update, the participants per member replaced as given; all or nothing."""
        with self.db.session() as s:
            names = _member_names(s)
            validate_aktivitet(a, clock.today(), names)
            if a.id is None:
                row = AktivitetRow()
                s.add(row)
            else:
                row = s.get(AktivitetRow, a.id)
                if row is None:
                    raise NotFoundError("Aktiviteten finns inte.")
            row.datum, row.titel, row.typ = a.datum, a.titel.strip(), AktivitetTyp(a.typ).value
            row.arrangor, row.format, row.malgrupp = a.arrangor.strip(), Format(a.format).value, a.malgrupp.strip()
            row.planerat, row.ovriga, row.anteckning = a.planerat, a.ovriga or 0, a.anteckning.strip()
            s.flush()
            for old in s.scalars(select(AktivitetDeltagareRow).where(AktivitetDeltagareRow.aktivitet_id == row.id)):
                s.delete(old)
            s.flush()
            for d in a.deltagande:
                s.add(
                    AktivitetDeltagareRow(
                        aktivitet_id=row.id,
                        member_id=d.member_id,
                        planerat=d.planerat,
                        faktiskt=d.faktiskt,
                        anteckning=d.anteckning.strip()[:100],
                    )
                )
            s.flush()
            record(s, "aktivitet sparad", "verksamhet_aktivitet", row.id, f"{row.datum.isoformat()} {row.titel[:150]}")
            return _dto(s, row, names)

    def delete_aktivitet(self, aktivitet_id: int) -> Aktivitet:
        """Remove one; returns it as it was (to undo by saving it again without its id)."""
        with self.db.session() as s:
            row = s.get(AktivitetRow, aktivitet_id)
            if row is None:
                raise NotFoundError("Aktiviteten finns inte.")
            dto = _dto(s, row, _member_names(s))
            s.delete(row)
            record(s, "aktivitet borttagen", "verksamhet_aktivitet", aktivitet_id, row.titel[:200])
            return dto

    def get(self, aktivitet_id: int) -> Aktivitet:
        with self.db.session() as s:
            row = s.get(AktivitetRow, aktivitet_id)
            if row is None:
                raise NotFoundError("Aktiviteten finns inte.")
            return _dto(s, row, _member_names(s))

    def list_aktiviteter(self, year: int | None = None) -> list[Aktivitet]:
        with self.db.session() as s:
            if year is None:
                return list_in(s)
            return list_in(s, date(year, 1, 1), date(year, 12, 31))

    def between(self, fran: date, till: date) -> list[Aktivitet]:
        with self.db.session() as s:
            return list_in(s, fran, till)

    def arshjul_occurrences(self, year: int) -> list[Occurrence]:
        """The year's aktiviteter as Årshjul occurrences (what the Årshjul's port asks for)."""
        today = clock.today()
        return [occurrence(a, today) for a in self.list_aktiviteter(year)]
