"""The text of a §: att-satser, delpunkter, standard phrases, where the § series starts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.items import AgendaItem, Clause, Part, StandardPhrase
from finsam_desktop.domain.sammantraden.kinds import MeetingStatus, is_locked
from finsam_desktop.domain.sammantraden.texts import clauses_from_forslag, normalize_clause
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MeetingRow, Setting
from finsam_desktop.persistence.models.sammantraden import (
    DecisionClause,
    ParagraphPart,
    SeriesStartRow,
    StandardPhraseRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.context import item_dto_for
from finsam_desktop.services.sammantraden.numbering import renumber_series, series_start_number
from finsam_desktop.services.sammantraden.rows import (
    PHRASES_SEEDED_KEY,
    check_item_field,
    clean,
    editable_item,
    load_phrases,
    organ_row,
)
from finsam_desktop.services.sammantraden.search_index import index_items


class ParagraphsService:
    """The text of a §: att-satser, delpunkter, standard phrases, where the § series starts."""

    def __init__(self, db: Database):
        self.db = db

    def add_clause(self, item_id: int, text_: str, part_id: int | None = None, position: int | None = None) -> Clause:
        text_ = normalize_clause(text_)
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            if part_id is not None:
                part = s.get(ParagraphPart, part_id)
                if part is None or part.agenda_item_id != item.id:
                    raise ValidationError("delpunkten hör inte till paragrafen.", "Delpunkt")
            siblings = list(
                s.scalars(
                    select(DecisionClause)
                    .where(
                        DecisionClause.agenda_item_id == item.id,
                        DecisionClause.part_id.is_(None) if part_id is None else DecisionClause.part_id == part_id,
                    )
                    .order_by(DecisionClause.position, DecisionClause.id)
                )
            )
            row = DecisionClause(agenda_item_id=item.id, part_id=part_id, position=0, text=text_)
            s.add(row)
            idx = len(siblings) if position is None else max(0, min(len(siblings), position - 1))
            siblings.insert(idx, row)
            for i, c in enumerate(siblings):
                c.position = i + 1
            s.flush()
            index_items(s, [item.id])
            record(s, "att-sats tillagd", "agenda_item", item.id, text_[:80])
            return Clause(row.id, item.id, part_id or 0, row.position, row.text, None)

    def _clause(self, s: Session, clause_id: int) -> tuple[DecisionClause, ItemRow]:
        row = s.get(DecisionClause, clause_id)
        if row is None:
            raise NotFoundError("Att-satsen finns inte.")
        item, _m = editable_item(s, row.agenda_item_id)
        return row, item

    def update_clause_text(self, clause_id: int, text_: str, expected: str | None = None) -> None:
        """Autosave of an att-sats; ``expected`` is the text the editor last saw (optimistic locking)."""
        with self.db.session() as s:
            row, item = self._clause(s, clause_id)
            check_item_field(s, item, row, "text", expected)
            row.text = normalize_clause(text_)
            index_items(s, [item.id])

    def remove_clause(self, clause_id: int) -> None:
        with self.db.session() as s:
            row, item = self._clause(s, clause_id)
            s.delete(row)
            index_items(s, [item.id])
            record(s, "att-sats borttagen", "agenda_item", item.id)

    def move_clause(self, clause_id: int, to_position: int) -> None:
        with self.db.session() as s:
            row, item = self._clause(s, clause_id)
            siblings = list(
                s.scalars(
                    select(DecisionClause)
                    .where(
                        DecisionClause.agenda_item_id == item.id,
                        DecisionClause.part_id.is_(None)
                        if row.part_id is None
                        else DecisionClause.part_id == row.part_id,
                    )
                    .order_by(DecisionClause.position, DecisionClause.id)
                )
            )
            siblings.remove(row)
            siblings.insert(max(0, min(len(siblings), to_position - 1)), row)
            for i, c in enumerate(siblings):
                c.position = i + 1

    def apply_forslag(self, item_id: int) -> AgendaItem:
        """Turn the förslag till beslut into the § att-satser (replacing the main ones)."""
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            clauses = clauses_from_forslag(item.forslag_till_beslut)
            if not clauses:
                raise ValidationError("punkten har inget förslag till beslut.", "Förslag till beslut")
            s.execute(
                delete(DecisionClause).where(DecisionClause.agenda_item_id == item.id, DecisionClause.part_id.is_(None))
            )
            for i, c in enumerate(clauses):
                s.add(DecisionClause(agenda_item_id=item.id, part_id=None, position=i + 1, text=c))
            index_items(s, [item.id])
            record(s, "förslag till beslut infört", "agenda_item", item.id)
            return item_dto_for(s, item)

    def add_part(self, item_id: int, rubrik: str = "", text_: str = "") -> Part:
        with self.db.session() as s:
            item, _m = editable_item(s, item_id)
            pos = (
                s.scalar(select(func.max(ParagraphPart.position)).where(ParagraphPart.agenda_item_id == item.id)) or 0
            ) + 1
            row = ParagraphPart(agenda_item_id=item.id, position=pos, rubrik=clean(rubrik), text=text_ or "")
            s.add(row)
            s.flush()
            index_items(s, [item.id])
            return Part(row.id, item.id, row.position, row.rubrik, row.text, ())

    def update_part(
        self, part_id: int, *, rubrik: str | None = None, text: str | None = None, expected: str | None = None
    ) -> Part:
        """``expected``: the text the editor last saw of the one field given (optimistic locking)."""
        with self.db.session() as s:
            row = s.get(ParagraphPart, part_id)
            if row is None:
                raise NotFoundError("Delpunkten finns inte.")
            item, _m = editable_item(s, row.agenda_item_id)
            check_item_field(s, item, row, "rubrik" if rubrik is not None else "text", expected)
            if rubrik is not None:
                row.rubrik = clean(rubrik)
            if text is not None:
                row.text = text
            index_items(s, [item.id])
            clauses = s.scalars(
                select(DecisionClause).where(DecisionClause.part_id == row.id).order_by(DecisionClause.position)
            )
            return Part(
                row.id,
                item.id,
                row.position,
                row.rubrik,
                row.text,
                tuple(Clause(c.id, item.id, row.id, c.position, c.text) for c in clauses),
            )

    def remove_part(self, part_id: int) -> None:
        with self.db.session() as s:
            row = s.get(ParagraphPart, part_id)
            if row is None:
                raise NotFoundError("Delpunkten finns inte.")
            item, _m = editable_item(s, row.agenda_item_id)
            s.delete(row)
            index_items(s, [item.id])

    def _seed_phrases(self, s: Session) -> None:
        if s.get(Setting, PHRASES_SEEDED_KEY) is not None:
            return
        for i, p in enumerate(load_phrases()):
            s.add(StandardPhraseRow(kategori=p.get("kategori", ""), text=p["text"], position=i + 1))
        s.add(Setting(key=PHRASES_SEEDED_KEY, value="true"))
        s.flush()

    def list_phrases(self) -> list[StandardPhrase]:
        with self.db.session() as s:
            if not self.db.read_only:
                self._seed_phrases(s)
            rows = s.scalars(
                select(StandardPhraseRow).order_by(
                    StandardPhraseRow.kategori, StandardPhraseRow.position, StandardPhraseRow.id
                )
            )
            return [StandardPhrase(r.id, r.kategori, r.text, r.position) for r in rows]

    def save_phrase(self, phrase: StandardPhrase) -> StandardPhrase:
        text_ = clean(phrase.text)
        if not text_:
            raise ValidationError("frasen får inte vara tom.", "Standardfras")
        with self.db.session() as s:
            self._seed_phrases(s)
            row = s.get(StandardPhraseRow, phrase.id) if phrase.id else None
            if row is None:
                pos = (s.scalar(select(func.max(StandardPhraseRow.position))) or 0) + 1
                row = StandardPhraseRow(position=pos)
                s.add(row)
            row.kategori, row.text = clean(phrase.kategori), text_
            s.flush()
            return StandardPhrase(row.id, row.kategori, row.text, row.position)

    def remove_phrase(self, phrase_id: int) -> None:
        with self.db.session() as s:
            row = s.get(StandardPhraseRow, phrase_id)
            if row is None:
                raise NotFoundError("Frasen finns inte.")
            s.delete(row)

    def series_start(self, organ_id: int, year: int) -> int:
        with self.db.session() as s:
            return series_start_number(s, organ_id, year)

    def set_series_start(self, organ_id: int, year: int, first_number: int) -> None:
        """A förbund starting mid-year sets the next § number once (before anything is locked)."""
        if first_number < 1:
            raise ValidationError("måste vara minst 1.", "Första §-nummer")
        with self.db.session() as s:
            organ = organ_row(s, organ_id)
            locked = s.scalar(
                select(func.count())
                .select_from(MeetingRow)
                .where(
                    MeetingRow.organ_id == organ.id,
                    MeetingRow.datum >= date(year, 1, 1),
                    MeetingRow.datum <= date(year, 12, 31),
                    MeetingRow.status.in_([st.value for st in MeetingStatus if is_locked(st)]),
                )
            )
            if locked:
                raise ValidationError(
                    f"{organ.namn} har redan låsta protokoll {year}; numreringen kan inte längre ändras.",
                    "Första §-nummer",
                )
            row = s.scalar(select(SeriesStartRow).where(SeriesStartRow.organ_id == organ.id, SeriesStartRow.ar == year))
            if row is None:
                row = SeriesStartRow(organ_id=organ.id, ar=year, first_number=first_number)
                s.add(row)
            row.first_number = first_number
            s.flush()
            renumber_series(s, organ.id, year)
            record(s, "§-numrering startvärde", "organ", organ.id, f"{year}: § {first_number}")
