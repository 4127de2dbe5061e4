"""Stickprov, the whole population: every row of the file checked — the attest of each payment (through the attest
area's one rule, :class:`~domain.attest.batch.AttestChecker`) and the patterns in the payments
(:mod:`stickprov_patterns`) — into one :class:`PopulationReport`.

A field the file has no column for is *not checked*: the report says so once (:class:`NotChecked`) and no row is
flagged for it. The attest findings are grouped per rule and verifikation (the lines of one verifikation are one
payment); each line is checked with its own amount and kostnadsställe/konto, exactly as the drawn items are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

from finsam_desktop.domain.attest.batch import AttestChecker
from finsam_desktop.domain.attest.payment import PaymentFinding
from finsam_desktop.domain.attest.rules import ScopeKind
from finsam_desktop.domain.common.bulk import gc_paused
from finsam_desktop.domain.internkontroll import stickprov_patterns as pat
from finsam_desktop.domain.internkontroll.stickprov_findings import (
    AnalysisCancelled,
    AnalysisSettings,
    NotChecked,
    PopulationFinding,
    PopulationReport,
    Rule,
)
from finsam_desktop.domain.internkontroll.stickprov_import import Transaction

Progress = Callable[[int, int], bool]

ATTEST_RULE_TEXT = {
    Rule.SJALVATTEST: "Ingen attesterar en betalning till sig själv eller en utgift förknippad med den egna personen.",
    Rule.OVER_MAXBELOPP: "Beloppet överstiger attestantens maxbelopp per utbetalning enligt attestordningen.",
    Rule.UTAN_MANDAT: "Attestanten har ingen rad i attestordningen eller inget giltigt uppdrag på datumet.",
    Rule.UTAN_ATTEST: "Varje betalning ska ha beslutsattest.",
    Rule.TVA_I_FORENING: "Betalningen ska signeras av så många personer som attestordningen kräver (två i förening).",
    Rule.SAMMA_PERSON: "En och samma person får inte göra två attestled på samma betalning.",
    Rule.INGEN_ORDNING: "En antagen attestordning ska gälla på betalningens datum.",
}
NO_COLUMN = "filen saknar kolumn för {}"


OPTIONAL_FIELDS = (
    "motpart",
    "konto",
    "kostnadsstalle",
    "fakturanummer",
    "attestanter",
    "mottagningsattest",
    "utanordnare",
)


def present_columns(transactions: Sequence[Transaction]) -> frozenset[str]:
    """When the columns are not known: a field has a column when any transaction has a value in it."""
    found = {"verifikation", "datum", "belopp"}
    for name in OPTIONAL_FIELDS:
        if any(getattr(t, name) for t in transactions):
            found.add(name)
    return frozenset(found)


def not_checked(columns: frozenset[str], checker: AttestChecker | None) -> list[NotChecked]:
    """What the file's columns do not let the analysis check, said once each."""
    out: list[NotChecked] = []

    def add(rules: Sequence[Rule | str], field: str) -> None:
        for r in rules:
            out.append(NotChecked(r.label if isinstance(r, Rule) else r, NO_COLUMN.format(field)))

    attest = "attestanter" in columns
    if "motpart" not in columns:
        add((Rule.DUBBLETT, Rule.NARA_DUBBLETT, Rule.SAMMA_FAKTURA, Rule.UPPDELAT_KOP, Rule.NY_LEVERANTOR), "motpart")
        if attest or "mottagningsattest" in columns:
            add((Rule.SJALVATTEST,), "motpart")
    elif "fakturanummer" not in columns:
        add((Rule.SAMMA_FAKTURA,), "fakturanummer")
    if not attest:
        rules = [Rule.UTAN_ATTEST, Rule.TVA_I_FORENING]
        rules += [] if "mottagningsattest" in columns else [Rule.SJALVATTEST, Rule.OVER_MAXBELOPP, Rule.UTAN_MANDAT]
        add([r for r in rules if all(n.what != r.label for n in out)], "beslutsattest (attestant)")
    elif "utanordnare" not in columns:
        add((Rule.TVA_I_FORENING, "Samma person som attesterat och utanordnat"), "utanordnare")
    if "mottagningsattest" not in columns and (attest or "utanordnare" in columns):
        add(("Mottagningsattest",), "mottagningsattest")
    if checker is not None and (attest or "utanordnare" in columns or "mottagningsattest" in columns):
        kinds = checker.scope_kinds
        if kinds & {ScopeKind.KOSTNADSSTALLE, ScopeKind.INSATS} and "kostnadsstalle" not in columns:
            add(("Attesträtt begränsad till kostnadsställe eller insats",), "kostnadsställe")
        if ScopeKind.KONTO in kinds and "konto" not in columns:
            add(("Attesträtt begränsad till konto",), "konto")
    return out


