"""Write SIE 4E files, and generate a samordningsförbund's year of books as one (deterministic by seed).

``write_sie(records, checksum=True)`` turns records (lists of fields; a tuple is an object list) into CP437 bytes,
quoting what needs it and adding #KSUMMA. ``generate_year(year, verifikationer, seed)`` books a fictitious förbund's
year — bidrag from Försäkringskassan, the region and four kommuner, salaries, rent, insatser bought per projekt,
supplier invoices and their payments — on a Kommun-BAS-like kontoplan with two dimensions (1 kostnadsställe,
6 projekt), and writes it with IB, UB, RES and #PSALDO that agree with the verifikationer to the öre.
"""

from __future__ import annotations

import random
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

Record = Sequence[str | tuple[str, ...]]

KONTOPLAN = {
    "1510": ("Kundfordringar", "T"),
    "1790": ("Förutbetalda kostnader och upplupna intäkter", "T"),
    "1930": ("Bank, företagskonto", "T"),
    "2081": ("Eget kapital, ackumulerat", "S"),
    "2440": ("Leverantörsskulder", "S"),
    "2710": ("Personalens källskatt", "S"),
    "2730": ("Lagstadgade sociala avgifter", "S"),
    "2920": ("Upplupna semesterlöner", "S"),
    "3411": ("Bidrag från Försäkringskassan", "I"),
    "3412": ("Bidrag från Region Östra Götaland", "I"),
    "3413": ("Bidrag från Åby kommun", "I"),
    "3414": ("Bidrag från Älvdala kommun", "I"),
    "3415": ("Bidrag från Örnsköping kommun", "I"),
    "3416": ("Bidrag från Sjöstad kommun", "I"),
    "4610": ("Köp av insatser från kommuner", "K"),
    "4620": ("Köp av insatser från övriga", "K"),
    "5011": ("Månadslöner", "K"),
    "5611": ("Arbetsgivaravgifter", "K"),
    "5811": ("Kurser och konferenser", "K"),
    "6110": ("Lokalhyror", "K"),
    "6410": ("Förbrukningsmaterial", "K"),
    "6551": ("IT-tjänster", "K"),
    "6990": ("Övriga främmande tjänster, revision", "K"),
    "8410": ("Räntekostnader, bankavgifter", "K"),
}
KOSTNADSSTALLEN = {"10": "Förbundsledning och kansli", "20": "Individinriktade insatser", "30": "Strukturövergripande"}
PROJEKT = {f"P{n:02d}": name for n, name in enumerate(
    ("Arbetsträning Åby", "Steget vidare", "Unga i Älvdala", "Hälsa och arbete", "Språkstöd",
     "Samverkansteam", "Kartläggning", "Återgång i arbete"), start=1)}  # fmt: skip
_MEMBERS = {"3411": 50, "3412": 25, "3413": 8, "3414": 7, "3415": 6, "3416": 4}  # per cent of tilldelade medel
MEMBER_ACCOUNTS = tuple(_MEMBERS)
_COSTS = ("4610", "4620", "5811", "6410", "6551", "6990")
IB = {"1930": 2_150_000_00, "1510": 0, "2081": -1_420_000_00, "2440": -610_000_00, "2730": -120_000_00}


def _quote(value: str) -> str:
    if value and not any(c in value for c in ' \t"{}'):
        return value
    return '"' + value.replace('"', '\\"') + '"'


