"""Attestordning: who may attest what, for whom, up to which amount, on which date.

Pure rules. The service builds a :class:`Directory` (who holds which role on the date, from the
mandates) and the rows of the version in force; :func:`decide` answers "Får NN attestera?" and
names the rule and the version that decided it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.organisation.model import Role

#: The two ordningar a version belongs to.
KIND_ATTEST = "attest"
KIND_DELEGATION = "delegation"
KIND_LABELS = {KIND_ATTEST: "Attestordning", KIND_DELEGATION: "Delegationsordning"}


class AttestType(StrEnum):
    BESLUTSATTEST = "beslutsattest"
    MOTTAGNINGSATTEST = "mottagningsattest"
    UTANORDNING = "utanordning"
    BOKFORINGSORDER = "bokforingsorder"
    DEKLARATIONSOMBUD = "deklarationsombud"

    @property
    def label(self) -> str:
        return ATTEST_TYPE_LABELS[self]


ATTEST_TYPE_LABELS = {
    AttestType.BESLUTSATTEST: "Beslutsattest (behörighetsattest)",
    AttestType.MOTTAGNINGSATTEST: "Mottagningsattest",
    AttestType.UTANORDNING: "Utanordning/betalning",
    AttestType.BOKFORINGSORDER: "Manuella bokföringsordrar",
    AttestType.DEKLARATIONSOMBUD: "Deklarationsombud",
}


class ScopeKind(StrEnum):
    GENERELL = "generell"
    KOSTNADSSTALLE = "kostnadsstalle"
    INSATS = "insats"
    KONTO = "konto"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]


SCOPE_LABELS = {
    ScopeKind.GENERELL: "Generell",
    ScopeKind.KOSTNADSSTALLE: "Kostnadsställe",
    ScopeKind.INSATS: "Insats",
    ScopeKind.KONTO: "Konto",
}


#: Where a payment is booked, per kind of scope (an insats is booked on its own kostnadsställe). ``None`` means
#: the file has no column for it: a row scoped that way is taken to cover the payment (that part is not checked).
ScopeValues = Mapping[ScopeKind, str | None]


def scope_text(scope: str | ScopeValues) -> str:
    """The scope as the answer names it: ``Steget vidare`` or ``kostnadsställe Kansli, konto 6550``."""
    if isinstance(scope, str):
        return scope.strip()
    parts = {f"{kind.label.lower()} {value.strip()}" for kind, value in scope.items() if value and value.strip()}
    return ", ".join(sorted(parts))


class Avser(StrEnum):
    """Whose payments/expenses a row covers. More specific rows win over general ones."""

    ALLA = "alla"
    STYRELSELEDAMOT = "styrelseledamot"
    ORDFORANDE = "ordforande"

    @property
    def label(self) -> str:
        return AVSER_LABELS[self]


AVSER_LABELS = {
    Avser.ALLA: "Alla utbetalningar",
    Avser.STYRELSELEDAMOT: "Utbetalning till styrelseledamot eller utgift förknippad med dennes person",
    Avser.ORDFORANDE: "Utbetalning till ordföranden eller utgift förknippad med dennes person",
}


class PartyKind(StrEnum):
    ROLE = "roll"
    PERSON = "person"
    EXTERNAL = "extern"


#: Roles that sit in the styrelse (for "utgift förknippad med styrelseledamot").
BOARD_ROLES = (Role.ORDFORANDE, Role.VICE_ORDFORANDE, Role.LEDAMOT, Role.ERSATTARE)


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: int
    namn: str


@dataclass(frozen=True, slots=True)
class Party:
    """Ordinarie or ersättare: a role (resolved through the mandates), a person or an external party."""

    kind: PartyKind
    role: Role | None = None
    person_id: int | None = None
    namn: str = ""  # the person's name (display) or the external party's name

    @staticmethod
    def of_role(role: Role) -> Party:
        return Party(PartyKind.ROLE, role=Role(role))

    @staticmethod
    def of_person(person: PersonRef) -> Party:
        return Party(PartyKind.PERSON, person_id=person.id, namn=person.namn)

    @staticmethod
    def external(namn: str) -> Party:
        return Party(PartyKind.EXTERNAL, namn=namn.strip())

    @property
    def label(self) -> str:
        if self.kind is PartyKind.ROLE and self.role is not None:
            return self.role.label
        return self.namn

    def validate(self, field_name: str) -> None:
        if self.kind is PartyKind.ROLE and self.role is None:
            raise ValidationError("välj en roll.", field_name)
        if self.kind is PartyKind.PERSON and not self.person_id:
            raise ValidationError("välj en person.", field_name)
        if self.kind is PartyKind.EXTERNAL and not self.namn.strip():
            raise ValidationError("skriv den externa partens namn.", field_name)


@dataclass(frozen=True, slots=True)
class AttestRow:
    id: int
    position: int
    typ: AttestType
    benamning: str
    ordinarie: Party | None
    ersattare: Party | None = None
    scope_kind: ScopeKind = ScopeKind.GENERELL
    scope_value: str = ""
    avser: Avser = Avser.ALLA
    signers_required: int = 1
    maxbelopp: Decimal | None = None
    anmarkning: str = ""

    @property
    def scope_label(self) -> str:
        if self.scope_kind is ScopeKind.GENERELL:
            return "Generell"
        return f"{self.scope_kind.label} {self.scope_value}".strip()

    def covers_scope(self, scope: str | ScopeValues) -> bool:
        """``scope`` is one text compared with every kind of scope, or a value per kind (:data:`ScopeValues`)."""
        if self.scope_kind is ScopeKind.GENERELL:
            return True
        if not isinstance(scope, str):
            value = scope.get(self.scope_kind, "")
            if value is None:
                return True  # the file has no column for this kind of scope: not checked
            scope = value
        wanted = _norm(scope)
        if not wanted:
            return False
        own = _norm(self.scope_value)
        return wanted in (own, _norm(f"{self.scope_kind.label} {self.scope_value}"))


def validate_attest_row(row: AttestRow) -> None:
    if not row.benamning.strip():
        raise ValidationError("får inte vara tom.", "Benämning")
    if row.ordinarie is None and row.ersattare is None:
        raise ValidationError("ange ordinarie (eller åtminstone en ersättare).", "Ordinarie")
    if row.ordinarie is not None:
        row.ordinarie.validate("Ordinarie")
    if row.ersattare is not None:
        row.ersattare.validate("Ersättare")
        if row.ordinarie is not None and row.ersattare == row.ordinarie:
            raise ValidationError("ersättaren kan inte vara samma som ordinarie.", "Ersättare")
    if row.scope_kind is not ScopeKind.GENERELL and not row.scope_value.strip():
        raise ValidationError(f"ange vilket {row.scope_kind.label.lower()} raden gäller.", "Omfattning")
    if row.signers_required not in (1, 2):
        raise ValidationError("antal signaturer måste vara 1 eller 2.", "Signering")
    if row.maxbelopp is not None and row.maxbelopp <= 0:
        raise ValidationError("måste vara större än noll (lämna tomt för inget tak).", "Maxbelopp")


@dataclass(frozen=True, slots=True)
class Directory:
    """Who holds which role on one date, derived from the mandates."""

    on: date
    persons: tuple[PersonRef, ...]
    holders: Mapping[Role, tuple[PersonRef, ...]]

    def holders_of(self, role: Role) -> tuple[PersonRef, ...]:
        return tuple(self.holders.get(Role(role), ()))

    def roles_of(self, person_id: int) -> tuple[Role, ...]:
        return tuple(r for r, people in self.holders.items() if any(p.id == person_id for p in people))

    def find(self, namn: str) -> PersonRef | None:
        wanted = _norm(namn)
        for p in self.persons:
            if _norm(p.namn) == wanted:
                return p
        return None

    def is_board_member(self, person_id: int) -> bool:
        return any(r in BOARD_ROLES for r in self.roles_of(person_id))

    def resolve(self, party: Party | None) -> tuple[str, ...]:
        """Names of who the party is on this date (empty if a role has no holder)."""
        if party is None:
            return ()
        if party.kind is PartyKind.ROLE and party.role is not None:
            return tuple(p.namn for p in self.holders_of(party.role))
        if party.kind is PartyKind.PERSON:
            for p in self.persons:
                if p.id == party.person_id:
                    return (p.namn,)
            return (party.namn,) if party.namn else ()
        return (party.namn,) if party.namn else ()


@dataclass(frozen=True, slots=True)
class VersionRef:
    """Identifies the version that decided an answer: ``Attestordning 2023 (antagen Styrelsen … § 129)``."""

    id: int
    title: str
    adopted_text: str = ""

    def __str__(self) -> str:
        return f"{self.title} ({self.adopted_text})" if self.adopted_text else self.title


@dataclass(frozen=True)
class AttestAnswer:
    """Answer of "Får NN attestera?": yes/no, the rule and the version that decided it."""

    allowed: bool
    rule: str
    version: str
    reasons: tuple[str, ...] = ()
    signers_required: int = 1
    #: Who may attest instead (when the answer is no), resolved to names on the date.
    instead: tuple[str, ...] = ()
    row_id: int | None = None
    as_ersattare: bool = False

    @property
    def text(self) -> str:
        head = "Ja" if self.allowed else "Nej"
        lines = [f"{head} – {self.rule}", f"Avgjort av: {self.version}" if self.version else ""]
        lines += list(self.reasons)
        return "\n".join(line for line in lines if line)


RULE_NO_VERSION = "Ingen antagen attestordning gäller på datumet"
RULE_SELF = "Ingen attesterar betalning till sig själv eller utgift förknippad med den egna personen"
RULE_NO_ROW = "Attestordningen saknar rad för detta"
RULE_NOT_LISTED = "Personen saknar attesträtt enligt attestordningen"
RULE_MAXBELOPP = "Maxbelopp per utbetalning"
RULE_TWO = "Två i förening"
RULE_UNKNOWN_PERSON = "Okänd person"


@dataclass(frozen=True, slots=True)
class Payee:
    """The mottagare of the payment: a known person (id) or an organisation / unknown name."""

    namn: str = ""
    person: PersonRef | None = None


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def payee_category(payee: Payee, directory: Directory) -> Avser:
    if payee.person is None:
        return Avser.ALLA
    if any(p.id == payee.person.id for p in directory.holders_of(Role.ORDFORANDE)):
        return Avser.ORDFORANDE
    if directory.is_board_member(payee.person.id):
        return Avser.STYRELSELEDAMOT
    return Avser.ALLA


def applicable_rows(
    rows: Sequence[AttestRow], typ: AttestType, scope: str | ScopeValues, category: Avser
) -> list[AttestRow]:
    """Rows of ``typ`` covering ``scope``; rows for the payee's own category win over general ones
    (ordförande → styrelseledamot → alla)."""
    of_type = [r for r in rows if r.typ is typ and r.covers_scope(scope)]
    order = {
        Avser.ORDFORANDE: (Avser.ORDFORANDE, Avser.STYRELSELEDAMOT, Avser.ALLA),
        Avser.STYRELSELEDAMOT: (Avser.STYRELSELEDAMOT, Avser.ALLA),
        Avser.ALLA: (Avser.ALLA,),
    }[category]
    for avser in order:
        found = [r for r in of_type if r.avser is avser]
        if found:
            return found
    return []


def _matches(party: Party | None, person: PersonRef | None, namn: str, directory: Directory) -> bool:
    if party is None:
        return False
    if party.kind is PartyKind.ROLE:
        return person is not None and any(p.id == person.id for p in directory.holders_of(party.role))
    if party.kind is PartyKind.PERSON:
        return person is not None and person.id == party.person_id
    return _norm(party.namn) == _norm(namn)


def _who(party: Party | None, directory: Directory) -> str:
    if party is None:
        return ""
    names = directory.resolve(party)
    if party.kind is PartyKind.ROLE:
        return f"{party.label} ({', '.join(names)})" if names else f"{party.label} (vakant)"
    return party.label


def decide(
    *,
    version: VersionRef | None,
    rows: Sequence[AttestRow],
    directory: Directory,
    person_name: str,
    typ: AttestType,
    belopp: Decimal,
    payee: Payee,
    scope: str | ScopeValues = "",
) -> AttestAnswer:
    """Får ``person_name`` attestera (``typ``) ``belopp`` till ``payee`` på ``directory.on``?"""
    typ = AttestType(typ)
    day = directory.on
    if version is None:
        return AttestAnswer(False, RULE_NO_VERSION, "", (f"Ingen antagen attestordning gäller {day.isoformat()}.",))
    vtext = str(version)
    person = directory.find(person_name)
    rows_here = applicable_rows(rows, typ, scope, payee_category(payee, directory))
    if not rows_here:
        where = f" för {scope_text(scope)}" if scope_text(scope) else ""
        return AttestAnswer(False, RULE_NO_ROW, vtext, (f"{vtext} har ingen rad för {typ.label.lower()}{where}.",))
    signers = max(r.signers_required for r in rows_here)

    def instead(exclude: str) -> tuple[str, ...]:
        names: list[str] = []
        for r in rows_here:
            for party in (r.ordinarie, r.ersattare):
                for n in directory.resolve(party):
                    if _norm(n) != _norm(exclude) and _norm(n) != _norm(payee.namn) and n not in names:
                        names.append(n)
        return tuple(names)

    is_self = (person is not None and payee.person is not None and person.id == payee.person.id) or (
        bool(payee.namn.strip()) and _norm(payee.namn) == _norm(person_name)
    )
    if is_self:
        alt = instead(person_name)
        reasons = [f"{person_name} är själv mottagare av betalningen eller den som utgiften avser."]
        if alt:
            reasons.append(f"Attesteras i stället av {', '.join(alt)}.")
        return AttestAnswer(False, RULE_SELF, vtext, tuple(reasons), signers, alt)

    for as_ersattare in (False, True):
        for r in rows_here:
            party = r.ersattare if as_ersattare else r.ordinarie
            if not _matches(party, person, person_name, directory):
                continue
            role_text = f"{'ersättare' if as_ersattare else 'ordinarie'} – {_who(party, directory)}"
            reasons = [f"Rad ”{r.benamning}” ({r.scope_label}): {role_text}."]
            if r.maxbelopp is not None and belopp > r.maxbelopp:
                return AttestAnswer(
                    False,
                    RULE_MAXBELOPP,
                    vtext,
                    tuple(reasons + [f"{format_kr(belopp)} överstiger maxbeloppet {format_kr(r.maxbelopp)}."]),
                    signers,
                    tuple(n for n in instead(person_name)),
                    r.id,
                    as_ersattare,
                )
            if as_ersattare:
                ordinarie = _who(r.ordinarie, directory)
                ordinarie_names = directory.resolve(r.ordinarie)
                if not ordinarie_names:
                    reasons.append(f"Ordinarie, {ordinarie}, saknas på datumet; ersättaren träder in.")
                elif any(_norm(n) == _norm(payee.namn) for n in ordinarie_names):
                    reasons.append(f"Ordinarie, {ordinarie}, är själv mottagare; ersättaren träder in.")
                else:
                    reasons.append(
                        f"Ersättaren attesterar endast i stället för ordinarie, {ordinarie}, när denne är förhindrad."
                    )
            if signers >= 2:
                reasons.append("Betalningen ska signeras av två i förening.")
            if r.anmarkning:
                reasons.append(f"Anmärkning: {r.anmarkning}")
            rule = f"{r.benamning} ({'ersättare' if as_ersattare else 'ordinarie'})"
            return AttestAnswer(True, rule, vtext, tuple(reasons), signers, (), r.id, as_ersattare)

    alt = instead(person_name)
    reasons = []
    if person is None and not any(r.ordinarie and r.ordinarie.kind is PartyKind.EXTERNAL for r in rows_here):
        reasons.append(f"”{person_name}” finns inte bland personerna i registret.")
    elif person is not None:
        roles = directory.roles_of(person.id)
        if roles:
            reasons.append(
                f"{person.namn} har uppdrag som {', '.join(r.label.lower() for r in roles)} {day.isoformat()}, "
                "men ingen sådan rad ger attesträtt här."
            )
        else:
            reasons.append(f"{person.namn} har inget giltigt uppdrag {day.isoformat()}.")
    if alt:
        reasons.append(f"Får attestera: {', '.join(alt)}.")
    return AttestAnswer(False, RULE_NOT_LISTED, vtext, tuple(reasons), signers, alt)


def rows_hash(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """SHA-256 over a version's content, stored when it is adopted and verified by ``finsam check``."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(header).encode())
    for row in rows:
        digest.update(b"\x1e")
        digest.update("\x1f".join("" if v is None else str(v) for v in row).encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SignatureLine:
    """One line of the signaturlista."""

    attestant: str  # "Eva Forsberg\nOrdförande"
    ersattare: str
    maxbelopp: Decimal | None
    anmarkning: str
    section: str = "Betalningsattestant"


def genitive(namn: str) -> str:
    """Swedish genitive: ``Christina Nordenö`` → ``Christina Nordenös``; ``Lars`` → ``Lars``."""
    return namn if namn[-1:].lower() in ("s", "x", "z") else f"{namn}s"


def signature_lines(rows: Sequence[AttestRow], directory: Directory) -> list[SignatureLine]:
    """Signaturlista lines from the attestordning, read the way the seed's bilaga 7 is: the
    ordförande's general line excludes her own reseräkningar and kontantutlägg, the vice's own line
    covers them, every ersättare gets a line of their own for the specimen signature, then the
    mottagningsattestanter."""
    lines: list[SignatureLine] = []

    def person_text(party: Party | None) -> list[str]:
        if party is None:
            return []
        names = directory.resolve(party)
        if party.kind is PartyKind.ROLE:
            return [f"{n}\n{party.label}" for n in names] or [f"(vakant)\n{party.label}"]
        if party.kind is PartyKind.PERSON:
            roles = directory.roles_of(party.person_id) if party.person_id else ()
            return [f"{party.namn}\n{roles[0].label}" if roles else party.namn]
        return [party.namn]

    chair = directory.resolve(Party.of_role(Role.ORDFORANDE))
    chair_name = chair[0] if chair else ""
    has_chair_row = any(r.typ is AttestType.BESLUTSATTEST and r.avser is Avser.ORDFORANDE for r in rows)
    seen: set[tuple[str, str, str, str]] = set()
    persons_with_line: set[str] = set()

    def add(line: SignatureLine) -> None:
        key = (line.section, line.attestant, line.ersattare, line.anmarkning)
        if key not in seen:
            seen.add(key)
            lines.append(line)
            persons_with_line.add(line.attestant)

    for section, typ in (
        ("Betalningsattestant", AttestType.BESLUTSATTEST),
        ("Mottagningsattestant", AttestType.MOTTAGNINGSATTEST),
    ):
        rows_here = sorted(
            (r for r in rows if r.typ is typ), key=lambda r: (r.avser is Avser.STYRELSELEDAMOT, r.position)
        )
        for r in rows_here:
            ersattare = "\n".join(person_text(r.ersattare))
            for text in person_text(r.ordinarie):
                anm = r.anmarkning
                if r.avser is Avser.ORDFORANDE and chair_name and not anm:
                    anm = f"Avser {genitive(chair_name)} reseräkningar och kontantutlägg."
                elif (
                    typ is AttestType.BESLUTSATTEST
                    and r.avser is not Avser.ORDFORANDE
                    and has_chair_row
                    and chair_name
                    and text.startswith(chair_name + "\n")
                ):
                    anm = " ".join(
                        x for x in (f"Gäller ej {genitive(chair_name)} reseräkningar eller kontantutlägg.", anm) if x
                    )
                if r.scope_kind is not ScopeKind.GENERELL:
                    anm = f"{r.scope_label}. {anm}".strip()
                if r.avser is Avser.STYRELSELEDAMOT and any(
                    line.attestant == text and line.ersattare == ersattare for line in lines
                ):
                    continue  # covered by the general line with the same people
                add(SignatureLine(text, ersattare, r.maxbelopp, anm, section))
        if typ is AttestType.BESLUTSATTEST:
            for r in rows_here:
                for text in person_text(r.ersattare):
                    if not any(line.attestant == text for line in lines):
                        who = ", ".join(t.replace("\n", " ") for t in person_text(r.ordinarie))
                        add(SignatureLine(text, "", r.maxbelopp, f"Ersättare för {who}.", section))
    return lines


@dataclass(frozen=True)
class SignatureList:
    """Everything the signaturlista document shows."""

    forbund: str
    title: str
    adress: str
    version: str
    stamp: str
    lines: tuple[SignatureLine, ...]
    draft: bool = False
    executed_by: tuple[tuple[str, str], ...] = field(default_factory=tuple)
