"""Verksamhet follow-up tables: goals and indicators with their measured values, and deltagare statistics per insats
and month (aggregates only: no participant-level data is ever stored).

``verksamhet_mal`` is a goal of one insats (Budget's ``insats``) or, with no insats, of the förbund; its target and
measured values are decimal text ("240", "12,5" stored as "12.5"). ``verksamhet_deltagare`` holds one row per insats
and month as imported from the follow-up system's export; ``avslut`` and ``anvisade`` are JSON objects of counts per
avslutsanledning code and per referring organisation. A re-import of the same insats and month replaces the row.
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
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class GoalRow(Base):
    __tablename__ = "verksamhet_mal"
    __table_args__ = (
        CheckConstraint("enhet IN ('antal','procent','kr','tkr','timmar')", name="enhet"),
        CheckConstraint("jamforelse IN ('minst','hogst','exakt')", name="jamforelse"),
        CheckConstraint("period_till >= period_fran", name="period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insats_id: Mapped[int | None] = mapped_column(ForeignKey("insats.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    namn: Mapped[str] = mapped_column(String(500))
    indikator: Mapped[str] = mapped_column(String(60), default="")
    malvarde: Mapped[str] = mapped_column(String(40))
    enhet: Mapped[str] = mapped_column(String(20), default="antal")
    jamforelse: Mapped[str] = mapped_column(String(10), default="minst")
    andel: Mapped[bool] = mapped_column(Boolean, default=False)
    period_fran: Mapped[date] = mapped_column(Date)
    period_till: Mapped[date] = mapped_column(Date)


class MeasurementRow(Base):
    __tablename__ = "verksamhet_matvarde"
    __table_args__ = (
        UniqueConstraint("mal_id", "per"),
        CheckConstraint("(taljare IS NULL OR taljare >= 0) AND (namnare IS NULL OR namnare >= 0)", name="antal"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mal_id: Mapped[int] = mapped_column(ForeignKey("verksamhet_mal.id", ondelete="CASCADE"), index=True)
    per: Mapped[date] = mapped_column(Date)
    varde: Mapped[str | None] = mapped_column(String(40))
    taljare: Mapped[int | None] = mapped_column(Integer)
    namnare: Mapped[int | None] = mapped_column(Integer)
    kommentar: Mapped[str] = mapped_column(Text, default="")


class DeltagareRow(Base):
    __tablename__ = "verksamhet_deltagare"
    __table_args__ = (
        UniqueConstraint("insats_id", "period"),
        CheckConstraint(
            "inskrivna >= 0 AND pagaende >= 0 AND avslutade >= 0 AND kvinnor >= 0 AND man >= 0 AND annat >= 0 "
            "AND stegforflyttning >= 0",
            name="antal",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insats_id: Mapped[int] = mapped_column(ForeignKey("insats.id", ondelete="RESTRICT"), index=True)
    period: Mapped[date] = mapped_column(Date)  # the month's first day
    inskrivna: Mapped[int] = mapped_column(Integer, default=0)
    pagaende: Mapped[int] = mapped_column(Integer, default=0)
    avslutade: Mapped[int] = mapped_column(Integer, default=0)
    kvinnor: Mapped[int] = mapped_column(Integer, default=0)
    man: Mapped[int] = mapped_column(Integer, default=0)
    annat: Mapped[int] = mapped_column(Integer, default=0)
    stegforflyttning: Mapped[int] = mapped_column(Integer, default=0)
    avslut: Mapped[str] = mapped_column(Text, default="{}")
    anvisade: Mapped[str] = mapped_column(Text, default="{}")
    kalla: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime)
