"""Justering tables: the justering/anslag record of each protocol with its content hash and archived PDFs, the
transition log, "justeras omedelbart" extracts with their own anslag, the utdrag register and corrections.

Migration 0003 adds triggers: the transition log is append-only, hashes cannot be rewritten, a justerat
meeting row cannot be edited or moved back, and §§ justerade omedelbart are frozen like a justerat protocol.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class ProtocolJusteringRow(Base):
    """The justering and anslag of one meeting's protocol (one row per meeting once it is klart för justering)."""

    __tablename__ = "protocol_justering"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    justeringsdatum: Mapped[date | None] = mapped_column(Date)
    ordforande: Mapped[str] = mapped_column(String(200), default="")
    justerare: Mapped[str] = mapped_column(String(400), default="")  # names joined with "; "
    sekreterare: Mapped[str] = mapped_column(String(200), default="")
    anslagsdatum: Mapped[date | None] = mapped_column(Date)
    anslag_av: Mapped[str] = mapped_column(String(200), default="")
    nedtaget_datum: Mapped[date | None] = mapped_column(Date)
    forvaringsplats: Mapped[str] = mapped_column(Text, default="")
    #: SHA-256 of the canonical protocol content at justering, and that content (for showing what changed).
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    canonical_json: Mapped[str | None] = mapped_column(Text)
    #: The justerat protocol as archived (PDF/A-2b) and, when signed digitally, the signed file.
    justerat_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    justerat_pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    signed_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signers: Mapped[str] = mapped_column(Text, default="")
    #: SHA-256 over every other field of this record (migration 0008), renewed by the app at each legitimate change.
    record_sha256: Mapped[str | None] = mapped_column(String(64))


class JusteringEventRow(Base):
    """One transition of a protocol or extract (append-only; triggers refuse UPDATE and DELETE)."""

    __tablename__ = "justering_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    extract_id: Mapped[int | None] = mapped_column(ForeignKey("omedelbar_justering.id", ondelete="RESTRICT"))
    from_status: Mapped[str] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    datum: Mapped[date | None] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    #: Hash chain (migration 0008).
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class OmedelbarJusteringRow(Base):
    """§§ justerade omedelbart at the meeting: their own protokollsutdrag, justering, hash and anslag."""

    __tablename__ = "omedelbar_justering"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    paragrafer: Mapped[str] = mapped_column(String(200))
    justeringsdatum: Mapped[date] = mapped_column(Date)
    ordforande: Mapped[str] = mapped_column(String(200), default="")
    justerare: Mapped[str] = mapped_column(String(400), default="")
    sekreterare: Mapped[str] = mapped_column(String(200), default="")
    anslagsdatum: Mapped[date | None] = mapped_column(Date)
    nedtaget_datum: Mapped[date | None] = mapped_column(Date)
    content_sha256: Mapped[str] = mapped_column(String(64))
    canonical_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    record_sha256: Mapped[str | None] = mapped_column(String(64))


class OmedelbarJusteringItemRow(Base):
    __tablename__ = "omedelbar_justering_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    justering_id: Mapped[int] = mapped_column(ForeignKey("omedelbar_justering.id", ondelete="RESTRICT"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"), unique=True)


class UtdragRow(Base):
    """The register of protokollsutdrag: which §§, to whom, when, bestyrkt by whom."""

    __tablename__ = "protokollsutdrag"
    __table_args__ = (CheckConstraint("length(paragrafer) > 0", name="paragrafer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    paragrafer: Mapped[str] = mapped_column(String(200))
    mottagare: Mapped[str] = mapped_column(String(300), default="")
    datum: Mapped[date] = mapped_column(Date)
    bestyrkt_av: Mapped[str] = mapped_column(String(200), default="")
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))


class ParagraphCorrectionRow(Base):
    """A later decision (§) that corrects an earlier, justerat §; shown with the old §."""

    __tablename__ = "paragraph_correction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    corrects_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"), index=True)
    anteckning: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))
