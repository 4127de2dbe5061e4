"""The mapping from the förbund's kontoplan to the statement lines, and the statements built from account balances.

A mapping is data: rules ``"15-17 = br_fordringar"`` (account-number prefixes, a range of equal-length prefixes or
one prefix) → a line code of ``statements.py``. The longest, then narrowest, matching prefix wins, so ``78 = rr_avskrivningar`` beats
``40-79 = rr_kostnader``. Two standard mappings are given, for BAS (what Fortnox/Visma förbund use) and Kommun-BAS
(when a kommun keeps the books); the förbund edits a copy as text (``Kontoplan.from_text`` / ``to_text``). The line
``-`` excludes an account on purpose (the closing entry of årets resultat, 8999 in BAS).

Balances are SIE-signed: debit positive, credit negative. ``ib``/``ub`` are the balance accounts' opening and
closing balances, ``res`` the result accounts' balances of the year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.figures import fmt
from finsam_desktop.domain.arsredovisning.statements import LINE_BY_CODE, ZERO, Kind, Statement
from finsam_desktop.domain.common.errors import ValidationError

EXCLUDED = "-"


@dataclass(frozen=True, slots=True)
class MapRule:
    low: str
    high: str
    line: str

    def matches(self, account: str) -> bool:
        head = account[: len(self.low)]
        return len(head) == len(self.low) and self.low <= head <= self.high

    @property
    def specificity(self) -> tuple[int, int]:
        """Longer prefixes first, then narrower ranges (``78`` beats ``40-79``)."""
        return len(self.low), int(self.low) - int(self.high)

    @property
    def text(self) -> str:
        span = self.low if self.low == self.high else f"{self.low}-{self.high}"
        return f"{span} = {self.line}"


@dataclass(frozen=True, slots=True)
class Kontoplan:
    name: str
    rules: tuple[MapRule, ...]

    @classmethod
    def from_text(cls, name: str, text: str) -> Kontoplan:
        """One rule a line, ``# comments`` allowed. Errors name the line (Swedish)."""
        rules = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            span, sep, code = (part.strip() for part in line.partition("="))
            low, _, high = (p.strip() for p in span.partition("-"))
            high = high or low
            where = f"Kontoplan {name}, rad {number}"
            if not sep or not low.isdigit() or not high.isdigit() or len(low) != len(high) or low > high:
                raise ValidationError(f"”{raw.strip()}” ska skrivas som ”15-17 = br_fordringar”.", where)
            if code != EXCLUDED and code not in LINE_BY_CODE:
                raise ValidationError(f"”{code}” är ingen rad i årsredovisningen.", where)
            if code in LINE_BY_CODE and LINE_BY_CODE[code].is_sum:
                raise ValidationError(f"”{code}” är en summarad och räknas fram; ange en post.", where)
            rules.append(MapRule(low, high, code))
        return cls(name, tuple(rules))

    def to_text(self) -> str:
        return "\n".join(rule.text for rule in self.rules) + "\n"

    def line_of(self, account: str) -> str | None:
        """The line an account maps to (``EXCLUDED`` if excluded, ``None`` if unmapped)."""
        best: MapRule | None = None
        for rule in self.rules:
            if rule.matches(account) and (best is None or rule.specificity > best.specificity):
                best = rule
        return best.line if best else None

    def unmapped(self, *balances: Mapping[str, Decimal]) -> dict[str, Decimal]:
        """Accounts with a balance (in any of ``balances``) that no rule maps, with the first non-zero balance."""
        out: dict[str, Decimal] = {}
        for table in balances:
            for account, amount in table.items():
                if amount and account not in out and self.line_of(account) is None:
                    out[account] = amount
        return dict(sorted(out.items()))

    def check(self, *balances: Mapping[str, Decimal]) -> None:
        """Refuse balances with an unmapped account (Swedish message listing each with its balance)."""
        missing = self.unmapped(*balances)
        if missing:
            listed = ", ".join(f"{a} ({fmt(v)} kr)" for a, v in missing.items())
            raise ValidationError(
                f"{len(missing)} konto med saldo saknar rad i årsredovisningen: {listed}. "
                "Lägg till dem i kontoplanens koppling.",
                f"Kontoplan {self.name}",
            )


BAS = Kontoplan.from_text(
    "BAS",
    """
10 = br_immateriella
11-12 = br_materiella
13 = br_finansiella_anl
14 = br_forrad
15-17 = br_fordringar
18 = br_placeringar
19 = br_kassa_bank
20 = br_ovrigt_ek
2099 = br_arets_resultat
22 = br_andra_avsattningar
221 = br_avsattning_pension
23 = br_langfristiga
24-29 = br_kortfristiga
30-39 = rr_intakter
40-79 = rr_kostnader
78 = rr_avskrivningar
80-83 = rr_fin_intakter
84 = rr_fin_kostnader
87 = rr_extraordinara
8999 = -            # bokslutets överföring av årets resultat till eget kapital
""",
)

