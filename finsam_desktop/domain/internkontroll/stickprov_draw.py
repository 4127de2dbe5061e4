"""Stickprov: the reproducible draw. The same transactions, filter and seed always give the same sample: the
population is put in a stable order (datum, verifikationsnummer, file row) and drawn with
``random.Random(seed)``. Also the suggested size and a fresh seed."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter, fingerprint, population


class Urval(StrEnum):
    SLUMP = "slump"
    OVER = "over"

    @property
    def label(self) -> str:
        return "Slumpmässigt" if self is Urval.SLUMP else "Över beloppsgräns"


@dataclass(frozen=True, slots=True)
class DrawnItem:
    transaction: Transaction
    urval: Urval


@dataclass(frozen=True)
class Draw:
    """A reproducible sample: the population, the method and the drawn items (in date order)."""

    population_count: int
    population_sum: Decimal
    fingerprint: str
    filter: PopulationFilter
    storlek: int
    seed: int
    over_belopp: Decimal | None
    items: tuple[DrawnItem, ...]

    @property
    def method_text(self) -> str:
        text = (
            f"Slumpmässigt urval av {sum(1 for i in self.items if i.urval is Urval.SLUMP)} poster "
            f"(Python random.Random, frö {self.seed}) ur populationen sorterad på datum och verifikationsnummer"
        )
        if self.over_belopp is not None:
            n = sum(1 for i in self.items if i.urval is Urval.OVER)
            text += f", därtill samtliga {n} poster över {format_kr(self.over_belopp)}"
        return text + "."


def draw(
    transactions: Iterable[Transaction],
    flt: PopulationFilter,
    storlek: int,
    seed: int,
    over_belopp: Decimal | None = None,
) -> Draw:
    """``storlek`` random items, plus every item above ``over_belopp`` (in addition)."""
    flt.validate()
    if storlek < 0:
        raise ValidationError("kan inte vara negativ.", "Stickprovsstorlek")
    if over_belopp is not None and over_belopp < 0:
        raise ValidationError("kan inte vara negativt.", "Samtliga över")
    pop = population(transactions, flt)
    if not pop:
        raise ValidationError("inga verifikationer matchar urvalet (period, konto, belopp).", "Population")
    certain = [t for t in pop if over_belopp is not None and abs(t.belopp) > over_belopp]
    certain_ids = {id(t) for t in certain}
    rest = [t for t in pop if id(t) not in certain_ids]
    picked = random.Random(seed).sample(rest, min(storlek, len(rest)))
    items = [DrawnItem(t, Urval.OVER) for t in certain] + [DrawnItem(t, Urval.SLUMP) for t in picked]
    items.sort(key=lambda i: i.transaction.sort_key)
    return Draw(
        population_count=len(pop),
        population_sum=sum((t.belopp for t in pop), Decimal("0.00")),
        fingerprint=fingerprint(pop),
        filter=flt,
        storlek=storlek,
        seed=seed,
        over_belopp=over_belopp,
        items=tuple(items),
    )


def new_seed() -> int:
    """A fresh random seed to store with a draw (six digits, easy to read out to the revisorer)."""
    return 100000 + secrets.randbelow(900000)


def suggested_size(population_count: int, plan_size: int | None = None) -> int:
    """The plan's size if it has one, else 10 % of the population, at least 5 and at most 25."""
    if plan_size:
        return min(plan_size, population_count)
    return min(population_count, max(5, min(25, round(population_count * 0.10))))


def size_guidance(population_count: int, plan_size: int | None = None) -> str:
    n = suggested_size(population_count, plan_size)
    if plan_size:
        return f"Kontrollplanen anger {plan_size} poster; förslag {n} av {population_count}."
    return (
        f"Förslag: 10 % av populationen, minst 5 och högst 25 poster – här {n} av {population_count}. "
        "Lägg till ”samtliga över” för stora belopp."
    )
