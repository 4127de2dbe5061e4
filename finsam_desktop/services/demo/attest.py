"""Demo attestordning, signaturlista, delegationsordning and delegationsbeslut, shaped like the
seed's 2023 attest- och utanordningsinstruktion (bilagor 5–7) for the demo year and the year before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finsam_desktop.domain.attest.delegation import DelegationRow, Limit, LimitKind
from finsam_desktop.domain.attest.rules import (
    KIND_ATTEST,
    KIND_DELEGATION,
    AttestRow,
    AttestType,
    Avser,
    Party,
    ScopeKind,
)
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.services.attest.dto import DecisionInput
from finsam_desktop.services.container import Services
from finsam_desktop.services.demo.core import november_meeting, november_reference

EKONOMISERVICE = "Ekonomiservice, Ådalens kommun"


def attest_rows() -> list[AttestRow]:
    """The rows of the seed's punkt 4 "Attest- och utanordningsrätt", plus mottagningsattest and one
    insats-scoped row with a maxbelopp (the columns exist in the seed's signaturlista)."""
    ordf, vice = Party.of_role(Role.ORDFORANDE), Party.of_role(Role.VICE_ORDFORANDE)
    ext = Party.external(EKONOMISERVICE)
    return [
        AttestRow(0, 1, AttestType.BESLUTSATTEST, "Generell attesträtt", ordf, vice),
        AttestRow(
            0,
            2,
            AttestType.BESLUTSATTEST,
            "Utbetalning till ordförande eller för utgift förknippad med dennes person",
            vice,
            avser=Avser.ORDFORANDE,
        ),
        AttestRow(
            0,
            3,
            AttestType.BESLUTSATTEST,
            "Utbetalning till styrelseledamot eller för utgift förknippad med dennes person",
            ordf,
            vice,
            avser=Avser.STYRELSELEDAMOT,
        ),
        AttestRow(
            0,
            4,
            AttestType.BESLUTSATTEST,
            "Löpande fakturor inom beviljad insats",
            Party.of_role(Role.FORBUNDSCHEF),
            scope_kind=ScopeKind.INSATS,
            scope_value="Steget vidare",
            maxbelopp=Decimal(50000),
            anmarkning="Inom den budget styrelsen beviljat för insatsen.",
        ),
        AttestRow(0, 5, AttestType.MOTTAGNINGSATTEST, "Mottagningsattest", Party.of_role(Role.FORBUNDSCHEF)),
        AttestRow(
            0,
            6,
            AttestType.MOTTAGNINGSATTEST,
            "Mottagningsattest",
            Party.of_role(Role.UTVECKLINGSLEDARE),
            maxbelopp=Decimal(25000),
        ),
        AttestRow(
            0,
            7,
            AttestType.UTANORDNING,
            "Samtliga utbetalningar",
            ext,
            signers_required=2,
            anmarkning="Signering ska göras av två i förening.",
        ),
        AttestRow(
            0,
            8,
            AttestType.BOKFORINGSORDER,
            "Manuella bokföringsordrar",
            ext,
            anmarkning="Signering ska göras av en person.",
        ),
        AttestRow(0, 9, AttestType.DEKLARATIONSOMBUD, "Deklarationsombud", ext),
    ]


def delegation_rows() -> list[DelegationRow]:
    ordf, vice, chef = Role.ORDFORANDE, Role.VICE_ORDFORANDE, Role.FORBUNDSCHEF
    return [
        DelegationRow(0, 1, "Deltagande i kurser och konferenser", ordf, vice),
        DelegationRow(
            0,
            2,
            "Direktupphandling upp till ett prisbasbelopp per objekt",
            ordf,
            vice,
            Limit(LimitKind.PRISBASBELOPP, Decimal(1)),
        ),
        DelegationRow(
            0,
            3,
            "Brådskande ärenden där styrelsens avgörande inte kan avvaktas (KL 6 kap. 39 §)",
            ordf,
            vice,
            anteckning="Anmäls vid nästa sammanträde.",
        ),
        DelegationRow(
            0,
            4,
            "Anställning av personal på kansliet (utom förbundschef)",
            chef,
            anteckning="Inom budget för kansliet.",
        ),
        DelegationRow(
            0,
            5,
            "Mindre förändringar inom beviljad insats",
            chef,
            limit=Limit(LimitKind.PRISBASBELOPP, Decimal("0.5")),
        ),
        DelegationRow(
            0,
            6,
            "Representation och uppvaktning",
            chef,
            limit=Limit(LimitKind.KRONOR, Decimal(5000)),
            anmalas=False,
            anteckning="Redovisas i årsredovisningen.",
        ),
    ]


def _version(services: Services, kind: str, titel: str, year: int, adopted: str, adopted_on: date, rows) -> int:
    att = services.attest
    forbund = services.forbund.get()
    v = att.versions.create_version(kind, titel, date(year, 1, 1), date(year, 12, 31), adress=forbund.postadress)
    for r in rows:
        if kind == KIND_ATTEST:
            att.rows.save_attest_row(v.id, r)
        else:
            att.rows.save_delegation_row(v.id, r)
    return att.versions.adopt_version(v.id, adopted_text=adopted, adopted_on=adopted_on).id


def _decisions(year: int) -> list[tuple[date, str, int, str, Decimal | None, str]]:
    """(datum, delegat, row position, ärende, belopp, beslut)."""
    y = year
    return [
        (
            date(y - 1, 3, 14),
            "Eva Forsberg",
            1,
            "Deltagande i Finsamkonferensen, två personer",
            Decimal(9800),
            "Förbundschefen och ordföranden deltar i den nationella Finsamkonferensen.",
        ),
        (
            date(y - 1, 5, 22),
            "Eva Forsberg",
            2,
            "Direktupphandling av processledning för länsgemensam workshop",
            Decimal(38000),
            "Uppdraget ges till Processkraft AB enligt offert.",
        ),
        (
            date(y - 1, 9, 8),
            "Helena Marklund",
            4,
            "Anställning av utvecklingsledare, visstid",
            None,
            "Tobias Rönn anställs som utvecklingsledare.",
        ),
        (
            date(y - 1, 10, 2),
            "Anna Berglund",
            1,
            "Deltagande i regional nätverksträff för samordningsförbund",
            Decimal(2400),
            "Vice ordföranden deltar då ordföranden är förhindrad.",
        ),
        (
            date(y, 1, 20),
            "Eva Forsberg",
            2,
            "Direktupphandling av utvärdering av insatsen Steget vidare",
            Decimal(48500),
            "Utvärderingen upphandlas direkt från Analysgruppen Norr.",
        ),
        (
            date(y, 2, 11),
            "Helena Marklund",
            5,
            "Förlängd projekttid för Steget vidare, oförändrad budget",
            Decimal(0),
            "Insatsen förlängs till och med 30 juni inom beviljad ram.",
        ),
        (
            date(y, 3, 4),
            "Eva Forsberg",
            1,
            "Deltagande i Norrlandskonferensen",
            Decimal(6200),
            "Tre personer från styrelsen och kansliet deltar.",
        ),
        (
            date(y, 4, 16),
            "Eva Forsberg",
            3,
            "Yttrande om tidsfrist för statlig redovisning",
            None,
            "Brådskande: förbundet begär förlängd frist hos Försäkringskassan.",
        ),
        (
            date(y, 5, 27),
            "Helena Marklund",
            6,
            "Avtackning av avgående ledamot",
            Decimal(1500),
            "Blommor och presentkort.",
        ),
        (
            date(y, 8, 19),
            "Eva Forsberg",
            2,
            "Direktupphandling av webbplats och tillgänglighetsgranskning",
            Decimal(64000),
            "Avtal tecknas med Webbverkstan i Ådalen.",
        ),
        (
            date(y, 9, 9),
            "Helena Marklund",
            5,
            "Omfördelning mellan personal- och lokalkostnad i insatsen Arbetstorget",
            Decimal(21000),
            "Omfördelningen godkänns inom insatsens totala ram.",
        ),
        (
            date(y, 10, 14),
            "Tobias Rönn",
            1,
            "Deltagande i utbildning om ESF-finansiering",
            Decimal(3900),
            "Utvecklingsledaren deltar i utbildningen.",
        ),
        (
            date(y, 11, 3),
            "Eva Forsberg",
            2,
            "Direktupphandling av moderering för medlemssamrådet",
            Decimal(24000),
            "Uppdraget ges till Dialogbyrån enligt offert.",
        ),
        (
            date(y, 11, 12),
            "Anna Berglund",
            1,
            "Deltagande i nationell Finsamdag",
            Decimal(4500),
            "Vice ordföranden deltar då ordföranden är förhindrad.",
        ),
    ]


def build(services: Services, year: int) -> None:
    att = services.attest
    for y in (year - 1, year):
        _version(
            services,
            KIND_ATTEST,
            f"Attest- och utanordningsinstruktion {y}",
            y,
            november_reference(y - 1, "attest"),
            november_meeting(y - 1),
            attest_rows(),
        )
        _version(
            services,
            KIND_DELEGATION,
            f"Delegationsordning {y}",
            y,
            november_reference(y - 1, "delegation"),
            november_meeting(y - 1),
            delegation_rows(),
        )
    # A draft for next year, copied from this year's version (the way a new year starts).
    current = att.versions.version_for_year(KIND_ATTEST, year)
    att.versions.copy_version(current.id)

    decisions = []
    for datum, who, position, arende, belopp, beslut in _decisions(year):
        rows = att.rows.delegation_rows_on(datum)
        row = next((r for r in rows if r.position == position), None)
        decision = att.decisions.save_decision(
            DecisionInput(
                datum,
                who,
                row.id if row else None,
                arende,
                belopp,
                beslut,
                f"{datum.year}/{datum.month:02d}{datum.day:02d}",
            )
        )
        decisions.append(decision)
        if datum.year < year:  # reported on paper before the file was kept in the app
            att.anmalan.record_reported(
                decision.id,
                f"Styrelsen {datum.year}-{min(datum.month + 1, 12):02d}-15",
                date(datum.year, min(datum.month + 1, 12), 15),
            )
    # This year's decisions are anmälda at the styrelse meetings under "Anmälan av delegationsbeslut", with the
    # list as bilaga (as seed 004): the justering demo puts the § on each protocol before it is justerat
    # (``justering.build``), and on the next meeting's dagordning.


__all__ = ["EKONOMISERVICE", "attest_rows", "build", "delegation_rows"]
