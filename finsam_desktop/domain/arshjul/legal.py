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


LEGAL_SHORT = {
    LegalRule.KALLELSE: "före varje styrelsemöte enligt förbundets kallelsetid",
    LegalRule.JUSTERING: "senast efter varje styrelsemöte enligt förbundets justeringstid (KL 5:69)",
    LegalRule.ANSLAG: "senast två dagar efter justeringen (KL 8:12)",
    LegalRule.OVERKLAGANDE: "tre veckor efter anslaget (KL 13:5)",
    LegalRule.NEDTAGNING: "dagen efter sista dag för överklagande",
}


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


def legal_date(rule: LegalRule, meeting: date, settings: ForbundSettings) -> tuple[date, date]:
    """(statutory limit, planned date) of ``rule`` for a meeting on ``meeting``.

    The plan keeps on the safe side of every limit: kallelse, justering and anslag on the last
    working day at or before their limit, and each later step counted from the planned step
    before it; the notice comes down on the first working day it may.
    """
    rule = LegalRule(rule)
    if rule is LegalRule.KALLELSE:
        limit = meeting - timedelta(days=settings.kallelse_dagar)
        return limit, deadlines.previous_working_day(limit)
    j_limit = deadlines.justering_deadline(meeting, settings.justering_dagar)
    justering = deadlines.previous_working_day(j_limit)
    if rule is LegalRule.JUSTERING:
        return j_limit, justering
    a_limit = deadlines.anslag_deadline(justering, settings.anslag_dagar)
    anslag = deadlines.previous_working_day(a_limit)
    if rule is LegalRule.ANSLAG:
        return a_limit, anslag
    if rule is LegalRule.OVERKLAGANDE:
        last = deadlines.last_appeal_day(anslag, settings.overklagande_veckor)
        return last, last
    down = deadlines.anslag_takedown_earliest(anslag, settings.overklagande_veckor)
    return down, deadlines.next_working_day(down)
