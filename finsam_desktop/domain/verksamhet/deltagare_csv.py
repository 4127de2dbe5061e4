"""The deltagare export of the national follow-up system (SUS, "Uppföljning Finsam"): one row per insats and month
with aggregate counts only (no participant-level data), read all rows or nothing.

The file is read by the one tolerant reader (``common.tabular``: any encoding, line ends, delimiter, .xlsx) and its
columns are guessed from their usual Swedish headers the way the stickprov import guesses (``stickprov_mapping``:
a role with two equally good columns is left for the user). Besides the fixed fields, a column per avslutsanledning
("Avslut arbete", "Till studier", "Avslutsanledning: Sjukdom") and per referring organisation ("Anvisade från
Försäkringskassan", "Remittent Täby kommun") is recognised; their mapping keys are ``avslut:<kod>`` and
``anvisade:<organisation>``. Summa/Totalt rows are skipped with a note. Any bad cell refuses the whole file with the
row number and the column, in Swedish.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.common import tabular
from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.domain.internkontroll.stickprov_cells import summa_label
from finsam_desktop.domain.internkontroll.stickprov_mapping import ImportField, candidates, quoted

COUNTS = ("inskrivna", "pagaende", "avslutade", "kvinnor", "man", "annat", "stegforflyttning")

FIELDS = (
    ImportField(
        "period",
        "Period",
        True,
        ("period", "månad", "redovisningsperiod", "år månad", "år och månad", "period ååååmm", "rapportperiod"),
    ),
    ImportField("ar", "År", False, ("år", "redovisningsår", "kalenderår")),
    ImportField(
        "insats",
        "Insats",
        False,
        ("insats", "insatsnamn", "insats namn", "namn på insats", "projekt", "projektnamn", "verksamhet"),
    ),
    ImportField(
        "insats_kod", "Insatskod", False, ("insatskod", "insats kod", "insats id", "insatsid", "projektkod", "kod")
    ),
    ImportField(
        "inskrivna",
        "Inskrivna",
        True,
        ("inskrivna", "nya deltagare", "nyinskrivna", "antal inskrivna", "påbörjat", "påbörjade", "nya"),
    ),
    ImportField(
        "pagaende", "Pågående", False, ("pågående", "aktiva", "aktuella deltagare", "antal aktiva", "aktuella")
    ),
    ImportField("avslutade", "Avslutade", False, ("avslutade", "antal avslutade", "avslutat", "avslut totalt")),
    ImportField("kvinnor", "Kvinnor", False, ("kvinnor", "varav kvinnor", "kvinna", "antal kvinnor")),
    ImportField("man", "Män", False, ("män", "varav män", "man", "antal män")),
    ImportField("annat", "Annat/okänt kön", False, ("annat kön", "okänt kön", "ej angivet kön", "anonyma", "annat")),
    ImportField(
        "stegforflyttning",
        "Stegförflyttning",
        False,
        ("stegförflyttning", "stegförflyttningar", "antal stegförflyttningar", "gjort stegförflyttning"),
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}
LABELS = {f.name: f.label for f in FIELDS}

_AVSLUT_COL = re.compile(
    r"^(?:avslutsanledning|avslut(?:ade)?\s+(?:till|pga|p\.g\.a\.)|avslut(?:ade)?|till)\s*[:\-–]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ANVISAD_COL = re.compile(
    r"^(?:anvisade?\s+från|anvisade?|remitterade?\s+från|remittent|anvisning)\s*[:\-–]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ORG_ALIASES = {
    "fk": "Försäkringskassan",
    "försäkringskassan": "Försäkringskassan",
    "af": "Arbetsförmedlingen",
    "arbetsförmedlingen": "Arbetsförmedlingen",
    "region": "Regionen",
    "regionen": "Regionen",
}


@dataclass(frozen=True, slots=True)
class Reason:
    kod: str
    namn: str
    synonymer: tuple[str, ...]


def load_reasons(text: str) -> tuple[Reason, ...]:
    """The avslutsanledning code list from ``avslutsanledningar.json``'s text."""
    data = json.loads(text)
    return tuple(Reason(d["kod"], d["namn"], tuple(d.get("synonymer", ()))) for d in data["avslutsanledningar"])


def _key(text: object) -> str:
    return re.sub(r"[\s_.\-]+", " ", str(text or "").strip().lower()).strip()


def reason_of(text: str, reasons: Sequence[Reason]) -> Reason | None:
    k = _key(text)
    for r in reasons:
        if k in {_key(r.kod), _key(r.namn), *(_key(s) for s in r.synonymer)}:
            return r
    return None


