"""The year's books: importing an SIE 4 file (all or nothing, feeding Budget's utfall in the same transaction),
typing or pasting balances per account, entering a printed report figure by figure, listing and removing years."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.figures import parse_printed
from finsam_desktop.domain.arsredovisning.printed import from_plain
from finsam_desktop.domain.arsredovisning.sie import parse_sie
from finsam_desktop.domain.arsredovisning.sie_figures import KOSTNADSSTALLE, monthly_movements, utfall
from finsam_desktop.domain.arsredovisning.sie_model import SieFile
from finsam_desktop.domain.budget.utfall_batches import SignConvention
from finsam_desktop.domain.budget.utfall_import import UtfallRow
from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.domain.common.money import to_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow
from finsam_desktop.persistence.models.arsredovisning import ArAccountRow, ArMovementRow, ArPrintedRow, ArYearRow
from finsam_desktop.services.arsredovisning.dto import BalancesResult, SieImportResult
from finsam_desktop.services.arsredovisning.rows import clear_books, require_draft, year_row
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import ImportResult
from finsam_desktop.services.budget.rows import current_row
from finsam_desktop.services.budget.utfall import UtfallService

#: The budget mapping the SIE import's utfall is mapped with (Budget's own, see ``services/budget/utfall.py``).
BUDGET_MAPPING = "standard"


@dataclass(frozen=True)
class _Replaced:
    source: str
    filename: str
    imported_at: str


class BooksService:
    def __init__(self, db: Database, utfall: UtfallService):
        self.db = db
        self.utfall = utfall

    # --- SIE ----------------------------------------------------------------------------------------------------
    def import_sie(
        self, data: bytes, filename: str, year: int | None = None, feed_budget: bool = True
    ) -> SieImportResult:
        """Store a year's books from an SIE 4 file, all or nothing: a refused file (``SieError`` with its line
        numbers, or a Budget mapping that does not cover the file) changes nothing. A stored year of the same
        year is replaced (and the result says so). The result accounts' utfall per kostnadsställe and month is fed
        to Budget's utfall import (BAS-signed), which replaces what it covers and never doubles."""
        sie = parse_sie(data, filename)
        fiscal = sie.year(0)
        if fiscal is None:
            raise ValidationError("filen saknar räkenskapsår (#RAR 0).", filename)
        if (fiscal.start.month, fiscal.start.day, fiscal.end.month, fiscal.end.day) != (1, 1, 12, 31) or (
            fiscal.start.year != fiscal.end.year
        ):
            raise ValidationError(
                f"räkenskapsåret {fiscal.start.isoformat()}–{fiscal.end.isoformat()} är inget kalenderår; ett "
                "samordningsförbunds räkenskapsår är kalenderåret.",
                filename,
            )
        book_year = fiscal.start.year
        if year is not None and year != book_year:
            raise ValidationError(f"filen gäller {book_year}, inte {year}.", filename)
        rows = utfall(sie)
        with self.db.session() as s:
            existing = s.scalar(select(ArYearRow).where(ArYearRow.year == book_year))
            replaced = None
            if existing is not None:
                require_draft(existing)
                replaced = _Replaced(
                    existing.source,
                    existing.sie_filename,
                    existing.imported_at.strftime("%Y-%m-%d %H:%M") if existing.imported_at else "",
                )
            row = year_row(s, book_year, create=True)
            clear_books(s, row)
            s.flush()
            row.source = "sie"
            row.sie_filename = filename[-300:]
            row.sie_data = bytes(data)
            row.sie_sha256 = hashlib.sha256(data).hexdigest()
            row.sie_program = " ".join(x for x in (sie.program, sie.program_version) if x)[:200]
            row.sie_format = f"{sie.format} ({sie.encoding})"[:20]
            row.verifikationer = len(sie.verifikationer)
            row.imported_at = clock.now()
            accounts = _store_sie(s, row, sie)
            budget = self._feed_budget(s, book_year, filename, rows) if feed_budget else None
            skipped = ""
            if not feed_budget:
                skipped = "Utfallet fördes inte till Budget (valt vid importen)."
            elif budget is None:
                skipped = f"Det finns ingen budget för {book_year}; utfallet fördes inte till Budget."
            notes = tuple(sie.notes)
            if sie.orgnr and not _same_orgnr(s, sie.orgnr):
                notes += (f"Filens organisationsnummer {sie.orgnr} är inte förbundets.",)
            result = SieImportResult(
                year=book_year,
                filename=filename,
                accounts=accounts,
                verifikationer=len(sie.verifikationer),
                utfall_rows=len(rows) if budget is not None else 0,
                replaced=_replaced_text(replaced),
                budget=budget,
                budget_skipped=skipped,
                notes=notes,
            )
            record(s, "SIE-fil importerad", "ar_year", row.id, result.message)
            return result

    def _feed_budget(self, s, year: int, filename: str, rows) -> ImportResult | None:
        if current_row(s, year) is None:
            return None
        budget_rows = [
            UtfallRow(i, r.konto, r.kostnadsstalle, r.year, r.month, r.amount) for i, r in enumerate(rows, start=1)
        ]
        if not budget_rows:
            return None
        return self.utfall.import_utfall(
            b"",
            filename,
            mapping_name=BUDGET_MAPPING,
            year=year,
            sign=SignConvention.BAS,
            rows=budget_rows,
            session=s,
        )

    # --- typed balances ----------------------------------------------------------------------------------------
    def enter_balances(self, year: int, text: str, opening_text: str = "") -> BalancesResult:
        """Balances typed or pasted, one account a line: ``konto;belopp`` or ``konto;namn;belopp`` (tab or
        semicolon), SIE-signed (debet +, kredit −): for a balance account (class 1–2) its utgående balans, for a
        result account (3–8) the year's result. ``opening_text`` gives the ingående balanser the same way. The
        whole text is refused with its line numbers if any line is wrong; the year's earlier books are replaced."""
        closing = _parse_balances(text, "Saldon")
        opening = _parse_balances(opening_text, "Ingående balanser") if opening_text.strip() else {}
        if not closing:
            raise ValidationError("ange minst ett konto med belopp.", "Saldon")
        bad = sorted(k for k in opening if not _is_balance(k))
        if bad:
            raise ValidationError(f"ingående balans finns bara för balanskonton (1–2): {', '.join(bad)}.", "Saldon")
        with self.db.session() as s:
            row = year_row(s, year, create=True)
            require_draft(row)
            replaced = row.source == "sie" or bool(
                s.scalar(select(ArAccountRow.id).where(ArAccountRow.year_id == row.id))
            )
            clear_books(s, row)
            s.flush()
            row.source = "manuell"
            row.sie_filename, row.sie_data, row.sie_sha256, row.sie_program, row.sie_format = "", None, "", "", ""
            row.verifikationer = 0
            row.imported_at = clock.now()
            for konto in sorted(set(closing) | set(opening)):
                namn, amount = closing.get(konto, ("", None))
                balance = _is_balance(konto)
                s.add(
                    ArAccountRow(
                        year_id=row.id,
                        konto=konto,
                        namn=namn or opening.get(konto, ("", None))[0],
                        ib_ore=to_ore(opening[konto][1]) if konto in opening else (0 if balance else None),
                        ub_ore=to_ore(amount) if balance and amount is not None else None,
                        res_ore=None if balance or amount is None else to_ore(amount),
                    )
                )
            result = BalancesResult(year, len(closing), len(opening), replaced)
            record(s, "saldon inmatade", "ar_year", row.id, result.message)
            return result

    def enter_printed(self, year: int, content: Mapping) -> str:
        """A printed årsredovisning entered figure by figure (``domain/arsredovisning/printed.py``); its figures
        are the year's statements. Checked before anything is stored."""
        from_plain(year, content)  # refuses unknown parts, lines and columns
        text = json.dumps(content, ensure_ascii=False, sort_keys=True)
        with self.db.session() as s:
            row = year_row(s, year, create=True)
            require_draft(row)
            stored = s.scalar(select(ArPrintedRow).where(ArPrintedRow.year_id == row.id))
            if stored is None:
                s.add(ArPrintedRow(year_id=row.id, content=text, updated_at=clock.now()))
            else:
                stored.content, stored.updated_at = text, clock.now()
            message = f"Den tryckta årsredovisningen för {year} är inmatad" + (
                " (ersatte den förra)." if stored else "."
            )
            record(s, "tryckt årsredovisning inmatad", "ar_year", row.id, message)
            return message

    def set_anstallda(self, year: int, anstallda: Decimal | None) -> None:
        with self.db.session() as s:
            row = year_row(s, year, create=True)
            require_draft(row)
            row.anstallda_hundradelar = None if anstallda is None else int(Decimal(anstallda) * 100)
            record(s, "antal anställda ändrat", "ar_year", row.id, f"{year}: {anstallda}")

    def delete_year(self, year: int) -> None:
        with self.db.session() as s:
            row = year_row(s, year)
            require_draft(row)
            s.delete(row)
            record(s, "årsredovisningsår borttaget", "ar_year", row.id, str(year))