def write_sie(records: Iterable[Record], checksum: bool = True, encoding: str = "cp437") -> bytes:
    """The records as an SIE file: fields quoted where needed, CR LF line ends, #KSUMMA (CRC-32 of each record's
    label and field contents, as the standard computes it) after the #FLAGGA record when ``checksum``."""
    lines: list[str] = []
    crc: int | None = None
    for record in records:
        parts = []
        for item in record:
            parts.append("{" + " ".join(_quote(o) for o in item) + "}" if isinstance(item, tuple) else _quote(item))
        if record[0] == "{" or record[0] == "}":
            lines.append(record[0])
            continue
        lines.append((" " if record[0] in ("#TRANS", "#RTRANS", "#BTRANS") else "") + " ".join(parts))
        if crc is not None:
            text = "".join(i if isinstance(i, str) else "".join(i) for i in record)
            crc = zlib.crc32(text.encode(encoding), crc)
        if checksum and record[0] == "#FLAGGA":
            lines.append("#KSUMMA")
            crc = 0
    if crc is not None:
        lines.append(f"#KSUMMA {crc}")
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _kr(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def _d(day: date) -> str:
    return day.strftime("%Y%m%d")


def generate_year(
    year: int = 2026,
    verifikationer: int = 5200,
    seed: int = 1,
    checksum: bool = True,
    ib: dict[str, int] | None = None,
    forbund: tuple[str, str] | None = None,
    tilldelat_kr: int = 12_000_000,
) -> bytes:
    """A balanced SIE 4E file of one year with at least ``verifikationer`` verifikationer (CP437).

    ``ib`` (öre per balance account) chains years: give last year's closing balances with its result on 2099
    (see ``closing_balances``); the year then opens by moving 2099 to eget kapital. ``forbund`` is (namn, orgnr),
    ``tilldelat_kr`` the year's tilldelade medel (the members' shares of it are booked quarterly)."""
    rng = random.Random(seed)
    opening = dict(IB if ib is None else ib)
    kontoplan = dict(KONTOPLAN) | ({"2099": ("Årets resultat", "S")} if "2099" in opening else {})
    start, end = date(year, 1, 1), date(year, 12, 31)
    vers: list[tuple[str, int, date, str, list[tuple[str, tuple[str, ...], int]]]] = []
    serial = defaultdict(int)

    def book(serie: str, day: date, text: str, rows: list[tuple[str, tuple[str, ...], int]]) -> None:
        assert sum(r[2] for r in rows) == 0
        serial[serie] += 1
        vers.append((serie, serial[serie], day, text, rows))

    if opening.get("2099"):
        carried = opening["2099"]
        book("B", start, "Föregående års resultat till eget kapital", [("2099", (), -carried), ("2081", (), carried)])
    tilldelat = tilldelat_kr * 100
    for quarter in range(4):
        day = date(year, 1 + 3 * quarter, 15)
        for account, share in _MEMBERS.items():
            amount = tilldelat * share // 100 // 4
            book(
                "B",
                day,
                f"{KONTOPLAN[account][0]} kvartal {quarter + 1}",
                [("1930", (), amount), (account, (), -amount)],
            )
    for month in range(1, 13):
        payday = date(year, month, 25)
        gross = 0
        rows = []
        for ks, salary in (("10", 118_000_00), ("20", 164_000_00), ("30", 52_000_00)):
            gross += salary
            rows.append(("5011", ("1", ks), salary))
        fees = gross * 3142 // 10000
        tax = gross * 30 // 100
        rows += [("5611", ("1", "10"), fees), ("2710", (), -tax), ("2730", (), -fees), ("1930", (), -(gross - tax))]
        book("L", payday, f"Lön {payday:%Y-%m}", rows)
        book(
            "B",
            date(year, month, 12),
            "Skatt och avgifter",
            [("2710", (), tax), ("2730", (), fees), ("1930", (), -(tax + fees))],
        )
        book(
            "A",
            date(year, month, 1),
            "Lokalhyra kansliet",
            [("6110", ("1", "10"), 38_500_00), ("1930", (), -38_500_00)],
        )
    invoices = max(0, (verifikationer - len(vers) + 1) // 2)
    open_invoices = []
    days = (end - start).days
    for n in range(invoices):
        day = start + timedelta(days=rng.randrange(days - 40))
        account = rng.choice(_COSTS)
        project = rng.choice(list(PROJEKT)) if account in ("4610", "4620") else ""
        ks = "20" if project else rng.choice(("10", "30"))
        amount = rng.randrange(500_00, 90_000_00 if project else 25_000_00)
        objects = ("1", ks, "6", project) if project else ("1", ks)
        text = f"Faktura {n + 1001} {KONTOPLAN[account][0].lower()}"
        book("C", day, text, [(account, objects, amount), ("2440", (), -amount)])
        open_invoices.append((day + timedelta(days=30), amount, n + 1001))
    for due, amount, number in sorted(open_invoices):
        book("D", min(due, end), f"Betalning faktura {number}", [("2440", (), amount), ("1930", (), -amount)])
    book("B", end, 'Bankavgifter "helår"', [("8410", ("1", "10"), 4_812_50), ("1930", (), -4_812_50)])
    vers.sort(key=lambda v: (v[2], v[0], v[1]))
    name, orgnr = forbund or ("Samordningsförbundet Östra Älvdalen", "222000-1234")
    return write_sie(_records(year, vers, start, end, kontoplan, opening, name, orgnr), checksum)


def closing_balances(data: bytes) -> dict[str, int]:
    """The öre balances a generated file closes with, as the next year's ``ib``: its #UB, with the year's result
    (the sum of its #RES) on 2099."""
    out: dict[str, int] = {}
    result = 0
    for line in data.decode("cp437").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] in ("#UB", "#RES") and parts[1] == "0":
            ore = int(Decimal(parts[3]) * 100)
            if parts[0] == "#UB":
                out[parts[2]] = ore
            else:
                result += ore
    out["2099"] = out.get("2099", 0) + result
    return {k: v for k, v in out.items() if v}


def generate_books(
    year: int,
    rows: Iterable[tuple[str, str, int, int]],
    kontoplan: dict[str, tuple[str, str]],
    ib: dict[str, int],
    forbund: tuple[str, str],
    kostnadsstallen: dict[str, str],
    last_month: int = 12,
) -> bytes:
    """A balanced SIE 4E file of ``year`` (to the end of ``last_month``) booking given outcome ``rows``
    (konto, kostnadsställe, month, öre BAS-signed: costs +, income −): income paid into the bank on the 15th,
    each cost a supplier invoice on the 20th {1 kostnadsställe} paid on the 10th of the next month (December's
    and the last month's stay leverantörsskulder). ``ib`` as in ``generate_year``; ``kontoplan`` names and types
    the result accounts (the balance accounts are added)."""
    plan = {k: v for k, v in KONTOPLAN.items() if v[1] in ("T", "S")} | dict(kontoplan)
    opening = dict(ib)
    if "2099" in opening:
        plan["2099"] = ("Årets resultat", "S")
    start, end = date(year, 1, 1), date(year, 12, 31)
    vers: list[tuple[str, int, date, str, list[tuple[str, tuple[str, ...], int]]]] = []
    serial: dict[str, int] = defaultdict(int)

    def book(serie: str, day: date, text: str, entries: list[tuple[str, tuple[str, ...], int]]) -> None:
        serial[serie] += 1
        vers.append((serie, serial[serie], day, text, entries))

    if opening.get("2099"):
        carried = opening["2099"]
        book("B", start, "Föregående års resultat till eget kapital", [("2099", (), -carried), ("2081", (), carried)])
    if opening.get("2440"):
        book("D", date(year, 1, 10), "Betalning leverantörsskulder från föregående år",
             [("2440", (), -opening["2440"]), ("1930", (), opening["2440"])])  # fmt: skip
    number = 1000
    for konto, kst, month, ore in sorted(rows, key=lambda r: (r[2], r[0], r[1])):
        if not ore or month > last_month:
            continue
        name = plan[konto][0]
        if ore < 0:
            book("B", date(year, month, 15), f"{name} {year}-{month:02d}", [("1930", (), -ore), (konto, (), ore)])
            continue
        number += 1
        objects = ("1", kst) if kst else ()
        book(
            "C", date(year, month, 20), f"Faktura {number} {name.lower()}", [(konto, objects, ore), ("2440", (), -ore)]
        )
        if month < min(12, last_month):
            book("D", date(year, month + 1, 10), f"Betalning faktura {number}", [("2440", (), ore), ("1930", (), -ore)])
    vers.sort(key=lambda v: (v[2], v[0], v[1]))
    return write_sie(
        _records(year, vers, start, end, plan, opening, *forbund, objekt={"1": kostnadsstallen}, kptyp="BAS2014")
    )


def _records(
    year,
    vers,
    start,
    end,
    kontoplan=KONTOPLAN,
    opening=IB,
    name="",
    orgnr="222000-1234",
    objekt=None,
    kptyp="Kommun-BAS",
) -> list[Record]:
    moved: dict[str, int] = defaultdict(int)
    monthly: dict[tuple[str, str, tuple[str, ...]], int] = defaultdict(int)
    for _serie, _nr, day, _text, rows in vers:
        for account, objects, amount in rows:
            moved[account] += amount
            period = f"{day:%Y%m}"
            monthly[(period, account, ())] += amount
            if objects and kontoplan[account][1] in ("K", "I"):
                monthly[(period, account, objects[:2])] += amount
    out: list[Record] = [
        ["#FLAGGA", "0"],
        ["#PROGRAM", "FINSAM Kansli demo", "1.0"],
        ["#FORMAT", "PC8"],
        ["#GEN", _d(end), "Demo"],
        ["#SIETYP", "4"],
        ["#FNAMN", name or "Samordningsförbundet Östra Älvdalen"],
        ["#ORGNR", orgnr],
        ["#KPTYP", kptyp],
        ["#VALUTA", "SEK"],
        ["#RAR", "0", _d(start), _d(end)],
        ["#RAR", "-1", _d(start.replace(year=year - 1)), _d(end.replace(year=year - 1))],
        ["#DIM", "1", "Kostnadsställe"],
        ["#DIM", "6", "Projekt"],
    ]
    objekt = {"1": KOSTNADSSTALLEN, "6": PROJEKT} if objekt is None else objekt
    out = [r for r in out if r[0] != "#DIM" or r[1] in objekt]
    for dim, objects in objekt.items():
        out += [["#OBJEKT", dim, k, v] for k, v in objects.items()]
    for number, (label, kind) in kontoplan.items():
        out += [["#KONTO", number, label], ["#KTYP", number, kind]]
    for number, (_label, kind) in kontoplan.items():
        if kind in ("T", "S"):
            out.append(["#IB", "0", number, _kr(opening.get(number, 0))])
            out.append(["#UB", "0", number, _kr(opening.get(number, 0) + moved.get(number, 0))])
        elif moved.get(number):
            out.append(["#RES", "0", number, _kr(moved[number])])
    for (period, account, objects), amount in sorted(monthly.items()):
        out.append(["#PSALDO", "0", period, account, objects, _kr(amount)])
    for serie, nr, day, text, rows in vers:
        out.append(["#VER", serie, str(nr), _d(day), text, _d(day)])
        out.append(["{"])
        out += [["#TRANS", account, objects, _kr(amount)] for account, objects, amount in rows]
        out.append(["}"])
    return out
