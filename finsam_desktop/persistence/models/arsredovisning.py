"""Årsredovisning tables: a stored year of books (imported from SIE 4 or typed), its account balances and monthly
movements, the kontoplan mapping, the förvaltningsberättelse's texts, a printed document entered as figures,
the deltagarflöden per insats, and the adoption.

An adopted (fastställd) årsredovisning (``ar_year.status = 'faststalld'``, a § in a protocol) is locked like a
justerat protocol: triggers in migration 0012 refuse any change of the year, its balances, movements, texts,
printed figures and deltagarflöden, and ``persistence/integrity.py`` seals them (``finsam check`` finds tampering).
The mapping in force is copied into ``ar_year.kontoplan_text`` at adoption, so a later edit of the förbund's
mapping cannot change an adopted year.
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


class ArYearRow(Base):
    """One räkenskapsår of the förbund: where its figures came from and whether it is adopted.

    ``source`` is ``sie`` (an imported SIE 4 file, kept whole: bytes, name, SHA-256, program, format) or
    ``manuell`` (balances typed or pasted, and/or a printed document entered figure by figure)."""

    __tablename__ = "ar_year"
    __table_args__ = (
        CheckConstraint("source IN ('sie','manuell')", name="source"),
        CheckConstraint("status IN ('utkast','faststalld')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    source: Mapped[str] = mapped_column(String(10), default="manuell")
    sie_filename: Mapped[str] = mapped_column(String(300), default="")
    sie_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    sie_sha256: Mapped[str] = mapped_column(String(64), default="")
    sie_program: Mapped[str] = mapped_column(String(200), default="")
    sie_format: Mapped[str] = mapped_column(String(20), default="")
    verifikationer: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: Antal anställda (årsarbetare) in hundredths, for the five-year overview; NULL when not known.
    anstallda_hundradelar: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="utkast")
    adopted_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    adopted_text: Mapped[str] = mapped_column(String(300), default="")
    adopted_on: Mapped[date | None] = mapped_column(Date)
    #: The kontoplan mapping the year was adopted with ("" while a draft: the förbund's current mapping applies).
    kontoplan_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ArAccountRow(Base):
    """One account's balances of the year, SIE-signed (debet positive): IB and UB of balance accounts, the year's
    result (RES) of result accounts; NULL where the source gave none."""

    __tablename__ = "ar_account"
    __table_args__ = (UniqueConstraint("year_id", "konto"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("ar_year.id", ondelete="CASCADE"), index=True)
    konto: Mapped[str] = mapped_column(String(20))
    namn: Mapped[str] = mapped_column(String(200), default="")
    ib_ore: Mapped[int | None] = mapped_column(Integer)
    ub_ore: Mapped[int | None] = mapped_column(Integer)
    res_ore: Mapped[int | None] = mapped_column(Integer)


class ArMovementRow(Base):
    """An account's movement in one month (``objekt`` "" for the whole account, ``"1:20"`` for kostnadsställe 20
    of a result account), SIE-signed. The delårsrapport's balances and the note per kostnadsställe read them."""

    __tablename__ = "ar_movement"
    __table_args__ = (
        UniqueConstraint("year_id", "konto", "month", "objekt"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("ar_year.id", ondelete="CASCADE"), index=True)
    konto: Mapped[str] = mapped_column(String(20))
    month: Mapped[int] = mapped_column(Integer)
    objekt: Mapped[str] = mapped_column(String(60), default="")
    amount_ore: Mapped[int] = mapped_column(Integer)


class ArTextRow(Base):
    """One section of the förvaltningsberättelse (``publication.SECTIONS`` keys). ``prefilled`` while the text is
    still the one the program wrote from the data (a user's edit sets it false)."""

    __tablename__ = "ar_text"
    __table_args__ = (UniqueConstraint("year_id", "section"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("ar_year.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text, default="")
    prefilled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ArPrintedRow(Base):
    """A printed årsredovisning entered figure by figure, as printed (JSON, see ``domain/arsredovisning/printed.py``),
    so an old report can be checked: its figures are what the year's statements show, flags and all."""

    __tablename__ = "ar_printed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("ar_year.id", ondelete="CASCADE"), unique=True)
    content: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ArKontoplanRuleRow(Base):
    """The förbund's kontoplan mapping, one rule a row (``15-17 = br_fordringar``); no rows: the standard BAS
    mapping of ``domain/arsredovisning/kontoplan.py``."""

    __tablename__ = "ar_kontoplan_rule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    low: Mapped[str] = mapped_column(String(20))
    high: Mapped[str] = mapped_column(String(20))
    line: Mapped[str] = mapped_column(String(40))


class ArFlowRow(Base):
    """Deltagarflöden of one insats (Budget's ``insats``) in one year, aggregates only: no participant data.
    ``avslut`` is JSON ``{"arbete": 4, …}`` (counts per avslutsanledning of the code list)."""

    __tablename__ = "ar_deltagarflode"
    __table_args__ = (
        UniqueConstraint("year_id", "insats_id"),
        CheckConstraint("inskrivna >= 0 AND avslutade >= 0 AND kvinnor >= 0 AND man >= 0 AND annat >= 0", name="antal"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("ar_year.id", ondelete="CASCADE"), index=True)
    insats_id: Mapped[int] = mapped_column(ForeignKey("insats.id", ondelete="RESTRICT"), index=True)
    inskrivna: Mapped[int] = mapped_column(Integer, default=0)
    avslutade: Mapped[int] = mapped_column(Integer, default=0)
    kvinnor: Mapped[int] = mapped_column(Integer, default=0)
    man: Mapped[int] = mapped_column(Integer, default=0)
    annat: Mapped[int] = mapped_column(Integer, default=0)
    avslut: Mapped[str] = mapped_column(Text, default="{}")


class ArDocumentRow(Base):
    """The adopted årsredovisning as it was fastställd: the final PDF's bytes, rendered in the adoption's own
    transaction, with their SHA-256. Written once; triggers in migration 0016 refuse any update or delete, so a
    later layout change cannot alter the adopted document (``finsam check`` verifies the hash)."""

    __tablename__ = "ar_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("ar_year.id", ondelete="RESTRICT"), unique=True)
    pdf_data: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
