"""The content of an SIE 4 file (SIE filformat, utgåva 4B/4C) as frozen data, and the error that refuses a file.

Amounts are Decimal kronor (the file writes them with ``.`` as decimal point). Account numbers stay strings (as
in the file: ``"1930"``, ``"45110"``). An object list is a tuple of ``(dimension, object number)`` pairs in the
order of the file. Every record keeps ``rad``: its 1-based line number in the file, for messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_number

#: ``((dimension, object number), …)``, e.g. ``((1, "100"), (6, "P12"))``; ``()`` is the empty list ``{}``.
ObjectList = tuple[tuple[int, str], ...]

#: Account types of ``#KTYP``: tillgång, skuld (incl. eget kapital), kostnad, intäkt.
ACCOUNT_TYPES = {"T": "tillgång", "S": "skuld", "K": "kostnad", "I": "intäkt"}


@dataclass(frozen=True, slots=True)
class Account:
    number: str
    name: str
    type: str | None = None  # T/S/K/I from #KTYP; None when the file does not say
    rad: int = 0

    @property
    def is_balance(self) -> bool:
        """Balansräkningskonto: by ``#KTYP`` when given, else by the BAS class (1 tillgångar, 2 skulder/EK)."""
        return is_balance_account(self.number, self.type)


def is_balance_account(number: str, ktyp: str | None = None) -> bool:
    if ktyp:
        return ktyp in ("T", "S")
    return number[:1] in ("1", "2")


@dataclass(frozen=True, slots=True)
class Dimension:
    number: int
    name: str
    parent: int | None = None  # #UNDERDIM: the superior dimension
    rad: int = 0


@dataclass(frozen=True, slots=True)
class SieObject:
    dimension: int
    number: str
    name: str
    rad: int = 0


@dataclass(frozen=True, slots=True)
class FiscalYear:
    index: int  # 0 = this year, -1 = the year before, …
    start: date
    end: date
    rad: int = 0

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Balance:
    """#IB, #UB, #RES (``objects`` empty) and #OIB, #OUB (with one or more objects)."""

    year: int
    account: str
    amount: Decimal
    objects: ObjectList = ()
    quantity: Decimal | None = None
    rad: int = 0


@dataclass(frozen=True, slots=True)
class PeriodBalance:
    """#PSALDO (the period's movement, not an accumulated balance) and #PBUDGET."""

    year: int
    period: str  # YYYYMM
    account: str
    objects: ObjectList
    amount: Decimal
    quantity: Decimal | None = None
    rad: int = 0


@dataclass(frozen=True, slots=True)
class Transaction:
    """A #TRANS (booked), #RTRANS (added later) or #BTRANS (struck later) row of a verifikation.

    Only ``TRANS`` rows are the booking: the standard has every #RTRANS followed by the same row as #TRANS, and a
    #BTRANS row is a struck row kept for the audit trail.
    """

    account: str
    objects: ObjectList
    amount: Decimal
    date: date | None = None  # transdat; None means the verifikation's date
    text: str = ""
    quantity: Decimal | None = None
    sign: str = ""
    kind: str = "TRANS"
    rad: int = 0


@dataclass(frozen=True, slots=True)
class Verifikation:
    serie: str
    nr: str
    datum: date
    text: str = ""
    regdatum: date | None = None
    sign: str = ""
    transactions: tuple[Transaction, ...] = ()
    rad: int = 0

    @property
    def booked(self) -> tuple[Transaction, ...]:
        return tuple(t for t in self.transactions if t.kind == "TRANS")

    @property
    def label(self) -> str:
        """``A 17`` (or ``A`` / ``17`` / ``utan nummer`` when the file leaves a part out, as 4I files may)."""
        return " ".join(p for p in (self.serie, self.nr) if p) or "utan nummer"


@dataclass(frozen=True, slots=True)
class UnknownLabel:
    label: str
    first_rad: int
    count: int


@dataclass(frozen=True)
class SieFile:
    """One whole, checked SIE file. ``notes`` are Swedish remarks that did not refuse the file."""

    flagga: int
    sie_type: str  # "1", "2", "3", "4E" or "4I"
    program: str = ""
    program_version: str = ""
    format: str = "PC8"  # what #FORMAT says
    encoding: str = "cp437"  # how the bytes were read
    generated: date | None = None
    company_name: str = ""
    orgnr: str = ""
    kontoplan_type: str = ""  # #KPTYP
    currency: str = "SEK"
    years: tuple[FiscalYear, ...] = ()
    accounts: dict[str, Account] = field(default_factory=dict)
    dimensions: dict[int, Dimension] = field(default_factory=dict)
    objects: dict[tuple[int, str], SieObject] = field(default_factory=dict)
    opening: tuple[Balance, ...] = ()  # #IB
    closing: tuple[Balance, ...] = ()  # #UB
    object_opening: tuple[Balance, ...] = ()  # #OIB
    object_closing: tuple[Balance, ...] = ()  # #OUB
    results: tuple[Balance, ...] = ()  # #RES
    period_balances: tuple[PeriodBalance, ...] = ()  # #PSALDO
    period_budgets: tuple[PeriodBalance, ...] = ()  # #PBUDGET
    verifikationer: tuple[Verifikation, ...] = ()
    checksum: int | None = None  # #KSUMMA, verified when present
    unknown_labels: tuple[UnknownLabel, ...] = ()
    notes: tuple[str, ...] = ()

    def year(self, index: int = 0) -> FiscalYear | None:
        return next((y for y in self.years if y.index == index), None)

    def account_type(self, number: str) -> str | None:
        account = self.accounts.get(number)
        return account.type if account else None

    def is_balance(self, number: str) -> bool:
        return is_balance_account(number, self.account_type(number))

    def balances(self, kind: str, year: int = 0) -> dict[str, Decimal]:
        """``{account: amount}`` of ``"IB"``, ``"UB"`` or ``"RES"`` for a year index (a missing account is 0)."""
        rows = {"IB": self.opening, "UB": self.closing, "RES": self.results}[kind]
        out: dict[str, Decimal] = {}
        for row in rows:
            if row.year == year:
                out[row.account] = out.get(row.account, Decimal(0)) + row.amount
        return out


def rad_text(rad: int) -> str:
    """``Rad 1 234``: a line number as the messages write it."""
    return f"Rad {format_number(rad)}" if rad else "Filen"


@dataclass(frozen=True, slots=True)
class SieProblem:
    rad: int  # 0 when the problem is the whole file
    text: str

    def __str__(self) -> str:
        return f"{rad_text(self.rad)}: {self.text}"


class SieError(ValidationError):
    """The whole SIE file is refused; ``problems`` lists every problem found, by line."""

    SHOWN = 50

    def __init__(self, problems: Sequence[SieProblem], filename: str = ""):
        self.problems = tuple(sorted(problems, key=lambda p: p.rad))
        self.filename = filename
        rows = sorted({p.rad for p in self.problems if p.rad})
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            lines.append(f"… och {len(self.problems) - self.SHOWN} fel till.")
        name = f"SIE-filen {filename}" if filename else "SIE-filen"
        count = len(self.problems)
        where = (
            f" (rad {', '.join(format_number(r) for r in rows[:20])}{' …' if len(rows) > 20 else ''})" if rows else ""
        )
        head = f"{name} lästes inte in: {count} fel{where}. Inget har sparats."
        super().__init__(head + "\n" + "\n".join(lines))

    @property
    def rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.rad for p in self.problems if p.rad}))
