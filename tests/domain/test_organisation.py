from datetime import date
from decimal import Decimal

from finsam_desktop.domain.organisation import (
    Mandate,
    Member,
    MemberKind,
    Person,
    Role,
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
