"""Changes to one occurrence of a series: its status, a moved date and a note (``OccurrenceOverride``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    PLANERAD = "planerad"
    KLAR = "klar"
    INSTALLD = "installd"

    @property
    def label(self) -> str:
        return {"planerad": "Planerad", "klar": "Klar", "installd": "Inställd"}[self.value]


@dataclass(frozen=True)
class OccurrenceOverride:
    """A per-occurrence change: status, a moved date, a note."""

    event_id: int
    key: str
    status: Status = Status.PLANERAD
    moved_to: date | None = None
    note: str = ""
    revision: int = 0

    @property
    def is_default(self) -> bool:
        return self.status is Status.PLANERAD and self.moved_to is None and not self.note


def with_status(o: OccurrenceOverride, status: Status) -> OccurrenceOverride:
    return replace(o, status=status)
