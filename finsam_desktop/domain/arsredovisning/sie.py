"""Read an SIE file (type 1–4, 4E and 4I) into a checked ``SieFile`` — all of it, or nothing.

``parse_sie(data, filename)`` decodes and splits the file (``sie_lexer``), reads every record it knows, records the
labels it does not know (the standard says a reader ignores them), then runs the strict checks of ``sie_checks``.
Every problem found — a malformed line, a verifikation that does not balance, a UB that is not IB plus the year's
movements, a wrong #KSUMMA — is collected with its line number, and the file is refused with all of them at once
(``SieError``); otherwise the whole file comes back.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.arsredovisning import sie_checks
from finsam_desktop.domain.arsredovisning.sie_lexer import Field, LexError, checksum_parts, decode, fields, split_lines
from finsam_desktop.domain.arsredovisning.sie_model import (
    Account,
    Balance,
    Dimension,
    FiscalYear,
    ObjectList,
    PeriodBalance,
    SieError,
    SieFile,
    SieObject,
    SieProblem,
    Transaction,
    UnknownLabel,
    Verifikation,
)
from finsam_desktop.domain.common.errors import clip
from finsam_desktop.domain.common.money import MAX_AMOUNT

_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?$")
_DIGITS = re.compile(r"\d+$")
_YEAR = re.compile(r"-?\d+$")
_PERIOD = re.compile(r"\d{6}$")
#: Labels read for their content elsewhere or deliberately not needed here (the standard's other records).
_KNOWN_OTHER = {
    "#ADRESS",
    "#BKOD",
    "#ENHET",
    "#FNR",
    "#FTYP",
    "#OMFATTN",
    "#PROSA",
    "#SRU",
    "#TAXAR",
}
_SIE_TYPES = {"1", "2", "3", "4"}
_TRANS = {"#TRANS", "#RTRANS", "#BTRANS"}


class _Bad(Exception):
    """A field that cannot be read; the message is Swedish."""


def _date(text: str, what: str) -> date:
    if len(text) == 8 and text.isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    raise _Bad(f"{what} ”{clip(text, 20)}” är inte ett datum (ÅÅÅÅMMDD)")


def _amount(text: str, what: str = "beloppet") -> Decimal:
    if not _AMOUNT.match(text):
        if "," in text:
            raise _Bad(f"{what} ”{clip(text, 20)}” har decimalkomma; SIE skriver decimalpunkt")
        raise _Bad(f"{what} ”{clip(text, 20)}” är inte ett belopp")
    value = Decimal(text)
    if abs(value) >= MAX_AMOUNT:
        raise _Bad(f"{what} ”{clip(text, 20)}” är orimligt stort")
    return value


def _quantity(items: list[Field], i: int) -> Decimal | None:
    text = _opt(items, i)
    return _amount(text, "kvantiteten") if text else None


def _opt(items: list[Field], i: int) -> str:
    if i < len(items):
        value = items[i]
        if isinstance(value, tuple):
            raise _Bad(f"fält {i} är en objektlista där det ska vara text")
        return value
    return ""


def _account(text: str) -> str:
    if not _DIGITS.match(text):
        raise _Bad(f"kontonumret ”{clip(text, 20)}” är inte ett tal")
    return text


def _year(text: str) -> int:
    if not _YEAR.match(text) or int(text) > 0:
        raise _Bad(f"årsnumret ”{clip(text, 20)}” ska vara 0, -1, -2 …")
    return int(text)


def _objects(value: Field) -> ObjectList:
    if not isinstance(value, tuple):
        raise _Bad(f"”{clip(value, 20)}” står där objektlistan ({{…}}) ska stå")
    if len(value) % 2:
        raise _Bad("objektlistan ska ha par av dimension och objekt")
    pairs = []
    for k in range(0, len(value), 2):
        if not _DIGITS.match(value[k]):
            raise _Bad(f"dimensionen ”{clip(value[k], 20)}” i objektlistan är inte ett tal")
        pairs.append((int(value[k]), value[k + 1]))
    return tuple(pairs)


def _count(items: list[Field], low: int, high: int, label: str) -> None:
    """Too few fields refuse the line. More than the standard has are ignored, as the standard tells readers
    (later versions may add fields at the end of a record); ``_Reader.read`` notes it once per label."""
    n = len(items) - 1
    if n < low:
        raise _Bad(f"{label} ska ha minst {low} fält men har {n}")


class _Reader:
    def __init__(self) -> None:
        self.problems: list[SieProblem] = []
        self.notes: list[str] = []
        self.head: dict[str, tuple[int, list[Field]]] = {}
        self.years: dict[int, FiscalYear] = {}
        self.accounts: dict[str, Account] = {}
        self.ktyp: dict[str, tuple[str, int]] = {}
        self.dimensions: dict[int, Dimension] = {}
        self.objects: dict[tuple[int, str], SieObject] = {}
        self.balances: dict[str, list[Balance]] = {k: [] for k in ("#IB", "#UB", "#RES", "#OIB", "#OUB")}
        self.seen_balance: dict[tuple, int] = {}
        self.periods: dict[str, list[PeriodBalance]] = {"#PSALDO": [], "#PBUDGET": []}
        self.vers: list[Verifikation] = []
        self.unknown: dict[str, list[int]] = {}
        self.tainted_accounts: set[str] = set()
        self.tainted_vers: set[int] = set()
        self.crc: int | None = None
        self.crc_started = 0
        self.checksum: int | None = None
        self.encoding = "cp437"
        self.extra: dict[str, int] = {}

    def problem(self, rad: int, text: str) -> None:
        self.problems.append(SieProblem(rad, text))

    # --- the loop over lines -------------------------------------------------------------------------------
    def read(self, lines: list[str]) -> None:
        ver: dict | None = None  # the open #VER: its fields and rows
        expect_brace = False
        first = True
        for i, raw in enumerate(lines):
            rad = i + 1
            line = raw.strip(" \t\x1a")
            if not line:
                continue
            if line in ("{", "}"):
                if line == "{":
                    if not expect_brace:
                        self.problem(rad, "”{” utan #VER före")
                    expect_brace = False
                elif ver is None:
                    self.problem(rad, "”}” utan öppen verifikation")
                else:
                    self._close_ver(ver)
                    ver = None
                continue
            try:
                items = fields(line)
            except LexError as exc:
                self.problem(rad, str(exc))
                if ver is not None:
                    self.tainted_vers.add(ver["rad"])
                continue
            label = items[0] if isinstance(items[0], str) else ""
            if not label.startswith("#"):
                self.problem(rad, f"raden börjar inte med en etikett (#…): ”{clip(line, 40)}”")
                continue
            label = items[0] = label.upper()
            if first:
                first = False
                if label != "#FLAGGA":
                    self.problem(rad, "filen ska börja med #FLAGGA (SIE-standardens flaggpost)")
            if label == "#KSUMMA":
                self._ksumma(items, rad)
                continue
            if self.crc is not None:
                self.crc = zlib.crc32(checksum_parts(items).encode(self.encoding, "replace"), self.crc)
            if expect_brace:
                self.problem(rad, "”{” saknas efter #VER")
                expect_brace = False
                if ver is not None:
                    self._close_ver(ver)
                    ver = None
            if ver is not None and label not in _TRANS:
                self.problem(rad, f"{label} inuti en verifikation; ”}}” saknas före")
                self._close_ver(ver)
                ver = None
            try:
                if label in _TRANS:
                    if ver is None:
                        raise _Bad(f"{label} utanför en verifikation")
                    ver["rows"].append(self._trans(items, rad, label))
                elif label == "#VER":
                    ver = self._ver(items, rad)
                    expect_brace = True
                else:
                    self._record(label, items, rad)
                if len(items) - 1 > _MOST.get(label, 99):
                    self.extra.setdefault(label, rad)
            except _Bad as exc:
                self.problem(rad, f"{label}: {exc}")
                if label == "#VER":  # still read its rows (each is reported on its own), but keep it out of sums
                    ver = {"rad": rad, "label": " ".join(str(i) for i in items[1:3]), "rows": []}
                    expect_brace = True
                    self.tainted_vers.add(rad)
                if ver is not None and label in _TRANS:
                    self.tainted_vers.add(ver["rad"])
                if label in ("#IB", "#UB", "#RES", "#OIB", "#OUB", "#PSALDO") and len(items) > 2:
                    self.tainted_accounts.add(str(items[2]))
                if label in _TRANS and len(items) > 1:
                    self.tainted_accounts.add(str(items[1]))
        if ver is not None:
            self.problem(ver["rad"], f"verifikation {ver['label']} avslutas aldrig med ”}}”")
            self._close_ver(ver)
        if self.crc_started and self.crc is not None:
            self.problem(self.crc_started, "#KSUMMA inleder en kontrollsumma men filen slutar utan #KSUMMA med summan")

    # --- records ---------------------------------------------------------------------------------------------
    def _record(self, label: str, items: list[Field], rad: int) -> None:
        handler = _HANDLERS.get(label)
        if handler is not None:
            handler(self, items, rad)
        elif label in _HEAD:
            _count(items, 0 if label == "#ORGNR" else 1, _HEAD[label], label)
            if label in self.head:
                raise _Bad(f"{label} finns redan på rad {self.head[label][0]}")
            self.head[label] = (rad, items)
        elif label not in _KNOWN_OTHER:
            self.unknown.setdefault(label, []).append(rad)

    def _ksumma(self, items: list[Field], rad: int) -> None:
        if len(items) == 1:
            if self.crc_started:
                self.problem(rad, "#KSUMMA utan summa en andra gång")
            else:
                self.crc_started, self.crc = rad, 0
            return
        if not self.crc_started or self.crc is None:
            self.problem(rad, "#KSUMMA med summa men utan inledande #KSUMMA")
            return
        text = _opt(items, 1)
        if not _DIGITS.match(text):
            self.problem(rad, f"#KSUMMA: ”{clip(text, 20)}” är inte en kontrollsumma")
        elif int(text) != self.crc:
            self.problem(
                rad,
                f"kontrollsumman stämmer inte (filen säger {text}, innehållet ger {self.crc}): filen har ändrats "
                "efter exporten eller skadats",
            )
        else:
            self.checksum = self.crc
        self.crc = None

    def _rar(self, items: list[Field], rad: int) -> None:
        _count(items, 3, 3, "#RAR")
        index = _year(_opt(items, 1))
        start, end = _date(_opt(items, 2), "startdatumet"), _date(_opt(items, 3), "slutdatumet")
        if end < start:
            raise _Bad(f"räkenskapsåret slutar ({end}) före det börjar ({start})")
        if index in self.years:
            raise _Bad(f"räkenskapsår {index} finns redan på rad {self.years[index].rad}")
        self.years[index] = FiscalYear(index, start, end, rad)

    def _konto(self, items: list[Field], rad: int) -> None:
        _count(items, 2, 2, "#KONTO")
        number = _account(_opt(items, 1))
        if number in self.accounts:
            raise _Bad(f"konto {number} finns redan på rad {self.accounts[number].rad}")
        self.accounts[number] = Account(number, _opt(items, 2), None, rad)

    def _ktyp(self, items: list[Field], rad: int) -> None:
        _count(items, 2, 2, "#KTYP")
        number, kind = _account(_opt(items, 1)), _opt(items, 2).upper()
        if kind not in ("T", "S", "K", "I"):
            raise _Bad(f"kontotypen ”{clip(kind, 10)}” ska vara T, S, K eller I")
        self.ktyp[number] = (kind, rad)

    def _dim(self, items: list[Field], rad: int) -> None:
        sub = items[0] == "#UNDERDIM"
        _count(items, 3 if sub else 2, 3 if sub else 2, str(items[0]))
        text = _opt(items, 1)
        if not _DIGITS.match(text):
            raise _Bad(f"dimensionsnumret ”{clip(text, 20)}” är inte ett tal")
        parent = None
        if sub:
            up = _opt(items, 3)
            if not _DIGITS.match(up):
                raise _Bad(f"överordnad dimension ”{clip(up, 20)}” är inte ett tal")
            parent = int(up)
        number = int(text)
        if number in self.dimensions:
            raise _Bad(f"dimension {number} finns redan på rad {self.dimensions[number].rad}")
        self.dimensions[number] = Dimension(number, _opt(items, 2), parent, rad)

    def _objekt(self, items: list[Field], rad: int) -> None:
        _count(items, 3, 3, "#OBJEKT")
        text = _opt(items, 1)
        if not _DIGITS.match(text):
            raise _Bad(f"dimensionsnumret ”{clip(text, 20)}” är inte ett tal")
        key = (int(text), _opt(items, 2))
        if key in self.objects:
            raise _Bad(f"objekt {key[1]} i dimension {key[0]} finns redan på rad {self.objects[key].rad}")
        self.objects[key] = SieObject(key[0], key[1], _opt(items, 3), rad)

    def _balance(self, items: list[Field], rad: int) -> None:
        label = str(items[0])
        with_objects = label in ("#OIB", "#OUB")
        _count(items, 4 if with_objects else 3, 5 if with_objects else 4, label)
        year, account = _year(_opt(items, 1)), _account(_opt(items, 2))
        objects = _objects(items[3]) if with_objects else ()
        at = 4 if with_objects else 3
        row = Balance(year, account, _amount(_opt(items, at)), objects, _quantity(items, at + 1), rad)
        key = (label, year, account, objects)
        if key in self.seen_balance:
            raise _Bad(f"samma saldo finns redan på rad {self.seen_balance[key]}")
        self.seen_balance[key] = rad
        self.balances[label].append(row)

    def _period(self, items: list[Field], rad: int) -> None:
        label = str(items[0])
        _count(items, 5, 6, label)
        year, period = _year(_opt(items, 1)), _opt(items, 2)
        if not _PERIOD.match(period) or not 1 <= int(period[4:]) <= 12:
            raise _Bad(f"perioden ”{clip(period, 20)}” ska vara ÅÅÅÅMM")
        account, objects = _account(_opt(items, 3)), _objects(items[4])
        amount = _amount(_opt(items, 5))
        self.periods[label].append(PeriodBalance(year, period, account, objects, amount, _quantity(items, 6), rad))

    def _ver(self, items: list[Field], rad: int) -> dict:
        _count(items, 3, 6, "#VER")
        serie, nr = _opt(items, 1), _opt(items, 2)
        ver = {"rad": rad, "label": " ".join(p for p in (serie, nr) if p) or "utan nummer", "rows": []}
        datum = _date(_opt(items, 3), "verifikationsdatumet")
        reg = _opt(items, 5)
        ver["ver"] = Verifikation(
            serie, nr, datum, _opt(items, 4), _date(reg, "registreringsdatumet") if reg else None, _opt(items, 6)
        )
        return ver

    def _trans(self, items: list[Field], rad: int, label: str) -> Transaction:
        _count(items, 3, 7, label)
        account = _account(_opt(items, 1))
        objects = _objects(items[2])
        amount = _amount(_opt(items, 3))
        day = _opt(items, 4)
        return Transaction(
            account,
            objects,
            amount,
            _date(day, "transaktionsdatumet") if day else None,
            _opt(items, 5),
            _quantity(items, 6),
            _opt(items, 7),
            label[1:],
            rad,
        )

    def _close_ver(self, ver: dict) -> None:
        head: Verifikation = ver["ver"] if "ver" in ver else None
        if head is None:
            return
        self.vers.append(
            Verifikation(
                head.serie, head.nr, head.datum, head.text, head.regdatum, head.sign, tuple(ver["rows"]), ver["rad"]
            )
        )

    # --- the whole file ----------------------------------------------------------------------------------------
    def build(self, decoded_format: str, encoding: str, filename: str = "") -> SieFile:
        def head(label: str, i: int = 1) -> str:
            entry = self.head.get(label)
            return _opt(entry[1], i) if entry else ""

        flagga = head("#FLAGGA")
        sietyp = head("#SIETYP") or "1"
        if sietyp not in _SIE_TYPES:
            self.problem(self.head["#SIETYP"][0], f"#SIETYP ”{clip(sietyp, 10)}” ska vara 1, 2, 3 eller 4")
        if "#FLAGGA" not in self.head:
            self.problem(0, "#FLAGGA saknas (SIE-standardens flaggpost)")
        if flagga not in ("", "0", "1") and "#FLAGGA" in self.head:
            self.problem(self.head["#FLAGGA"][0], f"#FLAGGA ”{clip(flagga, 10)}” ska vara 0 eller 1")
        generated = None
        if "#GEN" in self.head:
            try:
                generated = _date(head("#GEN"), "#GEN-datumet")
            except _Bad as exc:
                self.problem(self.head["#GEN"][0], f"#GEN: {exc}")
        for number, (kind, _rad) in self.ktyp.items():
            account = self.accounts.get(number)
            self.accounts[number] = Account(
                number, account.name if account else "", kind, account.rad if account else 0
            )
        has_balances = any(self.balances[k] for k in self.balances) or self.periods["#PSALDO"]
        sie_type = sietyp
        if sietyp == "4":
            is_import = filename.lower().endswith(".si")
            sie_type = "4E" if (has_balances or self.years) and not is_import else "4I"
        for label, rad in self.extra.items():
            self.notes.append(
                f"{label} har fler fält än standarden (första gången rad {rad}); de extra fälten lästes inte."
            )
        for label, rads in self.unknown.items():
            self.notes.append(f"Etiketten {label} (rad {rads[0]}, {len(rads)} st.) är okänd och lästes inte.")
        return SieFile(
            flagga=int(flagga) if flagga in ("0", "1") else 0,
            sie_type=sie_type,
            program=head("#PROGRAM"),
            program_version=head("#PROGRAM", 2),
            format=decoded_format,
            encoding=encoding,
            generated=generated,
            company_name=head("#FNAMN"),
            orgnr=head("#ORGNR"),
            kontoplan_type=head("#KPTYP"),
            currency=head("#VALUTA") or "SEK",
            years=tuple(sorted(self.years.values(), key=lambda y: -y.index)),
            accounts=self.accounts,
            dimensions=self.dimensions,
            objects=self.objects,
            opening=tuple(self.balances["#IB"]),
            closing=tuple(self.balances["#UB"]),
            object_opening=tuple(self.balances["#OIB"]),
            object_closing=tuple(self.balances["#OUB"]),
            results=tuple(self.balances["#RES"]),
            period_balances=tuple(self.periods["#PSALDO"]),
            period_budgets=tuple(self.periods["#PBUDGET"]),
            verifikationer=tuple(self.vers),
            checksum=self.checksum,
            unknown_labels=tuple(UnknownLabel(k, v[0], len(v)) for k, v in self.unknown.items()),
            notes=tuple(self.notes),
        )


#: Header records that occur once: label → the most fields it may have.
_HEAD = {"#FLAGGA": 1, "#SIETYP": 1, "#PROGRAM": 2, "#FORMAT": 1, "#GEN": 2, "#FNAMN": 1, "#ORGNR": 3}
_HEAD.update({"#KPTYP": 1, "#VALUTA": 1})

#: The most fields each record has in the standard (the label not counted).
_MOST = dict(_HEAD)
_MOST.update({"#RAR": 3, "#KONTO": 2, "#KTYP": 2, "#DIM": 2, "#UNDERDIM": 3, "#OBJEKT": 3, "#IB": 4, "#UB": 4})
_MOST.update({"#RES": 4, "#OIB": 5, "#OUB": 5, "#PSALDO": 6, "#PBUDGET": 6, "#VER": 6, "#TRANS": 7})
_MOST.update({"#RTRANS": 7, "#BTRANS": 7})

_HANDLERS = {
    "#RAR": _Reader._rar,
    "#KONTO": _Reader._konto,
    "#KTYP": _Reader._ktyp,
    "#DIM": _Reader._dim,
    "#UNDERDIM": _Reader._dim,
    "#OBJEKT": _Reader._objekt,
    "#IB": _Reader._balance,
    "#UB": _Reader._balance,
    "#RES": _Reader._balance,
    "#OIB": _Reader._balance,
    "#OUB": _Reader._balance,
    "#PSALDO": _Reader._period,
    "#PBUDGET": _Reader._period,
}


def parse_sie(data: bytes, filename: str = "") -> SieFile:
    """The whole checked file, or ``SieError`` listing every problem with its line number (Swedish)."""
    try:
        decoded = decode(data)
    except LexError as exc:
        raise SieError([SieProblem(0, str(exc))], filename) from None
    reader = _Reader()
    reader.encoding = decoded.encoding
    if decoded.note:
        reader.notes.append(decoded.note)
    reader.read(split_lines(decoded.text))
    sie = reader.build(decoded.declared or "", decoded.encoding, filename)
    problems = reader.problems + sie_checks.check(sie, reader.tainted_accounts, reader.tainted_vers)
    if problems:
        raise SieError(problems, filename)
    return replace(sie, notes=sie.notes + tuple(sie_checks.remarks(sie)))