def organisation_of(text: str) -> str:
    """A referring organisation as the reports name it ("FK" → "Försäkringskassan"); others as written."""
    name = " ".join(str(text).split())
    return _ORG_ALIASES.get(name.lower(), name)


@dataclass(frozen=True)
class MappingGuess:
    mapping: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    #: Columns that look like an avslut column but name no avslutsanledning of the code list.
    unknown_reasons: tuple[str, ...] = ()


def dynamic_columns(headers: Sequence[str], reasons: Sequence[Reason]) -> tuple[dict[str, str], tuple[str, ...]]:
    """``avslut:<kod>`` / ``anvisade:<organisation>`` → column, and the avslut columns with an unknown reason."""
    out: dict[str, str] = {}
    unknown = []
    for h in headers:
        text = " ".join(str(h or "").split())
        if m := _ANVISAD_COL.match(text):
            out.setdefault(f"anvisade:{organisation_of(m['rest'])}", h)
        elif (m := _AVSLUT_COL.match(text)) and _key(text) not in {
            _key(s) for s in FIELD_BY_NAME["avslutade"].synonyms
        }:
            reason = reason_of(m["rest"], reasons)
            if reason is None:
                unknown.append(h)
            else:
                out.setdefault(f"avslut:{reason.kod}", h)
    return out, tuple(unknown)


def guess_columns(headers: Sequence[str], reasons: Sequence[Reason]) -> MappingGuess:
    dynamic, unknown = dynamic_columns(headers, reasons)
    taken = set(dynamic.values()) | set(unknown)
    rest = [h for h in headers if h not in taken]
    mapping: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for f in FIELDS:
        hits = tuple(h for h in candidates(f, rest) if h not in taken)
        if len(hits) == 1:
            mapping[f.name] = hits[0]
            taken.add(hits[0])
        elif len(hits) > 1:
            ambiguous[f.name] = hits
            taken.update(hits)
    mapping.update(dynamic)
    return MappingGuess(mapping, ambiguous, unknown)


def label_of(key: str) -> str:
    if key.startswith("avslut:"):
        return f"Avslut {key.split(':', 1)[1]}"
    if key.startswith("anvisade:"):
        return f"Anvisade från {key.split(':', 1)[1]}"
    return LABELS.get(key, key)


def mapping_text(mapping: Mapping[str, str]) -> str:
    used = [f"{label_of(k)} ← ”{v}”" for k, v in mapping.items() if v]
    either = ("insats", "insats_kod")
    absent = [
        f.label
        for f in FIELDS
        if not mapping.get(f.name)
        and f.name != "ar"  # only where the month is split in two columns
        and not (f.name in either and any(mapping.get(k) for k in either))
    ]
    text = "Kolumnkoppling: " + (", ".join(used) or "(ingen)")
    if absent:
        text += "; saknas: " + ", ".join(absent)
    return text + "."


def validate_mapping(mapping: Mapping[str, str], headers: Sequence[str], reasons: Sequence[Reason]) -> dict[str, str]:
    clean = {k: v for k, v in mapping.items() if v}
    for k in clean:
        if k.startswith("avslut:") and reason_of(k.split(":", 1)[1], reasons) is None:
            codes = ", ".join(r.kod for r in reasons)
            raise ValidationError(
                f"okänd avslutsanledning ”{k.split(':', 1)[1]}”; välj bland {codes}.", "Kolumnkoppling"
            )
        if ":" not in k and k not in FIELD_BY_NAME:
            raise ValidationError(f"okänt fält ”{k}”; välj bland {', '.join(FIELD_BY_NAME)}.", "Kolumnkoppling")
    open_roles = guess_columns(headers, reasons).ambiguous
    missing = [f for f in FIELDS if f.required and f.name not in clean]
    if "insats" not in clean and "insats_kod" not in clean:
        missing.append(FIELD_BY_NAME["insats"])
    if missing:
        parts = [
            f"välj kolumn för {f.label}: {quoted(open_roles[f.name])}"
            if f.name in open_roles
            else f"filen saknar en kolumn för {f.label}"
            for f in missing
        ]
        raise ValidationError("; ".join(parts) + ".", "Kolumnkoppling")
    absent = [f"”{col}” ({label_of(k)})" for k, col in clean.items() if col not in headers]
    if absent:
        raise ValidationError("filen saknar kolumnen " + ", ".join(absent) + ".", "Kolumnkoppling")
    cols = list(clean.values())
    dupes = sorted({c for c in cols if cols.count(c) > 1})
    if dupes:
        raise ValidationError(f"kolumnen ”{dupes[0]}” är vald för flera fält.", "Kolumnkoppling")
    return clean


