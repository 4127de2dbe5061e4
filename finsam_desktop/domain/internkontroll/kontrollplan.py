"""Plan för intern styrning och kontroll: rows in the seed's columns plus metod, tidpunkt, the risks
each control covers, and a status per control shown as a traffic light."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.risk import Risk

#: The seed's column headings, verbatim (Bilaga 2 to § 125, 2022-11-25).
SEED_COLUMNS = ("Process/ rutin", "Kontrollmoment", "Kontrollansvarig", "Frekvens", "Rapportering till")


class Metod(StrEnum):
    STICKPROV = "stickprov"
    GENOMGANG = "genomgang"
    AVSTAMNING = "avstamning"

    @property
    def label(self) -> str:
        return {"stickprov": "Stickprov", "genomgang": "Genomgång", "avstamning": "Avstämning"}[self.value]


class KontrollStatus(StrEnum):
    EJ_PABORJAD = "ej_paborjad"
    PAGAR = "pagar"
    UTAN_AVVIKELSE = "utan_avvikelse"
    AVVIKELSE = "avvikelse"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def colour(self) -> str:
        """Traffic light: grey not started, yellow running, green done without avvikelse, red avvikelse."""
        return STATUS_COLOURS[self]


STATUS_LABELS = {
    KontrollStatus.EJ_PABORJAD: "Ej påbörjad",
    KontrollStatus.PAGAR: "Pågår",
    KontrollStatus.UTAN_AVVIKELSE: "Genomförd utan avvikelse",
    KontrollStatus.AVVIKELSE: "Avvikelse",
}
STATUS_COLOURS = {
    KontrollStatus.EJ_PABORJAD: "#A7B0B8",
    KontrollStatus.PAGAR: "#F6D55C",
    KontrollStatus.UTAN_AVVIKELSE: "#5BAA5A",
    KontrollStatus.AVVIKELSE: "#D9453B",
}


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One control. ``risk_keys`` link to risks of the analysis; ``arshjul_event_id`` to an årshjul event."""

    id: int
    nummer: int
    process: str
    kontrollmoment: str
    kontrollansvarig: str = ""
    frekvens: str = ""
    rapportering_till: str = "Styrelsen"
    metod: Metod = Metod.GENOMGANG
    tidpunkt: str = ""
    arshjul_event_id: int | None = None
    risk_keys: tuple[str, ...] = ()
    stickprov_storlek: int | None = None
    status: KontrollStatus = KontrollStatus.EJ_PABORJAD
    status_kommentar: str = ""


def validate_plan_row(row: PlanRow) -> PlanRow:
    process = (row.process or "").strip()
    moment = (row.kontrollmoment or "").strip()
    if not process:
        raise ValidationError("får inte vara tomt.", "Process/rutin")
    if not moment:
        raise ValidationError("får inte vara tomt.", "Kontrollmoment")
    if row.stickprov_storlek is not None and not 1 <= row.stickprov_storlek <= 500:
        raise ValidationError("måste vara 1–500 poster.", "Stickprovsstorlek")
    return replace(
        row,
        process=process,
        kontrollmoment=moment,
        kontrollansvarig=(row.kontrollansvarig or "").strip(),
        frekvens=(row.frekvens or "").strip(),
        rapportering_till=(row.rapportering_till or "").strip(),
        tidpunkt=(row.tidpunkt or "").strip(),
        metod=Metod(row.metod),
        status=KontrollStatus(row.status),
        risk_keys=tuple(dict.fromkeys(k for k in row.risk_keys if k)),
    )


_STICKPROV_WORDS = ("attest", "utbetal", "betal", "faktur", "inköp", "ekonomi", "lön", "arvode")
_AVSTAMNING_WORDS = ("budget", "bokslut", "avstäm", "bank", "redovis")


def suggested_metod(process: str, risk: str = "") -> Metod:
    text = f"{process} {risk}".lower()
    if any(w in text for w in _STICKPROV_WORDS):
        return Metod.STICKPROV
    if any(w in text for w in _AVSTAMNING_WORDS):
        return Metod.AVSTAMNING
    return Metod.GENOMGANG


def generate_rows(
    risks: Sequence[Risk],
    min_riskvarde: int,
    existing: Sequence[PlanRow] = (),
    kontrollansvarig: str = "Förbundschef",
    rapportering_till: str = "Styrelsen",
) -> list[PlanRow]:
    """Proposed controls for the risks with riskvärde ≥ ``min_riskvarde`` that no existing row covers.

    One row per process/rutin; the kontrollmoment checks that the risk's riskhantering is followed.
    """
    covered = {k for row in existing for k in row.risk_keys}
    groups: dict[str, list[Risk]] = {}
    for r in sorted(risks, key=lambda r: r.nummer):
        if r.riskvarde >= min_riskvarde and r.key not in covered:
            groups.setdefault(r.process or r.risk, []).append(r)
    start = max((row.nummer for row in existing), default=0)
    rows = []
    for i, (process, group) in enumerate(groups.items(), start=start + 1):
        handling = list(dict.fromkeys(r.riskhantering for r in group if r.riskhantering))
        risk_texts = "; ".join(r.risk for r in group if r.risk)
        if handling:
            moment = "Kontroll att riskhanteringen följs: " + "; ".join(handling)
        else:
            moment = f"Kontroll av risken: {risk_texts}"
        top = max(r.riskvarde for r in group)
        ansvarig = next((r.ansvarig for r in group if r.ansvarig), kontrollansvarig)
        metod = suggested_metod(process, risk_texts)
        rows.append(
            PlanRow(
                id=0,
                nummer=i,
                process=process,
                kontrollmoment=moment,
                kontrollansvarig=ansvarig,
                frekvens="Kvartalsvis" if top >= 9 else "Årligen",
                rapportering_till=rapportering_till,
                metod=metod,
                risk_keys=tuple(r.key for r in group),
                stickprov_storlek=10 if metod is Metod.STICKPROV else None,
            )
        )
    return rows


def status_summary(rows: Sequence[PlanRow]) -> dict[KontrollStatus, int]:
    out = {s: 0 for s in KontrollStatus}
    for row in rows:
        out[row.status] += 1
    return out
