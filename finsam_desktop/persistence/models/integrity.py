"""Seals of decided records (migration 0008): the content hash of a fastställd budget, an adopted ordning, risk
analysis or kontrollplan, a reported delegationsbeslut — with the canonical content it was taken over.

The table is append-only (triggers) and hash-chained like the audit log; see ``persistence/integrity.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from finsam_desktop.persistence.base import Base


class RecordSeal(Base):
    __tablename__ = "record_seal"
    __table_args__ = (UniqueConstraint("kind", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int] = mapped_column(Integer)
    sealed_at: Mapped[datetime] = mapped_column(DateTime)
    #: {table: [columns]} that were hashed, so a later column does not change an old seal.
    spec: Mapped[str] = mapped_column(Text)
    canonical_json: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))
