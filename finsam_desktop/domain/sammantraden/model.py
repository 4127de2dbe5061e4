"""Sammanträden: meeting status, attendance, beslutförhet, § and bilaga numbering, jäv, phrases.

Pure rules and the frozen data objects the service returns. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Beslutforhet, quorum_needed


class MeetingStatus(StrEnum):
    PLANERAT = "planerat"
    KALLAT = "kallat"
    GENOMFORT = "genomfort"
    PROTOKOLL_UTKAST = "protokoll_utkast"
    KLART_FOR_JUSTERING = "klart_for_justering"
    JUSTERAT = "justerat"
    ANSLAGET = "anslaget"
    ANSLAG_NEDTAGET = "anslag_nedtaget"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    MeetingStatus.PLANERAT: "Planerat",
    MeetingStatus.KALLAT: "Kallat",
    MeetingStatus.GENOMFORT: "Genomfört",
    MeetingStatus.PROTOKOLL_UTKAST: "Protokoll (utkast)",
    MeetingStatus.KLART_FOR_JUSTERING: "Klart för justering",
    MeetingStatus.JUSTERAT: "Justerat",
    MeetingStatus.ANSLAGET: "Anslaget",
    MeetingStatus.ANSLAG_NEDTAGET: "Anslag nedtaget",
}

#: The statuses this area moves between; later ones belong to justering.
EDITABLE_STATUSES = (
    MeetingStatus.PLANERAT,
    MeetingStatus.KALLAT,
    MeetingStatus.GENOMFORT,
    MeetingStatus.PROTOKOLL_UTKAST,
)

#: Statuses whose protocol the database refuses to change (see migration 0002 triggers).
DB_FROZEN_STATUSES = (MeetingStatus.JUSTERAT, MeetingStatus.ANSLAGET, MeetingStatus.ANSLAG_NEDTAGET)


def is_locked(status: str | MeetingStatus) -> bool:
    """True from ``klart_for_justering`` on: the protocol may no longer be edited here."""
    return list(MeetingStatus).index(MeetingStatus(status)) >= 4


class MeetingType(StrEnum):
    ORDINARIE = "ordinarie"
    EXTRA = "extra"
    KONSTITUERANDE = "konstituerande"

    @property
    def label(self) -> str:
        return {"ordinarie": "Ordinarie", "extra": "Extra", "konstituerande": "Konstituerande"}[self.value]


class ItemKind(StrEnum):
    BESLUT = "beslut"
    INFORMATION = "information"
    ANMALAN = "anmalan"

    @property
    def label(self) -> str:
        return {"beslut": "Beslut", "information": "Information", "anmalan": "Anmälan"}[self.value]


class AttendanceRole(StrEnum):
    ORDINARIE = "ordinarie"
    TJANSTGORANDE = "tjanstgorande"
    ERSATTARE = "ersattare"
    OVRIG = "ovrig"

    @property
    def label(self) -> str:
        """The heading of the list in the protocol."""
        return {
            "ordinarie": "Närvarande ordinarie ledamöter",
            "tjanstgorande": "Tjänstgörande ersättare",
            "ersattare": "Närvarande ersättare",
            "ovrig": "Övriga närvarande",
        }[self.value]

    @property
    def short(self) -> str:
        return {
            "ordinarie": "Ledamot",
            "tjanstgorande": "Tjänstgörande ersättare",
            "ersattare": "Ersättare",
            "ovrig": "Övrig",
        }[self.value]


class JavKind(StrEnum):
    DELTOG_INTE_I_BESLUTET = "deltog_inte_i_beslutet"
    DELTOG_INTE_I_DISKUSSIONEN = "deltog_inte_i_diskussionen"
    ANMALDE_JAV = "anmalde_jav"

    @property
    def phrase(self) -> str:
        return {
            "deltog_inte_i_beslutet": "deltog inte i beslutet",
            "deltog_inte_i_diskussionen": "deltog inte i diskussionen",
            "anmalde_jav": "anmälde jäv och deltog inte i handläggningen",
        }[self.value]

    @property
    def label(self) -> str:
        return self.phrase[0].upper() + self.phrase[1:]

    @property
    def excludes_from_decision(self) -> bool:
        """Every kind keeps the person out of the decision (diskussion implies beslut)."""
        return True


class UppdragStatus(StrEnum):
    OPPET = "oppet"
    PAGAR = "pagar"
    KLART = "klart"
    AVBRUTET = "avbrutet"

    @property
    def label(self) -> str:
        return {"oppet": "Öppet", "pagar": "Pågår", "klart": "Klart", "avbrutet": "Avbrutet"}[self.value]

    @property
    def is_open(self) -> bool:
        return self in (UppdragStatus.OPPET, UppdragStatus.PAGAR)


class Rost(StrEnum):
    JA = "ja"
    NEJ = "nej"
    AVSTAR = "avstar"

    @property
    def label(self) -> str:
        return {"ja": "Ja", "nej": "Nej", "avstar": "Avstår"}[self.value]


# --- data objects ------------------------------------------------------------------------------


def paragraph_range_text(first: int | None, last: int | None) -> str:
    """``§ 120–146`` (a single § as ``§ 7``); empty when unnumbered."""
    if first is None or last is None:
        return ""
    return f"§ {first}" if first == last else f"§ {first}–{last}"


@dataclass(frozen=True)
class OrganInfo:
    id: int
    namn: str
    kind: str
    numbered: bool


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    organ_id: int
    organ_namn: str
    numbered: bool
    datum: date
    starttid: time | None
    sluttid: time | None
    plats: str
    digital: bool
    typ: MeetingType
    status: MeetingStatus
    first_paragraph: int | None
    last_paragraph: int | None
    item_count: int

    @property
    def locked(self) -> bool:
        return is_locked(self.status)

    @property
    def paragraph_range_text(self) -> str:
        return paragraph_range_text(self.first_paragraph, self.last_paragraph)

    @property
    def title(self) -> str:
        return f"{self.organ_namn} {self.datum.isoformat()}"

    @property
    def place_text(self) -> str:
        return place_text(self.plats, self.digital)

    @property
    def time_text(self) -> str:
        return time_text(self.starttid, self.sluttid)


def place_text(plats: str, digital: bool) -> str:
    plats = (plats or "").strip()
    if digital and plats:
        return f"{plats} (och digitalt)"
    if digital:
        return "Digitalt"
    return plats


def time_text(start: time | None, end: time | None) -> str:
    if start and end:
        return f"kl. {start:%H.%M}–{end:%H.%M}"
    if start:
        return f"kl. {start:%H.%M}"
    return ""


@dataclass(frozen=True)
class QuorumResult:
    seats: int
    needed: int
    voting_present: int
    beslutfor: bool
    message: str
    voting_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attendee:
    id: int
    meeting_id: int
    person_id: int
    namn: str
    roll: AttendanceRole
    organisation: str
    member_id: int | None
    ersatter_person_id: int | None
    ersatter_namn: str
    narvarande: bool
    from_item_id: int | None
    to_item_id: int | None
    range_text: str
    position: int


@dataclass(frozen=True)
class Clause:
    id: int
    item_id: int
    part_id: int
    position: int
    text: str
    uppdrag_id: int | None = None


@dataclass(frozen=True)
class Part:
    id: int
    item_id: int
    position: int
    rubrik: str
    text: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class JavNote:
    id: int
    item_id: int
    person_id: int
    namn: str
    kind: JavKind

    @property
    def sentence(self) -> str:
        return f"{self.namn} {self.kind.phrase}."


@dataclass(frozen=True)
class JavProposal:
    person_id: int
    namn: str
    kind: JavKind
    reason: str

    @property
    def sentence(self) -> str:
        return f"{self.namn} {self.kind.phrase}."


@dataclass(frozen=True)
class Vote:
    id: int
    item_id: int
    proposition: str
    sluten: bool
    ja: int
    nej: int
    avstar: int
    votes: tuple[tuple[int, str, Rost], ...] = ()

    @property
    def summary(self) -> str:
        head = f"Omröstning{' (sluten)' if self.sluten else ''}"
        if self.proposition:
            head += f" om {self.proposition.rstrip('.')}"
        text = f"{head}: {self.ja} ja, {self.nej} nej, {self.avstar} avstår."
        if self.votes and not self.sluten:
            groups = []
            for rost in Rost:
                names = [n for _pid, n, r in self.votes if r is rost]
                if names:
                    groups.append(f"{rost.label}: {', '.join(names)}")
            text += " " + "; ".join(groups) + "."
        return text


@dataclass(frozen=True)
class Reservation:
    id: int
    item_id: int
    person_id: int
    namn: str
    motivering: str = ""

    @property
    def sentence(self) -> str:
        text = f"{self.namn} reserverar sig mot beslutet"
        return f"{text}: {self.motivering.strip()}" if self.motivering.strip() else f"{text}."


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int
    position: int
    number: int | None
    label: str
    rubrik: str
    typ: ItemKind
    standard: str
    foredragande: str
    arendebeskrivning: str
    forslag_till_beslut: str
    diarienummer: str
    sokande_member_id: int | None
    sokande_organisation: str
    text: str
    clauses: tuple[Clause, ...]
    parts: tuple[Part, ...]
    utgar: bool
    utgar_motivering: str
    justeras_omedelbart: bool
    bilaga_ids: tuple[int, ...]
    bilaga_numbers: tuple[int, ...]
    bilaga_ref_text: str
    jav: tuple[JavNote, ...]
    jav_proposals: tuple[JavProposal, ...]
    jav_warning: str
    quorum: QuorumResult | None
    vote: Vote | None
    reservations: tuple[Reservation, ...]

    @property
    def all_clauses(self) -> tuple[Clause, ...]:
        """Every att-sats in print order: the delpunkter's, then the § concluding decision."""
        return tuple(c for p in self.parts for c in p.clauses) + self.clauses


