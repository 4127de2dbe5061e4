from datetime import date

import pytest

from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.deadlines import TakedownStyle

VECTORS = [
    (date(2022, 11, 1), date(2022, 11, 22)),
    (date(2022, 12, 5), date(2022, 12, 27)),  # +21 = annandag jul
    (date(2023, 6, 2), date(2023, 6, 26)),  # +21 = midsommarafton
    (date(2024, 12, 10), date(2025, 1, 2)),  # +21 = nyårsafton, then nyårsdagen
    (date(2025, 12, 3), date(2025, 12, 29)),  # +21 = julafton
    (date(2025, 3, 14), date(2025, 4, 4)),  # no shift
]


@pytest.mark.parametrize(("anslag", "last"), VECTORS)
def test_last_appeal_day_vectors(anslag, last):
    assert dl.last_appeal_day(anslag) == last
    assert dl.anslag_takedown_earliest(anslag) == date.fromordinal(last.toordinal() + 1)


def test_non_working_days_have_swedish_names_including_afton_days():
    days = dl.non_working_days(2025)
    assert days[date(2025, 6, 20)] == "Midsommarafton"
    assert days[date(2025, 12, 24)] == "Julafton"
    assert days[date(2025, 12, 31)] == "Nyårsafton"
    assert days[date(2025, 12, 26)] == "Annandag jul"
    assert days[date(2025, 5, 29)] == "Kristi himmelsfärdsdag"
    assert days[date(2025, 6, 6)] == "Nationaldagen"
    # Only public holidays and the three afton days of 1930:173 — not bank half-days like trettondagsafton.
    assert date(2025, 1, 5) not in days and date(2025, 4, 30) not in days
    assert date(2025, 5, 30) not in days  # "klämdag" is a working day in law
    assert all(d.year == 2025 for d in days)


@pytest.mark.parametrize(
    ("year", "easter", "midsommarafton", "alla_helgon"),
    [
        (2022, date(2022, 4, 17), date(2022, 6, 24), date(2022, 11, 5)),
        (2026, date(2026, 4, 5), date(2026, 6, 19), date(2026, 10, 31)),
        (2027, date(2027, 3, 28), date(2027, 6, 25), date(2027, 11, 6)),
        (2030, date(2030, 4, 21), date(2030, 6, 21), date(2030, 11, 2)),
    ],
)
def test_holiday_table_matches_rules(year, easter, midsommarafton, alla_helgon):
    days = dl.non_working_days(year)
    assert days[easter] == "Påskdagen"
    assert days[midsommarafton] == "Midsommarafton"
    assert days[date.fromordinal(midsommarafton.toordinal() + 1)] == "Midsommardagen"
    assert days[alla_helgon] == "Alla helgons dag"


def test_day_name_and_working_days():
    assert dl.day_name(date(2022, 12, 26)) == "Annandag jul"
    assert dl.day_name(date(2026, 11, 21)) == "Lördag"
    assert dl.day_name(date(2026, 11, 22)) == "Söndag"
    assert dl.day_name(date(2026, 11, 23)) is None
    assert dl.is_working_day(date(2026, 11, 23))
    assert not dl.is_working_day(date(2023, 6, 23))
    assert dl.next_working_day(date(2024, 12, 31)) == date(2025, 1, 2)
    assert dl.next_working_day(date(2025, 3, 14)) == date(2025, 3, 14)
    assert dl.previous_working_day(date(2025, 1, 1)) == date(2024, 12, 30)
    assert dl.previous_working_day(date(2022, 12, 26)) == date(2022, 12, 23)


def test_justering_and_anslag_deadlines_seed_meetings():
    assert dl.justering_deadline(date(2022, 10, 21)) == date(2022, 11, 4)
    assert dl.justering_deadline(date(2022, 11, 25)) == date(2022, 12, 9)
    assert dl.anslag_deadline(date(2022, 12, 5)) == date(2022, 12, 7)
    assert dl.justering_deadline(date(2022, 11, 25), days=10) == date(2022, 12, 5)


