import json
from datetime import date

import pytest
from sqlalchemy import select

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Beslutforhet, Mandate, Member, MemberKind, Person, Role
from finsam_desktop.persistence.models import AuditLog, Setting
from finsam_desktop.services.organisation.service import with_settings


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


def test_a_member_with_aktivitet_participants_is_refused_in_swedish_and_kept(services):
    from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, Deltagande

    fb = services.forbund
    m = fb.save_member(Member(0, "Åby kommun", MemberKind.KOMMUN, 10))
    services.verksamhet.aktiviteter.save_aktivitet(
        Aktivitet(None, date(2026, 3, 12), "Forum Arbete", deltagande=(Deltagande(m.id, 8, 7),))
    )
    with pytest.raises(ValidationError, match="1 aktivitet med deltagare kopplade till sig"):
        fb.remove_member(m.id)
    assert [x.namn for x in fb.list_members()] == ["Åby kommun"]


def test_update_forbund_validates_orgnr(services):
    fb = services.forbund
    current = fb.get()
    with pytest.raises(ValidationError):
        fb.update(current.__class__(1, current.namn, "123456-7890"))
    assert fb.get().orgnr == "222000-3079"


def test_beslutforhet_setting_persists_and_bad_value_is_refused(services):
    fb = services.forbund
    assert fb.beslutforhet() is Beslutforhet.MER_AN_HALFTEN  # safe default, KL 6:27
    assert fb.settings().beslutforhet is Beslutforhet.MER_AN_HALFTEN
    assert fb.set_beslutforhet("minst_halften") is Beslutforhet.MINST_HALFTEN
    assert fb.beslutforhet() is Beslutforhet.MINST_HALFTEN
    assert fb.get().settings.beslutforhet is Beslutforhet.MINST_HALFTEN
    with services.db.session() as s:
        assert json.loads(s.get(Setting, "forbund.beslutforhet").value) == "minst_halften"
        entry = s.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert entry.action == "Inställning ändrad"
        assert entry.detail == "forbund.beslutforhet = minst_halften (var mer_an_halften)"
    with pytest.raises(ValidationError, match="Beslutförhet: okänt värde ”två tredjedelar”; tillåtna värden"):
        fb.set_beslutforhet("två tredjedelar")
    assert fb.beslutforhet() is Beslutforhet.MINST_HALFTEN


def test_beslutforhet_is_saved_with_the_forbund_and_sets_the_quorum(demo_services):
    fb = demo_services.forbund
    assert fb.styrelse_on(date(2026, 6, 1)).quorum == 4  # 6 ledamöter, mer än hälften
    fb.update(with_settings(fb.get(), beslutforhet=Beslutforhet.MINST_HALFTEN))
    assert fb.beslutforhet() is Beslutforhet.MINST_HALFTEN
    assert fb.styrelse_on(date(2026, 6, 1)).quorum == 3
    with pytest.raises(ValidationError, match="Beslutförhet"):
        fb.update(with_settings(fb.get(), beslutforhet="hälften"))
    assert fb.beslutforhet() is Beslutforhet.MINST_HALFTEN


# Both engines (docs/postgresql.md): these tests run on SQLite and on PostgreSQL.
@pytest.fixture
def services(engine_workspace):
    return engine_workspace.services


@pytest.fixture
def demo_services(engine_demo_workspace):
    return engine_demo_workspace.services
