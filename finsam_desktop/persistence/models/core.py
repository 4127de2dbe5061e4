"""Foundation tables: the förbund, members, persons, mandates, organs, meetings, agenda items,
settings and the audit log."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class ForbundRow(Base):
    """The one förbund this file belongs to (exactly one row)."""

    __tablename__ = "forbund"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    namn: Mapped[str] = mapped_column(String(200))
    orgnr: Mapped[str] = mapped_column(String(11))
    sate: Mapped[str] = mapped_column(String(100), default="")
    postadress: Mapped[str] = mapped_column(Text, default="")
    anslagstavla: Mapped[str] = mapped_column(Text, default="")
    forvaringsplats: Mapped[str] = mapped_column(Text, default="")
    kallelse_dagar: Mapped[int] = mapped_column(Integer, default=7)
    justering_dagar: Mapped[int] = mapped_column(Integer, default=14)
    anslag_dagar: Mapped[int] = mapped_column(Integer, default=2)
    overklagande_veckor: Mapped[int] = mapped_column(Integer, default=3)


class MemberRow(Base):
    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint("kind IN ('forsakringskassan','arbetsformedlingen','region','kommun')", name="kind"),
        CheckConstraint("weight >= 0", name="weight"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    namn: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    weight: Mapped[int] = mapped_column(Integer, default=1)
    orgnr: Mapped[str] = mapped_column(String(11), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PersonRow(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    namn: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    titel: Mapped[str] = mapped_column(String(200), default="")
    epost: Mapped[str] = mapped_column(String(200), default="")
    telefon: Mapped[str] = mapped_column(String(50), default="")


class MandateRow(Base):
    __tablename__ = "mandate"
    __table_args__ = (CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    anteckning: Mapped[str] = mapped_column(Text, default="")


class OrganRow(Base):
    """A body that meets: Styrelsen, beredningsgrupp, medlemssamråd."""

    __tablename__ = "organ"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    namn: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(30), default="styrelse")
    numbered_paragraphs: Mapped[bool] = mapped_column(Boolean, default=True)


class MeetingRow(Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id", ondelete="RESTRICT"), index=True)
    datum: Mapped[date] = mapped_column(Date, index=True)
    starttid: Mapped[time | None] = mapped_column(Time)
    sluttid: Mapped[time | None] = mapped_column(Time)
    plats: Mapped[str] = mapped_column(String(200), default="")
    digital: Mapped[bool] = mapped_column(Boolean, default=False)
    typ: Mapped[str] = mapped_column(String(20), default="ordinarie")
    status: Mapped[str] = mapped_column(String(30), default="planerat")
    anteckning: Mapped[str] = mapped_column(Text, default="")
    # Sammanträden (migration 0002): nullable so other areas can insert bare meetings.
    kallelse_skickad: Mapped[date | None] = mapped_column(Date)
    #: Optimistic locking (migration 0019): raised by each edit through ``services/concurrency.py``.
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
    changed_by: Mapped[str] = mapped_column(String(100), server_default="", default="")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime)


class AgendaItem(Base):
    """An item on a meeting's dagordning; becomes a § in the protocol."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    paragraph_number: Mapped[int | None] = mapped_column(Integer)
    rubrik: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="beslut")
    # Sammanträden (migration 0002): server defaults so other areas can insert core columns only.
    standard: Mapped[str] = mapped_column(String(40), server_default="", default="")
    foredragande: Mapped[str] = mapped_column(String(200), server_default="", default="")
    arendebeskrivning: Mapped[str] = mapped_column(Text, server_default="", default="")
    forslag_till_beslut: Mapped[str] = mapped_column(Text, server_default="", default="")
    diarienummer: Mapped[str] = mapped_column(String(50), server_default="", default="")
    #: Applicant member of an ansökan (validated by the service and ``finsam check``; no FK because
    #: SQLite cannot add a named foreign key to an existing table without rebuilding it).
    sokande_member_id: Mapped[int | None] = mapped_column(Integer)
    sokande_organisation: Mapped[str] = mapped_column(String(200), server_default="", default="")
    text: Mapped[str] = mapped_column(Text, server_default="", default="")
    utgar: Mapped[bool] = mapped_column(Boolean, server_default="0", default=False)
    utgar_motivering: Mapped[str] = mapped_column(Text, server_default="", default="")
    justeras_omedelbart: Mapped[bool] = mapped_column(Boolean, server_default="0", default=False)
    #: Optimistic locking (migration 0019): raised by each edit through ``services/concurrency.py``.
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
    changed_by: Mapped[str] = mapped_column(String(100), server_default="", default="")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime)


class Setting(Base):
    """Key/value settings (JSON text) for things like remembered import mappings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditLog(Base):
    """Who did what and when: state transitions, reopenings, imports, restores. Append-only and hash-chained."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    #: Hash chain (migration 0008): the previous row's ``row_hash`` and this row's (see persistence/integrity.py).
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))
    #: The database login that wrote the row (migration 0020): on a server database ``session_user``, on SQLite
    #: empty (a file has no database users). Under the row's hash when set.
    db_user: Mapped[str | None] = mapped_column(String(100))
