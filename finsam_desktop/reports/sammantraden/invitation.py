"""A meeting as a calendar invitation (.ics) to attach to the kallelse. Its UID is the årshjul's for the same
meeting, so a calendar that already holds the årshjul updates that entry instead of adding a second one."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from finsam_desktop.reports.sammantraden.protocol_data import KallelseDocument

PRODID = "-//FINSAM Kansli//Sammanträden//SV"
TZID = "Europe/Stockholm"


def meeting_uid(meeting_id: int, orgnr: str) -> str:
    """The årshjul's UID of the meeting (``reports/arshjul/ics.py``: ``mote-{id}@{orgnr}.arshjul.finsam-kansli``)."""
    return f"mote-{meeting_id}@{(orgnr or 'forbund').replace('-', '')}.arshjul.finsam-kansli"


def invitation_ics(doc: KallelseDocument, orgnr: str, stamp: datetime, sequence: int = 0) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    ev = Event()
    ev.add("uid", meeting_uid(doc.meeting_id, orgnr))
    ev.add("dtstamp", stamp)
    ev.add("sequence", sequence)
    ev.add("summary", f"{doc.organ_namn} – {doc.forbund_namn}".strip(" –"))
    try:
        zone = ZoneInfo(TZID)
    except ZoneInfoNotFoundError:  # pragma: no cover - no time zone data on this machine: floating times
        zone = None
    if doc.starttid is not None:
        start = datetime.combine(doc.datum, doc.starttid, tzinfo=zone)
        end = datetime.combine(doc.datum, doc.sluttid, tzinfo=zone) if doc.sluttid else start + timedelta(hours=3)
        ev.add("dtstart", start)
        ev.add("dtend", end)
    else:
        ev.add("dtstart", doc.datum)
        ev.add("dtend", doc.datum + timedelta(days=1))
    if doc.place_text:
        ev.add("location", doc.place_text)
    agenda = "\n".join(f"{it.number}. {it.rubrik}" for it in doc.items)
    ev.add("description", "Förslag till dagordning:\n" + agenda if agenda else "Kallelse till sammanträde.")
    cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
