"""The styrelse's sammanträdesplan for a year, as the protocol writes it (seed 004 § 114).

``parse_plan`` reads lines like ``17 mars  Styrelsemöte, beslut om årsredovisningen`` or
``2023-02-21;09:00-17:00;heldag`` and gives one ``PlanEntry`` per meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from finsam_desktop.domain.arshjul.template import parse_time_range
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS, parse_date
from finsam_desktop.domain.common.errors import ValidationError, clip

_LINE = re.compile(r"^(\d{1,2})\s*\.?\s+([a-zåäö]+)\s*(.*)$", re.IGNORECASE)
_HEADER_TIME = re.compile(r"kl\.?\s*(\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2})", re.IGNORECASE)
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(SWEDISH_MONTHS, start=1)}


@dataclass(frozen=True)
class PlanEntry:
    datum: date
    starttid: time | None = time(9, 0)
    sluttid: time | None = time(12, 0)
    anteckning: str = ""
    typ: str = "ordinarie"
    plats: str = ""

    @property
    def weekday_warning(self) -> str:
        name = deadlines.day_name(self.datum)
        return f"{self.datum.isoformat()} är {name.lower()}" if name else ""


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in SWEDISH_MONTHS:
        return SWEDISH_MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word[:3]) if len(word) >= 3 else None


def _note_and_type(text: str) -> tuple[str, str]:
    note = text.strip().strip(",").strip()
    lowered = note.lower()
    typ = "konstituerande" if "konstituerande" in lowered else ("extra" if lowered.startswith("extra") else "ordinarie")
    for prefix in ("konstituerande styrelsemöte", "styrelsemöte", "extra styrelsemöte"):
        if lowered.startswith(prefix):
            note = note[len(prefix) :].lstrip(" ,.-–")
            break
    if typ == "konstituerande" and not note:
        note = "Konstituerande styrelsemöte"
    return re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", note)), typ


def parse_plan(
    text: str, year: int, default_time: str = "09:00-12:00", heldag_time: str = "09:00-17:00"
) -> list[PlanEntry]:
    """Read a sammanträdesplan; every row or none (errors name the row).

    A header line with ``kl. 09.00 -12.00`` sets the default time; a row whose note says
    "heldag" gets ``heldag_time``. Rows may also be ``ÅÅÅÅ-MM-DD;tid;anteckning``.
    """
    default = parse_time_range(default_time)
    heldag = parse_time_range(heldag_time)
    entries: list[PlanEntry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        where = f"Rad {number}"
        header = _HEADER_TIME.search(line)
        if header and not _LINE.match(line):
            default = parse_time_range(header[1], where)
            continue
        if ";" in line:
            parts = [p.strip() for p in line.split(";")]
            d = parse_date(parts[0], where)
            times = parse_time_range(parts[1], where) if len(parts) > 1 and parts[1] else None
            note, typ = _note_and_type(parts[2] if len(parts) > 2 else "")
        else:
            m = _LINE.match(line)
            month = _month(m[2]) if m else None
            if not m or month is None:
                if re.match(r"^\d{4}\s*[-–]\s*\d{4}$", line) and entries:
                    # A wrapped tail of the previous row ("2023-2025" in § 114).
                    last = entries.pop()
                    entries.append(
                        PlanEntry(
                            last.datum,
                            last.starttid,
                            last.sluttid,
                            f"{last.anteckning} {line}".strip(),
                            last.typ,
                            last.plats,
                        )
                    )
                    continue
                if not entries and not re.search(r"\d", line[:3]):
                    continue  # a heading such as "2023 års sammanträden förläggs …"
                raise ValidationError(f"”{clip(line)}” är inget datum (skriv t.ex. ”27 januari Styrelsemöte”).", where)
            try:
                d = date(year, month, int(m[1]))
            except ValueError:
                raise ValidationError(f"”{m[1]} {clip(m[2], 20)}” finns inte {year}.", where) from None
            times = None
            note, typ = _note_and_type(m[3])
        if d.year != year:
            raise ValidationError(f"{d.isoformat()} ligger inte i {year}.", where)
        if times is None:
            times = heldag if "heldag" in note.lower() else default
        if any(e.datum == d for e in entries):
            raise ValidationError(f"{d.isoformat()} står två gånger.", where)
        entries.append(PlanEntry(d, times[0], times[1], note, typ))
    if not entries:
        raise ValidationError("planen innehåller inga datum.", "Sammanträdesplan")
    return sorted(entries, key=lambda e: e.datum)
