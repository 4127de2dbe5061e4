"""Reading a historical protocol from its text (issue 18): the header, närvarande, the signature block, the
Bevis/anslag block and every § with heading, text, att-satser, jäv notes and bilaga references.

Pure: text in, ``ParsedProtocol`` objects out. Several protocols in one text (a meeting packet with the previous
protocol as a bilaga) are split at each "Sammanträdesprotokoll" header. Whatever cannot be placed is listed in
``ParseResult.unplaced`` (line number and text) so nothing is dropped silently; what makes a protocol unusable
(no date, no §) is listed in ``ParsedProtocol.problems``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from finsam_desktop.domain.sammantraden.protocol_attendance import (
    ROLE_HEADINGS,
    ParsedAttendee,
    parse_attendance,
)

__all__ = [
    "ParseResult",
    "ParsedAttendee",
    "ParsedParagraph",
    "ParsedProtocol",
    "Unplaced",
    "parse_protocols",
]

HEADER = re.compile(r"^\s*sammanträdesprotokoll\b", re.IGNORECASE)
PARAGRAPH = re.compile(r"^\s*(\**)\s*§\s*(\d{1,4})\b\s*(.*)$")
RANGE = re.compile(r"protokollet\s+omfattar\s+§+\s*(\d+)\s*[-–]\s*(\d+)", re.IGNORECASE)
BILAGA_REF = re.compile(r"\(\s*bi-?laga\s+([0-9a-z ,]+?(?:\s+och\s+[0-9a-z]+)?)\s*\)", re.IGNORECASE)
JAV = re.compile(
    r"((?:[A-ZÅÄÖÉ][\wåäöéü-]+\s+){1,3}[A-ZÅÄÖÉ][\wåäöéü-]+)\s+(deltog inte i beslutet|deltog inte i diskussionen|"
    r"anmälde jäv)"
)
DECISION_HEADING = re.compile(
    r"^\s*(styrelsen|nämnden|beredningsgruppen|mötet|sammanträdet)\s+beslutade\s*:?\s*$", re.I
)
ATT = re.compile(r"^\s*Att\s+\S")
STRUCK = re.compile(r"stryks\s+från\s+(agendan|dagordningen)", re.IGNORECASE)
SIGNATURE_ROLES = {"ordförande": "ordforande", "sekreterare": "sekreterare", "justerare": "justerare"}
DATE_ISO = r"(\d{4}-\d{2}-\d{2}|\d{6})"
#: OCR notes a scanner leaves at page breaks ("Handwritten signature and initials in blue ink.").
SCAN_NOTE = re.compile(r"^\s*handwritten\b", re.IGNORECASE)


@dataclass
class Unplaced:
    line: int  # 1-based line number in the source text
    text: str
    why: str


@dataclass
class ParsedParagraph:
    nummer: int
    rubrik: str
    text: str = ""
    #: (rubrik of the delpunkt or "", text before its decision, att-satser) — one entry when no delpunkter.
    parts: list[tuple[str, str, list[str]]] = field(default_factory=list)
    bilagor: list[str] = field(default_factory=list)  # as written: "1", "6", "1a"
    jav: list[tuple[str, str]] = field(default_factory=list)  # (name as written, kind)
    struken: bool = False
    line: int = 0

    @property
    def att_satser(self) -> list[str]:
        return [a for _r, _t, atts in self.parts for a in atts]


@dataclass
class ParsedProtocol:
    first_line: int
    forbund: str = ""
    rubrik: str = ""
    datum: date | None = None
    starttid: str = ""
    sluttid: str = ""
    plats: str = ""
    attendance: list[ParsedAttendee] = field(default_factory=list)
    paragraph_range: tuple[int, int] | None = None
    ordforande: str = ""
    sekreterare: str = ""
    justerare: list[str] = field(default_factory=list)
    justeringsdatum: date | None = None
    anslagsdatum: date | None = None
    anslag_ned_tidigast: date | None = None
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Sammanträdet {self.datum.isoformat() if self.datum else '(datum saknas)'}"


@dataclass
class ParseResult:
    protocols: list[ParsedProtocol]
    unplaced: list[Unplaced]

    @property
    def problems(self) -> list[str]:
        out = [f"{p.label}: {msg}" for p in self.protocols for msg in p.problems]
        if not self.protocols:
            out.append("Ingen rad ”Sammanträdesprotokoll …” hittades; texten ser inte ut som ett protokoll.")
        return out


def grouped(unplaced: list[Unplaced]) -> list[str]:
    """One line per run of consecutive unplaced lines with the same reason ("rad 746–2607 (1150 rader): …")."""
    out: list[str] = []
    run: list[Unplaced] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        if len(run) == 1:
            out.append(f"rad {first.line}: ”{first.text[:80]}” – {first.why}")
        else:
            out.append(f"rad {first.line}–{last.line} ({len(run)} rader, börjar ”{first.text[:60]}”) – {first.why}")
        run.clear()

    for u in unplaced:
        if run and u.why != run[-1].why:
            flush()
        run.append(u)
    flush()
    return out


def parse_date_text(text: str) -> date | None:
    """``2022-11-25`` or ``221125`` (the compact form of the seed's anslag block)."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if re.fullmatch(r"\d{6}", text):
            return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None
    return None


def _strip_bold(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def is_initials(line: str) -> bool:
    """A scanner's rendering of handwritten initials ("an PPL 3", "AD K LK", "av f. k.")."""
    s = line.strip()
    if not s or len(s) > 12:
        return False
    tokens = [t.strip("*.,") for t in s.split()]
    return 1 < len(tokens) <= 4 and all(0 < len(t) <= 3 for t in tokens)


def _is_layout(line: str) -> bool:
    """Lines without content: empty, only dashes, underscores or spaces (table rules, signature lines)."""
    return not line.strip(" \t-_–=*|")


def parse_protocols(text: str) -> ParseResult:
    """Split ``text`` into protocols and read each one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [n for n, line in enumerate(lines) if HEADER.match(line)]
    unplaced: list[Unplaced] = []
    if not starts:
        for n, line in enumerate(lines):
            if not _is_layout(line):
                unplaced.append(Unplaced(n + 1, line.strip(), "utanför ett protokoll"))
        return ParseResult([], unplaced)
    # An organisation name in capitals just above the header belongs to that protocol.
    begins = []
    for n in starts:
        prev = n - 1
        while prev >= 0 and _is_layout(lines[prev]):
            prev -= 1
        if prev >= 0 and lines[prev].strip().isupper() and len(lines[prev].split()) <= 6:
            begins.append(prev)
        else:
            begins.append(n)
    for n in range(0, begins[0]):
        if not _is_layout(lines[n]):
            unplaced.append(Unplaced(n + 1, lines[n].strip(), "före första protokollet"))
    protocols = []
    for k, begin in enumerate(begins):
        end = begins[k + 1] if k + 1 < len(begins) else len(lines)
        protocols.append(_parse_one(lines, begin, end, unplaced))
    unplaced.sort(key=lambda u: u.line)
    return ParseResult(protocols, unplaced)


def _parse_one(lines: list[str], begin: int, end: int, unplaced: list[Unplaced]) -> ParsedProtocol:
    p = ParsedProtocol(first_line=begin + 1)
    first_para = next((n for n in range(begin, end) if _paragraph_head(lines[n])), end)
    _parse_front(p, lines, begin, first_para, unplaced)
    _parse_paragraphs(p, lines, first_para, end, unplaced)
    _check_jav(p, unplaced)
    _validate(p)
    return p


def attendee_for(written: str, names: list[str]) -> str | None:
    """The attendee whose name ends ``written`` (a jäv sentence may start with other capitalised words)."""
    words = written.split()
    for k in range(len(words)):
        tail = " ".join(words[k:]).lower()
        for name in names:
            if name.lower() == tail:
                return name
    return None


def _check_jav(p: ParsedProtocol, unplaced: list[Unplaced]) -> None:
    names = [a.namn for a in p.attendance]
    for par in p.paragraphs:
        for written, kind in par.jav:
            if attendee_for(written, names) is None:
                unplaced.append(
                    Unplaced(
                        par.line, f"{written} {kind}", f"jäv i § {par.nummer}: personen finns inte bland närvarande"
                    )
                )


def _paragraph_head(line: str) -> re.Match | None:
    m = PARAGRAPH.match(line)
    if m is None or RANGE.search(line):
        return None
    return m


def _parse_front(p: ParsedProtocol, lines: list[str], begin: int, end: int, unplaced: list[Unplaced]) -> None:
    """Header, närvarande, "Protokollet omfattar", the signature block and Bevis/anslag."""
    section = "header"
    attendance_lines: dict[str, list[tuple[int, str]]] = {}
    block: list[str] = []
    last_name: tuple[int, str] | None = None
    for n in range(begin, end):
        raw = lines[n]
        s = raw.strip()
        if _is_layout(raw):
            continue
        low = s.lower().rstrip(":")
        if HEADER.match(s):
            p.rubrik = _strip_bold(s)
            continue
        if section == "header" and n == begin and s.isupper():
            p.forbund = s
            continue
        if low in ROLE_HEADINGS:
            section = ROLE_HEADINGS[low]
            attendance_lines[section] = []
            continue
        m = RANGE.search(s)
        if m:
            p.paragraph_range = (int(m.group(1)), int(m.group(2)))
            section = "signatures"
            continue
        if low.startswith("bevis/anslag") or low.startswith("bevis / anslag"):
            section = "anslag"
            continue
        if section == "anslag":
            block.append(s)
            continue
        if section == "signatures":
            role = SIGNATURE_ROLES.get(low)
            if role and last_name is not None:
                if role == "justerare":
                    p.justerare.append(last_name[1])
                else:
                    setattr(p, role, last_name[1])
                last_name = None
            elif role:
                unplaced.append(Unplaced(n + 1, s, "titel i underskriftsblocket utan namn ovanför"))
            else:
                if last_name is not None:
                    unplaced.append(Unplaced(last_name[0] + 1, last_name[1], "namn utan titel i underskriftsblocket"))
                last_name = (n, s)
            continue
        if section in attendance_lines:
            attendance_lines[section].append((n, raw))
            continue
        if _header_field(p, s):
            continue
        unplaced.append(Unplaced(n + 1, s, "okänd rad i protokollets huvud"))
    if last_name is not None:
        unplaced.append(Unplaced(last_name[0] + 1, last_name[1], "namn utan titel i underskriftsblocket"))
    for role, entries in attendance_lines.items():
        people, bad = parse_attendance(role, entries)
        p.attendance.extend(people)
        unplaced.extend(Unplaced(n + 1, text, why) for n, text, why in bad)
    _parse_anslag(p, " ".join(block))


def _header_field(p: ParsedProtocol, s: str) -> bool:
    m = re.match(r"^(sammanträdesdatum|datum)\s*:?\s*" + DATE_ISO + r"\b", s, re.IGNORECASE)
    if m:
        p.datum = parse_date_text(m.group(2))
        return p.datum is not None
    m = re.match(r"^plats\s*:\s*(.+)$", s, re.IGNORECASE)
    if m:
        p.plats = m.group(1).strip()
        return True
    m = re.match(r"^(tid|klockan)\s*:?\s*(?:kl\.?\s*)?(\d{1,2}[.:]\d{2})\s*(?:[-–]\s*(\d{1,2}[.:]\d{2}))?", s, re.I)
    if m:
        p.starttid = m.group(2).replace(".", ":")
        p.sluttid = (m.group(3) or "").replace(".", ":")
        return True
    return False


def _parse_anslag(p: ParsedProtocol, block: str) -> None:
    for label, attr in (
        ("justeringsdatum", "justeringsdatum"),
        ("anslagsdatum", "anslagsdatum"),
        ("anslaget tas ned tidigast", "anslag_ned_tidigast"),
        ("sammanträdesdatum", None),
    ):
        m = re.search(label + r"\s*:?\s*" + DATE_ISO, block, re.IGNORECASE)
        if not m:
            continue
        value = parse_date_text(m.group(1))
        if attr:
            setattr(p, attr, value)
        elif p.datum is None:
            p.datum = value
    m = re.search(r"avser sammanträde med\s+(.+?)(?:\s+sammanträdesdatum|$)", block, re.IGNORECASE)
    if m:  # the förbund's own spelling beats a heading in capitals
        p.forbund = m.group(1).strip()


def _parse_paragraphs(p: ParsedProtocol, lines: list[str], begin: int, end: int, unplaced: list[Unplaced]) -> None:
    n = begin
    current: ParsedParagraph | None = None
    body: list[tuple[int, str]] = []

    def close() -> None:
        if current is not None:
            _fill_paragraph(current, body, unplaced)

    while n < end:
        m = _paragraph_head(lines[n])
        if m is None:
            if current is not None:
                body.append((n, lines[n]))
            n += 1
            continue
        close()
        head_line = n + 1
        nummer = int(m.group(2))
        rest = m.group(3)
        head = [rest] if rest.strip() else []
        n += 1
        # A bold heading may continue on the next lines until the closing **.
        opened = (m.group(1) + rest).count("**") % 2 == 1
        while opened and n < end and not _paragraph_head(lines[n]):
            head.append(lines[n])
            opened = lines[n].count("**") % 2 == 0
            n += 1
        if not head:  # "§ 133" alone: the heading is the next line with text
            while n < end and _is_layout(lines[n]):
                n += 1
            if n < end and not _paragraph_head(lines[n]):
                head.append(lines[n])
                n += 1
        current = ParsedParagraph(nummer, _strip_bold(" ".join(head)).rstrip(","), line=head_line)
        body = []
        p.paragraphs.append(current)
    if current is not None:
        # After the last § (Sammanträdet avslutas) only its first paragraph belongs to the protocol.
        cut = _end_of_last(body)
        for n2, line in body[cut:]:
            if not _is_layout(line):
                unplaced.append(Unplaced(n2 + 1, line.strip(), "efter protokollets sista § (bilaga eller annan text?)"))
        body = body[:cut]
    close()


def _end_of_last(body: list[tuple[int, str]]) -> int:
    seen_text = False
    for k, (_n, line) in enumerate(body):
        if _is_layout(line):
            if seen_text:
                return k
            continue
        seen_text = True
    return len(body)


def _fill_paragraph(par: ParsedParagraph, body: list[tuple[int, str]], unplaced: list[Unplaced]) -> None:
    parts: list[tuple[str, str, list[str]]] = []
    text_lines: list[str] = []
    atts: list[str] = []
    all_text: list[str] = []
    for n, raw in body:
        s = raw.strip()
        if _is_layout(raw):
            if text_lines and text_lines[-1] != "":
                text_lines.append("")
            continue
        if SCAN_NOTE.match(s) or is_initials(s):
            unplaced.append(Unplaced(n + 1, s, f"anteckning från skanningen i § {par.nummer} (signatur/initialer?)"))
            continue
        refs = BILAGA_REF.findall(s)
        for ref in refs:
            for token in re.split(r",|\boch\b", ref):
                token = token.strip().lower()
                if token and token not in par.bilagor:
                    par.bilagor.append(token)
        if refs and not BILAGA_REF.sub("", s).strip(" .,"):
            continue  # "(Bilaga 1)" on its own line: placed as a reference
        all_text.append(s)
        for name, kind in JAV.findall(s):
            par.jav.append((name.strip(), kind))
        if STRUCK.search(s):
            par.struken = True
        if DECISION_HEADING.match(s):
            if atts:
                parts.append(("", "\n".join(text_lines).strip(), atts))
                text_lines, atts = [], []
            continue
        if ATT.match(s):
            atts.append(_strip_bold(s))
            continue
        if atts:  # text after a decision starts the next delpunkt
            parts.append(("", "\n".join(text_lines).strip(), atts))
            text_lines, atts = [], []
        text_lines.append(_strip_bold(s))
    if atts or text_lines or not parts:
        parts.append(("", "\n".join(text_lines).strip(), atts))
    par.parts = parts
    par.text = "\n".join(all_text)


def _validate(p: ParsedProtocol) -> None:
    if p.datum is None:
        p.problems.append("sammanträdesdatum saknas (raden ”Sammanträdesdatum: ÅÅÅÅ-MM-DD”).")
    if not p.paragraphs:
        p.problems.append("inga paragrafer (rader som börjar med ”§ nummer”) hittades.")
        return
    numbers = [x.nummer for x in p.paragraphs]
    for a, b in zip(numbers, numbers[1:], strict=False):
        if b != a + 1:
            p.problems.append(f"§ {b} följer på § {a}; paragraferna ska löpa i en obruten följd.")
    if p.paragraph_range and (numbers[0], numbers[-1]) != p.paragraph_range:
        lo, hi = p.paragraph_range
        p.problems.append(f"protokollet säger sig omfatta § {lo}–{hi} men innehåller § {numbers[0]}–{numbers[-1]}.")
    for par in p.paragraphs:
        if not par.rubrik:
            p.problems.append(f"§ {par.nummer} saknar rubrik.")
