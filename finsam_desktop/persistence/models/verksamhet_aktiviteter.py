"""Verksamhet aktiviteter (forum, frukostmöten, utbildningar …) and their participants per member organisation:
counts only, never a participant's name."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class AktivitetRow(Base):
    __tablename__ = "verksamhet_aktivitet"
    __table_args__ = (
        CheckConstraint(
            "typ IN ('forum','frukostmote','utbildning','information','konferens','arbetsgrupp','ovrigt')", name="typ"
        ),
        CheckConstraint("format IN ('fysisk','digital','hybrid')", name="format"),
        CheckConstraint("(planerat IS NULL OR planerat >= 0) AND ovriga >= 0", name="antal"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    datum: Mapped[date] = mapped_column(Date, index=True)
    titel: Mapped[str] = mapped_column(String(300))
    typ: Mapped[str] = mapped_column(String(20), default="forum")
    arrangor: Mapped[str] = mapped_column(String(300), default="")
    format: Mapped[str] = mapped_column(String(10), default="fysisk")
    malgrupp: Mapped[str] = mapped_column(String(300), default="")
    planerat: Mapped[int | None] = mapped_column(Integer)
    ovriga: Mapped[int] = mapped_column(Integer, default=0)
    anteckning: Mapped[str] = mapped_column(Text, default="")


class AktivitetDeltagareRow(Base):
    """One member organisation's participants at one aktivitet (planned and present)."""

    __tablename__ = "verksamhet_aktivitet_deltagare"
    __table_args__ = (
        UniqueConstraint("aktivitet_id", "member_id"),
        CheckConstraint("(planerat IS NULL OR planerat >= 0) AND (faktiskt IS NULL OR faktiskt >= 0)", name="antal"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    aktivitet_id: Mapped[int] = mapped_column(ForeignKey("verksamhet_aktivitet.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    planerat: Mapped[int | None] = mapped_column(Integer)
    faktiskt: Mapped[int | None] = mapped_column(Integer)
    anteckning: Mapped[str] = mapped_column(String(100), default="")
