from datetime import date

import pytest

from finsam_desktop.domain.errors import ValidationError
from finsam_desktop.domain.organisation import Mandate, Member, MemberKind, Person, Role


def test_demo_styrelse_on_a_date(demo_services):
    st = demo_services.forbund.styrelse_on(date(2026, 6, 1))
    assert len(st.ledamoter) == 6
    assert st.ordforande.namn == "Eva Forsberg"
    assert "Sara Åkesson" in [p.namn for p in st.ersattare]
    before = demo_services.forbund.styrelse_on(date(2023, 3, 1))
    assert "Gunnar Palm" in [p.namn for p in before.ersattare]
    assert "Sara Åkesson" not in [p.namn for p in before.ersattare]


def test_bad_input_is_refused_and_nothing_saved(services):
    fb = services.forbund
    with pytest.raises(ValidationError, match="Namn"):
        fb.save_person(Person(0, "   "))
    assert fb.list_persons() == []
    p = fb.save_person(Person(0, "Kim Ek"))
    with pytest.raises(ValidationError, match="slutdatum"):
        fb.save_mandate(Mandate(0, p.id, Role.ORDFORANDE, date(2024, 1, 1), date(2023, 1, 1)))
    with pytest.raises(ValidationError, match="företräda en medlem"):
        fb.save_mandate(Mandate(0, p.id, Role.LEDAMOT, date(2024, 1, 1)))
    assert fb.list_mandates() == []


def test_member_with_mandates_cannot_be_removed(services):
    fb = services.forbund
    m = fb.save_member(Member(0, "Åby kommun", MemberKind.KOMMUN, 10))
    p = fb.save_person(Person(0, "Kim Ek"))
    fb.save_mandate(Mandate(0, p.id, Role.LEDAMOT, date(2024, 1, 1), None, m.id))
    with pytest.raises(ValidationError, match="uppdrag"):
        fb.remove_member(m.id)
    assert [x.namn for x in fb.list_members()] == ["Åby kommun"]


def test_update_forbund_validates_orgnr(services):
    fb = services.forbund
    current = fb.get()
    with pytest.raises(ValidationError):
        fb.update(current.__class__(1, current.namn, "123456-7890"))
    assert fb.get().orgnr == "222000-3079"
