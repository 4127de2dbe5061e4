"""Utfall import: account mappings, the all-or-nothing import of monthly utfall per konto/kostnadsställe
(re-imports replace exactly what the file covers), the sign convention and undoing the latest import."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.budget.lines import SectionKind
from finsam_desktop.domain.budget.utfall_batches import (
    KeyAmount,
    SignConvention,
    UtfallKey,
    describe_reimport,
    key_amounts,
    plan_reimport,
    sign_warnings,
)
from finsam_desktop.domain.budget.utfall_import import UtfallRow, map_rows, parse_utfall_table
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.persistence.models.budget import (
    UtfallImportRow,
    UtfallKeyRow,
    UtfallMonthRow,
    UtfallReplacedRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    ImportChange,
    ImportInfo,
    ImportResult,
)
from finsam_desktop.services.budget.files import read_rows
from finsam_desktop.services.budget.rows import (
    ZERO,
    budget_doc,
    current_row,
    get_json,
    set_json,
)

MAPPING_PREFIX = "budget.mapping."
SIGN_PREFIX = "budget.sign."  # the sign convention last chosen per mapping


def _import_info(row: UtfallImportRow) -> ImportInfo:
    return ImportInfo(
        row.id,
        row.at,
        row.year,
        row.filename,
        tuple(int(m) for m in row.months.split(",") if m),
        row.row_count,
        from_ore(row.total_ore),
        row.tecken,
        row.undone_at is not None,
    )


class UtfallService:
    """Account mappings and utfall import."""

    def __init__(self, db: Database):
        self.db = db

    def mapping_names(self) -> list[str]:
        with self.db.session() as s:
            keys = s.scalars(select(Setting.key).where(Setting.key.like(MAPPING_PREFIX + "%")))
            return sorted(k[len(MAPPING_PREFIX) :] for k in keys)

    def mapping(self, name: str = "standard") -> dict[str, str]:
        with self.db.session() as s:
            return dict(get_json(s, MAPPING_PREFIX + name, {}))

    def save_mapping(self, name: str, mapping: dict[str, str]) -> None:
        name = (name or "").strip()
        if not name:
            raise ValidationError("får inte vara tomt.", "Kopplingens namn")
        clean = {str(k).strip(): str(v).strip() for k, v in mapping.items() if str(k).strip() and str(v).strip()}
        with self.db.session() as s:
            set_json(s, MAPPING_PREFIX + name, clean)
            record(s, "kontokoppling sparad", "setting", None, f"{name}: {len(clean)} konton")

    def sign_for(self, mapping_name: str = "standard") -> SignConvention:
        """The sign convention last chosen for files imported with ``mapping_name`` (default: as in the budget)."""
        with self.db.session() as s:
            return SignConvention.parse(get_json(s, SIGN_PREFIX + mapping_name, SignConvention.BUDGET.value))

    def import_utfall(
        self,
        data: bytes,
        filename: str,
        mapping_name: str = "standard",
        extra_mapping: dict[str, str] | None = None,
        year: int | None = None,
        dry_run: bool = False,
        sign: SignConvention | str | None = None,
        rows: Sequence[UtfallRow] | None = None,
        session: Session | None = None,
    ) -> ImportResult:
        """Import utfall (konto/kostnadsställe, period, belopp) from a .csv or .xlsx export.

        All-or-nothing, in one transaction: any bad row rejects the whole file with its row number. The file
        replaces exactly what it covers – its months and, in each, its konto/kostnadsställe keys – and nothing
        else; the result says what it replaced. The import is stored as a batch (what it added, what it
        replaced) so that ``undo_last_import`` restores the state before. ``sign`` is the file's sign
        convention (default: the one last chosen for ``mapping_name``); BAS-signed income is turned positive,
        and the result warns when income or costs sum negative. ``extra_mapping`` (konto → line code) and the
        sign are remembered under ``mapping_name``.

        Another area's import (the årsredovisning's SIE import) passes parsed ``rows`` and its own ``session``, so
        the utfall is fed in the same transaction as the books it comes from.
        """
        notes: list[str] = []
        rows = parse_utfall_table(read_rows(data, filename), notes) if rows is None else list(rows)
        years = sorted({r.year for r in rows})
        if year is None:
            if len(years) > 1:
                raise ValidationError(
                    f"filen innehåller flera år ({', '.join(map(str, years))}); importera ett år i taget."
                )
            year = years[0]
        with self._transaction(session) as s:
            budget = current_row(s, year)
            if budget is None:
                raise ValidationError(f"det finns ingen budget för {year} att koppla utfallet till.")
            chosen = SignConvention.parse(
                sign if sign is not None else get_json(s, SIGN_PREFIX + mapping_name, SignConvention.BUDGET.value)
            )
            doc = budget_doc(s, budget)
            codes = {x.kod for x in doc.lines}
            names = {x.kod: x.namn for x in doc.lines}
            income = {x.kod for x in doc.lines if doc.section(x.section_id).kind is SectionKind.INTAKT}
            mapping = dict(get_json(s, MAPPING_PREFIX + mapping_name, {}))
            mapping.update({k: v for k, v in (extra_mapping or {}).items() if k and v})
            for kod in codes:
                mapping.setdefault(kod, kod)  # an account named like the line code maps to it
            parents = {x.id for x in doc.lines if any(c.parent_id == x.id for c in doc.lines)}
            parent_codes = {x.kod for x in doc.lines if x.id in parents}
            sums = map_rows(rows, mapping, codes, year)  # validates every row (and the sums' size)
            bad_parent = sorted(k for k in sums if k in parent_codes)
            if bad_parent:
                raise ValidationError(
                    "utfall kan bara bokas på rader utan varav-rader; kopplingen pekar på "
                    + ", ".join(bad_parent)
                    + "."
                )
            new_keys = key_amounts(rows, mapping, income, chosen)
            months = tuple(sorted({k.month for k in new_keys}))
            stored = {
                (UtfallKey(r.month, r.konto, r.kst), r.kod): r
                for r in s.scalars(
                    select(UtfallKeyRow).where(UtfallKeyRow.year == year, UtfallKeyRow.month.in_(months))
                )
            }
            existing = [KeyAmount(k, kod, from_ore(r.amount_ore)) for (k, kod), r in stored.items()]
            plan = plan_reimport(existing, new_keys)
            old = {(r.kod, r.month): from_ore(r.amount_ore) for r in self._month_rows(s, year, months)}
            new = dict(old)
            for rep in plan.replaced:
                pair = (rep.old.kod, rep.old.key.month)
                new[pair] = new.get(pair, ZERO) - rep.old.amount
            for ka in new_keys.values():
                pair = (ka.kod, ka.key.month)
                new[pair] = new.get(pair, ZERO) + ka.amount
            touched = {(a.kod, a.key.month) for a in new_keys.values()} | {
                (r.old.kod, r.old.key.month) for r in plan.replaced
            }
            changes = tuple(
                ImportChange(k, names.get(k, k), m, old.get((k, m)), new.get((k, m)))
                for (k, m) in sorted(touched, key=lambda x: (x[1], x[0]))
            )
            total = sum((a.amount for a in new_keys.values()), ZERO)
            result = ImportResult(
                year,
                months,
                len(rows),
                total,
                changes,
                bool(plan.replaced),
                dry_run,
                chosen.value,
                describe_reimport(plan, year),
                tuple(sign_warnings(new_keys.values(), income, codes - income, chosen)),
                notes=tuple(notes),
            )
            if dry_run:
                s.rollback()
                return result
            imp = UtfallImportRow(
                at=clock.now(),
                year=year,
                filename=filename[-300:],
                mapping_name=mapping_name,
                months=",".join(map(str, months)),
                row_count=len(rows),
                total_ore=to_ore(total),
                summary="",
                tecken=chosen.value,
            )
            s.add(imp)
            s.flush()
            for rep in plan.replaced:
                row = stored[rep.old.key, rep.old.kod]
                s.add(
                    UtfallReplacedRow(
                        import_id=imp.id,
                        year=year,
                        month=row.month,
                        konto=row.konto,
                        kst=row.kst,
                        kod=row.kod,
                        amount_ore=row.amount_ore,
                        from_import_id=row.import_id,
                    )
                )
            gone = [stored[rep.old.key, rep.old.kod].id for rep in plan.replaced]
            if gone:
                s.execute(delete(UtfallKeyRow).where(UtfallKeyRow.id.in_(gone)))
            for ka in new_keys.values():
                s.add(
                    UtfallKeyRow(
                        year=year,
                        month=ka.key.month,
                        konto=ka.key.konto,
                        kst=ka.key.kst,
                        kod=ka.kod,
                        amount_ore=to_ore(ka.amount),
                        import_id=imp.id,
                    )
                )
            s.flush()
            self._resum(s, year, months)
            result = replace(result, import_id=imp.id)
            imp.summary = result.message
            if extra_mapping:
                stored_mapping = dict(get_json(s, MAPPING_PREFIX + mapping_name, {}))
                stored_mapping.update({k: v for k, v in extra_mapping.items() if k and v})
                set_json(s, MAPPING_PREFIX + mapping_name, stored_mapping)
            set_json(s, SIGN_PREFIX + mapping_name, chosen.value)
            record(s, "utfall importerat", "budget_utfall_import", imp.id, result.message)
            return result

    @contextmanager
    def _transaction(self, session: Session | None) -> Iterator[Session]:
        if session is not None:
            yield session
        else:
            with self.db.session() as s:
                yield s

    def last_import(self, year: int) -> ImportInfo | None:
        """The latest import of ``year`` that has not been undone (what "Ångra senaste import" undoes)."""
        with self.db.session() as s:
            row = self._last(s, year)
            return _import_info(row) if row else None

    def undo_last_import(self, year: int) -> str:
        """Undo the latest import of ``year``: remove what it added and put back what it replaced, exactly.
        Returns what was done, in words."""
        with self.db.session() as s:
            imp = self._last(s, year)
            if imp is None:
                raise ValidationError(f"det finns ingen utfallsimport för {year} att ångra.")
            added = list(s.scalars(select(UtfallKeyRow).where(UtfallKeyRow.import_id == imp.id)))
            replaced = list(s.scalars(select(UtfallReplacedRow).where(UtfallReplacedRow.import_id == imp.id)))
            if added:
                s.execute(delete(UtfallKeyRow).where(UtfallKeyRow.id.in_([r.id for r in added])))
            for r in replaced:
                s.add(
                    UtfallKeyRow(
                        year=r.year,
                        month=r.month,
                        konto=r.konto,
                        kst=r.kst,
                        kod=r.kod,
                        amount_ore=r.amount_ore,
                        import_id=r.from_import_id,
                    )
                )
            s.flush()
            months = tuple(int(m) for m in imp.months.split(",") if m)
            self._resum(s, year, months)
            imp.undone_at = clock.now()
            info = _import_info(imp)
            text = (
                f"Ångrade importen av {info.label}: {len(added)} {'rad' if len(added) == 1 else 'rader'} "
                f"togs bort och {len(replaced)} {'rad' if len(replaced) == 1 else 'rader'} återställdes."
            )
            record(s, "utfallsimport ångrad", "budget_utfall_import", imp.id, text)
            return text

    @staticmethod
    def _last(s: Session, year: int) -> UtfallImportRow | None:
        return s.scalar(
            select(UtfallImportRow)
            .where(UtfallImportRow.year == year, UtfallImportRow.undone_at.is_(None))
            .order_by(UtfallImportRow.id.desc())
            .limit(1)
        )

    @staticmethod
    def _month_rows(s: Session, year: int, months: tuple[int, ...]) -> list[UtfallMonthRow]:
        return list(
            s.scalars(select(UtfallMonthRow).where(UtfallMonthRow.year == year, UtfallMonthRow.month.in_(months)))
        )

    @staticmethod
    def _resum(s: Session, year: int, months: tuple[int, ...]) -> None:
        """Make the per-line month sums of ``months`` the sums of their konto/kostnadsställe rows again."""
        s.execute(delete(UtfallMonthRow).where(UtfallMonthRow.year == year, UtfallMonthRow.month.in_(months)))
        sums = s.execute(
            select(
                UtfallKeyRow.kod,
                UtfallKeyRow.month,
                func.sum(UtfallKeyRow.amount_ore),
                func.max(UtfallKeyRow.import_id),
            )
            .where(UtfallKeyRow.year == year, UtfallKeyRow.month.in_(months))
            .group_by(UtfallKeyRow.kod, UtfallKeyRow.month)
        )
        for kod, month, amount, import_id in sums:
            s.add(UtfallMonthRow(year=year, kod=kod, month=month, amount_ore=int(amount), import_id=import_id))
        s.flush()

    def imported_months(self, year: int) -> list[int]:
        with self.db.session() as s:
            return sorted(set(s.scalars(select(UtfallMonthRow.month).where(UtfallMonthRow.year == year))))
