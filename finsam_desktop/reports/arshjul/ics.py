"""The årshjul as an iCalendar file (.ics) for Outlook and other calendars.

Every occurrence has a UID built from the event id and the occurrence key (or the meeting id), so
importing the file again updates the same entries instead of adding copies. SEQUENCE grows each
time an event or an occurrence is changed, so a moved occurrence replaces its old date.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.occurrences import Occurrence, YearView
from finsam_desktop.domain.arshjul.overrides import Status

PRODID = "-//FINSAM Kansli//Årshjul//SV"
TZID = "Europe/Stockholm"


def uid_for(occurrence: Occurrence, orgnr: str) -> str:
    domain = (orgnr or "forbund").replace("-", "")
    return f"{occurrence.uid}@{domain}.arshjul.finsam-kansli"


def build_ics(view: YearView, forbund_namn: str, orgnr: str, stamp: datetime | None = None) -> bytes:
    """All occurrences of ``view`` as VEVENTs; cancelled ones are exported with STATUS:CANCELLED
    so that a calendar that already has them removes or strikes them."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Årshjul {view.year} – {forbund_namn}".strip(" –"))
    cal.add("x-wr-timezone", TZID)
    stamp = stamp or clock.now_utc()
    names = {c.key: c.namn for c in view.categories}
    try:
        zone = ZoneInfo(TZID)
    except ZoneInfoNotFoundError:  # pragma: no cover - no time zone data on this machine: floating times
        zone = None
    for o in view.occurrences:
        ev = Event()
        ev.add("uid", uid_for(o, orgnr))
        ev.add("dtstamp", stamp)
        ev.add("sequence", o.sequence)
        ev.add("summary", o.title)
        if o.starttid is not None:
            start = datetime.combine(o.date, o.starttid, tzinfo=zone)
            end_time = o.sluttid or (start + timedelta(hours=1)).time()
            ev.add("dtstart", start)
            ev.add("dtend", datetime.combine(o.end or o.date, end_time, tzinfo=zone))
        else:
            ev.add("dtstart", o.date)
            ev.add("dtend", (o.end or o.date) + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        lines = []
        if o.responsible:
            lines.append(f"Ansvarig: {o.responsible}")
        if o.link is not None:
            lines.append(o.link.label)
        if o.notes:
            lines.append(o.notes)
        if o.occurrence_note:
            lines.append(o.occurrence_note)
        if o.adjust_text:
            lines.append(o.adjust_text)
        if o.flag:
            lines.append(f"Obs: {o.flag_text}")
        if lines:
            ev.add("description", "\n".join(lines))
        if o.plats:
            ev.add("location", o.plats)
        ev.add("categories", [names.get(o.category, o.category)])
        ev.add(
            "status", {Status.PLANERAD: "CONFIRMED", Status.KLAR: "CONFIRMED", Status.INSTALLD: "CANCELLED"}[o.status]
        )
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
