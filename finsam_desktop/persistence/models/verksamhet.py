"""Verksamhet tables on top of Budget's ``insats``: personalresurser, styrgrupp and co-financing per year.

The förbund's own money for an insats is Budget's ``insats_grant`` (beviljade medel per year at a §); this module
only holds what others finance (ESF, a member's medfinansiering).
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class InsatsPersonalRow(Base):
    """A staffing row: ``antal`` persons in a role at an organisation, each at ``procent_x100`` / 100 %."""

    __tablename__ = "insats_personal"
    __table_args__ = (
        CheckConstraint("antal >= 1", name="antal"),
        CheckConstraint("procent_x100 >= 0", name="procent"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insats_id: Mapped[int] = mapped_column(ForeignKey("insats.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    roll: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(300), default="")
    antal: Mapped[int] = mapped_column(Integer, default=1)
    procent_x100: Mapped[int] = mapped_column(Integer, default=0)
    notering: Mapped[str] = mapped_column(Text, default="")


class InsatsStyrgruppRow(Base):
    __tablename__ = "insats_styrgrupp"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insats_id: Mapped[int] = mapped_column(ForeignKey("insats.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    namn: Mapped[str] = mapped_column(String(300), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    roll: Mapped[str] = mapped_column(String(300), default="")


class InsatsFinansieringRow(Base):
    """Co-financing of an insats for one year from someone other than the förbund."""

    __tablename__ = "insats_finansiering"
    __table_args__ = (
        UniqueConstraint("insats_id", "year", "finansiar", "namn"),
        CheckConstraint("finansiar IN ('esf','annan')", name="finansiar"),
        CheckConstraint("amount_ore >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insats_id: Mapped[int] = mapped_column(ForeignKey("insats.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    finansiar: Mapped[str] = mapped_column(String(20))
    namn: Mapped[str] = mapped_column(String(300), default="")
    amount_ore: Mapped[int] = mapped_column(Integer)
