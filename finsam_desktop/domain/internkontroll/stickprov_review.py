"""Stickprov: the reviewers' record of each drawn item (OK or avvikelse, with comment and åtgärd)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError


class Bedomning(StrEnum):
    EJ_GRANSKAD = ""
    OK = "ok"
    AVVIKELSE = "avvikelse"

    @property
    def label(self) -> str:
        return {"": "Ej granskad", "ok": "OK", "avvikelse": "Avvikelse"}[self.value]


@dataclass(frozen=True, slots=True)
class ItemReview:
    granskad_av: str
    datum: date
    bedomning: Bedomning
    kommentar: str = ""
    atgard: str = ""


def validate_item_review(review: ItemReview, auto_findings: Sequence[str] = ()) -> ItemReview:
    if not (review.granskad_av or "").strip():
        raise ValidationError("ange vem som granskat posten.", "Granskad av")
    b = Bedomning(review.bedomning)
    if b is Bedomning.EJ_GRANSKAD:
        raise ValidationError("välj OK eller Avvikelse.", "Bedömning")
    if b is Bedomning.AVVIKELSE and not (review.kommentar or "").strip():
        raise ValidationError("beskriv avvikelsen.", "Kommentar")
    if b is Bedomning.OK and auto_findings and not (review.kommentar or "").strip():
        raise ValidationError(
            "den automatiska kontrollen hittade fel; förklara i kommentaren varför posten ändå är OK.", "Kommentar"
        )
    return ItemReview(
        review.granskad_av.strip(), review.datum, b, (review.kommentar or "").strip(), (review.atgard or "").strip()
    )
