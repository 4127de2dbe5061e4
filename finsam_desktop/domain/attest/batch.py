"""The attest check of a whole file at once: the same answers as asking :func:`rules.decide` row by row, fast.

The versions of the attestordning and the mandates change on a handful of dates, so the file's date range splits
into *segments* in which nothing changes; each segment gets its :class:`Directory` and rows once. Within a segment
the answer to "Får NN attestera?" depends only on the person, the attest type, the payee (only when the payee is a
person or one of the names involved), the scope and on which maxbelopp the amount exceeds — so it is asked once
per such key and remembered. Answers whose text names the day or the amount (a refusal) are asked again for the
payment itself, so every text is exactly what ``decide`` says for that payment.

A field the file has no column for is not checked (see :class:`Columns`): no attest column → no attest rule; no
utanordnare column → "två i förening" is not checked; no motpart → self-attest is not checked; no kostnadsställe
or konto column → a row scoped that way is taken to cover the payment.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from finsam_desktop.domain.attest.payment import Fault, PaymentFinding, payment_findings
from finsam_desktop.domain.attest.rules import (
    RULE_MAXBELOPP,
    RULE_NOT_LISTED,
    AttestAnswer,
    AttestRow,
    AttestType,
    Directory,
    Payee,
    PersonRef,
    ScopeKind,
    VersionRef,
    decide,
)
from finsam_desktop.domain.organisation.model import Role


@dataclass(frozen=True, slots=True)
class OrdningPeriod:
    """An adopted attestordning version: when it is in force and its rows (in position order)."""

    version: VersionRef
    valid_from: date
    valid_to: date | None
    rows: tuple[AttestRow, ...]


@dataclass(frozen=True, slots=True)
class MandateSpan:
    person_id: int
    role: Role
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class Columns:
    """Which of the payment's fields the file has a column for."""

    attestanter: bool = True
    utanordnare: bool = True
    mottagningsattest: bool = False
    motpart: bool = True
    kostnadsstalle: bool = True
    konto: bool = True

    @staticmethod
    def of(names: frozenset[str] | set[str]) -> Columns:
        return Columns(*(n in names for n in ("attestanter", "utanordnare", "mottagningsattest", "motpart",
                                               "kostnadsstalle", "konto")))  # fmt: skip


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass
class Segment:
    """Days ``start``…``end`` in which the version in force and every mandate stay the same."""

    start: date
    end: date
    version: VersionRef | None
    rows: tuple[AttestRow, ...]
    directory: Directory
    names: frozenset[str]  # normalised names of persons and of everyone the rows resolve to
    limits: tuple[Decimal, ...]  # every maxbelopp of the rows, ascending
    answers: dict = field(default_factory=dict)
    payments: dict = field(default_factory=dict)
    exact: dict = field(default_factory=dict)
    signers: dict = field(default_factory=dict)
    payees: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)  # the findings by the payment's fields as given (before normalising)


def _directory(day: date, persons: Sequence[PersonRef], mandates: Sequence[MandateSpan]) -> Directory:
    """The same directory ``lookups.role_directory`` builds (same order), from data loaded once."""
    refs = {p.id: p for p in persons}
    holders: dict[Role, list[PersonRef]] = {}
    for m in mandates:
        if m.valid_from <= day and (m.valid_to is None or day <= m.valid_to):
            bucket = holders.setdefault(m.role, [])
            if all(x.id != m.person_id for x in bucket):
                bucket.append(refs[m.person_id])
    return Directory(day, tuple(refs.values()), {k: tuple(v) for k, v in holders.items()})


def _in_force(periods: Sequence[OrdningPeriod], day: date) -> OrdningPeriod | None:
    """As ``lookups.in_force``: the latest valid_from (then the highest id) among the versions covering ``day``."""
    covering = [p for p in periods if p.valid_from <= day and (p.valid_to is None or day <= p.valid_to)]
    return max(covering, key=lambda p: (p.valid_from, p.version.id), default=None)


