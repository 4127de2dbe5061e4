"""The insats as the Verksamhet area sees it: its type (one truth with Budget's line class), målgrupp and
co-financing. The förbund's own money is Budget's beviljade medel (``insats_grant``), never stored twice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from finsam_desktop.domain.budget.lines import LineClass
from finsam_desktop.domain.common.errors import ValidationError


class InsatsTyp(StrEnum):
    INDIVIDINRIKTAD = "individinriktad"
    STRUKTURELL = "strukturell"
    STOD_FOR_SAMVERKAN = "stod_for_samverkan"

    @property
    def label(self) -> str:
        return INSATS_TYP_LABELS[self]

    @property
    def line_class(self) -> LineClass:
        """The budget class of the type: stöd för samverkan is a structural cost in the budget."""
        return LineClass.INDIVIDINRIKTAD if self is InsatsTyp.INDIVIDINRIKTAD else LineClass.STRUKTURELL


INSATS_TYP_LABELS = {
    InsatsTyp.INDIVIDINRIKTAD: "Individinriktad",
    InsatsTyp.STRUKTURELL: "Strukturell",
    InsatsTyp.STOD_FOR_SAMVERKAN: "Stöd för samverkan",
}


def typ_of(line_class: str | LineClass, samverkansstod: bool) -> InsatsTyp | None:
    """The type stored as Budget's line class plus the flag ``samverkansstod``; None for an administration line."""
    cls = LineClass(line_class)
    if cls is LineClass.INDIVIDINRIKTAD:
        return InsatsTyp.INDIVIDINRIKTAD
    if cls is LineClass.STRUKTURELL:
        return InsatsTyp.STOD_FOR_SAMVERKAN if samverkansstod else InsatsTyp.STRUKTURELL
    return None


class Finansiar(StrEnum):
    """Co-financing beside the förbund's own beviljade medel."""

    ESF = "esf"
    ANNAN = "annan"

    @property
    def label(self) -> str:
        return "ESF" if self is Finansiar.ESF else "Annan medfinansiering"


#: The målgrupper named in the seeds (000 §4), offered as choices; free text is kept beside them.
MALGRUPPER = (
    "Unga vuxna (16–29 år)",
    "Individer med svårdefinierat behov",
    "Långtidssjukskrivna",
    "Psykisk ohälsa",
    "Nyanlända",
)


@dataclass(frozen=True)
class Malgrupp:
    alder_fran: int | None = None
    alder_till: int | None = None
    kommuner: tuple[str, ...] = ()
    grupper: tuple[str, ...] = ()
    text: str = ""

    def validate(self) -> None:
        for value, label in ((self.alder_fran, "Ålder från"), (self.alder_till, "Ålder till")):
            if value is not None and not 0 <= value <= 120:
                raise ValidationError("måste vara en ålder mellan 0 och 120 år.", f"Målgrupp: {label}")
        if self.alder_fran is not None and self.alder_till is not None and self.alder_till < self.alder_fran:
            raise ValidationError(
                f"åldern till ({self.alder_till}) är lägre än åldern från ({self.alder_fran}).", "Målgrupp"
            )

    @property
    def summary(self) -> str:
        parts = []
        if self.alder_fran is not None or self.alder_till is not None:
            parts.append(f"{self.alder_fran if self.alder_fran is not None else ''}–{self.alder_till or ''} år")
        if self.kommuner:
            parts.append("boende i " + ", ".join(self.kommuner))
        parts.extend(self.grupper)
        if self.text.strip():
            parts.append(self.text.strip())
        return "; ".join(parts)
