"""Intern kontroll, use case: the stickprov — import of a ledger file (preview, column mapping remembered),
the reproducible draw, the per-item check against the attestordning in force (the attest area's check; no
attest rule is repeated here), and the stored stickprov."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.attest.batch import AttestChecker
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import to_ore
from finsam_desktop.domain.internkontroll.kontrollplan import (
    KontrollStatus,
)
from finsam_desktop.domain.internkontroll.stickprov_analytics import analyse, present_columns
from finsam_desktop.domain.internkontroll.stickprov_draw import Draw, DrawnItem, draw
from finsam_desktop.domain.internkontroll.stickprov_findings import AnalysisSettings, PopulationReport
from finsam_desktop.domain.internkontroll.stickprov_import import (
    ParsedFile,
    Transaction,
    read_table,
    summary_notes,
)
from finsam_desktop.domain.internkontroll.stickprov_import import parse_file as parse_ledger
from finsam_desktop.domain.internkontroll.stickprov_mapping import guess_columns, upgrade_mapping
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.persistence.models.internkontroll import (
    IkControlStatus,
    IkPlanRow,
    IkStickprov,
    IkStickprovItem,
)
from finsam_desktop.services.attest.area import AttestArea
from finsam_desktop.services.audit import record
from finsam_desktop.services.internkontroll.dto import (
    MAPPING_SETTING,
    FilePreview,
    Stickprov,
    StickprovItem,
)
from finsam_desktop.services.internkontroll.population_store import store_population
from finsam_desktop.services.internkontroll.rows import (
    now,
    stickprov_dto,
)


class StickprovService:
    """Import, draw, check and store stickprov; redraw a stored one to show it is reproducible."""

    def __init__(self, db: Database):
        self.db = db

    def remembered_mapping(self) -> dict[str, str]:
        """The mapping used last time, brought up to date (a stored "konto" that pointed at a kostnadsställe
        column is now "kostnadsstalle")."""
        with self.db.session() as s:
            row = s.get(Setting, MAPPING_SETTING)
            return upgrade_mapping(json.loads(row.value)) if row else {}

    def preview_file(self, data: bytes, filename: str, shown: int = 8) -> FilePreview:
        """Headers, the first rows and a mapping: the remembered one if the file has its columns, else the
        guess, with the roles it left open (two equally good columns) in ``ambiguous``, and the notes the
        import will make (Summa rows)."""
        table = read_table(data, filename)
        remembered = self.remembered_mapping()
        guess = guess_columns(table.headers)
        if remembered and all(col in table.headers for col in remembered.values()):
            mapping, ambiguous = remembered, {}
        else:
            mapping, ambiguous = guess.mapping, guess.ambiguous
        rows = tuple(
            tuple("" if c is None else (c.isoformat()[:10] if isinstance(c, date) else str(c)) for c in cells)
            for _n, cells in table.rows[:shown]
        )
        notes = summary_notes(table, mapping)
        return FilePreview(filename, table.headers, rows, len(table.rows), mapping, ambiguous, notes)

    def parse_file(self, data: bytes, filename: str, mapping: dict[str, str]) -> ParsedFile:
        """Parse the whole file (all or nothing) and remember the mapping for next time."""
        parsed = parse_ledger(data, filename, mapping)
        if not self.db.read_only:
            with self.db.session() as s:
                row = s.get(Setting, MAPPING_SETTING) or Setting(key=MAPPING_SETTING, value="")
                row.value = json.dumps({k: v for k, v in mapping.items() if v}, ensure_ascii=False)
                s.add(row)
        return parsed

    def load_file(self, data: bytes, filename: str, mapping: dict[str, str]) -> list[Transaction]:
        """``parse_file``'s transactions."""
        return list(self.parse_file(data, filename, mapping).transactions)

    def analyse_population(
        self,
        parsed: ParsedFile,
        settings: AnalysisSettings | None = None,
        progress: Callable[[int, int], bool] | None = None,
    ) -> PopulationReport:
        """Every row of the file against the attestordning and the population rules. ``progress(done, total)``
        is called now and then; when it returns False the analysis stops with ``AnalysisCancelled``."""
        report, _per_row = analyse(
            parsed.transactions, parsed.columns, settings, self._checker(parsed.transactions, parsed.columns), progress
        )
        return replace(report, notes=tuple(parsed.notes) + tuple(report.notes)) if parsed.notes else report

    def _checker(self, transactions: Sequence[Transaction], columns: frozenset[str]) -> AttestChecker | None:
        if not transactions:
            return None
        first = min(t.datum for t in transactions)
        last = max(t.datum for t in transactions)
        return AttestArea(self.db).batch.checker(first, last, columns)

    def check_items(self, items: Sequence[DrawnItem], columns: frozenset[str] | None = None) -> list[tuple[str, ...]]:
        """Each drawn item against the attestordning in force on its date: the same check, and so the same
        findings, as the population report has for the row. ``columns``: the fields the file has a column for
        (``ParsedFile.columns``); without it, a field is taken to have a column when any item has a value in it."""
        transactions = [item.transaction for item in items]
        columns = columns if columns is not None else present_columns(transactions)
        checker = self._checker(transactions, columns)
        if checker is None:
            return [() for _ in items]
        return [
            tuple(
                f.text
                for f in checker.findings(
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
            for t in transactions
        ]

    def run_stickprov(
        self,
        transactions: Sequence[Transaction],
        flt: PopulationFilter,
        storlek: int,
        seed: int,
        over_belopp: Decimal | None = None,
        filnamn: str = "",
        ar: int | None = None,
    ) -> Stickprov:
        """Draw and check without storing (the headless ``finsam stickprov``)."""
        d = draw(transactions, flt, storlek, seed, over_belopp)
        findings = self.check_items(d.items, present_columns(transactions))
        return self._unsaved(d, findings, filnamn, len(transactions), ar)

    @staticmethod
    def _unsaved(
        d: Draw, findings: Sequence[tuple[str, ...]], filnamn: str, file_count: int, ar: int | None
    ) -> Stickprov:
        items = tuple(
            StickprovItem(0, i, it.transaction, it.urval, f)
            for i, (it, f) in enumerate(zip(d.items, findings), start=1)
        )
        year = ar or (items[0].transaction.datum.year if items else clock.today().year)
        return Stickprov(
            0,
            year,
            None,
            "",
            filnamn,
            "",
            {},
            d.filter,
            d.storlek,
            d.seed,
            d.over_belopp,
            d.population_count,
            d.population_sum,
            d.fingerprint,
            file_count,
            None,
            items,
        )

    def create_stickprov(
        self,
        data: bytes,
        filnamn: str,
        mapping: dict[str, str],
        flt: PopulationFilter,
        storlek: int,
        seed: int,
        over_belopp: Decimal | None = None,
        ar: int | None = None,
        plan_row_id: int | None = None,
        titel: str = "",
        settings: AnalysisSettings | None = None,
        progress: Callable[[int, int], bool] | None = None,
        parsed: ParsedFile | None = None,
    ) -> Stickprov:
        """Import, draw, check every row (the population report) and store it all in one go; the file is kept
        so the draw can be reproduced. A cancelled analysis (``AnalysisCancelled``) stores nothing."""
        if parsed is None:  # a caller that already read the file (the GUI) hands it on
            parsed = self.parse_file(data, filnamn, mapping)
        transactions = list(parsed.transactions)
        d = draw(transactions, flt, storlek, seed, over_belopp)
        findings = self.check_items(d.items, parsed.columns)
        population = self.analyse_population(parsed, settings, progress)

        with self.db.session() as s:
            if plan_row_id is not None and s.get(IkPlanRow, plan_row_id) is None:
                raise ValidationError("kontrollen finns inte.", "Kontroll")
            year = ar or (flt.till or flt.fran or d.items[0].transaction.datum).year
            row = IkStickprov(
                ar=year,
                plan_row_id=plan_row_id,
                titel=titel.strip() or f"Stickprov {year}",
                filnamn=filnamn,
                fil=data,
                fil_sha256=hashlib.sha256(data).hexdigest(),
                mapping_json=json.dumps({k: v for k, v in mapping.items() if v}, ensure_ascii=False),
                period_fran=flt.fran,
                period_till=flt.till,
                konto_filter=flt.konto.strip(),
                min_belopp_ore=to_ore(flt.min_belopp) if flt.min_belopp is not None else None,
                storlek=storlek,
                over_belopp_ore=to_ore(over_belopp) if over_belopp is not None else None,
                seed=seed,
                population_count=d.population_count,
                population_sum_ore=to_ore(d.population_sum),
                fingerprint=d.fingerprint,
                file_count=len(transactions),
                created_at=now(),
            )
            s.add(row)
            s.flush()
            store_population(s, row, population)
            for pos, (item, found) in enumerate(zip(d.items, findings), start=1):
                t = item.transaction
                s.add(
                    IkStickprovItem(
                        stickprov_id=row.id,
                        position=pos,
                        rad=t.rad,
                        verifikation=t.verifikation,
                        datum=t.datum,
                        belopp_ore=to_ore(t.belopp),
                        motpart=t.motpart,
                        konto=" / ".join(v for v in (t.konto, t.kostnadsstalle) if v),  # shown as Konto/Kst
                        attestanter="\n".join(t.attestanter),
                        utanordnare=t.utanordnare,
                        urval=item.urval.value,
                        auto_findings="\n".join(found),
                        bedomning="",
                        kommentar="",
                        atgard="",
                        granskad_av="",
                    )
                )
            if plan_row_id is not None:
                st = s.get(IkControlStatus, plan_row_id)
                if st is None:
                    s.add(
                        IkControlStatus(
                            plan_row_id=plan_row_id, status=KontrollStatus.PAGAR.value, kommentar="", updated_at=now()
                        )
                    )
            record(
                s,
                "stickprov draget",
                "ik_stickprov",
                row.id,
                f"{filnamn}: {len(d.items)} av {d.population_count}, frö {seed}; "
                f"{len(population.findings)} fynd i hela filen",
            )
            s.flush()
            return stickprov_dto(s, row)

    def list_stickprov(self, ar: int | None = None) -> list[Stickprov]:
        with self.db.session() as s:
            q = select(IkStickprov).order_by(IkStickprov.created_at.desc(), IkStickprov.id.desc())
            if ar is not None:
                q = q.where(IkStickprov.ar == ar)
            return [stickprov_dto(s, r) for r in s.scalars(q)]

    def get_stickprov(self, stickprov_id: int) -> Stickprov:
        with self.db.session() as s:
            row = s.get(IkStickprov, stickprov_id)
            if row is None:
                raise NotFoundError("Stickprovet finns inte.")
            return stickprov_dto(s, row)

    def reproduce(self, stickprov_id: int) -> bool:
        """Redraw from the stored file with the stored filter and seed; True when the same items come out."""
        with self.db.session() as s:
            row = s.get(IkStickprov, stickprov_id)
            if row is None:
                raise NotFoundError("Stickprovet finns inte.")
            data, filnamn, mapping = row.fil, row.filnamn, json.loads(row.mapping_json)
            stored = stickprov_dto(s, row)
        # The stored mapping as it was (an old one's "konto" stays konto), so the population is the same.
        transactions = parse_ledger(data, filnamn, mapping).transactions
        d = draw(transactions, stored.filter, stored.storlek, stored.seed, stored.over_belopp)
        return d.fingerprint == stored.fingerprint and [
            (i.transaction.verifikation, i.transaction.rad) for i in d.items
        ] == [(i.transaction.verifikation, i.transaction.rad) for i in stored.items]

    def stickprov_file(self, stickprov_id: int) -> tuple[str, bytes]:
        with self.db.session() as s:
            row = s.get(IkStickprov, stickprov_id)
            if row is None:
                raise NotFoundError("Stickprovet finns inte.")
            return row.filnamn, row.fil

    # --- granskning ---------------------------------------------------------------------------
