"""Bilagor: their numbers in order of first reference, references in § text and the tokens that carry them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from finsam_desktop.domain.sammantraden.texts import join_swedish


def number_bilagor(references: Sequence[Sequence[int]], all_bilagor: Sequence[int] = ()) -> dict[int, int]:
    """Bilaga numbers for one meeting: 1, 2, … in order of first reference.

    ``references`` lists, per item in position order, the bilaga ids it refers to (in their order).
    A bilaga referred to twice keeps its first number. Bilagor nobody refers to follow at the end
    in ``all_bilagor`` order, so every file in the kallelse has a number.
    """
    numbers: dict[int, int] = {}
    for refs in references:
        for bid in refs:
            if bid not in numbers:
                numbers[bid] = len(numbers) + 1
    for bid in all_bilagor:
        if bid not in numbers:
            numbers[bid] = len(numbers) + 1
    return numbers


def bilaga_reference(numbers: Sequence[int]) -> str:
    """``(Bilaga 1)``, ``(Bilaga 6 och 7)``, ``(Bilaga 17, 18 och 19)``; empty for none."""
    if not numbers:
        return ""
    return f"(Bilaga {join_swedish([str(n) for n in sorted(numbers)])})"


BILAGA_TOKEN = re.compile(r"\[\[bilaga:(\d+)\]\]")


def bilaga_token(bilaga_id: int) -> str:
    return f"[[bilaga:{bilaga_id}]]"


def render_bilaga_tokens(text: str, numbers: dict[int, int]) -> str:
    """Replace ``[[bilaga:ID]]`` in a § text with ``bilaga N`` using this meeting's numbering."""

    def repl(m: re.Match) -> str:
        n = numbers.get(int(m.group(1)))
        return f"bilaga {n}" if n is not None else "bilaga (saknas)"

    return BILAGA_TOKEN.sub(repl, text or "")
