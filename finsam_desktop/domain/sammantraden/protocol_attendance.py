"""The närvarande lists of a protocol being imported: name and organisation (or role) per person.

Three layouts occur in the seeds: "name<TAB>organisation" per line, names and organisations on one line separated
by two or more spaces, and a flattened PDF where all names come first and then all organisations in the same
order (seed 004, November). A "§ 120 - 124" after the organisation is partial attendance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Section headings (lower case, without colon) → attendance role.
ROLE_HEADINGS = {
    "närvarande ordinarie ledamöter": "ordinarie",
    "närvarande ledamöter": "ordinarie",
    "ordinarie ledamöter": "ordinarie",
    "beslutande": "ordinarie",
    "tjänstgörande ersättare": "tjanstgorande",
    "närvarande ersättare": "ersattare",
    "ersättare": "ersattare",
    "övriga närvarande": "ovrig",
    "övriga deltagare": "ovrig",
}

PARTIAL = re.compile(r"\s*§\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
NAME_WORD = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéüë]+(?:-[A-ZÅÄÖÉ]?[a-zåäöéüë]+)?$")


@dataclass
class ParsedAttendee:
    roll: str  # ordinarie | tjanstgorande | ersattare | ovrig
    namn: str
    organisation: str = ""
    from_paragraph: int | None = None
    to_paragraph: int | None = None


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words without digits: "Christina Nordenö", "Anne-Marie Larsson"."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(NAME_WORD.match(w) for w in words)


def _split_partial(org: str) -> tuple[str, int | None, int | None]:
    m = PARTIAL.search(org)
    if not m:
        return org.strip(), None, None
    lo = int(m.group(1))
    hi = int(m.group(2)) if m.group(2) else lo
    return org[: m.start()].strip(), lo, hi


def parse_attendance(
    roll: str, entries: list[tuple[int, str]]
) -> tuple[list[ParsedAttendee], list[tuple[int, str, str]]]:
    """(people, lines not understood as (line index, text, why)) for one section."""
    people: list[ParsedAttendee] = []
    bad: list[tuple[int, str, str]] = []
    loose: list[tuple[int, str]] = []
    for n, raw in entries:
        parts = [x.strip() for x in re.split(r"\t+|\s{2,}", raw.strip()) if x.strip()]
        if len(parts) >= 2 and looks_like_name(parts[0]):
            org, lo, hi = _split_partial(", ".join(parts[1:]))
            people.append(ParsedAttendee(roll, parts[0], org, lo, hi))
        elif parts:
            loose.append((n, " ".join(parts)))
    if not loose:
        return people, bad
    half = len(loose) // 2
    # Flattened layout: every name first, then the organisations in the same order.
    if len(loose) % 2 == 0 and all(looks_like_name(t) for _n, t in loose[:half]):
        for (_n, name), (_m, org_text) in zip(loose[:half], loose[half:], strict=True):
            org, lo, hi = _split_partial(org_text)
            people.append(ParsedAttendee(roll, name, org, lo, hi))
        return people, bad
    names = [x for x in loose if looks_like_name(x[1])]
    others = [x for x in loose if not looks_like_name(x[1])]
    if names and not others:
        people.extend(ParsedAttendee(roll, name) for _n, name in names)
        return people, bad
    for _n, name in names:
        people.append(ParsedAttendee(roll, name))
    for n, text in others:
        bad.append((n, text, "närvarolistan: organisationen kunde inte paras ihop med ett namn"))
    return people, bad
