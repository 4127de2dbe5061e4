"""Display helpers shared by the UI (thin wrappers over the domain's Swedish formats)."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.money import format_kr

__all__ = ["date_text", "format_kr", "iso"]


def date_text(d: date | None) -> str:
    return iso(d) if d else "–"
