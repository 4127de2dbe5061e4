"""Aktiviteter through the service: saved with participants per member in one step, refused whole with a Swedish
message, listed per year, and shown in the Årshjul (its view, agenda and exports) through the Årshjul's port."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Member, MemberKind
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, AktivitetTyp, Deltagande, Format

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True


@pytest.fixture
def members(services):
    f = services.forbund
    return {
        n: f.save_member(Member(0, n, k)).id
        for n, k in (("Täby", MemberKind.KOMMUN), ("AF", MemberKind.ARBETSFORMEDLINGEN))
    }


def _forum(members, **kw) -> Aktivitet:
    base = Aktivitet(
        None,
        date(2026, 5, 6),
        "Digitalt SAMSUS forum",
        AktivitetTyp.FORUM,
        "Kansli",
        Format.DIGITAL,
        "Handläggare",
        planerat=30,
        deltagande=(Deltagande(members["Täby"], 12, 10), Deltagande(members["AF"], 5, 2)),
    )
    return replace(base, **kw)


def test_saved_with_participants_per_member_and_listed_by_year(services, members):
    akt = services.verksamhet.aktiviteter
    saved = akt.save_aktivitet(_forum(members))
    akt.save_aktivitet(_forum(members, datum=date(2025, 9, 15), titel="Förra årets forum", deltagande=()))
    assert [a.titel for a in akt.list_aktiviteter(2026)] == ["Digitalt SAMSUS forum"]
    assert len(akt.list_aktiviteter()) == 2
    got = akt.get(saved.id)
    assert got.faktiskt == 12 and got.planerat_totalt == 30
    assert [(d.member, d.planerat, d.faktiskt) for d in got.deltagande] == [("Täby", 12, 10), ("AF", 5, 2)]
    assert got.for_member(members["Täby"]).cell_text(got.datum) == "6/5 10st"


def test_an_edit_replaces_the_participants_and_a_delete_removes_them(services, members):
    akt = services.verksamhet.aktiviteter
    saved = akt.save_aktivitet(_forum(members))
    edited = akt.save_aktivitet(replace(saved, deltagande=(Deltagande(members["AF"], None, 3),)))
    assert [(d.member, d.faktiskt) for d in edited.deltagande] == [("AF", 3)]
    assert edited.faktiskt == 3
    akt.delete_aktivitet(saved.id)
    assert akt.list_aktiviteter() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"titel": "  "}, "Titel: ange aktivitetens titel."),
        ({"planerat": -1}, "Planerat antal: antalet kan inte vara negativt."),
        ({"ovriga": 10**6}, "Övriga deltagare: antalet 1000000 är orimligt stort"),
        ({"datum": date(2027, 1, 20)}, "faktiska deltagare kan anges först när den har ägt rum"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_saved(services, members, change, message):
    akt = services.verksamhet.aktiviteter
    with pytest.raises(ValidationError) as info:
        akt.save_aktivitet(_forum(members, **change))
    assert message in str(info.value)
    assert akt.list_aktiviteter() == []


def test_a_member_twice_or_unknown_is_refused(services, members):
    akt = services.verksamhet.aktiviteter
    twice = (Deltagande(members["AF"], None, 1), Deltagande(members["AF"], None, 2))
    with pytest.raises(ValidationError, match="AF står med två gånger"):
        akt.save_aktivitet(_forum(members, deltagande=twice))
    with pytest.raises(ValidationError, match="medlemmen medlem 999 finns inte"):
        akt.save_aktivitet(_forum(members, deltagande=(Deltagande(999, None, 1),)))
    assert akt.list_aktiviteter() == []


def test_the_arshjul_shows_the_years_aktiviteter(services, members):
    akt = services.verksamhet.aktiviteter
    akt.save_aktivitet(_forum(members))
    akt.save_aktivitet(
        _forum(
            members, datum=date(2026, 12, 3), titel="Frukostmöte om IPS", typ=AktivitetTyp.FRUKOSTMOTE, deltagande=()
        )
    )
    view = services.arshjul.view.year_view(2026)
    shown = [o for o in view.occurrences if o.uid.startswith("aktivitet-")]
    assert [(o.date, o.title, o.short, o.category) for o in shown] == [
        (date(2026, 5, 6), "Digitalt SAMSUS forum", "Forum", "omvarld"),
        (date(2026, 12, 3), "Frukostmöte om IPS", "Frukostmöte", "omvarld"),
    ]
    # Held (before the pinned today 2026-11-18) is klar; the December breakfast is still planned.
    assert [o.status for o in shown] == [Status.KLAR, Status.PLANERAD]
    assert "Deltagare: 12" in shown[0].notes and "Planerat antal deltagare: 30" in shown[1].notes
    assert not any(o.uid.startswith("aktivitet-") for o in services.arshjul.view.year_view(2027).occurrences)
    kommande = services.arshjul.view.occurrences(2026, date(2026, 11, 18), date(2026, 12, 31))
    assert "Frukostmöte om IPS" in [o.title for o in kommande]
    assert b"SUMMARY:Frukostm" in services.arshjul.exports.export_ics(2026)


def test_an_aktivitet_in_the_arshjul_is_not_moved_or_marked_there(services, members):
    services.verksamhet.aktiviteter.save_aktivitet(_forum(members))
    occ = next(o for o in services.arshjul.view.year_view(2026).occurrences if o.uid.startswith("aktivitet-"))
    with pytest.raises(ValidationError, match="hör inte till en händelse i årshjulet"):
        services.arshjul.events.move_occurrence(occ.event_id, occ.key, date(2026, 5, 7))
    with pytest.raises(ValidationError, match="hör inte till en händelse i årshjulet"):
        services.arshjul.events.set_status(occ.event_id, occ.key, Status.INSTALLD)
    assert services.verksamhet.aktiviteter.list_aktiviteter(2026)[0].datum == date(2026, 5, 6)
