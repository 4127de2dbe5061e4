"""Aktiviteter: the förbund's forum, frukostmöten, utbildningar, informationsinsatser hos medlemmar and
arbetsgrupper, with the participants planned and present per member organisation (counts only, no names).

Seed 002 writes them as "6 maj – Digitalt SAMSUS forum … (30p)" in the follow-up and as "6/5 2st" per member in the
lägesrapport; ``day_month`` and ``Deltagande.cell_text`` give those forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError

#: The largest count a single aktivitet may state (a typo guard: "1000000" deltagare is refused).
MAX_COUNT = 100_000


class AktivitetTyp(StrEnum):
    FORUM = "forum"
    FRUKOSTMOTE = "frukostmote"
    UTBILDNING = "utbildning"
    INFORMATION = "information"
    KONFERENS = "konferens"
    ARBETSGRUPP = "arbetsgrupp"
    OVRIGT = "ovrigt"

    @property
    def label(self) -> str:
        return TYP_LABELS[self]


TYP_LABELS = {
    AktivitetTyp.FORUM: "Forum",
    AktivitetTyp.FRUKOSTMOTE: "Frukostmöte",
    AktivitetTyp.UTBILDNING: "Utbildning",
    AktivitetTyp.INFORMATION: "Informationsinsats",
    AktivitetTyp.KONFERENS: "Konferens",
    AktivitetTyp.ARBETSGRUPP: "Arbetsgrupp",
    AktivitetTyp.OVRIGT: "Övrigt",
}


class Format(StrEnum):
    FYSISK = "fysisk"
    DIGITAL = "digital"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return {"fysisk": "Fysiskt", "digital": "Digitalt", "hybrid": "Hybrid"}[self.value]


@dataclass(frozen=True)
class Deltagande:
    """One member organisation's participants: planned and present (None = not known), and a note that the
    lägesrapport prints instead of "st" ("enhet") or after "JA" ("reko")."""

    member_id: int
    planerat: int | None = None
    faktiskt: int | None = None
    anteckning: str = ""
    member: str = ""  # the member's name (read only)

    def cell_text(self, datum: date) -> str:
        """ "6/5 2st", "6/5 1 enhet"; the date alone when no count is known."""
        if self.faktiskt is None:
            return day_month(datum)
        unit = f" {self.anteckning}" if self.anteckning else "st"
        return f"{day_month(datum)} {self.faktiskt}{unit}"


@dataclass(frozen=True)
class Aktivitet:
    id: int | None
    datum: date
    titel: str
    typ: AktivitetTyp = AktivitetTyp.FORUM
    arrangor: str = ""
    format: Format = Format.FYSISK
    malgrupp: str = ""
    planerat: int | None = None  # the planned number in all ("(30p)"), members and others
    ovriga: int = 0  # participants present who came from outside the member organisations
    anteckning: str = ""
    deltagande: tuple[Deltagande, ...] = ()

    @property
    def faktiskt(self) -> int | None:
        """Participants present in all; None when no count has been entered yet."""
        known = [d.faktiskt for d in self.deltagande if d.faktiskt is not None]
        if not known and not self.ovriga:
            return None
        return sum(known) + self.ovriga

    @property
    def planerat_totalt(self) -> int | None:
        """The stated planned number, else the members' planned numbers added up."""
        if self.planerat is not None:
            return self.planerat
        known = [d.planerat for d in self.deltagande if d.planerat is not None]
        return sum(known) if known else None

    def for_member(self, member_id: int) -> Deltagande | None:
        return next((d for d in self.deltagande if d.member_id == member_id), None)

    @property
    def summary(self) -> str:
        """ "6/5 Digitalt SAMSUS forum (30p)" as the mål- och uppföljningsrapport lists it."""
        text = f"{day_month(self.datum)} {self.titel}"
        if self.faktiskt is not None:
            return f"{text} ({self.faktiskt} deltagare)"
        if self.planerat_totalt is not None:
            return f"{text} ({self.planerat_totalt}p planerade)"
        return text

    @property
    def plan_text(self) -> str:
        """ "6/5 Digitalt SAMSUS forum (30p)": a coming aktivitet with its planned number, as seed 002 lists them."""
        text = f"{day_month(self.datum)} {self.titel}"
        return f"{text} ({self.planerat_totalt}p)" if self.planerat_totalt is not None else text


def day_month(d: date) -> str:
    """ "6/5" for 6 May (seed 002's form)."""
    return f"{d.day}/{d.month}"


def _count(value: int | None, field: str) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError("antalet kan inte vara negativt.", field)
    if value > MAX_COUNT:
        raise ValidationError(f"antalet {value} är orimligt stort (högst {MAX_COUNT}).", field)


def validate_aktivitet(a: Aktivitet, today: date | None = None, members: dict[int, str] | None = None) -> None:
    """Raise ``ValidationError`` (Swedish, naming the field) for what cannot be saved: an empty title, negative or
    absurd counts, participants present at an aktivitet that lies in the future, a member twice or unknown."""
    if not a.titel.strip():
        raise ValidationError("ange aktivitetens titel.", "Titel")
    if len(a.titel) > 300:
        raise ValidationError("titeln får vara högst 300 tecken.", "Titel")
    if not isinstance(a.datum, date):
        raise ValidationError("ange ett datum.", "Datum")
    _count(a.planerat, "Planerat antal")
    _count(a.ovriga, "Övriga deltagare")
    seen: set[int] = set()
    for d in a.deltagande:
        name = (members or {}).get(d.member_id, d.member) or f"medlem {d.member_id}"
        if members is not None and d.member_id not in members:
            raise ValidationError(f"medlemmen {name} finns inte.", "Deltagare")
        if d.member_id in seen:
            raise ValidationError(f"{name} står med två gånger.", "Deltagare")
        seen.add(d.member_id)
        _count(d.planerat, f"Planerat antal för {name}")
        _count(d.faktiskt, f"Antal deltagare för {name}")
    if today is not None and a.datum > today and (a.ovriga or any(d.faktiskt for d in a.deltagande)):
        raise ValidationError(
            f"aktiviteten är {a.datum.isoformat()}, efter dagens datum; faktiska deltagare kan anges först när den "
            "har ägt rum.",
            "Deltagare",
        )
