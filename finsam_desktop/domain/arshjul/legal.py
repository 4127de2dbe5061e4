"""Generated dates and the law: moving a date off weekends and holidays (``Adjust``), and the legal deadlines
(kallelse, justering, anslag, överklagande …) counted from a meeting."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.organisation.model import ForbundSettings


class Adjust(StrEnum):
    """What to do with a generated date that is not a working day."""

    TIDIGARE = "tidigare"
    SENARE = "senare"
    INGEN = "ingen"

    @property
    def label(self) -> str:
        return {
            "tidigare": "Närmast föregående vardag",
            "senare": "Närmast följande vardag",
            "ingen": "Behåll datumet (flagga)",
        }[self.value]


class LegalRule(StrEnum):
    """Deadlines computed from a meeting date with the förbund's settings and the law."""

    KALLELSE = "kallelse"
    JUSTERING = "justering"
    ANSLAG = "anslag"
    OVERKLAGANDE = "overklagande"
    NEDTAGNING = "nedtagning"

    @property
    def label(self) -> str:
        return {
            "kallelse": "Kallelse senast (förbundets kallelsetid före mötet)",
            "justering": "Justering senast (KL 5:69)",
            "anslag": "Anslag senast (KL 8:12)",
            "overklagande": "Sista dag för överklagande (KL 13:5, lag 1930:173)",
            "nedtagning": "Anslaget tas ned tidigast (dagen efter sista överklagandedag)",
        }[self.value]


#: How each rule reads in a list of recurring dates (the poster's "Återkommande"), as a kansli writes it; the
#: numbers come from the förbund's settings (:func:`legal_short`).
LEGAL_SHORT = {
    LegalRule.KALLELSE: "Kallelsen skickas senast {kallelse} före sammanträdet (förbundets kallelsetid)",
    LegalRule.JUSTERING: "Protokollet justeras senast {justering} efter sammanträdet (KL 5 kap. 69 §)",
    LegalRule.ANSLAG: "Justeringen anslås på anslagstavlan senast {anslag} efter justeringen (KL 8 kap. 12 §)",
    LegalRule.OVERKLAGANDE: "Beslut kan överklagas inom {overklagande} från anslagsdagen (KL 13 kap. 5 §)",
    LegalRule.NEDTAGNING: "Anslaget tas ned tidigast dagen efter sista dag för överklagande (KL 8 kap. 12 §)",
}

_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def _count(n: int, one: str, many: str) -> str:
    """``2, "dag", "dagar"`` → "två dagar"; numbers up to twelve in words, as Swedish prose writes them."""
    word = _WORDS[n] if 0 <= n < len(_WORDS) else str(n)
    return f"{word} {one if n == 1 else many}"


def legal_short(rule: LegalRule, settings: ForbundSettings | None = None) -> str:
    """The rule as one Swedish sentence with the förbund's own numbers of days and weeks."""
    s = settings or ForbundSettings()
    return LEGAL_SHORT[LegalRule(rule)].format(
        kallelse=_count(s.kallelse_dagar, "dag", "dagar"),
        justering=_count(s.justering_dagar, "dag", "dagar"),
        anslag=_count(s.anslag_dagar, "dag", "dagar"),
        overklagande=_count(s.overklagande_veckor, "vecka", "veckor"),
    )


def adjust_date(d: date, how: Adjust) -> date:
    """Move a generated date off weekends and holidays as the event says."""
    how = Adjust(how)
    if how is Adjust.TIDIGARE:
        return deadlines.previous_working_day(d)
    if how is Adjust.SENARE:
        return deadlines.next_working_day(d)
    return d


def flag_for(d: date) -> str:
    """ "Söndag", "Annandag jul" … for a non-working day, else ""."""
    return deadlines.day_name(d) or ""


def legal_date(
    rule: LegalRule,
    meeting: date,
    settings: ForbundSettings,
    known: deadlines.MeetingDeadlines | None = None,
) -> tuple[date, date]:
    """(statutory limit, date shown) of ``rule`` for a meeting on ``meeting``.

    Kallelse is planned on the last working day at or before the förbund's kallelsetid. Every later step is the
    meeting's own justering chain (``known``: what the Justering & anslag tab shows, from the recorded justering
    and anslag dates), or, for a meeting not known there, the same function on the meeting date alone — so the
    Årshjul and the justering tab never show two dates for one step.
    """
    rule = LegalRule(rule)
    if rule is LegalRule.KALLELSE:
        limit = meeting - timedelta(days=settings.kallelse_dagar)
        return limit, deadlines.previous_working_day(limit)
    md = known or deadlines.meeting_deadlines(
        meeting,
        justering_dagar=settings.justering_dagar,
        anslag_dagar=settings.anslag_dagar,
        overklagande_veckor=settings.overklagande_veckor,
    )
    d = {
        LegalRule.JUSTERING: md.justering_senast,
        LegalRule.ANSLAG: md.anslag_senast,
        LegalRule.OVERKLAGANDE: md.sista_overklagandedag,
        LegalRule.NEDTAGNING: md.tas_ned_tidigast,
    }[rule]
    return d, d
