"""Bilagor: their numbers in order of first reference, references in § text and the tokens that carry them.

A historical (imported) protocol keeps the numbers its source gave its bilagor ("Bilaga 17" stays 17 even when no §
refers to a bilaga 16); those are ``fixed`` and other bilagor of the meeting are numbered after them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from finsam_desktop.domain.sammantraden.texts import join_swedish

BilagaNumber = int | str  # str only for a kept source number that is not a plain number ("1a")


def _kept(text: str) -> BilagaNumber:
    text = text.strip()
    return int(text) if text.isdigit() else text


def bilaga_sort_key(number: BilagaNumber | None) -> tuple[int, str]:
    """1 < 1a < 2 < 10; None last."""
    if number is None:
        return (10**6, "")
    text = str(number)
    digits = len(text) - len(text.lstrip("0123456789"))
    return (int(text[:digits]) if digits else 10**6 - 1, text[digits:])


def number_bilagor(
    references: Sequence[Sequence[int]], all_bilagor: Sequence[int] = (), fixed: Mapping[int, str] | None = None
) -> dict[int, BilagaNumber]:
    """Bilaga numbers for one meeting: 1, 2, … in order of first reference.

    ``references`` lists, per item in position order, the bilaga ids it refers to (in their order).
    A bilaga referred to twice keeps its first number. Bilagor nobody refers to follow at the end
    in ``all_bilagor`` order, so every file in the kallelse has a number. ``fixed``: bilaga id → the number the
    source protocol gave it (historical import), kept as it is; the others follow after the highest of them.
    """
    numbers: dict[int, BilagaNumber] = {bid: _kept(text) for bid, text in (fixed or {}).items() if text.strip()}
    following = max((n for n in numbers.values() if isinstance(n, int)), default=0) + 1
    for bid in [b for refs in references for b in refs] + list(all_bilagor):
        if bid not in numbers:
            numbers[bid] = following
            following += 1
    return numbers


def bilaga_reference(numbers: Sequence[BilagaNumber]) -> str:
    """``(Bilaga 1)``, ``(Bilaga 6 och 7)``, ``(Bilaga 17, 18 och 19)``; empty for none."""
    if not numbers:
        return ""
    return f"(Bilaga {join_swedish([str(n) for n in sorted(numbers, key=bilaga_sort_key)])})"


BILAGA_TOKEN = re.compile(r"\[\[bilaga:(\d+)\]\]")


def bilaga_token(bilaga_id: int) -> str:
    return f"[[bilaga:{bilaga_id}]]"


def render_bilaga_tokens(text: str, numbers: Mapping[int, BilagaNumber]) -> str:
    """Replace ``[[bilaga:ID]]`` in a § text with ``bilaga N`` using this meeting's numbering."""

    def repl(m: re.Match) -> str:
        n = numbers.get(int(m.group(1)))
        return f"bilaga {n}" if n is not None else "bilaga (saknas)"

    return BILAGA_TOKEN.sub(repl, text or "")
