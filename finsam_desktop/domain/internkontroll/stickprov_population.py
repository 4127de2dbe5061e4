"""Stickprov: the population — which transactions may be drawn (period, konto, belopp), in the stable order
the draw uses, and its fingerprint."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction


@dataclass(frozen=True, slots=True)
class PopulationFilter:
    """Which transactions may be drawn. ``konto`` holds comma-separated prefixes of a konto or kostnadsställe."""

    fran: date | None = None
    till: date | None = None
    konto: str = ""
    min_belopp: Decimal | None = None

    @property
    def konto_prefixes(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in re.split(r"[,;\s]+", self.konto or "") if p.strip())

    def accepts(self, t: Transaction) -> bool:
        if self.fran and t.datum < self.fran:
            return False
        if self.till and t.datum > self.till:
            return False
        prefixes = self.konto_prefixes
        if prefixes and not (
            t.konto.startswith(prefixes) or (t.kostnadsstalle and t.kostnadsstalle.startswith(prefixes))
        ):
            return False
        if self.min_belopp is not None and abs(t.belopp) < self.min_belopp:
            return False
        return True

    def validate(self) -> None:
        if self.fran and self.till and self.till < self.fran:
            raise ValidationError("perioden slutar före den börjar.", "Period")
        if self.min_belopp is not None and self.min_belopp < 0:
            raise ValidationError("kan inte vara negativt.", "Lägsta belopp")

    @property
    def text(self) -> str:
        parts = []
        if self.fran or self.till:
            parts.append(
                f"period {self.fran.isoformat() if self.fran else '…'} – {self.till.isoformat() if self.till else '…'}"
            )
        if self.konto_prefixes:
            parts.append("konto " + ", ".join(self.konto_prefixes))
        if self.min_belopp is not None:
            parts.append(f"belopp minst {format_kr(self.min_belopp)}")
        return "; ".join(parts) or "hela filen"


def population(transactions: Iterable[Transaction], flt: PopulationFilter) -> list[Transaction]:
    """The filtered population in the stable order the draw uses."""
    return sorted((t for t in transactions if flt.accepts(t)), key=lambda t: t.sort_key)


def fingerprint(transactions: Sequence[Transaction]) -> str:
    """SHA-256 over the population, so a later draw can show it used the same data."""
    h = hashlib.sha256()
    for t in transactions:
        h.update(
            "\x1f".join(
                (
                    t.verifikation,
                    t.datum.isoformat(),
                    str(t.belopp),
                    t.motpart,
                    t.konto,
                    "|".join(t.attestanter),
                    t.utanordnare,
                )
            ).encode("utf-8")
        )
        h.update(b"\x1e")
    return h.hexdigest()
