"""Delegationsordning and delegationsbeslut: what the styrelse has delegated, to whom, up to which
limit (kronor or a multiple of the year's prisbasbelopp), and whether a decision stays within it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.organisation.model import Role

#: Prisbasbelopp (socialförsäkringsbalken 2 kap. 6–8 §§); the user can edit and add years.
DEFAULT_PRISBASBELOPP: dict[int, Decimal] = {
    2019: Decimal(46500),
    2020: Decimal(47300),
    2021: Decimal(47600),
    2022: Decimal(48300),
    2023: Decimal(52500),
    2024: Decimal(57300),
    2025: Decimal(58800),
    2026: Decimal(59200),
}


class LimitKind(StrEnum):
    INGEN = "ingen"
    KRONOR = "kronor"
    PRISBASBELOPP = "pbb"

    @property
    def label(self) -> str:
        return {"ingen": "Ingen beloppsgräns", "kronor": "Kronor", "pbb": "Prisbasbelopp"}[self.value]


@dataclass(frozen=True, slots=True)
class Limit:
    kind: LimitKind = LimitKind.INGEN
    value: Decimal | None = None  # kronor, or the multiple of the prisbasbelopp

    @property
    def text(self) -> str:
        if self.kind is LimitKind.INGEN or self.value is None:
            return "–"
        if self.kind is LimitKind.KRONOR:
            return format_kr(self.value)
        multiple = format(self.value.normalize(), "f").replace(".", ",")
        return f"{multiple} prisbasbelopp" if self.value != 1 else "ett prisbasbelopp"

    def amount_in(self, year: int, pbb: Mapping[int, Decimal]) -> Decimal | None:
        """The limit in kronor for a decision in ``year``; None if there is no limit.

        Raises ValidationError when the prisbasbelopp for the year is missing."""
        if self.kind is LimitKind.INGEN or self.value is None:
            return None
        if self.kind is LimitKind.KRONOR:
            return self.value
        if year not in pbb:
            raise ValidationError(
                f"prisbasbeloppet för {year} saknas; lägg till det i tabellen över prisbasbelopp.",
                "Prisbasbelopp",
            )
        return (self.value * pbb[year]).quantize(Decimal("0.01"))

    def validate(self) -> None:
        if self.kind is not LimitKind.INGEN:
            if self.value is None or self.value <= 0:
                raise ValidationError("ange en gräns större än noll.", "Beloppsgräns")


@dataclass(frozen=True, slots=True)
class DelegationRow:
    id: int
    position: int
    arende: str
    delegat: Role
    ersattare: Role | None = None
    limit: Limit = Limit()
    anmalas: bool = True
    anteckning: str = ""

    @property
    def delegat_text(self) -> str:
        return self.delegat.label

    @property
    def ersattare_text(self) -> str:
        return self.ersattare.label if self.ersattare else ""


#: Kommunallagen 6 kap. 38 §: matters a nämnd may not delegate.
KL_6_38 = (
    ("mal", "Ärenden som avser verksamhetens mål, inriktning, omfattning eller kvalitet"),
    (
        "yttrande",
        "Framställningar eller yttranden till fullmäktige (och yttranden när beslut av nämnden "
        "i dess helhet eller av fullmäktige har överklagats)",
    ),
    (
        "myndighet",
        "Ärenden som rör myndighetsutövning mot enskilda, om de är av principiell "
        "beskaffenhet eller annars av större vikt",
    ),
    ("medborgarforslag", "Ärenden som väckts genom medborgarförslag och som överlåtits till nämnden"),
    ("lag", "Ärenden som enligt lag eller annan författning inte får delegeras"),
)

_KL_PATTERNS = {
    "mal": r"\b(mål|målsättning|inriktning|verksamhetsplan|budget|omfattning|kvalitet)\w*",
    "yttrande": r"\b(yttrande|framställning|remissvar)\w*",
    "myndighet": r"\bmyndighetsutövning\w*",
    "medborgarforslag": r"\bmedborgarförslag\w*",
    "lag": r"\b(årsredovisning|ansvarsfrihet|delegationsordning|attestordning|reglemente)\w*",
}


def kl638_warnings(arende: str) -> list[str]:
    """Swedish warnings when an ärende looks like a matter KL 6:38 says may not be delegated."""
    text = (arende or "").casefold()
    found = []
    for code, label in KL_6_38:
        if re.search(_KL_PATTERNS[code], text):
            found.append(f"Kontrollera: ”{arende.strip()}” kan omfattas av KL 6 kap. 38 § – {label.lower()}.")
    return found


def validate_delegation_row(row: DelegationRow, kl638_ticked: tuple[str, ...] = ()) -> None:
    if not row.arende.strip():
        raise ValidationError("får inte vara tomt.", "Ärende")
    if row.ersattare is not None and row.ersattare == row.delegat:
        raise ValidationError("ersättaren kan inte ha samma roll som delegaten.", "Ersättare")
    row.limit.validate()
    labels = dict(KL_6_38)
    if kl638_ticked:
        raise ValidationError(
            "ärendet får inte delegeras enligt kommunallagen 6 kap. 38 § ("
            + "; ".join(labels[c].lower() for c in kl638_ticked if c in labels)
            + ").",
            "Ärende",
        )


@dataclass(frozen=True, slots=True)
class DecisionCheck:
    """What the register shows about a delegationsbeslut when it is entered or listed."""

    ok: bool
    warnings: tuple[str, ...]
    limit_kr: Decimal | None = None
    as_ersattare: bool = False


def check_decision(
    *,
    datum: date,
    belopp: Decimal | None,
    row: DelegationRow | None,
    row_in_force: bool,
    version_title: str | None,
    delegat_namn: str,
    delegat_roles: tuple[Role, ...],
    pbb: Mapping[int, Decimal],
) -> DecisionCheck:
    """Check a delegationsbeslut against the delegationsordning in force on ``datum``."""
    warnings: list[str] = []
    limit_kr: Decimal | None = None
    as_ersattare = False
    if version_title is None:
        warnings.append(f"Ingen antagen delegationsordning gäller {datum.isoformat()}.")
    if row is None:
        warnings.append("Beslutet är inte kopplat till någon rad i delegationsordningen.")
        return DecisionCheck(False, tuple(warnings))
    if version_title is not None and not row_in_force:
        warnings.append(
            f"Raden ”{row.arende}” ingår inte i den delegationsordning som gällde {datum.isoformat()} "
            f"({version_title})."
        )
    if row.delegat not in delegat_roles and row.ersattare is not None and row.ersattare in delegat_roles:
        as_ersattare = True
        warnings.append(
            f"{delegat_namn} har beslutat som ersättare ({row.ersattare.label.lower()}); "
            f"det förutsätter att {row.delegat.label.lower()} var förhindrad."
        )
    elif row.delegat not in delegat_roles:
        held = ", ".join(r.label.lower() for r in delegat_roles) or "inget uppdrag"
        warnings.append(
            f"Fel delegat: ärendet är delegerat till {row.delegat.label.lower()}"
            + (f" (ersättare {row.ersattare.label.lower()})" if row.ersattare else "")
            + f", men {delegat_namn} hade {held} {datum.isoformat()}."
        )
    try:
        limit_kr = row.limit.amount_in(datum.year, pbb)
    except ValidationError as exc:
        warnings.append(exc.message[0].upper() + exc.message[1:])
    if limit_kr is not None and belopp is not None and belopp > limit_kr:
        basis = (
            f" ({row.limit.text}, prisbasbelopp {datum.year}: {format_kr(pbb[datum.year])})"
            if row.limit.kind is LimitKind.PRISBASBELOPP
            else ""
        )
        warnings.append(f"Beloppet {format_kr(belopp)} överstiger delegationens gräns {format_kr(limit_kr)}{basis}.")
    if limit_kr is not None and belopp is None:
        warnings.append("Beloppet saknas; raden har en beloppsgräns.")
    hard = [w for w in warnings if not w.startswith(f"{delegat_namn} har beslutat som ersättare")]
    return DecisionCheck(not hard, tuple(warnings), limit_kr, as_ersattare)


class DecisionStatus(StrEnum):
    EJ_ANMALT = "ej_anmalt"
    PA_DAGORDNING = "pa_dagordning"
    ANMALT = "anmalt"
    ANMALS_EJ = "anmals_ej"


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    filnamn: str
    storlek: int
    mime: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class DelegationDecision:
    """One entry of the register of delegationsbeslut (with the checks computed on read)."""

    id: int
    datum: date
    delegat_person_id: int | None
    delegat_namn: str
    row_id: int | None
    row_arende: str
    arende: str
    belopp: Decimal | None
    beslut: str
    diarienummer: str
    status: DecisionStatus
    status_text: str
    check: DecisionCheck
    attachments: tuple[Attachment, ...] = ()
    anmalan_item_id: int | None = None