@dataclass(frozen=True)
class Bilaga:
    id: int
    meeting_id: int
    number: int | None
    titel: str
    filnamn: str
    mimetyp: str
    storlek: int
    sha256: str
    source_meeting_id: int | None
    referenced_by: tuple[str, ...]


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingSummary
    anteckning: str
    kallelse_skickad: date | None
    justerare_person_ids: tuple[int, ...]
    ordforande_person_id: int | None
    sekreterare_person_id: int | None
    items: tuple[AgendaItem, ...]
    attendance: tuple[Attendee, ...]
    bilagor: tuple[Bilaga, ...]
    quorum: QuorumResult
    previous: MeetingSummary | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Uppdrag:
    id: int
    beskrivning: str
    ansvarig_person_id: int | None
    ansvarig: str
    deadline: date | None
    status: UppdragStatus
    item_id: int | None
    clause_id: int | None
    source: str
    kommentar: str
    overdue: bool


@dataclass(frozen=True)
class UppdragRecord:
    """An uppdrag exactly as stored, kept by a removed § so that undo brings it back with its id."""

    id: int
    organ_id: int
    item_id: int | None
    clause_id: int | None
    beskrivning: str
    ansvarig_person_id: int | None
    ansvarig: str
    deadline: date | None
    status: UppdragStatus
    kommentar: str
    created_at: datetime | None