KOMMUN_BAS = Kontoplan.from_text(
    "Kommun-BAS",
    """
10 = br_immateriella
11-12 = br_materiella
13 = br_finansiella_anl
14 = br_forrad
15-17 = br_fordringar
18 = br_placeringar
19 = br_kassa_bank
20 = br_ovrigt_ek
209 = br_arets_resultat
22 = br_andra_avsattningar
221 = br_avsattning_pension
23 = br_langfristiga
24-29 = br_kortfristiga
30-39 = rr_intakter
40-79 = rr_kostnader
68 = rr_avskrivningar
84 = rr_fin_intakter
85 = rr_fin_kostnader
89 = -               # årets resultat (bokslutets överföring)
""",
)


def _sum(kontoplan: Kontoplan, table: Mapping[str, Decimal], sign: int) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for account, amount in table.items():
        line = kontoplan.line_of(account)
        if line and line != EXCLUDED:
            out[line] = out.get(line, ZERO) + sign * amount
    return out


def _balance_sheet(br: Statement, year: int, lines: Mapping[str, Decimal], result: Decimal) -> None:
    for code, amount in lines.items():
        if not code.startswith("br_"):
            continue
        assets = code in ("br_immateriella", "br_materiella", "br_finansiella_anl") or code in (
            "br_forrad",
            "br_fordringar",
            "br_placeringar",
            "br_kassa_bank",
        )
        br.set(year, code, amount if assets else -amount)
    if "br_arets_resultat" not in lines:
        br.set(year, "br_arets_resultat", result)


def build_statements(
    year: int,
    kontoplan: Kontoplan,
    ib: Mapping[str, Decimal],
    ub: Mapping[str, Decimal],
    res: Mapping[str, Decimal],
    previous_res: Mapping[str, Decimal] | None = None,
    previous_ib: Mapping[str, Decimal] | None = None,
) -> tuple[Statement, Statement, Statement]:
    """RR, BR and kassaflödesanalys (indirect method) of ``year`` — and of the year before where the balances allow:
    its RR from ``previous_res``, its kassaflöde when ``previous_ib`` (the balance two year-ends back) is known too —
    from SIE-signed balances. Unmapped accounts are refused (``Kontoplan.check``)."""
    kontoplan.check(ib, ub, res, previous_res or {}, previous_ib or {})
    rr = Statement(Kind.RR, ())
    results = {year: res} | ({year - 1: previous_res} if previous_res else {})
    for y, table in results.items():
        for code, amount in _sum(kontoplan, table, -1).items():
            rr.set(y, code, amount)
    br = Statement(Kind.BR, ())
    this_year = rr.value(year, "rr_arets_resultat") or ZERO
    _balance_sheet(br, year, _sum(kontoplan, ub, 1), this_year)
    opening = _sum(kontoplan, ib, 1)
    last_year = rr.value(year - 1, "rr_arets_resultat") if previous_res else None
    if opening:
        if last_year is None:
            # The opening balance carries last year's result inside eget kapital; show it as övrigt eget kapital.
            opening = dict(opening)
            opening["br_ovrigt_ek"] = opening.get("br_ovrigt_ek", ZERO) + opening.pop("br_arets_resultat", ZERO)
            _balance_sheet(br, year - 1, opening, ZERO)
            br.set(year - 1, "br_arets_resultat", None)
        else:
            _balance_sheet(br, year - 1, opening, last_year)
    kf = cash_flow(year, rr, br)
    if opening and last_year is not None and previous_ib is not None:
        # The year before's kassaflöde: its own opening balances (two year-ends back) beside this year's opening.
        earlier = Statement(Kind.BR, ())
        _balance_sheet(earlier, year - 1, _sum(kontoplan, ib, 1), last_year)
        before = _sum(kontoplan, previous_ib, 1)
        before["br_ovrigt_ek"] = before.get("br_ovrigt_ek", ZERO) + before.pop("br_arets_resultat", ZERO)
        _balance_sheet(earlier, year - 2, before, ZERO)
        for (y, code), value in cash_flow(year - 1, rr, earlier).stated.items():
            kf.set(y, code, value)
    return rr, br, kf


def cash_flow(year: int, rr: Statement, br: Statement) -> Statement:
    """Kassaflödesanalys by the indirect method from the year's RR and the balance sheet at both year ends."""

    def v(code: str, y: int) -> Decimal:
        return br.value(y, code) or ZERO

    def change(code: str) -> Decimal:
        return v(code, year) - v(code, year - 1)

    kf = Statement(Kind.KF, ())
    depreciation = rr.value(year, "rr_avskrivningar") or ZERO  # negative
    fixed = ("br_immateriella", "br_materiella", "br_finansiella_anl")
    kf.set(year, "kf_arets_resultat", rr.value(year, "rr_arets_resultat") or ZERO)
    kf.set(year, "kf_justering", -depreciation + change("br_avsattning_pension") + change("br_andra_avsattningar"))
    kf.set(year, "kf_forrad", -change("br_forrad"))
    kf.set(year, "kf_fordringar", -change("br_fordringar"))
    kf.set(year, "kf_skulder", change("br_kortfristiga"))
    kf.set(year, "kf_investering", -sum((change(c) for c in fixed), ZERO) + depreciation)
    kf.set(year, "kf_finansiering", change("br_langfristiga"))
    kf.set(year, "kf_likvida_ib", v("br_kassa_bank", year - 1) + v("br_placeringar", year - 1))
    kf.set(year, "kf_likvida_ub", v("br_kassa_bank", year) + v("br_placeringar", year))
    return kf
