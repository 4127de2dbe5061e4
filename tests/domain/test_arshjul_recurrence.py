"""Årshjul events: recurrence rules, per-occurrence overrides, relative events, working days."""

from __future__ import annotations

from datetime import date, time

import pytest

from finsam_desktop.domain.arshjul.events import EventDef, Relative
from finsam_desktop.domain.arshjul.legal import Adjust, LegalRule, legal_date
from finsam_desktop.domain.arshjul.occurrences import MeetingInfo, expand_year, upcoming
from finsam_desktop.domain.arshjul.overrides import OccurrenceOverride, Status
from finsam_desktop.domain.arshjul.recurrence import Freq, Recurrence, iso_week, last_weekday, same_week_next_year
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import ForbundSettings


def test_week_47_is_the_iso_week_in_every_year():
    for year in (2022, 2023, 2026, 2027):
        (d,) = iso_week(47).dates(year)
        assert d.isocalendar()[1:] == (47, 1)
    assert iso_week(47).dates(2023) == [date(2023, 11, 20)]
    assert iso_week(47, weekday=4).dates(2023) == [date(2023, 11, 24)]  # the seed's budget meeting
    assert iso_week(47).describe() == "Vecka 47 (måndag) varje år"


def test_last_friday_of_each_month_and_of_november():
    fridays = last_weekday(4).dates(2026)
    assert len(fridays) == 12
    assert all(d.weekday() == 4 for d in fridays)
    assert fridays[:3] == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
    assert fridays[-1] == date(2026, 12, 25)  # juldagen: the raw rule, adjusted later
    # The November board meeting of the seeds: 25/11 2022 and 24/11 2023.
    assert last_weekday(4, 11).dates(2022) == [date(2022, 11, 25)]
    assert last_weekday(4, 11).dates(2023) == [date(2023, 11, 24)]
    assert last_weekday(4, 11).describe() == "Sista fredagen i november varje år"


def test_quarterly_monthly_and_nth_weekday():
    quarter_end = Recurrence(Freq.KVARTAL, month=3, day=-1)
    assert quarter_end.dates(2026) == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
    second_tuesday = Recurrence(Freq.MANAD, weekday=1, nth=2, months=(1, 2, 3))
    assert second_tuesday.dates(2026) == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10)]
    assert second_tuesday.describe() == "Andra tisdagen i januari, februari och mars"
    # The demo's month-end reconciliation skips July: said as a person would, not as a list of eleven months.
    no_july = Recurrence(Freq.MANAD, weekday=4, nth=-1, months=tuple(m for m in range(1, 13) if m != 7))
    assert no_july.describe() == "Sista fredagen varje månad utom juli"
    assert Recurrence(Freq.MANAD, weekday=4, nth=-1).describe() == "Sista fredagen varje månad"
    assert Recurrence(Freq.ARLIG, month=3, day=31).dates(2026) == [date(2026, 3, 31)]
    assert Recurrence.from_dict(quarter_end.to_dict()) == quarter_end


@pytest.mark.parametrize(
    "rule, message",
    [
        (Recurrence(Freq.ARLIG, day=3), "ange månad"),
        (Recurrence(Freq.MANAD), "ange antingen en dag"),
        (Recurrence(Freq.VECKONUMMER, week=54), "veckonumret"),
        (Recurrence(Freq.MANAD, day=3, nth=1, weekday=1), "inte båda"),
    ],
)
def test_bad_rules_are_refused_in_swedish(rule, message):
    with pytest.raises(ValidationError, match=message):
        rule.validate()


def _monthly_meeting(event_id: int = 1) -> EventDef:
    return EventDef(event_id, 2026, "Kansliets planeringsmöte", "styrning", recurrence=last_weekday(4))