def test_hand_entered_seed_takedown_date_is_one_day_short():
    msg = dl.validate_takedown_date(date(2022, 12, 5), date(2022, 12, 26), style=TakedownStyle.sista_overklagandedag)
    assert msg is not None
    assert "en dag för tidigt" in msg
    assert "2022-12-27" in msg and "annandag jul" in msg
    assert dl.validate_takedown_date(date(2022, 12, 5), date(2022, 12, 27), style="sista_overklagandedag") is None


def test_hand_entered_date_default_style_requires_day_after():
    msg = dl.validate_takedown_date(date(2022, 12, 5), date(2022, 12, 26))
    assert "två dagar för tidigt" in msg and "2022-12-28" in msg
    assert dl.validate_takedown_date(date(2022, 12, 5), date(2022, 12, 27)) is not None
    assert dl.validate_takedown_date(date(2022, 12, 5), date(2022, 12, 28)) is None
    # The October seed date (221122) is fine in the seed style, one day short in the strict style.
    assert dl.validate_takedown_date(date(2022, 11, 1), date(2022, 11, 22), style="sista_overklagandedag") is None
    assert "en dag för tidigt" in dl.validate_takedown_date(date(2022, 11, 1), date(2022, 11, 22))


def test_printed_takedown_styles():
    assert dl.printed_takedown_date(date(2022, 12, 5)) == date(2022, 12, 28)
    assert dl.printed_takedown_date(date(2022, 12, 5), "sista_overklagandedag") == date(2022, 12, 27)
    assert dl.takedown_label() == "Anslaget tas ned tidigast"
    assert dl.takedown_label("sista_overklagandedag") != dl.takedown_label()


def test_deadlines_for_explains_rules_and_lateness():
    rows = {d.key: d for d in dl.deadlines_for(date(2022, 11, 25), date(2022, 12, 5), date(2022, 12, 5))}
    assert rows["justering"].date == date(2022, 12, 9) and "inom fristen" in rows["justering"].note
    assert rows["anslag"].date == date(2022, 12, 7)
    assert rows["overklagande"].date == date(2022, 12, 27)
    assert "annandag jul" in rows["overklagande"].note
    assert "1930:173" in rows["overklagande"].rule
    assert rows["nedtagning"].date == date(2022, 12, 28)
    late = {d.key: d for d in dl.deadlines_for(date(2022, 11, 1), date(2022, 11, 20))}
    assert "för sent" in late["justering"].note and "5 dagar" in late["justering"].note
    assert "förutsätter anslag" in late["overklagande"].note


def test_own_holiday_calendar_matches_the_holidays_package():
    # The calendar is computed in the program (the package was slow to load); the package is the oracle for every
    # year it covers from lag 1989:253 on, two holidays on one day (pingstdagen on nationaldagen) included.
    import holidays

    joined = 0
    for year in range(1990, 2101):
        package = {}
        for d, name in holidays.Sweden(years=year, language="sv", categories=("public",)).items():
            if d.year == year:
                package[d] = " och ".join(part.strip() for part in str(name).split(";"))
        ours = {
            d: n for d, n in dl.non_working_days(year).items() if n not in ("Midsommarafton", "Julafton", "Nyårsafton")
        }
        assert ours == package, year
        joined += sum(" och " in n for n in ours.values())
    assert joined >= 1
    assert dl.non_working_days(2004)[date(2004, 5, 31)] == "Annandag pingst"
    assert date(2005, 5, 16) not in dl.non_working_days(2005)  # annandag pingst gave way to nationaldagen
    assert dl.non_working_days(2005)[date(2005, 6, 6)] == "Nationaldagen"


def test_a_stated_takedown_date_is_compared_with_the_rule():
    """Historical import: the source's "Anslaget tas ned" date is kept, with a warning naming both dates."""
    from finsam_desktop.domain.common.deadlines import stated_takedown_note

    assert stated_takedown_note(date(2022, 11, 1), date(2022, 11, 23)) is None
    note = stated_takedown_note(date(2022, 12, 5), date(2022, 12, 26))
    assert "2022-12-26" in note and "tidigast 2022-12-28" in note and "till och med 2022-12-27" in note
    later = stated_takedown_note(date(2022, 11, 1), date(2022, 12, 1))
    assert "senare än regeln kräver" in later and "2022-11-23" in later
    assert stated_takedown_note(date(2022, 11, 1), date(2022, 11, 30), weeks=4) is None
