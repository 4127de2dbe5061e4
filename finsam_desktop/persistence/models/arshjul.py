"""Årshjul tables: categories (rings), event series and per-occurrence changes."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class ArshjulCategory(Base):
    """A ring of the wheel with its colour."""

    __tablename__ = "arshjul_category"
    __table_args__ = (CheckConstraint("length(farg) = 7 AND substr(farg, 1, 1) = '#'", name="farg"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    namn: Mapped[str] = mapped_column(String(100))
    farg: Mapped[str] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ArshjulEvent(Base):
    """An event series of one year: a date (or range), a recurrence rule (JSON) or a relative date."""

    __tablename__ = "arshjul_event"
    __table_args__ = (
        CheckConstraint("adjust IN ('tidigare','senare','ingen')", name="adjust"),
        CheckConstraint("offset_unit IN ('dagar','veckor')", name="offset_unit"),
        CheckConstraint(
            "(start_date IS NOT NULL) + (rule <> '') "
            "+ (anchor_event_id IS NOT NULL OR anchor_organ_id IS NOT NULL) = 1",
            name="one_kind",
        ),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
        CheckConstraint("duration_days >= 0", name="duration"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(300))
    short: Mapped[str] = mapped_column(String(24), default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("arshjul_category.id", ondelete="RESTRICT"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    duration_days: Mapped[int] = mapped_column(Integer, default=0)
    starttid: Mapped[time | None] = mapped_column(Time)
    sluttid: Mapped[time | None] = mapped_column(Time)
    responsible: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    rule: Mapped[str] = mapped_column(Text, default="")
    anchor_event_id: Mapped[int | None] = mapped_column(ForeignKey("arshjul_event.id", ondelete="RESTRICT"), index=True)
    anchor_organ_id: Mapped[int | None] = mapped_column(ForeignKey("organ.id", ondelete="RESTRICT"))
    offset_value: Mapped[int] = mapped_column(Integer, default=0)
    offset_unit: Mapped[str] = mapped_column(String(10), default="dagar")
    legal_rule: Mapped[str] = mapped_column(String(20), default="")
    adjust: Mapped[str] = mapped_column(String(10), default="tidigare")
    link_kind: Mapped[str] = mapped_column(String(20), default="")
    link_id: Mapped[int | None] = mapped_column(Integer)
    link_text: Mapped[str] = mapped_column(String(300), default="")
    template_key: Mapped[str] = mapped_column(String(60), default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    revision: Mapped[int] = mapped_column(Integer, default=0)


class ArshjulOccurrence(Base):
    """What happened to one occurrence of a series: its status, a moved date, a note."""

    __tablename__ = "arshjul_occurrence"
    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("status IN ('planerad','klar','installd')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("arshjul_event.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default="planerad")
    moved_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
