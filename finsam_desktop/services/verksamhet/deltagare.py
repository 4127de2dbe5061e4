"""Deltagare statistics per insats and month (aggregates only): import of the follow-up system's export, all rows
or nothing, a re-import of the same insats and month replacing what was there (never doubling), the year totals the
årsredovisning's Deltagarflöden shows, and the masking setting for published reports."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.stickprov_mapping import quoted
from finsam_desktop.domain.verksamhet.deltagare_csv import (
    DeltagarPeriod,
    InsatsRef,
    Reason,
    guess_columns,
    load_reasons,
    parse_rows,
    read_file,
)
from finsam_desktop.domain.verksamhet.indicators import Flag
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.budget import InsatsRow
from finsam_desktop.persistence.models.core import Setting
from finsam_desktop.persistence.models.verksamhet_uppfoljning import DeltagareRow
from finsam_desktop.services.audit import record

MASKING_KEY = "verksamhet.maskering"


def reasons() -> tuple[Reason, ...]:
    return load_reasons((resources_dir() / "verksamhet" / "avslutsanledningar.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Preview:
    headers: tuple[str, ...]
    mapping: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    unknown_reasons: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class ImportResult:
    filnamn: str
    imported: tuple[DeltagarPeriod, ...]
    #: "Insats 2026-03" of every insats and month that was already stored and is now replaced.
    replaced: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def summary(self) -> str:
        insatser = len({r.insats_id for r in self.imported})
        text = f"{len(self.imported)} rader (insats och månad) för {insatser} insatser lästes in ur {self.filnamn}."
        if self.replaced:
            text += f" Ersatte tidigare inläsning för {len(self.replaced)}: {', '.join(self.replaced)}."
        return text


def _row_dto(row: DeltagareRow, namn: str) -> DeltagarPeriod:
    return DeltagarPeriod(
        row.insats_id,
        namn,
        row.period,
        row.inskrivna,
        row.pagaende,
        row.avslutade,
        row.kvinnor,
        row.man,
        row.annat,
        row.stegforflyttning,
        tuple(json.loads(row.avslut).items()),
        tuple(json.loads(row.anvisade).items()),
    )


def periods(s: Session, insats_id: int | None = None, year: int | None = None) -> list[DeltagarPeriod]:
    """The stored months (per insats), optionally of one insats and/or one year, by insats name and month."""
    q = select(DeltagareRow, InsatsRow.namn).join(InsatsRow, InsatsRow.id == DeltagareRow.insats_id)
    if insats_id is not None:
        q = q.where(DeltagareRow.insats_id == insats_id)
    if year is not None:
        q = q.where(DeltagareRow.period >= date(year, 1, 1), DeltagareRow.period <= date(year, 12, 31))
    q = q.order_by(InsatsRow.namn, DeltagareRow.period)
    return [_row_dto(r, namn) for r, namn in s.execute(q)]


def year_totals(s: Session, year: int) -> list[tuple[int, FlowRow]]:
    """Per insats (id, totals) with statistics in ``year``: the sums of the months, as the årsredovisning's
    Deltagarflöden shows them (kvinnor/män/annat of the inskrivna; avslut per avslutsanledning by its name,
    "Arbete", in the code list's order, as ``flow_tables`` prints them), by insats name."""
    codes = reasons()
    order = {r.kod: n for n, r in enumerate(codes)}
    label = {r.kod: r.namn for r in codes}
    by_insats: dict[tuple[str, int], list[DeltagarPeriod]] = defaultdict(list)
    for p in periods(s, year=year):
        by_insats[(p.insats, p.insats_id)].append(p)
    out = []
    for (namn, insats_id), months in by_insats.items():
        avslut: dict[str, int] = defaultdict(int)
        for m in months:
            for kod, n in m.avslut:
                avslut[kod] += n
        flow = FlowRow(
            namn,
            sum(m.inskrivna for m in months),
            sum(m.avslutade for m in months),
            sum(m.kvinnor for m in months),
            sum(m.man for m in months),
            sum(m.annat for m in months),
            tuple(
                (label.get(kod, kod), n)
                for kod, n in sorted(avslut.items(), key=lambda kv: order.get(kv[0], len(order)))
            ),
        )
        out.append((insats_id, flow))
    return out


def check_periods(s: Session) -> tuple[Flag, ...]:
    """Months whose avslut per avslutsanledning add up to more than the avslutade (a participant counted under
    two reasons, as seed 003's Tabell 6 does), or whose stegförflyttningar exceed the participants."""
    flags = []
    for p in periods(s):
        where = f"Deltagarstatistik {p.insats} {p.period:%Y-%m}"
        per_reason = sum(n for _k, n in p.avslut)
        if per_reason > p.avslutade:
            flags.append(
                Flag(where, f"avslut per avslutsanledning summerar till {per_reason} men avslutade är {p.avslutade}.")
            )
        if p.stegforflyttning > p.pagaende + p.inskrivna and p.pagaende + p.inskrivna:
            flags.append(
                Flag(
                    where,
                    f"{p.stegforflyttning} stegförflyttningar men bara {p.pagaende + p.inskrivna} "
                    "pågående och inskrivna deltagare.",
                )
            )
    return tuple(flags)


class DeltagareService:
    def __init__(self, db: Database):
        self.db = db

    # --- import -------------------------------------------------------------------------------------------------
    def preview_file(self, data: bytes, filename: str) -> Preview:
        raw = read_file(data)
        guess = guess_columns(raw.headers, reasons())
        return Preview(raw.headers, guess.mapping, guess.ambiguous, guess.unknown_reasons, len(raw.rows))

    def _insatser(self, s) -> list[InsatsRef]:
        return [
            InsatsRef(r.id, r.namn, r.budget_kod or "") for r in s.scalars(select(InsatsRow).order_by(InsatsRow.id))
        ]

    def parse_file(self, data: bytes, filename: str, mapping: dict[str, str] | None = None):
        """The file's rows checked against the stored insatser, nothing saved (``ValidationError`` for a bad one)."""
        codes = reasons()
        raw = read_file(data)
        if mapping is None:
            guess = guess_columns(raw.headers, codes)
            if guess.ambiguous:
                parts = [f"{k}: {quoted(v)}" for k, v in guess.ambiguous.items()]
                raise ValidationError(
                    "flera kolumner passar för samma fält (" + "; ".join(parts) + "); ange kolumnkopplingen.",
                    "Kolumnkoppling",
                )
            mapping = guess.mapping
            unknown = guess.unknown_reasons
        else:
            unknown = tuple(h for h in guess_columns(raw.headers, codes).unknown_reasons if h not in mapping.values())
        if unknown:
            raise ValidationError(
                f"kolumnen {quoted(unknown)} ser ut att vara en avslutsanledning som inte finns i kodlistan "
                f"({', '.join(r.namn for r in codes)}); byt namn på kolumnen eller koppla den med avslut:KOD=kolumn.",
                "Kolumnkoppling",
            )
        with self.db.session() as s:
            insatser = self._insatser(s)
        return parse_rows(raw, mapping, insatser, codes)

    def import_file(self, data: bytes, filename: str, mapping: dict[str, str] | None = None) -> ImportResult:
        """Every row or none; a month of an insats already stored is replaced (and reported), never added to."""
        parsed = self.parse_file(data, filename, mapping)
        now = clock.now()
        replaced = []
        with self.db.session() as s:
            for p in parsed.rows:
                old = s.scalar(
                    select(DeltagareRow).where(DeltagareRow.insats_id == p.insats_id, DeltagareRow.period == p.period)
                )
                if old is not None:
                    replaced.append(f"{p.insats} {p.period:%Y-%m}")
                    s.delete(old)
                    s.flush()
                s.add(
                    DeltagareRow(
                        insats_id=p.insats_id,
                        period=p.period,
                        inskrivna=p.inskrivna,
                        pagaende=p.pagaende,
                        avslutade=p.avslutade,
                        kvinnor=p.kvinnor,
                        man=p.man,
                        annat=p.annat,
                        stegforflyttning=p.stegforflyttning,
                        avslut=json.dumps(dict(p.avslut), ensure_ascii=False),
                        anvisade=json.dumps(dict(p.anvisade), ensure_ascii=False),
                        kalla=Path(filename).name[:300],
                        imported_at=now,
                    )
                )
            result = ImportResult(Path(filename).name, parsed.rows, tuple(replaced), parsed.notes)
            record(s, "deltagarstatistik importerad", "verksamhet_deltagare", None, result.summary[:500])
        return result

    # --- reading ------------------------------------------------------------------------------------------------
    def periods(self, insats_id: int | None = None, year: int | None = None) -> list[DeltagarPeriod]:
        with self.db.session() as s:
            return periods(s, insats_id, year)

    def year_totals(self, year: int) -> tuple[FlowRow, ...]:
        """Per insats with statistics in ``year``: the sums of the months (see ``year_totals``)."""
        with self.db.session() as s:
            return tuple(flow for _id, flow in year_totals(s, year))

    def anvisade_totals(self, year: int, insats_id: int | None = None) -> dict[str, int]:
        """Inskrivna per referring organisation in ``year`` (the lägesrapport's "anvisade från")."""
        totals: dict[str, int] = defaultdict(int)
        for p in self.periods(insats_id, year):
            for org, n in p.anvisade:
                totals[org] += n
        return dict(totals)

    def check(self) -> tuple[Flag, ...]:
        with self.db.session() as s:
            return check_periods(s)

    # --- masking setting ----------------------------------------------------------------------------------------
    def masking_enabled(self) -> bool:
        """Whether published reports show counts 1–4 as "<5" (on unless turned off)."""
        with self.db.session() as s:
            row = s.get(Setting, MASKING_KEY)
            return True if row is None else bool(json.loads(row.value))

    def set_masking(self, enabled: bool) -> None:
        with self.db.session() as s:
            row = s.get(Setting, MASKING_KEY)
            if row is None:
                s.add(Setting(key=MASKING_KEY, value=json.dumps(bool(enabled))))
            else:
                row.value = json.dumps(bool(enabled))
            record(s, "maskering av små antal " + ("på" if enabled else "av"), "setting", None, MASKING_KEY)
