"""Sammanträden tables: attendance, § parts and att-satser, jäv, votes, reservations, bilagor,
uppdrag, standard phrases and the § number registry (unique per organ and year).

Full-text search lives in the FTS5 table ``fts_paragraph`` (created in migration 0002, kept in
sync by the service; a trigger removes rows of deleted items).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base

#: Largest bilaga stored in the file (25 MB); the service says so in Swedish before the DB refuses.
BILAGA_MAX_BYTES = 25 * 1024 * 1024


class ParagraphPart(Base):
    """A delpunkt of a § (the seed's § 142 sub-headings, § 145's three questions)."""

    __tablename__ = "paragraph_part"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rubrik: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class DecisionClause(Base):
    """One att-sats; ``part_id`` NULL = the § main decision."""

    __tablename__ = "decision_clause"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    part_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph_part.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class AttendanceRow(Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        CheckConstraint("roll IN ('ordinarie','tjanstgorande','ersattare','ovrig')", name="roll"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    roll: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    ersatter_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    narvarande: Mapped[bool] = mapped_column(Boolean, default=True)
    from_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    to_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class MeetingOfficerRow(Base):
    """Mötesordförande, sekreterare and justerare of one meeting (a meeting may have two justerare)."""

    __tablename__ = "meeting_officer"
    __table_args__ = (
        UniqueConstraint("meeting_id", "roll", "person_id"),
        CheckConstraint("roll IN ('ordforande','sekreterare','justerare')", name="roll"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    roll: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class JavNoteRow(Base):
    __tablename__ = "jav_note"
    __table_args__ = (
        UniqueConstraint("agenda_item_id", "person_id"),
        CheckConstraint("kind IN ('deltog_inte_i_beslutet','deltog_inte_i_diskussionen','anmalde_jav')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(40))


class VoteRow(Base):
    """An omröstning on a §: counts typed for a sluten vote, derived from the casts when open."""

    __tablename__ = "vote"
    __table_args__ = (CheckConstraint("ja >= 0 AND nej >= 0 AND avstar >= 0", name="counts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), unique=True)
    proposition: Mapped[str] = mapped_column(Text, default="")
    sluten: Mapped[bool] = mapped_column(Boolean, default=False)
    ja: Mapped[int] = mapped_column(Integer, default=0)
    nej: Mapped[int] = mapped_column(Integer, default=0)
    avstar: Mapped[int] = mapped_column(Integer, default=0)


class VoteCastRow(Base):
    __tablename__ = "vote_cast"
    __table_args__ = (
        UniqueConstraint("vote_id", "person_id"),
        CheckConstraint("rost IN ('ja','nej','avstar')", name="rost"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    rost: Mapped[str] = mapped_column(String(10))


class ReservationRow(Base):
    __tablename__ = "reservation"
    __table_args__ = (UniqueConstraint("agenda_item_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    motivering: Mapped[str] = mapped_column(Text, default="")


class BilagaRow(Base):
    """A file attached to a meeting, stored in the database (one file = one backup)."""

    __tablename__ = "bilaga"
    __table_args__ = (CheckConstraint(f"storlek >= 0 AND storlek <= {BILAGA_MAX_BYTES}", name="storlek"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    titel: Mapped[str] = mapped_column(String(300))
    filnamn: Mapped[str] = mapped_column(String(255), default="")
    mimetyp: Mapped[str] = mapped_column(String(100), default="")
    storlek: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: The previous protocol as a bilaga: rendered from that meeting instead of stored bytes.
    source_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: A historical protocol's bilaga keeps the number its source gave it ("17"); None: numbered by reference.
    original_nummer: Mapped[str | None] = mapped_column(String(10))


class BilagaRefRow(Base):
    __tablename__ = "bilaga_ref"
    __table_args__ = (UniqueConstraint("agenda_item_id", "bilaga_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    bilaga_id: Mapped[int] = mapped_column(ForeignKey("bilaga.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class UppdragRow(Base):
    __tablename__ = "uppdrag"
    __table_args__ = (CheckConstraint("status IN ('oppet','pagar','klart','avbrutet')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id", ondelete="RESTRICT"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("decision_clause.id", ondelete="SET NULL"))
    beskrivning: Mapped[str] = mapped_column(Text)
    ansvarig_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    ansvarig: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="oppet")
    kommentar: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StandardPhraseRow(Base):
    __tablename__ = "standard_phrase"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kategori: Mapped[str] = mapped_column(String(100), default="")
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SeriesStartRow(Base):
    """The first § number of an organ's year, set once by a förbund that starts mid-year."""

    __tablename__ = "paragraph_series_start"
    __table_args__ = (
        UniqueConstraint("organ_id", "ar"),
        CheckConstraint("first_number >= 1", name="first_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id", ondelete="CASCADE"))
    ar: Mapped[int] = mapped_column(Integer)
    first_number: Mapped[int] = mapped_column(Integer)


class ParagraphNumberRow(Base):
    """Registry of § numbers: the database refuses two items with the same § in an organ's year."""

    __tablename__ = "paragraph_number"
    __table_args__ = (UniqueConstraint("organ_id", "ar", "nummer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id", ondelete="RESTRICT"))
    ar: Mapped[int] = mapped_column(Integer)
    nummer: Mapped[int] = mapped_column(Integer)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), unique=True)