def _store_sie(s, row: ArYearRow, sie: SieFile) -> int:
    ib, ub, res = sie.balances("IB"), sie.balances("UB"), sie.balances("RES")
    numbers = sorted(set(sie.accounts) | set(ib) | set(ub) | set(res))
    for konto in numbers:
        account = sie.accounts.get(konto)
        balance = sie.is_balance(konto)
        s.add(
            ArAccountRow(
                year_id=row.id,
                konto=konto,
                namn=(account.name if account else "")[:200],
                ib_ore=to_ore(ib.get(konto, 0)) if balance else None,
                ub_ore=to_ore(ub.get(konto, 0)) if balance else None,
                res_ore=None if balance else to_ore(res.get(konto, 0)),
            )
        )
    for (konto, _y, month), amount in sorted(monthly_movements(sie).items()):
        if amount:
            s.add(ArMovementRow(year_id=row.id, konto=konto, month=month, objekt="", amount_ore=to_ore(amount)))
    for r in utfall(sie):
        if r.kostnadsstalle:
            s.add(
                ArMovementRow(
                    year_id=row.id,
                    konto=r.konto,
                    month=r.month,
                    objekt=f"{KOSTNADSSTALLE}:{r.kostnadsstalle}",
                    amount_ore=to_ore(r.amount),
                )
            )
    s.flush()
    return len(numbers)


