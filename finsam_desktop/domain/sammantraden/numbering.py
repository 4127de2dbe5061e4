"""§ numbering: the continuous series of an organ's year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from finsam_desktop.domain.common.errors import ValidationError


@dataclass(frozen=True)
class SeriesMeeting:
    """One meeting in an organ's yearly § series, in date order."""

    meeting_id: int
    datum: date
    locked: bool
    item_ids: tuple[int, ...]  # in position order
    current_numbers: tuple[int | None, ...]  # the numbers stored now, same order


class NumberingConflict(ValidationError):
    """Numbering would have to change a locked (justerat) protocol."""


def number_series(start: int, meetings: Sequence[SeriesMeeting]) -> dict[int, int]:
    """Continuous § numbers for one organ and year: item id → number.

    The first § of the year is ``start`` (1 unless the förbund set another number once). Unlocked
    meetings follow the previous meeting; a locked meeting keeps its numbers, so it must already
    start where the previous one ends — if not, a ``NumberingConflict`` explains why.
    """
    if start < 1:
        raise ValidationError("första §-numret måste vara minst 1.", "Första §")
    result: dict[int, int] = {}
    expected = start
    previous: SeriesMeeting | None = None
    for m in meetings:
        if not m.item_ids:
            continue
        if m.locked:
            first = m.current_numbers[0]
            numbers = list(m.current_numbers)
            if first is None or numbers != list(range(first, first + len(numbers))):
                raise NumberingConflict(f"sammanträdet {m.datum.isoformat()} är låst men saknar fullständiga §-nummer.")
            if first != expected:
                if previous is None:
                    why = f"årets första § skulle vara § {expected}"
                else:
                    why = f"sammanträdet {previous.datum.isoformat()} slutar då på § {expected - 1}"
                raise NumberingConflict(
                    f"Ändringen går inte att göra: protokollet från {m.datum.isoformat()} är justerat "
                    f"och börjar på § {first}, men {why}. Paragrafnumren löper i en obruten följd "
                    "per organ och år, och ett justerat protokoll får inte numreras om. Lägg "
                    "ärendet på ett sammanträde efter det senaste justerade protokollet."
                )
            for item_id, n in zip(m.item_ids, numbers, strict=True):
                result[item_id] = n
            expected = first + len(numbers)
        else:
            for item_id in m.item_ids:
                result[item_id] = expected
                expected += 1
        previous = m
    return result