def attest_findings(
    transactions: Sequence[Transaction], per_row: Sequence[Sequence[PaymentFinding]]
) -> list[PopulationFinding]:
    """One finding per rule and verifikation, from each row's findings."""
    grouped: dict[tuple[Rule, str], list[tuple[Transaction, PaymentFinding]]] = defaultdict(list)
    for t, found in zip(transactions, per_row, strict=True):
        for f in found:
            grouped[(Rule(f.fault.value), t.verifikation)].append((t, f))
    out = []
    for (rule, ver), hits in grouped.items():
        rows = sorted({t.rad for t, _f in hits})
        texts = list(dict.fromkeys(f.text for _t, f in hits))
        first = hits[0][0]
        summary = f"ver {ver} ({first.datum.isoformat()}), {first.motpart or 'okänd motpart'}: " + " ".join(texts)
        out.append(
            PopulationFinding(
                rule,
                pat.SEVERITY[rule],
                ATTEST_RULE_TEXT[rule],
                summary,
                tuple(rows),
                (ver,),
                sum((t.belopp for t, _f in {t.rad: (t, f) for t, f in hits}.values()), Decimal("0.00")),
                pat.finding_key(rule, [(ver, r) for r in rows]),
            )
        )
    return out


def _ticker(total: int, progress: Progress | None) -> Callable[[int], None]:
    def tick(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise AnalysisCancelled()

    return tick


def analyse(
    transactions: Sequence[Transaction],
    columns: frozenset[str],
    settings: AnalysisSettings | None = None,
    checker: AttestChecker | None = None,
    progress: Progress | None = None,
) -> tuple[PopulationReport, list[tuple[PaymentFinding, ...]]]:
    """The population report and each row's attest findings (the drawn items show the same ones).

    ``progress(done, total)`` is called about every 1.5 % of the work; when it returns False the analysis stops
    with :class:`AnalysisCancelled`."""
    with gc_paused():
        return _analyse(transactions, columns, settings, checker, progress)


def _analyse(
    transactions: Sequence[Transaction],
    columns: frozenset[str],
    settings: AnalysisSettings | None,
    checker: AttestChecker | None,
    progress: Progress | None,
) -> tuple[PopulationReport, list[tuple[PaymentFinding, ...]]]:
    settings = settings or AnalysisSettings()
    n = len(transactions)
    steps = 8
    total = n + steps
    tick = _ticker(total, progress)
    every = max(1, total // 64)
    tick(0)
    per_row: list[tuple[PaymentFinding, ...]] = []
    if checker is not None:
        check = checker.findings
        for i, t in enumerate(transactions):
            if i % every == 0 and i:
                tick(i)
            per_row.append(
                check(
                    t.datum,
                    t.belopp,
                    t.motpart,
                    t.attestanter,
                    t.utanordnare,
                    t.kostnadsstalle,
                    t.konto,
                    t.mottagningsattest,
                )
            )
    else:
        per_row = [()] * n
    findings = attest_findings(transactions, per_row)
    done = n
    tick(done)
    pays = pat.payments(transactions)
    has_motpart = "motpart" in columns
    with_invoice = "fakturanummer" in columns
    if has_motpart:
        groups = pat.duplicates(pays, with_invoice)
        findings += pat.exact_duplicates(groups, with_invoice)
        reported = [frozenset(p.verifikation for p in g) for g in groups]
        tick(done := done + 1)
        if with_invoice:
            same = pat.same_invoice(pays, reported)
            findings += same
            reported += [frozenset(f.verifikationer) for f in same]
        tick(done := done + 1)
        findings += pat.near_duplicates(pays, settings, reported)
        tick(done := done + 1)
        findings += pat.split_purchases(pays, settings)
        tick(done := done + 1)
        findings += pat.new_suppliers(pays)
    tick(done := n + 5)
    findings += pat.holiday_payments(pays)
    tick(done := done + 1)
    findings += pat.round_amounts(pays, settings)
    tick(done := done + 1)
    order = list(Rule)
    findings.sort(key=lambda f: (f.severity.rank, order.index(f.rule), f.rows[0] if f.rows else 0))
    notes = []
    if checker is None and columns & {"attestanter", "utanordnare", "mottagningsattest"}:
        notes.append("Attesten kontrollerades inte: ingen attestordning kunde läsas.")
    report = PopulationReport(
        n,
        sum((t.belopp for t in transactions), Decimal("0.00")),
        settings,
        tuple(findings),
        tuple(not_checked(columns, checker)),
        tuple(notes),
    )
    tick(total)
    return report, per_row
