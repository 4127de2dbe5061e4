"""Attestordning and delegationsordning versions with their rows, the prisbasbelopp table and the
register of delegationsbeslut (attachments stored as bytes in the file).

Adopted versions are immutable: triggers in migration 0004 refuse updates and deletes of an adopted
version and any change to its rows; a reported (anmält) delegationsbeslut is likewise frozen.
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
)
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class OrdningVersion(Base):
    """One version of the attestordning (kind 'attest') or the delegationsordning ('delegation')."""

    __tablename__ = "ordning_version"
    __table_args__ = (
        CheckConstraint("kind IN ('attest','delegation')", name="kind"),
        CheckConstraint("status IN ('utkast','antagen')", name="status"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    titel: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="utkast")
    adopted_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="RESTRICT"))
    adopted_text: Mapped[str] = mapped_column(String(200), default="")
    adopted_on: Mapped[date | None] = mapped_column(Date)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("ordning_version.id", ondelete="SET NULL"))
    adress: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AttestRowModel(Base):
    __tablename__ = "attest_row"
    __table_args__ = (
        CheckConstraint(
            "typ IN ('beslutsattest','mottagningsattest','utanordning','bokforingsorder','deklarationsombud')",
            name="typ",
        ),
        CheckConstraint("signers_required IN (1, 2)", name="signers"),
        CheckConstraint("maxbelopp_ore IS NULL OR maxbelopp_ore > 0", name="maxbelopp"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("ordning_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    typ: Mapped[str] = mapped_column(String(30))
    benamning: Mapped[str] = mapped_column(String(300))
    scope_kind: Mapped[str] = mapped_column(String(20), default="generell")
    scope_value: Mapped[str] = mapped_column(String(100), default="")
    avser: Mapped[str] = mapped_column(String(20), default="alla")
    ord_kind: Mapped[str | None] = mapped_column(String(10))
    ord_role: Mapped[str | None] = mapped_column(String(30))
    ord_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    ord_namn: Mapped[str] = mapped_column(String(200), default="")
    ers_kind: Mapped[str | None] = mapped_column(String(10))
    ers_role: Mapped[str | None] = mapped_column(String(30))
    ers_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    ers_namn: Mapped[str] = mapped_column(String(200), default="")
    signers_required: Mapped[int] = mapped_column(Integer, default=1)
    maxbelopp_ore: Mapped[int | None] = mapped_column(Integer)
    anmarkning: Mapped[str] = mapped_column(Text, default="")


class DelegationRowModel(Base):
    __tablename__ = "delegation_row"
    __table_args__ = (CheckConstraint("limit_kind IN ('ingen','kronor','pbb')", name="limit_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("ordning_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    arende: Mapped[str] = mapped_column(String(300))
    delegat_role: Mapped[str] = mapped_column(String(30))
    ersattare_role: Mapped[str | None] = mapped_column(String(30))
    limit_kind: Mapped[str] = mapped_column(String(10), default="ingen")
    limit_ore: Mapped[int | None] = mapped_column(Integer)
    limit_pbb_hundredths: Mapped[int | None] = mapped_column(Integer)
    anmalas: Mapped[bool] = mapped_column(Boolean, default=True)
    anteckning: Mapped[str] = mapped_column(Text, default="")


class Prisbasbelopp(Base):
    __tablename__ = "prisbasbelopp"
    __table_args__ = (CheckConstraint("belopp_ore > 0", name="positive"),)

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    belopp_ore: Mapped[int] = mapped_column(Integer)


class DelegationDecisionModel(Base):
    __tablename__ = "delegation_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    datum: Mapped[date] = mapped_column(Date, index=True)
    delegat_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    delegat_namn: Mapped[str] = mapped_column(String(200))
    row_id: Mapped[int | None] = mapped_column(ForeignKey("delegation_row.id", ondelete="RESTRICT"))
    arende: Mapped[str] = mapped_column(String(300))
    belopp_ore: Mapped[int | None] = mapped_column(Integer)
    beslut: Mapped[str] = mapped_column(Text, default="")
    diarienummer: Mapped[str] = mapped_column(String(50), default="")
    anmalan_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    anmalt_text: Mapped[str] = mapped_column(String(200), default="")
    anmalt_datum: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DelegationAttachment(Base):
    __tablename__ = "delegation_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("delegation_decision.id", ondelete="CASCADE"), index=True)
    filnamn: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    storlek: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
