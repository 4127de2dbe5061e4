"""Demo data for justering: past styrelse protocols justerade, anslagna and taken down; one anslag that may come
down this week (relative to today); one protocol waiting for justering when a recent meeting allows it.

Runs after the Sammanträden demo. Past meetings that the Sammanträden demo left without a protocol get the
standard agenda and a few ordinary §§ (shaped like seed 004) so that the justering has something to lock.
"""

from __future__ import annotations

from datetime import date, timedelta

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl

CHAIR = "Eva Forsberg"
SECRETARY = "Helena Marklund"
JUSTERARE_ROTATION = ("Johan Eklund", "Karin Lindqvist", "Mikael Hedlund", "Birgitta Öberg", "Anna Berglund")

_SAKARENDEN = (
    (
        "Budgetuppföljning",
        "information",
        "Förbundschefen redovisar utfallet mot budget. Prognosen för helåret är ett underskott om 120 000 kr mot "
        "budgeterade 180 000 kr.",
        ("Att lägga informationen till handlingarna.",),
    ),
    (
        "Uppföljning av beviljade insatser, muntlig dragning",
        "information",
        "Förbundschefen går igenom deltagarflöden och resultat i pågående insatser.",
        ("Att lägga informationen till handlingarna.",),
    ),
    (
        "Ansökan om medel för Arbetsträning i samverkan från Ådalens kommun",
        "beslut",
        "Ådalens kommun ansöker om medel för en arbetsträningsinsats i samverkan med Arbetsförmedlingen och "
        "Försäkringskassan. För komplett ansökan läs bilagan.",
        (
            "Att bevilja medel med 412 000 kr för insatsen.",
            "Att betala ut hälften av de beviljade medlen i samband med att avtal tecknats och resterande del efter att "
            "redovisning inkommit och godkänts av styrelsen.",
        ),
    ),
)


def _person_id(services, name: str) -> int | None:
    person = services.forbund.find_person(name)
    return person.id if person else None


def build_protocol(
    services, meeting_id: int, *, justerare: str, with_sakarenden: bool = True, jav: bool = True
) -> None:
    """Give a meeting a protocol draft (standard agenda, officers, a few §§) and set it to protokoll_utkast."""
    from finsam_desktop.domain.sammantraden.kinds import JavKind

    meetings = services.meetings
    detail = meetings.meetings.get_meeting(meeting_id)
    if not detail.items:
        meetings.agenda.create_agenda_from_template(meeting_id)
        detail = meetings.meetings.get_meeting(meeting_id)
    if not detail.attendance:
        meetings.attendance.prefill_attendance(meeting_id)
    chair, secretary, just = (_person_id(services, n) for n in (CHAIR, SECRETARY, justerare))
    meetings.meetings.set_officers(
        meeting_id,
        **({"ordforande_person_id": chair} if chair and not detail.ordforande_person_id else {}),
        **({"sekreterare_person_id": secretary} if secretary and not detail.sekreterare_person_id else {}),
        **({"justerare_person_ids": [just]} if just and not detail.justerare_person_ids else {}),
    )
    only_standard = all(item.standard for item in detail.items)
    if with_sakarenden and only_standard:
        for rubrik, typ, text, clauses in _SAKARENDEN:
            item = meetings.agenda.add_item(meeting_id, rubrik, typ, text=text)
            for clause in clauses:
                meetings.paragraphs.add_clause(item.id, clause)
            if jav and "Ådalens kommun" in rubrik:
                member = _person_id(services, CHAIR)
                substitute = _person_id(services, "Olof Strand")
                attending = {a.person_id for a in meetings.meetings.get_meeting(meeting_id).attendance}
                if member in attending:
                    meetings.jav.set_jav(item.id, member, JavKind("deltog_inte_i_beslutet"))
                if substitute in attending:
                    meetings.jav.set_jav(item.id, substitute, JavKind("deltog_inte_i_diskussionen"))
    status = meetings.meetings.get_meeting(meeting_id).meeting.status
    if status in ("planerat", "kallat", "genomfort"):
        meetings.meetings.set_status(meeting_id, "protokoll_utkast")


def _anslag_for_this_week(today: date) -> date:
    """The latest working anslag day, on or before today, whose takedown date falls in the current week
    (preferring one that is still ahead of or on today)."""
    monday = today - timedelta(days=today.weekday())
    for first in (max(monday, today), monday):
        candidate = today
        while candidate > today - timedelta(days=60):
            down = dl.anslag_takedown_earliest(candidate)
            if first <= down <= monday + timedelta(days=6) and dl.is_working_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
    raise RuntimeError("Hittade inget anslagsdatum för demon.")  # pragma: no cover - always found


def build(services, year: int) -> None:
    """Justera and post the demo förbund's past protocols; keep one anslag due to come down this week."""
    today = clock.today()
    meetings = services.meetings
    justering = services.justering
    styrelse = next((o for o in meetings.meetings.list_organs() if o.namn == "Styrelsen"), None)
    organ_id = styrelse.id if styrelse else None
    past = [
        m
        for m in meetings.meetings.list_meetings(organ_id=organ_id)
        if m.datum < today and m.status in ("planerat", "kallat", "genomfort", "protokoll_utkast")
    ]
    if not past:
        _anmalan_on_next_meeting(services, organ_id, today)
        return
    due_anslag = _anslag_for_this_week(today)
    fits = [m for m in past if due_anslag - timedelta(days=14) <= m.datum < due_anslag]
    if fits:
        weekly = max(fits, key=lambda m: m.datum)
    else:
        weekly = meetings.meetings.create_meeting(
            dl.previous_working_day(due_anslag - timedelta(days=7)),
            organ_id=organ_id,
            typ="extra",
            plats="Kommunhuset, sammanträdesrum Älven",
        )
        past.append(weekly)
    for n, m in enumerate(sorted(past, key=lambda m: m.datum)):
        build_protocol(services, m.id, justerare=JUSTERARE_ROTATION[n % len(JUSTERARE_ROTATION)])
        # The delegationsbeslut since the last meeting: a § that lists them, the list as bilaga (seed 004).
        services.attest.anmalan.add_anmalan_item(m.id)
        justering.workflow.mark_ready(m.id, user=SECRETARY)
        if m.id == weekly.id:
            justering.workflow.justera(m.id, due_anslag, anslagsdatum=due_anslag, user=SECRETARY, today=today)
            continue
        jd = dl.previous_working_day(m.datum + timedelta(days=10))
        if jd > today:
            continue  # a recent meeting: stays klart för justering, its deadline shown in the justering view
        justering.workflow.justera(m.id, jd, anslagsdatum=jd, user=SECRETARY, today=today)
        down = dl.next_working_day(dl.anslag_takedown_earliest(jd))
        if down <= today and down < due_anslag:
            justering.anslag.take_down(m.id, down, user=SECRETARY, today=today)
    _anmalan_on_next_meeting(services, organ_id, today)


def _anmalan_on_next_meeting(services, organ_id: int | None, today: date) -> None:
    """The delegationsbeslut not yet anmälda go on the next open styrelse dagordning."""
    coming = [
        m
        for m in services.meetings.meetings.list_meetings(organ_id=organ_id)
        if m.datum >= today and m.status in ("planerat", "kallat", "genomfort", "protokoll_utkast")
    ]
    if coming:
        services.attest.anmalan.add_anmalan_item(min(coming, key=lambda m: m.datum).id)
