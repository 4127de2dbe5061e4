"""Seed 004 (Samordningsförbundet Sundsvall, 2022): the two protocols' Bevis/anslag rebuilt through the app.

The seed printed "Anslaget tas ned tidigast 2022-12-26" (annandag jul) for the November protocol; the app computes
the last appeal day 2022-12-27 and the earliest takedown 2022-12-28, and says so when the seed's date is typed in.
"""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.organisation.model import Person

TODAY = date(2026, 11, 22)


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _seed_meeting(services, day: date, first: int, count: int, justerare: str) -> int:
    m = services.meetings
    organ = next(o for o in m.meetings.list_organs() if o.namn == "Styrelsen")
    if m.paragraphs.series_start(organ.id, 2022) != first and not m.meetings.list_meetings(year=2022):
        m.paragraphs.set_series_start(organ.id, 2022, first)  # the year's numbering continues from meeting to meeting
    meeting = m.meetings.create_meeting(day, plats="Arbetsmarknadstorget i Sundsvall, röda konferensen, våning 5")
    people = {
        n: services.forbund.find_person(n) or services.forbund.save_person(Person(0, n, ""))
        for n in ("Christina Nordenö", "Jan Andersson", justerare)
    }
    m.meetings.set_officers(
        meeting.id,
        ordforande_person_id=people["Christina Nordenö"].id,
        sekreterare_person_id=people["Jan Andersson"].id,
        justerare_person_ids=[people[justerare].id],
    )
    existing = len(m.agenda.list_items(meeting.id))
    for i in range(count - existing):
        item = m.agenda.add_item(meeting.id, f"Ärende {i + 1}", "beslut", text="Förbundschef redovisar ärendet.")
        m.paragraphs.add_clause(item.id, "Att lägga informationen till handlingarna.")
    m.meetings.set_status(meeting.id, "protokoll_utkast")
    return meeting.id


def test_seed_protocols_justerade_and_anslagna_with_corrected_takedown(services):
    oct_id = _seed_meeting(services, date(2022, 10, 21), 98, 22, "Lina Kempe")
    nov_id = _seed_meeting(services, date(2022, 11, 25), 120, 27, "Peter Pettersson")
    j = services.justering
    for mid, day in ((oct_id, date(2022, 11, 1)), (nov_id, date(2022, 12, 5))):
        j.workflow.mark_ready(mid)
        j.workflow.justera(mid, day, anslagsdatum=day, today=TODAY)

    nov = j.status.get(nov_id, today=date(2022, 12, 5))
    assert nov.paragrafer == "§ 120–146"
    assert nov.justering_senast == date(2022, 12, 9) and not [w for w in nov.warnings if "fristen" in w]
    assert nov.sista_overklagandedag == date(2022, 12, 27) and nov.tas_ned_tidigast == date(2022, 12, 28)
    text = _text(j.archive.protocol_pdf(nov_id))
    assert "Protokollet omfattar § 120–146" in text
    assert "Christina Nordenö Ordförande" in text and "Peter Pettersson Justerare" in text
    assert "Anslaget tas ned tidigast 2022-12-28" in text and "2022-12-26" not in text

    octo = j.status.get(oct_id, today=date(2022, 11, 1))
    assert octo.paragrafer == "§ 98–119" and octo.sista_overklagandedag == date(2022, 11, 22)
    assert "Lina Kempe Justerare" in _text(j.archive.protocol_pdf(oct_id))

    # The seed's hand-written dates: October's 221122 is the last appeal day (fine in the seed style), November's
    # 2022-12-26 is one day short even in the seed style.
    assert dl.validate_takedown_date(date(2022, 11, 1), date(2022, 11, 22), style="sista_overklagandedag") is None
    message = dl.validate_takedown_date(date(2022, 12, 5), date(2022, 12, 26), style="sista_overklagandedag")
    assert "en dag för tidigt" in message and "annandag jul" in message

    # Taking the November notice down on the seed's date is refused; the next day after the last appeal day works.
    import pytest

    from finsam_desktop.domain.common.errors import ValidationError

    with pytest.raises(ValidationError, match="för tidigt"):
        j.anslag.take_down(nov_id, date(2022, 12, 26), today=TODAY)
    assert j.anslag.take_down(nov_id, date(2022, 12, 28), today=TODAY).nedtaget_datum == date(2022, 12, 28)
