"""The lägesrapport's rules: decision references "(20191126 & 20200219)", tkr as seed 002 writes them, the period's
name, which organisation text is which member, and masking in the per-member table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from finsam_desktop.domain.organisation.model import MemberKind
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, AktivitetTyp, Deltagande
from finsam_desktop.domain.verksamhet.lagesrapport import (
    MemberInfo,
    group_uppdrag,
    member_table,
    organisation_is,
    period_label,
    tkr_text,
)


def test_the_same_uppdrag_given_twice_is_one_line_with_both_decision_dates():
    groups = group_uppdrag(
        [
            ("Se över Delegations- & attestordning", "Kansli", date(2020, 2, 19), "Se beslutsärende"),
            ("Kommunikationsplan", "Kansli", date(2019, 1, 23), ""),
            ("Se över delegations-  & attestordning", "Kansli", date(2019, 11, 26), ""),
            ("Utan paragraf", "", None, ""),
        ]
    )
    assert [g.ansvarig for g in groups] == ["Kansli", "Ej angiven"]
    # The oldest uppdrag first (as the seed lists them).
    assert groups[0].lines[0].heading == "Kommunikationsplan (20190123)"
    second = groups[0].lines[1]
    assert second.heading == "Se över Delegations- & attestordning (20191126 & 20200219)"
    assert second.kommentar == "Se beslutsärende"
    assert groups[1].lines[0].heading == "Utan paragraf"


@pytest.mark.parametrize(
    ("kr", "text"),
    [(D(57500), "57,5"), (D(6250), "6,25"), (D(2_000_000), "2 000"), (D(0), "0"), (D(222_500), "222,5"), (None, "")],
)
def test_tkr_as_seed_002_writes_them(kr, text):
    assert tkr_text(kr) == text


@pytest.mark.parametrize(
    ("fran", "per", "label"),
    [
        (date(2020, 1, 1), date(2020, 3, 31), "Q1 2020"),
        (date(2020, 7, 1), date(2020, 9, 30), "Q3 2020"),
        (date(2020, 1, 1), date(2020, 6, 30), "Halvår 2020"),
        (date(2020, 1, 1), date(2020, 12, 31), "Helår 2020"),
        (date(2020, 1, 1), date(2020, 5, 31), "2020-01-01 – 2020-05-31"),
    ],
)
def test_the_period_is_named_as_a_quarter_or_half_year(fran, per, label):
    assert period_label(fran, per) == label


def test_organisation_texts_find_their_member():
    taby = MemberInfo(1, "Täby", MemberKind.KOMMUN)
    af = MemberInfo(2, "Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN)
    region = MemberInfo(3, "Region Stockholm", MemberKind.REGION)
    assert organisation_is(taby, "Täby kommun") and organisation_is(taby, "täby")
    assert organisation_is(MemberInfo(4, "Danderyd", MemberKind.KOMMUN), "Danderyds kommun")
    assert organisation_is(af, "AF") and organisation_is(region, "Regionen")
    assert (
        not organisation_is(taby, "Täby friskola") and not organisation_is(af, "FK") and not organisation_is(taby, "")
    )


def test_small_counts_are_masked_in_the_per_member_table_when_masking_is_on():
    members = [MemberInfo(1, "Vaxholm", MemberKind.KOMMUN, 5), MemberInfo(2, "Täby", MemberKind.KOMMUN, 28)]
    forum = Aktivitet(None, date(2020, 5, 6), "Forum", AktivitetTyp.FORUM, deltagande=(Deltagande(2, None, 3),))
    anvisade = {"Vaxholms stad": 4, "Täby kommun": 74}
    masked = member_table(members, [forum], "MIA", (), anvisade, "201704-202004", masking=True)
    assert masked.rows[1] == ("Vaxholm 15%", "", "", "", "", "<5 5%")
    assert masked.rows[2][2] == "6/5 3st" and masked.rows[2][5] == "74 95%"
    plain = member_table(members, [forum], "MIA", (), anvisade, "201704-202004", masking=False)
    assert plain.rows[1][5] == "4 5%" and plain.rows[0][5] == "Totalt 78"


def test_participants_referred_by_a_non_member_count_in_the_total_as_others():
    members = [MemberInfo(1, "Täby", MemberKind.KOMMUN, 28)]
    table = member_table(members, [], "MIA", (), {"Täby kommun": 30, "Kriminalvården": 10}, "202001-202003", False)
    assert table.rows[0][5] == "Totalt 40"
    assert table.rows[1][5] == "30 75%" and table.rows[-1] == ("Övriga anvisare", "", "", "", "", "10 25%")
    assert table.anvisade == (("Täby", 30), ("Övriga anvisare", 10))