@dataclass(frozen=True)
class DeletedItem:
    """Everything a removed § held (``delete_item``); ``restore_item`` brings it back with the same ids."""

    item: AgendaItem
    uppdrag: tuple[UppdragRecord, ...] = ()
    #: Attendance rows whose "from §"/"to §" bound was this §.
    attendance_from: tuple[int, ...] = ()
    attendance_to: tuple[int, ...] = ()

    @property
    def id(self) -> int:
        return self.item.id

    @property
    def meeting_id(self) -> int:
        return self.item.meeting_id

    @property
    def position(self) -> int:
        return self.item.position


@dataclass(frozen=True)
class StandardPhrase:
    id: int
    kategori: str
    text: str
    position: int = 0


@dataclass(frozen=True)
class SearchHit:
    meeting_id: int
    item_id: int
    datum: date
    organ_namn: str
    label: str
    rubrik: str
    snippet: str
    status: MeetingStatus


@dataclass(frozen=True)
class KallelseResult:
    meeting: MeetingSummary
    warning: str | None


# --- beslutförhet ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumPerson:
    """A present board person as the quorum rule sees them."""

    person_id: int
    namn: str
    roll: AttendanceRole
    ersatter_person_id: int | None = None


def check_quorum(
    ledamot_ids: Sequence[int],
    present: Iterable[QuorumPerson],
    excluded: Iterable[int] = (),
    rule: Beslutforhet = Beslutforhet.MER_AN_HALFTEN,
) -> QuorumResult:
    """More than half of the ledamöter must take part (KL 6:27), or at least half under ``rule``
    ``MINST_HALFTEN`` when the förbundsordning says so.

    ``ledamot_ids`` are the ordinary seats on the day. A present ordinarie counts for their own seat; a
    tjänstgörande ersättare counts for the ledamot replaced (once, and only if that ledamot is not
    present as well). ``excluded`` are persons who do not take part in this decision (jäv).
    """
    seats = set(ledamot_ids)
    excluded_ids = set(excluded)
    filled: dict[int, str] = {}
    for p in present:
        if p.person_id in excluded_ids:
            continue
        if p.roll is AttendanceRole.ORDINARIE and p.person_id in seats:
            filled[p.person_id] = p.namn
    for p in present:
        if p.person_id in excluded_ids:
            continue
        if (
            p.roll is AttendanceRole.TJANSTGORANDE
            and p.ersatter_person_id in seats
            and p.ersatter_person_id not in filled
        ):
            filled[p.ersatter_person_id] = p.namn
    total = len(seats)
    rule = Beslutforhet(rule)
    needed = quorum_needed(total, rule)
    count = len(filled)
    ok = total > 0 and count >= needed
    if total == 0:
        message = "Inga ledamöter har mandat på sammanträdesdagen; beslutförheten kan inte bedömas."
    elif ok:
        message = f"Beslutför: {count} av {total} ledamöter deltar (minst {needed} krävs)."
    else:
        message = (
            f"Inte beslutför: {count} av {total} ledamöter deltar, men {rule.short} ({needed}) "
            f"krävs enligt {rule.source}."
        )
    return QuorumResult(total, needed, count, ok, message, tuple(filled.values()))


