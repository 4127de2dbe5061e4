"""What one utfall import covers and replaces, the sign convention of the file and the sign check.

A file covers keys: (month, konto, kostnadsställe), the amounts of a key summed. A re-import replaces exactly
the keys it covers and nothing else (a one-row correction for March leaves the other March rows alone);
amounts from before keys were stored (``konto`` and ``kst`` both empty) can only be replaced a whole month
at a time, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from finsam_desktop.domain.budget.utfall_import import UtfallRow
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.domain.common.money import format_kr

ZERO = Decimal(0)


class SignConvention(StrEnum):
    """How the file signs its amounts."""

    BUDGET = "budget"  # as in the budget: income and costs both positive
    BAS = "bas"  # BAS / SIE: income negative (credit), costs positive (debit)

    @property
    def label(self) -> str:
        if self is SignConvention.BAS:
            return "BAS-tecknad (intäkter negativa, kostnader positiva)"
        return "som i budgeten (alla belopp positiva)"

    @property
    def short(self) -> str:
        return "BAS" if self is SignConvention.BAS else "som i budgeten"

    @classmethod
    def parse(cls, text: str | SignConvention | None) -> SignConvention:
        if isinstance(text, SignConvention):
            return text
        raw = " ".join(str(text or "").strip().lower().split())
        if raw in ("bas", "bas-tecknad", "sie", "debet-kredit"):
            return cls.BAS
        if raw in ("budget", "som i budgeten", "positiva", "positiv"):
            return cls.BUDGET
        raise ValidationError(
            f"”{clip(text)}” är ingen teckenkonvention; välj bas (intäkter negativa) eller budget (alla positiva).",
            "Teckenkonvention",
        )


@dataclass(frozen=True, slots=True, order=True)
class UtfallKey:
    month: int
    konto: str
    kst: str

    @property
    def legacy(self) -> bool:
        """An amount stored before keys were kept: only its line code and month are known."""
        return not self.konto and not self.kst

    @property
    def label(self) -> str:
        if self.legacy:
            return "äldre import utan konto"
        return ", ".join(
            x for x in (f"kst {self.kst}" if self.kst else "", f"konto {self.konto}" if self.konto else "") if x
        )


@dataclass(frozen=True, slots=True)
class KeyAmount:
    """One key's amount as stored (already in the budget's sign) and the budget line it maps to."""

    key: UtfallKey
    kod: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Replaced:
    old: KeyAmount
    new: Decimal | None  # None: the key is not in the file (an old amount replaced as part of a whole month)


@dataclass(frozen=True, slots=True)
class ReimportPlan:
    replaced: tuple[Replaced, ...]
    added: tuple[UtfallKey, ...]


def resolve_code(row: UtfallRow, mapping: Mapping[str, str]) -> str | None:
    return next((mapping[k] for k in row.keys if k in mapping), None)


def key_amounts(
    rows: Iterable[UtfallRow], mapping: Mapping[str, str], income_codes: set[str], sign: SignConvention
) -> dict[UtfallKey, KeyAmount]:
    """Sum the (already validated, see ``map_rows``) rows per key, in the budget's sign: a BAS-signed file's
    income is turned positive."""
    out: dict[UtfallKey, KeyAmount] = {}
    for r in rows:
        kod = resolve_code(r, mapping)
        if kod is None:
            continue
        amount = -r.belopp if sign is SignConvention.BAS and kod in income_codes else r.belopp
        key = UtfallKey(r.month, r.konto, r.kst)
        prev = out.get(key)
        out[key] = KeyAmount(key, kod, (prev.amount if prev else ZERO) + amount)
    return out


def plan_reimport(existing: Sequence[KeyAmount], new: Mapping[UtfallKey, KeyAmount]) -> ReimportPlan:
    """What the file replaces: the stored amounts of the keys it covers, plus old key-less amounts of the
    months it covers; and which of its keys are new."""
    months = {k.month for k in new}
    stored = {a.key for a in existing}
    replaced = tuple(
        Replaced(a, new[a.key].amount if a.key in new else None)
        for a in sorted(existing, key=lambda a: (a.key, a.kod))
        if a.key in new or (a.key.legacy and a.key.month in months)
    )
    added = tuple(sorted(k for k in new if k not in stored))
    return ReimportPlan(replaced, added)


def month_name(month: int, year: int) -> str:
    return f"{SWEDISH_MONTHS[month - 1]} {year}"


def describe_reimport(plan: ReimportPlan, year: int, limit: int = 12) -> str:
    """``Ersatte 1 rad för mars 2026 (kst 110, konto 5410): 12 000 kr → 14 500 kr; 0 rader tillagda.``"""
    if not plan.replaced:
        return ""
    parts = []
    by_month: dict[int, list[Replaced]] = {}
    for r in plan.replaced:
        by_month.setdefault(r.old.key.month, []).append(r)
    shown = 0
    for month, items in sorted(by_month.items()):
        n = len(items)
        head = f"Ersatte {n} {'rad' if n == 1 else 'rader'} för {month_name(month, year)}"
        if n == 1:
            r = items[0]
            parts.append(f"{head} ({r.old.key.label}): {_amounts(r)}")
            shown += 1
            continue
        listed = []
        for r in items:
            if shown >= limit:
                listed.append("…")
                break
            listed.append(f"{r.old.key.label}: {_amounts(r)}")
            shown += 1
        parts.append(f"{head}: " + "; ".join(listed))
    added = len(plan.added)
    return "; ".join(parts) + f"; {added} {'rad' if added == 1 else 'rader'} {'tillagd' if added == 1 else 'tillagda'}."


def _amounts(r: Replaced) -> str:
    new = format_kr(r.new) if r.new is not None else "borttaget (hela månaden ersattes)"
    return f"{format_kr(r.old.amount)} → {new}"


def sign_warnings(
    amounts: Iterable[KeyAmount], income_codes: set[str], cost_codes: set[str], sign: SignConvention
) -> list[str]:
    """Warn when the file's income lines sum negative, or its cost lines, once read with ``sign``."""
    items = list(amounts)
    income = [a.amount for a in items if a.kod in income_codes]
    costs = [a.amount for a in items if a.kod in cost_codes]
    out = []
    other = SignConvention.BUDGET if sign is SignConvention.BAS else SignConvention.BAS
    hint = f"Välj teckenkonvention ”{other.short}” och importera filen igen (ångra först den här importen)."
    if income and sum(income, ZERO) < 0:
        total = sum(income, ZERO)
        in_file = -total if sign is SignConvention.BAS else total
        question = "är filen tecknad som budgeten?" if sign is SignConvention.BAS else "är filen BAS-tecknad?"
        out.append(
            f"Intäkterna summerar till {format_kr(total)} (i filen {format_kr(in_file)}, läst {sign.short}); "
            f"{question} {hint}"
        )
    if costs and sum(costs, ZERO) < 0:
        out.append(
            f"Kostnaderna summerar till {format_kr(sum(costs, ZERO))} (läst {sign.short}); kostnader ska vara "
            "positiva både i BAS-tecknade filer och i budgeten – kontrollera filens tecken."
        )
    return out
