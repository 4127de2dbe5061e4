"""Årshjul exports read back: iCalendar (stable UIDs), the PDF poster (A4/A3), the Excel list."""

from __future__ import annotations

import io
from datetime import date

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.plan import PlanEntry


@pytest.fixture
def year(services):
    svc = services.arshjul
    svc.standard.create_year(2026)
    svc.plan.create_sammantradesplan(
        2026,
        [PlanEntry(date(2026, d[0], d[1])) for d in ((1, 30), (3, 20), (4, 24), (9, 25), (11, 27))],
        plats="Kansliet",
    )
    return svc


def _events(ics: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_parses_back_with_stable_uids(year):
    first = _events(year.exports.export_ics(2026))
    second = _events(year.exports.export_ics(2026))
    assert first.keys() == second.keys()
    view = year.view.year_view(2026)
    assert len(first) == len(view.occurrences)
    meeting = next(e for e in first.values() if str(e["SUMMARY"]) == "Styrelsemöte")
    assert meeting["DTSTART"].dt.tzinfo is not None and str(meeting["LOCATION"]) == "Kansliet"
    budget = next(e for e in first.values() if str(e["SUMMARY"]).startswith("Budget och verksamhetsplan 2027"))
    assert budget["DTSTART"].dt == date(2026, 11, 30)
    assert "Ansvarig: Styrelsen" in str(budget["DESCRIPTION"])


def test_moving_an_occurrence_keeps_its_uid_and_raises_sequence(year):
    view = year.view.year_view(2026)
    target = next(o for o in view.occurrences if o.title.startswith("Revisionsberättelse"))
    before = _events(year.exports.export_ics(2026))
    uid = next(u for u, e in before.items() if str(e["SUMMARY"]) == target.title)
    year.events.move_occurrence(target.event_id, target.key, date(2026, 5, 8))
    year.events.set_status(target.event_id, target.key, Status.INSTALLD)
    after = _events(year.exports.export_ics(2026))
    assert after.keys() == before.keys()
    assert after[uid]["DTSTART"].dt == date(2026, 5, 8)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert str(after[uid]["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("size, width_mm", [("A4", 297), ("A3", 420)])
def test_poster_pdf_landscape_with_wheel_and_list(year, size, width_mm):
    pdf = PdfReader(io.BytesIO(year.exports.export_pdf(2026, size, today=date(2026, 11, 22))))
    page = pdf.pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == width_mm
    assert float(page.mediabox.width) > float(page.mediabox.height)
    first = page.extract_text()
    for text in ("Årshjul 2026", "JANUARI", "DECEMBER", "Styrelsen", "Ekonomi och rapporter", "47"):
        assert text in first, text
    rest = "".join(p.extract_text() for p in pdf.pages[1:])
    assert "alla händelser" in rest
    assert "Protokollet justeras senast" in rest
    assert pdf.metadata.title == "Årshjul 2026"
    assert "Sida 1 av" in first


def test_excel_list_with_summary_formulas(year):
    wb = load_workbook(io.BytesIO(year.exports.export_xlsx(2026)))
    ws = wb["Årshjul 2026"]
    assert [c.value for c in ws[3]][:6] == ["Datum", "Till och med", "Vecka", "Veckodag", "Tid", "Händelse"]
    assert ws.freeze_panes == "A4"
    view = year.view.year_view(2026)
    assert ws.max_row == 3 + len(view.occurrences)
    dates = [ws.cell(row=r, column=1).value.date() for r in range(4, ws.max_row + 1)]
    assert dates == sorted(dates)
    summary = wb["Sammanställning"]
    assert summary["A2"].value == view.categories[0].namn
    assert summary["B2"].value.startswith("=SUMPRODUCT(")
    assert summary.cell(row=len(view.categories) + 2, column=2).value.startswith("=SUM(")


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence(year):
    before = _events(year.exports.export_ics(2026))
    meeting = next(o for o in year.view.year_view(2026).occurrences if o.meeting_id and o.date == date(2026, 3, 20))
    uid = next(u for u in before if u.startswith(f"mote-{meeting.meeting_id}@"))
    year.plan.move_meeting(meeting.meeting_id, date(2026, 3, 27))
    after = _events(year.exports.export_ics(2026))
    assert after[uid]["DTSTART"].dt.date() == date(2026, 3, 27)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])


def _words(pdf: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_poster_states_the_legal_rules_as_sentences_with_the_forbunds_days(year, services):
    from finsam_desktop.services.organisation.service import with_settings

    text = _words(PdfReader(io.BytesIO(year.exports.export_pdf(2026, "A4", today=date(2026, 11, 22)))))
    assert "Justering: protokollet justeras senast 14 dagar efter sammanträdet (KL 5 kap. 69 §)" in text
    assert "justeringen anslås på anslagstavlan senast två dagar efter justeringen (KL 8 kap. 12 §)" in text
    assert "enligt förbundets justeringstid" not in text and "senast efter" not in text

    services.forbund.update(with_settings(services.forbund.get(), justering_dagar=10))
    text = _words(PdfReader(io.BytesIO(year.exports.export_pdf(2026, "A4", today=date(2026, 11, 22)))))
    assert "Justering: protokollet justeras senast tio dagar efter sammanträdet" in text


def test_poster_wheel_labels_of_the_demo_year_never_overlap(demo_services):
    from reportlab.lib.units import mm

    from finsam_desktop.reports.arshjul.poster import wheel_drawing
    from tests.domain.test_arshjul_label_layout import overlapping_labels

    view = demo_services.arshjul.view.year_view(2026)
    for diameter in (150 * mm, 180 * mm, 260 * mm):  # A4 and A3 posters
        _drawing, marks = wheel_drawing(view, diameter, "Samordningsförbundet Exempelbygden")
        height = next(m.label_height for m in marks if m.labelled)
        assert not overlapping_labels(marks, height), diameter
        late = [m for m in marks if m.first.date.month >= 11]
        assert sum(m.labelled for m in late) >= len(late) / 2  # November–December still carry their names