# --- § numbering -------------------------------------------------------------------------------


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


# --- bilagor -----------------------------------------------------------------------------------


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


def join_swedish(parts: Sequence[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    parts = list(parts)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " och " + parts[-1]


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


# --- jäv ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardPerson:
    person_id: int
    namn: str
    member_id: int | None
    roll: AttendanceRole  # as present at the meeting


def propose_jav(applicant_member_id: int | None, present: Sequence[BoardPerson]) -> list[JavProposal]:
    """The seed's § 132–137 pattern: for an ansökan from member X, X's ledamot (or the ersättare
    serving in that seat) does not take part in the decision; X's other ersättare does not take part
    in the discussion."""
    if applicant_member_id is None:
        return []
    proposals = []
    for p in present:
        if p.member_id != applicant_member_id:
            continue
        if p.roll in (AttendanceRole.ORDINARIE, AttendanceRole.TJANSTGORANDE):
            proposals.append(
                JavProposal(
                    p.person_id, p.namn, JavKind.DELTOG_INTE_I_BESLUTET, "företräder den sökande organisationen"
                )
            )
        elif p.roll is AttendanceRole.ERSATTARE:
            proposals.append(
                JavProposal(
                    p.person_id, p.namn, JavKind.DELTOG_INTE_I_DISKUSSIONEN, "ersättare för den sökande organisationen"
                )
            )
    return proposals


def jav_warning(
    label: str, applicant: str, proposals: Sequence[JavProposal], recorded_person_ids: Iterable[int]
) -> str:
    """A warning when an ansökan from a member has no jäv note for that member's representatives."""
    recorded = set(recorded_person_ids)
    missing = [p for p in proposals if p.person_id not in recorded]
    if not proposals or not missing:
        return ""
    if len(missing) == len(proposals):
        head = f"{label}: ansökan från {applicant} men ingen jävsanteckning är gjord"
    else:
        head = f"{label}: jävsanteckning saknas"
    names = join_swedish([f"{p.namn} ({p.kind.phrase})" for p in missing])
    return f"{head} — föreslås: {names}."


# --- standard texts -----------------------------------------------------------------------------


def short_date(d: date) -> str:
    """``221125`` as the protocols write earlier meetings."""
    return d.strftime("%y%m%d")


def justerare_clause(namn: str) -> str:
    return f"Att utse {namn} att jämte ordförande justera dagens protokoll."


def foregaende_rubrik(previous: date | None) -> str:
    return f"Föregående protokoll {short_date(previous)}" if previous else "Föregående protokoll"


def foregaende_clause(previous: date, organ_kind: str = "styrelse") -> str:
    mote = "styrelsemötet" if organ_kind == "styrelse" else "mötet"
    return f"Att protokollet från {mote} {short_date(previous)} läggs till handlingarna."


def beslut_heading(organ_namn: str) -> str:
    """``Styrelsen beslutade``."""
    return f"{organ_namn.strip() or 'Styrelsen'} beslutade"


def normalize_clause(text: str) -> str:
    """An att-sats starts with a capital ``Att``."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("att-satsen får inte vara tom.", "Att-sats")
    if text[:4].lower() == "att ":
        text = "Att " + text[4:]
    return text


def clauses_from_forslag(text: str) -> list[str]:
    """Split a förslag till beslut into att-satser (one per line or per ``Att``)."""
    lines = [ln.strip(" -•\t") for ln in (text or "").splitlines()]
    result: list[str] = []
    for ln in lines:
        if not ln:
            continue
        if ln[:4].lower() == "att " or not result:
            result.append(normalize_clause(ln if ln[:4].lower() == "att " else f"Att {ln[0].lower()}{ln[1:]}"))
        else:
            result[-1] += " " + ln
    return result


def kallelse_warning(sent: date, meeting: date, days: int) -> str | None:
    """Swedish warning when the kallelse went out later than ``days`` days before the meeting."""
    latest = meeting - timedelta(days=days)
    if sent > latest:
        late = (sent - latest).days
        return (
            f"Kallelsen skickades {sent.isoformat()}, {late} dag{'ar' if late != 1 else ''} för sent: "
            f"enligt förbundets regler ska den gå ut senast {days} dagar före sammanträdet "
            f"({latest.isoformat()})."
        )
    return None


def validate_rubrik(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError("får inte vara tom.", "Rubrik")
    if len(text) > 300:
        raise ValidationError(f"är {len(text)} tecken lång; högst 300 tecken.", "Rubrik")
    return text
