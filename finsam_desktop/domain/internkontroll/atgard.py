"""Stickprov: the åtgärd recorded in the review for one population finding — who (ansvarig), by when
(senast), what is to be done (beskrivning) and its status, with a motivering when it is closed. An open
åtgärd whose date has passed is *försenad*; that is computed from the day asked about, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError


class AtgardStatus(StrEnum):
    OPPEN = "oppen"
    PAGAR = "pagar"
    ATGARDAD = "atgardad"
    INGEN_ATGARD = "ingen_atgard"

    @property
    def label(self) -> str:
        return {
            "oppen": "Öppen",
            "pagar": "Pågår",
            "atgardad": "Åtgärdad",
            "ingen_atgard": "Ingen åtgärd behövs",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in (AtgardStatus.OPPEN, AtgardStatus.PAGAR)


FORSENAD = "Försenad"


@dataclass(frozen=True, slots=True)
class Atgard:
    """``beskrivning``: what is to be done; ``motivering``: what was done (åtgärdad) or why nothing is needed."""

    ansvarig: str
    senast: date | None
    status: AtgardStatus
    beskrivning: str = ""
    motivering: str = ""

    def forsenad(self, today: date) -> bool:
        """Still open after its last day."""
        return self.status.is_open and self.senast is not None and self.senast < today

    def status_text(self, today: date) -> str:
        return f"{FORSENAD} ({self.status.label.lower()})" if self.forsenad(today) else self.status.label


def validate_atgard(a: Atgard) -> Atgard:
    """Refuse an åtgärd a reader could not follow up; returns it with its texts trimmed."""
    status = AtgardStatus(a.status)
    ansvarig = (a.ansvarig or "").strip()
    beskrivning = (a.beskrivning or "").strip()
    motivering = (a.motivering or "").strip()
    if status is AtgardStatus.INGEN_ATGARD:
        if not motivering:
            raise ValidationError("motivera varför ingen åtgärd behövs.", "Motivering")
        return Atgard(ansvarig, a.senast, status, beskrivning, motivering)
    if not ansvarig:
        raise ValidationError("ange vem som ansvarar för åtgärden.", "Ansvarig")
    if not beskrivning:
        raise ValidationError("beskriv vad som ska göras.", "Beskrivning")
    if status.is_open and a.senast is None:
        raise ValidationError("ange senast vilket datum åtgärden ska vara klar.", "Senast")
    if status is AtgardStatus.ATGARDAD and not motivering:
        raise ValidationError("beskriv vad som har gjorts.", "Motivering")
    return Atgard(ansvarig, a.senast, status, beskrivning, motivering)
