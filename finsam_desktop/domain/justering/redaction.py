"""Masking names for a publication copy (pure Python).

A :class:`NameMask` is built from the names the secretary asks to mask (``--maskera "Tobias Rönn"``) and replaces,
in any text, as whole words:

* the full name in any case and with any white space between its parts (``Tobias Rönn``, ``TOBIAS RÖNN``,
  ``tobias  rönn``, a line break or a no-break space between the parts), also in the genitive
  (``Tobias Rönns``) and in catalogue order (``Rönn, Tobias``);
* the surname on its own (every part after the first name: ``Rönn``; ``Klint`` and ``Ek-Lind`` of ``Anna af
  Klint`` and ``Per Ek-Lind``) when it is written as in the name or in capitals, also in the genitive
  (``Rönns``). Parts shorter than two letters and parts that begin with a small letter (``af``, ``von``) are not
  masked on their own. A name of one word is masked as that word.

Not covered: the first name on its own (``Tobias`` would also hide every other Tobias in the närvarolista),
initials (``T.R.``), nicknames and other spellings, and a surname written in small letters (``rönn``, the tree,
stays). A word or another person's name that is the same as the surname (the place ``Lund`` for a person called
Lund) is masked too: a publication copy errs on the side of hiding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MASK = "[maskerat]"


def _clean(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        words = " ".join((name or "").split())
        if words and words.casefold() not in seen:
            seen[words.casefold()] = words
    return tuple(seen.values())


def _full_name_pattern(words: list[str]) -> str:
    return r"\s+".join(re.escape(w) for w in words)


_LEFT, _RIGHT = r"(?<!\w)", r"s?(?!\w)"  # whole words; the genitive s belongs to the name


def _name_patterns(name: str) -> tuple[str, list[str]]:
    """(full-name alternatives, case-insensitive; surname alternatives, case-sensitive) for one name."""
    words = name.split()
    full = [_full_name_pattern(words)]
    if len(words) > 1:
        full.append(_full_name_pattern([words[-1] + ","] + words[:-1]))
    parts: list[str] = []
    for word in words[1:] or words:
        if len(word) >= 2 and word[0].isupper():
            parts += [re.escape(word), re.escape(word.upper())]
    return "|".join(full), parts


def _compile(full: list[str], parts: list[str]) -> re.Pattern[str] | None:
    alternatives = [f"(?i:{'|'.join(sorted(full, key=len, reverse=True))})"] if full else []
    if parts:
        alternatives.append("|".join(sorted(set(parts), key=len, reverse=True)))
    return re.compile(rf"{_LEFT}(?:{'|'.join(alternatives)}){_RIGHT}") if alternatives else None


@dataclass(frozen=True)
class NameMask:
    """Masks ``names`` in texts and counts what it masked (see the module docstring for what is covered)."""

    names: tuple[str, ...]
    _any: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _full: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _each: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __init__(self, names: Iterable[str]) -> None:
        object.__setattr__(self, "names", _clean(names))
        patterns = [_name_patterns(n) for n in self.names]
        full = [f for f, _p in patterns]
        object.__setattr__(self, "_any", _compile(full, [p for _f, ps in patterns for p in ps]))
        object.__setattr__(self, "_full", _compile(full, []))
        object.__setattr__(
            self, "_each", tuple((n, _compile([f], ps)) for n, (f, ps) in zip(self.names, patterns, strict=True))
        )

    def __bool__(self) -> bool:
        return bool(self.names)

    def mask(self, text: str) -> tuple[str, int]:
        """``text`` with every full name and surname replaced by ``[maskerat]``; returns (text, count)."""
        if not text or self._any is None:
            return text, 0
        return self._any.subn(MASK, text)

    def names_in(self, text: str) -> set[str]:
        """Which of the names occur in ``text`` (in full or by the surname)."""
        return {name for name, pattern in self._each if pattern.search(text)} if text else set()

    def full_names_in(self, text: str) -> list[str]:
        """The full names (in any of the covered forms) that occur in ``text``: the check of a finished copy."""
        if not text or self._full is None:
            return []
        return [m.group(0) for m in self._full.finditer(" ".join(text.split()))]


def masked_names_text(names: int, occurrences: int, missing: int) -> str:
    """``1 namn maskerat på 7 ställen`` (and how many of the names did not occur at all)."""
    if not names:
        return ""
    if not occurrences:
        return "namnet att maskera förekom inte" if names == 1 else f"de {names} namnen att maskera förekom inte"
    text = f"{names} namn maskerat" if names == 1 else f"{names} namn maskerade"
    text += " på 1 ställe" if occurrences == 1 else f" på {occurrences} ställen"
    if missing:
        text += (
            " (namnet förekom inte)"
            if names == 1
            else f" ({missing} av namnen förekom inte)"
            if missing > 1
            else " (ett av namnen förekom inte)"
        )
    return text
