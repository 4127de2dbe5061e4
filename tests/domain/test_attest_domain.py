"""Pure attest and delegation rules: which row decides, self-attest, ersättare, scope, limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finsam_desktop.domain.attest.delegation import (
    DEFAULT_PRISBASBELOPP,
    DelegationRow,
    Limit,
    LimitKind,
    check_decision,
    kl638_warnings,
)
from finsam_desktop.domain.attest.payment import transaction_findings
from finsam_desktop.domain.attest.rules import (
    AttestRow,
    AttestType,
    Avser,
    Directory,
    Party,
    Payee,
    PersonRef,
    ScopeKind,
    VersionRef,
    decide,
    genitive,
    validate_attest_row,
)
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import Role

CHAIR, VICE, CHEF, LEDAMOT = (
    PersonRef(1, "Christina Nordenö"),
    PersonRef(2, "Jonas Väst"),
    PersonRef(3, "Jan Andersson"),
    PersonRef(4, "Lina Kempe"),
)
DIR = Directory(
    date(2023, 5, 10),
    (CHAIR, VICE, CHEF, LEDAMOT),
    {
        Role.ORDFORANDE: (CHAIR,),
        Role.VICE_ORDFORANDE: (VICE,),
        Role.FORBUNDSCHEF: (CHEF,),
        Role.LEDAMOT: (CHAIR, VICE, LEDAMOT),
    },
)
V = VersionRef(7, "Attest- och utanordningsinstruktion 2023", "antagen Styrelsen 2022-11-25 § 129")
ROWS = [
    AttestRow(
        1,
        1,
        AttestType.BESLUTSATTEST,
        "Generell attesträtt",
        Party.of_role(Role.ORDFORANDE),
        Party.of_role(Role.VICE_ORDFORANDE),
    ),
    AttestRow(
        2,
        2,
        AttestType.BESLUTSATTEST,
        "Utgift förknippad med ordföranden",
        Party.of_role(Role.VICE_ORDFORANDE),
        avser=Avser.ORDFORANDE,
    ),
    AttestRow(
        3,
        3,
        AttestType.BESLUTSATTEST,
        "Insats Arbetsmarknadstorget",
        Party.of_role(Role.FORBUNDSCHEF),
        scope_kind=ScopeKind.INSATS,
        scope_value="Arbetsmarknadstorget",
        maxbelopp=Decimal(20000),
    ),
    AttestRow(
        4,
        4,
        AttestType.UTANORDNING,
        "Samtliga utbetalningar",
        Party.external("Servicecenter Ekonomi"),
        signers_required=2,
    ),
]


def ask(person, payee="", belopp=1000, scope="", typ=AttestType.BESLUTSATTEST, rows=ROWS, version=V):
    ref = DIR.find(payee) if payee else None
    return decide(
        version=version,
        rows=rows,
        directory=DIR,
        person_name=person,
        typ=typ,
        belopp=Decimal(belopp),
        payee=Payee(payee, ref),
        scope=scope,
    )


def test_specific_row_for_the_chair_wins_over_the_general_one():
    assert not ask("Christina Nordenö", "Christina Nordenö").allowed
    ans = ask("Jonas Väst", "Christina Nordenö")
    assert ans.allowed and ans.row_id == 2 and not ans.as_ersattare
    assert str(V) in ans.version


def test_ersattare_acts_for_the_ordinarie_and_steps_in_when_the_ordinarie_is_the_payee():
    ans = ask("Jonas Väst", "Leverantören AB")
    assert ans.allowed and ans.as_ersattare and any("förhindrad" in r for r in ans.reasons)
    # Lina Kempe is a ledamot: no "styrelseledamot" row exists, so the general row applies.
    assert ask("Christina Nordenö", "Lina Kempe").allowed
    assert not ask("Lina Kempe", "Leverantören AB").allowed


def test_scope_and_maxbelopp():
    assert not ask("Jan Andersson", "Leverantören AB", 5000).allowed  # no general right
    assert ask("Jan Andersson", "Leverantören AB", 20000, scope="Arbetsmarknadstorget").allowed
    assert ask("Jan Andersson", "Leverantören AB", 20000, scope="insats arbetsmarknadstorget").allowed
    over = ask("Jan Andersson", "Leverantören AB", Decimal("20000.50"), scope="Arbetsmarknadstorget")
    assert not over.allowed and over.rule == "Maxbelopp per utbetalning"
    assert any("20 000,50 kr överstiger maxbeloppet 20 000 kr" in r for r in over.reasons)


def test_no_version_and_no_row():
    assert not ask("Christina Nordenö", version=None).allowed
    none = ask("Christina Nordenö", typ=AttestType.DEKLARATIONSOMBUD)
    assert not none.allowed and "saknar rad" in none.rule


def test_two_signers_for_payments():
    pay = ask("Servicecenter Ekonomi", "Leverantören AB", typ=AttestType.UTANORDNING)
    assert pay.allowed and pay.signers_required == 2
    ok = ask("Christina Nordenö", "Leverantören AB")
    assert transaction_findings([("Christina Nordenö", ok)], ("Servicecenter Ekonomi", pay), 2) == []
    alone = transaction_findings([("Christina Nordenö", ok)], None, 2)
    assert alone == ["Betalningen har 1 signatur; attestordningen kräver två i förening."]
    both = transaction_findings([("Christina Nordenö", ok)], ("Christina Nordenö", ok), 2)
    assert any("både attesterat och utanordnat" in f for f in both)


def test_row_validation():
    with pytest.raises(ValidationError, match="Omfattning"):
        validate_attest_row(
            AttestRow(0, 0, AttestType.BESLUTSATTEST, "x", Party.of_role(Role.ORDFORANDE), scope_kind=ScopeKind.KONTO)
        )
    with pytest.raises(ValidationError, match="Ersättare"):
        validate_attest_row(
            AttestRow(
                0, 0, AttestType.BESLUTSATTEST, "x", Party.of_role(Role.ORDFORANDE), Party.of_role(Role.ORDFORANDE)
            )
        )
    assert genitive("Christina Nordenö") == "Christina Nordenös" and genitive("Lars Hans") == "Lars Hans"


def test_limit_in_prisbasbelopp_follows_the_decision_year():
    row = DelegationRow(
        1, 1, "Direktupphandling", Role.ORDFORANDE, Role.VICE_ORDFORANDE, Limit(LimitKind.PRISBASBELOPP, Decimal(1))
    )
    assert row.limit.amount_in(2023, DEFAULT_PRISBASBELOPP) == Decimal("52500.00")
    assert Limit(LimitKind.PRISBASBELOPP, Decimal("0.5")).text == "0,5 prisbasbelopp"

    def check(day, belopp, roles=(Role.ORDFORANDE,)):
        return check_decision(
            datum=day,
            belopp=Decimal(belopp),
            row=row,
            row_in_force=True,
            version_title="D",
            delegat_namn="NN",
            delegat_roles=roles,
            pbb=DEFAULT_PRISBASBELOPP,
        )

    assert not check(date(2023, 5, 10), 60000).ok
    assert not check(date(2025, 5, 10), 60000).ok
    assert check(date(2025, 5, 10), 50000).ok
    assert check(date(2026, 5, 10), 59200).ok
    missing = check_decision(
        datum=date(2031, 1, 1),
        belopp=Decimal(1),
        row=row,
        row_in_force=True,
        version_title="D",
        delegat_namn="NN",
        delegat_roles=(Role.ORDFORANDE,),
        pbb=DEFAULT_PRISBASBELOPP,
    )
    assert any("Prisbasbeloppet för 2031 saknas" in w for w in missing.warnings)
    assert not check(date(2025, 5, 10), 100, roles=(Role.FORBUNDSCHEF,)).ok


def test_kl_6_38_keywords():
    assert kl638_warnings("Fastställa verksamhetsplan och budget")
    assert kl638_warnings("Myndighetsutövning mot enskild")
    assert not kl638_warnings("Direktupphandling upp till ett prisbasbelopp per objekt")
