"""Justering and anslag: the states after the protocol draft, the anslag notice, canonical content hashes and
redaction for publication copies. Pure Python."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from finsam_desktop.domain.common import deadlines as dl

# Status values shared with the Sammanträden area (meeting.status); kept as strings so this module stays usable
# before/without the Sammanträden domain module.
UTKAST = "protokoll_utkast"
KLART = "klart_for_justering"
JUSTERAT = "justerat"
ANSLAGET = "anslaget"
NEDTAGET = "anslag_nedtaget"

JUSTERING_STATES = (KLART, JUSTERAT, ANSLAGET, NEDTAGET)
#: Status from which the protocol content is immutable (triggers + hash).
IMMUTABLE_STATES = (JUSTERAT, ANSLAGET, NEDTAGET)

STATE_LABELS = {
    "planerat": "Planerat",
    "kallat": "Kallat",
    "genomfort": "Genomfört",
    UTKAST: "Protokollsutkast",
    KLART: "Klart för justering",
    JUSTERAT: "Justerat",
    ANSLAGET: "Anslaget",
    NEDTAGET: "Anslag nedtaget",
}

#: (from, to) -> Swedish name of the act.
TRANSITIONS = {
    (UTKAST, KLART): "Klart för justering",
    (KLART, UTKAST): "Återöppnat för redigering",
    (KLART, JUSTERAT): "Justerat",
    (JUSTERAT, ANSLAGET): "Anslaget",
    (ANSLAGET, NEDTAGET): "Anslag nedtaget",
}


def transition_name(current: str, target: str) -> str | None:
    """The Swedish name of the act moving a protocol from ``current`` to ``target``, or None if not allowed."""
    return TRANSITIONS.get((current, target))


def is_immutable(status: str | None) -> bool:
    return status in IMMUTABLE_STATES


def paragraph_range_text(numbers: Iterable[int]) -> str:
    """``§ 120–146`` (as the rest of the app writes ranges); ``§ 7``; ``§ 3, 5, 7`` or ``§ 3–5, 9`` for gaps."""
    nums = sorted(set(numbers))
    if not nums:
        return ""
    runs: list[tuple[int, int]] = []
    start = prev = nums[0]
    for n in nums[1:]:
        if n == prev + 1:
            prev = n
            continue
        runs.append((start, prev))
        start = prev = n
    runs.append((start, prev))
    return "§ " + ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)


def parse_paragraph_list(text: str) -> list[int]:
    """``"5,7"`` / ``"5-7"`` / ``"§ 5, 7 - 9"`` → sorted § numbers; raises ValueError with a Swedish message."""
    nums: set[int] = set()
    cleaned = text.replace("§", " ").strip()
    if not cleaned:
        raise ValueError("Ange minst en paragraf, t.ex. 5 eller 5,7 eller 5-7.")
    for part in cleaned.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part)
        if m:
            a, b = int(m[1]), int(m[2])
            if b < a:
                raise ValueError(f"”{part}”: slutet av intervallet är mindre än början.")
            nums.update(range(a, b + 1))
        elif part.isdigit():
            nums.add(int(part))
        else:
            raise ValueError(f"”{part}” är inget paragrafnummer.")
    return sorted(nums)


@dataclass(frozen=True)
class AnslagNotice:
    """Everything the anslag (tillkännagivande om justerat protokoll, KL 8:12) shows."""

    forbund: str
    organ: str
    sammantradesdatum: date
    paragrafer: str
    justeringsdatum: date
    anslagsdatum: date
    forvaringsplats: str
    underskrift_namn: str
    underskrift_roll: str = "Enligt uppdrag"
    anslagstavla: str = ""
    #: "protokoll" or "protokollsutdrag" (justeras omedelbart).
    avser: str = "protokoll"
    style: str = dl.TakedownStyle.tidigast.value
    overklagande_veckor: int = 3
    #: When the document is made (the program's clock), written as the PDF's creation date; None: the anslagsdatum.
    created: datetime | None = None

    @property
    def sista_overklagandedag(self) -> date:
        return dl.last_appeal_day(self.anslagsdatum, self.overklagande_veckor)

    @property
    def tas_ned_tidigast(self) -> date:
        """The first day the notice may actually come down (independent of the print style)."""
        return dl.anslag_takedown_earliest(self.anslagsdatum, self.overklagande_veckor)

    @property
    def tas_ned_label(self) -> str:
        return dl.takedown_label(self.style)

    @property
    def tas_ned_printed(self) -> date:
        return dl.printed_takedown_date(self.anslagsdatum, self.style, self.overklagande_veckor)

    def rows(self) -> list[tuple[str, str]]:
        """Label/value pairs in the order of the Bevis/anslag block."""
        rows = [
            ("Avser sammanträde med", self.forbund if self.organ == self.forbund else f"{self.organ}, {self.forbund}"),
            ("Sammanträdesdatum", self.sammantradesdatum.isoformat()),
            ("Paragrafer", self.paragrafer),
            ("Justeringsdatum", self.justeringsdatum.isoformat()),
            ("Anslagsdatum", self.anslagsdatum.isoformat()),
            ("Sista dag för överklagande", self.sista_overklagandedag.isoformat()),
            (self.tas_ned_label, self.tas_ned_printed.isoformat()),
            ("Förvaringsplats för protokollet", self.forvaringsplats),
        ]
        return rows

    @property
    def heading(self) -> str:
        return (
            "Bevis/anslag om justerat protokollsutdrag"
            if self.avser == "protokollsutdrag"
            else "Bevis/anslag om justerat protokoll"
        )

    @property
    def lead(self) -> str:
        what = "Protokollsutdraget" if self.avser == "protokollsutdrag" else "Protokollet"
        return f"{what} är justerat. Justeringen har tillkännagivits genom anslag."

    @property
    def appeal_info(self) -> str:
        return (
            "Den som är medlem i förbundet eller i någon av dess medlemmar kan överklaga beslut i protokollet "
            "genom laglighetsprövning (kommunallagen 13 kap.). Överklagandet ska vara skriftligt, ange vilket beslut "
            "det gäller och skälen, och ha kommit in till förvaltningsrätten senast "
            f"{self.sista_overklagandedag.isoformat()}."
        )


# --- canonical content hash -------------------------------------------------------------------------------------


def canonical_json(content: object) -> str:
    """Deterministic JSON (sorted keys, no whitespace, dates as ISO) used for content hashes."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    raise TypeError(f"Kan inte serialisera {type(value).__name__}")


