"""Standard texts of a protocol: dates, justerare and föregående protokoll clauses, beslut headings, att-sats
normalising, kallelse deadline, rubrik validation, Swedish lists, paragraph ranges, place and time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

from finsam_desktop.domain.common.errors import ValidationError


def paragraph_range_text(first: int | None, last: int | None) -> str:
    """``§ 120–146`` (a single § as ``§ 7``); empty when unnumbered."""
    if first is None or last is None:
        return ""
    return f"§ {first}" if first == last else f"§ {first}–{last}"


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


def join_swedish(parts: Sequence[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    parts = list(parts)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " och " + parts[-1]


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
