"""The findings for one payment from the attest answers of each step: who beslutsattested, mottagningsattested and
utanordnade it, and how many signers the attestordning requires. Each finding says which fault it is, so the
stickprov's population report can group them by rule; the text is what the reviewer reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from finsam_desktop.domain.attest.rules import (
    RULE_MAXBELOPP,
    RULE_NO_VERSION,
    RULE_SELF,
    AttestAnswer,
)


class Fault(StrEnum):
    """What is wrong with a payment's attest (the values are the stickprov rules' names)."""

    NO_ORDNING = "ingen_ordning"  # no adopted attestordning on the date
    NO_ATTEST = "utan_attest"  # no beslutsattest at all
    SELF = "sjalvattest"  # attest of a payment to oneself
    OVER_LIMIT = "over_maxbelopp"  # above the attestant's maxbelopp
    NOT_ALLOWED = "utan_mandat"  # the attestant has no row / mandate giving the right on the date
    TWO = "tva_i_forening"  # fewer distinct signers than required
    SAME_PERSON = "samma_person"  # one person in two attest steps


@dataclass(frozen=True, slots=True)
class PaymentFinding:
    fault: Fault
    text: str
    person: str = ""

    def __str__(self) -> str:
        return self.text


def fault_of(answer: AttestAnswer) -> Fault:
    if answer.rule == RULE_SELF:
        return Fault.SELF
    if answer.rule == RULE_MAXBELOPP:
        return Fault.OVER_LIMIT
    if answer.rule == RULE_NO_VERSION:
        return Fault.NO_ORDNING
    return Fault.NOT_ALLOWED


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _refused(namn: str, step: str, ans: AttestAnswer) -> PaymentFinding:
    return PaymentFinding(fault_of(ans), f"{namn}{step}: {ans.rule}. {' '.join(ans.reasons)}".strip(), namn)


def payment_findings(
    beslut: Sequence[tuple[str, AttestAnswer]] | None,
    utanordning: tuple[str, AttestAnswer] | None,
    signers_required: int | None,
    mottagning: Sequence[tuple[str, AttestAnswer]] = (),
) -> list[PaymentFinding]:
    """Findings for one payment (empty = OK). ``beslut`` None: the file has no attest column, so neither "saknar
    beslutsattest" nor the signers are checked; ``signers_required`` None: the file has no utanordnare column, so
    "två i förening" is not checked. One person may not do two attest steps of one payment."""
    findings: list[PaymentFinding] = []
    signers: list[str] = []
    if beslut is not None:
        if not beslut:
            findings.append(PaymentFinding(Fault.NO_ATTEST, "Betalningen saknar beslutsattest."))
        for namn, ans in beslut:
            if _norm(namn) not in [_norm(n) for n in signers]:
                signers.append(namn)
            if not ans.allowed:
                findings.append(_refused(namn, "", ans))
    for namn, ans in mottagning:
        if _norm(namn) in [_norm(n) for n in signers]:
            findings.append(
                PaymentFinding(
                    Fault.SAME_PERSON, f"{namn} har både mottagningsattesterat och beslutsattesterat betalningen.", namn
                )
            )
        if not ans.allowed:
            findings.append(_refused(namn, " (mottagningsattest)", ans))
    if utanordning is not None:
        namn, ans = utanordning
        if _norm(namn) in [_norm(n) for n in signers]:
            findings.append(
                PaymentFinding(Fault.SAME_PERSON, f"{namn} har både attesterat och utanordnat betalningen.", namn)
            )
        else:
            signers.append(namn)
        if not ans.allowed:
            findings.append(_refused(namn, " (utanordning)", ans))
    if signers_required is not None and beslut is not None and len(signers) < signers_required:
        n = len(signers)
        findings.append(
            PaymentFinding(
                Fault.TWO,
                f"Betalningen har {n} {'signatur' if n == 1 else 'signaturer'}; "
                f"attestordningen kräver {'två i förening' if signers_required == 2 else signers_required}.",
            )
        )
    return findings


def transaction_findings(
    answers: Sequence[tuple[str, AttestAnswer]],
    utanordning: tuple[str, AttestAnswer] | None,
    signers_required: int,
) -> list[str]:
    """Swedish findings for one transaction from the individual answers (empty list = OK)."""
    return [f.text for f in payment_findings(list(answers), utanordning, signers_required)]