# --- reading ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawFile:
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


#: How many non-empty rows may come before the header row (a title, "Uttag 2026-04-02", the förbund's name).
MAX_PREAMBLE_ROWS = 8


def _looks_like_header(cells: Sequence[object]) -> bool:
    headers = ["" if c is None else str(c).strip() for c in cells]
    return bool(candidates(FIELD_BY_NAME["period"], headers)) and bool(candidates(FIELD_BY_NAME["inskrivna"], headers))


def read_file(data: bytes) -> RawFile:
    """The header row and the data rows below it, by ``tabular``. The header row is the first non-empty row that
    names a period and an inskrivna column among the first few (a title above the table is skipped), else the
    first non-empty row."""
    table = tabular.read_table(data)
    filled = [(n, cells) for n, cells in table.rows if any(c not in (None, "") and str(c).strip() for c in cells)]
    if not filled:
        raise ValidationError("filen är tom.", "Fil")
    at = next((i for i, (_n, cells) in enumerate(filled[: MAX_PREAMBLE_ROWS + 1]) if _looks_like_header(cells)), 0)
    headers = tuple("" if c is None else str(c).strip() for c in filled[at][1])
    rows = tuple((n, tuple(cells) + (None,) * (len(headers) - len(cells))) for n, cells in filled[at + 1 :])
    return RawFile(headers, rows)


@dataclass(frozen=True, slots=True)
class InsatsRef:
    id: int
    namn: str
    kod: str = ""


@dataclass(frozen=True, slots=True)
class DeltagarPeriod:
    """One insats's counts for one month (``period`` is the month's first day)."""

    insats_id: int
    insats: str
    period: date
    inskrivna: int = 0
    pagaende: int = 0
    avslutade: int = 0
    kvinnor: int = 0
    man: int = 0
    annat: int = 0
    stegforflyttning: int = 0
    avslut: tuple[tuple[str, int], ...] = ()
    anvisade: tuple[tuple[str, int], ...] = ()
    rad: int = 0


@dataclass(frozen=True)
class ParsedFile:
    rows: tuple[DeltagarPeriod, ...]
    notes: tuple[str, ...]


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    )
}


def parse_period(value: object) -> date | None:
    """A month: "2026-03", "202603", "2026-03-01", "2026/03", "mars 2026", or a date cell; None if not one."""
    if isinstance(value, date):
        return value.replace(day=1)
    text = " ".join(str(value or "").split()).lower()
    m = re.fullmatch(r"(\d{4})\s*[-/ ]?\s*(\d{1,2})(?:[-/ ](\d{1,2}))?", text)
    if m and (len(m[2]) == 2 or (m[3] is None and "-" in text) or "/" in text):
        year, month = int(m[1]), int(m[2])
    elif m2 := re.fullmatch(r"([a-zåäö]+)\.?\s+(\d{4})", text):
        month = _MONTHS.get(m2[1][:3], 0)
        year = int(m2[2])
    else:
        return None
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    if m and m[3] is not None:
        try:
            date(year, month, int(m[3]))
        except ValueError:
            return None
    return date(year, month, 1)


def _period(by: Mapping[str, object]) -> date | None:
    """The row's month: from the period cell, or with a separate År column from År and Månad ("2026" and "3")."""
    if "ar" not in by:
        return parse_period(by.get("period"))
    year = str(by.get("ar") or "").strip()
    month = str(by.get("period") or "").strip()
    if re.fullmatch(r"\d{4}", year) and re.fullmatch(r"\d{1,2}", month):
        return parse_period(f"{year}-{int(month):02d}")
    if re.fullmatch(r"\d{4}", year) and re.fullmatch(r"[a-zåäöA-ZÅÄÖ]+\.?", month):
        return parse_period(f"{month} {year}")
    return parse_period(month)