def test_moving_one_occurrence_leaves_the_series_unchanged():
    series = _monthly_meeting()
    before = expand_year(2026, [series])
    moved = OccurrenceOverride(1, "2026-03-27", moved_to=date(2026, 3, 20), note="Krockar med revisionen")
    cancelled = OccurrenceOverride(1, "2026-05-29", status=Status.INSTALLD)
    after = expand_year(2026, [series], [moved, cancelled])
    assert len(after) == len(before) == 12
    changed = {o.key: o for o in after}
    assert changed["2026-03-27"].date == date(2026, 3, 20)
    assert changed["2026-03-27"].moved and changed["2026-03-27"].generated == date(2026, 3, 27)
    assert changed["2026-03-27"].occurrence_note == "Krockar med revisionen"
    assert changed["2026-05-29"].status is Status.INSTALLD
    untouched = [(o.key, o.date, o.status) for o in after if o.key not in ("2026-03-27", "2026-05-29")]
    assert untouched == [(o.key, o.date, o.status) for o in before if o.key not in ("2026-03-27", "2026-05-29")]


def test_generated_dates_move_to_the_previous_working_day_unless_told_otherwise():
    fridays = expand_year(2026, [_monthly_meeting()])
    december = [o for o in fridays if o.date.month == 12][0]
    assert december.date == date(2026, 12, 23)  # 25/12 juldagen, 24/12 julafton → onsdag 23/12
    assert december.adjusted_from == date(2026, 12, 25)
    assert "juldagen" in december.adjust_text.lower()
    later = expand_year(2026, [EventDef(1, 2026, "X", "styrning", recurrence=last_weekday(4), adjust=Adjust.SENARE)])
    assert [o for o in later if o.generated == date(2026, 12, 25)][0].date == date(2026, 12, 28)
    kept = expand_year(2026, [EventDef(1, 2026, "X", "styrning", recurrence=last_weekday(4), adjust=Adjust.INGEN)])
    kept_dec = [o for o in kept if o.generated == date(2026, 12, 25)][0]
    assert kept_dec.date == date(2026, 12, 25) and kept_dec.flag == "Juldagen"


def test_a_typed_sunday_is_kept_and_flagged():
    sunday = EventDef(1, 2021, "Ordinarie möte", "styrelse", start=date(2021, 8, 22))
    (o,) = expand_year(2021, [sunday])
    assert o.date == date(2021, 8, 22)
    assert o.flag == "Söndag"
    assert o.flag_text == "2021-08-22 är söndag – inte en vardag"


def _meeting(mid: int, d: date) -> MeetingInfo:
    return MeetingInfo(mid, 1, "Styrelsen", "styrelse", d, time(9), time(12))


def test_relative_events_follow_their_anchor_meeting_and_keep_their_status():
    beredning = EventDef(10, 2026, "Beredningsgrupp", "beredning", relative=Relative(anchor_organ_id=1, offset=-14))
    meetings = [_meeting(1, date(2026, 2, 20)), _meeting(2, date(2026, 11, 27))]
    done = OccurrenceOverride(10, "m1", status=Status.KLAR)
    occ = [o for o in expand_year(2026, [beredning], [done], meetings) if o.event_id == 10]
    assert [(o.date, o.status) for o in occ] == [(date(2026, 2, 6), Status.KLAR), (date(2026, 11, 13), Status.PLANERAD)]
    # The first meeting moves a week: its beredning follows and keeps its status (keyed by the meeting).
    meetings[0] = _meeting(1, date(2026, 2, 27))
    occ = [o for o in expand_year(2026, [beredning], [done], meetings) if o.event_id == 10]
    assert [(o.date, o.status) for o in occ] == [
        (date(2026, 2, 13), Status.KLAR),
        (date(2026, 11, 13), Status.PLANERAD),
    ]


def test_relative_to_another_event_follows_a_moved_occurrence():
    anchor = EventDef(1, 2026, "Årsredovisning", "ekonomi", recurrence=Recurrence(Freq.ARLIG, month=3, day=31))
    revision = EventDef(
        2, 2026, "Revisionsmöte", "medlemmar", relative=Relative(anchor_event_id=1, offset=-2, unit="veckor")
    )
    occ = {o.event_id: o for o in expand_year(2026, [revision, anchor])}  # order does not matter
    assert occ[2].date == date(2026, 3, 17)
    moved = OccurrenceOverride(1, "2026-03-31", moved_to=date(2026, 3, 24))
    occ = {o.event_id: o for o in expand_year(2026, [anchor, revision], [moved])}
    assert occ[2].date == date(2026, 3, 10)


