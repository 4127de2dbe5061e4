"""The program's one clock: every "today" and "now" in FINSAM Kansli comes from here.

Nothing else calls ``date.today()`` or ``datetime.now()`` (``tests/test_clock.py`` enforces it).

"Today" is, in this order of precedence:

1. a date pinned in code with :func:`pin` (``finsam --today``, ``finsam-desktop --today``, the test suite);
2. the environment variable ``FINSAM_TODAY=YYYY-MM-DD`` (demos, screenshots, "what did the secretary's view
   say on 2023-01-10");
3. the computer's own date.

When the date is pinned, :func:`now` keeps the real time of day on the pinned date, so timestamps taken in a
row stay in order. :func:`wall_now` is always the machine's real time: it names files on disk (backups, the
lock's start time), which must sort by when they were really made.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

ENV = "FINSAM_TODAY"

_pinned: date | None = None


class ClockError(ValueError):
    """A "today" that is not a date. The message is Swedish and says where the value came from."""


def parse_day(text: str, source: str = ENV) -> date:
    """``YYYY-MM-DD`` as a date, or a :class:`ClockError` naming ``source``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ClockError(f"{source}={shown!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-15.") from None


def pin(day: date | None) -> None:
    """Fix "today" to ``day`` for the rest of the process; ``None`` lets the environment or the system decide."""
    global _pinned
    _pinned = day


@contextmanager
def pinned_to(day: date | None) -> Iterator[None]:
    """Pin "today" to ``day`` (None: leave it as it is) for a block, then put back what was there."""
    global _pinned
    previous = _pinned
    if day is not None:
        _pinned = day
    try:
        yield
    finally:
        _pinned = previous


def pinned() -> date | None:
    """The date "today" is fixed to (by :func:`pin` or ``FINSAM_TODAY``), or None when it follows the system."""
    if _pinned is not None:
        return _pinned
    value = os.environ.get(ENV, "").strip()
    return parse_day(value) if value else None


def wall_now() -> datetime:
    """The machine's real local time, never pinned: for names of files on disk."""
    return datetime.now()


def today() -> date:
    """The program's today."""
    return pinned() or wall_now().date()


def _offset() -> timedelta:
    day = pinned()
    return timedelta(0) if day is None else day - wall_now().date()


def now() -> datetime:
    """The program's local time now (naive, whole seconds): the real time of day on the program's today."""
    return (wall_now() + _offset()).replace(microsecond=0)


def now_utc() -> datetime:
    """The program's now as an aware UTC datetime (certificates, signatures, calendar stamps)."""
    return (datetime.now(UTC) + _offset()).replace(microsecond=0)


def check_environment() -> None:
    """Raise :class:`ClockError` now when ``FINSAM_TODAY`` is set to something that is not a date."""
    pinned()
