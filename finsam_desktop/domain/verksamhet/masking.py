"""Counts 1–4 shown as "<5" in published reports, so that no small group of participants can be singled out.

Zero stays 0 (nobody to identify) and 5 or more is shown as it is. Masking is a setting: on for what is published,
off for the kansli's own views.
"""

from __future__ import annotations

from collections.abc import Iterable

MASK = "<5"
#: The smallest count shown as it is.
THRESHOLD = 5


def mask_count(n: int | None, enabled: bool = True) -> str:
    """``n`` as a published report shows it: "<5" for 1–4 when masking is on, "" for no value."""
    if n is None:
        return ""
    if enabled and 0 < n < THRESHOLD:
        return MASK
    return str(n)


def mask_counts(counts: Iterable[int | None], enabled: bool = True) -> tuple[str, ...]:
    return tuple(mask_count(n, enabled) for n in counts)


def is_masked(n: int | None, enabled: bool = True) -> bool:
    return enabled and n is not None and 0 < n < THRESHOLD
