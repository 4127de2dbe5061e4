"""Reconciliation: every printed figure of an årsredovisning against what the other figures say it must be.

``reconcile(doc)`` returns the flags, at most one per printed figure, in document order. Kronor figures must agree
to the krona (a 1 kr difference is a flag); a figure printed in tkr must agree with a kronor figure within its
rounding (under 1 tkr per rounded figure added). The rules (``Flag.rule``):

- ``datum`` – the decision date lies after the year end and within three months of it (LKBR; FinsamL: by 31 March).
- ``summa`` – a printed sum of a statement adds up (reported where the error arises, see ``Statement.sum_checks``).
- ``oläsligt`` – a printed figure that cannot be read (``133 84``); with the value the Summa implies.
- ``årets_resultat`` – RR, BR, kassaflödesanalys, five-year overview and balanskrav state the same årets resultat,
  equal to the balance sheet's change in eget kapital.
- ``eget_kapital`` – övrigt eget kapital is last year's eget kapital.
- ``balans`` – tillgångar = eget kapital + avsättningar + skulder.
- ``kassaflöde`` – årets kassaflöde = change in likvida medel; likvida medel and the changes in fordringar, förråd
  and kortfristiga skulder agree with the balance sheet.
- ``not``/``not_summa`` – a note's lines add up to its Summa, and the Summa equals its statement line.
- ``drift_*`` – netto and avvikelse per line by one convention; totals = the resultaträkning; huvudmännens intäkt
  = the driftbidrag in the note on intäkter (``drift.py``, ``reconcile_parts.py``).
- ``femår`` – the five-year overview = the resultaträkning/balansräkning of each year it covers.
- ``balanskrav`` – balanskravsresultat = årets resultat + the adjustments (= årets resultat when there are none).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.document import Arsredovisning
from finsam_desktop.domain.arsredovisning.figures import Flag, FlagList, fmt
from finsam_desktop.domain.arsredovisning.overview import ek_change
from finsam_desktop.domain.arsredovisning.reconcile_parts import check_drift, check_five_year, check_notes
from finsam_desktop.domain.arsredovisning.statements import LINE_BY_CODE, Kind, Statement

#: The styrelse draws up the årsredovisning within three months of the year end (rules-sweden.md 1.5).
DECISION_MONTHS = 3


def reconcile(doc: Arsredovisning) -> list[Flag]:
    flags = FlagList()
    check_decision_date(doc, flags)
    for kind in Kind:
        check_sums(doc.statement(kind), flags)
    check_arets_resultat(doc, flags)
    check_equity(doc.br, flags)
    check_balance(doc.br, flags)
    check_cash_flow(doc, flags)
    check_notes(doc, flags)
    check_drift(doc, flags)
    check_five_year(doc, flags)
    check_balanskrav(doc, flags)
    return flags.as_list()


def where(stmt: Statement, year: int, code: str) -> str:
    period = f"{year}-12-31" if stmt.kind is Kind.BR else str(year)
    return f"{stmt.kind.short} {period} {stmt.label(code)}"


def kr(amount: Decimal) -> str:
    return f"{fmt(amount)} kr"


def check_decision_date(doc: Arsredovisning, flags: FlagList) -> None:
    decided = doc.decided_on
    if decided is None:
        return
    year_end = date(doc.year, 12, 31)
    deadline = date(doc.year + 1, DECISION_MONTHS + 1, 1) - timedelta(days=1)
    if decided <= year_end:
        why = (
            f"ligger före räkenskapsårets slut {year_end.isoformat()}; en årsredovisning för {doc.year} "
            f"beslutas år {doc.year + 1} (senast {deadline.isoformat()})."
        )
    elif decided > deadline:
        why = f"ligger efter {deadline.isoformat()}: styrelsen ska upprätta årsredovisningen inom tre månader."
    else:
        return
    flags.add(
        Flag(
            "datum",
            "Beslutad av styrelsen",
            decided.isoformat(),
            f"{doc.year + 1}-01-01 – {deadline.isoformat()}",
            None,
            f"Beslutad av styrelsen {decided.isoformat()}: datumet {why}",
        )
    )


def check_sums(stmt: Statement, flags: FlagList) -> None:
    for year, code, bad in stmt.unreadable():
        flags.add(
            Flag(
                "oläsligt",
                where(stmt, year, code),
                bad.text,
                None,
                None,
                f"{where(stmt, year, code)}: ”{bad.text}” går inte att läsa som ett belopp.",
            )
        )
    for check in stmt.sum_checks():
        parts = " + ".join(
            f"{stmt.label(p)} {fmt(v)}"
            for p in LINE_BY_CODE[check.code].parts
            if isinstance(v := stmt.value(check.year, p), Decimal)
        )
        at = where(stmt, check.year, check.code)
        flags.add(
            Flag(
                "summa",
                at,
                check.stated,
                check.computed,
                check.stated - check.computed,
                f"{at}: tryckt {kr(check.stated)}, men raderna ger {kr(check.computed)} ({parts}); "
                f"skillnad {kr(check.stated - check.computed)}.",
            )
        )


def check_arets_resultat(doc: Arsredovisning, flags: FlagList) -> None:
    years = sorted(set(doc.rr.years) | set(doc.br.years) | set(doc.kf.years), reverse=True)
    for year in years:
        change = ek_change(doc.br, year) if year in doc.br.years else None
        if change is not None:
            reference, source = change, "balansräkningens förändring av eget kapital"
        else:
            reference = doc.rr.value(year, "rr_arets_resultat")
            source = "resultaträkningen"
            if reference is None:
                continue
        witnesses = []
        if change is not None:
            witnesses.append((where(doc.rr, year, "rr_arets_resultat"), doc.rr.value(year, "rr_arets_resultat")))
        witnesses.append((where(doc.br, year, "br_arets_resultat"), doc.br.value(year, "br_arets_resultat")))
        witnesses.append((where(doc.kf, year, "kf_arets_resultat"), doc.kf.value(year, "kf_arets_resultat")))
        if doc.five_year is not None:
            witnesses.append((f"Femårsöversikt {year} Årets resultat", doc.five_year.get(year, "arets_resultat")))
        if doc.balanskrav is not None and doc.balanskrav.year == year:
            witnesses.append((f"Balanskravsutredning {year} Årets resultat", doc.balanskrav.arets_resultat))
        agree = [w for w, v in witnesses if v == reference]
        for at, value in witnesses:
            if value is None or value == reference:
                continue
            also = f" (som även {', '.join(agree)} anger)" if agree else ""
            flags.add(
                Flag(
                    "årets_resultat",
                    at,
                    value,
                    reference,
                    value - reference,
                    f"{at}: {kr(value)}, men {source} ger {kr(reference)}{also}; skillnad {kr(value - reference)}.",
                )
            )


def check_equity(br: Statement, flags: FlagList) -> None:
    for year in br.years:
        if year - 1 not in br.years:
            continue
        ovrigt, previous = br.value(year, "br_ovrigt_ek"), br.value(year - 1, "br_eget_kapital")
        if ovrigt is None or previous is None or ovrigt == previous:
            continue
        at = where(br, year, "br_ovrigt_ek")
        flags.add(
            Flag(
                "eget_kapital",
                at,
                ovrigt,
                previous,
                ovrigt - previous,
                f"{at}: {kr(ovrigt)}, men eget kapital {year - 1}-12-31 är {kr(previous)}; "
                f"skillnad {kr(ovrigt - previous)}.",
            )
        )


def check_balance(br: Statement, flags: FlagList) -> None:
    for year in br.years:
        assets, claims = br.value(year, "br_summa_tillgangar"), br.value(year, "br_summa_ek_skulder")
        if assets is None or claims is None or assets == claims:
            continue
        at = where(br, year, "br_summa_ek_skulder")
        flags.add(
            Flag(
                "balans",
                at,
                claims,
                assets,
                claims - assets,
                f"{at}: {kr(claims)}, men summa tillgångar är {kr(assets)}; balansräkningen balanserar inte "
                f"(skillnad {kr(claims - assets)}).",
            )
        )


def _liquid(br: Statement, year: int) -> Decimal | None:
    cash = br.value(year, "br_kassa_bank")
    if cash is None:
        return None
    return cash + (br.value(year, "br_placeringar") or Decimal(0))


def check_cash_flow(doc: Arsredovisning, flags: FlagList) -> None:
    kf, br = doc.kf, doc.br
    for year in kf.years:
        ib, ub = kf.value(year, "kf_likvida_ib"), kf.value(year, "kf_likvida_ub")
        flow = kf.value(year, "kf_arets_kassaflode")
        if flow is not None and ib is not None and ub is not None and flow != ub - ib:
            at = where(kf, year, "kf_arets_kassaflode")
            flags.add(
                Flag(
                    "kassaflöde",
                    at,
                    flow,
                    ub - ib,
                    flow - (ub - ib),
                    f"{at}: {kr(flow)}, men likvida medel ändrades med {kr(ub - ib)} "
                    f"({fmt(ub)} − {fmt(ib)}); skillnad {kr(flow - (ub - ib))}.",
                )
            )
        for code, br_year in (("kf_likvida_ib", year - 1), ("kf_likvida_ub", year)):
            printed, balance = kf.value(year, code), _liquid(br, br_year)
            if printed is not None and balance is not None and printed != balance:
                at = where(kf, year, code)
                flags.add(
                    Flag(
                        "kassaflöde",
                        at,
                        printed,
                        balance,
                        printed - balance,
                        f"{at}: {kr(printed)}, men balansräkningen {br_year}-12-31 har likvida medel "
                        f"{kr(balance)}; skillnad {kr(printed - balance)}.",
                    )
                )
        for code, br_code, sign in (
            ("kf_fordringar", "br_fordringar", -1),
            ("kf_forrad", "br_forrad", -1),
            ("kf_skulder", "br_kortfristiga", 1),
        ):
            printed = kf.value(year, code)
            end, start = br.value(year, br_code), br.value(year - 1, br_code)
            if printed is None or end is None or start is None or year - 1 not in br.years:
                continue
            expected = sign * (end - start)
            if printed != expected:
                at = where(kf, year, code)
                flags.add(
                    Flag(
                        "kassaflöde",
                        at,
                        printed,
                        expected,
                        printed - expected,
                        f"{at}: {kr(printed)}, men balansräkningens {LINE_BY_CODE[br_code].label.lower()} ger "
                        f"{kr(expected)}; skillnad {kr(printed - expected)}.",
                    )
                )


def check_balanskrav(doc: Arsredovisning, flags: FlagList) -> None:
    bk = doc.balanskrav
    if bk is None or bk.stated_result is None:
        return
    computed = bk.computed_result(doc.rr.value(bk.year, "rr_arets_resultat"))
    if computed is None or computed == bk.stated_result:
        return
    at = f"Balanskravsutredning {bk.year} Balanskravsresultat"
    how = "årets resultat justerat enligt utredningen" if bk.has_adjustments else "årets resultat (inga justeringar)"
    flags.add(
        Flag(
            "balanskrav",
            at,
            bk.stated_result,
            computed,
            bk.stated_result - computed,
            f"{at}: {kr(bk.stated_result)}, men {how} ger {kr(computed)}; skillnad {kr(bk.stated_result - computed)}.",
        )
    )