def content_hash(content: object) -> str:
    """SHA-256 (hex) of :func:`canonical_json` of ``content``."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


# --- redaction for publication copies --------------------------------------------------------------------------

PERSONNUMMER = re.compile(r"(?<![\d-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-6]\d|[78]\d)[-+ ]?\d{4}(?![\d-])")
MASK = "[maskerat]"
REDACTED_PARAGRAPH = "Paragrafen publiceras inte i denna version."


def redact_personnummer(text: str) -> tuple[str, int]:
    """Mask personnummer/samordningsnummer (``YYMMDD-NNNN``, ``YYYYMMDDNNNN`` …); returns (text, count)."""
    return PERSONNUMMER.subn("[personnummer maskerat]", text)


def redact_names(text: str, names: Sequence[str]) -> tuple[str, int]:
    """Mask each of ``names`` (whole words, case-sensitive as written); returns (text, count)."""
    total = 0
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text, n = re.subn(rf"(?<!\w){re.escape(name)}(?!\w)", MASK, text)
        total += n
    return text, total


@dataclass(frozen=True)
class RedactionChoice:
    """What the secretary chose to hide in a publication copy."""

    paragraphs: frozenset[int] = frozenset()
    personnummer: bool = True
    jav_names: bool = True
    extra_names: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        parts = []
        if self.paragraphs:
            parts.append(f"{paragraph_range_text(self.paragraphs)} utelämnade")
        if self.personnummer:
            parts.append("personnummer maskerade")
        if self.jav_names:
            parts.append("namn i jävsanteckningar maskerade")
        if self.extra_names:
            parts.append(f"{len(self.extra_names)} namn maskerade")
        return "; ".join(parts) if parts else "inga maskeringar"


# --- DTOs returned by the justering service ---------------------------------------------------------------------


@dataclass(frozen=True)
class JusteringEvent:
    """One recorded transition (who, when, which legal date, why)."""

    id: int
    meeting_id: int
    extract_id: int | None
    from_status: str
    to_status: str
    datum: date | None
    at: object  # datetime
    user: str
    reason: str = ""

    @property
    def label(self) -> str:
        return transition_name(self.from_status, self.to_status) or f"{self.from_status} → {self.to_status}"


@dataclass(frozen=True)
class JusteringRow:
    """One protocol in the secretary's justering view."""

    meeting_id: int
    organ: str
    datum: date
    status: str
    paragrafer: str
    justering_senast: date
    justeringsdatum: date | None
    justerare: str
    anslag_senast: date | None
    anslagsdatum: date | None
    sista_overklagandedag: date | None
    tas_ned_tidigast: date | None
    nedtaget_datum: date | None
    signed: bool
    warnings: tuple[str, ...] = ()
    #: "" | "idag" | "forsenad": for highlighting (justering or takedown due today / overdue).
    urgency: str = ""
    extract_id: int | None = None  # set for "justeras omedelbart" extracts

    @property
    def status_label(self) -> str:
        return STATE_LABELS.get(self.status, self.status)

    @property
    def title(self) -> str:
        base = f"{self.organ} {self.datum.isoformat()}"
        return f"{base} ({self.paragrafer}, justerat omedelbart)" if self.extract_id else base

    @property
    def next_action(self) -> str:
        """What the secretary does next, in Swedish ("" when nothing is left)."""
        return {
            UTKAST: "Markera klart för justering",
            KLART: "Registrera justering",
            JUSTERAT: "Registrera anslag",
            ANSLAGET: "Ta ned anslaget",
        }.get(self.status, "")


@dataclass(frozen=True)
class HashCheck:
    meeting_id: int
    ok: bool
    stored: str
    current: str
    differences: tuple[str, ...] = ()


@dataclass(frozen=True)
class UtdragEntry:
    id: int
    meeting_id: int
    paragrafer: str
    mottagare: str
    datum: date
    bestyrkt_av: str
    pdf_sha256: str
    user: str


@dataclass(frozen=True)
class CorrectionRef:
    """A later § correcting an earlier one (shown with both)."""

    id: int
    item_id: int
    item_label: str
    meeting_label: str
    corrects_item_id: int
    corrects_label: str
    corrects_meeting_label: str
    anteckning: str