def _count(value: object, where: str) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise ValidationError(f"”{value}” är inget antal.", where)
    if isinstance(value, int):
        n = value
    elif isinstance(value, float | Decimal):
        if value != int(value):
            raise ValidationError(f"”{value}” är inget heltal; antal deltagare är hela personer.", where)
        n = int(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if text.startswith("<") or text in ("*", "x", "X"):
            raise ValidationError(
                f"värdet ”{clip(value)}” är maskerat; importera en export med verkliga antal (maskering görs "
                "först i publicerade rapporter).",
                where,
            )
        if re.fullmatch(r"-\d+", text):
            raise ValidationError(f"antal kan inte vara negativa (”{text}”).", where)
        if re.fullmatch(r"\d+[,.]0+", text):
            text = re.split(r"[,.]", text)[0]
        if not re.fullmatch(r"\d{1,7}", text):
            raise ValidationError(f"”{clip(value)}” är inget antal.", where)
        n = int(text)
    if n < 0:
        raise ValidationError(f"antal kan inte vara negativa ({n}).", where)
    return n


def _insats(
    cells_by: Mapping[str, object], insatser: Sequence[InsatsRef], where_name: str, where_code: str
) -> InsatsRef:
    code = str(cells_by.get("insats_kod") or "").strip()
    name = " ".join(str(cells_by.get("insats") or "").split())
    if code:
        hits = [i for i in insatser if i.kod and i.kod.strip().lower() == code.lower()]
        if hits:
            return hits[0]
        if not name:
            raise ValidationError(f"det finns ingen insats med koden ”{clip(code)}”.", where_code)
    if not name:
        raise ValidationError("insatsen saknas.", where_name)
    hits = [i for i in insatser if _key(i.namn) == _key(name)]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise ValidationError(f"flera insatser heter ”{clip(name)}”; ange insatskoden.", where_name)
    known = ", ".join(f"”{i.namn}”" for i in insatser[:8]) or "(inga insatser registrerade)"
    raise ValidationError(f"det finns ingen insats ”{clip(name)}”. Registrerade insatser: {known}.", where_name)


def parse_rows(
    raw: RawFile, mapping: Mapping[str, str], insatser: Sequence[InsatsRef], reasons: Sequence[Reason]
) -> ParsedFile:
    """Every data row as a ``DeltagarPeriod``, or ``ValidationError`` for the first bad cell ("Rad 7, kolumn
    ”Kvinnor”: …"); nothing is returned in part."""
    mapping = validate_mapping(mapping, raw.headers, reasons)
    index = {k: raw.headers.index(col) for k, col in mapping.items()}
    gender = any(k in index for k in ("kvinnor", "man", "annat"))
    out: list[DeltagarPeriod] = []
    seen: dict[tuple[int, date], int] = {}
    skipped: list[tuple[int, str]] = []
    for number, cells in raw.rows:
        label = summa_label(cells, strong=True) or _summa_start(cells, index)
        if label:
            skipped.append((number, label))
            continue

        def where(key: str, number: int = number) -> str:
            return f"Rad {number}, kolumn ”{mapping[key]}”" if key in mapping else f"Rad {number}"

        by = {k: cells[i] for k, i in index.items()}
        period = _period(by)
        if period is None:
            raise ValidationError(
                f"”{clip(' '.join(str(by.get(k) or '') for k in ('ar', 'period') if k in by).strip())}” är ingen månad; "
                "skriv t.ex. 2026-03 eller 202603.",
                where("period"),
            )
        ref = _insats(by, insatser, where("insats" if "insats" in index else "insats_kod"), where("insats_kod"))
        counts = {k: _count(by.get(k), where(k)) for k in COUNTS}
        if gender and counts["kvinnor"] + counts["man"] + counts["annat"] != counts["inskrivna"]:
            raise ValidationError(
                f"kvinnor + män + annat kön = {counts['kvinnor'] + counts['man'] + counts['annat']} men "
                f"inskrivna = {counts['inskrivna']}; könsfördelningen ska avse de inskrivna.",
                f"Rad {number}",
            )
        avslut = tuple(
            (k.split(":", 1)[1], n) for k in index if k.startswith("avslut:") if (n := _count(by[k], where(k)))
        )
        anvisade = tuple(
            (k.split(":", 1)[1], n) for k in index if k.startswith("anvisade:") if (n := _count(by[k], where(k)))
        )
        if (ref.id, period) in seen:
            raise ValidationError(
                f"{ref.namn} {period:%Y-%m} finns redan på rad {seen[(ref.id, period)]}; en rad per insats och månad.",
                f"Rad {number}",
            )
        seen[(ref.id, period)] = number
        out.append(DeltagarPeriod(ref.id, ref.namn, period, **counts, avslut=avslut, anvisade=anvisade, rad=number))
    if not out:
        raise ValidationError("filen har inga datarader.", "Fil")
    notes = tuple(f"Rad {n} (”{label}”) är en summarad och lästes inte in." for n, label in skipped)
    return ParsedFile(tuple(out), notes)


_SUMMA = re.compile(r"^(summa|totalt|total|samtliga)\b", re.IGNORECASE)


def _summa_start(cells: Sequence[object], index: Mapping[str, int]) -> str:
    """A row whose insats (or period) cell says Summa/Totalt."""
    for key in ("insats", "insats_kod", "period"):
        if key in index:
            text = str(cells[index[key]] or "").strip()
            if _SUMMA.match(text):
                return text
    return ""
