"""The verksamhetsplan's outline: the two seed templates as sections, what each section generates, headings with
the plan years filled in, and the numbering the documents print.

A heading may hold ``{ar}``, ``{ar1}``, ``{ar2}`` (the plan year and the two after it) and ``{forbund}``; they are
filled in when the plan is shown, so a plan copied to the next year never keeps last year's years in its headings
(seed 000's årshjul shows what copying by hand does).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError


class PlanStatus(StrEnum):
    UTKAST = "utkast"
    ANTAGEN = "antagen"

    @property
    def label(self) -> str:
        return {"utkast": "Utkast", "antagen": "Antagen"}[self.value]


class SectionKind(StrEnum):
    """What a section shows after its text: nothing, or a table generated from the data."""

    TEXT = "text"
    AKTIVITETER = "aktiviteter"  # the plan's activity rows (Vad | Vem ansvarar | Tillfällena | Hur | För vem)
    INSATSER = "insatser"  # insatser with Syfte/Mål, målgrupp, financing and staffing (FTE sums)
    INDIKATORER = "indikatorer"  # goals and indicators, target (latest actual)
    BUDGET = "budget"  # the budget with the plan years (Budget's, or the plan's typed table)
    ARSHJUL = "arshjul"  # the year's events
    RISKANALYS = "riskanalys"  # the risk analysis of Intern kontroll

    @property
    def label(self) -> str:
        return {
            "text": "Text",
            "aktiviteter": "Text + aktivitetstabell",
            "insatser": "Text + insatser",
            "indikatorer": "Text + mål och indikatorer",
            "budget": "Text + budget",
            "arshjul": "Text + årshjul",
            "riskanalys": "Text + riskanalys",
        }[self.value]


class Template(StrEnum):
    SEED000 = "seed000"
    SEED001 = "seed001"

    @property
    def label(self) -> str:
        return {
            "seed000": "Verksamhetsplan och budget (Förord · Bakgrund · … · Bilagor)",
            "seed001": "Verksamhetsplan med budgetram (Inledning · Uppdrag · Organisation · …)",
        }[self.value]


@dataclass(frozen=True)
class SectionDef:
    """One section of a template. ``typ`` limits an INSATSER section to one insats type ("" = every type)."""

    key: str
    level: int
    heading: str
    kind: SectionKind = SectionKind.TEXT
    bilaga: bool = False
    numbered: bool = True
    typ: str = ""


_S = SectionDef
K = SectionKind

TEMPLATES: dict[Template, tuple[SectionDef, ...]] = {
    Template.SEED000: (
        _S("forord", 1, "Förord", numbered=False),
        _S("bakgrund", 1, "Bakgrund samordningsförbund"),
        _S("forbundet", 1, "{forbund}"),
        _S("andamal", 1, "Ändamål och syfte"),
        _S("andamal_strukturella", 2, "Strukturella insatser – syfte"),
        _S("andamal_individ", 2, "Individinsatser – syfte"),
        _S("malgrupper", 1, "Målgrupper {ar}"),
        _S("planerade", 1, "Planerade insatser {ar}"),
        _S("strukturella", 2, "Strukturella insatser", K.AKTIVITETER),
        _S("individinsatser", 2, "Individinsatser", K.INSATSER, typ="individinriktad"),
        _S("uppfoljning", 1, "Uppföljning", K.INDIKATORER),
        _S("budget", 1, "Budgetplan {ar} med prognos för {ar1} och {ar2}", K.BUDGET),
        _S("bilaga_arshjul", 1, "Årshjul för {forbund} {ar}", K.ARSHJUL, bilaga=True),
        _S("bilaga_risk", 1, "Riskanalys {ar} och {ar1}", K.RISKANALYS, bilaga=True),
    ),
    Template.SEED001: (
        _S("inledning", 1, "Inledning"),
        _S("uppdrag", 1, "Uppdrag"),
        _S("vision", 2, "Vision och övergripande mål", K.INDIKATORER, typ="forbund"),
        _S("omvarld", 2, "Omvärldsanalys"),
        _S("organisation", 1, "Organisation"),
        _S("styrelse", 2, "Styrelse"),
        _S("revision", 2, "Revision"),
        _S("kansli", 2, "Kansli"),
        _S("beredningsgrupp", 2, "Beredningsgrupp"),
        _S("verksamhetsplan", 1, "Verksamhetsplan {ar}"),
        _S("fokus", 2, "Fokusområden"),
        _S("insatser", 2, "Insatser", K.INSATSER),
        _S("samverkan", 2, "Stöd för samverkan", K.AKTIVITETER),
        _S("budgetram", 1, "Budgetram {ar}–{ar2}"),
        _S("forutsattningar", 2, "Ekonomiska förutsättningar"),
        _S("askande", 2, "Äskande av medel och tilldelning"),
        _S("intakter_kostnader", 2, "Intäkter och kostnader", K.BUDGET),
    ),
}


def fill_heading(heading: str, year: int, forbund: str) -> str:
    return (
        heading.replace("{ar}", str(year))
        .replace("{ar1}", str(year + 1))
        .replace("{ar2}", str(year + 2))
        .replace("{forbund}", forbund or "Förbundet")
    )


def validate_heading(heading: str) -> str:
    text = " ".join(heading.split())
    if not text:
        raise ValidationError("en rubrik får inte vara tom.", "Rubrik")
    if len(text) > 300:
        raise ValidationError("rubriken är för lång (högst 300 tecken).", "Rubrik")
    return text


def validate_year(year: int) -> int:
    if not 2000 <= int(year) <= 2200:
        raise ValidationError(f"året {year} är inte rimligt.", "Planår")
    return int(year)


@dataclass(frozen=True)
class Numbered:
    key: str
    number: str  # "3.1", "Bilaga 1", "" (Förord)
    level: int


def numbering(sections: list[tuple[str, int, bool, bool]]) -> list[Numbered]:
    """``(key, level, bilaga, numbered)`` in order → the printed numbers: 1, 1.1, 1.2, 2 … for the body, "Bilaga N"
    for the bilagor (their sub-sections unnumbered), nothing for an unnumbered section such as the Förord."""
    out: list[Numbered] = []
    top = sub = bilaga = 0
    in_bilaga = False
    for key, level, is_bilaga, numbered in sections:
        if level == 1:
            in_bilaga = is_bilaga
            if is_bilaga:
                bilaga += 1
                out.append(Numbered(key, f"Bilaga {bilaga}", 1))
                continue
            if not numbered:
                out.append(Numbered(key, "", 1))
                continue
            top, sub = top + 1, 0
            out.append(Numbered(key, str(top), 1))
        else:
            if in_bilaga or not numbered or top == 0:
                out.append(Numbered(key, "", level))
                continue
            sub += 1
            out.append(Numbered(key, f"{top}.{sub}", level))
    return out