def segments(
    periods: Sequence[OrdningPeriod],
    persons: Sequence[PersonRef],
    mandates: Sequence[MandateSpan],
    first: date,
    last: date,
) -> list[Segment]:
    """Split ``first``…``last`` where a version or a mandate starts or ends."""
    cuts = {first}
    for start, end in [(p.valid_from, p.valid_to) for p in periods] + [(m.valid_from, m.valid_to) for m in mandates]:
        for d in (start, end + timedelta(days=1) if end is not None else None):
            if d is not None and first < d <= last:
                cuts.add(d)
    starts = sorted(cuts)
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else last
        period = _in_force(periods, start)
        directory = _directory(start, persons, mandates)
        rows = period.rows if period else ()
        names = {_norm(p.namn) for p in persons}
        for r in rows:
            for party in (r.ordinarie, r.ersattare):
                names.update(_norm(n) for n in directory.resolve(party))
        limits = tuple(sorted({r.maxbelopp for r in rows if r.maxbelopp is not None}))
        out.append(Segment(start, end, period.version if period else None, rows, directory, frozenset(names), limits))
    return out


class AttestChecker:
    """Checks payments against the attestordning in force on each one's date; build it once per file."""

    def __init__(
        self,
        periods: Sequence[OrdningPeriod],
        persons: Sequence[PersonRef],
        mandates: Sequence[MandateSpan],
        first: date,
        last: date,
        columns: Columns = Columns(),
    ):
        self.columns = columns
        self.first, self.last = first, last
        self._segments = segments(periods, persons, mandates, first, last)
        self._starts = [s.start for s in self._segments]
        self._by_day: dict[date, Segment] = {}

    @property
    def scope_kinds(self) -> frozenset[ScopeKind]:
        """The kinds of scope the rows in force over the file's dates use."""
        return frozenset(r.scope_kind for seg in self._segments for r in seg.rows)

    @property
    def segment_count(self) -> int:
        return len(self._segments)

    def segment(self, day: date) -> Segment:
        seg = self._by_day.get(day)
        if seg is None:
            if not self.first <= day <= self.last:
                raise ValueError(f"{day} ligger utanför {self.first}–{self.last}")
            seg = self._segments[bisect.bisect_right(self._starts, day) - 1]
            self._by_day[day] = seg
        return seg

    def scope(self, kostnadsstalle: str, konto: str) -> dict[ScopeKind, str | None]:
        """The payment's scope per kind; None where the file has no column (the row is taken to cover it)."""
        kst = kostnadsstalle if self.columns.kostnadsstalle else None
        return {
            ScopeKind.KOSTNADSSTALLE: kst,
            ScopeKind.INSATS: kst,
            ScopeKind.KONTO: konto if self.columns.konto else None,
        }

    def answer(
        self, day: date, person: str, typ: AttestType, belopp: Decimal, motpart: str, kostnadsstalle: str, konto: str
    ) -> AttestAnswer:
        """What ``decide`` answers for this payment (memoised per segment)."""
        seg = self.segment(day)
        return self._answer(seg, day, person, typ, belopp, self._payee(seg, motpart), kostnadsstalle, konto)

    def _payee(self, seg: Segment, motpart: str) -> tuple[str, Payee]:
        motpart = motpart if self.columns.motpart else ""
        hit = seg.payees.get(motpart)
        if hit is None:
            m = motpart.strip()
            key = _norm(m) if _norm(m) in seg.names else ""
            hit = seg.payees[motpart] = (key, Payee(m, seg.directory.find(m) if m else None))
        return hit

    def _answer(
        self,
        seg: Segment,
        day: date,
        person: str,
        typ: AttestType,
        belopp: Decimal,
        payee: tuple[str, Payee],
        kostnadsstalle: str,
        konto: str,
    ) -> AttestAnswer:
        payee_key = payee[0] or (_norm(payee[1].namn) if _norm(payee[1].namn) == _norm(person) else "")
        over = bisect.bisect_left(seg.limits, belopp)  # how many maxbelopp the amount exceeds
        key = (person, typ, payee_key, kostnadsstalle, konto, over)
        ans = seg.answers.get(key)
        scope = None
        if ans is None:
            scope = self.scope(kostnadsstalle, konto)
            ans = decide(
                version=seg.version,
                rows=seg.rows,
                directory=seg.directory,
                person_name=person,
                typ=typ,
                belopp=belopp,
                payee=payee[1],
                scope=scope,
            )
            seg.answers[key] = ans
        if not ans.allowed and ans.rule in (RULE_MAXBELOPP, RULE_NOT_LISTED):
            # The text names the amount or the day: ask for this payment itself (remembered per amount or day).
            exact = (key, belopp) if ans.rule == RULE_MAXBELOPP else (key, day)
            hit = seg.exact.get(exact)
            if hit is not None:
                return hit
            ans = seg.exact[exact] = decide(
                version=seg.version,
                rows=seg.rows,
                directory=replace(seg.directory, on=day),
                person_name=person,
                typ=typ,
                belopp=belopp,
                payee=payee[1],
                scope=scope or self.scope(kostnadsstalle, konto),
            )
        return ans

    def _signers_required(self, seg: Segment, kostnadsstalle: str, konto: str) -> int:
        key = (kostnadsstalle, konto)
        n = seg.signers.get(key)
        if n is None:
            scope = self.scope(kostnadsstalle, konto)
            relevant = [r for r in seg.rows if r.typ is AttestType.UTANORDNING and r.covers_scope(scope)]
            n = seg.signers[key] = max((r.signers_required for r in relevant), default=2)
        return n

    def findings(
        self,
        datum: date,
        belopp: Decimal,
        motpart: str = "",
        attestanter: Sequence[str] = (),
        utanordnare: str = "",
        kostnadsstalle: str = "",
        konto: str = "",
        mottagningsattest: Sequence[str] = (),
    ) -> tuple[PaymentFinding, ...]:
        """The findings for one payment, exactly as the row-by-row check gives them."""
        cols = self.columns
        if not cols.attestanter and not cols.utanordnare and not cols.mottagningsattest:
            return ()
        seg = self.segment(datum)
        over = bisect.bisect_left(seg.limits, belopp)  # how many maxbelopp the amount exceeds
        # A payment like one seen before in the segment (same names, payee, scope, amount band): one lookup.
        raw = (attestanter, utanordnare, mottagningsattest, motpart, kostnadsstalle, konto, over)
        try:
            hit = seg.seen.get(raw)
        except TypeError:  # a list of names: not hashable, checked in full
            raw, hit = None, None
        if hit is not None:
            return hit
        if not cols.kostnadsstalle:
            kostnadsstalle = ""
        if not cols.konto:
            konto = ""
        names = tuple(a.strip() for a in attestanter if a and a.strip()) if cols.attestanter else ()
        pay = utanordnare.strip() if cols.utanordnare and utanordnare else ""
        recv = tuple(a.strip() for a in mottagningsattest if a and a.strip()) if cols.mottagningsattest else ()
        payee = self._payee(seg, motpart)
        payee_key = payee[0]
        if not payee_key and payee[1].namn:
            own = _norm(payee[1].namn)
            if any(_norm(n) == own for n in (*names, pay, *recv)):
                payee_key = own
        key = (names, pay, recv, payee_key, kostnadsstalle, konto, over)
        hit = seg.payments.get(key)
        if hit is not None:
            if raw is not None:
                seg.seen[raw] = hit
            return hit
        if seg.version is None:
            from_day = datum.isoformat()
            return (PaymentFinding(Fault.NO_ORDNING, f"Ingen antagen attestordning gäller {from_day}."),)
        beslut = (
            [
                (a, self._answer(seg, datum, a, AttestType.BESLUTSATTEST, belopp, payee, kostnadsstalle, konto))
                for a in names
            ]
            if cols.attestanter
            else None
        )
        utan = (
            (pay, self._answer(seg, datum, pay, AttestType.UTANORDNING, belopp, payee, kostnadsstalle, konto))
            if pay
            else None
        )
        mott = [
            (a, self._answer(seg, datum, a, AttestType.MOTTAGNINGSATTEST, belopp, payee, kostnadsstalle, konto))
            for a in recv
        ]
        required = self._signers_required(seg, kostnadsstalle, konto) if cols.utanordnare else None
        out = tuple(payment_findings(beslut, utan, required, mott))
        if not any(f.fault in (Fault.OVER_LIMIT, Fault.NOT_ALLOWED) for f in out):
            seg.payments[key] = out  # no text names the day or the amount: the same for every such payment
            if raw is not None:
                seg.seen[raw] = out
        return out
