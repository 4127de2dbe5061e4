"""Budget area tables: budget versions with sections and lines, stated totals from documents,
follow-ups (prognos/utfall per line), imported utfall per month, insatser with grants and payments,
and the year's state allocation and opening eget kapital.

An adopted (fastställd) budget is locked by triggers in migration 0006; a revision is a new version
that points to the one it replaces.
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


class BudgetYearRow(Base):
    """Per year: FK's besked on the state allocation and the opening eget kapital."""

    __tablename__ = "budget_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    state_allocation_ore: Mapped[int | None] = mapped_column(Integer)
    besked_datum: Mapped[date | None] = mapped_column(Date)
    ek_opening_ore: Mapped[int | None] = mapped_column(Integer)
    ek_note: Mapped[str] = mapped_column(Text, default="")


class BudgetRow(Base):
    __tablename__ = "budget"
    __table_args__ = (
        UniqueConstraint("year", "version"),
        CheckConstraint("status IN ('forslag','faststalld')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="forslag")
    unit_note: Mapped[str] = mapped_column(String(100), default="")
    adopted_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    adopted_text: Mapped[str] = mapped_column(String(300), default="")
    adopted_on: Mapped[date | None] = mapped_column(Date)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class BudgetSectionRow(Base):
    __tablename__ = "budget_section"
    __table_args__ = (CheckConstraint("kind IN ('intakt','kostnad')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"), index=True)
    namn: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)
    default_class: Mapped[str | None] = mapped_column(String(20))


class BudgetLineRow(Base):
    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("budget_id", "kod"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("budget_section.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("budget_line.id", ondelete="CASCADE"))
    kod: Mapped[str] = mapped_column(String(40))
    namn: Mapped[str] = mapped_column(String(300))
    line_class: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    budget_ore: Mapped[int | None] = mapped_column(Integer)
    plan1_ore: Mapped[int | None] = mapped_column(Integer)
    plan2_ore: Mapped[int | None] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    insats_id: Mapped[int | None] = mapped_column(ForeignKey("insats.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")


class BudgetFollowupRow(Base):
    """A budgetuppföljning per a date (e.g. per 2026-03-31)."""

    __tablename__ = "budget_followup"
    __table_args__ = (UniqueConstraint("year", "per"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    per: Mapped[date] = mapped_column(Date)
    comment: Mapped[str] = mapped_column(Text, default="")


class BudgetStatedTotalRow(Base):
    """A total as printed in an old document (budget or follow-up), kept beside the computed one."""

    __tablename__ = "budget_stated_total"
    __table_args__ = (CheckConstraint("scope IN ('avsnitt','intakter','kostnader','resultat')", name="scope"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"), index=True)
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("budget_followup.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("budget_section.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(20))
    measure: Mapped[str] = mapped_column(String(20))
    amount_ore: Mapped[int] = mapped_column(Integer)


class BudgetFollowupLineRow(Base):
    """What the user entered for one line (by code) in one follow-up."""

    __tablename__ = "budget_followup_line"
    __table_args__ = (UniqueConstraint("followup_id", "kod"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    followup_id: Mapped[int] = mapped_column(ForeignKey("budget_followup.id", ondelete="CASCADE"), index=True)
    kod: Mapped[str] = mapped_column(String(40))
    utfall_ore: Mapped[int | None] = mapped_column(Integer)
    utfall_note: Mapped[str] = mapped_column(Text, default="")
    prognos_ore: Mapped[int | None] = mapped_column(Integer)
    prognos_comment: Mapped[str] = mapped_column(Text, default="")
    helar_ore: Mapped[int | None] = mapped_column(Integer)
    helar_comment: Mapped[str] = mapped_column(Text, default="")


class BudgetPeriodiseringRow(Base):
    """How a budget line (by code, per year) is periodised in the follow-up; no row: linear. Kept beside the
    budget, not in it, so that it can be set after the budget is fastställd and survives a revision."""

    __tablename__ = "budget_periodisering"
    __table_args__ = (UniqueConstraint("year", "kod"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kod: Mapped[str] = mapped_column(String(40))
    profil: Mapped[str] = mapped_column(String(300))


class UtfallImportRow(Base):
    """One utfall import (a batch): what it added is in ``budget_utfall_rad`` (its ``import_id``), what it
    replaced in ``budget_utfall_ersatt``; ``undone_at`` is set when it was undone."""

    __tablename__ = "budget_utfall_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    year: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    mapping_name: Mapped[str] = mapped_column(String(100), default="")
    months: Mapped[str] = mapped_column(String(100))
    row_count: Mapped[int] = mapped_column(Integer)
    total_ore: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    tecken: Mapped[str] = mapped_column(String(10), server_default="budget", default="budget")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class UtfallKeyRow(Base):
    """Imported utfall per month, konto and kostnadsställe (in the budget's sign) and the line it maps to.
    Rows from before this table have empty konto and kst (only the line code and month were kept)."""

    __tablename__ = "budget_utfall_rad"
    __table_args__ = (
        UniqueConstraint("year", "month", "konto", "kst", "kod"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    month: Mapped[int] = mapped_column(Integer)
    konto: Mapped[str] = mapped_column(String(40), default="")
    kst: Mapped[str] = mapped_column(String(40), default="")
    kod: Mapped[str] = mapped_column(String(40))
    amount_ore: Mapped[int] = mapped_column(Integer)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("budget_utfall_import.id", ondelete="SET NULL"))


class UtfallReplacedRow(Base):
    """A key's amount that an import replaced, kept so that undoing the import restores it exactly."""

    __tablename__ = "budget_utfall_ersatt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("budget_utfall_import.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    konto: Mapped[str] = mapped_column(String(40), default="")
    kst: Mapped[str] = mapped_column(String(40), default="")
    kod: Mapped[str] = mapped_column(String(40))
    amount_ore: Mapped[int] = mapped_column(Integer)
    from_import_id: Mapped[int | None] = mapped_column(Integer)


class UtfallMonthRow(Base):
    """Imported utfall per budget line code and month: the sum of ``budget_utfall_rad`` (kept in step by the
    import and its undo; what the follow-up reads)."""

    __tablename__ = "budget_utfall"
    __table_args__ = (
        UniqueConstraint("year", "kod", "month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kod: Mapped[str] = mapped_column(String(40))
    month: Mapped[int] = mapped_column(Integer)
    amount_ore: Mapped[int] = mapped_column(Integer)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("budget_utfall_import.id", ondelete="SET NULL"))


class InsatsRow(Base):
    """One insats for Budget and Verksamhet alike (migration 0014 added the Verksamhet columns). Its type is
    ``line_class`` (individinriktad/strukturell) plus ``samverkansstod`` (a structural insats that is stöd för
    samverkan); a delprojekt points to its insats with ``parent_id``."""

    __tablename__ = "insats"
    __table_args__ = (
        CheckConstraint("status IN ('planerad','pagaende','implementering','forvaltning','avslutad')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    namn: Mapped[str] = mapped_column(String(300))
    huvudman: Mapped[str] = mapped_column(String(300), default="")
    samverkansparter: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[date | None] = mapped_column(Date)
    slut: Mapped[date | None] = mapped_column(Date)
    line_class: Mapped[str] = mapped_column(String(20), default="individinriktad")
    budget_kod: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(20), default="planerad")
    beskrivning: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("insats.id", ondelete="RESTRICT"))
    samverkansstod: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    projektagare: Mapped[str] = mapped_column(String(300), default="", server_default="")
    syfte: Mapped[str] = mapped_column(Text, default="", server_default="")
    mal: Mapped[str] = mapped_column(Text, default="", server_default="")
    malgrupp_alder_fran: Mapped[int | None] = mapped_column(Integer)
    malgrupp_alder_till: Mapped[int | None] = mapped_column(Integer)
    malgrupp_kommuner: Mapped[str] = mapped_column(Text, default="", server_default="")
    malgrupp_grupper: Mapped[str] = mapped_column(Text, default="", server_default="")
    malgrupp_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    stated_fte_x100: Mapped[int | None] = mapped_column(Integer)


class InsatsGrantRow(Base):
    """Beviljade medel for one year, granted at a §."""

    __tablename__ = "insats_grant"
    __table_args__ = (CheckConstraint("amount_ore > 0", name="amount"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insats_id: Mapped[int] = mapped_column(ForeignKey("insats.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    amount_ore: Mapped[int] = mapped_column(Integer)
    mottagare: Mapped[str] = mapped_column(String(300), default="")
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    beslut_text: Mapped[str] = mapped_column(String(300), default="")
    villkor: Mapped[str] = mapped_column(Text, default="")
    villkorad: Mapped[bool] = mapped_column(Boolean, default=False)
    payout_rule: Mapped[str] = mapped_column(String(40), default="halv_avtal_halv_redovisning")
    avtal_on: Mapped[date | None] = mapped_column(Date)
    redovisning_on: Mapped[date | None] = mapped_column(Date)


class InsatsPaymentRow(Base):
    __tablename__ = "insats_payment"
    __table_args__ = (UniqueConstraint("grant_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("insats_grant.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    amount_ore: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date | None] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(300), default="")
    paid_on: Mapped[date | None] = mapped_column(Date)
