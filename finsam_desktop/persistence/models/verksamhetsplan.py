"""The verksamhetsplan per plan year: its sections (from a template, texts editable), the activity rows of its
activity tables, a budget table typed as an old document prints it, and the PDF stored at the adoption.

Once the plan is antagen (at a styrelse §) the plan, its sections, rows and stored PDF are locked by triggers
(migration 0018)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
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


class VPlanRow(Base):
    __tablename__ = "vplan"
    __table_args__ = (
        UniqueConstraint("year"),
        CheckConstraint("status IN ('utkast','antagen')", name="status"),
        CheckConstraint("mall IN ('seed000','seed001')", name="mall"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    titel: Mapped[str] = mapped_column(String(300), default="")
    mall: Mapped[str] = mapped_column(String(20), default="seed000")
    status: Mapped[str] = mapped_column(String(20), default="utkast")
    adopted_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    adopted_text: Mapped[str] = mapped_column(String(300), default="")
    adopted_on: Mapped[date | None] = mapped_column(Date)
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("vplan.id", ondelete="SET NULL"))
    #: The typed budget table's columns as JSON ``[{"label", "year", "kind"}]``; "" = none typed.
    budget_kolumner: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class VPlanSectionRow(Base):
    __tablename__ = "vplan_section"
    __table_args__ = (
        UniqueConstraint("plan_id", "key"),
        CheckConstraint("level IN (1, 2)", name="level"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("vplan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(60))
    level: Mapped[int] = mapped_column(Integer, default=1)
    heading: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="text")
    typ: Mapped[str] = mapped_column(String(30), default="")
    bilaga: Mapped[bool] = mapped_column(default=False)
    numbered: Mapped[bool] = mapped_column(default=True)
    body: Mapped[str] = mapped_column(Text, default="")


class VPlanAktivitetRow(Base):
    """One row of an activity table in a section: ``Vad | Vem ansvarar | Tillfällena | Hur | För vem`` (or
    ``Vad | Vem ansvarar | När | Uppföljning`` for the omvärldsbevakning table)."""

    __tablename__ = "vplan_aktivitet"
    __table_args__ = (CheckConstraint("tabell IN ('aktiviteter','bevakning')", name="tabell"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("vplan.id", ondelete="CASCADE"), index=True)
    section_key: Mapped[str] = mapped_column(String(60))
    insats_id: Mapped[int | None] = mapped_column(ForeignKey("insats.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    tabell: Mapped[str] = mapped_column(String(20), default="aktiviteter")
    vad: Mapped[str] = mapped_column(Text)
    vem: Mapped[str] = mapped_column(Text, default="")
    tillfallen: Mapped[str] = mapped_column(String(100), default="")
    hur: Mapped[str] = mapped_column(Text, default="")
    for_vem: Mapped[str] = mapped_column(Text, default="")
    nar: Mapped[str] = mapped_column(String(200), default="")
    uppfoljning: Mapped[str] = mapped_column(Text, default="")


class VPlanBudgetRow(Base):
    """A row of the typed budget table; ``belopp`` is JSON, one öre amount or null per column."""

    __tablename__ = "vplan_budget_rad"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("vplan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(300), default="")
    ref: Mapped[str] = mapped_column(String(300), default="")
    belopp: Mapped[str] = mapped_column(Text, default="[]")


class VPlanDocumentRow(Base):
    """The adopted plan's PDF, rendered once at the adoption; never changed or removed (triggers)."""

    __tablename__ = "vplan_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("vplan.id", ondelete="RESTRICT"), unique=True)
    pdf_data: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