def _is_balance(konto: str) -> bool:
    return konto[:1] in ("1", "2")


def _parse_balances(text: str, where: str) -> dict[str, tuple[str, Decimal]]:
    out: dict[str, tuple[str, Decimal]] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in (line.split("\t") if "\t" in line else line.split(";"))]
        if len(parts) not in (2, 3):
            problems.append(f"rad {number}: ”{clip(line)}” ska skrivas konto;belopp eller konto;namn;belopp.")
            continue
        konto, namn, belopp = parts[0], (parts[1] if len(parts) == 3 else ""), parts[-1]
        amount = parse_printed(belopp)
        if not konto.isdigit() or len(konto) < 4:
            problems.append(f"rad {number}: ”{clip(konto)}” är inget kontonummer (minst fyra siffror).")
        elif not isinstance(amount, Decimal):
            problems.append(f"rad {number}: ”{clip(belopp)}” är inget belopp.")
        elif konto in out:
            problems.append(f"rad {number}: konto {konto} står redan på en tidigare rad.")
        else:
            out[konto] = (namn, amount)
    if problems:
        raise ValidationError(" ".join(problems), where)
    return out


def _same_orgnr(s, orgnr: str) -> bool:
    forbund = s.get(ForbundRow, 1)
    digits = "".join(c for c in orgnr if c.isdigit())
    return forbund is None or "".join(c for c in forbund.orgnr if c.isdigit()) == digits


def _replaced_text(replaced: _Replaced | None) -> str:
    if replaced is None:
        return ""
    if replaced.source == "sie":
        return f"ersatte den tidigare importen ({replaced.filename}, {replaced.imported_at})"
    return "ersatte de tidigare inmatade saldona"
