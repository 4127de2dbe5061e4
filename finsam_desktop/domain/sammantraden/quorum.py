"""Beslutförhet: who counts and whether enough ledamöter are present (KL 6:21)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from finsam_desktop.domain.organisation.model import Beslutforhet, quorum_needed
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole


@dataclass(frozen=True)
class QuorumResult:
    seats: int
    needed: int
    voting_present: int
    beslutfor: bool
    message: str
    voting_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuorumPerson:
    """A present board person as the quorum rule sees them."""

    person_id: int
    namn: str
    roll: AttendanceRole
    ersatter_person_id: int | None = None


def check_quorum(
    ledamot_ids: Sequence[int],
    present: Iterable[QuorumPerson],
    excluded: Iterable[int] = (),
    rule: Beslutforhet = Beslutforhet.MER_AN_HALFTEN,
) -> QuorumResult:
    """More than half of the ledamöter must take part (KL 6:27), or at least half under ``rule``
    ``MINST_HALFTEN`` when the förbundsordning says so.

    ``ledamot_ids`` are the ordinary seats on the day. A present ordinarie counts for their own seat; a
    tjänstgörande ersättare counts for the ledamot replaced (once, and only if that ledamot is not
    present as well). ``excluded`` are persons who do not take part in this decision (jäv).
    """
    seats = set(ledamot_ids)
    excluded_ids = set(excluded)
    filled: dict[int, str] = {}
    for p in present:
        if p.person_id in excluded_ids:
            continue
        if p.roll is AttendanceRole.ORDINARIE and p.person_id in seats:
            filled[p.person_id] = p.namn
    for p in present:
        if p.person_id in excluded_ids:
            continue
        if (
            p.roll is AttendanceRole.TJANSTGORANDE
            and p.ersatter_person_id in seats
            and p.ersatter_person_id not in filled
        ):
            filled[p.ersatter_person_id] = p.namn
    total = len(seats)
    rule = Beslutforhet(rule)
    needed = quorum_needed(total, rule)
    count = len(filled)
    ok = total > 0 and count >= needed
    if total == 0:
        message = "Inga ledamöter har mandat på sammanträdesdagen; beslutförheten kan inte bedömas."
    elif ok:
        message = f"Beslutför: {count} av {total} ledamöter deltar (minst {needed} krävs)."
    else:
        message = (
            f"Inte beslutför: {count} av {total} ledamöter deltar, men {rule.short} ({needed}) "
            f"krävs enligt {rule.source}."
        )
    return QuorumResult(total, needed, count, ok, message, tuple(filled.values()))
