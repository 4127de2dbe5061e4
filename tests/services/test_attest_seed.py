"""The seed's 2023 attest- och utanordningsinstruktion and signaturlista (S004 bilagor 6–7) as data:
who may attest the ordförande's own travel claim, två i förening, mandates on the date, and the
immutability of an adopted version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from finsam_desktop.domain.attest.rules import KIND_ATTEST, AttestRow, AttestType, Avser, Party
from finsam_desktop.domain.common.errors import ImmutableRecordError
from finsam_desktop.domain.organisation.model import Mandate, Member, MemberKind, Person, Role

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

SERVICECENTER = "Servicecenter Ekonomi, Sundsvalls kommun"
DAY = date(2023, 5, 10)


@pytest.fixture
def seed(services):
    fb = services.forbund
    kommun = fb.save_member(Member(0, "Sundsvalls kommun", MemberKind.KOMMUN))
    region = fb.save_member(Member(0, "Region Västernorrland", MemberKind.REGION))

    def person(namn, *mandates):
        p = fb.save_person(Person(0, namn))
        for role, frm, to, member in mandates:
            fb.save_mandate(Mandate(0, p.id, role, frm, to, member.id if member else None))
        return p

    period = (date(2019, 4, 1), date(2023, 3, 31))
    new = (date(2023, 4, 1), date(2027, 3, 31))
    person(
        "Christina Nordenö",
        (Role.LEDAMOT, *period, kommun),
        (Role.ORDFORANDE, *period, None),
        (Role.LEDAMOT, *new, kommun),
        (Role.ORDFORANDE, *new, None),
    )
    person(
        "Jonas Väst",
        (Role.LEDAMOT, *period, region),
        (Role.VICE_ORDFORANDE, *period, None),
        (Role.LEDAMOT, *new, region),
        (Role.VICE_ORDFORANDE, *new, None),
    )
    person("Lina Kempe", (Role.LEDAMOT, *new, kommun))
    person("Jan Andersson", (Role.FORBUNDSCHEF, date(2018, 1, 1), None, None))
    person("Emil Ulander", (Role.UTVECKLINGSLEDARE, date(2020, 1, 1), None, None))
    # Ledamot in the previous period only: no mandate on 2023-05-10.
    person(
        "Thomas Burman", (Role.LEDAMOT, *period, region), (Role.ORDFORANDE, date(2018, 1, 1), date(2019, 3, 31), None)
    )

    att = services.attest
    v = att.versions.create_version(
        KIND_ATTEST,
        "Attest- och utanordningsinstruktion 2023",
        date(2023, 1, 1),
        date(2023, 12, 31),
        adress="Samordningsförbundet\nNorrmalmsgatan 4\n851 85 Sundsvall",
    )
    ordf, vice, ext = Party.of_role(Role.ORDFORANDE), Party.of_role(Role.VICE_ORDFORANDE), Party.external(SERVICECENTER)
    rows = [
        AttestRow(0, 0, AttestType.BESLUTSATTEST, "Generell attesträtt", ordf, vice),
        AttestRow(
            0,
            0,
            AttestType.BESLUTSATTEST,
            "Utbetalning till ordförande eller för utgift förknippas med dennes person",
            vice,
            avser=Avser.ORDFORANDE,
        ),
        AttestRow(
            0,
            0,
            AttestType.BESLUTSATTEST,
            "Utbetalning till styrelsemedlem eller för utgift förknippas med dennes person",
            ordf,
            vice,
            avser=Avser.STYRELSELEDAMOT,
        ),
        AttestRow(0, 0, AttestType.MOTTAGNINGSATTEST, "Mottagningsattest", Party.of_role(Role.FORBUNDSCHEF)),
        AttestRow(0, 0, AttestType.MOTTAGNINGSATTEST, "Mottagningsattest", Party.of_role(Role.UTVECKLINGSLEDARE)),
        AttestRow(0, 0, AttestType.UTANORDNING, "Samtliga utbetalningar", ext, signers_required=2),
        AttestRow(0, 0, AttestType.BOKFORINGSORDER, "Manuella bokföringsordrar", ext, signers_required=1),
        AttestRow(0, 0, AttestType.DEKLARATIONSOMBUD, "Deklarationsombud", ext),
    ]
    for r in rows:
        att.rows.save_attest_row(v.id, r)
    adopted = att.versions.adopt_version(v.id, adopted_text="Styrelsen 2022-11-25 § 129", adopted_on=date(2022, 11, 25))
    return adopted


def test_ordforandes_own_travel_claim_is_attested_by_the_vice(services, seed):
    att = services.attest
    own = att.check.check(
        "Christina Nordenö", AttestType.BESLUTSATTEST, Decimal("1840"), DAY, mottagare="Christina Nordenö"
    )
    assert not own.allowed
    assert "sig själv" in own.rule
    assert "Attest- och utanordningsinstruktion 2023" in own.version
    assert "Styrelsen 2022-11-25 § 129" in own.version
    assert own.instead == ("Jonas Väst",)

    vice = att.check.check("Jonas Väst", AttestType.BESLUTSATTEST, Decimal("1840"), DAY, mottagare="Christina Nordenö")
    assert vice.allowed
    assert vice.rule.startswith("Utbetalning till ordförande")
    assert not vice.as_ersattare


def test_other_board_member_and_vice_expenses(services, seed):
    att = services.attest
    # Lina Kempe's arvode: ordförande attests (Jonas as ersättare).
    assert att.check.check("Christina Nordenö", AttestType.BESLUTSATTEST, Decimal(680), DAY, "Lina Kempe").allowed
    ers = att.check.check("Jonas Väst", AttestType.BESLUTSATTEST, Decimal(680), DAY, "Lina Kempe")
    assert ers.allowed and ers.as_ersattare
    assert any("förhindrad" in r for r in ers.reasons)
    # Jonas Väst's own travel claim: Christina, never Jonas.
    assert att.check.check("Christina Nordenö", AttestType.BESLUTSATTEST, Decimal(900), DAY, "Jonas Väst").allowed
    assert not att.check.check("Jonas Väst", AttestType.BESLUTSATTEST, Decimal(900), DAY, "Jonas Väst").allowed


def test_any_payment_needs_two_signers(services, seed):
    att = services.attest
    ans = att.check.check(SERVICECENTER, AttestType.UTANORDNING, Decimal(12000), DAY, "Kontorsleverantören AB")
    assert ans.allowed and ans.signers_required == 2
    one = att.check.check_transaction(DAY, Decimal(12000), "Kontorsleverantören AB", ["Christina Nordenö"])
    assert any("två i förening" in f for f in one)
    two = att.check.check_transaction(
        DAY, Decimal(12000), "Kontorsleverantören AB", ["Christina Nordenö"], SERVICECENTER
    )
    assert two == []
    same = att.check.check_transaction(
        DAY, Decimal(12000), "Kontorsleverantören AB", ["Christina Nordenö", "christina nordenö"]
    )
    assert any("två i förening" in f for f in same)


def test_check_transaction_flags_self_attest(services, seed):
    findings = services.attest.check.check_transaction(
        DAY, Decimal(1840), "Christina Nordenö", ["Christina Nordenö"], SERVICECENTER
    )
    assert len(findings) == 1 and "Christina Nordenö" in findings[0] and "sig själv" in findings[0]


def test_person_without_mandate_on_the_date_may_not_attest(services, seed):
    att = services.attest
    ans = att.check.check("Thomas Burman", AttestType.BESLUTSATTEST, Decimal(500), DAY, "Kontorsleverantören AB")
    assert not ans.allowed
    assert any("inget giltigt uppdrag 2023-05-10" in r for r in ans.reasons)
    findings = att.check.check_transaction(
        DAY, Decimal(500), "Kontorsleverantören AB", ["Thomas Burman"], SERVICECENTER
    )
    assert any("Thomas Burman" in f and "saknar attesträtt" in f for f in findings)
    # Christina held the role in 2019 too, but no attestordning was in force then.
    before = att.check.check("Christina Nordenö", AttestType.BESLUTSATTEST, Decimal(500), date(2022, 6, 1), "X AB")
    assert not before.allowed and "Ingen antagen attestordning" in before.rule


def test_role_resolves_through_mandates_on_the_date(services, seed):
    fb = services.forbund
    thomas = fb.find_person("Thomas Burman")
    fb.save_mandate(Mandate(0, thomas.id, Role.VICE_ORDFORANDE, date(2023, 6, 1), None))
    att = services.attest
    assert not att.check.check(
        "Thomas Burman", AttestType.BESLUTSATTEST, Decimal(100), DAY, "Christina Nordenö"
    ).allowed
    later = att.check.check(
        "Thomas Burman", AttestType.BESLUTSATTEST, Decimal(100), date(2023, 6, 2), "Christina Nordenö"
    )
    assert later.allowed


def test_maxbelopp_per_utbetalning(services, seed):
    att = services.attest
    draft = att.versions.copy_version(seed.id)
    assert draft.valid_from == date(2024, 1, 1) and draft.titel.endswith("2024")
    rows = att.rows.attest_rows(draft.id)
    general = next(r for r in rows if r.benamning == "Generell attesträtt")
    att.rows.save_attest_row(draft.id, _with(general, maxbelopp=Decimal(50000)))
    att.versions.adopt_version(draft.id, adopted_text="Styrelsen 2023-11-24 § 150")
    day = date(2024, 3, 1)
    assert att.check.check("Christina Nordenö", AttestType.BESLUTSATTEST, Decimal(50000), day, "X AB").allowed
    over = att.check.check("Christina Nordenö", AttestType.BESLUTSATTEST, Decimal("50000.01"), day, "X AB")
    assert not over.allowed and over.rule == "Maxbelopp per utbetalning"
    assert "2024" in over.version
    # 2023 still decided by the 2023 version without a ceiling.
    assert att.check.check("Christina Nordenö", AttestType.BESLUTSATTEST, Decimal(90000), DAY, "X AB").allowed


def _with(row, **changes):
    from dataclasses import replace

    return replace(row, **changes)


def test_adopted_version_is_never_edited(services, seed):
    att = services.attest
    row = att.rows.attest_rows(seed.id)[0]
    with pytest.raises(ImmutableRecordError):
        att.rows.save_attest_row(seed.id, _with(row, benamning="Ändrad"))
    with pytest.raises(ImmutableRecordError):
        att.rows.remove_attest_row(row.id)
    with pytest.raises(ImmutableRecordError):
        att.versions.update_version(seed.id, titel="Ny titel")
    with services.db.engine.connect() as conn:
        # Each refusal ends its transaction (PostgreSQL accepts nothing more in it), so roll back after each one.
        for sql in (
            "UPDATE attest_row SET benamning = 'x' WHERE id = :id",
            "DELETE FROM attest_row WHERE id = :id",
        ):
            with pytest.raises(IntegrityError, match="Antagen version kan inte ändras"):
                conn.execute(text(sql), {"id": row.id})
            conn.rollback()
        with pytest.raises(IntegrityError, match="Antagen version kan inte ändras"):
            conn.execute(text("UPDATE ordning_version SET titel = 'x' WHERE id = :id"), {"id": seed.id})
        conn.rollback()
        with pytest.raises(IntegrityError, match="Antagen version kan inte ändras"):
            conn.execute(
                text(
                    "INSERT INTO attest_row (version_id, position, typ, benamning, scope_kind, scope_value, avser, "
                    "ord_namn, ers_namn, signers_required, anmarkning) VALUES (:v, 99, 'beslutsattest', 'x', "
                    "'generell', '', 'alla', '', '', 1, '')"
                ),
                {"v": seed.id},
            )
    assert att.versions.verify_hash(seed.id)
    assert att.rows.attest_rows(seed.id)[0].benamning == "Generell attesträtt"


def test_signature_list_follows_the_seed(services, seed):
    doc = services.attest.attestants.signature_list(seed.id)
    assert doc.title == "Signaturlista 2023"
    assert doc.stamp == "221125"
    pay = [line for line in doc.lines if line.section == "Betalningsattestant"]
    assert pay[0].attestant == "Christina Nordenö\nOrdförande"
    assert pay[0].ersattare == "Jonas Väst\nVice ordförande"
    assert "Gäller ej Christina Nordenös reseräkningar" in pay[0].anmarkning
    vice_line = next(line for line in pay if line.attestant.startswith("Jonas Väst") and "Avser" in line.anmarkning)
    assert "Christina Nordenös reseräkningar och kontantutlägg" in vice_line.anmarkning
    mottagning = [line.attestant for line in doc.lines if line.section == "Mottagningsattestant"]
    assert mottagning == ["Jan Andersson\nFörbundschef", "Emil Ulander\nUtvecklingsledare"]
