"""Utfall import: account mappings and the all-or-nothing import of monthly utfall."""

from __future__ import annotations

from sqlalchemy import delete, select

from finsam_desktop import clock
from finsam_desktop.domain.budget.utfall_import import map_rows, parse_utfall_table
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.persistence.models.budget import (
    UtfallImportRow,
    UtfallMonthRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.budget.dto import (
    ImportChange,
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

    def import_utfall(
        self,
        data: bytes,
        filename: str,
        mapping_name: str = "standard",
        extra_mapping: dict[str, str] | None = None,
        year: int | None = None,
        dry_run: bool = False,
    ) -> ImportResult:
        """Import utfall (konto/kostnadsställe, period, belopp) from a .csv or .xlsx export.

        All-or-nothing: any bad row rejects the whole file with its row number. The months in the
        file replace what earlier imports stored for the same months (never added twice); the
        result lists what changed. ``extra_mapping`` (konto → line code) is remembered under
        ``mapping_name``.
        """
        rows = parse_utfall_table(read_rows(data, filename))
        years = sorted({r.year for r in rows})
        if year is None:
            if len(years) > 1:
                raise ValidationError(
                    f"filen innehåller flera år ({', '.join(map(str, years))}); importera ett år i taget."
                )
            year = years[0]
        with self.db.session() as s:
            budget = current_row(s, year)
            if budget is None:
                raise ValidationError(f"det finns ingen budget för {year} att koppla utfallet till.")
            doc = budget_doc(s, budget)
            codes = {x.kod for x in doc.lines}
            names = {x.kod: x.namn for x in doc.lines}
            mapping = dict(get_json(s, MAPPING_PREFIX + mapping_name, {}))
            mapping.update({k: v for k, v in (extra_mapping or {}).items() if k and v})
            for kod in codes:
                mapping.setdefault(kod, kod)  # an account named like the line code maps to it
            parents = {x.id for x in doc.lines if any(c.parent_id == x.id for c in doc.lines)}
            parent_codes = {x.kod for x in doc.lines if x.id in parents}
            sums = map_rows(rows, mapping, codes, year)
            bad_parent = sorted(k for k in sums if k in parent_codes)
            if bad_parent:
                raise ValidationError(
                    "utfall kan bara bokas på rader utan varav-rader; kopplingen pekar på "
                    + ", ".join(bad_parent)
                    + "."
                )
            months = tuple(sorted({m for v in sums.values() for m in v}))
            old = {
                (r.kod, r.month): from_ore(r.amount_ore)
                for r in s.scalars(
                    select(UtfallMonthRow).where(UtfallMonthRow.year == year, UtfallMonthRow.month.in_(months))
                )
            }
            new = {(k, m): v for k, mv in sums.items() for m, v in mv.items()}
            changes = tuple(
                ImportChange(k, names.get(k, k), m, old.get((k, m)), new.get((k, m)))
                for (k, m) in sorted(set(old) | set(new), key=lambda x: (x[1], x[0]))
            )
            total = sum(new.values(), ZERO)
            result = ImportResult(year, months, len(rows), total, changes, bool(old), dry_run)
            if dry_run:
                s.rollback()
                return result
            s.execute(delete(UtfallMonthRow).where(UtfallMonthRow.year == year, UtfallMonthRow.month.in_(months)))
            imp = UtfallImportRow(
                at=clock.now(),
                year=year,
                filename=filename[-300:],
                mapping_name=mapping_name,
                months=",".join(map(str, months)),
                row_count=len(rows),
                total_ore=to_ore(total),
                summary=result.message,
            )
            s.add(imp)
            s.flush()
            for (k, m), v in new.items():
                s.add(UtfallMonthRow(year=year, kod=k, month=m, amount_ore=to_ore(v), import_id=imp.id))
            if extra_mapping:
                stored = dict(get_json(s, MAPPING_PREFIX + mapping_name, {}))
                stored.update({k: v for k, v in extra_mapping.items() if k and v})
                set_json(s, MAPPING_PREFIX + mapping_name, stored)
            record(s, "utfall importerat", "budget_utfall_import", imp.id, result.message)
            return result

    def imported_months(self, year: int) -> list[int]:
        with self.db.session() as s:
            return sorted(set(s.scalars(select(UtfallMonthRow.month).where(UtfallMonthRow.year == year))))
