"""``finsam check`` on aktiviteter (issue 16): participants counted for an organisation that is not a member are
reported under Verksamhet, naming the aktivitet; a complete record is not reported, and the answer does not depend
on the day."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from finsam_desktop import clock
from finsam_desktop.domain.organisation.model import Member, MemberKind
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, AktivitetTyp, Deltagande
from finsam_desktop.services.check import run_checks

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


@pytest.fixture
def members(services):
    f = services.forbund
    return {
        n: f.save_member(Member(0, n, k)).id
        for n, k in (("Täby", MemberKind.KOMMUN), ("AF", MemberKind.ARBETSFORMEDLINGEN))
    }


def _verksamhet(services) -> list[str]:
    return [f.message for f in run_checks(services.db) if f.area == "Verksamhet"]


def _forum(members, datum: date, faktiskt: int | None) -> Aktivitet:
    return Aktivitet(
        None,
        datum,
        "Samverkansforum",
        AktivitetTyp.FORUM,
        planerat=30,
        deltagande=(Deltagande(members["Täby"], 12, faktiskt), Deltagande(members["AF"], 5, None)),
    )


def test_a_complete_record_is_not_reported(services, members):
    akt = services.verksamhet.aktiviteter
    akt.save_aktivitet(_forum(members, date(2026, 5, 6), 10))  # held, participants recorded
    akt.save_aktivitet(_forum(members, date(2026, 12, 10), None))  # coming, planned only
    assert _verksamhet(services) == []


def test_the_check_gives_the_same_answer_on_every_day(services, members):
    """Recorded or not yet recorded participants are a matter of the day (a reminder on the page), not a fault of the
    file: ``finsam check`` on a sound file is clean whatever day it is run."""
    akt = services.verksamhet.aktiviteter
    akt.save_aktivitet(_forum(members, date(2026, 11, 10), 10))
    akt.save_aktivitet(_forum(members, date(2026, 12, 10), None))
    for day in (date(2026, 1, 1), date(2026, 11, 1), date(2026, 12, 11), date(2030, 2, 28)):
        clock.pin(day)
        assert _verksamhet(services) == [], day


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_participants_for_an_organisation_that_is_not_a_member_are_reported(services, members, workspace):
    services.verksamhet.aktiviteter.save_aktivitet(_forum(members, date(2026, 5, 6), 10))
    # A file changed outside the app: the member AF is gone but its participant row remains.
    con = sqlite3.connect(workspace.path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("DELETE FROM member WHERE namn = 'AF'")
    con.commit()
    con.close()
    messages = _verksamhet(services)
    assert messages == [
        f"Aktiviteten 2026-05-06 ”Samverkansforum” har deltagare för en organisation som inte är medlem i förbundet "
        f"(medlem {members['AF']}: planerat 5)."
    ]