def test_circular_relative_events_are_refused():
    a = EventDef(1, 2026, "A", "x", relative=Relative(anchor_event_id=2, offset=1))
    b = EventDef(2, 2026, "B", "x", relative=Relative(anchor_event_id=1, offset=1))
    with pytest.raises(ValidationError, match="cirkelberoende"):
        expand_year(2026, [a, b])


def test_legal_deadlines_from_the_meeting_and_the_forbund_settings():
    settings = ForbundSettings(kallelse_dagar=7, justering_dagar=14, anslag_dagar=2, overklagande_veckor=3)
    # Seed 004: meeting 2022-11-25 → justering by 2022-12-09; anslag + 21 falls on annandag jul.
    assert legal_date(LegalRule.JUSTERING, date(2022, 11, 25), settings) == (date(2022, 12, 9), date(2022, 12, 9))
    # Not yet justerat: each later step is assumed on its last allowed day, as the Justering & anslag tab says.
    assert legal_date(LegalRule.ANSLAG, date(2022, 11, 25), settings) == (date(2022, 12, 11), date(2022, 12, 11))
    # Anslag assumed Sunday 11/12 → +21 = 1/1 (nyårsdagen) → last appeal day 2/1 → down from 2023-01-03.
    assert legal_date(LegalRule.NEDTAGNING, date(2022, 11, 25), settings) == (date(2023, 1, 3), date(2023, 1, 3))
    # Justerat 2/12 and anslaget 5/12 (recorded): the chain follows the recorded dates.
    known = deadlines.meeting_deadlines(date(2022, 11, 25), date(2022, 12, 2), date(2022, 12, 5))
    assert legal_date(LegalRule.ANSLAG, date(2022, 11, 25), settings, known)[1] == date(2022, 12, 4)
    assert legal_date(LegalRule.OVERKLAGANDE, date(2022, 11, 25), settings, known)[1] == date(2022, 12, 27)
    assert legal_date(LegalRule.NEDTAGNING, date(2022, 11, 25), settings, known)[1] == date(2022, 12, 28)
    assert legal_date(LegalRule.KALLELSE, date(2023, 4, 17), settings) == (date(2023, 4, 10), date(2023, 4, 6))
    longer = ForbundSettings(kallelse_dagar=10)
    assert legal_date(LegalRule.KALLELSE, date(2026, 11, 27), longer)[1] == date(2026, 11, 17)


def test_same_week_next_year_and_upcoming_window():
    assert same_week_next_year(date(2026, 5, 7), 2027) == date(2027, 5, 13)  # Thursday, week 19
    assert same_week_next_year(date(2026, 12, 31), 2027) == date(2027, 12, 30)  # week 53 → 52
    series = expand_year(2026, [_monthly_meeting()], [OccurrenceOverride(1, "2026-11-27", status=Status.KLAR)])
    assert upcoming(series, date(2026, 11, 22), 30) == []  # 27/11 is done, 23/12 is 31 days away
    assert [o.date for o in upcoming(series, date(2026, 11, 23), 30)] == [date(2026, 12, 23)]


def test_event_validation_messages():
    with pytest.raises(ValidationError, match="Rubrik"):
        EventDef(0, 2026, " ", "x", start=date(2026, 1, 1)).validate()
    with pytest.raises(ValidationError, match="ligger inte i 2026"):
        EventDef(0, 2026, "X", "x", start=date(2027, 1, 1)).validate()
    with pytest.raises(ValidationError, match="ett datum, en upprepning eller"):
        EventDef(0, 2026, "X", "x").validate()
    with pytest.raises(ValidationError, match="sluttiden"):
        EventDef(0, 2026, "X", "x", start=date(2026, 1, 2), starttid=time(12), sluttid=time(9)).validate()
