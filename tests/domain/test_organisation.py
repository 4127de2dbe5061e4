from datetime import date
from decimal import Decimal

import pytest

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import (
    Beslutforhet,
    ForbundSettings,
    Mandate,
    Member,
    MemberKind,
    Person,
    Role,
    quorum_needed,
    split_contributions,
    styrelse_on,
    validate_membership,
)

MEMBERS = [
    Member(1, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
    Member(2, "Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN),
    Member(3, "Region Norr", MemberKind.REGION),
    Member(4, "Åby kommun", MemberKind.KOMMUN, 44),
    Member(5, "Bby kommun", MemberKind.KOMMUN, 27),
    Member(6, "Cby kommun", MemberKind.KOMMUN, 29),
]


def test_new_styrelse_from_konstituerande_mote():
    persons = [Person(i, f"P{i}") for i in range(1, 5)]
    mandates = [
        Mandate(1, 1, Role.LEDAMOT, date(2019, 4, 1), date(2023, 4, 2), 4),
        Mandate(2, 2, Role.LEDAMOT, date(2023, 4, 3), None, 4),
        Mandate(3, 3, Role.LEDAMOT, date(2019, 4, 1), None, 3),
        Mandate(4, 3, Role.ORDFORANDE, date(2023, 4, 3), None),
        Mandate(5, 4, Role.ERSATTARE, date(2019, 4, 1), None, 3),
    ]
    before = styrelse_on(date(2023, 4, 2), MEMBERS, persons, mandates)
    after = styrelse_on(date(2023, 4, 3), MEMBERS, persons, mandates)
    assert [p.namn for p in before.ledamoter] == ["P3", "P1"]
    assert [p.namn for p in after.ledamoter] == ["P3", "P2"]
    assert before.ordforande is None and after.ordforande.namn == "P3"
    assert after.member_of(4).namn == "Region Norr"
    assert after.quorum == 2


def test_contribution_split_fixture_f8():
    split = split_contributions(Decimal("3465000"), MEMBERS)
    assert split[1] == Decimal("3465000")
    assert split[3] == Decimal("1732500")
    assert (split[4], split[5], split[6]) == (Decimal("762300"), Decimal("467775"), Decimal("502425"))
    assert sum(split.values()) == Decimal("6930000")


def test_membership_needs_all_four_kinds():
    assert validate_membership(MEMBERS) == []
    problems = validate_membership(MEMBERS[:3])
    assert problems == ["Minst en kommun måste vara medlem."]


def _styrelse_with(ledamoter: int, **kwargs):
    persons = [Person(i, f"P{i}") for i in range(1, ledamoter + 1)]
    mandates = [Mandate(i, i, Role.LEDAMOT, date(2023, 4, 3), None, 3 + i % 4) for i in range(1, ledamoter + 1)]
    return styrelse_on(date(2024, 1, 1), MEMBERS, persons, mandates, **kwargs)


def test_quorum_rule_is_a_parameter_with_the_kl_default():
    assert [quorum_needed(n) for n in (5, 6)] == [3, 4]
    assert [quorum_needed(n, Beslutforhet.MINST_HALFTEN) for n in (5, 6)] == [3, 3]
    assert _styrelse_with(6).quorum == 4
    assert _styrelse_with(6).beslutforhet is Beslutforhet.MER_AN_HALFTEN
    assert _styrelse_with(6, beslutforhet=Beslutforhet.MINST_HALFTEN).quorum == 3
    assert _styrelse_with(5).quorum == 3
    assert _styrelse_with(5, beslutforhet="minst_halften").quorum == 3


def test_unknown_quorum_rule_is_refused_in_swedish():
    with pytest.raises(ValidationError, match="Beslutförhet: okänt värde ”två tredjedelar”"):
        Beslutforhet.parse("två tredjedelar")
    with pytest.raises(ValidationError, match="Beslutförhet"):
        ForbundSettings(beslutforhet="hälften").validate()
